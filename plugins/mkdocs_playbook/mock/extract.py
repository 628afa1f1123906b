"""Read the mock interview's material from rendered pages: the steps, the prompts, the checks.

The steps are the headings of one page that read ``<number>. <name> (<low>-<high> min)`` (an
en dash or a hyphen): the list under each is what to cover and its "Why" admonition is why the
step earns its minutes. The prompts are a table's rows and each self-check is a section's list,
table or definition list. A prompt's worked solution, laid out by the same steps
(``## 6. Deep dive 1 (5-7 min): the topic``), gives each step a few key points for the review.
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
    HEADING_TAGS,
    VOID_TAGS,
    Block,
    Element,
    Heading,
    Node,
    Text,
    block_kind,
    find_heading,
    headings,
    move,
    parse,
    relocate,
    section_blocks,
    tree,
)
from mkdocs_playbook.core.text import WORD_BREAKING_TAGS, text_of

STEP_HEADING = re.compile(
    r"^(?P<number>\d+)\.\s+(?P<name>.+?)\s*"
    r"\((?P<low>\d+(?:\.\d+)?)(?:\s*(?:[\u2013\u2014-]|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*min(?:utes)?\.?\)$"
)
"""A step's heading: "3. API sketch and data model (3-5 min)"; a single bound is both bounds."""
SOLUTION_STEP = re.compile(
    r"^(?P<number>\d+)\.\s+.+?\((?:[^()]*?\d)\s*min(?:utes)?\.?\)\s*(?::\s*(?P<topic>.*\S))?\s*$"
)
"""A solution's section for a step: "6. Deep dive 1 (5-7 min): where the counter lives"."""
MAX_KEY_POINTS = 6
"""Key points per step, at most: the review sets them beside the reader's notes."""
MAX_KEY_POINT_CHARS = 150
"""A key point's length, at most (cut at a word, with an ellipsis)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\"'(\[])")
_NOT_POINT_TEXT = frozenset({"ul", "ol", "dl", "table", "pre", "div", "details", "figure"})
_NOT_TEXT_CLASSES = frozenset({"headerlink", "footnote-ref"})
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


@dataclass(frozen=True)
class KeyPoint:
    """One point of a solution's step: its bold lead-in, when it opens with one that is a
    label or a question ("Latency target?"), and the first sentence of what follows it."""

    lead: str
    text: str


@dataclass(frozen=True)
class SolutionStep:
    """What a worked solution says in one step, cut short for the review."""

    number: int
    href: str
    """The section on the solution's page, relative to the mock interview's page."""
    topic: str
    """What the heading adds after the timebox (a deep dive's subject), or ""."""
    points: tuple[KeyPoint, ...]


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


def _own_text(element: Element) -> str:
    """What a reader sees of a paragraph or an item, without its nested lists, tables or code."""
    parts: list[str] = []

    def walk(node: Element | Text) -> None:
        if isinstance(node, Text):
            parts.append(node.data)
        elif node.tag not in _NOT_POINT_TEXT and not node.classes & _NOT_TEXT_CLASSES:
            if node.tag in WORD_BREAKING_TAGS:
                parts.append(" ")
            for child in node.children:
                walk(child)

    for child in element.children:
        walk(child)
    return " ".join("".join(parts).split())


def _lead_in(element: Element) -> str:
    """The text of the bold element the paragraph or item opens with, or ""."""
    for child in element.children:
        if isinstance(child, Text):
            if child.data.strip():
                return ""
            continue
        return _own_text(child) if child.tag in ("strong", "b") else ""
    return ""


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)].rsplit(" ", 1)[0].rstrip(",;:\u2013\u2014- ")
    return cut + "\u2026"


def key_point(element: Element) -> KeyPoint | None:
    """A paragraph's or item's point: a bold label or question with the first sentence after
    it, or else its first sentence; None for an introduction to what follows ("...:") or a
    label with nothing after it."""
    text = _own_text(element)
    lead = _lead_in(element)
    if not text or text.endswith(":"):
        return None
    if lead and lead.endswith((".", "?", ":", "!")) and text.startswith(lead):
        rest = text[len(lead) :].strip()
        if not rest:
            return None
    else:
        lead, rest = "", text
    sentence = _SENTENCE_END.split(rest, maxsplit=1)[0]
    limit = MAX_KEY_POINT_CHARS - len(lead) - 1 if lead else MAX_KEY_POINT_CHARS
    return KeyPoint(lead, _shorten(sentence, limit))


def _points_of(block: Element) -> list[KeyPoint]:
    kind = block_kind(block.tag, block.classes)
    if kind == "paragraph":
        candidates = [block]
    elif kind == "list":
        candidates = [item for item in block.elements() if item.tag == "li"]
    else:  # tables, code, diagrams, calculators and asides are read on the page itself
        return []
    return [point for point in map(key_point, candidates) if point is not None]


def read_key_points(page: Page, target_url: str) -> list[SolutionStep]:
    """Each step section of a worked solution (headings like the steps': "6. Deep dive 1 (5-7
    min): the topic") with its key points, in page order; subsections stay in their step."""
    sections: list[tuple[Heading, re.Match[str], list[Element]]] = []
    level = 0
    for element in tree(page.html).elements():
        if element.tag in HEADING_TAGS:
            text = element.text(skip=_NOT_TEXT_CLASSES)
            heading = Heading(HEADING_TAGS[element.tag], element.attrs.get("id", ""), text)
            match = SOLUTION_STEP.match(text)
            if match is not None:
                sections.append((heading, match, []))
                level = heading.level
                continue
            if heading.level <= level:
                level = 0  # the steps are over until the next step heading
        if level and sections:
            sections[-1][2].append(element)
    return [
        SolutionStep(
            number=int(match["number"]),
            href=relocate(f"#{heading.id}" if heading.id else "", page.url, target_url),
            topic=match["topic"] or "",
            points=tuple(
                [point for element in elements for point in _points_of(element)][:MAX_KEY_POINTS]
            ),
        )
        for heading, match, elements in sections
    ]
