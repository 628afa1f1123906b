"""Formulas: parsed once, here, into a JSON expression tree that Python and the browser evaluate.

The tree is made of JSON lists so it can be embedded in the page as it is:

- ``["num", 86400.0]``: a number literal
- ``["var", "dau"]``: an input, or an earlier output
- ``["+", a, b]`` (also ``-``, ``*``, ``/``, ``^``): a binary operation
- ``["neg", a]``: unary minus
- ``["call", "min", a, b, ...]``: a function

Precedence is that of Python: ``^`` binds tighter than unary minus (``-2^2`` is -4), is
right-associative, and may take a signed exponent (``2^-1``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Node = list[Any]
"""A node of the expression tree (see the module docstring)."""

FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "ceil": (1, 1),
    "floor": (1, 1),
    "log2": (1, 1),
    "log10": (1, 1),
    "growth_sum": (2, 2),
}
"""Function name -> (fewest, most) arguments; ``None`` means any number.

``growth_sum(rate, years)`` is what ``years`` years add up to when each is ``1 + rate`` times
the one before: ``((1 + rate)^years - 1) / rate``, and ``years`` when ``rate`` is 0. It is shown
as that fraction, the formula a person writes, and stays defined where the fraction is not.
"""

MAX_DEPTH = 64
"""How deeply a formula may nest (brackets, calls, signs, powers): far beyond any real one, and
well within what Python's and the browser's recursive evaluators handle."""
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<number>(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>[-+*/^(),\u00d7\u00f7])
    """,
    re.VERBOSE,
)
TIMES, DIVIDE = "\u00d7", "\u00f7"
_ALIASES = {TIMES: "*", DIVIDE: "/"}


class FormulaError(ValueError):
    """A formula that cannot be parsed; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} (column {column})")
        self.column = column


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op" or "end"
    text: str
    column: int


def tokenize(source: str) -> Iterator[Token]:
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise FormulaError(f"unexpected character {source[position]!r}", position + 1)
        kind = match.lastgroup or ""
        if kind != "space":
            text = match.group()
            yield Token(kind, _ALIASES.get(text, text), position + 1)
        position = match.end()
    yield Token("end", "", len(source) + 1)


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = list(tokenize(source))
        self.index = 0
        self.depth = 0

    def deeper(self) -> None:
        """One more level of nesting; a formula nested past ``MAX_DEPTH`` is an author error,
        not a RecursionError."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            column = self.tokens[self.index - 1].column
            raise FormulaError(f"the formula nests more than {MAX_DEPTH} levels deep", column)

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.token
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        if self.token.text != text or self.token.kind != "op":
            raise FormulaError(
                f"expected {text!r} but found {describe(self.token)}", self.token.column
            )
        self.index += 1

    def parse(self) -> Node:
        node = self.additive()
        if self.token.kind != "end":
            raise FormulaError(f"unexpected {describe(self.token)}", self.token.column)
        return node

    def additive(self) -> Node:
        node = self.multiplicative()
        while self.token.kind == "op" and self.token.text in "+-":
            node = [self.take().text, node, self.multiplicative()]
        return node

    def multiplicative(self) -> Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text in "*/":
            node = [self.take().text, node, self.unary()]
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text in "+-":
            sign = self.take().text
            self.deeper()
            operand = self.unary()
            self.depth -= 1
            return ["neg", operand] if sign == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.primary()
        if self.token.kind == "op" and self.token.text == "^":
            self.take()
            self.deeper()
            exponent = self.unary()
            self.depth -= 1
            return ["^", base, exponent]
        return base

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "number":
            value = float(token.text.replace("_", ""))
            if not math.isfinite(value):
                raise FormulaError(f"the number {token.text} is too large", token.column)
            return ["num", value]
        if token.kind == "name":
            if self.token.kind == "op" and self.token.text == "(":
                return self.call(token)
            return ["var", token.text]
        if token.kind == "op" and token.text == "(":
            self.deeper()
            node = self.additive()
            self.expect(")")
            self.depth -= 1
            return node
        raise FormulaError(
            f"expected a number, a name or '(' but found {describe(token)}", token.column
        )

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            known = ", ".join(FUNCTIONS)
            raise FormulaError(f"unknown function '{name.text}' (available: {known})", name.column)
        self.expect("(")
        self.deeper()
        args = [self.additive()]
        while self.token.kind == "op" and self.token.text == ",":
            self.take()
            args.append(self.additive())
        self.expect(")")
        self.depth -= 1
        fewest, most = FUNCTIONS[name.text]
        if len(args) < fewest or (most is not None and len(args) > most):
            wanted = f"{fewest}" if most == fewest else f"at least {fewest}"
            raise FormulaError(
                f"{name.text}() takes {wanted} argument(s), got {len(args)}", name.column
            )
        return ["call", name.text, *args]


