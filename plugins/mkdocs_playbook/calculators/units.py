"""Units: what a reader may type (``100M``, ``1.5k``, ``2KB``, ``1,000,000``) and how values read.

These are the Python half of the number rules; ``assets/calculators.js`` holds the browser half
(``parseInput`` and ``formatValue``) and the browser tests check that both give the same text.

Formatting rounds to three significant digits, halves away from zero (as JavaScript's
``toExponential`` does on the exact binary value), then scales:

- ``count``: 34.7K, 1.2M, 3B (billion), 5T
- ``bytes``: 60 GB with decimal (1000) units or 55.9 GiB with binary (1024) units
- ``bits``: 280 Mbps
- ``percent``: the value is a fraction (0.9) shown and typed as 90%
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

MAX_INPUT = 1e18
"""Inputs above this (in absolute value) are absurd for capacity estimates and rejected."""

DASH = "—"
"""Shown instead of a value that cannot be computed (never NaN or Infinity)."""
MAX_DIGITS = 9
"""The most significant digits a value is shown with (a percentage a hair under 100)."""


@dataclass(frozen=True)
class Scale:
    base: int
    symbols: tuple[str, ...]
    joiner: str  # between the number and the symbol


SCALES: dict[str, Scale] = {
    "count": Scale(1000, ("", "K", "M", "B", "T"), ""),
    "bytes": Scale(1000, ("B", "KB", "MB", "GB", "TB", "PB", "EB"), " "),
    "bytes-binary": Scale(1024, ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"), " "),
    "bits": Scale(1000, ("bps", "Kbps", "Mbps", "Gbps", "Tbps", "Pbps"), " "),
    "percent": Scale(1, ("%",), ""),
}


@dataclass(frozen=True)
class Unit:
    """A unit an author may name; ``label`` follows the number (or the byte symbol)."""

    id: str
    kind: str  # "count", "bytes", "bits" or "percent"
    label: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "label": self.label}


def _units() -> dict[str, Unit]:
    counts = {
        "": "",
        "x": "\u00d7",
        ":1": ":1",
        "users": " users",
        "actions": " actions",
        "actions/day": " actions/day",
        "events": " events",
        "events/day": " events/day",
        "requests": " requests",
        "req/day": " req/day",
        "req/s": " req/s",
        "items": " items",
        "servers": " servers",
        "nodes": " nodes",
        "connections": " connections",
        "s": " s",
        "ms": " ms",
        "days": " days",
        "years": " years",
    }
    units = {name: Unit(name, "count", label) for name, label in counts.items()}
    for suffix in ("", "/s", "/day", "/year", "/user", "/event", "/item"):
        units[f"B{suffix}"] = Unit(f"B{suffix}", "bytes", suffix)
    units["bit/s"] = Unit("bit/s", "bits", "")
    units["%"] = Unit("%", "percent", "")
    units["%/year"] = Unit("%/year", "percent", "/year")
    return units


UNITS: dict[str, Unit] = _units()

_BYTE_PREFIXES = ("k", "m", "g", "t", "p")
SUFFIXES: dict[str, dict[str, float]] = {
    "count": {"": 1, "x": 1, "\u00d7": 1, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12},
    "bytes": {
        "": 1,
        "b": 1,
        **{p: 1000.0 ** (i + 1) for i, p in enumerate(_BYTE_PREFIXES)},
        **{f"{p}b": 1000.0 ** (i + 1) for i, p in enumerate(_BYTE_PREFIXES)},
        **{f"{p}ib": 1024.0 ** (i + 1) for i, p in enumerate(_BYTE_PREFIXES)},
    },
    "bits": {
        "": 1,
        "bps": 1,
        **{p: 1000.0 ** (i + 1) for i, p in enumerate(_BYTE_PREFIXES[:4])},
        **{f"{p}bps": 1000.0 ** (i + 1) for i, p in enumerate(_BYTE_PREFIXES[:4])},
    },
    "percent": {"": 1, "%": 1},
}
"""Suffix a reader may type (lower case) -> multiplier; percent values are then divided by 100."""

EXAMPLES = {
    "count": "100M, 1.5K or 1,000,000",
    "bytes": "2KB, 1.5 MB or 1GiB",
    "bits": "10 Mbps or 1G",
    "percent": "90 or 90%",
}

_GROUPING_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))", re.ASCII)
_TYPED = re.compile(
    r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)[ \t]*([a-z%\u00d7]*)\Z", re.IGNORECASE | re.ASCII
)


class InputError(ValueError):
    """A typed value that is not acceptable; the message is shown next to the field."""


def parse_number(text: str, unit: Unit) -> float:
    """What a reader typed, in the unit's base (bytes, bit/s, a fraction for percent)."""
    cleaned = _GROUPING_COMMA.sub("", text.strip())
    if not cleaned:
        raise InputError("Enter a number.")
    match = _TYPED.match(cleaned)
    multiplier = SUFFIXES[unit.kind].get(match.group(2).lower()) if match else None
    if match is None or multiplier is None:
        raise InputError(f"Not a number: enter e.g. {EXAMPLES[unit.kind]}.")
    value = float(match.group(1)) * multiplier
    if unit.kind == "percent":
        value = value / 100
    if not math.isfinite(value) or abs(value) > MAX_INPUT:
        raise InputError("Too large: enter at most 10^18.")
    return value


