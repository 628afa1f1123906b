"""Find flashcard items in a Markdown page: pure text processing, no MkDocs and no rendering.

A *source* names a heading (matched by prefix, case-insensitively) and optionally a page. The
items of every list directly under a matching heading become cards. Three shapes are read,
because the site uses all three:

* bullet or numbered lists whose items read ``**Term**: answer``, ``**Term:** answer``,
  ``**Term.** answer``, ``**Term** — answer`` or ``Term: answer``;
* definition lists (``Term`` on one line, ``:   answer`` below it);
* tables, one card per row: the first cell is the term, the other cells the answer.

Everything the parser cannot read as a card is reported as a :class:`Problem` with its line,
so a typo never silently drops a card.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

TAB_LENGTH = 4

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
ATTR_LIST = re.compile(r"\s*\{\s*[#.:][^}]*\}\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
LIST_ITEM = re.compile(
    r"^(?P<indent> {0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>[ \t]+|$)(?P<text>.*)$"
)
DEFINITION = re.compile(r"^ {0,3}:(?:[ \t]{1,3}(?P<text>\S.*)|[ \t]*)$")
TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
BLOCK_EXTENSION = re.compile(r"^ {0,3}(!!!|\?\?\?\+?|===|/// )")
HTML_BLOCK = re.compile(r"^ {0,3}<(?:div|details|table|section|figure|p|dl|ul|ol)\b", re.I)

BOLD_TERM = re.compile(
    r"^(?P<mark>\*\*|__)(?P<term>.+?)(?P=mark)"
    r"(?:[ \t]*(?P<sep>:|\u2014|\u2013|--)(?=\s|$)|(?P<dot>\.)(?=\s|$))?[ \t]*(?P<rest>.*)$"
)
INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")


@dataclass(frozen=True)
class SourceRule:
    """Where cards come from: lists under headings starting with ``heading`` (on ``page``)."""

    heading: str
    page: str | None = None
    subsections: bool = False

    def matches(self, page: str, heading_text: str) -> bool:
        if self.page is not None and self.page != page:
            return False
        return plain_text(heading_text).casefold().startswith(self.heading.strip().casefold())


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    """The heading's Markdown text without an attribute list (``{ #id }``)."""
    line: int
    raw: str
    """The heading line as written, so a Markdown renderer can compute its anchor."""


@dataclass(frozen=True)
class Item:
    """One card as written: term and answer are Markdown; ``line`` is 1-based in the file."""

    page: str
    line: int
    term: str
    answer: str
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
    headings: list[Heading] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    matched: set[SourceRule] = field(default_factory=set)
    page_title: str = ""


