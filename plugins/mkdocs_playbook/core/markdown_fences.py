"""Find fenced code blocks of one language in a page's Markdown, with their file lines.

A superfences formatter is not told which file or line it formats, so features that report
``file:line`` errors (calculators, diagrams) scan the page first. Fences nested in other fenced
blocks (a ```` ````markdown ```` example of the syntax) are skipped, as superfences skips them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING = re.compile(
    r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})[ \t]*\.?(?P<lang>[\w#.+-]*)(?P<info>.*)$"
)


@dataclass(frozen=True)
class Fence:
    """A fence: its body, where the body starts (1-based line) and its lines."""

    body: str
    body_line: int
    start: int  # index of the opening line
    end: int  # index of the closing line
    indent: str
    info: str = ""
    """The rest of the opening line after the language, e.g. ``title="Write path"``."""


def find_fences(markdown: str, language: str, first_line: int = 1) -> list[Fence]:
    """The ``language`` fences that are not inside another fenced block.

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
        if match["lang"] == language and end < len(lines):
            body = "\n".join(_strip_indent(line, indent) for line in lines[index + 1 : end])
            info = match["info"].strip()
            fences.append(Fence(body, first_line + index + 1, index, end, indent, info))
        index = end + 1
    return fences


def _strip_indent(line: str, indent: str) -> str:
    if line.startswith(indent):
        return line[len(indent) :]
    return "" if not line.strip(" \t>") else line
