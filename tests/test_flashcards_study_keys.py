"""Study keys wherever the focus is in the panel; on a touch phone, what a finger does instead:
grade buttons in thumb reach, swipes; the reset that looks like what it does."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flashcard_sites import deck_json
from playwright.sync_api import Browser, Page, expect

from conftest import AXE_SCRIPT, PHONE, PageWatch, close_page, open_page

pytestmark = pytest.mark.browser

PREFIX = "playbook-flashcards/v1/"
# The build draws the first card; study mode has started once it marks the root mounted.
FIRST_CARD = """() => document
  .querySelector('.playbook-cards-study[data-mounted] .playbook-cards-view-front')
  ?.textContent.trim().length > 0"""


def open_flashcards(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(FIRST_CARD, timeout=15_000)


def front(page: Page) -> str:
    return page.inner_text(".playbook-cards-view-front").strip()


def due_now(page: Page) -> int:
    return int(page.inner_text(".playbook-cards-stats [data-due]"))


def answer_shown(page: Page) -> bool:
    return page.is_visible(".playbook-cards-view-back")


def focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))


def tab_to(page: Page, selector: str) -> None:
    for _ in range(150):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_space_and_the_grade_keys_work_after_clicking_shuffle(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    open_flashcards(page, base_url + "flashcards/")
    shuffle = page.get_by_label("Shuffle")
    due = due_now(page)
    for where in ("box", "label"):
        checked = shuffle.is_checked()
        if where == "box":
            shuffle.click()
        else:  # the end of the word "Shuffle"
            label = page.locator(".playbook-cards-check").bounding_box()
            assert label is not None
            page.mouse.click(label["x"] + label["width"] - 3, label["y"] + label["height"] / 2)
        assert shuffle.is_checked() is not checked, where
        assert focused(page, "#playbook-cards-shuffle"), "the click leaves the focus on the box"
        page.keyboard.press("Space")
        assert answer_shown(page), "Space flips the card"
        assert shuffle.is_checked() is not checked, "Space left the box alone"
        page.keyboard.press("3")
        due -= 1
        assert due_now(page) == due, "3 grades the card"
        page.keyboard.press("Enter")
        assert answer_shown(page), "Enter flips the next card"
        page.keyboard.press("Enter")
        assert not answer_shown(page)
    watch.assert_clean()


def test_each_control_keeps_its_own_keys(base_url: str, light_page: tuple[Page, PageWatch]) -> None:
    page, watch = light_page
    open_flashcards(page, base_url + "flashcards/")
    due = due_now(page)
    # A checkbox reached with Tab is the learner's target: Space toggles it. Enter, which a
    # checkbox ignores, flips; the grade keys grade.
    tab_to(page, "#playbook-cards-shuffle")
    page.keyboard.press("Space")
    assert page.get_by_label("Shuffle").is_checked() and not answer_shown(page)
    page.keyboard.press("Enter")
    assert answer_shown(page) and page.get_by_label("Shuffle").is_checked()
    page.keyboard.press("2")
    assert due_now(page) == due - 1
    # A button keeps Space and Enter: "Show answer" flips the card once, not twice.
    tab_to(page, ".playbook-cards-flip")
    page.keyboard.press("Space")
    assert answer_shown(page)
    page.focus(".playbook-cards-flip")
    page.keyboard.press("Enter")
    assert not answer_shown(page)
    page.keyboard.press("Space")
    # A link keeps Enter; Space, which would only scroll the page, flips the card back, and the
    # focus goes back to the card, not to the page under the hidden link.
    source = ".playbook-cards-view-back .playbook-cards-source a"
    tab_to(page, source)
    scrolled = page.evaluate("scrollY")
    page.keyboard.press("Space")
    assert not answer_shown(page) and focused(page, ".playbook-cards-view")
    assert page.evaluate("scrollY") == scrolled
    # A select keeps every key: a grade key typed there does not grade the card behind it.
    page.keyboard.press("Space")
    page.get_by_label("Section").focus()
    page.keyboard.press("3")
    assert answer_shown(page) and due_now(page) == due - 1
    # Typing outside the panel (Material's search box) is never hijacked.
    page.focus("input.md-search__input")
    page.keyboard.type("1 2")
    assert page.input_value("input.md-search__input") == "1 2"
    assert answer_shown(page) and due_now(page) == due - 1
    page.keyboard.press("Escape")
    # And Enter on a link follows it.
    page.focus(source)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/flashcards/" not in url)
    watch.assert_clean()


@pytest.fixture(params=["phone", "desktop"])
def device_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, bool]]:
    page, _ = open_page(browser, phone=request.param == "phone")
    yield page, request.param == "phone"
    close_page(page)


VISIBLE_KEYS = """() => [...document.querySelectorAll('.playbook-cards-app kbd')]
  .filter((k) => k.getClientRects().length > 0).map((k) => k.textContent)"""


def test_touch_screens_say_what_a_finger_does_not_which_keys_to_press(
    site_dir: Path, base_url: str, device_page: tuple[Page, bool]
) -> None:
    page, phone = device_page
    total = len(deck_json(site_dir)["cards"])
    open_flashcards(page, base_url + "flashcards/")
    help_text = page.inner_text(".playbook-cards-help").strip()
    if phone:
        assert help_text == (
            "Tap the card to flip it, then tap how well you knew it, or swipe the card: right "
            "for Good, left for Again."
        )
        assert page.evaluate(VISIBLE_KEYS) == []
        page.tap(".playbook-cards-view")
        assert answer_shown(page)
        assert page.evaluate(VISIBLE_KEYS) == [], "no key hints on the grade buttons either"
        page.get_by_role("button", name="Good").tap()
        assert due_now(page) == total - 1
    else:
        assert help_text.startswith("Keys: Space or Enter flips the card")
        assert "U undoes the last grade" in help_text
        assert "Tap" not in help_text and "swipe" not in help_text
        page.click(".playbook-cards-view")
        assert page.is_hidden(".playbook-cards-swipe"), "swipes are for touch screens"
        shown = page.evaluate(VISIBLE_KEYS)
        assert shown == ["Space", "1", "2", "3", "4", "Space", "Enter", "1", "4", "U"]
        page.keyboard.press("3")
        shown = page.evaluate(VISIBLE_KEYS)
        assert shown == ["Space", "U", "Space", "Enter", "1", "4", "U"], "Undo, and its key"


VISIBLE_HINT_KEYS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((k) => k.getClientRects().length > 0).map((k) => k.textContent)"""


