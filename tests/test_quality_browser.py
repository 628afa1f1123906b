"""Every page of the built site in real Chromium, in both palettes, on a desktop and on a phone:
axe-core finds no violation, with the page as it opens and, where it has calculators, with
invalid input in every field; nothing is logged as an error and no request leaves 127.0.0.1.
Then the interactive states the tour does not reach: flashcards in study mode, open search,
pages reached by instant navigation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import (
    AXE_SCRIPT,
    PageWatch,
    assert_no_axe_violations,
    axe_violations,
    close_page,
    navigate_in_place,
    one_document,
    open_page,
    wait_until_idle,
    wait_until_settled,
)
from site_pages import built_file, built_pages, site_pages

pytestmark = pytest.mark.browser
SPREAD = True
"""One test per page and palette: pytest-xdist shares them out (see conftest)."""

SCHEMES = {"light": "default", "dark": "slate"}


def goto_settled(page: Page, url: str, scheme: str) -> None:
    """Load a page and wait for its widgets and for the browser to be idle, checking the
    palette really is the one asked for."""
    page.goto(url, wait_until="load")
    wait_until_settled(page)
    wait_until_idle(page)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme], url


def with_axe(page: Page) -> Page:
    """axe-core in every document the tab opens, sent to Chromium once per tab: otherwise each
    visit sends its 650 kB again (axe_violations adds it only to a page without it). It is what
    the visit would add later: a global and a message listener, no change to the page."""
    page.add_init_script(path=AXE_SCRIPT)
    return page


VISITS = [("light", "desktop"), ("dark", "phone")]
"""Each palette once and each device once: axe on every page is the slowest check of the suite,
and what a palette changes (colours) does not depend on the width. A phone has no hover, a
narrow layout and touch, and Material behaves differently there."""


@pytest.fixture(scope="module", params=VISITS, ids=lambda visit: "-".join(visit))
def visitor(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, PageWatch, str]]:
    """One tab per palette and device, shared by the tests of every page."""
    scheme, device = request.param
    page, watch = open_page(browser, scheme, phone=device == "phone")
    yield with_axe(page), watch, scheme
    close_page(page)


CALCULATOR_FIELDS = "form[data-calculator] input[type=text]"
WHAT_INPUT_CHANGES = "form[data-calculator], [data-ref]"
TYPE_INTO_EVERY_FIELD = """([selector, text]) => {
  const fields = [...document.querySelectorAll(selector)];
  const editable = (field) => {
    const box = field.getBoundingClientRect();
    const visible = box.width && box.height && field.checkVisibility({visibilityProperty: true});
    return visible && !field.disabled && !field.readOnly;
  };
  const before = fields.map(editable);
  for (const [index, field] of fields.entries()) {
    if (!before[index]) continue;
    field.value = text;
    const typing = {bubbles: true, inputType: 'insertText', data: text};
    field.dispatchEvent(new InputEvent('input', typing));
  }
  const after = fields.map(editable);
  const typed = fields.filter((_, index) => before[index] && after[index]);
  const refused = fields.filter((_, index) => !(before[index] && after[index]));
  return {typed: typed.map((field) => field.id), refused: refused.map((field) => field.id)};
}"""
"""Each field a reader could type into (visible, enabled, editable: what Playwright's fill waits
for) gets the text and the input event typing sends, which the calculator listens to: one round
trip per page instead of a few per field. Fields are measured before the typing and again after
it (a field the typing hid or disabled is refused), not before each one: each input re-renders
the calculator, and measuring between two of them laid the whole page out again each time."""


def has_calculators(site_dir: Path, url: str) -> bool:
    return "data-calculator" in built_file(site_dir, url).read_text(encoding="utf-8")


@pytest.mark.parametrize("url", site_pages())
def test_every_page_passes_axe_also_with_invalid_input_logs_no_error_and_stays_on_this_host(
    site_dir: Path, base_url: str, visitor: tuple[Page, PageWatch, str], url: str
) -> None:
    """axe on the page as it opens; then, on a page with calculators, every field gets invalid
    input and axe looks again at what that changes (the calculators and the prose quoting their
    values), in the same visit: a second tour of those pages cost as much as the first."""
    page, watch, scheme = visitor
    seen_errors, seen_requests = len(watch.errors), len(watch.foreign_requests)
    goto_settled(page, base_url + url, scheme)
    violations = axe_violations(page, f"{scheme} /{url}")
    assert violations == [], "axe-core found violations:\n" + "\n".join(violations)
    if has_calculators(site_dir, url):
        fields = page.evaluate(TYPE_INTO_EVERY_FIELD, [CALCULATOR_FIELDS, "lots"])
        assert fields["typed"] and fields["refused"] == [], f"/{url}: {fields}"
        invalid = page.locator(f"{CALCULATOR_FIELDS}[aria-invalid=true]")
        expect(invalid).to_have_count(len(fields["typed"]))
        assert_no_axe_violations(
            page, f"{scheme} /{url} with invalid input", within=WHAT_INPUT_CHANGES
        )
    assert watch.errors[seen_errors:] == [], "the page logged errors"
    assert watch.foreign_requests[seen_requests:] == [], "requests left 127.0.0.1"


def test_the_tour_covers_every_page_the_build_wrote(site_dir: Path) -> None:
    """The pages toured are known before the build (one test each, so they run in parallel);
    this holds them to what the build wrote, generated pages and the 404 included, and holds
    the tour's invalid input to at least the page that teaches the calculators."""
    toured = site_pages()
    assert {"", "flow/", "flashcards/", "404.html"} <= set(toured)
    assert sorted(toured) == built_pages(site_dir)
    assert has_calculators(site_dir, "capacity-estimation/")


