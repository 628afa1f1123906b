"""The progress page in Chromium, its clock under the test's control (page.clock): figures equal
to what the flashcards page and the mock interview's history show, a worked solution's visit
noted and listed after instant navigation, a backup exported, cleared and imported back whole
with no request made, bad files and a full storage refused with nothing changed, and axe in
both palettes with nothing wider than a phone's screen.

The reader's study is made with the site's own modules, in the page (flashcards-schedule.js
grades cards, mock-session.js runs sessions), and stored where those pages store it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from conftest import PageWatch, assert_no_axe_violations, close_page, open_page

pytestmark = pytest.mark.browser

START = datetime(2027, 1, 15, 9, 0)
"""The page's local time: a morning, so that "due today" and "due now" differ only by what is
due later today, which the seeded study leaves empty (see SEED)."""
MOUNTED = ".playbook-progress[data-mounted]"
SEED = """async (base) => {
  const data = JSON.parse(document.querySelector('[data-progress]').dataset.progress);
  const { Scheduler } = await import(base + 'assets/playbook/flashcards-schedule.js');
  const mock = await import(base + 'assets/playbook/mock-session.js');
  const scheduler = new Scheduler(data.flashcards.scheduler);
  const now = Date.now(), HOUR = 3600000, DAY = 24 * HOUR, MINUTE = 60000;
  // Grades at whole days before now (a review then falls due at this time of some day) or an
  // hour ago (a learning step of 10 minutes is due now): nothing falls due later today.
  const plans = [
    [],
    [['good', now - HOUR]],
    [['easy', now - HOUR]],
    [['good', now - 10 * DAY], ['good', now - 9 * DAY], ['again', now - 2 * DAY]],
    [['easy', now - 20 * DAY], ['good', now - 10 * DAY]],
  ];
  let graded = 0;
  data.flashcards.sections.slice(0, 6).forEach((section, s) => {
    section.cards.split(' ').forEach((id, c) => {
      let progress = null;
      for (const [grade, at] of plans[(s + c) % plans.length])
        progress = scheduler.next(progress, grade, at);
      if (progress === null) return;
      const tomorrow = new Date(now).setHours(24, 0, 0, 0);
      if (progress.due > now && progress.due < tomorrow) throw new Error('due later today');
      localStorage.setItem(data.flashcards.storage + 'fsrs/' + id, JSON.stringify(progress));
      graded += 1;
    });
  });
  // Three sessions, newest first: minutes per step (the flow's timeboxes are 3, 5, 5, 7, 5, 7,
  // 7 and 3 minutes at most); the second is abandoned in its third step.
  const runs = [[2.5, 4, 4, 6, 4, 6, 6, 2.5], [3.5, 6, 1], [4, 4, 4, 8, 4, 6, 6, 2]];
  const history = runs.map((minutes, index) => {
    const start = now - (index + 1) * DAY;
    let session = mock.start({ id: 'p' + index, title: 'Prompt ' + index }, data.mock.steps, start);
    let at = start;
    minutes.forEach((spent, step) => {
      at += spent * MINUTE;
      const last = step === minutes.length - 1 && minutes.length < data.mock.steps.length;
      if (!last) session = mock.next(session, at);
    });
    return mock.isLive(session) ? mock.abandon(session, at) : session;
  });
  localStorage.setItem(data.mock.storage + 'history', JSON.stringify(history));
  return { graded, sessions: history.length };
}"""


@pytest.fixture
def progress_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """The progress page with a fake clock, once it has drawn what the browser keeps."""
    page, watch = open_page(browser, own_context=True)
    page.clock.install(time=START)
    page.goto(base_url + "progress/")
    page.wait_for_selector(MOUNTED)
    yield page, watch
    close_page(page)


def seed(page: Page, base_url: str) -> dict[str, int]:
    """Study made with the site's own modules, then the page drawn again from it."""
    made: dict[str, int] = page.evaluate(SEED, base_url)
    page.reload()
    page.wait_for_selector(MOUNTED)
    page.wait_for_load_state("networkidle")  # Material's search index, fetched after load
    return made