def test_key_hints_elsewhere_are_for_keyboards_only(
    base_url: str, device_page: tuple[Page, bool]
) -> None:
    """The 404 page's search key, the schedule's grade keys and the diagram viewer's keys."""
    page, phone = device_page
    page.goto(base_url + "404.html")
    assert page.evaluate(VISIBLE_HINT_KEYS, "article kbd") == ([] if phone else ["/"])
    page.goto(base_url + "flashcards/")
    schedule = "article h2#how-the-schedule-works ~ ul kbd"
    assert page.evaluate(VISIBLE_HINT_KEYS, schedule) == ([] if phone else ["1", "2", "3", "4"])
    page.goto(base_url + "reference-diagram/")
    page.wait_for_selector("[data-diagram][data-ready]")
    page.locator("[data-diagram] > .playbook-diagram__open").first.click()
    hint = page.inner_text("dialog[open] .playbook-viewer__hint").strip()
    if phone:
        assert hint == "Drag to move, pinch to zoom; Fit and Close are above."
    else:
        assert hint.startswith("Drag or") and "pinch to zoom; Reset" not in hint


GRADE_BOXES = """() => [...document.querySelectorAll('.playbook-cards-grade')].map((b) => {
  const r = b.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
})"""


def panel_violations(page: Page) -> list[str]:
    """axe-core's default rules over the study panel as it is now (the site-wide run in
    test_quality_browser covers the rest of the page)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    found: list[str] = page.evaluate(
        """() => axe.run('.playbook-cards-study', {resultTypes: ['violations']})
          .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target)}`))"""
    )
    return found


def phone_page(browser: Browser, scheme: str = "dark") -> tuple[Page, PageWatch]:
    """A touch phone, in the dark palette (the desktop tests use the light one)."""
    return open_page(browser, scheme, phone=True)


def test_on_a_phone_the_grades_are_in_thumb_reach_without_scrolling(
    site_dir: Path, base_url: str, browser: Browser
) -> None:
    """After the flip, however long the answer: the four grade buttons in the screen, in its
    lower half, each at least 44 px tall; nothing scrolled. The three longest answers of the
    deck come first (saved as due for review), then new cards."""
    page, watch = phone_page(browser)
    cards = sorted(deck_json(site_dir)["cards"], key=lambda c: -len(c["back_html"]))
    due = {
        "due": 1, "stability": 3.0, "difficulty": 5.0, "state": "review", "last_review": 0,
        "reps": 2, "lapses": 0, "learning_steps": 0, "scheduled_days": 3,
    }  # fmt: skip
    page.add_init_script(
        f"""if (!sessionStorage.getItem('seeded')) {{
              sessionStorage.setItem('seeded', '1');
              for (const id of {json.dumps([c["id"] for c in cards[:3]])})
                localStorage.setItem('{PREFIX}fsrs/' + id, '{json.dumps(due)}');
            }}"""
    )
    screen = PHONE["viewport"]["height"]
    try:
        open_flashcards(page, base_url + "flashcards/")
        longest = {card["front"] for card in cards[:3]}
        for round_ in range(6):
            assert (front(page) in longest) == (round_ < 3)
            box = page.locator(".playbook-cards-view").bounding_box()
            assert box is not None and box["y"] + 40 < screen, "the card shows on the first screen"
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + 20)
            expect(page.locator(".playbook-cards-grades")).to_be_visible()
            scrolled = page.evaluate("scrollY")
            boxes = page.evaluate(GRADE_BOXES)
            for grade in boxes:
                assert grade["height"] >= 44 and grade["width"] >= 44, boxes
                assert screen / 2 <= grade["top"] and grade["bottom"] <= screen, boxes
            assert page.evaluate("scrollY") == scrolled
            if round_ == 0:
                assert panel_violations(page) == [], "the answer side, swipe hint showing"
            page.get_by_role("button", name="Good").tap()
        page.get_by_role("button", name="Reset progress").tap()
        assert panel_violations(page) == [], "the reset question open"
        watch.assert_clean()
    finally:
        close_page(page)


def swipe(page: Page, dx: float, dy: float = 0) -> None:
    """A finger drawn across the card, as a touch screen reports it: 10 moves 16 ms apart, then
    still for a moment before it lifts (a finger lifted moving would fling, and Chromium takes
    the next tap as the one that stops the fling)."""
    box = page.locator(".playbook-cards-view").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + 40
    start = time.time()
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, seconds: float, points: list[dict[str, float]]) -> None:
        event = {"type": kind, "touchPoints": points, "timestamp": start + seconds}
        cdp.send("Input.dispatchTouchEvent", event)

    touch("touchStart", 0, [{"x": x, "y": y}])
    for step in range(1, 11):
        touch("touchMove", step * 0.016, [{"x": x + dx * step / 10, "y": y + dy * step / 10}])
    touch("touchMove", 0.4, [{"x": x + dx, "y": y + dy}])
    touch("touchEnd", 0.41, [])
    cdp.detach()


def test_on_a_phone_a_swipe_grades_the_card_and_says_so(base_url: str, browser: Browser) -> None:
    """Right for Good, left for Again, once the answer shows, with the way shown on the card;
    a short or vertical move grades nothing, and the buttons still do."""
    page, watch = phone_page(browser)
    try:
        open_flashcards(page, base_url + "flashcards/")
        due = due_now(page)
        hint = page.locator(".playbook-cards-swipe")
        swipe(page, 150)
        assert due_now(page) == due and not answer_shown(page), "no grade before the answer"
        page.locator(".playbook-cards-view").tap()
        expect(hint).to_be_visible()
        expect(hint).to_have_text("\u2039 Again swipe Good \u203a")
        swipe(page, 40)
        swipe(page, 10, 200)
        assert due_now(page) == due and answer_shown(page), "too short, or a scroll"
        first = front(page)
        swipe(page, 150)
        expect(page.locator(".playbook-cards-status")).to_contain_text(
            "Graded Good: back in 10 min."
        )
        assert due_now(page) == due - 1 and front(page) != first
        expect(hint).to_be_hidden()
        page.locator(".playbook-cards-view").tap()
        swipe(page, -150)
        expect(page.locator(".playbook-cards-status")).to_contain_text(
            "Graded Again: back in 1 min."
        )
        assert due_now(page) == due - 2
        page.get_by_role("button", name="Undo last grade").tap()
        assert due_now(page) == due - 1 and answer_shown(page)
        page.get_by_role("button", name="Hard").tap()
        assert due_now(page) == due - 2
        watch.assert_clean()
    finally:
        close_page(page)


BUTTON_COLOURS = """(name) => {
  const button = [...document.querySelectorAll('.playbook-cards-confirm button')]
    .find((b) => b.textContent === name);
  const style = getComputedStyle(button);
  return [style.backgroundColor, style.color];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_yes_reset_looks_destructive_and_unlike_cancel(
    base_url: str, browser: Browser, scheme: str
) -> None:
    page, watch = open_page(browser, scheme)
    try:
        open_flashcards(page, base_url + "flashcards/")
        page.get_by_role("button", name="Reset progress").click()
        page.mouse.move(0, 0)
        for focused_button in ("Cancel", "Yes, reset"):  # the focus (Cancel first) changes neither
            page.get_by_role("button", name=focused_button).focus()
            danger, text = page.evaluate(BUTTON_COLOURS, "Yes, reset")
            cancel, _ = page.evaluate(BUTTON_COLOURS, "Cancel")
            red, green, blue = (int(v) for v in danger[danger.index("(") + 1 : -1].split(",")[:3])
            assert red > 2 * max(green, blue), f"{danger} is not red"
            assert text == "rgb(255, 255, 255)" and cancel != danger
        watch.assert_clean()
    finally:
        close_page(page)
