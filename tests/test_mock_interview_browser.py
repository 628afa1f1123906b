"""The mock interview in Chromium, with the page's clock under the test's control (page.clock):
countdown, overtime (seen and heard), pause, a reload that resumes, a keyboard-only run to the
downloaded notes, no keystroke lost to Material's shortcuts, abandon that asks first, past
sessions opened again, the review beside the worked solution, the way in from a solution page,
instant navigation, corrupt storage, and axe in every state in both palettes and on a phone."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import (
    PageWatch,
    assert_no_axe_violations,
    close_page,
    navigate_in_place,
    one_document,
    open_page,
)

pytestmark = pytest.mark.browser

ROOT = "[data-mock-interview]"
MOUNTED = "[data-mock-interview][data-mounted]"
START = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
"""The page's wall clock when a test starts."""
PAUSED = START + timedelta(minutes=1)
"""Once the page is ready, its clock stops here and moves only when a test moves it."""


@pytest.fixture
def mock_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """The mock's page with a fake clock, installed before the page's scripts run."""
    page, watch = open_page(browser, own_context=True)
    page.clock.install(time=START)
    page.goto(base_url + "mock-interview/")
    page.wait_for_selector(MOUNTED)
    page.clock.pause_at(PAUSED)
    yield page, watch
    close_page(page)


def axe(page: Page, where: str) -> None:
    """axe-core on the page as it is; axe queues its work on timers, so the clock runs meanwhile
    and stops again after (a paused session does not move; a running one moves by that time)."""
    page.clock.resume()
    assert_no_axe_violations(page, where)
    now = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)
    page.clock.pause_at(now + timedelta(seconds=1))


def state(page: Page) -> str | None:
    return page.get_attribute(ROOT, "data-state")


def remaining(page: Page) -> int:
    return int(page.get_attribute("[data-remaining]", "data-remaining") or "nan")


def abandon(page: Page) -> None:
    """Abandon the session in progress: the button, then the question's yes."""
    page.get_by_role("button", name="Abandon").click()
    page.get_by_role("button", name="Yes, abandon").click()


def focused(page: Page) -> str:
    """The focused element: its id, or else its text."""
    return str(page.evaluate("document.activeElement.id || document.activeElement.textContent"))


def checked_statement(page: Page, group: int) -> str:
    """What a ticked box of a self-check group says in the notes (mkdocs.yml's ``checked``)."""
    data = json.loads(page.get_attribute(ROOT, "data-mock-data") or "{}")
    return str(data["checks"][group]["checked"])


def test_countdown_overtime_pause_and_resume(mock_page: tuple[Page, PageWatch]) -> None:
    page, watch = mock_page
    assert state(page) == "idle"
    axe(page, "mock interview, idle")
    page.get_by_role("button", name="Start").click()
    assert state(page) == "running"
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "1")
    expect(page.locator("[data-step]")).to_have_text("Clarify use cases and constraints")
    assert remaining(page) == 180  # the flow page's upper bound: 3 min
    page.clock.run_for(10_000)
    assert remaining(page) == 170
    assert page.locator(".playbook-mock-remaining").text_content() == "2:50"

    page.get_by_role("button", name="Pause").click()
    assert state(page) == "paused"
    page.clock.run_for(60_000)
    assert remaining(page) == 170, "a paused step's clock moved"
    expect(page.locator(".playbook-mock-paused-note")).to_be_visible()
    axe(page, "mock interview, paused")
    page.get_by_role("button", name="Resume").click()
    assert state(page) == "running"

    # Far past the timebox (a sleeping laptop: no timer ran meanwhile), then one tick.
    page.clock.fast_forward(200_000)
    page.clock.run_for(1_000)
    assert remaining(page) == 170 - 201
    assert page.get_attribute(ROOT, "data-overtime") == ""
    overtime = page.locator(".playbook-mock-overtime")
    expect(overtime).to_be_visible()
    expect(overtime).to_contain_text("Overtime")
    expect(overtime).to_contain_text("move on to step 2")
    assert page.locator(".playbook-mock-remaining").text_content() == "+0:31"
    page.clock.run_for(5_000)
    assert remaining(page) == -36, "overtime stopped counting"
    assert page.locator(".playbook-mock-total").text_content() == "3:36"
    # Step changes are announced politely; the countdown is not a live region.
    page.get_by_role("button", name="Next step").click()
    expect(page.get_by_role("status")).to_have_text(
        "Step 2 of 8: Back-of-the-envelope capacity, 3\u20135 min."
    )
    assert page.get_attribute(ROOT, "data-overtime") is None
    assert (
        page.locator("[aria-live]:has([data-remaining]), [data-remaining][aria-live]").count() == 0
    )
    axe(page, "mock interview, running")
    watch.assert_clean()


