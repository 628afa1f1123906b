"""Browser tests of the print contract (every page) and of the cheat sheet on paper and screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import PageWatch, close_page, open_page, wait_until_settled

pytestmark = pytest.mark.browser

CHROME = (
    "header.md-header",
    ".md-tabs",
    ".md-sidebar",
    "nav.md-nav",
    ".md-search",
    "footer.md-footer",
    ".md-top",
    ".md-source",
    ".md-content__button",
    "button",
    ".md-button",
    "a.headerlink",
)
# Every element of the site's chrome that a reader would still see on paper.
VISIBLE_CHROME = """(selectors) => selectors.flatMap((selector) =>
  [...document.querySelectorAll(selector)]
    .filter((element) => element.checkVisibility({ checkVisibilityCSS: true }))
    .map((element) => `${selector}: ${element.outerHTML.slice(0, 80)}`))"""
# Text a reader would see that is raw Mermaid source or an error instead of a drawn diagram.
RAW_DIAGRAMS = """() => [...document.querySelectorAll("div.mermaid, [data-author-error]")]
  .filter((diagram) => !diagram.querySelector("svg")
    && diagram.checkVisibility({ checkVisibilityCSS: true }))
  .map((diagram) => diagram.textContent.slice(0, 60))"""
# What a reader of the page on paper would see that does not belong there, and whether the
# article prints at all (as Playwright's is_visible decides: a visible style and a non-empty
# box), measured in one call per page instead of three.
PRINTED = f"""(selectors) => {{
  const article = document.querySelector("article");
  const box = article?.getBoundingClientRect();
  return {{
    chrome: ({VISIBLE_CHROME})(selectors),
    rawDiagrams: ({RAW_DIAGRAMS})(),
    articleShown: Boolean(article && article.checkVisibility()
      && getComputedStyle(article).visibility === "visible" && box.width > 0 && box.height > 0),
  }};
}}"""
# The palette of each diagram drawing a reader sees.
SHOWN_PALETTES = """() => [...document.querySelectorAll("svg[data-diagram-palette]")]
  .filter((svg) => svg.checkVisibility({ checkVisibilityCSS: true }))
  .map((svg) => svg.dataset.diagramPalette)"""
SMALLEST_TEXT_PT = """(root) => {
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || element.closest("svg")) continue;
    if (!element.checkVisibility({ checkVisibilityCSS: true })) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize) * 0.75);
  }
  return smallest;
}"""


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as URLs relative to its root."""
    pages = sorted(
        path.parent.relative_to(site_dir).as_posix() + "/" for path in site_dir.rglob("index.html")
    )
    return [page.removeprefix("./") for page in pages] + ["404.html"]


# What the tests of single pages read on paper, gathered on the tour of every page: each page is
# opened on screen and then printed once, and these pages are not opened again.
COLLAPSED_BLOCKS = "capacity-estimation/"
EXTERNAL_LINKS = "further-study/"
CHEAT_SHEET = "cheat-sheet/"
LINKS_AFTER = """() => [...document.querySelectorAll("article a[href]")].map((link) => [
  link.href, link.textContent.trim(), getComputedStyle(link, "::after").content])"""
SHEET_LAYOUT = """() => {
  const sheet = document.querySelector(".playbook-cheatsheet");
  const style = (selector, property) => [...new Set([...sheet.querySelectorAll(selector)]
    .map((e) => getComputedStyle(e)[property]))];
  return {
    columns: getComputedStyle(sheet).columnCount,
    titles: style(".playbook-cheatsheet__section > h2, dt", "breakAfter"),
    whole: style("tr, li, dd, p, .admonition, [data-diagram]", "breakInside"),
  };
}"""


@dataclass
class PrintedPage:
    """One page of the tour: what it showed on paper, what it logged, and what the tests of
    single pages read on it (on screen before printing, and on paper)."""

    printed: dict[str, Any]
    errors: list[str]
    foreign_requests: list[str]
    facts: dict[str, Any] = field(default_factory=dict)


def _read_single_page_facts(page: Page, url: str, printed: bool) -> dict[str, Any]:
    """The facts the single-page tests assert, on screen (``printed`` False) or on paper."""
    if url == COLLAPSED_BLOCKS:
        worked = page.locator("details", has_text="Worked example").locator("li").first
        if printed:
            return {"worked_on_paper": worked.is_visible()}
        return {
            "open_blocks": page.locator("details[open]").count(),
            "worked_on_screen": worked.is_visible(),
        }
    if url == EXTERNAL_LINKS and printed:
        return {"links": page.evaluate(LINKS_AFTER)}
    if url == CHEAT_SHEET and printed:
        return {
            "intro_shown": page.locator(".playbook-cheatsheet-intro").is_visible(),
            "layout": page.evaluate(SHEET_LAYOUT),
            "smallest_pt": page.evaluate(SMALLEST_TEXT_PT, ".playbook-cheatsheet"),
        }
    return {}


