"""Read a section of a rendered page, and move what is cut from it to another page.

The flashcards, the cheat sheet and the mock interview all take content from the pages MkDocs
has rendered (``page.content``), never from the Markdown again: what they show is exactly what
the source page shows, made by the site's own extensions, with its links already resolved.
:func:`parse` gives a page's top-level headings and blocks; each block keeps its element tree,
so a feature can look inside (the items of a list, the rows of a table). :func:`move` re-points
a copied block's links and renames its ids (with every reference to them, by ``idrefs``).

Pure module: no MkDocs import.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs_playbook.core.idrefs import ids_of, prefix_ids

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


@dataclass
class Text:
    """Character data between tags: ``source[start:end]`` as written, ``data`` unescaped."""

    start: int
    end: int
    data: str


@dataclass
class Element:
    """An element with where it sits in the page's HTML, so its markup is cut, never rebuilt."""

    tag: str
    attrs: dict[str, str]
    start: int
    inner_start: int
    inner_end: int = -1
    end: int = -1
    children: list[Element | Text] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        """What a reader sees, whitespace collapsed; elements with a class in ``skip`` left out."""
        parts: list[str] = []

        def walk(node: Element | Text) -> None:
            if isinstance(node, Text):
                parts.append(node.data)
            elif not (node.classes & skip):
                for child in node.children:
                    walk(child)

        for child in self.children:
            walk(child)
        return " ".join("".join(parts).split())


class _Tree(HTMLParser):
    """Builds the element tree of a fragment, with source offsets for every node."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = Element("", {}, 0, 0)
        self.open: list[Element] = [self.root]

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        inner = start + len(self.get_starttag_text() or "")
        element = Element(tag, {name: value or "" for name, value in attrs}, start, inner)
        self.open[-1].children.append(element)
        if tag in VOID_TAGS:
            element.inner_end = element.end = inner
        else:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        end = start + len(self.get_starttag_text() or "")
        element = Element(tag, {name: value or "" for name, value in attrs}, start, end, end, end)
        self.open[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not any(element.tag == tag for element in self.open[1:]):
            return  # a stray end tag
        start = self.position()
        end = self.source.index(">", start) + 1
        while self.open[-1].tag != tag:
            self._close(self.open.pop(), start, start)
        self._close(self.open.pop(), start, end)

    @staticmethod
    def _close(element: Element, inner_end: int, end: int) -> None:
        element.inner_end, element.end = inner_end, end

    def handle_data(self, data: str) -> None:
        start = self.position()
        self.open[-1].children.append(Text(start, start, data))

    def finish(self) -> Element:
        self.close()
        end = len(self.source)
        while len(self.open) > 1:
            self._close(self.open.pop(), end, end)
        # A text node ends where the next node starts.
        self._fix_text_ends(self.root, end)
        return self.root

    def _fix_text_ends(self, element: Element, limit: int) -> None:
        children = element.children
        for index, child in enumerate(children):
            following = children[index + 1].start if index + 1 < len(children) else limit
            if isinstance(child, Text):
                child.end = following
            else:
                self._fix_text_ends(child, child.inner_end)


@functools.lru_cache(maxsize=64)
def tree(fragment: str) -> Element:
    """The fragment as an element tree (the root has tag ``""`` and spans the fragment).

    Made once per fragment and shared, so never edited: the features read the same rendered
    pages (the mock interview reads a solution's steps, then where its link goes), and reading
    a page is a large part of a build's time."""
    parser = _Tree(fragment)
    parser.feed(fragment)
    root = parser.finish()
    root.inner_end = root.end = len(fragment)
    return root


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Block:
    kind: str
    html: str
    element: Element | None = field(default=None, compare=False, repr=False)
    """The block's element tree, to read inside it (absent for bare text)."""


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


def parse(page_html: str) -> list[Node]:
    """The page's top-level headings and blocks, in document order (text between is dropped)."""
    nodes: list[Node] = []
    for element in tree(page_html).elements():
        if element.tag in HEADING_TAGS:
            text = element.text(skip=frozenset({"headerlink"}))
            nodes.append(Heading(HEADING_TAGS[element.tag], element.attrs.get("id", ""), text))
        else:
            kind = block_kind(element.tag, element.classes)
            nodes.append(Block(kind, page_html[element.start : element.end], element))
    return nodes


def find_heading(
    nodes: list[Node], heading: str | None, anchor: str | None
) -> tuple[int, Heading] | None:
    """The first heading whose id is ``anchor`` or whose text starts with ``heading``."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Heading):
            continue
        if anchor is not None and node.id == anchor:
            return index, node
        if heading is not None and starts_with(node.text, heading):
            return index, node
    return None


def starts_with(text: str, prefix: str) -> bool:
    """How a configured heading names a page's heading: its start, ignoring case."""
    return text.casefold().startswith(prefix.strip().casefold())


def section_blocks(nodes: list[Node], index: int, kinds: frozenset[str]) -> list[Block]:
    """The blocks directly under the heading at ``index`` (up to the next heading) of ``kinds``."""
    blocks: list[Block] = []
    for node in nodes[index + 1 :]:
        if isinstance(node, Heading):
            break
        if not kinds or node.kind in kinds:
            blocks.append(node)
    return blocks


def subsections(nodes: list[Node], index: int) -> list[int]:
    """The indexes of the headings nested under the heading at ``index``."""
    heading = nodes[index]
    assert isinstance(heading, Heading)
    found: list[int] = []
    for later in range(index + 1, len(nodes)):
        node = nodes[later]
        if isinstance(node, Heading):
            if node.level <= heading.level:
                break
            found.append(later)
    return found


def headings(nodes: list[Node]) -> list[Heading]:
    return [node for node in nodes if isinstance(node, Heading)]


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def relocate(url: str, from_url: str, to_url: str) -> str:
    """Re-point a link written on the page at ``from_url`` for the page at ``to_url``.

    URLs are site-relative ("flow/", "" for the home page); absolute and other-scheme links
    are kept as they are.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return url
    base = "/" + from_url
    target = posixpath.join(posixpath.dirname(base), parts.path) if parts.path else base
    normal = posixpath.normpath(target)
    if target.endswith("/") and not normal.endswith("/"):
        normal += "/"
    relative = posixpath.relpath(normal, posixpath.dirname("/" + to_url))
    if normal.endswith("/") and not relative.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return relative + query + fragment


def move(fragment: str, prefix: str, from_url: str, to_url: str) -> str:
    """Prefix ids (and every reference to them) and re-point links of a block moved to another
    page; links to the block's own ids stay in-page."""
    own_ids = set(ids_of(fragment))

    def link(match: re.Match[str]) -> str:
        url = html.unescape(match.group(2))
        if url.startswith("#") and url[1:] in own_ids:
            return match.group(0)
        return match.group(1) + html.escape(relocate(url, from_url, to_url)) + match.group(3)

    return prefix_ids(_URL_ATTRIBUTE.sub(link, fragment), prefix)
