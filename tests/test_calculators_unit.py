"""Calculators without MkDocs: formula parser and evaluator, units, validation and rendering."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.builtin import BUILTINS
from mkdocs_playbook.calculators.fences import (
    CalculatorPages,
    PageErrors,
    compile_fence,
    fence_calculator,
)
from mkdocs_playbook.calculators.render import render, spec_data
from mkdocs_playbook.calculators.spec import CalculatorError
from mkdocs_playbook.calculators.units import (
    DASH,
    UNITS,
    InputError,
    format_value,
    input_text,
    js_number,
    parse_input,
    parse_number,
)
from mkdocs_playbook.core.markdown_fences import find_fences

# --- Parser -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("10 / 4 / 2", 1.25),
        ("2 ^ 3 ^ 2", 512),
        ("-2 ^ 2", -4),
        ("(-2) ^ 2", 4),
        ("2 ^ -1", 0.5),
        ("--3", 3),
        ("+3 - -2", 5),
        ("6 × 7 ÷ 2", 21),  # noqa: RUF001
        ("86_400 / 1e2", 864),
        (".5 + 1.", 1.5),
        ("min(3, 1, 2) + max(4, 5)", 6),
        ("ceil(2.1) + floor(2.9)", 5),
        ("log2(1024) + log10(1000)", 13),
    ],
)
def test_formulas_follow_arithmetic_precedence(formula: str, expected: float) -> None:
    assert expr.evaluate(expr.parse(formula), {}) == pytest.approx(expected, rel=1e-15)


def test_the_tree_is_plain_json() -> None:
    tree = expr.parse("dau * actions / 86400 * max(peak, 1)")
    assert tree == [
        "*",
        ["/", ["*", ["var", "dau"], ["var", "actions"]], ["num", 86400.0]],
        ["call", "max", ["var", "peak"], ["num", 1.0]],
    ]
    assert json.loads(json.dumps(tree)) == tree
    assert expr.variables(tree) == ["dau", "actions", "peak"]


@pytest.mark.parametrize(
    ("formula", "message", "column"),
    [
        ("", "empty", 1),
        ("1 +", "the end of the formula", 4),
        ("2 * (3 + 4", "expected ')'", 11),
        ("a $ b", "unexpected character '$'", 3),
        ("sqrt(4)", "unknown function 'sqrt'", 1),
        ("ceil(1, 2)", "ceil() takes 1 argument", 1),
        ("min(1)", "min() takes at least 2", 1),
        ("1e999", "too large", 1),
        ("a b", "unexpected 'b'", 3),
        ("()", "expected a number", 2),
        ("100M", "unexpected 'M'", 4),
    ],
)
def test_parse_errors_say_what_and_where(formula: str, message: str, column: int) -> None:
    with pytest.raises(expr.FormulaError, match=re.escape(message)) as error:
        expr.parse(formula)
    assert error.value.column == column


@pytest.mark.parametrize(
    ("formula", "env"),
    [
        ("1 / x", {"x": 0.0}),
        ("log2(x)", {"x": 0.0}),
        ("log10(0 - x)", {"x": 1.0}),
        ("x ^ 0.5", {"x": -4.0}),
        ("x ^ 400", {"x": 10.0}),
        ("x * x", {"x": 1e200}),
        ("1 / (1 / x)", {"x": 0.0}),
        ("ceil(x * x)", {"x": 1e200}),
        ("x + 1", {"x": None}),
        ("min(x, 1)", {"x": None}),
    ],
)
def test_undefined_results_are_none_never_nan_or_infinity(
    formula: str, env: dict[str, float | None]
) -> None:
    assert expr.evaluate(expr.parse(formula), env) is None


@pytest.mark.parametrize(
    ("formula", "flagged"),
    [("x / 0", True), ("x / (1 - 1)", True), ("x / 0.0", True), ("x / (y - y)", False)],
)
def test_constant_zero_denominators_are_found(formula: str, flagged: bool) -> None:
    assert bool(expr.divisions_by_zero(expr.parse(formula))) is flagged


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("dau * actions / 86400 * peak", "dau × actions ÷ 86,400 × peak"),  # noqa: RUF001
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a / (b * c)", "a ÷ (b × c)"),  # noqa: RUF001
        ("(a + b) * c", "(a + b) × c"),  # noqa: RUF001
        ("(2 ^ 3) ^ 2", "(2^3)^2"),
        ("2 ^ 3 ^ 2", "2^3^2"),
        ("(-a) ^ 2", "(-a)^2"),
        ("-(a + b)", "-(a + b)"),
        ("max(a, 0.000001)", "max(a, 0.000001)"),
        ("p * growth_sum(g, n)", "p × ((1 + g)^n - 1) ÷ g"),  # noqa: RUF001
        ("p * (a / b)", "p × a ÷ b"),  # noqa: RUF001
    ],
)
def test_formulas_are_shown_with_minimal_parentheses(formula: str, shown: str) -> None:
    assert expr.formula_text(expr.parse(formula)) == shown


# --- Property: the evaluator agrees with Python arithmetic ------------------------------------

ENV: dict[str, float | None] = {"a": 3.5, "b": -2.0, "c": 1000.0, "d": 0.0}
Case = tuple[str, float | None]


def _python_binary(op: str, a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    operations: dict[str, Callable[[], Any]] = {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "/": lambda: a / b,
        "^": lambda: a**b,
    }
    try:
        result = operations[op]()
    except (ZeroDivisionError, OverflowError):
        return None
    if isinstance(result, complex) or not math.isfinite(result):
        return None
    return float(result)


def _python_call(name: str, args: list[float | None]) -> float | None:
    if any(arg is None for arg in args):
        return None
    values = [arg for arg in args if arg is not None]
    try:
        result = {
            "min": lambda: min(values),
            "max": lambda: max(values),
            "ceil": lambda: float(math.ceil(values[0])),
            "floor": lambda: float(math.floor(values[0])),
            "log2": lambda: math.log2(values[0]),
            "log10": lambda: math.log10(values[0]),
            "growth_sum": lambda: (
                values[1]
                if values[0] == 0
                else (math.pow(1 + values[0], values[1]) - 1) / values[0]
            ),
        }[name]()
    except (ValueError, OverflowError):
        return None
    return result if math.isfinite(result) else None


def _binary(parts: tuple[str, Case, Case]) -> Case:
    op, (left, a), (right, b) = parts
    return f"({left}) {op} ({right})", _python_binary(op, a, b)


def _negate(case: Case) -> Case:
    return f"-({case[0]})", None if case[1] is None else -case[1]


def _call(parts: tuple[str, list[Case]]) -> Case:
    name, cases = parts
    if name == "growth_sum":
        cases = cases[:2]
    elif name not in ("min", "max"):
        cases = cases[:1]
    source = ", ".join(text for text, _ in cases)
    return f"{name}({source})", _python_call(name, [value for _, value in cases])


NUMBERS = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
LEAVES = st.one_of(
    NUMBERS.map(lambda v: (repr(v), v)),
    st.sampled_from(sorted(ENV)).map(lambda name: (name, ENV[name])),
)
CASES = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.tuples(st.sampled_from("+-*/^"), children, children).map(_binary),
        children.map(_negate),
        st.tuples(
            st.sampled_from(sorted(expr.FUNCTIONS)), st.lists(children, min_size=2, max_size=3)
        ).map(_call),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(CASES)
def test_the_evaluator_agrees_with_python_arithmetic(case: Case) -> None:
    source, expected = case
    tree = expr.parse(source)
    assert expr.evaluate(tree, ENV) == expected
    # Showing the formula and reading it back gives the tree as a person writes it.
    shown = re.sub(r"(?<=\d),(?=\d{3})", "", expr.formula_text(tree))
    assert expr.parse(shown) == expr.as_written(tree)


# --- Units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("100M", "users", 100e6),
        ("1.5k", "", 1500),
        ("1,000,000", "", 1e6),
        ("3B", "", 3e9),
        ("2KB", "B", 2000),
        ("2 kb", "B", 2000),
        ("1.5 MB", "B", 1.5e6),
        ("1GiB", "B", 1024**3),
        ("512", "B", 512),
        ("10 Mbps", "bit/s", 10e6),
        ("1G", "bit/s", 1e9),
        ("90", "%", 0.9),
        ("90%", "%", 0.9),
        ("3x", "x", 3),
        ("-5", "", -5),
        ("  42  ", "", 42),
    ],
)
def test_inputs_accept_numbers_as_people_write_them(text: str, unit: str, value: float) -> None:
    assert parse_number(text, UNITS[unit]) == value


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("", "", "Enter a number."),
        ("abc", "", "Not a number: enter e.g. 100M, 1.5K or 1,000,000."),
        ("2KB", "", "Not a number"),
        ("1,5", "", "Not a number"),
        ("12 apples", "B", "Not a number: enter e.g. 2KB"),
        ("1e400", "", "Too large: enter at most 10^18."),
        ("99999999999999999999", "", "Too large"),
        ("2EB", "B", "Not a number"),
    ],
)
def test_bad_inputs_are_explained(text: str, unit: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_number(text, UNITS[unit])


def test_bounds_are_checked_and_named_in_the_unit() -> None:
    with pytest.raises(InputError, match=r"^Must be at least 0\.$"):
        parse_input("-5", UNITS["users"], minimum=0)
    with pytest.raises(InputError, match=r"^Must be at most 100%\.$"):
        parse_input("120", UNITS["%"], minimum=0, maximum=1)
    assert parse_input("100", UNITS["%"], minimum=0, maximum=1) == 1


@pytest.mark.parametrize(
    ("value", "unit", "binary", "shown"),
    [
        (34722.222, "req/s", False, "34.7K req/s"),
        (11574.07, "req/s", False, "11.6K req/s"),
        (700, "req/s", False, "700 req/s"),
        (999.7, "", False, "1K"),
        (1e9, "", False, "1B"),
        (2.5e12, "", False, "2.5T"),
        (123456789e9, "", False, "123,000T"),
        (1e18, "", False, "1e18"),
        (0.05, "", False, "0.05"),
        (1.125, "", False, "1.13"),
        (2.675, "", False, "2.67"),  # the binary value is just below 2.675
        (0, "x", False, "0×"),  # noqa: RUF001
        (3, "x", False, "3×"),  # noqa: RUF001
        (10, ":1", False, "10:1"),
        (-1500, "", False, "-1.5K"),
        (6e10, "B/day", False, "60 GB/day"),
        (6e10, "B/day", True, "55.9 GiB/day"),
        (1023, "B", True, "1,020 B"),
        (1024, "B", True, "1 KiB"),
        (2.19e13, "B/year", False, "21.9 TB/year"),
        (1.63e14, "B", False, "163 TB"),
        (2.8e8, "bit/s", False, "280 Mbps"),
        (1.26e9, "bit/s", False, "1.26 Gbps"),
        (0.9, "%", False, "90%"),
        (0.2, "%/year", False, "20%/year"),
        (None, "req/s", False, DASH),
        (math.inf, "", False, DASH),
        (math.nan, "", False, DASH),
    ],
)
def test_values_are_scaled_and_rounded_to_three_digits(
    value: float | None, unit: str, binary: bool, shown: str
) -> None:
    assert format_value(value, UNITS[unit], binary=binary) == shown


def test_terms_leave_out_labels_but_keep_symbols() -> None:
    assert format_value(34722.2, UNITS["req/s"], term=True) == "34.7K"
    assert format_value(6e10, UNITS["B/day"], term=True) == "60 GB"
    assert format_value(0.2, UNITS["%/year"], term=True) == "20%"


@pytest.mark.parametrize(
    ("raw", "unit", "text"),
    [
        ("100M", "users", "100M"),
        (100_000_000, "users", "100M"),
        (1500, "", "1.5K"),
        (123_456, "", "123,456"),
        (2.5, "x", "2.5"),
        (90, "%", "90%"),
        (1000, "B", "1 KB"),
        (512, "B", "512 B"),
        (10_000_000, "bit/s", "10 Mbps"),
    ],
)
def test_numeric_defaults_are_shown_as_typed_and_read_back_exactly(
    raw: Any, unit: str, text: str
) -> None:
    assert input_text(raw, UNITS[unit]) == text
    expected = parse_number(str(raw), UNITS[unit])
    assert parse_number(text, UNITS[unit]) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (123.0, "123"),
        (-0.5, "-0.5"),
        (1157.4074074074074, "1157.4074074074074"),
        (1e16, "10000000000000000"),
        (1e21, "1e+21"),
        (1.5e22, "1.5e+22"),
        (1e-6, "0.000001"),
        (1e-7, "1e-7"),
        (2.5e-8, "2.5e-8"),
    ],
)
def test_raw_values_are_written_as_javascript_writes_them(value: float, text: str) -> None:
    assert js_number(value) == text


# --- Validation: every error names the file and line ------------------------------------------

PAGE = """\
---
description: test
---

