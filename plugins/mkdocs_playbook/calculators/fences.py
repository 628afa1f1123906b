"""Find ```` ```calculator ```` fences in a page's Markdown, compile them, and hand the HTML
to the superfences custom fence.

A superfences formatter does not know which file or line it is formatting, so the page is
scanned first (``CalculatorPages.prepare_page``): each calculator fence is validated with its
file and line known, rendered, and its body replaced by a token; ``CalculatorPages.fence`` (the
custom fence's ``format``) then swaps the token for the HTML. Fences nested in other code blocks
(for example a ```` ````markdown ```` example of the syntax) are left alone, exactly as
superfences leaves them. ``fence_calculator`` serves plain Python-Markdown, without the plugin.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from html import escape
from typing import Any

from mkdocs_playbook.calculators.builtin import BUILTINS
from mkdocs_playbook.calculators.refs import PageOutputs
from mkdocs_playbook.calculators.render import render
from mkdocs_playbook.calculators.spec import Calculator, CalculatorError, compile_calculator
from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.core.markdown_fences import Fence, find_fences

log = logging.getLogger("mkdocs.plugins.playbook")

LANGUAGE = "calculator"
TOKEN_PREFIX = "playbook-calculator:"


class PageErrors(ValueError):
    """Every calculator error on a page, each as ``file:line: message``."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def builtin_source(ident: str) -> str | None:
    return BUILTINS.get(ident)


def compile_fence(body: str) -> Calculator:
    return compile_calculator(body, builtin_source, tuple(BUILTINS))


def unique_ids(markdown_ids: list[str]) -> list[str]:
    """Page-unique calculator ids: a second ``peak-qps`` becomes ``peak-qps-2``."""
    seen: dict[str, int] = {}
    result = []
    for ident in markdown_ids:
        seen[ident] = seen.get(ident, 0) + 1
        result.append(ident if seen[ident] == 1 else f"{ident}-{seen[ident]}")
    return result


def fence_calculator(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """A ```` ```calculator ```` fence for plain Python-Markdown, without the plugin: it
    compiles the YAML itself and reports errors without a file name."""
    try:
        return render(compile_fence(source))
    except CalculatorError as error:
        for problem in error.problems:
            log.error("calculator, line %d of the fence: %s", problem.line + 1, problem.message)
        return f'<pre class="playbook-calc-invalid"><code>{escape(source)}</code></pre>'


class CalculatorPages:
    """The calculators of one build's pages: compiled with their file and line when a page is
    prepared, handed to the fence formatter by token. The plugin makes one per build."""

    def __init__(self, in_place: bool = False) -> None:
        self._rendered: dict[str, str] = {}
        self.in_place = in_place
        """Show a broken calculator on its page (``mkdocs serve``) instead of raising."""
        self.shown: list[str] = []
        """The problems shown in place so far, each ``file:line: calculator: message``."""
        self.current: PageOutputs | None = None
        """The page being rendered: what its ``[=calculator.output]`` references can name."""

    def prepare_page(self, markdown: str, path: str, first_line: int = 1) -> str:
        """Compile every calculator fence of a page; replace each body with a token.

        Raises ``PageErrors`` naming ``path:line`` for every problem found, unless
        ``in_place``: then each broken fence becomes a box with its problems and its source.
        """
        self.current = PageOutputs(path, markdown, first_line)
        fences = find_fences(markdown, LANGUAGE, first_line)
        if not fences:
            return markdown
        messages: list[str] = []
        compiled: list[tuple[Fence, Calculator]] = []
        broken: list[tuple[Fence, list[str]]] = []
        for fence in fences:
            try:
                compiled.append((fence, compile_fence(fence.body)))
            except CalculatorError as error:
                found = [
                    f"{path}:{fence.body_line + p.line}: calculator: {p.message}"
                    for p in sorted(error.problems, key=lambda problem: problem.line)
                ]
                messages += found
                broken.append((fence, found))
        if messages and not self.in_place:
            raise PageErrors(messages)
        self.shown += messages
        lines = markdown.split("\n")
        ids = unique_ids([calculator.id for _, calculator in compiled])
        calculators = [
            replace(calculator, id=ident)
            for (_, calculator), ident in zip(compiled, ids, strict=True)
        ]
        self.current.calculators = {calculator.id: calculator for calculator in calculators}
        replaced = [
            (fence, render(calculator))
            for (fence, _), calculator in zip(compiled, calculators, strict=True)
        ]
        replaced += [(fence, error_box("calculator", found, fence.body)) for fence, found in broken]
        for fence, html in sorted(replaced, key=lambda pair: pair[0].start, reverse=True):
            lines[fence.start + 1 : fence.end] = [
                fence.indent + self._store(html, path, fence.start)
            ]
        return "\n".join(lines)

    def _store(self, html: str, path: str, start: int) -> str:
        digest = hashlib.sha256(f"{path}\n{start}\n{html}".encode()).hexdigest()[:20]
        token = f"{TOKEN_PREFIX}{digest}"
        self._rendered[token] = html
        return token

    def fence(
        self,
        source: str,
        language: str,
        css_class: str,
        options: dict[str, Any],
        md: Any,
        **kwargs: Any,
    ) -> str:
        """The superfences ``format`` of ```` ```calculator ````: the prepared calculator."""
        return self._rendered.get(source.strip()) or fence_calculator(
            source, language, css_class, options, md, **kwargs
        )
