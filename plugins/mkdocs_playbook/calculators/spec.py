"""A calculator's YAML, validated and compiled: every error names the line of the offending key.

Line numbers here are 0-based lines of the YAML text (the fence's body); the caller adds the
line where the body starts in its Markdown file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.units import UNITS, InputError, Unit, input_text, parse_input


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a calculator, at a 0-based YAML line."""

    line: int
    message: str


class CalculatorError(ValueError):
    """A calculator that cannot be built; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Located:
    """A YAML value and the line it starts on; mappings also keep each key's line."""

    value: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Input:
    name: str
    label: str
    unit: Unit
    default: float
    default_text: str
    minimum: float | None
    maximum: float | None
    help: str


@dataclass(frozen=True)
class Output:
    name: str
    label: str
    unit: Unit
    tree: expr.Node
    help: str


@dataclass(frozen=True)
class Calculator:
    """A validated calculator. ``order`` lists outputs so that each comes after what it uses."""

    id: str
    title: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    order: tuple[str, ...]

    def input(self, name: str) -> Input:
        return next(item for item in self.inputs if item.name == name)

    def output(self, name: str) -> Output:
        return next(item for item in self.outputs if item.name == name)

    def unit_of(self, name: str) -> Unit:
        units = {item.name: item.unit for item in self.inputs}
        units.update((item.name, item.unit) for item in self.outputs)
        return units[name]

    def input_deps(self, name: str) -> list[str]:
        """The inputs an output depends on, directly or through earlier outputs."""
        found: list[str] = []
        pending = expr.variables(self.output(name).tree)
        seen: set[str] = set()
        while pending:
            ref = pending.pop(0)
            if ref in seen:
                continue
            seen.add(ref)
            if any(item.name == ref for item in self.inputs):
                found.append(ref)
            else:
                pending.extend(expr.variables(self.output(ref).tree))
        return [item.name for item in self.inputs if item.name in found]

    def evaluate(self, values: Mapping[str, float | None]) -> dict[str, float | None]:
        """Every output for the given inputs (``None`` where an input is invalid)."""
        env: dict[str, float | None] = dict(values)
        for name in self.order:
            env[name] = expr.evaluate(self.output(name).tree, env)
        return {output.name: env[output.name] for output in self.outputs}

    def defaults(self) -> dict[str, float | None]:
        return {item.name: item.default for item in self.inputs}


# --- YAML with line numbers -------------------------------------------------------------------

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it (several times faster); marks and errors are the same."""


def load_located(text: str) -> Located:
    """Parse YAML keeping the line of every value and mapping key."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        last_line = len(text.rstrip("\n").split("\n")) - 1  # errors at the end of the stream
        line = min(mark.line, last_line) if mark else 0
        raise CalculatorError([Problem(line, f"YAML error: {problem}")]) from None
    except yaml.YAMLError as error:
        raise CalculatorError([Problem(0, f"YAML error: {error}")]) from None
    if node is None:
        raise CalculatorError([Problem(0, "the calculator is empty")])
    return _locate(node, yaml.SafeLoader(""))


def _locate(node: Node, loader: yaml.SafeLoader) -> Located:
    line = node.start_mark.line
    if isinstance(node, MappingNode):
        values: dict[str, Located] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            if key in values:
                raise CalculatorError([Problem(key_node.start_mark.line, f"duplicate key '{key}'")])
            values[key] = _locate(value_node, loader)
            key_lines[key] = key_node.start_mark.line
        return Located(values, line, key_lines)
    if isinstance(node, SequenceNode):
        return Located([_locate(item, loader) for item in node.value], line)
    assert isinstance(node, ScalarNode)
    return Located(loader.construct_object(node, deep=True), line)


# --- Validation -------------------------------------------------------------------------------

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")
TOP_KEYS = ("id", "title", "use", "defaults", "inputs", "outputs")
INPUT_KEYS = ("name", "label", "default", "unit", "min", "max", "help")
OUTPUT_KEYS = ("name", "label", "formula", "unit", "help")


