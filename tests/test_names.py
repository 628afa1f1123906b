"""One name and one spelling for each thing (issue 24 item 7): the nav calls a page what its H1
calls it, the home page's cards and the lists of solutions and fundamentals call each page what
the nav does, and the names are spelt the site's way (British "optimised", "fan-out").

A name may be shortened by dropping its ending, never reworded: "Solution: news feed" for
"Solution: News Feed with Write-optimised Fan-out", "8-step flow" for "8-Step Flow (timeboxed)".
The nav is in sentence case and the author's headings in title case, so case does not count.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import Tag
from nav_tree import nav_tree, walk

from site_pages import built_path, nav_pages, normalise, page_url, soup_of

# The nav labels that differ from their page's H1 on purpose, each with the reason.
DELIBERATE: dict[str, str] = {
    "index.md": "every site's nav calls its first entry Home; the H1 there is the site's name",
}
# Spellings the site does not use, in names: it writes British English and hyphenates fan-out.
NOT_OUR_SPELLING = re.compile(r"optimiz|\bfan ?out\b", re.IGNORECASE)


def title_of(site_dir: Path, page: str) -> str:
    """The page's H1 as a reader sees it, without its permalink sign."""
    heading = soup_of(built_path(site_dir, page)).select_one("article h1")
    assert isinstance(heading, Tag), f"{page} has no H1"
    heading = copy.copy(heading)
    for link in heading.select("a.headerlink"):
        link.extract()
    return normalise(heading.get_text(" "))


def is_name_of(name: str, title: str) -> bool:
    """``name`` is ``title``, or its beginning up to a subtitle (":"), a "(note)" or the words
    that qualify it ("... with a Trie", "... for Deep Study"); case aside."""
    name = re.sub(r"\s*\([^)]*\)$", "", name).casefold()
    title = re.sub(r"\s*\([^)]*\)$", "", title).casefold()
    return title == name or (title.startswith(name) and title[len(name)] in " :")


def nav_labels() -> list[tuple[str, str]]:
    """(label, page) for every page the nav names: a section with an index page names that page."""
    named = []
    for entry, _ in walk(nav_tree()):
        if entry.page and entry.label:
            named.append((entry.label, entry.page))
    return named


def test_every_nav_label_names_its_page_as_its_h1_does(site_dir: Path) -> None:
    labels = nav_labels()
    assert len(labels) >= 40
    differ = [
        f"{page}: nav {label!r}, H1 {title_of(site_dir, page)!r}"
        for label, page in labels
        if page not in DELIBERATE and not is_name_of(label, title_of(site_dir, page))
    ]
    assert differ == []


def test_the_deliberate_differences_are_few_and_still_differ(site_dir: Path) -> None:
    labels = dict((page, label) for label, page in nav_labels())
    assert len(DELIBERATE) <= 3, "a difference is the exception: name the page as its H1 does"
    for page, reason in DELIBERATE.items():
        assert reason.strip() and page in labels, page
        assert not is_name_of(labels[page], title_of(site_dir, page)), f"{page}: drop it"


def link_names(site_dir: Path, page: str, selector: str) -> list[tuple[str, str]]:
    """(link text, page linked) for the links ``selector`` finds in ``page``'s article."""
    article = soup_of(built_path(site_dir, page)).select_one("article")
    assert isinstance(article, Tag)
    pages = {page_url(md): md for md in nav_pages()}
    here = urljoin("http://site/", page_url(page))
    found = []
    for link in article.select(selector):
        url = urljoin(here, str(link["href"])).split("#")[0].removeprefix("http://site/")
        assert url in pages, f"{page} links {link['href']}, not a page of the nav"
        found.append((normalise(link.get_text(" ")), pages[url]))
    return found


# The lists that name the solutions and the fundamentals, on the pages that gather them.
LISTS = [
    ("practice-prompts.md", "table tbody td:first-child a"),
    ("practice-prompts.md", "h2#worked-solutions ~ ul a"),
    ("solutions/index.md", "h2#solutions + ul a"),
    ("solutions/index.md", "h2#concepts ~ .md-typeset__scrollwrap table tbody td:first-child a"),
    ("fundamentals/index.md", "ul a"),
]


@pytest.mark.parametrize(("page", "selector"), LISTS)
def test_the_lists_of_solutions_and_fundamentals_name_each_page_as_it_is_called(
    site_dir: Path, page: str, selector: str
) -> None:
    names = link_names(site_dir, page, selector)
    assert len(names) >= 9, names
    differ = []
    for name, target in names:
        title = title_of(site_dir, target).removeprefix("Solution: ")
        if not is_name_of(name, title):
            differ.append(f"{page} calls {target} {name!r}, its H1 is {title!r}")
    assert differ == []


def test_the_home_page_cards_use_the_nav_labels(site_dir: Path) -> None:
    labels = {page: label for label, page in nav_labels()}
    cards = link_names(site_dir, "index.md", ".grid.cards > ul > li > p:first-child > strong > a")
    assert len(cards) >= 15
    differ = [
        f"{target}: card {name!r}, nav {labels.get(target)!r}"
        for name, target in cards
        if labels.get(target) != name
    ]
    assert differ == []


def test_names_are_spelt_the_sites_way(site_dir: Path) -> None:
    """Nav labels, every heading of every page, and the names in the lists above."""
    names = [label for label, _ in nav_labels()]
    for _, page in nav_labels():
        article = soup_of(built_path(site_dir, page)).select_one("article")
        assert isinstance(article, Tag)
        names += [normalise(h.get_text(" ")) for h in article.select("h1, h2, h3, h4")]
    for page, selector in LISTS:
        names += [name for name, _ in link_names(site_dir, page, selector)]
    assert [name for name in names if NOT_OUR_SPELLING.search(name)] == []