def test_a_reload_resumes_the_session_with_its_time_and_notes(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    page.get_by_role("radio", name="My own prompt").check()
    page.get_by_label("My own prompt's text").fill("A URL shortener")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Next step").click()
    page.clock.run_for(30_000)
    page.get_by_label("Notes for step 2").fill("100M URLs a month")
    page.reload()
    page.wait_for_selector(MOUNTED)
    assert state(page) == "running"
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "2")
    assert remaining(page) == 300 - 30
    assert page.get_by_label("Notes for step 2").input_value() == "100M URLs a month"
    expect(page.locator(".playbook-mock-prompt-line")).to_have_text("Prompt: A URL shortener")
    # Closed for a minute: the clock kept running in between (wall-clock time).
    page.clock.fast_forward(60_000)
    page.reload()
    page.wait_for_selector(MOUNTED)
    assert remaining(page) == 300 - 90
    # Abandoned: back to the start, kept among the past sessions with its timings.
    abandon(page)
    assert state(page) == "idle"
    history = page.locator(".playbook-mock-history tbody tr")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("A URL shortener")
    expect(history).to_contain_text("abandoned at step 2")
    expect(history).to_contain_text("1:30")
    watch.assert_clean()


def test_corrupt_or_foreign_storage_never_breaks_the_page(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    prefix = page.get_attribute(ROOT, "data-storage-prefix")
    assert prefix and prefix.endswith("/mock-interview/v1/")
    for current, history in [
        ("{not json", "[1, 2"),
        ('{"v": 1, "status": "running", "spent": [1]}', '[{"v": 2}, null, "x"]'),
        ('{"v":1,"id":"s","prompt":{"id":"a","title":"A"},"status":"running","startedAt":1,'
         '"endedAt":null,"step":9,"since":1,"spent":[0,0,0,0,0,0,0,0],"notes":["","","","","",'
         '"","",""],"checks":{}}', '{"not": "a list"}'),
    ]:  # fmt: skip
        page.evaluate(
            "([prefix, current, history]) => { localStorage.setItem(prefix + 'current', current);"
            " localStorage.setItem(prefix + 'history', history);"
            " localStorage.setItem('other-site/mock-interview/v1/current', '{}'); }",
            [prefix, current, history],
        )
        page.reload()
        page.wait_for_selector(MOUNTED)
        assert state(page) == "idle"
        page.get_by_role("button", name="Start").click()
        assert state(page) == "running"
        abandon(page)
    watch.assert_clean()


def test_a_keyboard_only_run_from_start_to_the_downloaded_notes(
    mock_page: tuple[Page, PageWatch], tmp_path: Path
) -> None:
    page, watch = mock_page
    for _ in range(80):  # Tab from the top of the page to Start
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Start'"):
            break
    page.keyboard.press("Enter")
    assert state(page) == "running"
    assert focused(page) == "playbook-mock-notes", "a step starts in its notes"
    page.keyboard.type("Who are the tenants?")
    page.keyboard.press("n")  # typed into the notes, not a shortcut
    page.keyboard.press("Escape")
    page.clock.run_for(150_000)
    page.keyboard.press("n")
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "2")
    assert focused(page) == "playbook-mock-notes"
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "1")
    page.keyboard.press("Escape")
    page.keyboard.press("p")
    assert state(page) == "paused"
    page.keyboard.press("p")
    for step in range(2, 9):
        page.keyboard.press("n")
        expect(page.locator("[data-step]")).to_have_attribute("data-step", str(step))
        page.keyboard.press("Escape")
        page.clock.run_for(60_000)
    assert page.evaluate("document.activeElement.textContent") == "Finish"
    page.keyboard.press("Enter")
    assert state(page) == "done"
    assert page.evaluate("document.activeElement.textContent") == "Review"
    assert urlsplit(page.url).path.endswith("/mock-interview/"), "a key went to Material's N/P"
    rows = page.locator(".playbook-mock-review tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.first).to_contain_text("2:30")
    expect(rows.first).to_contain_text("within")
    for _ in range(8):  # Tab to the first box: step 1's first key point of the solution
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'checkbox'"):
            break
    page.keyboard.press("Space")
    assert page.get_by_label("Who is limited, and by what?").is_checked()
    pitfall = page.get_by_role("checkbox", name="No idempotency on write APIs")
    for _ in range(80):  # on past the key points and their links, to the pitfalls
        page.keyboard.press("Tab")
        if pitfall.evaluate("box => box === document.activeElement"):
            break
    page.keyboard.press("Space")
    assert pitfall.is_checked()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent === 'Download notes'"):
            break
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "rate-limiter-for-multi-tenant-apis-2027-01-15.md"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    notes = path.read_text(encoding="utf-8")
    assert notes.startswith("# Mock interview: Rate limiter for multi-tenant APIs\n")
    assert "| 1. Clarify use cases and constraints | 2\u20133 min | 2:30 | within |" in notes
    assert "| 8. Operability | 2\u20133 min | 1:00 | under by 1:00 |" in notes
    assert (
        "### 1. Clarify use cases and constraints\n\n> Cover: Users, workflows, read/write ratio, "
        "expected traffic, latency targets; Success metrics, SLAs/SLOs, availability targets"
    ) in notes
    assert "\n\nWho are the tenants?n\n\n#### [The worked solution's key points](" in notes
    solution = page.evaluate("new URL('../solutions/rate-limiter/#clarify', location.href).href")
    assert f"#### [The worked solution's key points]({solution})\n" in notes
    assert "- [x] Covered: **Who is limited, and by what?** Tenants" in notes
    assert "- [ ] Covered: **Where is it enforced?**" in notes
    # A ticked pitfall says what the tick means: never a bare "[x] No idempotency...".
    avoided = checked_statement(page, 0)
    assert f"- [x] {avoided}: No idempotency on write APIs" in notes
    assert f"- [ ] {avoided}: No DLQ" in notes
    assert "- [x] No idempotency" not in notes
    assert "## What your 60-second close covered" in notes
    watch.assert_clean()


def test_a_step_starts_in_its_notes_and_no_key_is_lost_to_materials_shortcuts(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    search_open = (
        "document.getElementById('__search').checked"
        " || document.activeElement.matches('input.md-search__input')"
    )
    page.get_by_role("button", name="Start").click()
    assert focused(page) == "playbook-mock-notes"
    title = page.locator(".playbook-mock-step-title")
    header = page.locator(".md-header").bounding_box()
    box = title.bounding_box()
    assert header and box and box["y"] >= header["y"] + header["height"], "under the header"
    assert box["y"] + box["height"] <= page.viewport_size["height"]  # type: ignore[index]
    # Focus on a button, as after a click: the letters go into the notes, no search opens, no
    # page turns ("," and "." are Material's previous and next page).
    page.get_by_role("button", name="Pause").focus()
    page.keyboard.type("s/f,.")
    assert page.evaluate(search_open) is False, "Material's search opened"
    assert page.get_by_label("Notes for step 1").input_value() == "s/f,."
    assert focused(page) == "playbook-mock-notes"
    assert urlsplit(page.url).path.endswith("/mock-interview/")
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    assert page.evaluate(search_open) is False
    assert page.get_by_label("Notes for step 1").input_value() == "s/f,.s"
    # A step reached from the bottom of the page starts in its notes, with its title in sight.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.get_by_role("button", name="Next step").click()
    assert focused(page) == "playbook-mock-notes"
    expect(page.get_by_label("Notes for step 2")).to_be_focused()
    box = title.bounding_box()
    assert box and box["y"] >= header["y"] + header["height"]
    assert box["y"] + box["height"] <= page.viewport_size["height"]  # type: ignore[index]
    # Without a session, Material's "s" opens its search as on every page.
    abandon(page)
    page.locator("body").focus()
    page.keyboard.press("s")
    assert page.evaluate(search_open) is True, "the test could not see the search open"
    watch.assert_clean()


def test_abandon_asks_first_and_is_kept_among_the_past_sessions(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Notes for step 1").fill("Scope: tenants")
    page.clock.run_for(20_000)
    abandon_button = page.get_by_role("button", name="Abandon", exact=True)
    abandon_button.click()
    question = page.get_by_role("group", name="Abandon this interview?")
    expect(question).to_be_visible()
    expect(abandon_button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Keep going")).to_be_focused()
    assert state(page) == "running", "one click ended the session"
    axe(page, "mock interview, asking before abandoning")
    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    expect(abandon_button).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard asks too
    expect(page.get_by_role("button", name="Keep going")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question).to_be_hidden()
    assert state(page) == "running"
    abandon_button.click()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Yes, abandon")).to_be_focused()
    page.keyboard.press("Enter")
    assert state(page) == "idle"
    expect(page.get_by_role("button", name="Start")).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("Interview abandoned")
    history = page.locator(".playbook-mock-history tbody tr")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("abandoned at step 1")
    watch.assert_clean()


def test_every_past_session_opens_for_review_and_downloads_again(
    mock_page: tuple[Page, PageWatch], tmp_path: Path
) -> None:
    page, watch = mock_page
    page.get_by_role("radio", name="Chat system with typing indicators and read receipts").check()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Notes for step 1").fill("Groups of 256")
    for _ in range(8):
        page.clock.run_for(30_000)
        page.locator(".playbook-mock-next").click()
    assert state(page) == "done"
    page.get_by_role("button", name="New interview").click()
    page.get_by_role("radio", name="My own prompt").check()
    page.get_by_label("My own prompt's text").fill("A parking garage")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Notes for step 1").fill("Levels and gates")
    page.clock.run_for(10_000)
    abandon(page)
    page.reload()
    page.wait_for_selector(MOUNTED)
    rows = page.locator(".playbook-mock-history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("A parking garage")

    open_chat = rows.nth(1).get_by_role("button", name="Open")
    expect(open_chat).to_have_accessible_name(re.compile(r"^Open the session of .*, Chat system"))
    open_chat.click()
    assert state(page) == "review"
    expect(page.get_by_role("heading", name="Review")).to_be_focused()
    review = page.locator(".playbook-mock-review")
    expect(review).to_contain_text("Chat system with typing indicators and read receipts")
    expect(review.locator(".playbook-mock-note").first).to_have_text("Groups of 256")
    expect(review.locator("tbody tr")).to_have_count(8)
    page.get_by_role("checkbox", name="No DLQ").check()
    axe(page, "mock interview, a past session's review")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download notes").click()
    path = tmp_path / "chat.md"
    download_info.value.save_as(path)
    assert download_info.value.suggested_filename.startswith("chat-system-with-typing-")
    notes = path.read_text(encoding="utf-8")
    assert "### 1. Clarify use cases and constraints" in notes and "Groups of 256" in notes
    assert f"- [x] {checked_statement(page, 0)}: No DLQ" in notes
    page.get_by_role("button", name="Back to past sessions").click()
    assert state(page) == "idle"
    expect(open_chat).to_be_focused()

    # The tick is kept with that session, and the abandoned one opens too.
    page.reload()
    page.wait_for_selector(MOUNTED)
    rows.nth(1).get_by_role("button", name="Open").click()
    assert page.get_by_role("checkbox", name="No DLQ").is_checked()
    page.get_by_role("button", name="Back to past sessions").click()
    rows.first.get_by_role("button", name="Open").click()
    expect(page.locator(".playbook-mock-review")).to_contain_text("abandoned at step 1")
    expect(page.locator(".playbook-mock-note").first).to_have_text("Levels and gates")
    watch.assert_clean()


def test_overtime_shows_in_colour_icon_and_words_and_chimes_once_if_asked(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    page.evaluate(
        "window.chimes = []; document.querySelector('[data-mock-interview]')"
        ".addEventListener('playbook-mock-chime', (event) => chimes.push(event.detail))"
    )
    page.get_by_role("button", name="Start").click()
    clock = page.locator(".playbook-mock-step-clock")
    calm = clock.evaluate("node => getComputedStyle(node).color")
    chime = page.get_by_label("Chime once when a step runs over its timebox")
    expect(chime).not_to_be_checked()  # off until the reader asks
    page.clock.run_for(181_000)
    assert page.get_attribute(ROOT, "data-overtime") == ""
    assert page.evaluate("chimes") == [], "a chime nobody asked for"
    # At a glance: the label says it, Material's warning icon comes before it, and the clock
    # turns red (colour is the third signal, never the only one).
    expect(clock).to_contain_text("Overtime in this step")
    icon = clock.locator(".playbook-mock-label").evaluate(
        "node => getComputedStyle(node, '::before').maskImage"
    )
    assert icon.startswith("url("), icon
    assert clock.evaluate("node => getComputedStyle(node).color") != calm
    axe(page, "mock interview, overtime")

    page.get_by_role("button", name="Next step").click()
    chime.check()
    page.clock.run_for(299_000)
    assert page.evaluate("chimes") == []
    page.clock.run_for(2_000)
    assert page.evaluate("chimes") == [2], "the chime when step 2 ran over"
    page.clock.run_for(60_000)
    assert page.evaluate("chimes") == [2], "once, not every second"
    # Remembered; a step shown already over (after a reload) does not chime again.
    page.reload()
    page.wait_for_selector(MOUNTED)
    page.evaluate(
        "window.chimes = []; document.querySelector('[data-mock-interview]')"
        ".addEventListener('playbook-mock-chime', (event) => chimes.push(event.detail))"
    )
    expect(page.get_by_label("Chime once when a step runs over its timebox")).to_be_checked()
    page.clock.run_for(5_000)
    assert page.evaluate("chimes") == []
    page.get_by_role("button", name="Next step").click()
    page.clock.run_for(301_000)
    assert page.evaluate("chimes") == [3]
    watch.assert_clean()


def test_a_solutions_rehearse_link_opens_the_mock_on_its_prompt(
    light_page: tuple[Page, PageWatch], base_url: str
) -> None:
    page, watch = light_page
    page.goto(base_url + "solutions/news-feed/")
    link = page.get_by_role("link", name="Rehearse this prompt")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_selector(MOUNTED)
    assert urlsplit(page.url).query == "prompt=news-feed-with-write-optimised-fan-out"
    expect(page.get_by_role("radio", name="News feed with write-optimised fan-out")).to_be_checked()
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".playbook-mock-prompt-line")).to_contain_text("News feed")
    # An unknown prompt leaves the first one chosen.
    abandon(page)
    page.goto(base_url + "mock-interview/?prompt=no-such-prompt")
    page.wait_for_selector(MOUNTED)
    expect(page.locator('input[name="playbook-mock-prompt"]').first).to_be_checked()
    watch.assert_clean()


def test_the_review_sets_each_steps_notes_beside_the_solutions_key_points(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    page.get_by_role("button", name="Start").click()
    page.keyboard.type("Tenants, 2 ms")
    for _ in range(8):
        page.clock.run_for(30_000)
        page.locator(".playbook-mock-next").click()
    step = page.locator(".playbook-mock-compare").first
    expect(step.get_by_role("heading")).to_have_text("1. Clarify use cases and constraints")
    expect(step.locator(".playbook-mock-compare-notes")).to_contain_text("Tenants, 2 ms")
    points = step.get_by_role("group", name="The worked solution's key points")
    expect(points.get_by_role("checkbox")).not_to_have_count(0)
    expect(points).to_contain_text("Who is limited, and by what?")
    section = points.get_by_role("link", name="Step 1 of the worked solution")
    assert (section.get_attribute("href") or "").endswith("solutions/rate-limiter/#clarify")
    expect(page.locator(".playbook-mock-compare")).to_have_count(8)
    dive = page.locator(".playbook-mock-compare").nth(5).locator("legend")
    expect(dive).to_have_text(
        "The worked solution's key points: the algorithm and where the counter lives"
    )
    axe(page, "mock interview, review beside the worked solution")
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["dark"])
def test_instant_navigation_and_the_dark_palette(
    browser: Browser, base_url: str, scheme: str
) -> None:
    page, watch = open_page(browser, scheme, own_context=True)
    try:
        page.clock.install(time=START)
        page.goto(base_url + "practice-prompts/", wait_until="networkidle")
        loaded = "performance.getEntriesByType('resource').some(e => e.name.includes('/mock-'))"
        assert page.evaluate(loaded) is False, "a page without the mock loaded its script"
        with one_document(page):
            page.locator("article a[href$='mock-interview/']").first.click()
            page.wait_for_selector(MOUNTED)
            page.clock.pause_at(PAUSED)
            page.get_by_role("button", name="Start").click()
            page.clock.run_for(5_000)
            assert remaining(page) == 175
            navigate_in_place(page, "practice-prompts/")
            page.clock.run_for(5_000)
            navigate_in_place(page, "mock-interview/")
            page.wait_for_selector(MOUNTED)
        assert state(page) == "running"
        assert remaining(page) == 170
        page.clock.fast_forward(200_000)
        page.clock.run_for(1_000)
        assert page.get_attribute(ROOT, "data-overtime") == ""
        axe(page, f"{scheme} mock interview, overtime")
        page.get_by_role("button", name="Abandon").click()
        axe(page, f"{scheme} mock interview, asking before abandoning")
        page.get_by_role("button", name="Keep going").click()
        for _ in range(8):
            page.get_by_role("button", name="Next step").or_(
                page.get_by_role("button", name="Finish")
            ).click()
        assert state(page) == "done"
        axe(page, f"{scheme} mock interview, review")
        page.get_by_role("button", name="New interview").click()
        page.locator(".playbook-mock-history").get_by_role("button", name="Open").first.click()
        assert state(page) == "review"
        axe(page, f"{scheme} mock interview, a past session's review")
        # On paper: the session's review, without buttons, the prompt choice or the steps list.
        page.emulate_media(media="print")
        expect(page.locator(".playbook-mock-review table")).to_be_visible()
        hidden_in_print = (
            ".playbook-mock-download",
            ".playbook-mock-setup",
            ".playbook-mock-reference",
        )
        for hidden in hidden_in_print:
            expect(page.locator(hidden)).to_be_hidden()
        watch.assert_clean()
    finally:
        close_page(page)


def test_a_phone_shows_what_a_finger_does_instead_of_keys(browser: Browser, base_url: str) -> None:
    page, watch = open_page(browser, phone=True)
    try:
        page.goto(base_url + "mock-interview/")
        page.wait_for_selector(MOUNTED)
        page.get_by_role("button", name="Start").tap()
        # The title, not the notes: no on-screen keyboard over the step the reader reads.
        expect(page.locator(".playbook-mock-step-title")).to_be_focused()
        expect(page.locator(".playbook-mock-run .playbook-touch-hint")).to_be_visible()
        expect(page.locator(".playbook-mock-run .playbook-keys-hint")).to_be_hidden()
        page.get_by_role("button", name="Next step").tap()
        expect(page.locator("[data-step]")).to_have_attribute("data-step", "2")
        assert_no_axe_violations(page, "mock interview on a phone, running")
        page.get_by_role("button", name="Abandon").tap()
        assert_no_axe_violations(page, "mock interview on a phone, asking before abandoning")
        page.get_by_role("button", name="Keep going").tap()
        for _ in range(7):
            page.locator(".playbook-mock-next").tap()
        assert state(page) == "done"
        assert_no_axe_violations(page, "mock interview on a phone, review")
        watch.assert_clean()
    finally:
        close_page(page)


def test_a_full_storage_is_told_once_and_the_session_goes_on(
    mock_page: tuple[Page, PageWatch],
) -> None:
    page, watch = mock_page
    page.get_by_role("button", name="Start").click()
    saved = page.evaluate("() => ({ ...localStorage })")
    assert any(key.endswith("current") for key in saved), "the started session was saved"
    page.evaluate(
        """() => { Storage.prototype.setItem = function () {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }"""
    )
    page.get_by_label("Notes for step 1").fill("Clarified the read/write ratio")
    note = page.locator(".playbook-mock-storage")
    expect(note).to_be_visible()
    expect(note).to_contain_text("storage for this site is full")
    page.get_by_role("button", name="Next step").click()
    page.get_by_role("button", name="Back", exact=True).click()
    assert page.get_by_label("Notes for step 1").input_value() == "Clarified the read/write ratio"
    expect(note).to_have_count(1)
    assert page.evaluate("() => ({ ...localStorage })") == saved, "nothing stored before changed"
    watch.assert_clean()
