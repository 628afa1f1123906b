"""The site in a real Chromium: diagrams, instant navigation, palettes, search."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PageWatch, open_page
from site_pages import built_path, nav_pages, page_url, soup_of

pytestmark = pytest.mark.browser

# What a diagram page shows: the palette of the SVG on screen in each diagram (the one drawn for
# the page's palette), the text of each article and the body's palette.
SHOWN = """() => ({
  palettes: [...document.querySelectorAll('[data-diagram]')].map(d =>
    [...d.querySelectorAll('svg[data-diagram-palette]')]
      .filter(svg => svg.getBoundingClientRect().width > 0)
      .map(svg => svg.dataset.diagramPalette).join(' ')),
  articles: [...document.querySelectorAll('article')].map(article => article.innerText),
  bodyScheme: document.body.getAttribute('data-md-color-scheme'),
})"""


def diagram_pages(site_dir: Path) -> list[str]:
    return [p for p in nav_pages() if soup_of(built_path(site_dir, p)).select("[data-diagram]")]


def assert_diagrams_shown(shown: dict[str, Any], scheme: str) -> None:
    """Every diagram shows exactly its drawing for ``scheme``, and no Mermaid source."""
    palette = "dark" if scheme == "dark" else "light"
    palettes = shown["palettes"]
    assert palettes and palettes == [palette] * len(palettes)
    assert len(shown["articles"]) == 1, "one article"
    text = shown["articles"][0]
    assert "-->" not in text and "sequenceDiagram" not in text and "accTitle" not in text


def expect_diagrams_shown(page: Page, scheme: str) -> None:
    assert_diagrams_shown(page.evaluate(SHOWN), scheme)


FETCHES_WATCHED = "light"
"""The palette whose tour also waits on each page until the network is idle (half a second
without a request), so that ``fetched`` holds what a page asks for late, too."""


@dataclass
class DiagramTour:
    """One palette's visit to every diagram page, each loaded by URL: what each page showed once
    loaded, every request the visit made, and what the pages did that a reader would never want."""

    shown: dict[str, dict[str, Any]]
    fetched: list[str]
    watch: PageWatch


@pytest.fixture(scope="session")
def diagram_tour(site_dir: Path, base_url: str, browser: Browser) -> Callable[[str], DiagramTour]:
    """Each palette's tour, made once for the tests that read it (the light one serves two).
    Session-scoped: under xdist another module's tests can run between this module's, which
    would end a module-scoped fixture and tour again; the tour keeps no page open."""

    @functools.cache
    def tour(scheme: str) -> DiagramTour:
        page, watch = open_page(browser, scheme)
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        shown = {}
        try:
            for md_page in diagram_pages(site_dir):
                page.goto(base_url + page_url(md_page))
                shown[md_page] = page.evaluate(SHOWN)
                if scheme == FETCHES_WATCHED:
                    page.wait_for_load_state("networkidle")
        finally:
            page.context.close()
        return DiagramTour(shown, fetched, watch)

    return tour


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_is_shown_on_direct_load_in_both_palettes(
    diagram_tour: Callable[[str], DiagramTour], scheme: str
) -> None:
    tour = diagram_tour(scheme)
    assert {"flow.md", "deep-dives.md", "reference-diagram.md"} <= set(tour.shown)
    for md_page, shown in tour.shown.items():
        assert_diagrams_shown(shown, scheme)
        assert shown["bodyScheme"] == ("slate" if scheme == "dark" else "default"), md_page
    tour.watch.assert_clean()


def test_diagrams_are_shown_after_instant_navigation(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    # Instant navigation takes over links once Material has read the sitemap.
    page.goto(base_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    for target in ("reference-diagram/", "deep-dives/", "flow/"):
        page.locator(f'nav.md-nav--primary a[href$="{target}"]').first.click()
        page.wait_for_url(f"**/{target}")
        # The URL changes before the new content is swapped in; wait for the new page itself.
        expect(page.locator(f'a.md-nav__link--active[href$="{target}"]').first).to_be_attached()
        expect_diagrams_shown(page, scheme)
        assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    watch.assert_clean()


def test_switching_palette_swaps_drawings_without_redrawing(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "deep-dives/")
    expect_diagrams_shown(page, "light")
    # Tag the drawings: a redraw would replace the elements and lose the tag.
    page.evaluate("document.querySelectorAll('svg[data-diagram-palette]').forEach(s => s.tag = 1)")
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect_diagrams_shown(page, "dark")
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect_diagrams_shown(page, "light")
    untagged = "[...document.querySelectorAll('svg[data-diagram-palette]')].filter(s => !s.tag)"
    assert page.evaluate(f"{untagged}.length") == 0
    watch.assert_clean()


def test_pages_with_diagrams_download_no_mermaid(
    diagram_tour: Callable[[str], DiagramTour],
) -> None:
    """Every diagram is drawn at build time, so no page needs Mermaid's 250 KB of scripts (the
    build tests check that no page even names Mermaid)."""
    tour = diagram_tour(FETCHES_WATCHED)
    assert {"flow.md", "deep-dives.md", "reference-diagram.md"} <= set(tour.shown)
    assert not [url for url in tour.fetched if "mermaid" in url or "diagrams-in-browser" in url]
    tour.watch.assert_clean()


def test_diagrams_need_no_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "reference-diagram/")
    diagram = page.locator("[data-diagram] svg[data-diagram-palette=light]")
    expect(diagram).to_be_visible()
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert "Stream (Kafka)" in (diagram.text_content() or "")
    context.close()


def test_searching_idempotency_lists_question_bank_and_pitfalls(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url)
    page.keyboard.press("/")
    search_box = page.locator("input.md-search__input")
    expect(search_box).to_be_focused()
    # The index loads in a web worker; a query typed before it is ready is answered afterwards.
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")
    search_box.press_sequentially("idempotency")
    # Results are redrawn after every keystroke: assert with retrying locators, not a snapshot.
    for source in ("question-bank/", "pitfalls/"):
        result = page.locator(f'a.md-search-result__link[href*="{source}"]')
        expect(result.first).to_be_attached(timeout=30_000)
    watch.assert_clean()
