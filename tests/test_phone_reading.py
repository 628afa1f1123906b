"""Reading on a phone (issue 24 items 5 and 8), at the 412 x 823 touch screen of conftest.PHONE:
the numbers page's tables fit the screen with no tall, mostly empty rows, and each row's anchor
is a link to copy; the offline notice covers neither the open navigation drawer nor a control."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from playwright.sync_api import Browser, Page, expect

from conftest import PageWatch, assert_no_axe_violations, close_page, open_page
from site_pages import built_path, soup_of

SPREAD = True  # each test opens its own page (only the session's fixtures are shared)

# As tall as a row may be on a phone: its name, figures and heading on a line (about 40 px) and
# its longest explanation, six lines at full width (about 120 px). As a table, the rows of the
# numbers page stood 80 to 578 px tall, with their explanation a few words to a line.
MAX_ROW_PX = 180

# Each table of the article: whether it fits its box (nothing to scroll sideways), the height of
# each body row (its cells' extent: a row laid out as a grid has no box of its own), and whether
# each heading stands above its column's cells (same left edge, row after row).
TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
  const wrap = table.closest('.md-typeset__scrollwrap') ?? table.parentElement;
  const extent = row => {
    const boxes = [...row.cells].map(cell => cell.getBoundingClientRect());
    return Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
  };
  const lefts = row => [...row.cells].map(cell => Math.round(cell.getBoundingClientRect().left));
  const heads = lefts(table.tHead.rows[0]);
  return {
    fits: wrap.scrollWidth <= wrap.clientWidth,
    rows: [...table.tBodies[0].rows].map(row => ({id: row.querySelector('[id]')?.id,
                                                  height: extent(row)})),
    aligned: [...table.tBodies[0].rows].every(row =>
      lefts(row).every((left, i) => left === heads[i])),
  };
})"""


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A phone tab in a context of its own: the copy-link test sets the clock."""
    page, watch = open_page(browser, "light", phone=True, own_context=True)
    yield page, watch
    close_page(page)


@pytest.fixture
def offline_phone_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A phone that keeps the site for offline use (the offline notice needs the worker)."""
    page, watch = open_page(browser, "light", phone=True, offline=True)
    yield page, watch
    close_page(page)


def test_every_row_of_the_numbers_page_links_to_itself(site_dir: Path) -> None:
    """The link has no text of its own (CSS draws its sign): copied text and the search index
    keep the row's name alone, and the name the link is read with is the row's name."""
    rows = soup_of(built_path(site_dir, "numbers.md")).select("article table tbody tr")
    assert len(rows) >= 35
    for row in rows:
        first = row.select_one("td")
        assert isinstance(first, Tag)
        anchor = first.select_one("[id]")
        assert isinstance(anchor, Tag)
        links = first.select("a.playbook-row-link")
        assert len(links) == 1, anchor["id"]
        assert links[0]["href"] == f"#{anchor['id']}"
        assert links[0]["aria-labelledby"] == anchor["id"]
        assert links[0].get_text() == ""


def test_on_a_phone_the_numbers_tables_fit_with_no_tall_rows(
    base_url: str, phone_page: tuple[Page, PageWatch]
) -> None:
    page, watch = phone_page
    page.goto(base_url + "numbers/")
    tables: list[dict[str, Any]] = page.evaluate(TABLES)
    assert len(tables) == 5
    for table in tables:
        first = table["rows"][0]["id"]
        tallest = max(table["rows"], key=lambda row: row["height"])
        assert tallest["height"] <= MAX_ROW_PX, f"{tallest['id']}: {tallest['height']:.0f} px"
        assert table["fits"], f"the table of {first} scrolls sideways"
        assert table["aligned"], f"the table of {first}: the headings stand over their columns"
    assert page.evaluate("document.documentElement.scrollWidth") <= 412
    # Still a table to a screen reader: rows of cells under column headers.
    time = page.get_by_role("table").nth(3)
    expect(time.get_by_role("columnheader")).to_have_count(3)
    expect(time.get_by_role("row")).to_have_count(6)
    expect(time.get_by_role("cell", name="86,400", exact=True)).to_be_visible()
    watch.assert_clean()


def test_on_a_phone_each_row_shows_the_link_to_copy_and_it_works(
    base_url: str, phone_page: tuple[Page, PageWatch]
) -> None:
    page, watch = phone_page
    page.clock.install()
    page.goto(base_url + "numbers/")
    link = page.get_by_role("link", name="A day", exact=True)
    expect(link).to_be_visible()
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1", "no hover on a phone"
    assert link.evaluate("a => getComputedStyle(a, '::before').content").startswith('"\u00b6"')
    expect(link).to_have_accessible_description("Link to this row")
    assert link.evaluate("a => a.href") == base_url + "numbers/#seconds-per-day"
    box = link.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 20, box
    # Tapped, it brings its row into view under the header. Material's instant navigation handles
    # the first tap on an anchor by fetching the page again; a scroll-tracking timer that fired
    # during that fetch (on a loaded CI machine) left the row out of view. The clock runs the
    # timers the scroll to the link started, then stands still while the tap is handled.
    cell = page.locator("td:has(> #seconds-per-day)")
    link.scroll_into_view_if_needed()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    link.tap()
    expect(cell).to_be_in_viewport()
    header = page.locator("header.md-header").bounding_box()
    row = cell.bounding_box()
    assert header is not None and row is not None
    assert header["y"] + header["height"] <= row["y"] + 1, "under the header, not behind it"
    # Opened from elsewhere (the address copied, a solution's link), it marks the row.
    page.clock.resume()
    page.goto(base_url + "numbers/#seconds-per-day")
    expect(cell).to_be_in_viewport()
    background = "td => getComputedStyle(td).backgroundColor"
    other = page.locator("td:has(> #seconds-per-month)")
    assert cell.evaluate(background) != other.evaluate(background)
    watch.assert_clean()


