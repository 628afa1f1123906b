"""Where a learner starts (issue 24 item 4): the home page's first step and its way into every
tool, a one-week and a two-week plan, and a navigation grouped by what each page is for."""

from __future__ import annotations

from nav_tree import Entry, nav_tree, walk

from site_pages import nav_pages, page_url, site_pages

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
    ]
    reference = next(entry for entry in tree if entry.label == "Reference")
    assert {"cheat-sheet.md", "numbers.md"} <= set(reference.pages())


def test_every_page_is_in_the_nav_once() -> None:
    pages = nav_pages()
    assert len(pages) == len(set(pages))
    built = {page_url(page) for page in pages} | {"404.html"}
    assert built == set(site_pages())
