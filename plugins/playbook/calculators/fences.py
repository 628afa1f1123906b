"""Find ```` ```calculator ```` fences in a page's Markdown, compile them, and hand the HTML
to the superfences custom fence.

A superfences formatter does not know which file or line it is formatting, so the page is
scanned first (``prepare_page``): each calculator fence is validated with its file and line
known, rendered, and its body replaced by a token; ``fence_calculator`` (the custom fence's
``format``) then swaps the token for the HTML. Fences nested in other code blocks (for example a
```` ````markdown ```` example of the syntax) are left alone, exactly as superfences leaves them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, replace
from html import escape
from typing import Any

from playbook.calculators.builtin import BUILTINS
from playbook.calculators.render import render
from playbook.calculators.spec import Calculator, CalculatorError, compile_calculator

log = logging.getLogger("mkdocs.plugins.playbook")

LANGUAGE = "calculator"
TOKEN_PREFIX = "playbook-calculator:"
_OPENING = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})[ \t]*\.?(?P<lang>[\w#.+-]*)")

_rendered: dict[str, str] = {}
"""Token -> HTML, filled by ``prepare_page`` and read by ``fence_calculator``."""


@dataclass(frozen=True)
class Fence:
    """A calculator fence: its YAML, where the YAML starts (1-based line) and its lines."""

    body: str
    body_line: int
    start: int  # index of the opening line
    end: int  # index of the closing line
    indent: str


class PageErrors(ValueError):
    """Every calculator error on a page, each as ``file:line: message``."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def find_fences(markdown: str, first_line: int = 1) -> list[Fence]:
    """Calculator fences that are not inside another fenced block.

    ``first_line`` is the file's line number of the Markdown's first line (front matter moves it).
    """
    lines = markdown.split("\n")
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        match = _OPENING.match(lines[index])
        if match is None:
            index += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(rf"^{re.escape(fence)}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(_strip_indent(lines[end], indent)):
            end += 1
        if match["lang"] == LANGUAGE and end < len(lines):
            body = "\n".join(_strip_indent(line, indent) for line in lines[index + 1 : end])
            fences.append(Fence(body, first_line + index + 1, index, end, indent))
        index = end + 1
    return fences


def _strip_indent(line: str, indent: str) -> str:
    if line.startswith(indent):
        return line[len(indent) :]
    return "" if not line.strip(" \t>") else line


def builtin_source(ident: str) -> str | None:
    return BUILTINS.get(ident)


def compile_fence(body: str) -> Calculator:
    return compile_calculator(body, builtin_source, tuple(BUILTINS))


def prepare_page(markdown: str, path: str, first_line: int = 1) -> str:
    """Compile every calculator fence of a page; replace each body with a token for the fence.

    Raises ``PageErrors`` naming ``path:line`` for every problem found.
    """
    fences = find_fences(markdown, first_line)
    if not fences:
        return markdown
    messages: list[str] = []
    compiled: list[tuple[Fence, Calculator]] = []
    for fence in fences:
        try:
            compiled.append((fence, compile_fence(fence.body)))
        except CalculatorError as error:
            messages += [
                f"{path}:{fence.body_line + p.line}: calculator: {p.message}"
                for p in sorted(error.problems, key=lambda problem: problem.line)
            ]
    if messages:
        raise PageErrors(messages)
    lines = markdown.split("\n")
    ids = unique_ids([calculator.id for _, calculator in compiled])
    for (fence, calculator), ident in reversed(list(zip(compiled, ids, strict=True))):
        token = _store(replace(calculator, id=ident), path, fence.start)
        lines[fence.start + 1 : fence.end] = [fence.indent + token]
    return "\n".join(lines)


def unique_ids(markdown_ids: list[str]) -> list[str]:
    """Page-unique calculator ids: a second ``peak-qps`` becomes ``peak-qps-2``."""
    seen: dict[str, int] = {}
    result = []
    for ident in markdown_ids:
        seen[ident] = seen.get(ident, 0) + 1
        result.append(ident if seen[ident] == 1 else f"{ident}-{seen[ident]}")
    return result


def _store(calculator: Calculator, path: str, start: int) -> str:
    html = render(calculator)
    digest = hashlib.sha256(f"{path}\n{start}\n{html}".encode()).hexdigest()[:20]
    token = f"{TOKEN_PREFIX}{digest}"
    _rendered[token] = html
    return token


def fence_calculator(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """The superfences ``format`` of ```` ```calculator ````.

    Normally receives a token left by ``prepare_page``. Without the plugin (plain
    Python-Markdown) it compiles the YAML itself, and reports errors without a file name.
    """
    token = source.strip()
    if token in _rendered:
        return _rendered[token]
    try:
        return render(compile_fence(source))
    except CalculatorError as error:
        for problem in error.problems:
            log.error("calculator, line %d of the fence: %s", problem.line + 1, problem.message)
        return f'<pre class="pc-invalid"><code>{escape(source)}</code></pre>'
