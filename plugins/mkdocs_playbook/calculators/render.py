"""The HTML of a calculator, with the default results already computed (for readers without
JavaScript, for search and for print) and the JSON that ``calculators.js`` evaluates.

Contract (used by the tests and by anything that integrates with the calculators):
``<form data-calculator="ID">`` holds a labelled ``<input name="INPUT">`` per input and a
labelled ``<output name="OUTPUT" data-value="RAW">`` per output.

Search indexes a calculator as text (Material keeps the words, not the markup): a line break
between each label, field, help and result keeps their words apart there ("Active tenants
Tenants that send…", not "Active tenantsTenants that send…") and changes nothing on screen (each
sits in a flex or grid box, which drops white space between its items). An input's unit, the
buttons, the byte units choice and the status line adorn or work the calculator: search leaves
them out (``data-search-exclude``), so a snippet reads label, help, label, help.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.spec import Calculator, Input, Output
from mkdocs_playbook.calculators.units import Unit, format_value, js_number
from mkdocs_playbook.core.embed import json_attribute

UNIT_TEXT = {"": "", "x": "\u00d7", ":1": ": 1", "B": "bytes"}
"""How an input's unit is written next to its field, where it differs from the unit's name."""


def attr(value: str) -> str:
    return escape(value, quote=True)


def spec_data(calculator: Calculator) -> dict[str, Any]:
    """The calculator as the browser reads it from ``data-spec``."""
    data: dict[str, Any] = {
        "id": calculator.id,
        "inputs": [
            {
                "name": item.name,
                "unit": item.unit.to_json(),
                "min": item.minimum,
                "max": item.maximum,
                "defaultText": item.default_text,
            }
            for item in calculator.inputs
        ],
        "outputs": [
            {
                "name": item.name,
                "unit": item.unit.to_json(),
                "tree": item.tree,
                "deps": calculator.input_deps(item.name),
            }
            for item in calculator.outputs
        ],
        "order": list(calculator.order),
    }
    return data


def term_text(value: float | None, unit: Unit) -> str:
    """A value inside a worked substitution: no count label, negatives in parentheses."""
    text = format_value(value, unit, term=True)
    return f"({text})" if value is not None and value < 0 else text


class _Ids:
    def __init__(self, calculator_id: str) -> None:
        self.form = f"calc-{calculator_id}"

    def input(self, name: str, part: str = "") -> str:
        return f"{self.form}-in-{name}{'-' + part if part else ''}"

    def output(self, name: str) -> str:
        return f"{self.form}-out-{name}"


def render(calculator: Calculator) -> str:
    """The calculator's HTML with its default results."""
    ids = _Ids(calculator.id)
    values: dict[str, float | None] = {**calculator.defaults()}
    values.update(calculator.evaluate(values))
    units = [item.unit for item in calculator.inputs] + [item.unit for item in calculator.outputs]
    has_bytes = any(unit.kind == "bytes" for unit in units)
    parts = [
        f'<form class="playbook-calculator" data-calculator="{attr(calculator.id)}" '
        f'id="{ids.form}" aria-labelledby="{ids.form}-title" novalidate '
        f'data-spec="{json_attribute(spec_data(calculator))}">',
        f'<p class="playbook-calc-title" id="{ids.form}-title">{escape(calculator.title)}</p>',
        '<div class="playbook-calc-inputs">',
        *(_input_html(item, ids) for item in calculator.inputs),
        "</div>",
        '<div class="playbook-calc-outputs">',
        *(_output_html(item, calculator, values, ids) for item in calculator.outputs),
        "</div>",
        _controls_html(ids, has_bytes),
        "</form>",
    ]
    return "\n".join(parts)


def _input_html(item: Input, ids: _Ids) -> str:
    field = ids.input(item.name)
    described = [f"{field}-error"]
    unit_text = UNIT_TEXT.get(item.unit.id, item.unit.id)
    unit_html = ""
    if unit_text:
        unit_html = (
            f'<span class="playbook-calc-unit" id="{field}-unit" data-search-exclude>'
            f"{escape(unit_text)}</span>"
        )
        described.insert(0, f"{field}-unit")
    help_html = ""
    if item.help:
        help_html = f'<span class="playbook-calc-help" id="{field}-help">{escape(item.help)}</span>'
        described.insert(0, f"{field}-help")
    return (
        f'<div class="playbook-calc-field">\n'
        f'<label for="{field}">{escape(item.label)}</label>\n'
        f'<span class="playbook-calc-control"><input id="{field}" name="{item.name}" type="text" '
        f'value="{attr(item.default_text)}" autocomplete="off" spellcheck="false" '
        f'aria-describedby="{" ".join(described)}">\n{unit_html}</span>\n'
        f"{help_html}\n"
        f'<span class="playbook-calc-error" id="{field}-error" aria-live="polite"></span>\n'
        f"</div>"
    )


def _output_html(
    item: Output, calculator: Calculator, values: dict[str, float | None], ids: _Ids
) -> str:
    value = values[item.name]
    out_id = ids.output(item.name)
    feeds = " ".join(ids.input(name) for name in calculator.input_deps(item.name))
    shown = format_value(value, item.unit)
    raw = "" if value is None else js_number(value)
    working: list[str] = []
    for piece in expr.segments(item.tree):
        if isinstance(piece, expr.Ref):
            unit = calculator.unit_of(piece.name)
            text = term_text(values[piece.name], unit)
            working.append(f'<span data-term="{piece.name}">{escape(text)}</span>')
        else:
            working.append(escape(piece))
    help_html = f'<span class="playbook-calc-help">{escape(item.help)}</span>' if item.help else ""
    formula = f"{item.name} = {expr.formula_text(item.tree)}"
    return (
        f'<div class="playbook-calc-result">\n'
        f'<label for="{out_id}">{escape(item.label)}</label>\n'
        f'<output id="{out_id}" name="{item.name}" for="{feeds}" '
        f'data-value="{raw}">{escape(shown)}</output>\n'
        f'<span class="playbook-calc-working">'
        f'<code class="playbook-calc-formula">{escape(formula)}</code> '
        f'<span class="playbook-calc-subst">{"".join(working)} = '
        f'<span data-result="{item.name}">{escape(shown)}</span></span>'
        f"</span>\n"
        f"{help_html}\n"
        f"</div>"
    )


def _controls_html(ids: _Ids, has_bytes: bool) -> str:
    bytes_html = ""
    if has_bytes:
        choices = (
            ("decimal", "KB, MB, GB (1000)", " checked"),
            ("binary", "KiB, MiB, GiB (1024)", ""),
        )
        radios = "".join(
            f'<label><input type="radio" name="playbook-calc-bytes" value="{value}"{checked}> '
            f"{text}</label>"
            for value, text, checked in choices
        )
        bytes_html = (
            f'<fieldset class="playbook-calc-bytes"><legend>Byte units</legend>{radios}</fieldset>'
        )
    return (
        f'<div class="playbook-calc-controls" data-search-exclude>{bytes_html}'
        f'<button type="button" class="md-button" data-action="copy">Copy link</button>'
        f'<button type="button" class="md-button" data-action="reset">Reset</button>'
        f'<span class="playbook-calc-status" id="{ids.form}-status" role="status"></span>'
        f"</div>"
    )
