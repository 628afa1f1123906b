"""overrides/assets/material-startup.js: Material starts without restyling the whole page.

As Material's bundle starts, it changes <html>'s classes, makes stylesheets' addresses absolute,
adds a color-scheme meta and sets the reader's palette on <body> again; Chromium restyles every
element for each. The script makes the first three changes itself while the page is a handful
of elements, and skips the palette writes that change nothing. Switching the palette still
works, with Material's switching mark (transitions off) set while colours change.

These tests also watch Material's side of it: if it stops making those changes as it starts,
the script has nothing left to do and the first test says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from test_material_startup_hook import CLOSE, INLINE_SCRIPT, OPEN

from conftest import (
    ROOT,
    close_page,
    navigate_in_place,
    one_document,
    open_page,
    wait_until_settled,
)

SCRIPT = ROOT / "overrides" / INLINE_SCRIPT
STATE = "() => window[Symbol.for('playbook.materialStartup')]"
WATCHED = ["scheme", "primary", "accent", "media", "switching"]
# Every write to a palette attribute of <body>, from the first script on, as [name, value]
# (value null when removed); writes the page's HTML makes as it is parsed are not mutations.
# And every change that restyles the whole page, as [what, old value, new value, whether the
# page's content was parsed yet]: a write of the value already there is not a change.
RECORD_WRITES = f"""
window.__bodyWrites = [];
new MutationObserver((records) => {{
  for (const record of records) {{
    if (record.target !== document.body) continue;
    const name = record.attributeName.replace("data-md-color-", "");
    window.__bodyWrites.push([name, document.body.getAttribute(record.attributeName)]);
  }}
}}).observe(document, {{
  attributes: true, subtree: true,
  attributeFilter: {[f"data-md-color-{name}" for name in WATCHED]!r},
}});
window.__pageRestyles = [];
const whatIsRestyled = (node, attribute) =>
  node === document.documentElement && attribute === "class" ? "html class"
  : node.matches("link[rel~=stylesheet]") && attribute === "href" ? "stylesheet"
  : node.matches("meta[name=color-scheme]") && attribute === "content" ? "color-scheme"
  : null;
new MutationObserver((records) => {{
  const contentParsed = document.querySelector("article") !== null;
  records.forEach((record, index) => {{
    if (record.type === "childList") {{
      for (const node of record.removedNodes) {{
        if (node.nodeName !== "TABLE") continue;
        window.__pageRestyles.push(["table moved", null, null, contentParsed]);
      }}
      for (const node of record.addedNodes) {{
        if (node instanceof HTMLMetaElement && node.name === "color-scheme") {{
          window.__pageRestyles.push(["color-scheme meta", null, node.content, contentParsed]);
        }}
      }}
      return;
    }}
    const what = whatIsRestyled(record.target, record.attributeName);
    if (!what) return;
    const next = records.slice(index + 1).find(
      (later) => later.target === record.target && later.attributeName === record.attributeName);
    const value = next ? next.oldValue : record.target.getAttribute(record.attributeName);
    if (value === record.oldValue) return;
    window.__pageRestyles.push([what, record.oldValue, value, contentParsed]);
  }});
}}).observe(document, {{
  childList: true, subtree: true, attributeOldValue: true,
  attributeFilter: ["class", "href", "content"],
}});
"""


TURNED_DARK = [
    ["media", "(prefers-color-scheme: dark)"],
    ["switching", ""],
    ["scheme", "slate"],
    ["switching", None],
]
"""The writes of a turn to the dark palette: the mark is on while the scheme changes."""


@contextmanager
def started_page(browser: Browser, base_url: str, scheme: str) -> Iterator[Page]:
    """A page opened by a reader with nothing stored, once Material's palette has started;
    closed after the test, which fails if the page logged an error."""
    page, watch = open_page(browser, scheme)
    try:
        page.add_init_script(RECORD_WRITES)
        page.goto(base_url + "overview/")
        page.wait_for_function("__md_get('__palette') !== null")  # Material stores it once applied
        wait_until_switched(page)
        yield page
        watch.assert_clean()
    finally:
        close_page(page)


def wait_until_switched(page: Page) -> None:
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")


def writes(page: Page) -> list[list[str | None]]:
    """The writes to <body>'s palette recorded since the last call."""
    return list(page.evaluate("window.__bodyWrites.splice(0)"))


