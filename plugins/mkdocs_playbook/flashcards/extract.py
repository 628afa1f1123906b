"""Find flashcard items in a rendered page: its HTML as MkDocs made it, read once.

A *source* names a heading (matched by prefix, case-insensitively) and optionally a page. The
items of every list, definition list and table directly under a matching heading become cards
(paragraphs, admonitions, tabs, code and diagrams are not cards), read with the shared section
reader (``mkdocs_playbook.core.sections``). The shapes of a list item:

* ``**Term**: answer``, ``**Term:** answer``, ``**Term.** answer``, ``**Term** — answer``;
* ``Term: answer``, split at the first colon followed by a space outside code, links and tags.

A definition list gives a card per term group; a table a card per row, its first cell the term.
Everything that cannot be read as a card is a :class:`Problem` naming its line in the Markdown
file (found by its text, since rendered HTML has no line numbers), so a typo never silently
drops a card.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mkdocs_playbook.core.sections import (
    Element,
    Heading,
    Node,
    Text,
    parse,
    starts_with,
    subsections,
)
from mkdocs_playbook.core.text import text_of
from mkdocs_playbook.flashcards.headings import html_headings

BLOCK_TAGS = frozenset(
    {"p", "ul", "ol", "dl", "div", "pre", "table", "blockquote", "details", "figure", "hr"}
    | {"section", "h1", "h2", "h3", "h4", "h5", "h6"}
)
BOLD = frozenset({"strong", "b"})
SEPARATOR = re.compile(r"[ \t]*(?::|\u2014|\u2013|--)(?=\s|$)|\.(?=\s|$)")
COLON = re.compile(r":(?=\s|$)")


@dataclass(frozen=True)
class SourceRule:
    """Where cards come from: lists under headings starting with ``heading`` (on ``page``)."""

    heading: str
    page: str | None = None
    subsections: bool = False

    def matches(self, page: str, heading_text: str) -> bool:
        if self.page is not None and self.page != page:
            return False
        return starts_with(heading_text, self.heading)


@dataclass(frozen=True)
class Item:
    """One card as the page renders it; ``line`` is 1-based in the Markdown file."""

    page: str
    line: int
    term: str
    """The term's text, as a reader sees it: the card id derives from it."""
    term_html: str
    answer_html: str
    section: Heading
    page_title: str
    order: int = 0
    """Index of the source rule that found the item: the deck lists sources in that order."""


@dataclass(frozen=True)
class Problem:
    page: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


@dataclass
class Extraction:
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    matched: set[SourceRule] = field(default_factory=set)
    page_title: str = ""


def _letters(text: str) -> str:
    return "".join(text.casefold().split())


def may_have_sources(page_html: str, page: str, rules: Sequence[SourceRule]) -> bool:
    """Whether a heading of the page could be one a rule names, without reading the page:
    reading it is most of a build's time, and most pages have no source section. Generous: a
    heading whose letters contain a rule's anywhere, or a page with a heading the quick look
    cannot read, counts; so a page it passes over has no source section."""
    wanted = [_letters(rule.heading) for rule in rules if rule.page in (None, page)]
    if not wanted:
        return False
    headings = html_headings(page_html)
    if headings is None:
        return True
    return any(name in _letters(heading) for name in wanted for heading in headings)


def extract(page_html: str, source: str, page: str, rules: Sequence[SourceRule]) -> Extraction:
    """The items of every source section of one rendered page, and what could not be read.

    ``source`` is the page's Markdown file, only to name the line of each item.
    """
    result = Extraction()
    if not may_have_sources(page_html, page, rules):
        return result
    nodes = parse(page_html)
    first = next((n for n in nodes if isinstance(n, Heading) and n.level == 1), None)
    result.page_title = first.text if first else page
    reader = _Reader(page_html, page, result, _Lines(source))
    claimed: set[int] = set()
    for index, node in enumerate(nodes):
        if not isinstance(node, Heading):
            continue
        for rule in rules:
            if not rule.matches(page, node.text):
                continue
            result.matched.add(rule)
            covered = [index, *(subsections(nodes, index) if rule.subsections else [])]
            for start in covered:
                if start not in claimed:  # two rules on one section still give each card once
                    claimed.add(start)
                    reader.section(nodes, start, rules.index(rule))
    return result