def test_flashcards_study_mode_has_no_violations_with_the_answer_hidden_or_shown(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    """The tour runs axe on the whole page as it opens; study mode changes only its own widget
    (the page lists every card below it), so axe looks at the widget; and at the card list with
    every section open, which the tour sees folded."""
    page, watch, scheme = any_scheme_page
    goto_settled(page, base_url + "flashcards/", scheme)
    assert page.is_hidden(".playbook-cards-view-back")
    study = ".playbook-cards-study"
    assert_no_axe_violations(page, f"{scheme} flashcards, question", within=study)
    page.click(".playbook-cards-view")
    assert page.is_visible(".playbook-cards-view-back")
    assert page.is_visible(".playbook-cards-grades")
    assert_no_axe_violations(page, f"{scheme} flashcards, answer shown", within=study)
    page.get_by_role("button", name="Good").click()
    assert_no_axe_violations(page, f"{scheme} flashcards, after grading", within=study)
    # The tour sees each section's cards folded away; axe looks at them open too.
    sections = "details.playbook-cards-deck"
    page.evaluate(
        "(sections) => document.querySelectorAll(sections).forEach((d) => d.open = true)", sections
    )
    assert_no_axe_violations(page, f"{scheme} flashcards, every section open", within=sections)
    watch.assert_clean()


def test_open_search_with_results_has_no_violations(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    goto_settled(page, base_url, scheme)
    page.keyboard.press("/")
    search_box = page.locator("input.md-search__input")
    expect(search_box).to_be_focused()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")
    search_box.press_sequentially("idempotency")
    page.locator("a.md-search-result__link").first.wait_for(timeout=30_000)
    assert_no_axe_violations(page, f"{scheme} search open with results")
    watch.assert_clean()


def test_back_does_not_reopen_the_search_or_the_drawer(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """Material's toggles must keep autocomplete off (through their form) once the markup is
    valid HTML: otherwise Back restores a checked toggle and the page comes back with the search
    or the navigation drawer open."""
    page, watch = light_page
    page.goto(base_url + "flow/")
    page.evaluate("['__search', '__drawer'].forEach(id => document.getElementById(id).click())")
    assert page.evaluate("document.getElementById('__search').checked")
    page.goto(base_url + "overview/")  # a full load, not instant navigation
    page.go_back()
    page.wait_for_url("**/flow/")
    checked = page.evaluate("['__search', '__drawer'].map(i => document.getElementById(i).checked)")
    assert checked == [False, False]
    watch.assert_clean()


def test_pages_reached_by_instant_navigation_have_no_violations(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    """Material swaps the article in place; the fixes made by script must follow it."""
    page, watch, scheme = any_scheme_page
    goto_settled(page, base_url, scheme)
    with one_document(page):
        for target in ("authoring/", "capacity-estimation/", "flashcards/"):
            navigate_in_place(page, target)
            wait_until_settled(page)
            assert_no_axe_violations(page, f"{scheme} /{target} after instant navigation")
    watch.assert_clean()