def plain_text(markdown: str) -> str:
    """Markdown inline text without its markup: what a reader sees, whitespace collapsed."""
    escaped: list[str] = []

    def protect(match: re.Match[str]) -> str:
        escaped.append(match[1])
        return f"\x00{len(escaped) - 1}\x00"

    text = re.sub(r"\\([^\w\s])", protect, markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images
    text = re.sub(r"!?\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"<[^>]*>", "", text)  # inline HTML tags
    text = re.sub(r"(\*\*|\*|(?<!\w)_+|_+(?!\w)|`|~~|==|\+\+|\^\^)", "", text)
    text = re.sub("\x00(\\d+)\x00", lambda match: escaped[int(match[1])], text)
    return re.sub(r"\s+", " ", text).strip()


def indent_of(line: str) -> int:
    expanded = line.expandtabs(TAB_LENGTH)
    return len(expanded) - len(expanded.lstrip(" "))


def dedent(line: str, columns: int) -> str:
    expanded = line.expandtabs(TAB_LENGTH)
    return expanded[min(columns, indent_of(expanded)) :]


def _front_matter_end(lines: Sequence[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _heading_at(lines: Sequence[str], index: int) -> tuple[int, str, int] | None:
    """(level, text with attributes, lines used) if a heading starts at ``index``."""
    line = lines[index]
    match = ATX_HEADING.match(line)
    if match and (match[2] is not None or line.strip().strip("#") == ""):
        text = CLOSING_HASHES.sub("", match[2] or "").strip()
        return len(match[1]), text, 1
    if index + 1 < len(lines) and line.strip() and indent_of(line) < TAB_LENGTH:
        underline = SETEXT_UNDERLINE.match(lines[index + 1])
        starts_block = LIST_ITEM.match(line) or line.lstrip().startswith(("|", ":", ">", "<"))
        if underline and not starts_block:
            return (1 if underline[1].startswith("=") else 2), line.strip(), 2
    return None


@dataclass(frozen=True)
class _Section:
    heading: Heading
    start: int  # first content line (0-based index)
    end: int  # one past the last content line


def _scan(lines: Sequence[str], first: int) -> tuple[list[Heading], list[_Section]]:
    """Every heading outside code fences, and the direct content range after each."""
    headings: list[Heading] = []
    starts: list[tuple[Heading, int, int]] = []  # heading, index of heading, first content
    fence: str | None = None
    index = first
    while index < len(lines):
        line = lines[index]
        fence_match = FENCE.match(line)
        if fence is not None:
            if (
                fence_match
                and fence_match[1][0] == fence[0]
                and len(fence_match[1]) >= len(fence)
                and not line.strip()[len(fence_match[1]) :].strip()
            ):
                fence = None
            index += 1
            continue
        if fence_match:
            fence = fence_match[1]
            index += 1
            continue
        found = _heading_at(lines, index)
        if found is None:
            index += 1
            continue
        level, text, used = found
        raw = f"{'#' * level} {text}"
        heading = Heading(level, ATTR_LIST.sub("", text).strip(), index + 1, raw)
        headings.append(heading)
        starts.append((heading, index, index + used))
        index += used
    sections = [
        _Section(heading, start, starts[n + 1][1] if n + 1 < len(starts) else len(lines))
        for n, (heading, _, start) in enumerate(starts)
    ]
    return headings, sections


def extract(text: str, page: str, rules: Sequence[SourceRule]) -> Extraction:
    """The items of every source section of one page, its headings and what could not be read."""
    lines = text.splitlines()
    headings, sections = _scan(lines, _front_matter_end(lines))
    result = Extraction(headings=headings)
    result.page_title = next((plain_text(h.text) for h in headings if h.level == 1), page)
    claimed: set[int] = set()
    for number, section in enumerate(sections):
        for rule in rules:
            if not rule.matches(page, section.heading.text):
                continue
            result.matched.add(rule)
            covered = [section]
            if rule.subsections:
                for later in sections[number + 1 :]:
                    if later.heading.level <= section.heading.level:
                        break
                    covered.append(later)
            for part in covered:
                if part.start in claimed:
                    continue  # two rules on one section still give each card once
                claimed.add(part.start)
                found = len(result.items)
                _read_blocks(lines, part, page, result)
                order = rules.index(rule)
                for n in range(found, len(result.items)):
                    result.items[n] = replace(result.items[n], order=order)
    return result


def _read_blocks(lines: Sequence[str], section: _Section, page: str, out: Extraction) -> None:
    index = section.start
    end = section.end
    while index < end:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if FENCE.match(line) and indent_of(line) < TAB_LENGTH:
            index = _skip_fence(lines, index, end)
            continue
        if indent_of(line) >= TAB_LENGTH or BLOCK_EXTENSION.match(line) or HTML_BLOCK.match(line):
            index = _skip_indented_block(lines, index, end)
            if "annotate" in line:
                index = _skip_annotations(lines, index, end)
            continue
        if LIST_ITEM.match(line):
            index = _read_list(lines, index, end, section.heading, page, out)
            continue
        if index + 1 < end and "|" in line and TABLE_DELIMITER.match(lines[index + 1]):
            index = _read_table(lines, index, end, section.heading, page, out)
            continue
        index = _read_paragraph(lines, index, end, section.heading, page, out)


def _skip_fence(lines: Sequence[str], index: int, end: int) -> int:
    opening = FENCE.match(lines[index])
    assert opening is not None
    marker = opening[1]
    index += 1
    while index < end:
        closing = FENCE.match(lines[index])
        if closing and closing[1][0] == marker[0] and len(closing[1]) >= len(marker):
            return index + 1
        index += 1
    return end


def _skip_annotations(lines: Sequence[str], index: int, end: int) -> int:
    """Skip the numbered list after a block marked ``annotate``: Material's annotations."""
    while index < end and not lines[index].strip():
        index += 1
    match = LIST_ITEM.match(lines[index]) if index < end else None
    if match is None or not match["marker"][0].isdigit():
        return index
    while index < end and LIST_ITEM.match(lines[index]):
        index = _item_end(lines, index, end, lambda n: LIST_ITEM.match(lines[n]) is not None)
        while index < end and not lines[index].strip():
            index += 1
    return index


def _skip_indented_block(lines: Sequence[str], index: int, end: int) -> int:
    """Skip an admonition, tab, HTML block or indented code: not a list of cards."""
    index += 1
    while index < end:
        line = lines[index]
        if line.strip() and indent_of(line) < TAB_LENGTH and not lines[index - 1].strip():
            break
        index += 1
    return index


def _item_end(lines: Sequence[str], index: int, end: int, is_start: Callable[[int], bool]) -> int:
    """One past the last line of the block item starting at ``index``.

    The item goes on with indented lines (blank lines may separate them) and with lazy
    continuation lines that directly follow text; ``is_start`` says where a sibling begins.
    """
    index += 1
    while index < end:
        line = lines[index]
        if not line.strip():
            following = index + 1
            while following < end and not lines[following].strip():
                following += 1
            if following < end and indent_of(lines[following]) >= TAB_LENGTH:
                index = following
                continue
            return index
        if indent_of(line) >= TAB_LENGTH:
            index += 1
            continue
        if is_start(index):
            return index
        if _heading_at(lines, index) or FENCE.match(line) or BLOCK_EXTENSION.match(line):
            return index
        index += 1  # lazy continuation of the paragraph above
    return index


def _body(lines: Sequence[str], first_text: str, start: int, stop: int) -> str:
    """The item's Markdown: the text after its marker plus its dedented continuation lines."""
    body = [first_text.strip()]
    body.extend(dedent(line, TAB_LENGTH) if line.strip() else "" for line in lines[start:stop])
    return "\n".join(body).strip("\n")


def _read_list(
    lines: Sequence[str], index: int, end: int, heading: Heading, page: str, out: Extraction
) -> int:
    while index < end:
        match = LIST_ITEM.match(lines[index])
        if match is None:
            return index
        stop = _item_end(lines, index, end, lambda n: LIST_ITEM.match(lines[n]) is not None)
        term, answer = split_term(match["text"])
        line_number = index + 1
        if term is None:
            out.problems.append(
                Problem(
                    page,
                    line_number,
                    f"cannot read the list item {_quote(match['text'])} as a flashcard; "
                    "write it as '**Term**: answer' (or 'Term: answer', '**Term** — answer')",
                )
            )
        else:
            _add(out, page, line_number, term, _body(lines, answer, index + 1, stop), heading)
        index = stop
        while index < end and not lines[index].strip():
            index += 1
    return index


def _read_paragraph(
    lines: Sequence[str], index: int, end: int, heading: Heading, page: str, out: Extraction
) -> int:
    """A plain paragraph, or the term line(s) of a definition list when ``:`` follows."""
    start = index
    while index < end and lines[index].strip() and not DEFINITION.match(lines[index]):
        if index > start and (LIST_ITEM.match(lines[index]) or _heading_at(lines, index)):
            return index
        index += 1
    definition_at = index
    if definition_at < end and not lines[definition_at].strip():
        definition_at += 1  # one blank line may separate a term from its definition
    if definition_at >= end or not DEFINITION.match(lines[definition_at]):
        return index  # an ordinary paragraph: introduction text, not a card
    terms = [line.strip() for line in lines[start:index]]
    answers: list[str] = []
    index = definition_at
    while index < end:
        match = DEFINITION.match(lines[index])
        if match is None:
            break
        stop = _item_end(lines, index, end, lambda n: DEFINITION.match(lines[n]) is not None)
        answers.append(_body(lines, match["text"] or "", index + 1, stop))
        index = stop
        blank = index < end and not lines[index].strip()
        if blank and index + 1 < end and DEFINITION.match(lines[index + 1]):
            index += 1
    _add(out, page, start + 1, " / ".join(terms), "\n\n".join(answers), heading)
    return index


def split_cells(row: str) -> list[str]:
    """The cells of a pipe-table row; ``\\|`` and pipes inside code spans are not separators."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row) and row[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "`":
            run = len(row[index:]) - len(row[index:].lstrip("`"))
            closing = row.find("`" * run, index + run)
            if closing != -1:
                current.append(row[index : closing + run])
                index = closing + run
                continue
        if char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current).strip())
    return cells


def _read_table(
    lines: Sequence[str], index: int, end: int, heading: Heading, page: str, out: Extraction
) -> int:
    header = [plain_text(cell) for cell in split_cells(lines[index])]
    index += 2
    while index < end and lines[index].strip() and "|" in lines[index]:
        cells = split_cells(lines[index])
        cells += [""] * (len(header) - len(cells))
        first, others = cells[0], cells[1:]
        term, lead = _table_term(first)
        line_number = index + 1
        if not plain_text(term):
            out.problems.append(
                Problem(page, line_number, "a table row has an empty first cell, so no question")
            )
            index += 1
            continue
        parts = [first] if lead else []
        named = [(name, cell) for name, cell in zip(header[1:], others, strict=False) if cell]
        if len(header) == 2:
            parts += [cell for _, cell in named]
        else:
            parts += [f"**{name}**: {cell}" if name else cell for name, cell in named]
        _add(out, page, line_number, term, "\n\n".join(parts), heading)
        index += 1
    return index


def _table_term(cell: str) -> tuple[str, str]:
    """(term, the rest of the cell): ``**Peak QPS** = formula`` gives ``Peak QPS``, ``= formula``.

    A cell that is not bold-led is all term.
    """
    match = BOLD_TERM.match(cell)
    if match is None:
        return cell, ""
    term = match["term"].strip()
    if not (match["sep"] or match["dot"]) and term.endswith((":", ".")) and len(term) > 1:
        term = term[:-1].rstrip()
    return term, match["rest"].strip()


def split_term(text: str) -> tuple[str | None, str]:
    """Split the first line of an item into (term, answer start); term is None if unreadable."""
    text = text.strip()
    match = BOLD_TERM.match(text)
    if match:
        term = match["term"].strip()
        if match["sep"] or match["dot"]:
            return term, match["rest"]
        if term.endswith((":", ".")) and len(term) > 1:
            return term[:-1].rstrip(), match["rest"]
    colon = _unbracketed_colon(text)
    if colon > 0:
        return text[:colon].strip(), text[colon + 1 :]
    return None, ""


def _unbracketed_colon(text: str) -> int:
    """Index of the first ``:`` followed by a space or the end, outside code, links and HTML."""
    masked = INLINE_CODE.sub(lambda m: "x" * len(m[0]), text)
    depth = 0
    for index, char in enumerate(masked):
        if char in "[(<":
            depth += 1
        elif char in "])>" and depth:
            depth -= 1
        elif char == ":" and depth == 0 and (index + 1 == len(masked) or masked[index + 1] == " "):
            return index
    return -1


def _add(out: Extraction, page: str, line: int, term: str, answer: str, heading: Heading) -> None:
    if not plain_text(term):
        out.problems.append(Problem(page, line, "a flashcard item has an empty term"))
        return
    if not plain_text(answer):
        out.problems.append(
            Problem(
                page,
                line,
                f"the flashcard {_quote(term)} has an empty answer; write the answer after "
                "the term, or remove the item",
            )
        )
        return
    out.items.append(Item(page, line, term, answer, heading, out.page_title))


def _quote(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
