"""Study mode in real Chromium: flip, grade (FSRS, as ts-fsrs schedules), undo, progress saved by
SM-2 carried over, keyboard, storage trouble, hostile cards."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flashcard_sites import HOSTILE_BANK, build, deck_json, write_site
from node_bridge import NodeModule
from playwright.sync_api import Browser, Dialog, Page, expect

from conftest import ROOT, PageWatch, close_page, navigate_in_place, one_document, open_page
from mkdocs_playbook.core.loopback import serve
from mkdocs_playbook.flashcards.scheduling import GRADES

pytestmark = pytest.mark.browser

PREFIX = "playbook-flashcards/v1/"
PROGRESS = "fsrs/"
"""Where each card's FSRS progress is, under the site's prefix (flashcards-schedule.js)."""
MINUTE = 60_000
DAY = 24 * 60 * MINUTE
# The build draws the first card; study mode has started once it marks the root mounted.
FIRST_CARD = """() => document
  .querySelector('.playbook-cards-study[data-mounted] .playbook-cards-view-front')
  ?.textContent.trim().length > 0"""


def open_flashcards(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(FIRST_CARD, timeout=15_000)


def stats(page: Page) -> tuple[int, int, int]:
    """(due now, learned, total) as the page shows them."""
    values = [
        int(page.inner_text(f".playbook-cards-stats [data-{k}]"))
        for k in ("due", "learned", "total")
    ]
    return values[0], values[1], values[2]


def front(page: Page) -> str:
    return page.inner_text(".playbook-cards-view-front").strip()


def status(page: Page) -> str:
    return page.inner_text(".playbook-cards-status").strip()


def stored(page: Page, key: str) -> str | None:
    value: str | None = page.evaluate("(key) => localStorage.getItem(key)", key)
    return value


def saved(page: Page, card_id: str, prefix: str = PREFIX) -> Any:
    """A card's saved FSRS progress, or None."""
    raw = stored(page, prefix + PROGRESS + card_id)
    return None if raw is None else json.loads(raw)


def seed(page: Page, entries: dict[str, str]) -> None:
    """Put ``entries`` in localStorage as they are, before the first page of the test loads."""
    page.add_init_script(
        f"""if (!sessionStorage.getItem('seeded')) {{
              sessionStorage.setItem('seeded', '1');
              for (const [k, v] of Object.entries({json.dumps(entries)}))
                localStorage.setItem(k, v);
            }}"""
    )