class _Reader:
    def __init__(self, page_html: str, page: str, out: Extraction, lines: _Lines) -> None:
        self.html = page_html
        self.page = page
        self.out = out
        self.lines = lines
        self.heading = Heading(0, "", "")
        self.order = 0

    def section(self, nodes: list[Node], index: int, order: int) -> None:
        heading = nodes[index]
        assert isinstance(heading, Heading)
        self.heading, self.order = heading, order
        self.lines.find_heading(heading.text)
        previous: Element | None = None
        for node in nodes[index + 1 :]:
            if isinstance(node, Heading):
                break
            element = node.element
            if element is None:
                continue
            # Material's annotations: the numbered list after a block marked `annotate`.
            annotations = previous is not None and "annotate" in previous.classes
            previous = element
            if node.kind == "list" and not (annotations and element.tag == "ol"):
                for item in element.elements():
                    if item.tag == "li":
                        self.list_item(item)
            elif node.kind == "definitions":
                self.definitions(element)
            elif node.kind == "table":
                self.table(element)
            elif node.kind == "paragraph":
                self.dangling_term(element)

    def raw(self, node: Element | Text) -> str:
        if isinstance(node, Text):
            return self.html[node.start : node.end]
        return self.html[node.inner_start : node.inner_end]

    def list_item(self, item: Element) -> None:
        lead, rest = _lead(item)
        split = self.split(lead, item)
        lead_text = _text(lead)
        line = self.lines.find("list", split[1] if split else lead_text)
        if split is None:
            self.problem(
                line,
                f"cannot read the list item {_quote(lead_text)} as a flashcard; "
                "write it as '**Term**: answer' (or 'Term: answer', '**Term** — answer')",
            )
            return
        term_html, term, answer_at = split
        lead_end = _end(lead, item)
        self.add(line, term_html, term, self.answer(self.html[answer_at:lead_end], rest, item))

    def split(self, lead: list[Element | Text], parent: Element) -> tuple[str, str, int] | None:
        """(term HTML, term text, where the answer starts) of an item's first paragraph."""
        nodes = [n for n in lead if not (isinstance(n, Text) and not n.data.strip())]
        if nodes and isinstance(nodes[0], Element) and nodes[0].tag in BOLD:
            bold = nodes[0]
            after = lead[lead.index(bold) + 1] if lead.index(bold) + 1 < len(lead) else None
            following = self.raw(after) if isinstance(after, Text) else ""
            separator = SEPARATOR.match(following)
            if separator and isinstance(after, Text):
                return self.raw(bold).strip(), bold.text(), after.start + separator.end()
            term = bold.text()
            if term.endswith((":", ".")) and len(term) > 1:
                return _strip_last(self.raw(bold).strip()), term[:-1].rstrip(), bold.end
        start = nodes[0].start if nodes else parent.inner_start
        seen: list[Element | Text] = []
        for node in lead:
            if isinstance(node, Text):
                raw = self.raw(node)
                for colon in COLON.finditer(raw):
                    if colon.end() == len(raw) and node is not lead[-1]:
                        continue  # the colon is followed by an element, not a space
                    before = html.unescape(raw[: colon.start()])
                    term = " ".join((_text(seen) + before).split())
                    if term:
                        return (
                            self.html[start : node.start + colon.start()].strip(),
                            term,
                            (node.start + colon.end()),
                        )
            seen.append(node)
        return None

    def answer(self, lead_html: str, rest: list[Element | Text], parent: Element) -> str:
        """An answer's HTML: its inline start as a paragraph, then its blocks."""
        parts = [f"<p>{lead_html.strip()}</p>"] if lead_html.strip() else []
        blocks = [n for n in rest if not (isinstance(n, Text) and not n.data.strip())]
        if blocks:
            parts.append(self.html[blocks[0].start : parent.inner_end].strip())
        return "\n".join(parts)

    def definitions(self, dl: Element) -> None:
        children = dl.elements()
        index = 0
        while index < len(children):
            terms: list[Element] = []
            while index < len(children) and children[index].tag == "dt":
                terms.append(children[index])
                index += 1
            answers: list[str] = []
            while index < len(children) and children[index].tag == "dd":
                lead, rest = _lead(children[index])
                answers.append(self.answer(self._span(lead), rest, children[index]))
                index += 1
            if not terms:
                index += 1
                continue
            line = self.lines.find("definition", terms[0].text())
            term_html = " / ".join(self.raw(term).strip() for term in terms)
            term = " / ".join(term.text() for term in terms)
            self.add(line, term_html, term, "\n".join(a for a in answers if a))

    def dangling_term(self, paragraph: Element) -> None:
        """``Term`` then a lone ``:``, which Markdown leaves as a paragraph: an empty answer."""
        raw_lines = self.raw(paragraph).split("\n")
        if len(raw_lines) > 1 and raw_lines[-1].strip() == ":":
            terms = [text_of(t) for t in raw_lines]
            term = " / ".join(terms[:-1])
            self.add(self.lines.find("definition", terms[0]), term, term, "")

    def table(self, table: Element) -> None:
        rows = [row for row in _descendants(table, "tr")]
        header = [cell.text() for cell in rows[0].elements() if cell.tag == "th"] if rows else []
        if header:
            rows = rows[1:]
        for row in rows:
            cells = [cell for cell in row.elements() if cell.tag in ("td", "th")]
            if not cells:
                continue
            first, others = cells[0], cells[1:]
            line = self.lines.find("row", first.text())
            term_html, term, lead = self.table_term(first)
            if not term:
                self.problem(line, "a table row has an empty first cell, so no question")
                continue
            parts = [self.raw(first).strip()] if lead else []
            named = [
                (name, self.raw(cell).strip())
                for name, cell in zip(header[1:], others, strict=False)
                if self.raw(cell).strip()
            ]
            if len(header) == 2:
                parts += [cell for _, cell in named]
            else:
                parts += [
                    f"<strong>{html.escape(name)}</strong>: {cell}" if name else cell
                    for name, cell in named
                ]
            self.add(line, term_html, term, "\n".join(f"<p>{part}</p>" for part in parts))

    def table_term(self, cell: Element) -> tuple[str, str, bool]:
        """(term HTML, term text, whether the cell says more): ``**Peak QPS** = formula`` gives
        ``Peak QPS`` and the whole cell opens the answer. A cell not led by bold is all term."""
        nodes = [n for n in cell.children if not (isinstance(n, Text) and not n.data.strip())]
        if not nodes or not isinstance(nodes[0], Element) or nodes[0].tag not in BOLD:
            return self.raw(cell).strip(), cell.text(), False
        bold = nodes[0]
        rest = self.html[bold.end : cell.inner_end]
        term_html, term = self.raw(bold).strip(), bold.text()
        separator = SEPARATOR.match(rest)
        if not separator and term.endswith((":", ".")) and len(term) > 1:
            term_html, term = _strip_last(term_html), term[:-1].rstrip()
        said = rest[separator.end() :] if separator else rest
        return term_html, term, bool(said.strip())

    def _span(self, nodes: list[Element | Text]) -> str:
        return self.html[nodes[0].start : _end(nodes, None)] if nodes else ""

    def add(self, line: int, term_html: str, term: str, answer_html: str) -> None:
        if not _readable(term):
            self.problem(line, "a flashcard item has an empty term")
        elif not text_of(answer_html):
            self.problem(
                line,
                f"the flashcard {_quote(term)} has an empty answer; write the answer after "
                "the term, or remove the item",
            )
        else:
            self.out.items.append(
                Item(
                    self.page, line, term, term_html, answer_html, self.heading,
                    self.out.page_title, self.order,
                )
            )  # fmt: skip

    def problem(self, line: int, message: str) -> None:
        self.out.problems.append(Problem(self.page, line, message))


