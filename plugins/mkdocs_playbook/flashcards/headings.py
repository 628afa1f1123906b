"""The headings of a page as text, read quickly: from its Markdown, enough to know before
anything is rendered whether a flashcard source can match on the site (the flashcards page
exists only then); from its rendered HTML, enough to skip reading a page no source can match.

Cards are read from the rendered HTML (``extract``); this reads the Markdown only to decide
whether to generate the page, so it errs on the side of a heading: ATX (``## Title``), setext
(a line over ``===`` or ``---``) and HTML ``<h1>``-``<h6>`` headings count, fenced code does not,
and inline markup is dropped (``## **Question** Bank {#qb}`` reads "Question Bank").

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from mkdocs_playbook.core.text import text_of

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_HEADING_START = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_ATTR_LIST = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[*_`~=^]+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)


def _text(heading: str) -> str:
    heading = _ATTR_LIST.sub("", heading)
    heading = _LINK.sub(r"\1", heading)
    heading = _MARKUP.sub("", _TAG.sub("", heading))
    return " ".join(html.unescape(heading).split())


def markdown_headings(markdown: str) -> Iterator[str]:
    """Each heading's text, in order (HTML headings after the Markdown ones)."""
    markdown = _FRONT_MATTER.sub("", markdown, count=1)
    fence = ""
    previous = ""
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            previous = ""
            continue
        if opening:
            fence = opening.group(1)
            previous = ""
            continue
        atx = _ATX.match(line)
        if atx:
            yield _text(atx.group(1))
        elif previous.strip() and _SETEXT.match(line):
            yield _text(previous)
        previous = line
    for found in _HTML_HEADING.finditer(markdown):
        yield _text(found.group(1))


def html_headings(page_html: str) -> list[str] | None:
    """Each heading's text in rendered HTML, or None when a heading cannot be read this way (one
    never closed, or one inside another): then only a parser can say."""
    inner = _HTML_HEADING.findall(page_html)
    if len(inner) != len(_HTML_HEADING_START.findall(page_html)):
        return None
    return [text_of(heading) for heading in inner]