def at(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def stored_keys(page: Page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage)"))


def study(page: Page, count: int) -> list[str]:
    """Grade the next ``count`` cards Good; returns the fronts graded."""
    fronts = []
    for _ in range(count):
        fronts.append(front(page))
        page.keyboard.press("Space")
        page.keyboard.press("3")
    return fronts


def assert_reset_asks(page: Page, question: str) -> None:
    """The open confirmation asks ``question``, and its buttons say so to screen readers."""
    assert page.inner_text(".playbook-cards-confirm").startswith(question + " ")
    for name in ("Yes, reset", "Cancel"):
        expect(page.get_by_role("button", name=name)).to_have_accessible_description(question)


def test_flip_grade_and_reload_keep_progress(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    cards = deck_json(site_dir)["cards"]
    open_flashcards(page, base_url + "flashcards/")
    # This site's key prefix never changes: its learners keep their progress.
    assert page.get_attribute(".playbook-cards-app", "data-storage-prefix") == PREFIX
    due, learned, total = stats(page)
    assert (due, learned, total) == (len(cards), 0, len(cards))
    assert front(page) == cards[0]["front"]
    assert page.is_hidden(".playbook-cards-view-back") and page.is_hidden(".playbook-cards-grades")
    page.click(".playbook-cards-view")
    assert page.is_visible(".playbook-cards-view-back")
    assert page.is_visible(".playbook-cards-grades")
    assert status(page).startswith("Answer: ")
    assert "Per-aggregate strong consistency" in status(page)
    assert [page.inner_text(f'[data-grade="{g}"] small') for g in GRADES] == [
        "1 min",
        "6 min",
        "10 min",
        "8 days",
    ]
    page.get_by_role("button", name="Good").click()
    assert stats(page) == (len(cards) - 1, 0, len(cards))
    assert status(page).startswith("Graded Good: back in 10 min.")
    assert front(page) == cards[1]["front"]
    progress = saved(page, cards[0]["id"])
    assert (progress["state"], progress["reps"], progress["learning_steps"]) == ("learning", 1, 1)
    assert (
        progress["stability"] == pytest.approx(2.3065) and progress["due"] > progress["last_review"]
    )
    page.reload()
    page.wait_for_function(FIRST_CARD)
    assert stats(page) == (len(cards) - 1, 0, len(cards))
    assert front(page) == cards[1]["front"]
    watch.assert_clean()


def focus_by_tab(page: Page, predicate: str, backwards: bool = False) -> None:
    for _ in range(150):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def test_a_whole_session_by_keyboard_only(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    total = len(deck_json(site_dir)["cards"])
    open_flashcards(page, base_url + "flashcards/")
    focus_by_tab(page, "e.matches('.playbook-cards-view')")
    first = front(page)
    page.keyboard.press("Space")
    assert page.is_visible(".playbook-cards-view-back") and status(page).startswith("Answer:")
    page.keyboard.press("4")  # Easy: eight days, so it counts as learned at once
    assert stats(page) == (total - 1, 1, total)
    assert front(page) != first
    on_card = page.evaluate("document.activeElement.matches('.playbook-cards-view')")
    assert on_card, "focus stays on the card"
    page.keyboard.press("Enter")
    assert page.is_visible(".playbook-cards-view-back")
    page.keyboard.press("Enter")
    assert page.is_hidden(".playbook-cards-view-back"), "Enter flips the card back"
    assert status(page).startswith("Question:")
    page.keyboard.press("3")
    assert stats(page) == (total - 1, 1, total), "grades do nothing before the answer is shown"
    graded = front(page)
    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again: due in a minute
    assert stats(page) == (total - 2, 1, total)
    assert status(page).startswith("Graded Again: back in 1 min.")
    page.keyboard.press("u")  # Undo: that card again, its answer showing
    assert stats(page) == (total - 1, 1, total) and status(page).startswith("Last grade undone.")
    assert front(page) == graded and page.is_visible(".playbook-cards-view-back")
    assert page.is_visible(".playbook-cards-grades")
    page.keyboard.press("1")
    assert stats(page) == (total - 2, 1, total) and front(page) != graded
    page.keyboard.press("Space")
    focus_by_tab(page, "e.dataset.grade === 'hard'")
    page.keyboard.press("Enter")
    assert stats(page) == (total - 3, 1, total)
    focus_by_tab(page, "e.textContent === 'Reset progress'", backwards=True)
    page.keyboard.press("Enter")
    assert page.is_visible(".playbook-cards-confirm")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert stats(page) == (total, 0, total)
    keys = page.evaluate("Object.keys(localStorage)")
    assert [key for key in keys if key.startswith(PREFIX) and key != PREFIX + "settings"] == []
    watch.assert_clean()


def test_filter_by_section_and_shuffle_are_labelled_and_remembered(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    data = deck_json(site_dir)
    section = next(s for s in data["sections"] if s["title"] == "Terms to define if asked")
    in_section = [c["front"] for c in data["cards"] if c["section"] == section["key"]]
    open_flashcards(page, base_url + "flashcards/")
    page.get_by_label("Section").select_option(section["key"])
    assert stats(page) == (len(in_section), 0, len(in_section))
    assert front(page) == in_section[0]
    bar = page.get_by_role("progressbar", name="Cards learned")
    assert bar.get_attribute("max") == str(len(in_section))
    page.get_by_label("Shuffle").check()
    seen = set()
    for _ in in_section:
        seen.add(front(page))
        page.keyboard.press("Space")
        page.keyboard.press("3")
    assert seen == set(in_section)
    assert stats(page) == (0, 0, len(in_section))
    empty = page.inner_text(".playbook-cards-empty")
    assert "Nothing is due. The next card is due in 10 min." in empty
    page.reload()
    page.wait_for_selector(".playbook-cards-empty:not([hidden])")
    assert page.get_by_label("Section").input_value() == section["key"]
    assert page.get_by_label("Shuffle").is_checked()
    page.get_by_role("button", name="Study the next card anyway").click()
    assert front(page) in in_section
    watch.assert_clean()


def test_reset_forgets_only_the_cards_the_filter_shows(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    data = deck_json(site_dir)
    total = len(data["cards"])
    pitfalls, terms = (
        next(s for s in data["sections"] if s["title"] == title)
        for title in ("Common Pitfalls", "Terms to define if asked")
    )
    ids = {c["front"]: c["id"] for c in data["cards"]}
    size = sum(1 for c in data["cards"] if c["section"] == pitfalls["key"])
    section = page.get_by_label("Section")
    open_flashcards(page, base_url + "flashcards/")
    section.select_option(terms["key"])
    kept = [ids[f] for f in study(page, 2)]
    section.select_option(pitfalls["key"])
    forgotten = [ids[f] for f in study(page, 2)]
    assert stats(page) == (size - 2, 0, size)

    page.get_by_role("button", name="Reset progress").click()
    assert_reset_asks(page, f"Forget progress on {size} cards in Common Pitfalls?")
    page.get_by_role("button", name="Yes, reset").click()
    assert page.is_hidden(".playbook-cards-confirm")
    assert status(page).startswith(
        f"Progress reset: {size} cards in Common Pitfalls are new again."
    )
    assert stats(page) == (size, 0, size)
    assert [saved(page, card) for card in forgotten] == [None, None]
    assert all(saved(page, card)["reps"] == 1 for card in kept)
    assert section.input_value() == pitfalls["key"], "the filter is a setting, not progress"
    page.reload()
    page.wait_for_function(FIRST_CARD)
    assert section.input_value() == pitfalls["key"]
    assert stats(page) == (size, 0, size)
    section.select_option("")
    assert stats(page) == (total - 2, 0, total)
    page.get_by_role("button", name="Reset progress").click()
    assert_reset_asks(page, f"Forget progress on all {total} cards?")
    page.get_by_role("button", name="Cancel").click()
    assert all(saved(page, card) is not None for card in kept)
    watch.assert_clean()


def test_a_reader_with_sm2_progress_keeps_every_card_and_the_learned_count(
    site_dir: Path, base_url: str, own_light_page: tuple[Page, PageWatch]
) -> None:
    """Progress the SM-2 version saved: each card keeps its due date, the same cards count as
    learned, and what cannot be read is left where it is (its card counts as new)."""
    page, watch = own_light_page
    ids = [card["id"] for card in deck_json(site_dir)["cards"]]
    now = 1_780_000_000_000
    page.clock.install(time=at(now))
    # What SM-2 saved after these grades: 1, 6, 15 and 38 days after Good in a row, 0 after Again.
    intervals = [1, 6, 15, 38, 0, 4, 3, 1, 6, 15, 0, 365]
    legacy = {}
    for n, interval in enumerate(intervals):
        last = now - n * DAY // 2
        due = last + (interval * DAY if interval else 10 * MINUTE)
        ease = 2.5 - 0.1 * (n % 4)
        legacy[ids[n]] = {
            "due": due,
            "interval": interval,
            "ease": ease,
            "reps": 2,
            "lapses": n % 3,
            "last": last,
        }
    unreadable = {ids[12]: "{broken", ids[13]: json.dumps({**legacy[ids[1]], "due": "soon"})}
    foreign_fsrs = {ids[14]: "[1, 2]"}
    entries = {PREFIX + k: json.dumps(v) for k, v in legacy.items()}
    entries |= {PREFIX + k: v for k, v in unreadable.items()}
    entries |= {PREFIX + PROGRESS + k: v for k, v in foreign_fsrs.items()}
    seed(page, entries)
    learned_before = sum(interval >= 4 for interval in intervals)  # what the SM-2 page counted
    due_before = len(ids) - sum(entry["due"] > now for entry in legacy.values())
    open_flashcards(page, base_url + "flashcards/")
    assert stats(page) == (due_before, learned_before, len(ids))
    expect(page.locator(".playbook-cards-rule")).to_have_text(
        "A card counts as learned once you would still recall it 4 days after your last review. "
        "A new card graded Good usually gets there at its first review on a later day; one "
        "graded Easy, at once."
    )
    for card, entry in legacy.items():
        progress = saved(page, card)
        assert progress["due"] == entry["due"] and progress["last_review"] == entry["last"]
        assert progress["state"] == ("review" if entry["interval"] else "relearning")
        assert stored(page, PREFIX + card) == json.dumps(entry), "the SM-2 entry stays"
    for card, text in unreadable.items():
        assert stored(page, PREFIX + card) == text and saved(page, card) is None
    assert stored(page, PREFIX + PROGRESS + ids[14]) == "[1, 2]"
    page.reload()
    page.wait_for_function(FIRST_CARD)
    assert stats(page) == (due_before, learned_before, len(ids)), "the same on the next visit"
    watch.assert_clean()


def test_undo_puts_back_what_the_card_had(
    site_dir: Path, base_url: str, own_light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = own_light_page
    cards = deck_json(site_dir)["cards"]
    total = len(cards)
    now = 1_780_000_000_000
    page.clock.install(time=at(now))
    reviewed = {
        "due": now - DAY, "stability": 5.5, "difficulty": 4.2, "state": "review",
        "last_review": now - 6 * DAY, "reps": 3, "lapses": 0, "learning_steps": 0,
        "scheduled_days": 5,
    }  # fmt: skip
    seed(page, {PREFIX + PROGRESS + cards[5]["id"]: json.dumps(reviewed)})
    open_flashcards(page, base_url + "flashcards/")
    undo = page.get_by_role("button", name="Undo last grade")
    expect(undo).to_be_hidden()
    assert front(page) == cards[5]["front"], "the card due for review comes first"
    assert stats(page) == (total, 1, total)
    page.click(".playbook-cards-view")
    page.get_by_role("button", name="Again").click()
    assert saved(page, cards[5]["id"])["lapses"] == 1
    assert stats(page) == (total - 1, 0, total)
    page.click(".playbook-cards-view")
    page.get_by_role("button", name="Easy").click()
    assert saved(page, cards[0]["id"]) is not None and stats(page) == (total - 2, 1, total)
    undo.click()
    assert saved(page, cards[0]["id"]) is None, "a new card is new again"
    assert front(page) == cards[0]["front"] and page.is_visible(".playbook-cards-grades")
    assert stats(page) == (total - 1, 0, total)
    undo.click()
    assert saved(page, cards[5]["id"]) == reviewed, "a reviewed card has its progress back"
    assert front(page) == cards[5]["front"] and stats(page) == (total, 1, total)
    expect(undo).to_be_hidden()
    assert status(page).startswith("Last grade undone.")
    watch.assert_clean()


REFERENCE = ROOT / "tests" / "js" / "fsrs-reference.mjs"


SOLO = "# Solo\n\n## Question Bank\n\n- **Lonely**: the only card of its section.\n"
PAIR = "# Pair\n\n## Question Bank\n\n- **First**: one.\n- **Second**: two.\n"
OTHER_PREFIX = "another-site/flashcards/"
TEST_SITE_PREFIX = "flashcard-test-site/flashcards/v1/"
"""What the build derives from the small site's name, "Flashcard test site"."""


def name_storage_prefix(page: Path, prefix: str | None) -> None:
    """Make the built page's study panel name ``prefix`` (no prefix at all for None)."""
    text = re.sub(r' data-storage-prefix="[^"]*"', "", page.read_text(encoding="utf-8"))
    if prefix is not None:
        attribute = f' data-storage-prefix="{html.escape(prefix)}"'
        text, count = re.subn(r'<section class="playbook-cards-app"', rf"\g<0>{attribute}", text)
        assert count == 1
    page.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def one_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One small site served three times from one origin, as github.io serves a user's sites:
    alpha/ as built (its prefix derived from the site's name), beta/ naming another storage
    prefix and legacy/ naming none (as built before the panel carried one): copies edited."""
    root = tmp_path_factory.mktemp("origin")
    served = root / "www"
    served.mkdir()
    with serve(served) as url:
        config = write_site(root, {"solo.md": SOLO, "pair.md": PAIR}, site_url=url + "alpha/")
        result = build(config, served / "alpha")
        assert result.returncode == 0, result.stderr
        for name, prefix in (("beta", OTHER_PREFIX), ("legacy", None)):
            shutil.copytree(served / "alpha", served / name)
            name_storage_prefix(served / name / "flashcards" / "index.html", prefix)
        yield url


def test_sites_on_one_origin_keep_their_own_progress(
    one_origin: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    alpha, beta, legacy = (
        one_origin + f"{site}/flashcards/" for site in ("alpha", "beta", "legacy")
    )
    section = page.get_by_label("Section")
    open_flashcards(page, alpha)
    assert study(page, 1) == ["First"]
    solo = section.locator("option", has_text="Solo").get_attribute("value")
    assert solo
    section.select_option(solo)
    alpha_keys = stored_keys(page)
    assert len(alpha_keys) == 2 and all(key.startswith(TEST_SITE_PREFIX) for key in alpha_keys)

    open_flashcards(page, beta)
    assert stats(page) == (3, 0, 3), "none of alpha's progress"
    assert section.input_value() == "", "nor its filter"
    study(page, 2)
    beta_keys = set(stored_keys(page)) - set(alpha_keys)
    assert len(beta_keys) == 2 and all(key.startswith(OTHER_PREFIX) for key in beta_keys)
    page.get_by_role("button", name="Reset progress").click()
    assert_reset_asks(page, "Forget progress on all 3 cards?")
    page.get_by_role("button", name="Yes, reset").click()
    assert stats(page) == (3, 0, 3)
    assert stored_keys(page) == alpha_keys

    open_flashcards(page, alpha)
    assert section.input_value() == solo, "beta's reset left alpha alone"
    section.select_option("")
    assert stats(page) == (2, 0, 3)
    # A page that names no prefix (as built before the panel carried one) reads and writes
    # where every page did then, apart from the sites that name theirs.
    open_flashcards(page, legacy)
    assert stats(page) == (3, 0, 3)
    study(page, 1)
    [written] = set(stored_keys(page)) - set(alpha_keys)
    assert written.startswith(PREFIX)
    section.select_option(solo)
    page.get_by_role("button", name="Reset progress").click()
    assert_reset_asks(page, "Forget progress on 1 card in Solo \u203a Question Bank?")
    watch.assert_clean()


def test_each_grade_is_scheduled_as_ts_fsrs_schedules_it(
    one_origin: str, own_light_page: tuple[Page, PageWatch]
) -> None:
    """A card graded through a review history, each review when it falls due (the clock
    moved there): its saved due dates are those ts-fsrs itself gives, run under Node with the
    build's parameters."""
    page, watch = own_light_page
    page.clock.install(time=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    site = one_origin + "alpha/"
    open_flashcards(page, site + "flashcards/")
    data = page.evaluate("(u) => fetch(u).then((r) => r.json())", site + "flashcards.json")
    (card,) = [c for c in data["cards"] if c["front"] == "Lonely"]
    solo = page.get_by_label("Section").locator("option", has_text="Solo").get_attribute("value")
    page.get_by_label("Section").select_option(solo)
    history = ["good", "good", "hard", "good", "again", "good", "easy", "good", "hard"]
    times, dues = [], []
    for grade in history:
        # Shown once due: the hidden view of the card graded last keeps its text meanwhile.
        expect(page.locator(".playbook-cards-view-front")).to_be_visible()
        assert front(page) == "Lonely"
        page.keyboard.press("Space")
        page.keyboard.press(str(GRADES.index(grade) + 1))
        progress = saved(page, card["id"], TEST_SITE_PREFIX)
        times.append(progress["last_review"])
        dues.append(progress["due"])
        page.clock.set_system_time(at(progress["due"]))
        page.clock.run_for(30_000)  # the panel looks for due cards every 30 s
    reference = NodeModule(REFERENCE)
    try:
        expected = reference.call("replay", history, times, data["scheduler"])
    finally:
        reference.close()
    assert dues == expected["value"]
    assert max(due - time for due, time in zip(dues, times, strict=True)) > 14 * DAY
    watch.assert_clean()


@pytest.mark.parametrize(
    "settings",
    ["null", "42", '"solo"', '{"section": ["x"], "shuffle": "yes"}', '{"section": "gone::gone"}'],
)
def test_foreign_settings_never_break_the_page(
    one_origin: str, light_page: tuple[Page, PageWatch], settings: str
) -> None:
    page, watch = light_page
    seed = json.dumps(settings)
    page.add_init_script(f"localStorage.setItem('{PREFIX}settings', {seed})")
    open_flashcards(page, one_origin + "alpha/flashcards/")
    assert page.get_by_label("Section").input_value() == ""
    assert not page.get_by_label("Shuffle").is_checked()
    assert stats(page) == (3, 0, 3)
    study(page, 1)
    assert stats(page) == (2, 0, 3)
    watch.assert_clean()


def test_study_works_when_local_storage_is_blocked(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, _ = light_page
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_flashcards(page, base_url + "flashcards/")
    due, _, total = stats(page)
    assert due == total
    assert page.is_visible(".playbook-cards-note")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    assert stats(page)[0] == total - 1
    assert not [e for e in errors if "flashcards" in e], errors


def test_study_mode_works_after_instant_navigation(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url, wait_until="networkidle")
    with one_document(page):
        for round_trip in range(2):
            navigate_in_place(page, "flashcards/")
            page.wait_for_function(FIRST_CARD)
            due = stats(page)[0]
            page.keyboard.press("Space")
            page.keyboard.press("3")
            assert stats(page)[0] == due - 1, f"one grade, one card (round {round_trip})"
            navigate_in_place(page, "question-bank/")
    watch.assert_clean()


SHOWN = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.checkVisibility() && element.getBoundingClientRect().height > 0)
  .length"""
"""How many of the elements show (a closed <details> hides its content, which a measurement
would lay out all the same)."""


def test_print_shows_every_card_and_hides_the_study_mode(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    total = len(deck_json(site_dir)["cards"])
    open_flashcards(page, base_url + "flashcards/")
    page.emulate_media(media="print")
    assert page.is_hidden(".playbook-cards-study")
    assert page.evaluate(SHOWN, ".playbook-cards-list .playbook-cards-card dt") == total
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.playbook-cards-list dt'), "
            "'::before').content"
        )
        == '"Q: "'
    )
    watch.assert_clean()


def test_each_sections_cards_fold_under_its_heading_and_open_for_a_key_or_a_link(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """Closed, a section's cards are not laid out (what makes the page light on a phone); its
    summary says how many there are and opens with the keyboard; a link to a card opens the
    section the card is in and shows it."""
    page, watch = light_page
    sections = deck_json(site_dir)["sections"]
    open_flashcards(page, base_url + "flashcards/")
    decks = page.locator("details.playbook-cards-deck")
    expect(decks).to_have_count(len(sections))
    assert page.evaluate(SHOWN, ".playbook-cards-list dt") == 0
    second = decks.nth(1)
    size = second.locator(".playbook-cards-card").count()
    expect(second.locator("summary")).to_have_text(f"{size} cards")
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(second).to_have_attribute("open", "")
    assert page.evaluate(SHOWN, ".playbook-cards-list dt") == size
    card = decks.nth(5).locator(".playbook-cards-card").last
    card_id = card.get_attribute("id")
    page.goto(base_url + "question-bank/")
    page.goto(f"{base_url}flashcards/#{card_id}")
    expect(decks.nth(5)).to_have_attribute("open", "")
    expect(card).to_be_in_viewport()
    watch.assert_clean()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose question bank tries every trick, built (without --strict) and served."""
    root = tmp_path_factory.mktemp("hostile")
    site = root / "site"
    site.mkdir()
    with serve(site) as url:
        config = write_site(root, {"bank.md": HOSTILE_BANK}, site_url=url)
        result = build(config, site, strict=False)
        assert result.returncode == 0, result.stderr
        yield url


def test_hostile_cards_never_run(hostile_site: str, browser: Browser) -> None:
    page, watch = open_page(browser)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        open_flashcards(page, hostile_site + "flashcards/")
        for _ in range(8):
            page.hover(".playbook-cards-view")
            page.keyboard.press("Space")
            page.hover(".playbook-cards-view-back")
            page.keyboard.press("3")
        assert "Nothing is due" in page.inner_text(".playbook-cards-empty")
        for target in ("flashcards/", "bank/"):
            page.goto(hostile_site + target)
            page.wait_for_load_state("networkidle")
            # Every one a reader can point at (the study panel's hidden answer is in the list).
            for handle in page.query_selector_all("article b, article img, article a"):
                if handle.is_visible():
                    handle.hover()
            assert page.evaluate(
                "window.pwned === undefined && !document.querySelector('pwned, #pwned, iframe')"
            ), target
            # The study mode's own module, loaded after its panel, is the one script there.
            inline = page.evaluate(
                """[...document.querySelectorAll('article script')]
                  .filter((s) => !(s.type === 'module' && s.async && !s.text
                    && s.src.endsWith('/assets/playbook/flashcards.js')))
                  .map((s) => s.outerHTML)"""
            )
            assert inline == [], target
    finally:
        close_page(page)
    assert dialogs == []
    assert watch.foreign_requests == []


LOWEST_CONTRAST = """() => {
  const rgba = (text) => {
    const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number);
    return { r, g, b, a };
  };
  const over = (top, base) => ({
    r: top.r * top.a + base.r * (1 - top.a),
    g: top.g * top.a + base.g * (1 - top.a),
    b: top.b * top.a + base.b * (1 - top.a),
  });
  const luminance = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (node) => {
    const layers = [];
    for (let e = node; e; e = e.parentElement) {
      const color = rgba(getComputedStyle(e).backgroundColor);
      if (color.a > 0) layers.unshift(color);
      if (color.a >= 1) break;
    }
    return layers.reduce((base, layer) => over(layer, base), { r: 255, g: 255, b: 255 });
  };
  let lowest = [99, ""];
  for (const node of document.querySelectorAll(".playbook-cards-app *")) {
    const text = [...node.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text || !node.offsetParent) continue;
    const base = background(node);
    const [a, b] = [luminance(over(rgba(getComputedStyle(node).color), base)), luminance(base)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest[0]) lowest = [ratio, node.textContent.trim().slice(0, 30)];
  }
  return lowest;
}"""


def test_study_mode_text_meets_aa_contrast_in_both_palettes(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    open_flashcards(page, base_url + "flashcards/")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Reset progress").click()  # "Yes, reset" is red
    page.mouse.move(0, 0)
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    ratio, text = page.evaluate(LOWEST_CONTRAST)
    assert ratio >= 4.5, f"{scheme}: {text!r} has contrast {ratio:.2f}"
    watch.assert_clean()


RECORD_STATUS = """() => {
  window.__said = [];
  const status = document.querySelector('.playbook-cards-status');
  new MutationObserver(() => window.__said.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""
FILL_STORAGE = """() => {
  // From now on the browser refuses every write, as when this origin's quota is used up.
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
}"""


def test_a_full_storage_is_told_once_and_study_goes_on(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """Storage that fills up mid-visit: the reader is told once, in sight and aloud; grading
    goes on with the progress kept for the visit; what was saved before is not touched."""
    page, watch = light_page
    open_flashcards(page, base_url + "flashcards/")
    first = study(page, 1)[0]
    before = {
        key: page.evaluate("(k) => localStorage.getItem(k)", key) for key in stored_keys(page)
    }
    assert before, "the first grade was saved"
    page.evaluate(RECORD_STATUS)
    page.evaluate(FILL_STORAGE)
    note = page.locator(".playbook-cards-note[data-storage]")
    expect(note).to_be_hidden()
    due, learned, total = stats(page)
    graded = study(page, 3)
    assert first not in graded
    expect(note).to_be_visible()
    expect(note).to_contain_text("storage for this site is full")
    assert stats(page) == (due - 3, learned, total), "the three grades count for the visit"
    said = page.evaluate("window.__said")
    assert sum("full" in text for text in said) == 1, said
    after = {key: page.evaluate("(k) => localStorage.getItem(k)", key) for key in stored_keys(page)}
    assert after == before, "nothing stored before was lost or changed"
    watch.assert_clean()