class _Checker:
    """Collects problems instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def mapping(self, item: Located, what: str, allowed: tuple[str, ...]) -> dict[str, Located]:
        if not isinstance(item.value, dict):
            self.fail(item.line, f"{what} must be a mapping of keys to values")
            return {}
        for key in item.value:
            if key not in allowed:
                self.fail(
                    item.key_lines[key],
                    f"unknown key '{key}' in {what} (expected one of: {', '.join(allowed)})",
                )
        return {k: v for k, v in item.value.items() if k in allowed}

    def text(self, keys: dict[str, Located], key: str, what: str, *, required: bool) -> str:
        if key not in keys:
            if required:
                self.fail(self.line_of(keys), f"{what} needs a '{key}'")
            return ""
        value = keys[key].value
        if not isinstance(value, str | int | float) or isinstance(value, bool) or value == "":
            self.fail(keys[key].line, f"'{key}' of {what} must be a non-empty text")
            return ""
        return str(value)

    @staticmethod
    def line_of(keys: dict[str, Located]) -> int:
        return min((item.line for item in keys.values()), default=0)


def compile_calculator(
    text: str, builtins: Callable[[str], str | None], known_ids: tuple[str, ...]
) -> Calculator:
    """Validate a fence's YAML and build its calculator, or raise ``CalculatorError``.

    ``builtins`` returns a built-in calculator's YAML by id (``None`` if there is none);
    ``known_ids`` lists them for the error message.
    """
    root = load_located(text)
    check = _Checker()
    keys = check.mapping(root, "the calculator", TOP_KEYS)
    if check.problems or not keys:
        raise CalculatorError(check.problems or [Problem(root.line, "the calculator is empty")])
    if "use" in keys:
        calculator = _use(keys, root, check, builtins, known_ids)
    else:
        calculator = _custom(keys, check)
    if check.problems or calculator is None:
        raise CalculatorError(check.problems)
    return calculator


def _use(
    keys: dict[str, Located],
    root: Located,
    check: _Checker,
    builtins: Callable[[str], str | None],
    known_ids: tuple[str, ...],
) -> Calculator | None:
    for key in ("inputs", "outputs"):
        if key in keys:
            check.fail(root.key_lines[key], f"'{key}' cannot be combined with 'use'")
    used = str(keys["use"].value)
    source = builtins(used)
    if source is None:
        check.fail(
            keys["use"].line,
            f"unknown built-in calculator '{used}' (available: {', '.join(known_ids)})",
        )
        return None
    base = _compile_builtin(source, builtins, known_ids)
    overrides: dict[str, Located] = {}
    if "defaults" in keys:
        names = tuple(item.name for item in base.inputs)
        overrides = check.mapping(keys["defaults"], f"the defaults of '{used}'", names)
    inputs = []
    for item in base.inputs:
        if item.name in overrides:
            raw = overrides[item.name]
            default = _default(check, raw, item.unit, item.minimum, item.maximum, item.name)
            if default is not None:
                text = input_text(raw.value, item.unit)
                item = replace(item, default=default, default_text=text)
        inputs.append(item)
    title = check.text(keys, "title", "the calculator", required=False) or base.title
    ident = check.text(keys, "id", "the calculator", required=False) or base.id
    _check_id(check, keys, ident)
    calculator = Calculator(ident, title, tuple(inputs), base.outputs, base.order)
    where = keys["defaults"].line if "defaults" in keys else keys["use"].line
    for name, reason in undefined_at_defaults(calculator):
        check.fail(where, f"output '{name}' of '{used}' has no value at these defaults: {reason}")
    return calculator


def _check_id(check: _Checker, keys: dict[str, Located], ident: str) -> None:
    if ident and not ID_PATTERN.match(ident):
        check.fail(
            keys["id"].line,
            f"id '{ident}' must start with a letter and use only letters, digits and '-'",
        )


def _default(
    check: _Checker,
    raw: Located,
    unit: Unit,
    minimum: float | None,
    maximum: float | None,
    name: str,
) -> float | None:
    if isinstance(raw.value, bool) or not isinstance(raw.value, str | int | float):
        check.fail(raw.line, f"default of '{name}' must be a number such as 100M or 2KB")
        return None
    try:
        return parse_input(str(raw.value), unit, minimum, maximum)
    except InputError as error:
        check.fail(raw.line, f"default of '{name}' ({raw.value}) is not valid: {error}")
        return None


def _unit(check: _Checker, keys: dict[str, Located], what: str) -> Unit:
    if "unit" not in keys:
        return UNITS[""]
    name = keys["unit"].value
    name = "" if name is None else str(name)
    if name not in UNITS:
        known = ", ".join(repr(u) for u in UNITS)
        check.fail(keys["unit"].line, f"unknown unit '{name}' for {what} (known units: {known})")
        return UNITS[""]
    return UNITS[name]


def _name(check: _Checker, keys: dict[str, Located], what: str, taken: set[str]) -> str:
    name = check.text(keys, "name", what, required=True)
    if not name:
        return ""
    line = keys["name"].line
    if not expr.NAME_PATTERN.match(name):
        check.fail(
            line, f"name '{name}' must be letters, digits and '_' (not starting with a digit)"
        )
    elif name in expr.FUNCTIONS:
        check.fail(line, f"name '{name}' is a function; choose another name")
    elif name in taken:
        check.fail(line, f"name '{name}' is used twice")
    taken.add(name)
    return name


def _bound(
    check: _Checker, keys: dict[str, Located], key: str, unit: Unit, name: str
) -> float | None:
    if key not in keys:
        return None
    raw = keys[key]
    if isinstance(raw.value, bool) or not isinstance(raw.value, str | int | float):
        check.fail(raw.line, f"'{key}' of input '{name}' must be a number")
        return None
    try:
        return parse_input(str(raw.value), unit)
    except InputError as error:
        check.fail(raw.line, f"'{key}' of input '{name}' ({raw.value}) is not valid: {error}")
        return None


def _sequence(check: _Checker, keys: dict[str, Located], key: str) -> list[Located]:
    if key not in keys:
        check.fail(check.line_of(keys), f"the calculator needs '{key}' (or 'use: <id>')")
        return []
    if not isinstance(keys[key].value, list) or not keys[key].value:
        check.fail(keys[key].line, f"'{key}' must be a non-empty list")
        return []
    return list(keys[key].value)


def _custom(keys: dict[str, Located], check: _Checker) -> Calculator | None:
    if "defaults" in keys:
        check.fail(keys["defaults"].line, "'defaults' only applies with 'use: <id>'")
    title = check.text(keys, "title", "the calculator", required=False) or "Calculator"
    ident = check.text(keys, "id", "the calculator", required=False) or "calculator"
    _check_id(check, keys, ident)
    taken: set[str] = set()
    inputs: list[Input] = []
    for entry in _sequence(check, keys, "inputs"):
        item = _input(check, entry, taken)
        if item is not None:
            inputs.append(item)
    outputs: list[Output] = []
    lines: dict[str, int] = {}
    for entry in _sequence(check, keys, "outputs"):
        result = _output(check, entry, taken)
        if result is not None:
            outputs.append(result[0])
            lines[result[0].name] = result[1]
    names = taken  # every declared name, even of entries with other problems
    for output in outputs:
        for ref in expr.variables(output.tree):
            if ref not in names:
                known = ", ".join(sorted(names))
                check.fail(
                    lines[output.name],
                    f"formula of '{output.name}' uses unknown input '{ref}' (known: {known})",
                )
    order = _order(check, outputs, lines)
    if check.problems:
        return None
    calculator = Calculator(ident, title, tuple(inputs), tuple(outputs), tuple(order))
    for name, reason in undefined_at_defaults(calculator):
        check.fail(lines[name], f"formula of '{name}' has no value at the defaults: {reason}")
    return calculator


def undefined_at_defaults(calculator: Calculator) -> list[tuple[str, str]]:
    """Outputs with no value at the inputs' defaults, each with why (an output that has none
    only because an earlier one has none is left out: the earlier one is the mistake)."""
    env: dict[str, float | None] = dict(calculator.defaults())
    found: list[tuple[str, str]] = []
    for name in calculator.order:
        tree = calculator.output(name).tree
        env[name] = expr.evaluate(tree, env)
        reason = expr.undefined_at(tree, env) if env[name] is None else None
        if reason is not None:
            found.append((name, reason))
    return found


@dataclass(frozen=True)
class _Entry:
    """What inputs and outputs share: their keys, name, label, unit and help."""

    keys: dict[str, Located]
    name: str
    what: str
    label: str
    unit: Unit
    help: str


def _entry(
    check: _Checker, entry: Located, kind: str, allowed: tuple[str, ...], taken: set[str]
) -> _Entry | None:
    keys = check.mapping(entry, f"an {kind}", allowed)
    if not keys:
        return None
    name = _name(check, keys, f"an {kind}", taken)
    what = f"{kind} '{name}'"
    label = check.text(keys, "label", what, required=True)
    unit = _unit(check, keys, what)
    help_text = check.text(keys, "help", what, required=False)
    return _Entry(keys, name, what, label, unit, help_text)


def _input(check: _Checker, entry: Located, taken: set[str]) -> Input | None:
    item = _entry(check, entry, "input", INPUT_KEYS, taken)
    if item is None:
        return None
    keys, name, unit = item.keys, item.name, item.unit
    minimum = _bound(check, keys, "min", unit, name)
    maximum = _bound(check, keys, "max", unit, name)
    if minimum is not None and maximum is not None and minimum > maximum:
        check.fail(keys["min"].line, f"min of input '{name}' is greater than its max")
        return None
    if "default" not in keys:
        check.fail(check.line_of(keys), f"{item.what} needs a 'default'")
        return None
    default = _default(check, keys["default"], unit, minimum, maximum, name)
    if default is None or not name or not item.label:
        return None
    text = input_text(keys["default"].value, unit)
    return Input(name, item.label, unit, default, text, minimum, maximum, item.help)


def _output(check: _Checker, entry: Located, taken: set[str]) -> tuple[Output, int] | None:
    item = _entry(check, entry, "output", OUTPUT_KEYS, taken)
    if item is None:
        return None
    name = item.name
    formula = check.text(item.keys, "formula", item.what, required=True)
    if not formula:
        return None
    line = item.keys["formula"].line
    try:
        tree = expr.parse(formula)
    except expr.FormulaError as error:
        check.fail(line, f"formula of '{name}' ({formula}): {error}")
        return None
    if expr.divisions_by_zero(tree):
        check.fail(line, f"formula of '{name}' ({formula}) divides by zero")
        return None
    if not name or not item.label:
        return None
    return Output(name, item.label, item.unit, tree, item.help), line


def _order(check: _Checker, outputs: list[Output], lines: dict[str, int]) -> list[str]:
    """Outputs sorted so that each follows the outputs its formula uses; reports cycles."""
    by_name = {output.name: output for output in outputs}
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "active":
            cycle = [*path[path.index(name) :], name]
            check.fail(lines[name], f"formulas form a cycle: {' -> '.join(cycle)}")
            return
        state[name] = "active"
        for ref in expr.variables(by_name[name].tree):
            if ref in by_name:
                visit(ref, [*path, name])
        state[name] = "done"
        order.append(name)

    for output in outputs:
        visit(output.name, [])
    return order


_compile_builtin = functools.lru_cache(maxsize=64)(compile_calculator)
"""Built-ins are compiled once per build, however often pages ``use:`` them."""
