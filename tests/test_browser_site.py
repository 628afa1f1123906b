"""The site in a real Chromium: diagrams, instant navigation, palettes, search, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import PageWatch
from site_pages import built_path, nav_pages, page_url, soup_of

pytestmark = pytest.mark.browser

ALL_DRAWN = """(theme) => {
  const diagrams = [...document.querySelectorAll('div.mermaid')];
  return diagrams.length > 0 && diagrams.every(d => d.dataset.theme === theme
    && d.querySelector(':scope > svg g') !== null);
}"""


def diagram_pages(site_dir: Path) -> list[str]:
    return [p for p in nav_pages() if soup_of(built_path(site_dir, p)).select("div.mermaid")]


def expect_diagrams_drawn(page: Page, scheme: str) -> None:
    theme = "dark" if scheme == "dark" else "default"
    page.wait_for_function(ALL_DRAWN, arg=theme, timeout=20_000)
    raw = page.evaluate("[...document.querySelectorAll('div.mermaid')].map(d => d.innerText)")
    assert not any("-->" in text or "sequenceDiagram" in text for text in raw)


def test_every_diagram_renders_on_direct_load(
    site_dir: Path, base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    pages = diagram_pages(site_dir)
    assert {"flow.md", "deep-dives.md", "reference-diagram.md"} <= set(pages)
    for md_page in pages:
        page.goto(base_url + page_url(md_page))
        expect_diagrams_drawn(page, scheme)
        body_scheme = page.get_attribute("body", "data-md-color-scheme")
        assert body_scheme == ("slate" if scheme == "dark" else "default")
    watch.assert_clean()


def test_diagrams_render_after_instant_navigation(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    page.goto(base_url)
    page.evaluate("window.__sameDocument = true")
    for target in ("reference-diagram/", "deep-dives/", "flow/"):
        page.locator(f'nav.md-nav--primary a[href$="{target}"]').first.click()
        page.wait_for_url(f"**/{target}")
        # The URL changes before the new content is swapped in; wait for the new page itself.
        expect(page.locator(f'a.md-nav__link--active[href$="{target}"]').first).to_be_attached()
        expect_diagrams_drawn(page, scheme)
        assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    watch.assert_clean()


def test_diagrams_redraw_when_the_palette_switches(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "deep-dives/")
    expect_diagrams_drawn(page, "light")
    light_svg = page.inner_html("div.mermaid")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect_diagrams_drawn(page, "dark")
    assert page.inner_html("div.mermaid") != light_svg
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect_diagrams_drawn(page, "light")
    watch.assert_clean()


def test_pages_without_diagrams_never_fetch_mermaid(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    plain = [p for p in nav_pages() if p not in diagram_pages(site_dir)]
    assert plain
    for md_page in plain:
        page.goto(base_url + page_url(md_page), wait_until="networkidle")
    assert not [url for url in fetched if "mermaid" in url]
    watch.assert_clean()


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


def test_flowcharts_do_not_download_the_elk_layout_engine(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "reference-diagram/")
    expect_diagrams_drawn(page, "light")
    assert any("/vendor/mermaid/" in url for url in fetched)
    assert not [url for url in fetched if "/elk-" in url], "Mermaid fetched its 1.6 MB ELK chunk"
    watch.assert_clean()
