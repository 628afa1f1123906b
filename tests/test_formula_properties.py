"""Formulas under generated input (Hypothesis): Python's evaluator (the build) and the browser's
(calculator-math.js, run in Node.js) agree on every expression and every set of values, and
neither fails with anything but the documented outcome: ``FormulaError`` from the parser, a
number or ``None`` (never NaN or Infinity) from either evaluator."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from node_bridge import NodeModule

from conftest import ROOT
from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.units import UNITS, format_value

MODULE = ROOT / "plugins" / "mkdocs_playbook" / "assets" / "calculator-math.js"
NAMES = ("a", "b", "c")
EXAMPLES = 400
"""Generated cases per property (the closing note of issue 19 counts them)."""


@pytest.fixture(scope="module")
def browser_math() -> Iterator[NodeModule]:
    module = NodeModule(MODULE)
    yield module
    module.close()


numbers = st.one_of(
    st.sampled_from([0.0, 1.0, 2.0, 0.5, 86400.0, 1e-9, 1e18, 3.0]),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e-12, max_value=1e15),
)


def literal(value: float) -> str:
    return repr(abs(value)) if value >= 0 else f"({value!r})"


@st.composite
def formulas(draw: st.DrawFn, depth: int = 0) -> str:
    """A formula as an author writes it: literals, names, the five operators, unary signs,
    brackets and every function, nested a few levels."""
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        if draw(st.booleans()):
            return draw(st.sampled_from(NAMES))
        return literal(draw(numbers))
    kind = draw(st.sampled_from(["binary", "binary", "unary", "bracket", "call"]))
    inner = formulas(depth + 1)
    if kind == "binary":
        op = draw(st.sampled_from(["+", "-", "*", "/", "^", expr.TIMES, expr.DIVIDE]))
        return f"{draw(inner)} {op} {draw(inner)}"
    if kind == "unary":
        return f"{draw(st.sampled_from(['-', '+']))}{draw(inner)}"
    if kind == "bracket":
        return f"({draw(inner)})"
    name = draw(st.sampled_from(sorted(expr.FUNCTIONS)))
    fewest, most = expr.FUNCTIONS[name]
    count = draw(st.integers(fewest, most if most is not None else fewest + 2))
    return f"{name}({', '.join(draw(inner) for _ in range(count))})"


environments = st.fixed_dictionaries({name: st.one_of(st.none(), numbers) for name in NAMES})


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formula=formulas(), env=environments)
def test_python_and_the_browser_compute_the_same_value(
    browser_math: NodeModule, formula: str, env: dict[str, float | None]
) -> None:
    tree = expr.parse(formula)
    expected = expr.evaluate(tree, env)
    answer = browser_math.call("evaluate", tree, env)
    assert "thrown" not in answer, (formula, env, answer)
    got = answer["value"]
    if expected is None or got is None:
        assert expected is got is None, (formula, env, expected, got)
    else:
        # Both follow IEEE 754; pow and the logarithms may differ in the last bit between
        # C's and V8's implementations.
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-300), (formula, env)


@settings(max_examples=EXAMPLES, deadline=None)
@given(value=st.one_of(numbers, st.floats(allow_nan=False, allow_infinity=False)))
def test_python_and_the_browser_show_a_value_alike(browser_math: NodeModule, value: float) -> None:
    for unit in ("", "req/s", "B", "%", "bit/s"):
        answer = browser_math.call("formatValue", value, UNITS[unit].to_json(), {})
        assert answer == {"value": format_value(value, UNITS[unit])}, (value, unit)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    source=st.text(
        alphabet=st.sampled_from(f"ab1.0e+-*/^(),{expr.TIMES}{expr.DIVIDE} _xlogmincel2"),
        max_size=80,
    )
)
def test_any_text_parses_or_is_a_formula_error(source: str) -> None:
    try:
        tree = expr.parse(source)
    except expr.FormulaError:
        return
    value = expr.evaluate(tree, dict.fromkeys(expr.variables(tree), 2.0))
    assert value is None or math.isfinite(value)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    tree=st.recursive(
        st.one_of(
            st.builds(lambda v: ["num", v], st.floats(allow_nan=False, allow_infinity=False)),
            st.builds(lambda n: ["var", n], st.sampled_from(NAMES)),
        ),
        lambda children: st.one_of(
            st.builds(lambda op, a, b: [op, a, b], st.sampled_from("+-*/^"), children, children),
            st.builds(lambda a: ["neg", a], children),
            st.builds(
                lambda f, a: ["call", f, a],
                st.sampled_from(["ceil", "floor", "log2", "log10"]),
                children,
            ),
            st.builds(
                lambda f, xs: ["call", f, *xs],
                st.sampled_from(["min", "max"]),
                st.lists(children, min_size=2, max_size=3),
            ),
            st.builds(lambda a, b: ["call", "growth_sum", a, b], children, children),
        ),
        max_leaves=30,
    ),
    env=environments,
)
def test_no_tree_makes_either_evaluator_throw(
    browser_math: NodeModule, tree: list[Any], env: dict[str, float | None]
) -> None:
    value = expr.evaluate(tree, env)
    assert value is None or math.isfinite(value)
    answer = browser_math.call("evaluate", tree, env)
    assert "thrown" not in answer, (tree, env, answer)
    assert answer["value"] is None or math.isfinite(answer["value"])


def test_a_formula_nested_too_deep_is_an_author_error_not_a_traceback() -> None:
    with pytest.raises(expr.FormulaError, match="nests more than 64 levels deep"):
        expr.parse("(" * 1200 + "x" + ")" * 1200)
    with pytest.raises(expr.FormulaError, match="nests more than 64 levels deep"):
        expr.parse("-" * 1200 + "x")
    with pytest.raises(expr.FormulaError, match="nests more than 64 levels deep"):
        expr.parse("^".join(["2"] * 1200))
    assert expr.evaluate(expr.parse("(" * 60 + "x" + ")" * 60), {"x": 2.0}) == 2.0