def parse_input(
    text: str, unit: Unit, minimum: float | None = None, maximum: float | None = None
) -> float:
    """Parse and check against the input's bounds."""
    value = parse_number(text, unit)
    if minimum is not None and value < minimum:
        raise InputError(f"Must be at least {format_value(minimum, unit, term=True)}.")
    if maximum is not None and value > maximum:
        raise InputError(f"Must be at most {format_value(maximum, unit, term=True)}.")
    return value


# --- Formatting -------------------------------------------------------------------------------


def round_significant(magnitude: float, significant: int = 3) -> tuple[str, int]:
    """``significant`` digits and the decimal exponent: 34722.2 -> ("347", 4).

    Rounds the exact binary value half away from zero, like JavaScript's toExponential(n - 1).
    """
    exact = Decimal(magnitude)
    exponent = exact.adjusted()
    step = Decimal(1).scaleb(exponent - significant + 1)
    rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    digits = "".join(str(d) for d in rounded.as_tuple().digits)[:significant]
    return digits, rounded.adjusted()


def significant_digits(kind: str, magnitude: float) -> int:
    """Three, but for a percentage just under 100: as many as show how far from 100 it is, to
    two digits (99.95%, 99.999%), so that an availability never reads as "100%"."""
    shortfall = 100 - magnitude
    if kind != "percent" or not 0 < shortfall < 1:
        return 3
    return min(3 - math.floor(math.log10(shortfall)), MAX_DIGITS)


def place_point(digits: str, exponent: int) -> str:
    """Write d.dd x 10^exponent in plain decimal: ("347", 1) -> "34.7"."""
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits.rstrip("0")
    whole = (digits + "0" * exponent)[: exponent + 1]
    fraction = digits[exponent + 1 :].rstrip("0")
    grouped = f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def format_value(
    value: float | None, unit: Unit, *, binary: bool = False, term: bool = False
) -> str:
    """A value as a reader sees it. ``term`` leaves out count labels and rate suffixes
    (``34.7K`` rather than ``34.7K req/s``), as inside a worked substitution."""
    if value is None or not math.isfinite(value):
        return DASH
    scale = SCALES["bytes-binary" if binary and unit.kind == "bytes" else unit.kind]
    magnitude = abs(value) * 100 if unit.kind == "percent" else abs(value)
    if not math.isfinite(magnitude):  # a fraction so large that it overflows as a percentage
        return DASH
    top = len(scale.symbols) - 1
    if magnitude == 0:
        number, symbol = "0", scale.symbols[0]
    elif scale.base == 1024:
        k = 0
        while k < top and magnitude >= 1024.0 ** (k + 1):
            k += 1
        digits, exponent = round_significant(magnitude / 1024.0**k)
        number, symbol = _plain_or_scientific(digits, exponent), scale.symbols[k]
    else:
        digits, exponent = round_significant(magnitude, significant_digits(unit.kind, magnitude))
        k = min(max(exponent // 3, 0), top) if scale.base == 1000 else 0
        if exponent - 3 * k >= 6:  # beyond the largest symbol: plain scientific notation
            k = 0
        number, symbol = _plain_or_scientific(digits, exponent - 3 * k), scale.symbols[k]
    sign = "-" if value < 0 else ""
    label = "" if term else unit.label
    return f"{sign}{number}{scale.joiner}{symbol}{label}"


def _plain_or_scientific(digits: str, exponent: int) -> str:
    if -7 < exponent < 6:
        return place_point(digits, exponent)
    fraction = digits[1:].rstrip("0")
    return f"{digits[0]}{'.' + fraction if fraction else ''}e{exponent}"


def input_text(raw: Any, unit: Unit) -> str:
    """How a default from YAML is shown in its field: ``100000000`` as ``100M``.

    Strings are kept as the author wrote them; numbers use a scale symbol only when exact.
    """
    if isinstance(raw, str):
        return raw.strip()
    number = float(raw)
    if unit.kind == "percent":
        return f"{_plain(number)}%"
    scale = SCALES[unit.kind]
    for k in range(len(scale.symbols) - 1, 0, -1):
        scaled = number / scale.base**k
        if abs(scaled) >= 1 and scaled * scale.base**k == number and round(scaled, 2) == scaled:
            return f"{_plain(scaled)}{scale.joiner}{scale.symbols[k]}"
    return _plain(number) + ("" if unit.kind == "count" else f"{scale.joiner}{scale.symbols[0]}")


def _plain(number: float) -> str:
    if number.is_integer():
        return f"{int(number):,}"
    return f"{Decimal(repr(number)):,f}"


def js_number(value: float) -> str:
    """``String(value)`` as JavaScript writes it, so ``data-value`` reads the same both sides."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    sign, digit_tuple, exp = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    assert isinstance(exp, int)
    n = exp + len(digit_tuple)  # value = 0.digits x 10^n
    k = len(digits)
    prefix = "-" if sign else ""
    if k <= n <= 21:
        return prefix + digits + "0" * (n - k)
    if 0 < n <= 21:
        return prefix + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return prefix + "0." + "0" * (-n) + digits
    mark = "+" if n - 1 >= 0 else "-"
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{prefix}{mantissa}e{mark}{abs(n - 1)}"
