"""The articles of the session's built pages, and the checks several files make on them.

The solutions and fundamentals tests read the same few dozen pages hundreds of times: each page
is parsed once (``soup_of``). The tree is shared, so a test that edits what it reads takes
:func:`article_copy`.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from site_pages import built_path, soup_of


def page_soup(site_dir: Path, md_page: str) -> BeautifulSoup:
    """The whole built page, to read (never to edit: other tests read it too)."""
    return soup_of(built_path(site_dir, md_page))


@functools.cache
def _article_of(path: Path) -> Tag:
    node = soup_of(path).select_one("article")
    assert node is not None, f"{path} has no <article>"
    return node


def article(site_dir: Path, md_page: str) -> Tag:
    """The ``<article>`` of a built page, to read (never to edit: other tests read it too)."""
    return _article_of(built_path(site_dir, md_page))


def article_copy(site_dir: Path, md_page: str) -> Tag:
    """A copy of the built page's ``<article>`` that a test may edit (strip widgets, links)."""
    return copy.copy(article(site_dir, md_page))


def assert_diagrams_drawn_in_both_palettes(md_page: str, text: Tag) -> None:
    """The page has a diagram, and each is drawn at build time once per palette, light first."""
    drawn = text.select("[data-diagram]")
    assert drawn, f"{md_page} has no diagram"
    for diagram in drawn:
        palettes = [svg["data-diagram-palette"] for svg in diagram.select("svg[role=img]")]
        assert palettes == ["light", "dark"], md_page