def data(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(page.get_attribute("[data-progress]", "data-progress") or "")
    return found


def kept(page: Page) -> dict[str, str]:
    """What the browser keeps under the site's prefixes (Material's own keys left out)."""
    info = data(page)
    prefixes = [info["flashcards"]["storage"], info["mock"]["storage"], info["storage"]]
    found: dict[str, str] = page.evaluate(
        """(prefixes) => Object.fromEntries(Object.entries(localStorage)
             .filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))))""",
        prefixes,
    )
    return found


def counts_of(page: Page, row: str) -> dict[str, int]:
    cells = page.locator(f"{row} td[data-count]")
    return {
        str(cells.nth(i).get_attribute("data-count")): int(cells.nth(i).inner_text())
        for i in range(cells.count())
    }


def test_the_figures_are_those_of_the_flashcards_page_and_the_mock_history(
    progress_page: tuple[Page, PageWatch], base_url: str
) -> None:
    page, watch = progress_page
    made = seed(page, base_url)
    assert made["graded"] > 10
    sections = [s["key"] for s in data(page)["flashcards"]["sections"][:7]]
    here = {key: counts_of(page, f'tr[data-section="{key}"]') for key in sections}
    here[""] = counts_of(page, "tr.playbook-progress-total")
    assert here[""]["total"] > here[""]["new"] > 0 and here[""]["learned"] > 0
    assert here[""]["learning"] > 0 and here[""]["dueToday"] > 0
    sessions = page.locator(".playbook-progress-sessions summary").all_inner_texts()
    overrun = page.locator(".playbook-progress-overrun li").all_inner_texts()

    page.goto(base_url + "flashcards/")
    page.wait_for_selector(".playbook-cards-study[data-mounted]")
    for key, counted in here.items():
        page.select_option("#playbook-cards-section", key)
        shown = [int(page.inner_text(f"[data-{name}]")) for name in ("total", "learned", "due")]
        # The flashcards page's "due" is what it would show now: new cards and due reviews.
        assert shown == [counted["total"], counted["learned"], counted["new"] + counted["dueToday"]]

    page.goto(base_url + "mock-interview/")
    page.wait_for_selector("[data-mock-interview][data-mounted]")
    rows = page.locator(".playbook-mock-history tbody tr")
    past = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert len(past) == made["sessions"]
    assert sessions == [
        " · ".join([date, prompt, total, result]) for date, prompt, result, total, *_ in past
    ]
    over: dict[int, int] = {}
    for *_, per_step, _notes in past:
        for number, time in enumerate(per_step.split(" · "), start=1):
            over[number] = over.get(number, 0) + ("(over)" in time)
    listed = {
        int(text.split(".")[0]): int(re.findall(r"over in (\d+)", text)[0]) for text in overrun
    }
    assert listed == {number: count for number, count in over.items() if count}
    assert list(listed.values()) == sorted(listed.values(), reverse=True), "most often first"
    watch.assert_clean()


def test_a_solution_opened_is_listed_after_instant_navigation(
    browser: Browser, base_url: str
) -> None:
    page, watch = open_page(browser, own_context=True)
    try:
        page.clock.install(time=START)
        page.goto(base_url + "solutions/chat/")
        page.wait_for_function("Object.keys(localStorage).some((k) => k.includes('/visited/'))")
        page.locator("nav.md-nav--primary a[href$='progress/']").first.click()
        page.wait_for_selector(MOUNTED)
        assert page.evaluate("location.pathname").endswith("/progress/")
        item = page.locator('li[data-page="solutions/chat.md"]')
        expect(item).to_have_attribute("data-opened", "true")
        expect(item).to_contain_text("last opened")
        total = page.locator("li[data-page]").count()
        assert page.locator('li[data-page][data-opened="false"]').count() == total - 1
        expect(page.locator('[data-fill="pages"]')).to_have_text(
            f"1 of {total} opened in this browser."
        )
        watch.assert_clean()
    finally:
        close_page(page)


def test_export_clear_and_import_restore_everything_with_no_request(
    progress_page: tuple[Page, PageWatch], base_url: str, tmp_path: Path
) -> None:
    page, watch = progress_page
    made = seed(page, base_url)
    before = kept(page)
    requests: list[str] = []
    # The browser fetches the tab's icon whenever it likes: the page's own requests only.
    icon = page.evaluate("document.querySelector('link[rel~=icon]').href")
    page.on("request", lambda request: requests.append(request.url))
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    info = data(page)
    name = f"{info['file']}-{START:%Y-%m-%d}.json"
    assert download.value.suggested_filename == name
    path = tmp_path / "backup.json"
    download.value.save_as(path)
    backup = json.loads(path.read_text(encoding="utf-8"))
    assert (backup["format"], backup["version"], backup["site"]) == (
        "mkdocs-playbook-progress",
        1,
        info["site"],
    )
    prefix = info["flashcards"]["storage"]
    assert backup["flashcards"] == {
        k.removeprefix(prefix): v for k, v in before.items() if k.startswith(prefix)
    }
    cards = f"{made['graded']} cards and {made['sessions']} mock interviews"
    expect(page.get_by_role("status")).to_have_text(f"Exported {cards} to {name}.")
    assert [url for url in requests if not url.startswith("blob:") and url != icon] == []

    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(MOUNTED)
    emptied = counts_of(page, "tr.playbook-progress-total")
    assert emptied["new"] == emptied["total"] > 0
    expect(page.locator('[data-fill="mock"]')).to_have_text(
        "No mock interview in this browser yet."
    )
    page.wait_for_load_state("networkidle")  # Material's search index, fetched after load
    requests.clear()
    page.set_input_files("#playbook-progress-file", path)
    page.get_by_role("button", name="Import progress").click()
    expect(page.get_by_role("status")).to_have_text(f"Restored {cards}.")
    assert kept(page) == before
    expect(page.get_by_role("alert")).to_have_text("")
    assert page.locator(".playbook-progress-sessions > li").count() == made["sessions"]
    assert [url for url in requests if not url.startswith("blob:") and url != icon] == []
    watch.assert_clean()


def import_file(page: Page, content: bytes) -> None:
    """Choose a file of ``content`` and press Import progress."""
    upload = FilePayload(name="backup.json", mimeType="application/json", buffer=content)
    page.set_input_files("#playbook-progress-file", files=[upload])
    page.get_by_role("button", name="Import progress").click()


def test_a_bad_file_or_a_full_storage_is_refused_with_nothing_changed(
    progress_page: tuple[Page, PageWatch], base_url: str
) -> None:
    page, watch = progress_page
    seed(page, base_url)
    before = kept(page)
    info = data(page)
    alert = page.get_by_role("alert")
    page.get_by_role("button", name="Import progress").click()
    expect(alert).to_have_text("Choose a backup file first, then press Import progress.")

    valid = {
        "format": "mkdocs-playbook-progress",
        "version": 1,
        "site": info["site"],
        "exported": "2027-01-14T10:00:00.000Z",
        "flashcards": {"fsrs/0123456789abcdef": next(iter(before.values()))},
    }
    damaged = {**valid, "flashcards": {"fsrs/0123456789abcdef": '{"due": "soon"}'}}
    bad = [
        (b"{oops", "it is not JSON"),
        (json.dumps({"format": "anki", "version": 1}).encode(), "not a progress backup"),
        (json.dumps({**valid, "version": 2}).encode(), "made by a newer version of the site"),
        (json.dumps({**valid, "site": "Another site"}).encode(), 'another site, "Another site"'),
        (json.dumps(damaged).encode(), 'flashcards entry "fsrs/0123456789abcdef" cannot be read'),
    ]
    for content, message in bad:
        import_file(page, content)
        expect(alert).to_contain_text(message)
        expect(alert).to_contain_text("Nothing was changed.")
        expect(page.get_by_role("status")).to_have_text("")
        assert kept(page) == before, message

    page.evaluate(
        """() => { Storage.prototype.setItem = function () {
             throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }"""
    )
    import_file(page, json.dumps(valid).encode())
    expect(alert).to_contain_text("storage for this site is full")
    expect(alert).to_contain_text("Nothing was changed.")
    assert kept(page) == before
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_and_nothing_wider_than_a_phone(
    browser: Browser, base_url: str, scheme: str
) -> None:
    page, watch = open_page(browser, scheme, phone=True, own_context=True)
    try:
        page.clock.install(time=START)
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(base_url + "progress/")
        page.wait_for_selector(MOUNTED)
        seed(page, base_url)
        page.evaluate(
            "document.querySelectorAll('.playbook-progress details').forEach((d) => d.open = true)"
        )
        keep = page.locator(".playbook-progress-keep")
        persisted = page.evaluate("navigator.storage.persisted()")
        expect(keep).to_have_attribute("data-kept", "kept" if persisted else "mayClear")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_no_axe_violations(page, f"{scheme} progress/ on a phone, filled")
        watch.assert_clean()
    finally:
        close_page(page)


# The page's layout shifts so far: a buffered observer holds them at once (takeRecords).
LAYOUT_SHIFT = """() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: 'layout-shift', buffered: true});
  return observer.takeRecords().reduce((sum, entry) => sum + entry.value, 0);
}"""


def test_the_page_fills_without_moving_what_is_on_screen(browser: Browser, base_url: str) -> None:
    """The blocks appear once filled from storage: on a phone, with study to show, nothing on
    screen moves as they do (filled one by one they shifted the page by 0.35)."""
    page, watch = open_page(browser, phone=True, own_context=True)
    try:
        page.clock.install(time=START)
        page.goto(base_url + "progress/")
        page.wait_for_selector(MOUNTED)
        made = seed(page, base_url)
        assert made["graded"] > 0
        expect(page.locator(".playbook-progress-block").first).to_be_visible()
        assert page.evaluate(LAYOUT_SHIFT) < 0.02
        watch.assert_clean()
    finally:
        close_page(page)
