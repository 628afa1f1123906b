"""The site in a real Chromium: diagrams, instant navigation, palettes, search."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from diagram_walks import FETCHES_WATCHED, SHOWN, view_group, walk
from playwright.sync_api import Browser, Page, expect

from conftest import PageWatch, navigate_in_place, one_document
from site_pages import nav_pages, page_url

pytestmark = pytest.mark.browser
# The diagram tours are diagram_walks' desktop walks, shared with test_diagrams_legibility: each
# tour's tests carry its walk's xdist group; the other tests open pages of their own.
SPREAD = True
SCHEMES = ("light", "dark")


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


@dataclass
class DiagramTour:
    """One palette's visit to every diagram page, each loaded by URL: what each page showed once
    loaded, every request the visit made, and what the pages did that a reader would never want."""

    shown: dict[str, dict[str, Any]]
    fetched: list[str]
    watch: PageWatch


@pytest.fixture(scope="session")
def diagram_tour(site_dir: Path, base_url: str, browser: Browser) -> Callable[[str], DiagramTour]:
    """Each palette's tour: the walk of the desktop view in that palette (diagram_walks), which
    loads every diagram page by URL once per session for this module and legibility's tests."""

    @functools.cache
    def tour(scheme: str) -> DiagramTour:
        walked = walk(browser, base_url, site_dir, (scheme, False))
        # The nav's pages with a diagram: the walk found every built page that has one.
        shown = {
            md_page: walked.shown[page_url(md_page)]
            for md_page in nav_pages()
            if page_url(md_page) in walked.shown
        }
        return DiagramTour(shown, walked.fetched, walked.watch)

    return tour


# Each palette's test runs on the worker that walks that palette's desktop view.
@pytest.mark.parametrize(
    "scheme", [pytest.param(scheme, marks=view_group((scheme, False))) for scheme in SCHEMES]
)
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
    page.goto(base_url, wait_until="networkidle")
    with one_document(page):
        for target in ("reference-diagram/", "deep-dives/", "flow/"):
            navigate_in_place(page, target)
            expect_diagrams_shown(page, scheme)
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


@view_group(FETCHES_WATCHED)
def test_pages_with_diagrams_download_no_mermaid(
    diagram_tour: Callable[[str], DiagramTour],
) -> None:
    """Every diagram is drawn at build time, so no page needs Mermaid's 250 KB of scripts (the
    build tests check that no page even names Mermaid)."""
    palette, _ = FETCHES_WATCHED
    tour = diagram_tour(palette)
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
