"""Unit tests for the progress page's pure modules: which pages are tracked, and the page's
markup and data (headings for the table of contents, each block only where the site has its
feature, texts escaped)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, Tag
from inert import problems

from mkdocs_playbook.feature import DeckSection, PublishedDeck, PublishedMock
from mkdocs_playbook.progress.config import ProgressConfig
from mkdocs_playbook.progress.render import (
    ProgressPage,
    TrackedPage,
    default_storage_prefix,
    headings,
    page_data,
    render,
    visit_marker,
)
from mkdocs_playbook.progress.tracking import tracked_pages

PATHS = ["index.md", "solutions/index.md", "solutions/chat.md", "solutions/feed.md", "flow.md"]
DECK = PublishedDeck(
    page_url="study/cards/",
    storage_prefix="notes/flashcards/v1/",
    scheduler={"learned_stability_days": 4},
    sections=(DeckSection("a::b", "A \u203a B", ("c1", "c2")), DeckSection("d::e", "D", ())),
)
MOCK = PublishedMock("mock/", "notes/mock-interview/v1/", ({"number": 1, "name": "Clarify"},))
STEPS = ({"number": 1, "name": "Clarify", "low": 2.0, "high": 3.0, "timebox": "2\u20133 min"},)


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def test_track_globs_with_exclusions_in_the_sites_order() -> None:
    tracked = tracked_pages(["solutions/*.md", "!solutions/index.md", "/flow.md"], PATHS)
    assert tracked.pages == ["solutions/chat.md", "solutions/feed.md", "flow.md"]
    assert tracked.unmatched == []


def test_a_pattern_that_matches_no_page_is_reported_as_written() -> None:
    tracked = tracked_pages(["solution/*.md", "!drafts/*", "flow.md"], PATHS)
    assert tracked.pages == ["flow.md"]
    assert tracked.unmatched == ["solution/*.md", "!drafts/*"]
    assert tracked_pages([], PATHS).pages == []


def test_the_feature_is_off_unless_a_site_asks() -> None:
    options = ProgressConfig()
    options.load_dict({})
    assert options.validate() == ([], [])
    assert options.enabled is False and options.track == [] and options.storage_prefix is None
    assert default_storage_prefix("Someone's Notes") == "someone-s-notes/progress/v1/"


def test_every_block_of_a_full_site_with_its_heading_in_the_table_of_contents() -> None:
    page = ProgressPage(
        site="Notes",
        page_url="me/progress/",
        storage_prefix="notes/progress/v1/",
        track_title="Solutions opened",
        tracked=[TrackedPage("solutions/chat.md", "Chat", "solutions/chat/")],
        deck=DECK,
        mock=MOCK,
    )
    html = soup(render(page))
    ids = [str(h["id"]) for h in html.select("h2[id], h3[id]")]
    assert ids == [anchor for _, anchor, _ in headings(page)]
    assert [level for *_, level in headings(page)] == [2, 3, 2, 2, 2]
    assert [b["data-block"] for b in html.select("[data-block]")] == [
        "flashcards",
        "mock",
        "pages",
        "backup",
    ]
    links = [str(a["href"]) for a in html.select("a[href]")]
    assert links == ["../../study/cards/", "../../mock/", "../../solutions/chat/"]
    item = html.select_one("li[data-page]")
    assert isinstance(item, Tag) and item["data-page"] == "solutions/chat.md"
    # The backup: a labelled file input, and where the outcome is said.
    file_input = html.select_one("input[type=file]")
    assert isinstance(file_input, Tag)
    assert html.select_one(f"label[for={file_input['id']}]") is not None
    assert html.select_one("[role=alert]") is not None and html.select_one("[role=status]")


def test_the_page_data_says_where_each_feature_keeps_its_entries() -> None:
    page = ProgressPage("Notes", "progress/", "notes/progress/v1/", "Opened", (), DECK, MOCK)
    root = soup(render(page)).select_one("[data-progress]")
    assert isinstance(root, Tag)
    data = json.loads(str(root["data-progress"]))
    assert data == page_data(page)
    assert data["storage"] == "notes/progress/v1/" and data["file"] == "notes-progress"
    assert data["flashcards"]["storage"] == DECK.storage_prefix
    assert data["flashcards"]["sections"] == [
        {"key": "a::b", "label": "A \u203a B", "cards": "c1 c2"},
        {"key": "d::e", "label": "D", "cards": ""},
    ]
    assert data["mock"] == {"url": "../mock/", "storage": MOCK.storage_prefix, "steps": [
        {"number": 1, "name": "Clarify"}
    ]}  # fmt: skip


def test_a_site_without_flashcards_mock_or_tracked_pages_gets_the_backup_alone() -> None:
    page = ProgressPage("Notes", "progress/", "notes/progress/v1/", "Opened")
    html = soup(render(page))
    assert [b["data-block"] for b in html.select("[data-block]")] == ["backup"]
    assert headings(page) == [("Back up your progress", "backup", 2)]
    assert set(page_data(page)) == {"version", "site", "file", "storage"}


def test_texts_from_the_site_are_escaped_and_nothing_in_the_markup_runs() -> None:
    evil = '<img src=x onerror="alert(1)">'
    page = ProgressPage(
        site=f"Notes {evil}",
        page_url="progress/",
        storage_prefix="p/",
        track_title=f"Opened {evil}",
        tracked=[TrackedPage("a.md", f"A {evil}", 'a/"onmouseover="x')],
        deck=PublishedDeck("cards/", "f/", {}, (DeckSection("k", f"S {evil}", ("c",)),)),
        mock=PublishedMock("mock/", "m/", STEPS),
    )
    markup = render(page) + visit_marker("p/", f"a {evil}.md")
    assert problems(markup) == []
    html = soup(markup)
    assert evil in html.get_text()  # shown as text, never as markup
    marker = html.select_one("[data-progress-visit]")
    assert isinstance(marker, Tag) and marker.has_attr("hidden")
    assert json.loads(str(marker["data-progress-visit"])) == {
        "storage": "p/",
        "page": f"a {evil}.md",
    }