def describe(token: Token) -> str:
    return "the end of the formula" if token.kind == "end" else repr(token.text)


def parse(source: str) -> Node:
    """Parse a formula into its expression tree, or raise ``FormulaError``."""
    if not source.strip():
        raise FormulaError("the formula is empty", 1)
    return _Parser(source).parse()


# --- Evaluation -------------------------------------------------------------------------------


def _power(base: float, exponent: float) -> float:
    return math.pow(base, exponent)


_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": _power,
}
_UNARY: dict[str, Callable[[float], float]] = {
    "ceil": lambda a: float(math.ceil(a)),
    "floor": lambda a: float(math.floor(a)),
    "log2": math.log2,
    "log10": math.log10,
}


def evaluate(node: Node, env: Mapping[str, float | None]) -> float | None:
    """The value of a tree, or ``None`` when it is not a finite number.

    ``None`` in ``env`` (an invalid input) makes everything that depends on it ``None``.
    Every intermediate result must be finite, exactly as in the browser's evaluator.
    """
    try:
        value = _evaluate(node, env)
    except (ArithmeticError, ValueError, _Undefined):
        return None
    return value


class _Undefined(Exception):
    pass


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise _Undefined
    return value


def _evaluate(node: Node, env: Mapping[str, float | None]) -> float:
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "var":
        value = env[node[1]]
        if value is None:
            raise _Undefined
        return _finite(value)
    if kind == "neg":
        return -_evaluate(node[1], env)
    if kind == "call":
        args = [_evaluate(arg, env) for arg in node[2:]]
        if node[1] == "min":
            return min(args)
        if node[1] == "max":
            return max(args)
        if node[1] == "growth_sum":
            rate, years = args
            return years if rate == 0 else _finite((_power(1 + rate, years) - 1) / rate)
        return _finite(_UNARY[node[1]](args[0]))
    return _finite(_BINARY[kind](_evaluate(node[1], env), _evaluate(node[2], env)))


# --- Analysis ---------------------------------------------------------------------------------


def variables(node: Node) -> list[str]:
    """Names the formula refers to, in order of first appearance."""
    found: list[str] = []

    def walk(item: Node) -> None:
        if item[0] == "var":
            if item[1] not in found:
                found.append(item[1])
        elif item[0] != "num":
            for child in item[2 if item[0] == "call" else 1 :]:
                walk(child)

    walk(node)
    return found


def is_constant(node: Node) -> bool:
    return not variables(node)


def divisions_by_zero(node: Node) -> list[Node]:
    """Denominators that are constant and evaluate to zero: wrong whatever the inputs. (What has
    no value only at the defaults, ``log10(x)`` with ``x`` at 0, say, is :func:`undefined_at`'s.)"""
    found: list[Node] = []

    def walk(item: Node) -> None:
        if item[0] in ("num", "var"):
            return
        children = item[2:] if item[0] == "call" else item[1:]
        if item[0] == "/" and is_constant(item[2]) and evaluate(item[2], {}) == 0:
            found.append(item[2])
        for child in children:
            walk(child)

    walk(node)
    return found


