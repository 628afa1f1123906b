"""Helpers to read the project's nav and the text of built pages."""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def nav_pages() -> list[str]:
    """Every Markdown page in mkdocs.yml's nav, in order."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    pages: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            else:
                pages.append(value)

    walk(config["nav"])
    return pages


def built_path(site_dir: Path, md_page: str) -> Path:
    """Where ``mkdocs build`` writes a page with directory URLs."""
    stem = md_page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / (stem + ".html")
    return site_dir / stem / "index.html"


def page_url(md_page: str) -> str:
    stem = md_page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def fresh_soup_of(path: Path) -> BeautifulSoup:
    """The page parsed for this caller alone: to edit (strip widgets, links) before reading."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class _Parsed:
    soup: BeautifulSoup
    shape: tuple[int, int]
    """How many nodes the tree had and how long its text was when parsed."""

    def edited(self) -> bool:
        return _shape(self.soup) != self.shape


def _shape(soup: BeautifulSoup) -> tuple[int, int]:
    return sum(1 for _ in soup.descendants), len(soup.get_text())


_PARSED: OrderedDict[tuple[Path, int, int], _Parsed] = OrderedDict()
_KEPT = 256
"""Pages kept parsed (3 MB each): every page of a few sites."""
_EDITED: list[str] = []


def soup_of(path: Path) -> BeautifulSoup:
    """The page as parsed once per worker while the file is unchanged: a page takes 40-60 ms to
    parse, and a dozen tests read every page of the session's site. Shared, so read it and never
    edit it: a test that edits takes :func:`fresh_soup_of`; :func:`edited_soups`, checked at the
    end of the session, names a shared tree that was edited."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    parsed = _PARSED.get(key)
    if parsed is None:
        soup = fresh_soup_of(path)
        parsed = _PARSED[key] = _Parsed(soup, _shape(soup))
        if len(_PARSED) > _KEPT:
            (evicted_path, *_), evicted = _PARSED.popitem(last=False)
            if evicted.edited():
                _EDITED.append(str(evicted_path))
    else:
        _PARSED.move_to_end(key)
    return parsed.soup


def edited_soups() -> list[str]:
    """The pages whose shared tree a test edited."""
    edited = {str(path) for (path, *_), parsed in _PARSED.items() if parsed.edited()}
    return sorted(edited.union(_EDITED))


def normalise(text: str) -> str:
    """Collapse whitespace and straighten quotes so source and HTML text compare fairly."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def article_text(path: Path) -> str:
    """The readable text of a page's main article (no nav, header or footer)."""
    article = soup_of(path).select_one("article")
    assert article is not None, f"{path} has no <article>"
    return normalise(article.get_text(" "))


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page the build wrote, as a URL relative to the site root ("" is the home page).

    Taken from the build itself, not the nav, so generated pages (flashcards, 404) count too.
    """
    return sorted(
        path.relative_to(site_dir).as_posix().removesuffix("index.html")
        for path in site_dir.rglob("*.html")
    )


@functools.cache
def site_pages() -> list[str]:
    """Every page the build will write, known before it runs (so tests can be one per page):
    each Markdown file under docs/, the pages the playbook plugin generates, and the 404 page.
    ``test_quality_browser`` checks this against :func:`built_pages`."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    docs = Path(config["docs_dir"])
    sources = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    options = config.plugins["playbook"].config
    generated = [options.flashcards.page]
    if options.cheatsheet.sections:
        generated.append(options.cheatsheet.page)
    if options.mock_interview.steps_page:
        generated.append(options.mock_interview.page)
    if options.progress.enabled:
        generated.append(options.progress.page)
    return sorted({page_url(page) for page in [*sources, *generated]} | {"404.html"})


def built_file(site_dir: Path, url: str) -> Path:
    """The file behind a URL from :func:`built_pages`."""
    return site_dir / url / "index.html" if url == "" or url.endswith("/") else site_dir / url
