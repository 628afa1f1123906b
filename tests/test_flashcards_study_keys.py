"""Study keys wherever the focus is in the panel, and what a touch screen shows instead of keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flashcard_sites import deck_json
from playwright.sync_api import Browser, Page

from conftest import PageWatch, open_page

pytestmark = pytest.mark.browser

# The build draws the first card; study mode has started once it marks the root mounted.
FIRST_CARD = """() => document
  .querySelector('.playbook-cards-study[data-mounted] .playbook-cards-view-front')
  ?.textContent.trim().length > 0"""


def open_flashcards(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(FIRST_CARD, timeout=15_000)


def due_now(page: Page) -> int:
    return int(page.inner_text(".playbook-cards-stats [data-due]"))


def answer_shown(page: Page) -> bool:
    return page.is_visible(".playbook-cards-view-back")


def focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))


def tab_to(page: Page, selector: str) -> None:
    for _ in range(60):
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
    page.context.close()


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
        assert help_text == "Tap the card to flip it, then tap how well you knew it."
        assert page.evaluate(VISIBLE_KEYS) == []
        page.tap(".playbook-cards-view")
        assert answer_shown(page)
        assert page.evaluate(VISIBLE_KEYS) == [], "no key hints on the grade buttons either"
        page.get_by_role("button", name="Good").tap()
        assert due_now(page) == total - 1
    else:
        assert help_text.startswith("Keys: Space or Enter flips the card")
        assert "Tap" not in help_text
        page.click(".playbook-cards-view")
        shown = page.evaluate(VISIBLE_KEYS)
        assert shown == ["Space", "1", "2", "3", "4", "Space", "Enter", "1", "4"]


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
        assert hint == "Drag to move, pinch to zoom; Reset and Close are above."
    else:
        assert hint.startswith("Drag or") and "pinch to zoom; Reset" not in hint
