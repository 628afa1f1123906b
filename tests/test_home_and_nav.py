"""Where a learner starts (issue 24 item 4): the home page's first step and its way into every
tool, a one-week and a two-week plan, and a navigation grouped by what each page is for."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import Tag
from nav_tree import Entry, nav_tree, walk

from site_pages import built_path, nav_pages, normalise, page_url, site_pages, soup_of

# The site's tools: a learner finds each from the home page.
TOOLS = [
    "flow.md",
    "practice-prompts.md",
    "solutions/index.md",
    "mock-interview.md",
    "flashcards.md",
    "cheat-sheet.md",
    "numbers.md",
    "fundamentals/index.md",
]
# For contributors, not learners: at the end of the nav, and not on the home page.
AUTHORS = {"authoring.md", "plugin.md"}


def home(site_dir: Path) -> Tag:
    article = soup_of(built_path(site_dir, "index.md")).select_one("article")
    assert isinstance(article, Tag)
    return article


def section(article: Tag, heading_id: str) -> list[Tag]:
    """The elements after the H2 (or H3) ``heading_id``, up to the next heading of its level."""
    heading = article.select_one(f"#{heading_id}")
    assert isinstance(heading, Tag), f"the home page has no #{heading_id}"
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", heading.name):
            break
        found.append(sibling)
    return found


def pages_linked(elements: list[Tag], page: str = "index.md") -> list[str]:
    """The nav pages the links in ``elements`` (on ``page``) open, in order."""
    pages = {page_url(md): md for md in nav_pages()}
    here = urljoin("http://site/", page_url(page))
    linked = []
    for element in elements:
        for link in element.select("a[href]"):
            url = urljoin(here, str(link["href"])).split("#")[0].removeprefix("http://site/")
            if url in pages and not str(link["href"]).startswith("#"):
                linked.append(pages[url])
    return linked


def test_the_home_page_starts_with_what_to_do_in_the_first_hour(site_dir: Path) -> None:
    article = home(site_dir)
    first = article.select_one("h2")
    assert isinstance(first, Tag) and first.get("id") == "start-here"
    steps = next(e for e in section(article, "start-here") if e.name == "ol").select(":scope > li")
    minutes = [int(m) for step in steps for m in re.findall(r"\((\d+) minutes\)", step.get_text())]
    assert len(steps) == 4 and sum(minutes) == 60, "four steps, an hour"
    linked = pages_linked(steps)
    assert linked[0] == "flow.md"
    assert {"mock-interview.md", "flashcards.md"} <= set(linked)
    assert any(page.startswith("solutions/") for page in linked), "a worked solution"
    anchors = {str(a["href"]) for e in section(article, "start-here") for a in e.select("a")}
    assert {"#one-week", "#two-weeks", "#sections"} <= anchors


def test_the_home_page_leads_to_every_tool_and_every_section(site_dir: Path) -> None:
    """The Sections grid links every page of the nav a learner reads, the tools included; the
    pages of a group with an index page (solutions, fundamentals) through that index."""
    grid = pages_linked(section(home(site_dir), "sections"))
    assert set(TOOLS) <= set(grid)
    in_groups = {
        page
        for entry, _ in walk(nav_tree())
        if entry.is_section and entry.page
        for page in entry.pages()[1:]
    }
    expected = [page for page in nav_pages() if page not in in_groups | AUTHORS | {"index.md"}]
    assert sorted(grid) == sorted(expected), "once each"


def plan(site_dir: Path, heading_id: str) -> list[Tag]:
    lists = [e for e in section(home(site_dir), heading_id) if e.name == "ol"]
    assert len(lists) == 1, heading_id
    return lists[0].select(":scope > li")


def days_of(item: Tag) -> list[int]:
    found = re.match(r"Days? (\d+)(?:\u2013(\d+))?:", normalise(item.get_text(" ")))
    assert found, normalise(item.get_text(" "))[:40]
    first, last = int(found[1]), int(found[2] or found[1])
    return list(range(first, last + 1))


def test_a_two_week_plan_beside_the_one_week_plan(site_dir: Path) -> None:
    week = plan(site_dir, "one-week")
    assert [day for item in week for day in days_of(item)] == list(range(1, 8))
    fortnight = plan(site_dir, "two-weeks")
    assert [day for item in fortnight for day in days_of(item)] == list(range(1, 15))
    for item in fortnight:
        assert item.select("a[href]"), f"day {days_of(item)}: a concrete task on a page of the site"
    linked = set(pages_linked(fortnight))
    tools = {"mock-interview.md", "cheat-sheet.md", "numbers.md", "fundamentals/index.md"}
    assert tools <= linked
    assert any(page.startswith("solutions/") for page in linked)
    # Flashcards every day, said once above the days.
    before = section(home(site_dir), "two-weeks")[0]
    assert before.name == "p" and "flashcards.md" in pages_linked([before])


def labels(entries: list[Entry]) -> list[str | None]:
    return [entry.label for entry in entries]


def test_the_nav_groups_pages_by_what_they_are_for() -> None:
    tree = nav_tree()
    assert tree[0].page == "index.md" and tree[0].label == "Home"
    # Below Home, sections only; the authors' pages come last, out of the learners' way.
    rest = [entry for entry in tree[1:] if not set(entry.pages()) <= AUTHORS]
    assert all(entry.is_section for entry in rest), [e.label for e in rest if not e.is_section]
    assert set(tree[-1].pages()) <= AUTHORS
    assert labels(rest) == [
        "The interview",
        "Templates",
        "Going deeper",
        "Fundamentals",
        "Practice",
        "Reference",
    ]
    # A long list is a group of one kind of page, gathered by its index page; any other list
    # is short enough to take in at a glance.
    for entry, where in walk(tree):
        if not entry.is_section:
            continue
        if entry.page:
            folder = entry.page.removesuffix("index.md")
            assert all(page.startswith(folder) for page in entry.pages()), entry.label
        else:
            assert len(entry.children) <= 6, f"{' > '.join((*where, entry.label or ''))}: too long"
    practice = next(entry for entry in tree if entry.label == "Practice")
    assert [child.label for child in practice.children] == [
        "Practice prompts",
        "Worked solutions",
        "Mock interview",
        "Flashcards",
        "Progress",
    ]
    reference = next(entry for entry in tree if entry.label == "Reference")
    assert {"cheat-sheet.md", "numbers.md"} <= set(reference.pages())


def test_every_page_is_in_the_nav_once() -> None:
    pages = nav_pages()
    assert len(pages) == len(set(pages))
    built = {page_url(page) for page in pages} | {"404.html"}
    assert built == set(site_pages())