def _lead(container: Element) -> tuple[list[Element | Text], list[Element | Text]]:
    """A list item's or definition's first paragraph (its inline start) and the blocks after."""
    children = container.children
    nodes = [n for n in children if not (isinstance(n, Text) and not n.data.strip())]
    if nodes and isinstance(nodes[0], Element) and nodes[0].tag == "p":
        first = nodes[0]
        return first.children, children[children.index(first) + 1 :]
    for index, child in enumerate(children):
        if isinstance(child, Element) and child.tag in BLOCK_TAGS:
            return children[:index], children[index:]
    return children, []


def _end(nodes: Sequence[Element | Text], parent: Element | None) -> int:
    """Where an inline run ends: its paragraph's end, or its last node's."""
    if nodes:
        return nodes[-1].end
    return parent.inner_end if parent else 0


def _text(nodes: Sequence[Element | Text]) -> str:
    return " ".join("".join(n.data if isinstance(n, Text) else n.text() for n in nodes).split())


def _descendants(element: Element, tag: str) -> list[Element]:
    found: list[Element] = []
    for child in element.elements():
        if child.tag == tag:
            found.append(child)
        else:
            found += _descendants(child, tag)
    return found


def _strip_last(term_html: str) -> str:
    """A bold term's HTML without the ``:`` or ``.`` it ends with."""
    return term_html[:-1].rstrip() if term_html.endswith((":", ".")) else term_html


