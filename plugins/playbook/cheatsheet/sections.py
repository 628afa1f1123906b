"""Cut a section out of a page's rendered HTML, as top-level blocks filtered by kind.

Working on the rendered HTML (not the Markdown) means the cheat sheet shows exactly what the
source page shows: admonitions, tables, definition lists and diagrams come out as the page's
own extensions made them, and links are already resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
BLOCK_KINDS = (
    "paragraph",
    "list",
    "definitions",
    "table",
    "admonition",
    "details",
    "diagram",
    "code",
    "tabs",
    "calculator",
    "other",
)
"""What a top-level block can be; a section can keep only some kinds (e.g. its table)."""


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Block:
    kind: str
    html: str


Node = Heading | Block


def block_kind(tag: str, classes: frozenset[str]) -> str:
    """Name a top-level element by what a reader sees in it."""
    if tag == "p":
        return "paragraph"
    if tag in ("ul", "ol"):
        return "list"
    if tag == "dl":
        return "definitions"
    if tag == "table":
        return "table"
    if tag == "details":
        return "details"
    if tag == "pre" or "highlight" in classes:
        return "code"
    if "playbook-calculator" in classes:
        return "calculator"
    if "playbook-diagram" in classes or "mermaid" in classes:
        return "diagram"
    if "admonition" in classes:
        return "admonition"
    if "tabbed-set" in classes:
        return "tabs"
    return "other"


class _TopLevel(HTMLParser):
    """Records where each top-level element starts and ends, and the text of headings."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.nodes: list[Node] = []
        self.depth = 0
        self.start = 0
        self.tag = ""
        self.attrs: dict[str, str] = {}
        self.text: list[str] = []
        self.skip_text = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.start = self.position()
            self.tag = tag
            self.attrs = {name: value or "" for name, value in attrs}
            self.text = []
            if tag in VOID_TAGS:
                end = self.start + len(self.get_starttag_text() or "")
                self._close(end)
                return
        elif tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split():
            self.skip_text += 1
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.start = self.position()
            self.tag = tag
            self.attrs = {name: value or "" for name, value in attrs}
            self._close(self.start + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or self.depth == 0:
            return
        self.depth -= 1
        if self.skip_text and tag == "a":
            self.skip_text -= 1
        if self.depth == 0:
            end = self.source.index(">", self.position()) + 1
            self._close(end)

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_text:
            self.text.append(data)

    def _close(self, end: int) -> None:
        if self.tag in HEADING_TAGS:
            text = " ".join("".join(self.text).split())
            self.nodes.append(Heading(HEADING_TAGS[self.tag], self.attrs.get("id", ""), text))
        else:
            classes = frozenset(self.attrs.get("class", "").split())
            kind = block_kind(self.tag, classes)
            self.nodes.append(Block(kind, self.source[self.start : end]))


def parse(page_html: str) -> list[Node]:
    """The page's top-level headings and blocks, in document order (text between is dropped)."""
    parser = _TopLevel(page_html)
    parser.feed(page_html)
    parser.close()
    return parser.nodes


def find_heading(
    nodes: list[Node], heading: str | None, anchor: str | None
) -> tuple[int, Heading] | None:
    """The first heading whose id is ``anchor`` or whose text starts with ``heading``."""
    wanted = (heading or "").casefold().strip()
    for index, node in enumerate(nodes):
        if not isinstance(node, Heading):
            continue
        if anchor is not None and node.id == anchor:
            return index, node
        if heading is not None and node.text.casefold().startswith(wanted):
            return index, node
    return None


def section_blocks(nodes: list[Node], index: int, kinds: frozenset[str]) -> list[Block]:
    """The blocks directly under the heading at ``index`` (up to the next heading) of ``kinds``."""
    blocks: list[Block] = []
    for node in nodes[index + 1 :]:
        if isinstance(node, Heading):
            break
        if not kinds or node.kind in kinds:
            blocks.append(node)
    return blocks


def headings(nodes: list[Node]) -> list[Heading]:
    return [node for node in nodes if isinstance(node, Heading)]
