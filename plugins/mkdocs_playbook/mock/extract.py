"""Read the mock interview's material from rendered pages: the steps, the prompts, the checks.

The steps are the headings of one page that read ``<number>. <name> (<low>-<high> min)`` (an
en dash or a hyphen): the list under each is what to cover and its "Why" admonition is why the
step earns its minutes. The prompts are a table's rows and each self-check is a section's list,
table or definition list.
Everything is cut from the rendered HTML with the shared section reader
(``mkdocs_playbook.core.sections``), so the mock shows what the pages show and follows every edit of
them.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mkdocs_playbook.core.sections import (
    VOID_TAGS,
    Block,
    Heading,
    Node,
    find_heading,
    headings,
    move,
    parse,
    relocate,
    section_blocks,
)
from mkdocs_playbook.core.text import WORD_BREAKING_TAGS, text_of

STEP_HEADING = re.compile(
    r"^(?P<number>\d+)\.\s+(?P<name>.+?)\s*"
    r"\((?P<low>\d+(?:\.\d+)?)(?:\s*(?:[\u2013\u2014-]|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*min(?:utes)?\.?\)$"
)
"""A step's heading: "3. API sketch and data model (3-5 min)"; a single bound is both bounds."""
_ADMONITION_TITLE = re.compile(r'<p class="admonition-title">(.*?)</p>\s*', re.S)


@dataclass(frozen=True)
class Page:
    """A rendered page: its URL relative to the site root (``flow/``) and its HTML."""

    url: str
    html: str


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    low: float
    """The timebox in minutes: from ``low`` to ``high``."""
    high: float
    href: str
    """The step's heading on its page, relative to the mock interview's page."""
    bullets: tuple[str, ...]
    """What to cover, as plain text (for the downloaded notes)."""
    why: str
    """The "Why" line, plain text."""
    bullets_html: str
    """The same, as the page shows them, moved to the mock's page."""
    why_html: str
    """The "Why" admonition as the page shows it."""


@dataclass(frozen=True)
class Item:
    """A row of a table, an item of a list or a term of a definition list, as plain text."""

    text: str
    detail: str = ""
    """The row's last cell or the term's definition, when there is one."""
    href: str | None = None
    """The row's first link (relative to the source page)."""
    cells: tuple[str, ...] = ()
    """Every cell of the row (or the term and its definition)."""


@dataclass
class Extracted:
    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Items(HTMLParser):
    """The items of one block: a table's body rows, a list's items or a definition list's terms,
    each with its text, its last cell or definition, and its first link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.links: list[str | None] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.cell_depth = 0
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag not in VOID_TAGS
        if tag == "thead":
            self.in_head = True
        elif self.cell is not None:
            if tag in WORD_BREAKING_TAGS:
                self.cell.append(" ")
            if tag == "a" and self.links[-1] is None:
                self.links[-1] = dict(attrs).get("href")
            return
        elif tag == "tr" and not self.in_head:
            self.rows.append([])
            self.links.append(None)
        elif tag in ("td", "th") and self.rows and not self.in_head:
            self._open()
        elif tag in ("li", "dt") and self.depth == 2:
            self.rows.append([])
            self.links.append(None)
            self._open()
        elif tag == "dd" and self.depth == 2 and self.rows:
            self._open()

    def _open(self) -> None:
        self.cell = []
        self.cell_depth = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if tag == "thead":
            self.in_head = False
        if self.cell is not None and self.depth == self.cell_depth:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def items_of(block_html: str) -> list[Item]:
    """The items of a table, list or definition list (nested lists stay in their item)."""
    parser = _Items()
    parser.feed(block_html)
    parser.close()
    items: list[Item] = []
    for row, href in zip(parser.rows, parser.links, strict=True):
        cells = [cell for cell in row if cell]
        if cells:
            detail = cells[-1] if len(cells) > 1 else ""
            items.append(Item(cells[0], detail, href, tuple(cells)))
    return items


def _headings_list(nodes: Sequence[Node]) -> str:
    return "; ".join(f"{h.text} (#{h.id})" for h in headings(list(nodes))) or "none"


def read_steps(page: Page, source: str, target_url: str, why_title: str) -> tuple[list[Step], str]:
    """The page's steps and, when it has none or they are misnumbered, what is wrong."""
    nodes = parse(page.html)
    steps: list[Step] = []
    for index, node in enumerate(nodes):
        if not isinstance(node, Heading):
            continue
        match = STEP_HEADING.match(node.text)
        if match is None:
            continue
        low = float(match["low"])
        high = float(match["high"] or match["low"])
        if high < low:
            return [], f"{source}: the step {node.text!r} ends before it starts; write low-high"
        bullets: list[str] = []
        bullets_html: list[str] = []
        why = why_html = ""
        prefix = f"playbook-mock-{match['number']}-"
        for block in section_blocks(nodes, index, frozenset({"list", "admonition"})):
            if block.kind == "list":
                bullets += [item.text for item in items_of(block.html)]
                bullets_html.append(move(block.html, prefix, page.url, target_url))
            elif not why and _is_titled(block, why_title):
                body = _ADMONITION_TITLE.sub("", _inner(block.html), count=1)
                why, why_html = text_of(body), move(block.html, prefix, page.url, target_url)
        href = relocate(f"#{node.id}" if node.id else "", page.url, target_url)
        steps.append(
            Step(
                number=int(match["number"]),
                name=match["name"],
                low=low,
                high=high,
                href=href,
                bullets=tuple(bullets),
                why=why,
                bullets_html="".join(bullets_html),
                why_html=why_html,
            )
        )
    if not steps:
        return [], (
            f"{source} has no step headings like '## 1. Clarify (2-3 min)' (its headings: "
            f"{_headings_list(nodes)})"
        )
    numbers = [step.number for step in steps]
    if numbers != list(range(1, len(steps) + 1)):
        return [], f"{source}: the steps are numbered {numbers}; number them 1, 2, 3… in order"
    return steps, ""


def _inner(element_html: str) -> str:
    """An element's content without its own start and end tags."""
    return element_html[element_html.index(">") + 1 : element_html.rindex("<")]


def _is_titled(block: Block, title: str) -> bool:
    found = _ADMONITION_TITLE.search(block.html)
    return (
        block.kind == "admonition"
        and found is not None
        and text_of(found.group(1)).casefold() == title.casefold()
    )


def read_items(page: Page, source: str, heading: str | None) -> Extracted:
    """The items of the first table, list or definition list under ``heading`` (the first such
    block on the page when no heading is given)."""
    nodes = parse(page.html)
    kinds = frozenset({"table", "list", "definitions"})
    result = Extracted()
    if heading is None:
        blocks = [node for node in nodes if isinstance(node, Block) and node.kind in kinds]
    else:
        found = find_heading(nodes, heading, None)
        if found is None:
            result.problems.append(
                f"{source} has no heading starting with {heading!r} (its headings: "
                f"{_headings_list(nodes)})"
            )
            return result
        blocks = section_blocks(nodes, found[0], kinds)
    if blocks:
        result.items = items_of(blocks[0].html)
    if not result.items:
        where = f"under {heading!r}" if heading else "on the page"
        result.problems.append(f"{source} has no table, list or definition list {where}")
    return result
