"""Python's answers for the browser code's pure modules, written as JSON for tests/js/*.test.mjs.

The calculators' arithmetic and number rules exist twice, in Python (the build) and in
JavaScript (the page): these cases are what Python says, and the Node tests check that
``calculator-math.js`` says the same. The flashcards' scheduler parameters are the build's.

    python -m tests.js_fixtures .cache/js-fixtures/parity.json
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.builtin import BUILTINS
from mkdocs_playbook.calculators.fences import compile_fence
from mkdocs_playbook.calculators.render import spec_data
from mkdocs_playbook.calculators.units import (
    UNITS,
    InputError,
    Unit,
    format_value,
    parse_input,
    parse_number,
)
from mkdocs_playbook.flashcards.scheduling import DEFAULT_PARAMS

FORMAT_CASES = [
    *[(v, "") for v in (0, 1, 0.5, 1.125, 2.675, 999.5, 999.4999, 1e3, 1234.5, 86400, 547.5e12)],
    *[(v, "") for v in (-0.004, -1500, 1e-7, 1e-9, 123456789e9, 1e18, 1e25, 0.0005, 0.125)],
    *[(v, "req/s") for v in (34722.2222, 11574.074, 700, 699.9999999)],
    *[(v, "B/day") for v in (6e10, 1023, 1024, 1023.5, 1.5 * 1024**3, 1e21, 5e24)],
    *[(v, "bit/s") for v in (2.8e8, 1.26e9, 999.99, 1e15)],
    *[(v, "%") for v in (0.9, 0.095, 1, 0.000001, 0.12345)],
    *[(v, "%") for v in (0.9995, 0.99999, 0.999306, 0.997003, 0.9999, 0.99, 0.995, 0.9999999999)],
    *[(v, "x") for v in (3, 2.5)],
    *[(v, ":1") for v in (10, 0.333333)],
]
PARSE_CASES = [
    *[(t, "") for t in ("100M", "1.5k", "1,000,000", "3B", "2bn", "1e5", "-2", ".5", "7.", "3x")],
    *[(t, "") for t in ("", "abc", "1,5", "12,34,567", "1e400", "99999999999999999999", "2KB")],
    *[(t, "") for t in ("+4", " 12 ", "1 000", "0x10", "١٢", "1.2.3", "5%")],
    *[(t, "B") for t in ("2KB", "2 kb", "1.5 MB", "1GiB", "3 TiB", "512", "2K", "1PB", "2EB")],
    *[(t, "bit/s") for t in ("10 Mbps", "1G", "100kbps", "1.5 Gbps", "2 GB")],
    *[(t, "%") for t in ("90", "90%", "0.5", "95 %", "ninety")],
]


def format_cases() -> list[dict[str, Any]]:
    rng = random.Random(7)
    cases = FORMAT_CASES + [
        (rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 22), rng.choice(["", "B", "bit/s", "%"]))
        for _ in range(400)
    ]
    return [
        {
            "value": value,
            "unit": UNITS[unit].to_json(),
            "binary": binary,
            "term": term,
            "text": format_value(value, UNITS[unit], binary=binary, term=term),
        }
        for value, unit in cases
        for binary in (False, True)
        for term in (False, True)
    ]


def parse_cases() -> list[dict[str, Any]]:
    cases = []
    for text, unit in PARSE_CASES:
        try:
            result: dict[str, Any] = {"value": parse_number(text, UNITS[unit])}
        except ValueError as error:
            result = {"error": str(error)}
        cases.append({"text": text, "unit": UNITS[unit].to_json(), "result": result})
    return cases


def unit_of(spec_unit: dict[str, str]) -> Unit:
    """The unit a calculator spec names (by kind and label)."""
    return next(
        u for u in UNITS.values() if u.kind == spec_unit["kind"] and u.label == spec_unit["label"]
    )


def random_text(rng: random.Random, item: dict[str, Any]) -> str:
    """A value a reader might type for an input, within its bounds, in one of several styles."""
    kind = item["unit"]["kind"]
    low = item["min"] if item["min"] is not None else 0.0
    if kind == "percent":
        high = item["max"] if item["max"] is not None else 1.0
        return f"{rng.uniform(low, high) * 100:.4g}" + rng.choice(["", "%"])
    value = max(low, 10 ** rng.uniform(-1, 9))
    style = rng.randrange(4)
    if style == 0:
        return f"{value:.6g}"
    if style == 1:
        return f"{round(value):,}"
    suffix = {"count": "K", "bytes": "KB", "bits": "Kbps"}[kind]
    if style == 2:
        return f"{value / 1000:.3f}{suffix}"
    return f"{value / 1000:.2f} {suffix}"


def python_results(spec: dict[str, Any], texts: dict[str, str]) -> dict[str, float | None]:
    """Every input and output of a calculator spec, as the build computes them from typed text."""
    env: dict[str, float | None] = {}
    for item in spec["inputs"]:
        try:
            unit = unit_of(item["unit"])
            env[item["name"]] = parse_input(texts[item["name"]], unit, item["min"], item["max"])
        except InputError:
            env[item["name"]] = None
    for name in spec["order"]:
        tree = next(o["tree"] for o in spec["outputs"] if o["name"] == name)
        env[name] = expr.evaluate(tree, env)
    return env


def evaluation_cases() -> list[dict[str, Any]]:
    """The built-in calculators fed random typed inputs: every value as Python computes it."""
    rng = random.Random(20261125)
    cases = []
    for ident in BUILTINS:
        spec = spec_data(compile_fence(f"use: {ident}"))
        for _ in range(50 if ident == "capacity-planner" else 20):
            texts = {item["name"]: random_text(rng, item) for item in spec["inputs"]}
            values = python_results(spec, texts)
            shown = {
                output["name"]: format_value(values[output["name"]], unit_of(output["unit"]))
                for output in spec["outputs"]
            }
            cases.append({"spec": spec, "texts": texts, "values": values, "shown": shown})
    return cases


def fixtures() -> dict[str, Any]:
    return {
        "format": format_cases(),
        "parse": parse_cases(),
        "evaluate": evaluation_cases(),
        "scheduler": DEFAULT_PARAMS.to_json(),
    }


def write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fixtures(), allow_nan=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else ".cache/js-fixtures/parity.json"))