def page_restyles(page: Page) -> list[list[str | bool | None]]:
    """The changes that restyle the whole page recorded since the last call."""
    return list(page.evaluate("window.__pageRestyles.splice(0)"))


def background(page: Page, selector: str) -> str:
    return str(
        page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).backgroundColor")
    )


def color_schemes(page: Page) -> list[str]:
    """The content of every color-scheme meta in the page."""
    return list(
        page.evaluate(
            "[...document.querySelectorAll('meta[name=color-scheme]')].map((meta) => meta.content)"
        )
    )


TABLES_IN_PLACE = """() => [...document.querySelectorAll("article table:not([class])")].map(
  (table) => table.parentElement.matches(".md-typeset__table")
    && table.parentElement.parentElement.matches(".md-typeset__scrollwrap")
    && !table.parentElement.parentElement.parentElement.closest(".md-typeset__table > *"))"""
"""For each of the article's tables: whether it is in Material's wrapper, which is in no other."""


@pytest.mark.browser
def test_a_light_reader_s_page_is_not_restyled_as_material_starts(
    browser: Browser, base_url: str
) -> None:
    with started_page(browser, base_url, "light") as page:
        state = page.evaluate(STATE)
        assert state, "overrides/assets/material-startup.js did not run"
        nothing_left = "overrides/assets/material-startup.js has nothing left to do"
        assert state["markAsked"] == 1, (
            f"Material's palette no longer marks the switch as it starts: {nothing_left}"
        )
        assert state["writesSkipped"] == 3, state  # scheme, primary and accent, unchanged
        assert state["colorSchemeMetasKept"] == 1, (
            f"Material's palette no longer adds a color-scheme meta: {nothing_left}"
        )
        logo = page.get_attribute(".md-header__button.md-logo", "href") or ""
        assert logo.startswith(base_url), (
            f"instant navigation no longer makes addresses absolute ({logo}): {nothing_left}"
        )
        # Only which toggle is on is written: no stylesheet selects it.
        assert writes(page) == [["media", "(prefers-color-scheme: light)"]]
        assert page.get_attribute("body", "data-md-color-scheme") == "default"

        # <html>'s classes, the stylesheets' absolute addresses and the page's colour scheme
        # were all set before the page's content was parsed; Material changed none of them.
        stylesheets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')]"
            ".map((link) => [link.href, new URL(link.href).pathname])"
        )
        assert len(stylesheets) >= 3  # Material's, its palette's and the site's
        restyles = page_restyles(page)
        assert [change[:3] for change in restyles] == [
            ["html class", "no-js", "js"],
            ["html class", "js", "js js-focus-visible"],
            *(["stylesheet", "../" + path.removeprefix("/"), href] for href, path in stylesheets),
            ["color-scheme meta", None, "light"],
        ]
        assert [parsed for *_, parsed in restyles] == [False] * len(restyles), restyles
        header = re.findall(r"\d+", background(page, "header"))[:3]
        theme_colour = page.evaluate("document.querySelector('meta[name=theme-color]').content")
        assert theme_colour == "#" + "".join(f"{int(c):02x}" for c in header)
        assert color_schemes(page) == ["light"]
        # Material found the page's tables already in their wrapper, and left them there.
        tables = page.evaluate(TABLES_IN_PLACE)
        assert tables and all(tables), tables
        assert state["tablesLeftInPlace"] == len(tables), (
            f"Material's content mount no longer wraps tables: {nothing_left}"
        )