def _readable(term: str) -> bool:
    """A term is more than emphasis markers Markdown left as text (``****``)."""
    return bool(re.sub(r"[*_`~=+^\s]", "", term))


def _quote(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- Where an item is written ---------------------------------------------------------------

LIST_MARKER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
KEY_LENGTH = 24


def _key(text: str) -> str:
    """Letters and digits only, lower case: compares a Markdown line with its rendered text."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's target is not text
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"[\W_]+", "", text.casefold())


class _Lines:
    """Finds the line of each item in the Markdown file, in reading order, by its text."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.cursor = 0
        if self.lines and self.lines[0].strip() == "---":
            ends = [n for n, line in enumerate(self.lines) if n and line.strip() in ("---", "...")]
            self.cursor = ends[0] + 1 if ends else 0
        self.heading_line = self.cursor + 1

    def find_heading(self, text: str) -> None:
        want = _key(text)
        for index in range(self.cursor, len(self.lines)):
            line = self.lines[index]
            below = self.lines[index + 1] if index + 1 < len(self.lines) else ""
            atx = line.lstrip().startswith("#")
            setext = bool(re.match(r"^ {0,3}(=+|-+)[ \t]*$", below) and line.strip())
            if (atx or setext) and want and _key(re.sub(r"\{[^}]*\}\s*$", "", line)) == want:
                self.cursor = index + 1
                self.heading_line = index + 1
                return

    def find(self, kind: str, text: str) -> int:
        """The 1-based line of the next ``kind`` ("list", "definition", "row") starting with
        ``text``; the section's heading when it cannot be found."""
        want = _key(text)[:KEY_LENGTH]
        for index in range(self.cursor, len(self.lines)):
            line = self.lines[index]
            if kind == "list":
                marker = LIST_MARKER.match(line)
                found = marker is not None and _key(line[marker.end() :]).startswith(want)
            elif kind == "definition":
                found = bool(line.strip()) and not line[:1].isspace() and not line.startswith(":")
                found = found and _key(line).startswith(want) and not LIST_MARKER.match(line)
            else:
                below = self.lines[index + 1] if index + 1 < len(self.lines) else ""
                found = "|" in line and not TABLE_DELIMITER.match(line)
                found = found and not TABLE_DELIMITER.match(below)
                found = found and _key(line).startswith(want)
            if found:
                self.cursor = index + 1
                return index + 1
        return self.heading_line
