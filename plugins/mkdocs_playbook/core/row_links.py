"""A link to its own row after a table row's anchor, as the ``toc`` extension's permalinks are
after headings.

An author anchors a row of a reference table by giving the element that starts its first cell
an id (``| **Term**{ #term } | … |``, with ``attr_list``); readers then want the link to copy,
the way a heading offers its ¶. The link has no text (the stylesheet draws its sign, which
neither copied text nor the search index keep) and is named by the anchored term
(``aria-labelledby``), its title saying what it is.

Pure module: Python-Markdown, no MkDocs.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "playbook-row-link"
TITLE = "Link to this row"
PRIORITY = 5
"""After ``attr_list`` (8), which puts the ids on the elements."""


def add_row_links(root: etree.Element) -> None:
    """Add the link after each row's anchor (the element its first cell starts with), once."""
    for row in root.iter("tr"):
        cell = next(iter(row), None)
        if cell is None or (cell.text or "").strip():
            continue
        children = list(cell)
        if not children or not children[0].get("id"):
            continue
        if any(child.get("class") == CLASS for child in children):
            continue
        anchored = children[0]
        ident = anchored.get("id", "")
        link = etree.Element(
            "a", {"class": CLASS, "href": f"#{ident}", "title": TITLE, "aria-labelledby": ident}
        )
        link.tail, anchored.tail = anchored.tail, None
        cell.insert(1, link)


class _RowLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        add_row_links(root)


class RowLinksExtension(Extension):
    """Registers the row links with a Markdown instance."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_RowLinks(md), "playbook_row_links", PRIORITY)
