"""Search finds what readers type: words joined by punctuation (mkdocs.yml's search separator),
each word of a calculator on its own, and words with one typo
(plugins/mkdocs_playbook/assets/search.js); the pages the build generates weigh less than the
pages they copy."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import PageWatch, open_page
from mkdocs_playbook.search.weights import generated_page_search

# Words that were joined to their neighbours by "/", "(" or "," and the pages they must be
# found on, and words that must stay whole because readers search for them as written.
MUST_FIND = {
    "kafka": {"reference-diagram/", "talk-track/"},  # "Outbox, Stream (Kafka)"
    "ulid": {"deep-dives/"},  # "Snowflake/ULID"
    "contract": {"operability/", "question-bank/", "api-data-model/"},  # "Expand/contract"
    "idempotency": {"deep-dives/", "question-bank/", "pitfalls/"},  # "dedupe/idempotency"
    "outbox": {"reference-diagram/", "deep-dives/", "architecture-checklist/"},
    "grpc": {"architecture-checklist/", "talk-track/"},  # "(REST/gRPC)"
    "waf": {"reference-diagram/", "architecture-checklist/"},  # "DNS/CDN/WAF,"
}
KEPT_WHOLE = {
    "customer_id": {"api-data-model/"},
    "order_id": {"api-data-model/"},
    "99.9%": {"trade-offs/"},
}


def text_sections(html: str) -> Iterator[str]:
    """The text between tags, as Material's search worker extracts it before splitting words."""
    start = 0
    for end, char in enumerate(html):
        if char == "<" and end > start:
            yield html[start:end]
            start = end
        elif char == ">":
            start = end + 1
    if start < len(html):
        yield html[start:]


def indexed_words(html: str, separator: re.Pattern[str]) -> Iterator[str]:
    """The words lunr indexes for one field: text split at the separator, lower-cased.

    Python's ``re`` reads the separator as JavaScript does (classes, escapes, lookahead); the
    two differ only on a few non-ASCII digits and spaces."""
    for section in text_sections(html):
        start = 0
        for match in separator.finditer(section):
            if start < match.start():
                yield section[start : match.start()].lower()
            start = max(start, match.end())
        if start < len(section):
            yield section[start:].lower()