def test_on_a_desktop_the_row_link_shows_on_pointing_and_on_focus(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "numbers/")
    link = page.get_by_role("link", name="L1 cache reference", exact=True)
    opacity = "a => getComputedStyle(a).opacity"
    assert link.evaluate(opacity) == "0", "out of the way while reading"
    page.locator("tr:has(#l1-cache) td").nth(2).hover()
    expect(link).to_have_css("opacity", "1")
    page.mouse.move(0, 0)
    expect(link).to_have_css("opacity", "0")
    for _ in range(200):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the row's link")
    expect(link).to_have_css("opacity", "1")
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_numbers_page_on_a_phone(
    browser: Browser, base_url: str, scheme: str
) -> None:
    page, watch = open_page(browser, scheme, phone=True)
    try:
        page.goto(base_url + "numbers/#pow-64")
        assert_no_axe_violations(page, f"{scheme} numbers/ on a phone, a row linked to")
        watch.assert_clean()
    finally:
        close_page(page)


# --- The offline notice -----------------------------------------------------------------------

# What is on top at each point of an element, sampled on a grid: every point where the offline
# notice, or something in it, is what a finger would touch.
COVERED_BY_NOTICE = """(selector) => {
  const target = document.querySelector(selector);
  const box = target.getBoundingClientRect();
  const covered = [];
  for (let x = box.left + 2; x < box.right; x += 10) {
    for (let y = Math.max(box.top, 0) + 2; y < Math.min(box.bottom, innerHeight); y += 10) {
      const hit = document.elementFromPoint(x, y);
      if (hit?.closest('.playbook-offline')) covered.push([Math.round(x), Math.round(y)]);
    }
  }
  return covered;
}"""

# Every control on screen whose middle the notice covers (a link, a button, a field, a label),
# leaving out Material's overlays (labels as large as the screen that close the drawer or search).
CONTROLS_COVERED = """() => [...document.querySelectorAll('a[href], button, input, select, label')]
  .filter(control => !control.closest('.playbook-offline')
    && control.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .filter(control => {
    const box = control.getBoundingClientRect();
    const area = box.width * box.height;
    if (area === 0 || area > innerWidth * innerHeight / 2) return false;
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    return document.elementFromPoint(x, y)?.closest('.playbook-offline');
  })
  .map(control => control.textContent.trim() || control.outerHTML.slice(0, 60))"""

# The last link of the level the drawer shows (the deepest open section, or the top level), scrolled
# into view at the bottom of the drawer, and whether it is what a finger there would touch.
DRAWER_LAST_LINK = """() => {
  const drawer = document.querySelector('.md-sidebar--primary');
  const open = [...drawer.querySelectorAll('input.md-nav__toggle:checked')]
    .filter(toggle => toggle.id !== '__toc');
  const level = open.at(-1)?.parentElement.querySelector(':scope > nav')
    ?? drawer.querySelector('nav.md-nav--primary');
  const items = ':scope > ul > li > a.md-nav__link, :scope > ul > li > div > a.md-nav__link';
  const last = [...level.querySelectorAll(items)].at(-1);
  last.scrollIntoView({block: 'end'});
  const box = last.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {text: last.textContent.trim(), bottom: box.bottom, onTop: last.contains(hit)};
}"""


def go_offline(page: Page) -> None:
    """Once the site is kept for offline use (the page's own scripts load from the worker)."""
    page.wait_for_selector("html[data-playbook-offline=ready]", state="attached")
    page.context.set_offline(True)
    expect(page.locator(".playbook-offline__message")).to_contain_text("You are offline")


@pytest.mark.parametrize("url", ["fundamentals/caching/", "solutions/chat/"])
def test_the_offline_notice_covers_nothing_of_the_open_drawer_on_a_phone(
    base_url: str, offline_phone_page: tuple[Page, PageWatch], url: str
) -> None:
    """Every point of the drawer, its bottom where the notice used to float included, is the
    drawer's own, and its last link is what a finger touches there."""
    page, watch = offline_phone_page
    page.goto(base_url + url)
    go_offline(page)
    page.locator("label.md-header__button[for=__drawer]").tap()
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_be_in_viewport()
    page.wait_for_function(
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left === 0"
    )
    last = page.evaluate(DRAWER_LAST_LINK)
    assert last["onTop"], f"{last['text']!r} is covered"
    assert page.evaluate(COVERED_BY_NOTICE, ".md-sidebar--primary") == []
    watch.assert_clean()


def test_the_offline_notice_covers_no_control_and_is_seen_at_the_top(
    base_url: str, offline_phone_page: tuple[Page, PageWatch]
) -> None:
    page, watch = offline_phone_page
    page.goto(base_url + "practice-prompts/")  # links all down the left, where it used to float
    go_offline(page)
    notice = page.locator(".playbook-offline")
    box = notice.bounding_box()
    assert box is not None and box["y"] == 0 and box["width"] == 412, "a bar at the top"
    expect(notice).to_be_in_viewport()
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height, 200):
        page.evaluate(f"scrollTo(0, {top})")
        assert page.evaluate(CONTROLS_COVERED) == [], f"scrolled to {top} px"
    watch.assert_clean()