# Broken calculators

```calculator
{body}
```
"""
BODY_LINE = 8  # the fence's first body line in PAGE


def assert_reported(body: str, line: int, message: str) -> None:
    """The fence body fails with ``message`` at its 0-based YAML ``line``, named as file:line."""
    with pytest.raises(PageErrors) as error:
        CalculatorPages().prepare_page(
            PAGE.format(body=body).split("---\n", 2)[2], "docs/broken.md", first_line=4
        )
    messages = error.value.messages
    where = f"docs/broken.md:{BODY_LINE + line}: "
    assert any(m.startswith(where) and message in m for m in messages), messages


CUSTOM = """\
title: Demo
inputs:
  - name: qps
    label: QPS
    default: 10
    min: 0
outputs:
  - name: doubled
    label: Doubled
    formula: qps * 2
"""


def test_a_valid_custom_calculator_compiles() -> None:
    calculator = compile_fence(CUSTOM)
    assert calculator.evaluate(calculator.defaults()) == {"doubled": 20}


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("title: Demo", "title: [Demo", 1, "YAML error"),
        ("    label: QPS", "    label: QPS: high", 3, "YAML error: mapping values are not allowed"),
        (
            "formula: qps * 2",
            "formula: qpz * 2",
            9,
            "uses unknown input 'qpz' (known: doubled, qps)",
        ),
        ("formula: qps * 2", "formula: sqrt(qps)", 9, "unknown function 'sqrt'"),
        ("formula: qps * 2", "formula: qps / 0", 9, "divides by zero"),
        ("formula: qps * 2", "formula: qps * (2", 9, "expected ')'"),
        ("formula: qps * 2", "formula: doubled + qps", 9, "cycle: doubled -> doubled"),
        (
            "default: 10",
            "default: -1",
            4,
            "default of 'qps' (-1) is not valid: Must be at least 0.",
        ),
        ("default: 10", "default: lots", 4, "Not a number"),
        ("    min: 0", "    min: 0\n    unit: parsecs", 6, "unknown unit 'parsecs'"),
        ("    min: 0", "    min: 0\n    colour: red", 6, "unknown key 'colour' in an input"),
        ("    label: QPS\n", "", 2, "input 'qps' needs a 'label'"),
        ("  - name: doubled", "  - name: qps", 7, "name 'qps' is used twice"),
        ("  - name: doubled", "  - name: max", 7, "name 'max' is a function"),
        ("    min: 0", "    min: 20\n    max: 5", 5, "min of input 'qps' is greater than its max"),
        ("title: Demo", "title: Demo\ndefaults: {qps: 1}", 1, "'defaults' only applies with"),
        ("title: Demo", "id: 9lives", 0, "id '9lives' must start with a letter"),
    ],
)
def test_each_error_names_the_file_and_line_of_the_key(
    old: str, new: str, line: int, message: str
) -> None:
    assert old in CUSTOM
    assert_reported(CUSTOM.replace(old, new, 1), line, message)


def test_cycles_through_several_outputs_are_reported() -> None:
    body = CUSTOM.replace("formula: qps * 2", "formula: other + 1") + (
        "  - name: other\n    label: Other\n    formula: doubled * qps\n"
    )
    assert_reported(body, 9, "cycle: doubled -> other -> doubled")


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("use: peak-qpz", 0, "unknown built-in calculator 'peak-qpz' (available: peak-qps,"),
        ("use: peak-qps\ndefaults:\n  dauu: 5", 2, "unknown key 'dauu' in the defaults of"),
        ("use: peak-qps\ndefaults:\n  dau: -5", 2, "default of 'dau' (-5) is not valid"),
        ("use: cache\ndefaults:\n  hit_ratio: 120", 2, "Must be at most 100%"),
        ("use: storage\ninputs: []", 1, "'inputs' cannot be combined with 'use'"),
        ("", 0, "the calculator is empty"),
        ("- just\n- a list", 0, "must be a mapping"),
        ("title: No inputs", 0, "needs 'inputs'"),
    ],
)
def test_use_and_shape_errors_name_the_line(body: str, line: int, message: str) -> None:
    assert_reported(body, line, message)


def test_every_broken_fence_of_a_page_is_reported_at_once() -> None:
    markdown = "```calculator\nuse: nope\n```\n\ntext\n\n```calculator\nuse: storage\n" + (
        "defaults:\n  growth: -1\n```\n"
    )
    with pytest.raises(PageErrors) as error:
        CalculatorPages().prepare_page(markdown, "page.md")
    assert [m.split(": ")[0] for m in error.value.messages] == ["page.md:2", "page.md:10"]


# --- Fences in a page -------------------------------------------------------------------------


def test_fences_inside_other_code_blocks_are_left_alone() -> None:
    markdown = (
        "````markdown\n```calculator\nuse: nope\n```\n````\n\n"
        "!!! note\n    ```calculator\n    use: cache\n    ```\n\n"
        "~~~calculator\nuse: storage\n~~~\n"
    )
    fences = find_fences(markdown, "calculator", first_line=10)
    assert [(f.body, f.body_line, f.indent) for f in fences] == [
        ("use: cache", 18, "    "),
        ("use: storage", 22, ""),
    ]
    prepared = CalculatorPages().prepare_page(markdown, "page.md")
    assert "use: nope" in prepared  # the example stays as it is
    assert "use: cache" not in prepared and "use: storage" not in prepared


def test_prepared_fences_become_the_calculators_html() -> None:
    pages = CalculatorPages()
    prepared = pages.prepare_page("```calculator\nuse: peak-qps\n```\n", "page.md")
    token = prepared.split("\n")[1]
    html = pages.fence(token, "calculator", "calculator", {}, None)
    assert html.startswith('<form class="playbook-calculator" data-calculator="peak-qps"')


def test_the_same_calculator_twice_on_a_page_gets_distinct_ids() -> None:
    pages = CalculatorPages()
    prepared = pages.prepare_page(
        "```calculator\nuse: cache\n```\n\n```calculator\nuse: cache\n```\n", "p"
    )
    tokens = [line for line in prepared.split("\n") if line.startswith("playbook-calculator:")]
    forms = [pages.fence(token, "", "", {}, None) for token in tokens]
    assert 'data-calculator="cache"' in forms[0] and 'data-calculator="cache-2"' in forms[1]
    assert 'id="calc-cache-2-in-qps"' in forms[1]


def test_without_the_plugin_the_fence_compiles_its_yaml_and_reports_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert 'data-calculator="bandwidth"' in fence_calculator("use: bandwidth", "", "", {}, None)
    html = fence_calculator("use: nope <b>", "", "", {}, None)
    assert html.startswith('<pre class="playbook-calc-invalid">') and "&lt;b&gt;" in html
    assert "unknown built-in calculator" in caplog.text


# --- Built-ins and rendering ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        (
            "peak-qps",
            {"avg_qps": 1e9 / 86400, "peak_qps": 3e9 / 86400, "peak_write_qps": 3e9 / 86400 / 11},
        ),
        ("storage", {"per_day": 6e10, "per_year": 6e10 * 365}),
        ("bandwidth", {"ingress": 7000 * 1000 * 8 / 2, "egress": 280e6}),
        ("cache", {"origin_qps": 700, "memory": 20e9}),
        ("capacity-planner", {"peak_qps": 3e9 / 86400, "servers": 35}),
    ],
)
def test_builtins_compute_the_textbook_numbers(ident: str, expected: dict[str, float]) -> None:
    calculator = compile_fence(f"use: {ident}")
    results = calculator.evaluate(calculator.defaults())
    for name, value in expected.items():
        assert results[name] == pytest.approx(value, rel=1e-12), name
    assert all(item.help for item in calculator.inputs[:1]), "built-ins explain their inputs"


def test_every_builtin_has_help_for_its_first_inputs_and_units_everywhere() -> None:
    for ident in BUILTINS:
        calculator = compile_fence(f"use: {ident}")
        assert calculator.id == ident
        assert all(item.label for item in calculator.inputs)
        assert all(item.label for item in calculator.outputs)
        assert sum(bool(item.help) for item in calculator.inputs) >= 2, ident


@pytest.mark.parametrize(
    ("rate", "years", "total"),
    [(0.0, 3.0, 3.0), (0.1, 2.0, 2.1), (1.0, 3.0, 7.0), (-0.5, 1.0, 1.0)],
)
def test_growth_sum_is_the_geometric_sum_and_the_plain_count_without_growth(
    rate: float, years: float, total: float
) -> None:
    value = expr.evaluate(expr.parse("growth_sum(r, n)"), {"r": rate, "n": years})
    assert value == pytest.approx(total)


def test_storage_formula_reads_as_a_person_writes_it() -> None:
    html = render(compile_fence("use: storage"))
    text = re.sub(r"<[^>]+>", "", html)
    assert "max(" not in text and "0.000001" not in text and "growth_sum" not in text
    assert "total = per_year × ((1 + growth)^retention - 1) ÷ growth" in text  # noqa: RUF001


def test_storage_total_is_defined_without_growth() -> None:
    calculator = compile_fence("use: storage\ndefaults:\n  growth: 0\n  retention: 2")
    results = calculator.evaluate(calculator.defaults())
    per_year = results["per_year"]
    assert per_year is not None
    assert results["total"] == pytest.approx(2 * per_year, rel=1e-6)


def test_rendered_html_holds_default_results_and_the_working() -> None:
    html = render(compile_fence("use: peak-qps"))
    assert '<output id="calc-peak-qps-out-peak_qps" name="peak_qps"' in html
    assert 'data-value="34722.222222222226">34.7K req/s</output>' in html
    working = re.sub(
        r"<[^>]+>",
        "",
        html.split('<span class="playbook-calc-subst">')[2].split("</span></span>")[0],
    )
    assert working == "100M × 10 ÷ 86,400 × 3 = 34.7K req/s"  # noqa: RUF001
    assert '<label for="calc-peak-qps-in-dau">Daily active users</label>' in html


def test_author_text_is_escaped_in_html_and_json() -> None:
    body = CUSTOM.replace("title: Demo", 'title: "<script>alert(1)</script>"').replace(
        "label: QPS", "label: 'Q \"<b>\" & P'"
    )
    html = render(compile_fence(body))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Q &quot;&lt;b&gt;&quot; &amp; P" in html
    spec = re.search(r'data-spec="([^"]*)"', html)
    assert spec is not None and "<" not in spec[1] and '"' not in spec[1]
    payload = json.loads(unescape(spec[1]))
    assert payload == spec_data(compile_fence(body))
    assert payload["outputs"][0]["tree"] == ["*", ["var", "qps"], ["num", 2.0]]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.9995, "99.95%"),
        (0.99999, "99.999%"),
        (0.999306, "99.931%"),
        (0.997003, "99.7%"),
        (0.9999, "99.99%"),
        (0.995, "99.5%"),
        (0.99, "99%"),
        (1, "100%"),
        (0.12345, "12.3%"),
    ],
)
def test_a_percentage_just_under_100_never_reads_as_100(value: float, shown: str) -> None:
    """Availability targets: three significant digits would show 99.95% as "100%"."""
    assert format_value(value, UNITS["%"]) == shown


DOMAIN = """\
inputs:
  - name: x
    label: X
    default: 0
outputs:
  - name: logs
    label: Log
    formula: log10(x)
  - name: twice
    label: Twice
    formula: logs * 2
  - name: share
    label: Share
    formula: 1 / x
"""


def test_an_output_with_no_value_at_the_defaults_is_an_author_error_with_its_line() -> None:
    with pytest.raises(CalculatorError) as raised:
        compile_fence(DOMAIN)
    problems = [(p.line, p.message) for p in raised.value.problems]
    # Only the causes: 'twice' has no value because 'logs' has none.
    assert problems == [
        (7, "formula of 'logs' has no value at the defaults: log10(x) takes the logarithm of 0"),
        (13, "formula of 'share' has no value at the defaults: 1 \u00f7 x divides by zero"),
    ]