@pytest.fixture(scope="module")
def pages_by_word(site_dir: Path) -> dict[str, set[str]]:
    """Each word of the built search index and the pages (locations without #anchor) it is on."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        for field in (doc["title"], doc["text"], *doc.get("tags", [])):
            for word in indexed_words(field, separator):
                pages.setdefault(word, set()).add(page)
    return pages


@pytest.mark.parametrize("word", [*MUST_FIND, *KEPT_WHOLE])
def test_the_index_has_each_word_on_its_pages(
    word: str, pages_by_word: dict[str, set[str]]
) -> None:
    expected = MUST_FIND.get(word) or KEPT_WHOLE[word]
    found = pages_by_word.get(word, set())
    assert expected <= found, f"{word!r} is indexed on {sorted(found)}, not on {sorted(expected)}"


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_index_keeps_each_calculator_label_apart_and_leaves_out_its_controls(
    site_dir: Path,
) -> None:
    """Material indexes a calculator as the text of its markup: each label and help text must
    stay words of their own ("Active tenants Tenants that send…"), and the units and controls
    are left out."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = normalised(" ".join(doc["text"] for doc in index["docs"]))
    assert "Active tenants Tenants that send traffic on a typical day. Average requests" in text
    checked = 0
    for path in sorted(site_dir.glob("**/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for field in soup.select("form[data-calculator] .playbook-calc-field"):
            parts = field.select("label, .playbook-calc-help")
            words = normalised(
                " ".join(html.escape(part.get_text(), quote=False) for part in parts)
            )
            assert words in text, f"{path.parent.name}: {words!r} is not indexed as words"
            checked += 1
    assert checked > 50
    for control in ("Copy link", "Byte units", "KiB, MiB, GiB (1024)"):
        assert control not in text, f"the calculators' control {control!r} is indexed"


def test_a_generated_page_keeps_the_weight_it_states() -> None:
    assert generated_page_search(None, 0.5) == {"boost": 0.5}
    assert generated_page_search({"boost": 0.8}, 0.5) == {"boost": 0.8}
    assert generated_page_search({"exclude": False}, 0.5) == {"exclude": False, "boost": 0.5}


def test_generated_pages_weigh_less_than_the_pages_they_copy(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts: dict[str, set[float | None]] = {}
    for doc in index["docs"]:
        boosts.setdefault(doc["location"].split("#")[0], set()).add(doc.get("boost"))
    generated = {
        page: boosts.pop(page) for page in ("flashcards/", "cheat-sheet/", "mock-interview/")
    }
    assert generated == {page: {0.5} for page in generated}
    assert set().union(*boosts.values()) == {None}


# In the browser, Material's own search box. The worker answers queries in the order they were
# typed; between two searches the box is emptied and its empty answer awaited, so every result on
# screen afterwards answers the next query.
RESULT = "a.md-search-result__link"


def open_search(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    # The index loads in a web worker; a query typed before it is ready is answered afterwards.
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")


def search(page: Page, query: str) -> None:
    """Search for ``query`` as one query (pasted, then a key released), after an empty one."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material reads the box when a key is released
    expect(page.locator(RESULT)).to_have_count(0)
    box.fill(query)
    box.press("End")


def result_for(location: str) -> str:
    return f'{RESULT}[href*="/{location}"]'


def first_result(page: Page) -> Locator:
    """The link of the result listed first."""
    return page.locator(f"li.md-search-result__item:first-child > {RESULT}").first


# Typos on purpose where a comment names the word meant.
SEARCHES = [
    ("kafka", ["reference-diagram/", "talk-track/"]),
    ("ULID", ["deep-dives/"]),
    ("contract", ["operability/", "question-bank/"]),
    ("idempotency", ["deep-dives/", "question-bank/"]),
    ("idempotncy", ["deep-dives/", "question-bank/", "pitfalls/"]),  # idempotency
    ("kafak", ["reference-diagram/", "talk-track/"]),  # kafka
    ("shrd", []),  # shard, but four letters are too few to guess from
]


@pytest.mark.browser
def test_search_lists_the_pages_with_each_word_and_forgives_a_typo(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    open_search(page, base_url)
    for query, locations in SEARCHES:
        search(page, query)
        if not locations:
            expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
        for location in locations:
            result = page.locator(result_for(location)).first
            expect(result, f"{query!r} lists {location}").to_be_attached()
    watch.assert_clean()


@pytest.mark.browser
def test_a_typo_is_forgiven_while_the_reader_types(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    open_search(page, base_url)
    box = page.locator("input.md-search__input")
    box.press_sequentially("kafa")
    # k, ka and kaf list the Kafka pages and kafa nothing: once nothing is listed, the next
    # results answer "kafak".
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    box.press("k")
    expect(page.locator(result_for("reference-diagram/")).first).to_be_attached()
    watch.assert_clean()


@pytest.mark.browser
def test_a_correctly_spelt_word_ranks_its_own_pages_first(
    base_url: str, light_page: tuple[Page, PageWatch], pages_by_word: dict[str, set[str]]
) -> None:
    """A few pages say "cheap" (trade-offs among them). The cheat sheet and its authoring section
    have "cheat" in their titles, one edit away, and lunr weighs a title a thousand times a
    paragraph: a fuzzy alternative for a word the index has would put them first."""
    saying_cheap = pages_by_word["cheap"]
    assert "trade-offs/" in saying_cheap and "cheat-sheet/" not in saying_cheap
    page, watch = light_page
    open_search(page, base_url)
    search(page, "cheap")
    first = first_result(page)
    pattern = "|".join(re.escape(f"/{location}") for location in sorted(saying_cheap))
    expect(first).to_have_attribute("href", re.compile(pattern))
    expect(page.locator(result_for("cheat-sheet/"))).to_have_count(0)
    watch.assert_clean()


@pytest.mark.browser
def test_a_result_opens_with_the_word_highlighted(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """Material's page highlighting reads the same separator: "Kafka" in "Stream (Kafka)"."""
    page, watch = light_page
    open_search(page, base_url)
    search(page, "kafka")
    page.locator(result_for("reference-diagram/") + '[href*="#reading-the-diagram"]').click()
    page.wait_for_url("**/reference-diagram/**")
    expect(page.locator("article mark[data-md-highlight]").first).to_have_text("Kafka")
    watch.assert_clean()


@pytest.fixture(scope="module")
def search_box(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """One page with the search open, for many queries."""
    page, watch = open_page(browser)
    open_search(page, base_url)
    yield page, watch
    page.context.close()


def listed(page: Page) -> list[str]:
    """The pages listed, in order, as site locations (``solutions/chat/``), once listed."""
    expect(first_result(page)).to_be_attached()
    links = page.locator(f"li.md-search-result__item > {RESULT}:first-child")
    base = urlparse(page.url)
    return [
        urlparse(href).path.removeprefix(base.path)
        for href in links.evaluate_all("links => links.map(link => link.href)")
    ]


def highlighted(link: str) -> list[str]:
    """The words a result's link asks its page to highlight (Material's ``?h=``)."""
    return " ".join(parse_qs(urlparse(link).query).get("h", [])).split()


def marked(page: Page) -> list[str]:
    """The words highlighted in the results, lower-cased."""
    return [text.lower() for text in page.locator(f"{RESULT} mark").all_text_contents()]


@pytest.mark.browser
def test_a_calculators_snippet_reads_as_words(search_box: tuple[Page, PageWatch]) -> None:
    page, watch = search_box
    search(page, "active tenants")
    expect(page.locator(result_for("solutions/rate-limiter/")).first).to_be_attached()
    snippets = page.locator(f"{RESULT} article").all_inner_texts()
    assert any("Active tenants Tenants that send traffic" in s for s in snippets), snippets
    assert not any("tenantsTenants" in snippet for snippet in snippets)
    watch.assert_clean()