@pytest.fixture(scope="module")
def print_tour(site_dir: Path, base_url: str, browser: Browser) -> dict[str, PrintedPage]:
    """Every page of the site opened on screen and printed, in one light context."""
    page, watch = open_page(browser, "light")
    tour: dict[str, PrintedPage] = {}
    try:
        for url in built_pages(site_dir):
            errors, requests = len(watch.errors), len(watch.foreign_requests)
            page.emulate_media(media="screen")
            page.goto(base_url + url)
            wait_until_settled(page)
            facts = _read_single_page_facts(page, url, printed=False)
            page.emulate_media(media="print")
            facts |= _read_single_page_facts(page, url, printed=True)
            tour[url] = PrintedPage(
                page.evaluate(PRINTED, list(CHROME)),
                watch.errors[errors:],
                watch.foreign_requests[requests:],
                facts,
            )
    finally:
        close_page(page)
    return tour


def assert_clean(printed: PrintedPage) -> None:
    """The page's share of PageWatch.assert_clean: no foreign requests, no errors logged."""
    assert printed.foreign_requests == [], "requests left 127.0.0.1"
    assert printed.errors == [], "the page logged errors"


def test_print_hides_the_chrome_on_every_page(print_tour: dict[str, PrintedPage]) -> None:
    pages = list(print_tour)
    assert {"", "cheat-sheet/", "flashcards/", "capacity-estimation/"} <= set(pages)
    problems: dict[str, list[str]] = {}
    for url, visit in print_tour.items():
        printed = visit.printed
        found = printed["chrome"] + [
            f"raw diagram source: {text}" for text in printed["rawDiagrams"]
        ]
        if found:
            problems[url] = found
        assert printed["articleShown"], f"{url}: the article does not print"
    assert problems == {}
    for visit in print_tour.values():
        assert_clean(visit)


def test_collapsed_blocks_print_open(print_tour: dict[str, PrintedPage]) -> None:
    visit = print_tour[COLLAPSED_BLOCKS]
    assert visit.facts["open_blocks"] == 0
    assert not visit.facts["worked_on_screen"]
    assert visit.facts["worked_on_paper"]
    assert_clean(visit)


def test_external_links_print_their_address(print_tour: dict[str, PrintedPage]) -> None:
    visit = print_tour[EXTERNAL_LINKS]
    after = visit.facts["links"]
    external = [(href, text, shown) for href, text, shown in after if "127.0.0.1" not in href]
    assert external, "further-study has links to other sites"
    for href, text, shown in external:
        expected = "none" if text.rstrip("/") == href.rstrip("/") else f'" <{href}>"'
        assert shown == expected, href
    internal = [shown for href, _, shown in after if "127.0.0.1" in href]
    assert internal and set(internal) <= {"none", '"¶"'}
    assert_clean(visit)


def test_dark_readers_print_light_diagrams_and_ink(browser: Browser, base_url: str) -> None:
    page, watch = open_page(browser, "dark")
    try:
        page.goto(base_url + "reference-diagram/")
        assert page.evaluate(SHOWN_PALETTES) == ["dark"]
        page.emulate_media(media="print")
        assert page.evaluate(SHOWN_PALETTES) == ["light"]
        ink = page.evaluate("() => getComputedStyle(document.querySelector('article p')).color")
        channels = [float(part) for part in ink[ink.index("(") + 1 : -1].split(",")[:3]]
        assert max(channels) < 80, f"text prints as {ink}, too light for paper"
        page.emulate_media(media="screen")
        assert page.evaluate(SHOWN_PALETTES) == ["dark"]
        watch.assert_clean()
    finally:
        close_page(page)


def test_cheat_sheet_on_paper_is_dense_columns_never_cut_mid_row(
    print_tour: dict[str, PrintedPage],
) -> None:
    """Two columns; a section may go on in the next one, but never leaves its title at the
    foot of a column, nor cuts a row, an item, a definition or the diagram in two."""
    visit = print_tour[CHEAT_SHEET]
    assert not visit.facts["intro_shown"]
    assert visit.facts["layout"] == {"columns": "2", "titles": ["avoid"], "whole": ["avoid"]}
    assert visit.facts["smallest_pt"] >= 8
    assert_clean(visit)


def test_cheat_sheet_on_screen_is_a_normal_page_with_a_print_button(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "cheat-sheet/")
    wait_until_settled(page)
    columns = page.evaluate(
        "() => getComputedStyle(document.querySelector('.playbook-cheatsheet')).columnCount"
    )
    assert columns == "auto"
    assert page.evaluate(SHOWN_PALETTES) == ["light"]
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.printed") is True
    watch.assert_clean()
