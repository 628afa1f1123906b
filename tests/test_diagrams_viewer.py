"""The full-size diagram viewer (assets/diagrams.js) in real Chromium: keyboard, mouse, touch,
instant navigation, both palettes, axe, the drawing moved (never cloned) and put back, fitted to
a phone's screen; and the inline diagram that says it scrolls sideways when it is wider than the
page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import (
    PageWatch,
    assert_no_axe_violations,
    close_page,
    navigate_in_place,
    one_document,
    open_page,
)

pytestmark = pytest.mark.browser
SPREAD = True  # each test opens its own page (only the session's fixtures are shared)

# diagrams.js marks each diagram data-ready once its "Full size" button is revealed and wired.
ALL_READY = """() => {
  const diagrams = [...document.querySelectorAll('[data-diagram]')];
  return diagrams.length > 0 && diagrams.every(d => d.hasAttribute('data-ready'));
}"""

# The drawing as the reader sees it in the open dialog: the SVG of the current palette, its
# on-screen scale (rendered width over its viewBox width), where its left, top and right edges
# are, the median label size on screen (computed font-size in the SVG's units times that scale)
# and the width of the window.
DRAWING = """() => {
  const dialog = document.querySelector('dialog[open]');
  const svg = [...dialog.querySelectorAll('svg[data-diagram-palette]')]
    .find(s => getComputedStyle(s).display !== 'none');
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const labels = [...svg.querySelectorAll('text')]
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale)
    .sort((a, b) => a - b);
  return {id: svg.id, palette: svg.dataset.diagramPalette, scale, x: box.left, y: box.top,
          right: box.right, label: labels[Math.floor(labels.length / 2)], window: innerWidth};
}"""

DUPLICATE_IDS = """() => {
  const seen = new Set(), twice = new Set();
  for (const e of document.querySelectorAll('[id]')) (seen.has(e.id) ? twice : seen).add(e.id);
  return [...twice];
}"""


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    page, watch = open_page(browser, "light", phone=True)
    yield page, watch
    close_page(page)


def goto_ready(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(ALL_READY, timeout=15_000)


def open_button(page: Page, index: int = 0) -> Locator:
    return page.locator("[data-diagram] > .playbook-diagram__open").nth(index)


def view_of(page: Page, index: int = 0) -> Locator:
    return page.locator("[data-diagram] > .playbook-diagram__view").nth(index)


def title_of(page: Page, index: int = 0) -> str:
    label = view_of(page, index).get_attribute("aria-label")
    assert label and label.startswith("Diagram: ")
    return label.removeprefix("Diagram: ")


def top_of(element: Locator) -> float:
    top: float = element.evaluate("e => e.getBoundingClientRect().top")
    return top


def drawing(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(DRAWING)
    return result


def wait_for_scale(page: Page, condition: str, before: float) -> dict[str, Any]:
    """The drawing once its scale satisfies `condition` (JS, on `scale` and `before`)."""
    page.wait_for_function(
        f"(before) => {{ const scale = ({DRAWING})().scale; return {condition}; }}", arg=before
    )
    return drawing(page)


def surface_centre(page: Page) -> tuple[float, float]:
    box = page.locator("dialog[open] [role=application]").bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_keyboard_alone_opens_zooms_pans_resets_and_closes(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    goto_ready(page, base_url + "reference-diagram/")
    button = open_button(page)
    expect(button).to_be_visible()
    # A handle to the button: asking it after each Tab finds no selector in the page again.
    target = button.element_handle()
    for _ in range(150):
        page.keyboard.press("Tab")
        if target.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the diagram's Full size button")
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name=title_of(page), exact=True)
    expect(dialog).to_be_visible()
    for name in ("Zoom in", "Zoom out", "Fit", "Close"):
        expect(dialog.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(dialog.locator("kbd").first).to_be_visible()  # the key hint
    opened = drawing(page)
    assert opened["label"] >= 12, f"labels are {opened['label']:.1f} px on screen"

    page.keyboard.press("+")
    bigger = drawing(page)
    assert bigger["scale"] > opened["scale"] * 1.1
    page.keyboard.press("-")
    page.keyboard.press("-")
    smaller = drawing(page)
    assert smaller["scale"] < bigger["scale"] / 1.1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = drawing(page)
    assert moved["x"] < smaller["x"] and moved["y"] < smaller["y"]
    page.keyboard.press("ArrowLeft")
    assert drawing(page)["x"] > moved["x"]
    for key in ("0", "f"):
        page.keyboard.press("+")
        page.keyboard.press("ArrowDown")
        page.keyboard.press(key)
        fitted = drawing(page)
        assert fitted["scale"] == pytest.approx(opened["scale"]), key
        assert (fitted["x"], fitted["y"]) == pytest.approx((opened["x"], opened["y"])), key

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    watch.assert_clean()


def test_mouse_opens_drags_wheels_and_closes(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    goto_ready(page, base_url + "reference-diagram/")
    button = open_button(page)
    button.click()
    dialog = page.get_by_role("dialog", name=title_of(page), exact=True)
    expect(dialog).to_be_visible()
    start = drawing(page)

    x, y = surface_centre(page)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 80, steps=4)
    page.mouse.up()
    dragged = drawing(page)
    assert dragged["x"] - start["x"] == pytest.approx(120, abs=1)
    assert dragged["y"] - start["y"] == pytest.approx(80, abs=1)
    assert dragged["scale"] == pytest.approx(start["scale"])

    # Zoom around the pointer: the point of the drawing under it stays under it.
    px, py = x - 60, y - 40
    under = ((px - dragged["x"]) / dragged["scale"], (py - dragged["y"]) / dragged["scale"])
    page.mouse.move(px, py)
    page.mouse.wheel(0, -300)
    zoomed = wait_for_scale(page, "scale > before * 1.1", dragged["scale"])
    assert ((px - zoomed["x"]) / zoomed["scale"], (py - zoomed["y"]) / zoomed["scale"]) == (
        pytest.approx(under, abs=1)
    )

    dialog.get_by_role("button", name="Zoom out", exact=True).click()
    assert drawing(page)["scale"] < zoomed["scale"]
    dialog.get_by_role("button", name="Fit", exact=True).click()
    assert drawing(page)["scale"] == pytest.approx(start["scale"])
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()

    # A click on the backdrop closes it too, and the focus goes back all the same.
    button.click()
    expect(dialog).to_be_visible()
    page.mouse.click(4, 4)
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    watch.assert_clean()


def test_touch_tap_opens_and_pinch_zooms_on_a_phone(
    base_url: str, phone_page: tuple[Page, PageWatch]
) -> None:
    page, watch = phone_page
    goto_ready(page, base_url + "reference-diagram/")
    open_button(page).tap()
    dialog = page.get_by_role("dialog", name=title_of(page), exact=True)
    expect(dialog).to_be_visible()
    start = drawing(page)
    assert start["x"] >= 0 and start["right"] <= start["window"], "opens fitted to the screen"
    box = dialog.bounding_box()
    assert box is not None and box["width"] <= 412

    # Two fingers 80 px apart spread to 240 px: the zoom triples (within the clamp).
    x, y = surface_centre(page)
    page.evaluate(
        """([x, y]) => {
          const surface = document.querySelector('dialog[open] [role=application]');
          const touch = (type, pointerId, clientX) => surface.dispatchEvent(new PointerEvent(type, {
            pointerId, pointerType: 'touch', isPrimary: pointerId === 11, clientX, clientY: y,
            bubbles: true, cancelable: true, buttons: type === 'pointerup' ? 0 : 1}));
          touch('pointerdown', 11, x - 40);
          touch('pointerdown', 12, x + 40);
          for (let step = 1; step <= 4; step++) {
            touch('pointermove', 11, x - 40 - 20 * step);
            touch('pointermove', 12, x + 40 + 20 * step);
          }
          touch('pointerup', 11, x - 120);
          touch('pointerup', 12, x + 120);
        }""",
        [x, y],
    )
    pinched = drawing(page)
    assert pinched["scale"] == pytest.approx(start["scale"] * 3, rel=0.01)

    # A real finger (Chromium's touch input, not a synthetic event) pans, and the page behind
    # does not scroll: touch-action none leaves the gesture to the viewer.
    scroll = page.evaluate("scrollY")
    cdp = page.context.new_cdp_session(page)
    for kind, dx in (("touchStart", 0), ("touchMove", -30), ("touchMove", -60), ("touchEnd", -60)):
        points = [] if kind == "touchEnd" else [{"x": x + dx, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    # The finger is up once the surface stops showing the drag (the next tap is a new gesture).
    page.wait_for_function("!document.querySelector('.playbook-viewer__surface--dragging')")
    panned = drawing(page)
    assert panned["x"] - pinched["x"] == pytest.approx(-60, abs=1)
    assert page.evaluate("scrollY") == scroll

    # A tap straight after raw touch input can be taken for part of that gesture; the tap that
    # opened the viewer already showed taps work, so close it with a click.
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_be_hidden()
    watch.assert_clean()


def test_viewer_after_instant_navigation_zooms_one_step_per_key(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url, wait_until="networkidle")
    with one_document(page):
        for target in ("deep-dives/", "reference-diagram/"):
            navigate_in_place(page, target)
            page.wait_for_function(ALL_READY, timeout=15_000)

    button = open_button(page)
    button.click()
    dialog = page.get_by_role("dialog", name=title_of(page), exact=True)
    expect(dialog).to_be_visible()
    assert page.locator("dialog").count() == 1
    opened = drawing(page)
    assert opened["id"].endswith("-light-0")
    # One listener per key, however many pages were shown: + zooms by one step exactly.
    page.keyboard.press("+")
    assert drawing(page)["scale"] / opened["scale"] == pytest.approx(1.25, rel=0.01)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    watch.assert_clean()


def test_dark_palette_shows_the_dark_drawing_on_a_dark_dialog(
    browser: Browser, base_url: str
) -> None:
    page, watch = open_page(browser, "dark")
    try:
        goto_ready(page, base_url + "deep-dives/")
        open_button(page, 1).click()
        expect(page.get_by_role("dialog", name=title_of(page, 1), exact=True)).to_be_visible()
        shown = drawing(page)
        assert shown["palette"] == "dark" and shown["id"].endswith("-dark-0")
        backgrounds = page.evaluate(
            """() => [document.querySelector('dialog[open]'), document.body]
              .map(e => getComputedStyle(e).backgroundColor)"""
        )
        assert backgrounds[0] == backgrounds[1]
        watch.assert_clean()
    finally:
        close_page(page)


def test_no_axe_violation_with_the_viewer_open(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    goto_ready(page, base_url + "reference-diagram/")
    open_button(page).click()
    expect(page.get_by_role("dialog", name=title_of(page), exact=True)).to_be_visible()
    page.keyboard.press("+")
    assert_no_axe_violations(page, f"{scheme} reference-diagram/ with the viewer open")
    watch.assert_clean()


def test_drawing_is_moved_not_copied_and_goes_back_in_place(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    goto_ready(page, base_url + "deep-dives/")
    view = view_of(page, 1)
    button = open_button(page, 1)
    button.scroll_into_view_if_needed()
    before = view.inner_html()
    svg_ids = "e => [...e.querySelectorAll('svg[data-diagram-palette]')].map(s => s.id)"
    drawn = view.evaluate(svg_ids)
    button_top = top_of(button)
    assert page.evaluate(DUPLICATE_IDS) == []

    button.click()
    dialog = page.get_by_role("dialog", name=title_of(page, 1), exact=True)
    expect(dialog).to_be_visible()
    assert page.evaluate(DUPLICATE_IDS) == []
    assert dialog.evaluate(svg_ids) == drawn
    assert view.evaluate("v => v.children.length") == 0
    assert top_of(button) == pytest.approx(button_top, abs=0.5)

    page.keyboard.press("+")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate(DUPLICATE_IDS) == []
    # The drawing goes home on the dialog's "close" event, a task after it hides: wait for it.
    expect(view.locator("svg[data-diagram-palette]")).to_have_count(2)
    assert view.inner_html() == before
    assert view.evaluate("v => v.style.height") == ""
    assert top_of(button) == pytest.approx(button_top, abs=0.5)

    # Printing while it is open: the dialog never prints, the drawing is lent back to the page.
    # (Emulating print lays the page out again, so this comes after the checks on its position.)
    button.click()
    expect(dialog).to_be_visible()
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("dialog")).to_be_hidden()
    light = view.locator("[data-diagram-palette=light]")
    assert light.evaluate("svg => svg.getBoundingClientRect().height") > 0
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert view.evaluate("v => v.children.length") == 0
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # The drawing goes home on the dialog's "close" event, a task after it hides: wait for it.
    expect(view.locator("svg[data-diagram-palette]")).to_have_count(2)
    assert view.inner_html() == before
    watch.assert_clean()


def both_sides_on_screen(shown: dict[str, Any]) -> bool:
    return bool(shown["x"] >= 0 and shown["right"] <= shown["window"])


# The reference diagram (602 px wide) and the deep dives' write path (962 px), the widest drawing.
@pytest.mark.parametrize(("url", "index"), [("reference-diagram/", 0), ("deep-dives/", 0)])
def test_on_a_phone_the_viewer_opens_fitted_and_fit_brings_it_back(
    base_url: str, phone_page: tuple[Page, PageWatch], url: str, index: int
) -> None:
    page, watch = phone_page
    goto_ready(page, base_url + url)
    open_button(page, index).tap()
    dialog = page.get_by_role("dialog", name=title_of(page, index), exact=True)
    expect(dialog).to_be_visible()
    opened = drawing(page)
    assert both_sides_on_screen(opened), f"{opened['x']:.0f}..{opened['right']:.0f} px"
    assert opened["scale"] < 1, "the drawing is wider than the phone: fitting shrinks it"

    zoom_in = dialog.get_by_role("button", name="Zoom in", exact=True)
    zoom_in.click()
    zoom_in.click()
    page.keyboard.press("ArrowRight")
    assert not both_sides_on_screen(drawing(page))
    dialog.get_by_role("button", name="Fit", exact=True).click()
    fitted = drawing(page)
    assert fitted["scale"] == pytest.approx(opened["scale"])
    assert (fitted["x"], fitted["y"]) == pytest.approx((opened["x"], opened["y"]))

    # Turned sideways while fitted, it fits the new screen; zoomed in, it keeps its zoom.
    page.set_viewport_size({"width": 823, "height": 412})
    turned = wait_for_scale(page, "scale !== before", fitted["scale"])
    assert turned["window"] == 823 and both_sides_on_screen(turned)
    zoom_in.click()
    zoomed = drawing(page)["scale"]
    page.set_viewport_size({"width": 412, "height": 823})
    page.wait_for_function("() => innerWidth === 412")
    assert drawing(page)["scale"] == pytest.approx(zoomed)
    page.keyboard.press("f")
    assert both_sides_on_screen(drawing(page))
    dialog.get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_be_hidden()
    watch.assert_clean()


def scroll_hint(page: Page, index: int = 0) -> Locator:
    return page.locator("[data-diagram]").nth(index).locator(".playbook-diagram__scroll-hint")


def scroll_to_drawn(page: Page, view: Locator) -> None:
    """Scroll ``view`` on screen and wait until its drawing is drawn: below the fold on a phone
    it is skipped (diagrams.css), and a skipped view cannot scroll sideways."""
    view.scroll_into_view_if_needed()
    page.wait_for_function(f"(view) => !({SKIPPED})(view)", arg=view.element_handle())


def test_an_inline_diagram_wider_than_a_phone_says_it_scrolls_sideways(
    base_url: str, phone_page: tuple[Page, PageWatch]
) -> None:
    page, watch = phone_page
    goto_ready(page, base_url + "deep-dives/")
    view = view_of(page)
    scroll_to_drawn(page, view)
    hint = scroll_hint(page)
    # In words, not only as a fade: shown under the drawing, and its description for a screen
    # reader once the view (a focusable region) has the focus.
    expect(hint).to_be_visible()
    expect(hint).to_have_text("\u21c6 Scroll sideways to see it all")
    expect(view).to_have_accessible_description("Scroll sideways to see it all")
    # The edge that more of the drawing lies beyond fades out, and follows the scrolling.
    expect(view).to_have_attribute("data-more-after", "")
    expect(view).not_to_have_attribute("data-more-before", "")
    assert "gradient" in view.evaluate("v => getComputedStyle(v).maskImage")
    view.evaluate("v => v.scrollTo(v.scrollWidth, 0)")
    expect(view).to_have_attribute("data-more-before", "")
    expect(view).not_to_have_attribute("data-more-after", "")
    # A keyboard scrolls it too, and its outline shows whole while it has the focus.
    view.focus()
    page.keyboard.press("ArrowLeft")
    expect(view).to_have_attribute("data-more-after", "")
    assert view.evaluate("v => getComputedStyle(v).maskImage") == "none"

    # The drawing goes to the viewer and back: the view still says it scrolls.
    open_button(page).click()
    page.keyboard.press("Escape")
    expect(view.locator("svg[data-diagram-palette]")).to_have_count(2)
    expect(hint).to_be_visible()
    expect(view).to_have_accessible_description("Scroll sideways to see it all")
    watch.assert_clean()


def test_a_diagram_that_fits_says_nothing_about_scrolling(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    goto_ready(page, base_url + "reference-diagram/")
    view = view_of(page)
    expect(view).to_have_attribute("aria-label", re.compile("^Diagram: "))
    expect(scroll_hint(page)).to_be_attached()
    expect(scroll_hint(page)).to_be_hidden()
    expect(view).not_to_have_attribute("aria-describedby", re.compile(".*"))
    assert view.evaluate("v => getComputedStyle(v).maskImage") == "none"
    # Narrowed to a phone's width, the same diagram is wider than its place: it says so.
    page.set_viewport_size({"width": 360, "height": 800})
    expect(scroll_hint(page)).to_be_visible()
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_a_phone_with_the_scroll_hint_shown(
    browser: Browser, base_url: str, scheme: str
) -> None:
    page, watch = open_page(browser, scheme, phone=True)
    try:
        goto_ready(page, base_url + "deep-dives/")
        scroll_to_drawn(page, view_of(page))
        expect(scroll_hint(page)).to_be_visible()
        view_of(page).evaluate("v => v.scrollTo(v.scrollWidth / 2, 0)")
        expect(view_of(page)).to_have_attribute("data-more-before", "")
        assert_no_axe_violations(page, f"{scheme} deep-dives/ on a phone, scroll hints shown")
        watch.assert_clean()
    finally:
        close_page(page)


# The view's drawing is skipped (the view itself is laid out, at the room it reserves): no
# palette's drawing is visible, content-visibility counted.
SKIPPED = """v => ![...v.querySelectorAll('svg[data-diagram-palette]')]
  .some(s => s.checkVisibility({contentVisibilityAuto: true}))"""
DRAWN_WIDTH = """v => Math.max(...[...v.querySelectorAll('svg[data-diagram-palette]')]
  .map(s => s.getBoundingClientRect().width))"""


def test_a_diagram_far_below_the_fold_is_drawn_once_scrolled_to_and_when_printed(
    base_url: str, phone_page: tuple[Page, PageWatch]
) -> None:
    """diagrams.css leaves a drawing far from the viewport unstyled and unlaid out (half a long
    page's elements): scrolled to, it is drawn whole and says it scrolls sideways on a phone;
    printed, every drawing is drawn without scrolling."""
    page, watch = phone_page
    goto_ready(page, base_url + "solutions/nearby-drivers/")
    last = page.locator("[data-diagram]").count() - 1
    view = view_of(page, last)
    assert top_of(view) > 3 * page.viewport_size["height"]  # type: ignore[index]
    assert view.evaluate(SKIPPED), "far below the fold, the drawing waits"
    height = view.evaluate("v => v.getBoundingClientRect().height")
    assert height > 100, "it takes the room it was drawn at meanwhile"
    view.scroll_into_view_if_needed()
    page.wait_for_function(f"() => !({SKIPPED})(document.querySelectorAll('{VIEWS}')[{last}])")
    assert view.evaluate(DRAWN_WIDTH) > page.viewport_size["width"]  # type: ignore[index]
    expect(scroll_hint(page, last)).to_be_visible()
    expect(view).to_have_attribute("data-more-after", "")

    page.goto(base_url + "solutions/nearby-drivers/")
    page.wait_for_function(ALL_READY)
    page.emulate_media(media="print")
    widths = page.locator(VIEWS).evaluate_all(f"views => views.map({DRAWN_WIDTH})")
    assert len(widths) == last + 1 and min(widths) > 100, widths
    assert not view.evaluate(SKIPPED)
    watch.assert_clean()


VIEWS = "[data-diagram] > .playbook-diagram__view"
