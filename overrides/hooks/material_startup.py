"""The build's side of Material's start without restyling the page (overrides/main.html).

Two things. The script every page carries inline is not also shipped as a file. And Material's
scroll wrapper around each Markdown table is written by the build. As a page starts, Material's
script moves every ``table:not([class])`` of the content into
``div.md-typeset__scrollwrap > div.md-typeset__table`` (so that a wide table scrolls in its own
box). The page is laid out by then: each move rebuilds the table's layout, and Material's
sibling rules on the article's children (``h2+h3``, ``table:not([class])+*``) restyle the whole
article with it, one long task on a page of tables. The build writes the same wrapper around
each table, and overrides/assets/material-startup.js keeps Material from wrapping those again.
Nothing else changes: the tables keep no class, so every stylesheet styles them as before.

This is a MkDocs hook of this site (mkdocs.yml ``hooks``), not part of the plugin: it only pays
together with the script, and a site without the script would get every table wrapped twice.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.files import Files

INLINE_SCRIPT = "assets/material-startup.js"
"""overrides/main.html includes it in every page; as a file, nothing would load it."""

OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
CLOSE = "</div></div>"
_TAG = re.compile(r"<table\b[^>]*>|</table>")


def wrap_tables(html: str) -> str:
    """``html`` with each ``<table>`` that has no attributes in Material's wrapper, as Material's
    script would put it (tables inside tables included); one already wrapped is left alone."""
    edits: list[tuple[int, int, str]] = []  # (where, closing before opening, text)
    opened: list[int] = []  # where each open table starts; -1 for one with attributes
    for tag in _TAG.finditer(html):
        if tag[0] != "</table>":
            opened.append(tag.start() if tag[0] == "<table>" else -1)
        elif opened and (start := opened.pop()) >= 0 and not html.endswith(OPEN, 0, start):
            edits += [(start, 1, OPEN), (tag.end(), 0, CLOSE)]
    out, done = [], 0
    for at, _, text in sorted(edits):
        out += [html[done:at], text]
        done = at
    return "".join([*out, html[done:]])


def on_files(files: Files, **_: Any) -> Files:
    script = files.get_file_from_path(INLINE_SCRIPT)
    if script is not None:
        files.remove(script)
    return files


def on_post_page(output: str, **_: Any) -> str:
    """The page as written: what plugins read of the page's content keeps its bare tables."""
    return wrap_tables(output)