def undefined_at(node: Node, env: Mapping[str, float | None]) -> str | None:
    """Why a tree has no value for ``env``, in the author's terms (the first operation that
    fails, innermost first), or ``None`` when it has one or an input has none."""
    if any(env.get(name) is None for name in variables(node)):
        return None
    kind = node[0]
    children = node[2:] if kind == "call" else node[1:] if kind not in ("num", "var") else []
    for child in children:
        reason = undefined_at(child, env)
        if reason is not None:
            return reason
    if evaluate(node, env) is not None:
        return None
    shown = formula_text(node)
    if kind == "/" and evaluate(node[2], env) == 0:
        return f"{shown} divides by zero"
    if kind == "call" and node[1] in ("log2", "log10"):
        return f"{shown} takes the logarithm of {literal_text(evaluate(node[2], env) or 0.0)}"
    return f"{shown} is not a finite number (too large, or undefined)"


# --- Display ----------------------------------------------------------------------------------

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}
_ATOM = 5
_SHOWN = {"+": " + ", "-": " - ", "*": f" {TIMES} ", "/": f" {DIVIDE} ", "^": "^"}


@dataclass(frozen=True)
class Ref:
    """A place in a worked substitution where a value is shown."""

    name: str


Segment = str | Ref


def literal_text(value: float) -> str:
    """How a number written in a formula is shown: ``86400`` as ``86,400``."""
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{Decimal(repr(value)):f}"


def _precedence(node: Node) -> int:
    return _PRECEDENCE.get(node[0], _ATOM)


def as_written(node: Node) -> Node:
    """The tree as a person writes the formula: ``growth_sum(r, n)`` as its fraction, and
    ``a * (b / c)`` as ``a * b / c`` (the same value). For display only."""
    kind = node[0]
    if kind in ("num", "var"):
        return node
    args = [as_written(arg) for arg in node[2:]] if kind == "call" else node[1:]
    if kind == "call":
        if node[1] == "growth_sum":
            rate, years = args
            grown = ["^", ["+", ["num", 1.0], rate], years]
            return ["/", ["-", grown, ["num", 1.0]], rate]
        return ["call", node[1], *args]
    children = [as_written(child) for child in args]
    if kind == "*" and children[1][0] == "/":
        return ["/", ["*", children[0], children[1][1]], children[1][2]]
    return [kind, *children]


def segments(node: Node) -> list[Segment]:
    """The formula as text pieces with a ``Ref`` for every variable, parenthesised minimally."""
    node = as_written(node)
    out: list[Segment] = []

    def emit(item: Node, parenthesise: bool) -> None:
        if parenthesise:
            out.append("(")
        write(item)
        if parenthesise:
            out.append(")")

    def write(item: Node) -> None:
        kind = item[0]
        if kind == "num":
            out.append(literal_text(item[1]))
        elif kind == "var":
            out.append(Ref(item[1]))
        elif kind == "neg":
            out.append("-")
            emit(item[1], _precedence(item[1]) < _PRECEDENCE["neg"])
        elif kind == "call":
            out.append(f"{item[1]}(")
            for index, arg in enumerate(item[2:]):
                if index:
                    out.append(", ")
                write(arg)
            out.append(")")
        else:
            mine = _PRECEDENCE[kind]
            left, right = _precedence(item[1]), _precedence(item[2])
            right_assoc = kind == "^"
            emit(item[1], left < mine or (right_assoc and left == mine))
            out.append(_SHOWN[kind])
            emit(item[2], right < mine or (not right_assoc and right == mine))

    write(node)
    merged: list[Segment] = []
    for piece in out:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def formula_text(node: Node) -> str:
    """The formula with names, as shown above its worked substitution."""
    return "".join(piece if isinstance(piece, str) else piece.name for piece in segments(node))
