"""The worked solutions' index (issue 22): every solution with a line of its own, and a table of
the concepts each one exercises, so a reader can pick a prompt by what they need to practise."""

from __future__ import annotations

from pathlib import Path

from bs4 import Tag
from test_solutions import SOLUTIONS, article

from conftest import ROOT
from site_pages import nav_pages, normalise

INDEX = "solutions/index.md"
MARK = "\u2713"
MIN_CONCEPTS = 6
MIN_MARKS_PER_SOLUTION = 3


def nav_solutions() -> list[str]:
    return [page for page in nav_pages() if page.startswith("solutions/") and page != INDEX]


def href_of(page: str) -> str:
    """How the index (at solutions/) links a solution: "solutions/chat.md" -> "chat/"."""
    return page.removeprefix("solutions/").removesuffix(".md") + "/"


def section_after(article_node: Tag, heading_id: str, name: str) -> Tag:
    heading = article_node.select_one(f"h2#{heading_id}")
    assert heading is not None, f"the index has no heading #{heading_id}"
    found = heading.find_next(name)
    assert isinstance(found, Tag), f"no {name} under #{heading_id}"
    return found


def test_every_solution_in_the_nav_is_a_worked_solution_and_the_index_comes_first() -> None:
    pages = nav_pages()
    assert nav_solutions() == list(SOLUTIONS)
    assert pages.index(INDEX) < min(pages.index(page) for page in SOLUTIONS)
    prompts = (ROOT / "docs" / "practice-prompts.md").read_text(encoding="utf-8")
    assert "](solutions/index.md)" in prompts


def test_the_index_lists_every_solution_once_with_a_line_of_its_own(site_dir: Path) -> None:
    items = section_after(article(site_dir, INDEX), "solutions", "ul").select(":scope > li")
    linked = []
    for item in items:
        links = item.select("a[href]")
        assert len(links) == 1, normalise(item.get_text(" "))
        linked.append(str(links[0]["href"]))
        title = normalise(links[0].get_text(" "))
        line = normalise(item.get_text(" ")).removeprefix(title).removeprefix(":").strip()
        assert len(line.split()) >= 8, f"{title}: say in a line what the solution does"
    assert linked == [href_of(page) for page in nav_solutions()]


def test_the_concept_table_has_a_row_per_solution_and_marks_what_each_exercises(
    site_dir: Path,
) -> None:
    table = section_after(article(site_dir, INDEX), "concepts", "table")
    header = [normalise(cell.get_text(" ")) for cell in table.select("thead tr th")]
    assert header[0] == "Solution"
    concepts = header[1:]
    assert len(concepts) >= MIN_CONCEPTS and len(set(concepts)) == len(concepts)
    assert all(concepts), "every column has a header a screen reader can announce"
    rows = table.select("tbody tr")
    linked = []
    marked_columns: set[str] = set()
    for row in rows:
        first, *cells = row.select("td")
        links = first.select("a[href]")
        assert len(links) == 1
        linked.append(str(links[0]["href"]))
        marks = [normalise(cell.get_text(" ")) for cell in cells]
        assert len(marks) == len(concepts)
        assert set(marks) <= {MARK, ""}, f"{linked[-1]}: use {MARK} or leave the cell empty"
        ticked = {concept for concept, mark in zip(concepts, marks, strict=True) if mark}
        assert len(ticked) >= MIN_MARKS_PER_SOLUTION, f"{linked[-1]} exercises only {ticked}"
        marked_columns |= ticked
    assert linked == [href_of(page) for page in nav_solutions()]
    assert marked_columns == set(concepts), "a column no solution exercises is noise"


def test_the_index_explains_each_concept_column(site_dir: Path) -> None:
    page = article(site_dir, INDEX)
    table = section_after(page, "concepts", "table")
    concepts = [normalise(cell.get_text(" ")) for cell in table.select("thead th")][1:]
    explained = [
        normalise(strong.get_text(" ")).removesuffix(":")
        for strong in section_after(page, "concepts", "ul").select(":scope > li > strong")
    ]
    assert explained == concepts
