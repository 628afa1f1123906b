"""Browser tests of the print contract (every page) and of the cheat sheet on paper and screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import PageWatch, open_page
from mkdocs_playbook.cheatsheet.pdf import DIAGRAMS_DRAWN

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


def open_for_print(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(DIAGRAMS_DRAWN)
    page.emulate_media(media="print")


def test_print_hides_the_chrome_on_every_page(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    pages = built_pages(site_dir)
    assert {"", "cheat-sheet/", "flashcards/", "capacity-estimation/"} <= set(pages)
    problems: dict[str, list[str]] = {}
    for url in pages:
        page.emulate_media(media="screen")
        open_for_print(page, base_url + url)
        printed = page.evaluate(PRINTED, list(CHROME))
        found = printed["chrome"] + [
            f"raw diagram source: {text}" for text in printed["rawDiagrams"]
        ]
        if found:
            problems[url] = found
        assert printed["articleShown"], f"{url}: the article does not print"
    assert problems == {}
    watch.assert_clean()


def test_collapsed_blocks_print_open(base_url: str, light_page: tuple[Page, PageWatch]) -> None:
    page, watch = light_page
    page.goto(base_url + "capacity-estimation/")
    worked = page.locator("details", has_text="Worked example").locator("li").first
    assert page.locator("details[open]").count() == 0
    assert not worked.is_visible()
    page.emulate_media(media="print")
    assert worked.is_visible()
    watch.assert_clean()


def test_external_links_print_their_address(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "further-study/")
    page.emulate_media(media="print")
    after = page.evaluate(
        """() => [...document.querySelectorAll("article a[href]")].map((link) => [
          link.href, link.textContent.trim(), getComputedStyle(link, "::after").content])"""
    )
    external = [(href, text, shown) for href, text, shown in after if "127.0.0.1" not in href]
    assert external, "further-study has links to other sites"
    for href, text, shown in external:
        expected = "none" if text.rstrip("/") == href.rstrip("/") else f'" <{href}>"'
        assert shown == expected, href
    internal = [shown for href, _, shown in after if "127.0.0.1" in href]
    assert internal and set(internal) <= {"none", '"¶"'}
    watch.assert_clean()


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
        page.context.close()


def test_cheat_sheet_on_paper_is_dense_columns_never_cut_mid_row(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """Two columns; a section may go on in the next one, but never leaves its title at the
    foot of a column, nor cuts a row, an item, a definition or the diagram in two."""
    page, watch = light_page
    open_for_print(page, base_url + "cheat-sheet/")
    assert not page.locator(".playbook-cheatsheet-intro").is_visible()
    layout = page.evaluate(
        """() => {
          const sheet = document.querySelector(".playbook-cheatsheet");
          const style = (selector, property) => [...new Set([...sheet.querySelectorAll(selector)]
            .map((e) => getComputedStyle(e)[property]))];
          return {
            columns: getComputedStyle(sheet).columnCount,
            titles: style(".playbook-cheatsheet__section > h2, dt", "breakAfter"),
            whole: style("tr, li, dd, p, .admonition, [data-diagram]", "breakInside"),
          };
        }"""
    )
    assert layout == {"columns": "2", "titles": ["avoid"], "whole": ["avoid"]}
    assert page.evaluate(SMALLEST_TEXT_PT, ".playbook-cheatsheet") >= 8
    watch.assert_clean()


def test_cheat_sheet_on_screen_is_a_normal_page_with_a_print_button(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "cheat-sheet/")
    page.wait_for_function(DIAGRAMS_DRAWN)
    columns = page.evaluate(
        "() => getComputedStyle(document.querySelector('.playbook-cheatsheet')).columnCount"
    )
    assert columns == "auto"
    assert page.evaluate(SHOWN_PALETTES) == ["light"]
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.printed") is True
    watch.assert_clean()
