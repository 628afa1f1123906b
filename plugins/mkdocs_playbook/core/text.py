"""Plain text out of markup, and slugs out of text: one definition each for every feature.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
import re

WORD_BREAKING_TAGS = frozenset(
    {"p", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "div", "table", "thead", "tbody"}
    | {"tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}
)
"""Elements that end a word: their tags read as whitespace, other tags as nothing."""
_BREAKING = re.compile(rf"</?(?:{'|'.join(sorted(WORD_BREAKING_TAGS))})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def text_of(markup: str) -> str:
    """The text a reader sees in an HTML fragment, whitespace collapsed: block elements and
    line breaks separate words, inline ones (``<em>``, ``<a>``) do not split them."""
    return " ".join(html.unescape(_TAG.sub("", _BREAKING.sub(" ", markup))).split())


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: ids, anchors and storage keys."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"
