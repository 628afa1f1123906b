"""Widgets load only where they are used, start after instant navigation, and never shift the
page: the flashcards study panel is drawn by the build, so study mode fills it in place."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from conftest import PageWatch, close_page, navigate_in_place, one_document, open_page
from mkdocs_playbook.core.loopback import QuietHandler, serve

pytestmark = pytest.mark.browser
SPREAD = True  # each test opens its own page (only the session's fixtures are shared)

WIDGET_MODULES = ("calculators.js", "flashcards.js", "cheatsheet.js", "diagrams.js")
CALCULATORS_READY = "form[data-calculator][data-ready]"
FLASHCARDS_READY = ".playbook-cards-study[data-mounted] .playbook-cards-view-front:not(:empty)"
DIAGRAMS_READY = "[data-diagram][data-ready]"

# Every layout shift of the page, from the first paint on (buffered), not caused by input.
RECORD_SHIFTS = """
window.__shifts = [];
const named = (node) => {
  if (!node) return "?";
  if (node.nodeType !== 1) return `${node.nodeName} in ${named(node.parentNode)}`;
  const id = node.id ? `#${node.id}` : "";
  return node.localName + id + [...node.classList].map((name) => `.${name}`).join("");
};
const box = ({ x, y, width, height }) =>
  `${Math.round(x)},${Math.round(y)} ${Math.round(width)}x${Math.round(height)}`;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((source) =>
      `${named(source.node)} ${box(source.previousRect)} -> ${box(source.currentRect)}`);
    const when = `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms`;
    window.__shifts.push(`${when}: ${moved.join("; ")}`);
  }
}).observe({ type: "layout-shift", buffered: true });
"""
"""Each layout shift the reader did not cause: its score, when, and what moved from where to
where, so a failure names the element."""
MODULE_DELAY_S = 0.6
"""How late a widget's module arrives: after the first paint, as on a phone's network."""
# Resolves once two frames have been drawn since it was called: the layout-shift observer has
# reported everything the page did until then.
TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def requested_modules(page: Page) -> list[str]:
    urls: list[str] = page.evaluate(
        "performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    return [name for name in WIDGET_MODULES if any(url.endswith(f"/{name}") for url in urls)]


def test_a_page_without_widgets_loads_neither_module(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof document$") == "object"
    assert requested_modules(page) == []
    watch.assert_clean()


def test_each_widget_page_loads_only_its_own_module(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url + "capacity-estimation/")
    page.wait_for_selector(CALCULATORS_READY)
    assert requested_modules(page) == ["calculators.js"]
    page.goto(base_url + "flashcards/")
    page.wait_for_selector(FLASHCARDS_READY)
    assert requested_modules(page) == ["flashcards.js"]
    page.goto(base_url + "reference-diagram/")
    page.wait_for_selector(DIAGRAMS_READY)
    assert requested_modules(page) == ["diagrams.js"]
    page.goto(base_url + "cheat-sheet/")
    page.wait_for_selector("button.playbook-print:not([hidden])")
    page.wait_for_selector(DIAGRAMS_READY)  # the sheet shows the reference diagram
    assert requested_modules(page) == ["cheatsheet.js", "diagrams.js"]
    watch.assert_clean()


def test_instant_navigation_starts_the_widgets(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url, wait_until="networkidle")
    with one_document(page):
        navigate_in_place(page, "capacity-estimation/")
        page.wait_for_selector(CALCULATORS_READY)
        navigate_in_place(page, "flashcards/")
        page.wait_for_selector(FLASHCARDS_READY)
        page.click(".playbook-cards-view")
        assert page.is_visible(".playbook-cards-grades"), "study mode did not start"
    assert requested_modules(page) == ["calculators.js", "flashcards.js"]
    watch.assert_clean()


def delay_module(route: Route) -> None:
    time.sleep(MODULE_DELAY_S)
    route.continue_()


@contextmanager
def recording_shifts(browser: Browser, width: int, height: int) -> Iterator[Page]:
    """A tab of this size recording every layout shift from its first paint, closed after."""
    page, _ = open_page(browser)
    try:
        page.set_viewport_size({"width": width, "height": height})
        page.add_init_script(RECORD_SHIFTS)
        yield page
    finally:
        close_page(page)


def assert_no_shift(page: Page) -> None:
    page.evaluate(TWO_FRAMES)  # the observer has reported every frame drawn until now
    shifts: list[str] = page.evaluate("window.__shifts")
    assert shifts == [], f"layout shifts {shifts}"


ON_A_PHONE_AND_A_DESKTOP = pytest.mark.parametrize(
    ("width", "height"), [(412, 823), (1350, 940)], ids=["phone", "desktop"]
)


@ON_A_PHONE_AND_A_DESKTOP
def test_study_mode_does_not_shift_the_flashcards_page(
    base_url: str, browser: Browser, width: int, height: int
) -> None:
    with recording_shifts(browser, width, height) as page:
        page.route("**/assets/playbook/flashcards.js", delay_module)
        page.goto(base_url + "flashcards/")
        page.wait_for_selector(FLASHCARDS_READY)
        assert_no_shift(page)


FIRST_PART_ENDS = b'<option value="">'
"""The flashcards page's first part ends inside the study panel's section list, before its
first option: the list painted then holds none of the options that arrive later."""
FIRST_PAINT = "performance.getEntriesByName('first-paint').length > 0"


def flashcards_in_two_parts(rest: threading.Event) -> type[QuietHandler]:
    """A handler serving the site, but the flashcards page in two parts: the second once
    ``rest`` is set, as a slow network lets the browser paint what it has parsed meanwhile."""

    class FlashcardsInTwoParts(QuietHandler):
        def do_GET(self) -> None:
            if self.path != "/flashcards/":
                super().do_GET()
                return
            page = Path(self.directory, "flashcards", "index.html").read_bytes()
            cut = page.index(FIRST_PART_ENDS)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page[:cut])
            self.wfile.flush()
            rest.wait(timeout=30)  # never hold a connection for ever, whatever the test did
            self.wfile.write(page[cut:])

    return FlashcardsInTwoParts


@ON_A_PHONE_AND_A_DESKTOP
def test_the_flashcards_page_arriving_in_parts_does_not_shift(
    site_dir: Path, browser: Browser, width: int, height: int
) -> None:
    """What Chromium painted from the page's first part stays where it is as the rest arrives
    (the section list was once as wide as the options it had, and grew when the others came)."""
    rest = threading.Event()
    with (
        recording_shifts(browser, width, height) as page,
        serve(site_dir, flashcards_in_two_parts(rest)) as url,
    ):
        try:
            page.goto(url + "flashcards/", wait_until="commit")
            page.wait_for_function(FIRST_PAINT)
        finally:
            rest.set()
        page.wait_for_selector(FLASHCARDS_READY)
        assert_no_shift(page)


PHONE_SIZE, DESKTOP_SIZE = (412, 823), (1280, 900)


@pytest.mark.parametrize(
    ("path", "width", "height"),
    [
        *(
            pytest.param(path, *size, id=f"{path}-{device}")
            for path in ("cheat-sheet/", "reference-diagram/", "deep-dives/")
            for device, size in (("phone", PHONE_SIZE), ("desktop", DESKTOP_SIZE))
        ),
        # On a desktop the checklist's table, under its diagram, grows by 9 px when Material
        # wraps it in its scroll box after load (a shift of 0.0001, and none of ours).
        pytest.param("architecture-checklist/", *PHONE_SIZE, id="architecture-checklist/-phone"),
    ],
)
def test_buttons_revealed_by_widgets_do_not_shift_the_page(
    base_url: str, browser: Browser, width: int, height: int, path: str
) -> None:
    """The Full size and Print buttons keep their place (invisible) until their module wires
    them, so revealing them moves nothing, even when the module arrives after the first paint.
    On the checklist the diagram and what follows it are on screen as a phone opens the page
    (on the others the button is below the fold there, where a shift is not seen)."""
    with recording_shifts(browser, width, height) as page:
        page.route("**/assets/playbook/diagrams.js", delay_module)
        page.route("**/assets/playbook/cheatsheet.js", delay_module)
        page.goto(base_url + path)
        page.wait_for_selector(DIAGRAMS_READY)
        page.wait_for_selector("article button:not([hidden])")
        assert_no_shift(page)
