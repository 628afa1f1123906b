"""The mock interview in Chromium, with the page's clock under the test's control (page.clock):
countdown, overtime, pause, a reload that resumes, a keyboard-only run to the downloaded notes,
instant navigation, corrupt storage, and axe in every state in both palettes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PageWatch, assert_no_axe_violations, open_page

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
    page, watch = open_page(browser)
    page.clock.install(time=START)
    page.goto(base_url + "mock-interview/")
    page.wait_for_selector(MOUNTED)
    page.clock.pause_at(PAUSED)
    yield page, watch
    page.context.close()


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
    page.get_by_role("button", name="Abandon").click()
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
        page.get_by_role("button", name="Abandon").click()
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
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # Pause, then the notes (Back is off on step 1)
    page.keyboard.type("Who are the tenants?")
    page.keyboard.press("n")  # typed into the notes, not a shortcut
    page.keyboard.press("Escape")
    page.clock.run_for(150_000)
    page.keyboard.press("n")
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "2")
    page.keyboard.press("b")
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "1")
    page.keyboard.press("p")
    assert state(page) == "paused"
    page.keyboard.press("p")
    for step in range(2, 9):
        page.keyboard.press("n")
        expect(page.locator("[data-step]")).to_have_attribute("data-step", str(step))
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
    for _ in range(5):  # Tab to the first self-check box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'checkbox'"):
            break
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox").first.is_checked()
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
        "expected traffic, latency targets; Success metrics, SLAs/SLOs, availability targets\n>\n"
        "> Why: Establishes scope and prevents over-engineering. Ask about user behavior "
        "patterns, peak vs average usage, and business priorities.\n\nWho are the tenants?n\n"
    ) in notes
    assert "- [x] No idempotency on write APIs" in notes
    assert "- [ ] No DLQ" in notes
    assert "## What your 60-second close covered" in notes
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["dark"])
def test_instant_navigation_and_the_dark_palette(
    browser: Browser, base_url: str, scheme: str
) -> None:
    page, watch = open_page(browser, scheme)
    try:
        page.clock.install(time=START)
        page.goto(base_url + "practice-prompts/", wait_until="networkidle")
        loaded = "performance.getEntriesByType('resource').some(e => e.name.includes('/mock-'))"
        assert page.evaluate(loaded) is False, "a page without the mock loaded its script"
        page.evaluate("window.__sameDocument = true")
        page.locator("article a[href$='mock-interview/']").first.click()
        page.wait_for_selector(MOUNTED)
        page.clock.pause_at(PAUSED)
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(5_000)
        assert remaining(page) == 175
        page.locator("nav.md-nav--primary a[href$='practice-prompts/']").first.click()
        page.wait_for_url("**/practice-prompts/")
        page.clock.run_for(5_000)
        page.locator("nav.md-nav--primary a[href$='mock-interview/']").first.click()
        page.wait_for_selector(MOUNTED)
        assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
        assert state(page) == "running"
        assert remaining(page) == 170
        page.clock.fast_forward(200_000)
        page.clock.run_for(1_000)
        assert page.get_attribute(ROOT, "data-overtime") == ""
        axe(page, f"{scheme} mock interview, overtime")
        for _ in range(8):
            page.get_by_role("button", name="Next step").or_(
                page.get_by_role("button", name="Finish")
            ).click()
        assert state(page) == "done"
        axe(page, f"{scheme} mock interview, review")
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
        page.context.close()


def test_a_phone_shows_what_a_finger_does_instead_of_keys(browser: Browser, base_url: str) -> None:
    page, watch = open_page(browser, phone=True)
    try:
        page.goto(base_url + "mock-interview/")
        page.wait_for_selector(MOUNTED)
        page.get_by_role("button", name="Start").tap()
        expect(page.locator(".playbook-mock-run .playbook-touch-hint")).to_be_visible()
        expect(page.locator(".playbook-mock-run .playbook-keys-hint")).to_be_hidden()
        page.get_by_role("button", name="Next step").tap()
        expect(page.locator("[data-step]")).to_have_attribute("data-step", "2")
        assert_no_axe_violations(page, "mock interview on a phone, running")
        watch.assert_clean()
    finally:
        page.context.close()


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
