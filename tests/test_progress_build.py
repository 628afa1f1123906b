"""This site's progress page as the build writes it: in the navigation, its blocks' headings in
the table of contents, reading the very storage and deck the flashcards and the mock interview
use, a marker on each worked solution (and on no other page), and precached for offline use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from test_offline_build import worker_config

from site_pages import built_file, built_pages, built_path, nav_pages, soup_of

PAGE = "progress.md"
ASSETS = [
    "progress.js",
    "progress-data.js",
    "progress-backup.js",
    "progress-visits.js",
    "progress-track.js",
    "styles.css",  # progress.css within it
]


def data_of(soup: BeautifulSoup, selector: str, attribute: str) -> Any:
    node = soup.select_one(selector)
    assert isinstance(node, Tag), selector
    return json.loads(str(node[attribute]))


def progress_data(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = data_of(
        soup_of(built_path(site_dir, PAGE)), ".playbook-progress", "data-progress"
    )
    return data


def test_the_page_is_in_the_nav_with_its_blocks_in_the_table_of_contents(site_dir: Path) -> None:
    assert PAGE in nav_pages()
    soup = soup_of(built_path(site_dir, PAGE))
    toc = [str(a["href"]) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    ids = ["#flashcards", "#reviews-due", "#mock-interviews", "#pages-opened", "#backup"]
    assert toc[: len(ids)] == ids
    article = soup.select_one("article")
    assert isinstance(article, Tag)
    assert all(article.select_one(anchor) is not None for anchor in ids)
    assert article.select_one("noscript") is not None, "says why it is empty without JavaScript"
    assert [level for *_, level in headings_of(soup)] == [2, 3, 2, 2, 2]


def headings_of(soup: BeautifulSoup) -> list[tuple[str, str, int]]:
    return [
        (h.get_text(), str(h["id"]), int(h.name[1]))
        for h in soup.select(".playbook-progress h2, .playbook-progress h3")
    ]


def test_the_page_reads_the_deck_and_the_storage_the_flashcards_page_studies(
    site_dir: Path,
) -> None:
    data = progress_data(site_dir)
    deck = soup_of(built_path(site_dir, "flashcards.md"))
    study = data_of(deck, ".playbook-cards-study", "data-flashcards")
    panel = deck.select_one("[data-storage-prefix]")
    assert isinstance(panel, Tag)
    assert data["flashcards"]["storage"] == panel["data-storage-prefix"]
    assert data["flashcards"]["scheduler"] == study["scheduler"]
    sections = data["flashcards"]["sections"]
    assert [(s["key"], s["label"]) for s in sections] == [
        (s["key"], s["label"]) for s in study["sections"]
    ]
    assert " ".join(s["cards"] for s in sections if s["cards"]) == study["cards"]
    assert [len(s["cards"].split()) for s in sections] == [s["size"] for s in study["sections"]]
    assert data["flashcards"]["url"] == "../flashcards/"


def test_the_page_reads_the_sessions_the_mock_interview_keeps(site_dir: Path) -> None:
    data = progress_data(site_dir)
    mock = soup_of(built_path(site_dir, "mock-interview.md")).select_one("[data-mock-interview]")
    assert isinstance(mock, Tag)
    assert data["mock"]["storage"] == mock["data-storage-prefix"]
    plan = ("number", "name", "low", "high", "timebox")
    steps = json.loads(str(mock["data-mock-data"]))["steps"]
    assert data["mock"]["steps"] == [{key: step[key] for key in plan} for step in steps]
    assert data["storage"] == "system-design-interview-playbook/progress/v1/"


def test_each_worked_solution_and_no_other_page_notes_its_visit(site_dir: Path) -> None:
    data = progress_data(site_dir)
    listed = soup_of(built_path(site_dir, PAGE)).select("li[data-page]")
    tracked = [str(item["data-page"]) for item in listed]
    solutions = [p for p in nav_pages() if p.startswith("solutions/") and p != "solutions/index.md"]
    assert tracked == solutions
    marked = {}
    for url in built_pages(site_dir):
        soup = soup_of(built_file(site_dir, url))
        marker = soup.select_one("[data-progress-visit]")
        if marker is not None:
            marked[url] = json.loads(str(marker["data-progress-visit"]))
    assert marked == {
        page.removesuffix(".md") + "/": {"storage": data["storage"], "page": page}
        for page in solutions
    }
    for item in listed:
        link = item.select_one("a[href]")
        assert isinstance(link, Tag)
        assert str(link["href"]) == "../" + str(item["data-page"]).removesuffix(".md") + "/"


def test_the_page_and_its_scripts_are_precached(site_dir: Path) -> None:
    precached = {url for url, _, precache in worker_config(site_dir)["files"] if precache}
    assert "progress/" in precached
    assert {f"assets/playbook/{name}" for name in ASSETS} <= precached
    styles = (site_dir / "assets" / "playbook" / "styles.css").read_text(encoding="utf-8")
    assert "/* progress.css */" in styles