@pytest.mark.browser
def test_the_build_s_wrapper_is_the_one_material_s_script_writes(
    browser: Browser, base_url: str
) -> None:
    """The numbers page served with its tables bare, as a site without the build's wrapper:
    Material wraps each itself, in exactly what the build writes."""
    page, watch = open_page(browser, "light")
    try:

        def bare_tables(route: Route) -> None:
            response = route.fetch()
            html = response.text().replace(OPEN, "").replace("</table>" + CLOSE, "</table>")
            route.fulfill(response=response, body=html)

        page.route(base_url + "numbers/", bare_tables)
        page.goto(base_url + "numbers/")
        wait_until_settled(page)
        assert page.evaluate(STATE)["tablesLeftInPlace"] == 0
        wrappers = page.evaluate(
            """() => [...document.querySelectorAll("article table:not([class])")].map((table) => {
              const inner = table.parentElement, outer = inner.parentElement;
              const tag = (element) => element.cloneNode(false).outerHTML.replace("</div>", "");
              return [tag(outer) + tag(inner), outer.childElementCount, inner.childElementCount];
            })"""
        )
        assert len(wrappers) >= 3
        assert wrappers == [[OPEN, 1, 1]] * len(wrappers)
        watch.assert_clean()
    finally:
        close_page(page)


@pytest.mark.browser
def test_tables_stay_in_the_build_s_wrapper_on_pages_reached_by_instant_navigation(
    browser: Browser, base_url: str
) -> None:
    with started_page(browser, base_url, "light") as page, one_document(page):
        left_in_place = page.evaluate(STATE)["tablesLeftInPlace"]
        for target in ("numbers/", "trade-offs/"):
            page_restyles(page)
            navigate_in_place(page, target)
            wait_until_settled(page)
            tables = page.evaluate(TABLES_IN_PLACE)
            assert tables and all(tables), (target, tables)
            assert page.evaluate(STATE)["tablesLeftInPlace"] == left_in_place + len(tables)
            left_in_place += len(tables)
            assert "table moved" not in [change[0] for change in page_restyles(page)], target


@pytest.mark.browser
def test_switching_the_palette_marks_the_switch_while_colours_change(
    browser: Browser, base_url: str
) -> None:
    with started_page(browser, base_url, "light") as page:
        writes(page)
        page_restyles(page)
        light = background(page, "body")
        page.get_by_title("Switch to dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        wait_until_switched(page)
        assert writes(page) == TURNED_DARK
        assert background(page, "body") != light
        assert page_restyles(page) == [["color-scheme", "light", "dark", True]]
        assert color_schemes(page) == ["dark"]
        page.get_by_title("Switch to light mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        wait_until_switched(page)
        assert [name for name, _ in writes(page)] == ["media", "switching", "scheme", "switching"]
        assert background(page, "body") == light
        assert page_restyles(page) == [["color-scheme", "dark", "light", True]]
        assert color_schemes(page) == ["light"]


@pytest.mark.browser
def test_a_dark_reader_s_first_page_switches_to_dark_with_the_mark(
    browser: Browser, base_url: str
) -> None:
    """The page's HTML is the light palette; Material turns it dark as it starts, a real change.
    On the next page, the palette Material stored is set as the header is parsed."""
    with started_page(browser, base_url, "dark") as page:
        assert writes(page) == TURNED_DARK
        assert page_restyles(page)[-1] == ["color-scheme", "light", "dark", True]
        assert color_schemes(page) == ["dark"]
        # The next page opens with the palette Material stored: dark from the first paint on.
        page.goto(base_url + "flow/")
        page.wait_for_function("document.readyState === 'complete'")
        wait_until_switched(page)
        restyles = page_restyles(page)
        assert ["color-scheme meta", None, "dark", False] in restyles
        assert [change for change in restyles if change[3]] == []
        assert color_schemes(page) == ["dark"]


def unstyled_attributes() -> list[str]:
    """The attributes material-startup.js changes without Material's switching mark."""
    found = re.search(r"const UNSTYLED = new Set\(\[(.*?)\]\)", SCRIPT.read_text(encoding="utf-8"))
    assert found, f"{SCRIPT} no longer names its UNSTYLED attributes"
    return re.findall(r'"([^"]+)"', found[1])


@pytest.mark.build
def test_no_stylesheet_selects_what_changes_without_the_mark(site_dir: Path) -> None:
    """Changing an attribute that a stylesheet selects restyles the page: that needs the mark."""
    unstyled = unstyled_attributes()
    assert unstyled == ["data-md-color-media"]
    stylesheets = sorted(site_dir.rglob("*.css"))
    assert any("palette" in sheet.name for sheet in stylesheets), "Material's palette CSS"
    for sheet in stylesheets:
        text = sheet.read_text(encoding="utf-8")
        assert not [name for name in unstyled if name in text], sheet
