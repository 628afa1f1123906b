"""Live numbers in prose: ``[=calculator.name]`` quotes a calculator's output, or one of its
inputs, in a sentence.

The reference becomes ``<span class="playbook-calc-ref" data-ref="calculator.name">`` holding the
default value, formatted as the calculator shows it, so the sentence reads, searches and prints
without JavaScript; ``calculators.js`` rewrites it with the current value whenever the reader
changes an input. Quoting the inputs too keeps a sentence such as "20K tenants at 5 req/s is
100K req/s" true after any edit, not only its result. It is a Python-Markdown inline
pattern, so a reference written inside code (```` `[=a.b]` ````, a fenced example) stays
text, as Markdown leaves code alone.

A reference names a calculator on the same page by its page-unique id (``peak-qps-2`` for the
second one) and one of its outputs or inputs. One that names neither is a problem reported
with the file and line it was written on.

Pure module: Python-Markdown, no MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from mkdocs_playbook.calculators.spec import Calculator
from mkdocs_playbook.calculators.units import format_value, js_number

REF_PATTERN = r"\[=([\w-]+)\.(\w+)\]"
"""``[=ID.NAME]``: words, as calculator ids and input and output names are; whether they name
a calculator of the page and one of its values is checked after, so a misspelt one is
reported."""
PRIORITY = 175
"""After code spans (190) and backslash escapes (180), before links (160 to 170)."""


@dataclass
class PageOutputs:
    """The calculators of the page being rendered, and the references that matched none."""

    path: str = ""
    source: str = ""
    first_line: int = 1
    calculators: dict[str, Calculator] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def line_of(self, text: str) -> int:
        """The file line the reference ``text`` was written on (its first occurrence)."""
        for index, line in enumerate(self.source.split("\n")):
            if text in line:
                return self.first_line + index
        return self.first_line

    def resolve(self, ident: str, name: str) -> tuple[str, str] | str:
        """``(shown value, raw value)`` of an output or input at the defaults, or what is
        wrong with the reference."""
        calculator = self.calculators.get(ident)
        if calculator is None:
            known = ", ".join(sorted(self.calculators)) or "none"
            return f"no calculator with id '{ident}' on this page (calculators here: {known})"
        defaults = calculator.defaults()
        outputs = [output.name for output in calculator.outputs]
        if name not in outputs and name not in defaults:
            return (
                f"calculator '{ident}' has no output or input '{name}' (its outputs: "
                f"{', '.join(outputs)}; its inputs: {', '.join(defaults)})"
            )
        value = defaults[name] if name in defaults else calculator.evaluate(defaults)[name]
        raw = "" if value is None else js_number(value)
        return format_value(value, calculator.unit_of(name)), raw


class _OutputRef(InlineProcessor):
    def __init__(self, page: Callable[[], PageOutputs | None]) -> None:
        super().__init__(REF_PATTERN)
        self._page = page

    def handleMatch(  # type: ignore[override]  # typeshed: InlineProcessor's own signature
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        page = self._page()
        if page is None:
            return None, None, None
        ident, name = m.group(1), m.group(2)
        resolved = page.resolve(ident, name)
        element = etree.Element("span")
        if isinstance(resolved, str):
            problem = (
                f"{page.path}:{page.line_of(m.group(0))}: calculator reference {m.group(0)}: "
                f"{resolved}. Write [=ID.NAME] with the id of a calculator on this page and "
                "the name of one of its outputs or inputs."
            )
            page.problems.append(problem)
            element.set("class", "playbook-author-error")
            element.set("data-author-error", "")
            element.text = problem
        else:
            element.set("class", "playbook-calc-ref")
            element.set("data-ref", f"{ident}.{name}")
            element.set("data-value", resolved[1])
            element.text = resolved[0]
        return element, m.start(0), m.end(0)


class OutputRefsExtension(Extension):
    """Registers ``[=calculator.name]``; ``page`` returns the page being rendered."""

    def __init__(self, page: Callable[[], PageOutputs | None]) -> None:
        super().__init__()
        self._page = page

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(_OutputRef(self._page), "playbook_output_ref", PRIORITY)
