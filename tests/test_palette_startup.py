"""overrides/assets/palette-startup.js: Material's palette starts without writing to <body>
what is already there (each write restyles every element of the page), and switching the
palette still works, with Material's switching mark (transitions off) set while colours change.

These tests also watch Material's side of it: if its palette stops marking the switch as it
starts, the script has nothing left to do and the first test says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, open_page

SCRIPT = ROOT / "overrides" / "assets" / "palette-startup.js"
STATE = "() => window[Symbol.for('playbook.paletteStartup')]"
WATCHED = ["scheme", "primary", "accent", "media", "switching"]
# Every write to a palette attribute of <body>, from the first script on, as [name, value]
# (value null when removed); writes the page's HTML makes as it is parsed are not mutations.
RECORD_BODY_WRITES = f"""
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
        page.add_init_script(RECORD_BODY_WRITES)
        page.goto(base_url + "overview/")
        page.wait_for_function("__md_get('__palette') !== null")  # Material stores it once applied
        wait_until_switched(page)
        yield page
        watch.assert_clean()
    finally:
        page.context.close()


def wait_until_switched(page: Page) -> None:
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")


def writes(page: Page) -> list[list[str | None]]:
    """The writes recorded since the last call."""
    return list(page.evaluate("window.__bodyWrites.splice(0)"))


def background(page: Page, selector: str) -> str:
    return str(
        page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).backgroundColor")
    )


@pytest.mark.browser
def test_a_light_reader_s_page_is_not_restyled_as_material_starts(
    browser: Browser, base_url: str
) -> None:
    with started_page(browser, base_url, "light") as page:
        state = page.evaluate(STATE)
        assert state, "overrides/assets/palette-startup.js did not run"
        assert state["markAsked"] == 1, (
            "Material's palette no longer marks the switch as it starts: "
            "overrides/assets/palette-startup.js has nothing left to do"
        )
        assert state["writesSkipped"] == 3, state  # scheme, primary and accent, unchanged
        # Only which toggle is on is written: no stylesheet selects it.
        assert writes(page) == [["media", "(prefers-color-scheme: light)"]]
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        header = re.findall(r"\d+", background(page, "header"))[:3]
        theme_colour = page.evaluate("document.querySelector('meta[name=theme-color]').content")
        assert theme_colour == "#" + "".join(f"{int(c):02x}" for c in header)


@pytest.mark.browser
def test_switching_the_palette_marks_the_switch_while_colours_change(
    browser: Browser, base_url: str
) -> None:
    with started_page(browser, base_url, "light") as page:
        writes(page)
        light = background(page, "body")
        page.get_by_title("Switch to dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        wait_until_switched(page)
        assert writes(page) == TURNED_DARK
        assert background(page, "body") != light
        page.get_by_title("Switch to light mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        wait_until_switched(page)
        assert [name for name, _ in writes(page)] == ["media", "switching", "scheme", "switching"]
        assert background(page, "body") == light


@pytest.mark.browser
def test_a_dark_reader_s_first_page_switches_to_dark_with_the_mark(
    browser: Browser, base_url: str
) -> None:
    """The page's HTML is the light palette; Material turns it dark as it starts, a real change."""
    with started_page(browser, base_url, "dark") as page:
        assert writes(page) == TURNED_DARK


def unstyled_attributes() -> list[str]:
    """The attributes palette-startup.js changes without Material's switching mark."""
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
