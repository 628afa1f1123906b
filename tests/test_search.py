"""Search finds what readers type and ranks what matters: words joined by punctuation (mkdocs.yml's
search separator); and, through plugins/mkdocs_playbook/assets/search.js, stop words ignored,
whole words before prefixes, a typo corrected, the pages with every word first and the generated
pages below the pages they copy. The query rewriting and the page ranking are tested without a
browser in tests/js/search-query.test.mjs; here they are measured in Chromium on the site."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import ROOT, PageWatch, close_page, open_page
from mkdocs_playbook.search.index_wait import before_material_bundle
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
        page = path.read_text(encoding="utf-8")
        if "data-calculator" not in page:
            continue  # no calculator to read, and parsing a page is slow
        soup = BeautifulSoup(page, "html.parser")
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
        page: boosts.pop(page)
        for page in ("flashcards/", "cheat-sheet/", "mock-interview/", "progress/")
    }
    assert generated == {page: {0.5} for page in generated}
    # The author's pages weigh what their front matter says (docs/plugin.md: 0.5), every section.
    for page, found in boosts.items():
        assert found == {front_matter(page).get("search", {}).get("boost")}, page


def front_matter(page: str) -> dict[str, Any]:
    """The front matter of the page at a location (``solutions/``, ``plugin/``)."""
    folder = ROOT / "docs" / page
    path = folder / "index.md" if (folder / "index.md").is_file() else folder.with_suffix(".md")
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else None
    return meta or {}


# What search.js relies on in Material: the messages between its search box and its worker, and
# the stop words its index leaves out. Read from the installed Material (its source maps carry
# the TypeScript), so an upgrade that changes them fails here, before any browser runs.
MATERIAL_PACKAGE = Path(str(getattr(find_spec("material"), "origin", ""))).parent
MATERIAL = MATERIAL_PACKAGE / "templates" / "assets" / "javascripts"
SEARCH_QUERY_JS = ROOT / "plugins" / "mkdocs_playbook" / "assets" / "search-query.js"


def material_source(name: str) -> str:
    """A file of Material's TypeScript source, from the bundle's or the worker's source map."""
    for source_map in MATERIAL.glob("**/*.min.js.map"):
        data = json.loads(source_map.read_text(encoding="utf-8"))
        for path, content in zip(data["sources"], data.get("sourcesContent", []), strict=False):
            if path.endswith(name):
                return str(content)
    raise AssertionError(f"{name} is not in Material's source maps under {MATERIAL}")


def test_materials_search_messages_are_the_ones_search_js_handles() -> None:
    message = material_source("integrations/search/worker/message/index.ts")
    enum = re.search(r"enum SearchMessageType \{(.*?)\}", message, re.S)
    assert enum is not None
    names = re.findall(r"^\s*(\w+),?", enum.group(1), re.M)
    assert names == ["SETUP", "READY", "QUERY", "RESULT"]  # search.js: QUERY = 2, RESULT = 3
    assert re.search(r"type: SearchMessageType\.QUERY\s+/\*.*\*/\s+data: string", message)
    # The box sends each query with worker.postMessage; the results are one list per page.
    assert "worker.postMessage(data)" in material_source("browser/worker/index.ts")
    assert "type: SearchMessageType.QUERY" in material_source("components/search/query/index.ts")
    result = material_source("integrations/search/_/index.ts")
    assert "items: SearchItem[][]" in result and "score: number" in result


def test_the_stop_words_are_the_ones_materials_index_leaves_out() -> None:
    worker = next(MATERIAL.glob("workers/search.*.min.js")).read_text(encoding="utf-8")
    found = re.search(r"stopWordFilter=\w+\.generateStopWordFilter\(\[([^\]]*)\]\)", worker)
    assert found is not None, "Material's worker no longer builds lunr's stop word filter"
    material = set(re.findall(r'"([^"]+)"', found.group(1)))
    source = SEARCH_QUERY_JS.read_text(encoding="utf-8")
    listed = source.split("export const STOP_WORDS", 1)[1].split(".split(", 1)[0]
    ours = set(" ".join(re.findall(r'"([^"]*)"', listed)).split())
    assert ours == material


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


# Material reads the list's scroll position once per frame: to the top in one, to the end in the
# next, so that it sees the list reach its end.
SCROLL_TO_END = """box => new Promise(done => {
  box.scrollTo(0, 0);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    box.scrollTo(0, box.scrollHeight);
    done();
  }));
})"""


def show_every_result(page: Page) -> None:
    """Material lists ten pages, then four more each time the list is scrolled to its end."""
    expect(first_result(page)).to_be_attached()
    count = re.match(r"\d+", page.locator(".md-search-result__meta").inner_text())
    total = int(count.group()) if count else 1
    items = "li.md-search-result__item"
    while (shown := page.locator(items).count()) < total:
        page.locator(".md-search__scrollwrap").evaluate(SCROLL_TO_END)
        more = "([items, shown]) => document.querySelectorAll(items).length > shown"
        page.wait_for_function(more, arg=[items, shown])


@pytest.fixture(scope="module")
def search_box(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """One page with the search open, for many queries: the index loads and is read once (the
    tests that need a page of their own are the ones about loading it or leaving it)."""
    page, watch = open_page(browser)
    open_search(page, base_url)
    yield page, watch
    close_page(page)


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
    search_box: tuple[Page, PageWatch],
) -> None:
    page, watch = search_box
    for query, locations in SEARCHES:
        search(page, query)
        if not locations:
            expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
            continue
        show_every_result(page)
        for location in locations:
            result = page.locator(result_for(location)).first
            expect(result, f"{query!r} lists {location}").to_be_attached()
    watch.assert_clean()


@pytest.mark.browser
def test_a_typo_is_forgiven_while_the_reader_types(search_box: tuple[Page, PageWatch]) -> None:
    page, watch = search_box
    # An empty box, as the reader finds it: nothing listed, and no earlier query's "No matching
    # documents" left to pass for the answer to "kafa".
    search(page, "")
    expect(page.locator(".md-search-result__meta")).not_to_have_text("No matching documents")
    box = page.locator("input.md-search__input")
    box.press_sequentially("kafa")
    # k, ka and kaf list the Kafka pages and kafa nothing: once nothing is listed, the next
    # results answer "kafak".
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    box.press("k")
    show_every_result(page)
    expect(page.locator(result_for("reference-diagram/")).first).to_be_attached()
    watch.assert_clean()


@pytest.mark.browser
def test_a_correctly_spelt_word_ranks_its_own_pages_first(
    search_box: tuple[Page, PageWatch], pages_by_word: dict[str, set[str]]
) -> None:
    """A few pages say "cheap" (trade-offs among them). The cheat sheet and its authoring section
    have "cheat" in their titles, one edit away, and lunr weighs a title a thousand times a
    paragraph: a fuzzy alternative for a word the index has would put them first."""
    saying_cheap = pages_by_word["cheap"]
    assert "trade-offs/" in saying_cheap and "cheat-sheet/" not in saying_cheap
    page, watch = search_box
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
    show_every_result(page)
    page.locator(result_for("reference-diagram/") + '[href*="#reading-the-diagram"]').click()
    page.wait_for_url("**/reference-diagram/**")
    expect(page.locator("article mark[data-md-highlight]").first).to_have_text("Kafka")
    watch.assert_clean()


# The page each term lists first (issues 22, 24 and 25): worked solutions for their key terms,
# fundamentals for their concepts.
FIRST = {
    "token bucket": "solutions/rate-limiter/",
    "fan-out on write": "solutions/news-feed/",
    "read receipt": "solutions/chat/",
    "base62": "solutions/url-shortener/",
    "trie": "solutions/typeahead/",
    "politeness": "solutions/web-crawler/",
    "APNs": "solutions/notifications/",
    "key-value store": "solutions/key-value-store/",
    "geohash": "solutions/nearby-drivers/",
    "consistent hashing": "fundamentals/partitioning/",
    "CAP theorem": "fundamentals/consistency/",
    "quorum": "fundamentals/replication/",
    "leader election": "fundamentals/consensus/",
    "bloom filter": "fundamentals/probabilistic-structures/",
    "LSM": "fundamentals/storage-engines/",
    "cache-aside": "fundamentals/caching/",
    "exactly once": "fundamentals/queues-and-streams/",
}
STATE = "() => window[Symbol.for('playbook.search')]"


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
@pytest.mark.parametrize(("query", "location"), FIRST.items())
def test_each_term_lists_its_page_first(
    query: str, location: str, search_box: tuple[Page, PageWatch]
) -> None:
    page, watch = search_box
    search(page, query)
    expect(first_result(page), f"{query!r} lists {location} first").to_have_attribute(
        "href", re.compile(f"/{re.escape(location)}\\?")
    )
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "words"), [("how to shard", ("shard",)), ("back of envelope", ("back", "envelope"))]
)
def test_stop_words_are_ignored(
    query: str, words: tuple[str, ...], search_box: tuple[Page, PageWatch]
) -> None:
    """ "to" and "of" are in no page's index (Material leaves stop words out), so they used to
    match as the start of other words: "token", "offline"."""
    page, watch = search_box
    search(page, query)
    expect(first_result(page)).to_be_attached()
    assert all(text.startswith(words) for text in marked(page)), marked(page)
    # What each result highlights on its page (Material's ?h=): the words, never "to" or "of".
    links = page.locator(RESULT).evaluate_all("links => links.map(link => link.href)")
    assert {word for link in links for word in highlighted(link)} == set(words)
    watch.assert_clean()


@pytest.mark.browser
def test_a_finished_word_matches_whole_words_only(search_box: tuple[Page, PageWatch]) -> None:
    page, watch = search_box
    search(page, "CAP theorem")
    expect(first_result(page)).to_have_attribute("href", re.compile("/fundamentals/consistency/"))
    assert "capacity-estimation/" not in listed(page)
    assert all(text in ("cap", "theorem") for text in marked(page)), marked(page)
    # The word still being typed matches the words it starts.
    search(page, "CAP theo")
    expect(first_result(page)).to_have_attribute("href", re.compile("/fundamentals/consistency/"))
    watch.assert_clean()


@pytest.mark.browser
def test_a_corrected_typo_is_not_listed_as_missing(search_box: tuple[Page, PageWatch]) -> None:
    page, watch = search_box
    search(page, "idempotncy")
    for location in ("deep-dives/", "question-bank/", "pitfalls/"):
        expect(page.locator(result_for(location)).first).to_be_attached()
    expect(page.locator(".md-search-result__terms")).to_have_count(0)
    assert marked(page) and all(text.startswith("idempoten") for text in marked(page))
    watch.assert_clean()


@pytest.mark.browser
def test_pages_with_every_word_come_before_pages_with_one_of_them(
    search_box: tuple[Page, PageWatch],
) -> None:
    """The consensus page says "fencing token" in a heading and many times over, and no
    "bucket": it used to come first for "token bucket"."""
    page, watch = search_box
    search(page, "token bucket")
    show_every_result(page)
    pages = listed(page)
    assert pages[0] == "solutions/rate-limiter/" and "fundamentals/consensus/" in pages
    assert pages.index("fundamentals/consensus/") > pages.index("practice-prompts/"), pages
    watch.assert_clean()


@pytest.mark.browser
def test_the_flashcards_come_after_the_page_each_card_comes_from(
    search_box: tuple[Page, PageWatch],
) -> None:
    """The flashcards page repeats every card, and each of its sections is titled with its
    source page's title."""
    page, watch = search_box
    for query, source in (
        ("Why is the token bucket a Lua script in Redis?", "solutions/rate-limiter/"),
        ("trie", "solutions/typeahead/"),
        ("leader election", "fundamentals/consensus/"),
        ("Terms to define if asked", "operability/"),
        # A word of the page's title and one of its sections: the flashcards' section has both in
        # one place, titled with that page's title.
        ("kafka streams", "fundamentals/queues-and-streams/"),
        # "index" is in the title of the web crawler's flashcards: it must not add up with the
        # storage engines' cards, which have both words.
        ("What is a covering index?", "fundamentals/storage-engines/"),
    ):
        search(page, query)
        pages = listed(page)
        assert source in pages and "flashcards/" in pages, (query, pages)
        assert pages.index(source) < pages.index("flashcards/"), (query, pages)
    watch.assert_clean()


@pytest.mark.browser
def test_a_calculators_snippet_reads_as_words(search_box: tuple[Page, PageWatch]) -> None:
    page, watch = search_box
    search(page, "active tenants")
    expect(page.locator(result_for("solutions/rate-limiter/")).first).to_be_attached()
    snippets = page.locator(f"{RESULT} article").all_inner_texts()
    assert any("Active tenants Tenants that send traffic" in s for s in snippets), snippets
    assert not any("tenantsTenants" in snippet for snippet in snippets)
    watch.assert_clean()


@pytest.mark.browser
def test_the_wrapper_sees_materials_query_and_result_messages(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """search.js reads Material's messages by their shape: if a new Material sends its queries
    or its results differently, the wrapper sees none of them and this fails."""
    page, watch = light_page
    open_search(page, base_url)
    # The empty query Material sends as the page loads goes as it came: no page reads the
    # index's words (a long task on a phone) before the reader searches.
    page.wait_for_function(f"{STATE}.results === 1")
    assert page.evaluate(STATE) == {"queries": 1, "results": 1, "sent": "", "indexRead": False}
    search(page, "quorum")
    expect(first_result(page)).to_have_attribute("href", re.compile("/fundamentals/replication/"))
    # Two queries (the empty one, then "quorum"), each rewritten, and their two results ranked.
    assert page.evaluate(STATE) == {"queries": 2, "results": 2, "sent": "quorum", "indexRead": True}
    # Each page's scores follow it: the highest is in the page listed first, which Enter opens.
    scores = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(item => Math.max(...[...item.querySelectorAll('article')]"
        ".map(article => parseFloat(article.dataset.mdScore))))"
    )
    assert scores[0] == max(scores), scores
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/fundamentals/replication/**")
    watch.assert_clean()


def test_the_index_waiting_script_goes_just_before_materials_bundle() -> None:
    page = '<p>x</p>\n  <script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert before_material_bundle(page, "assets/playbook/wait.js") == (
        '<p>x</p>\n  <script src="../assets/playbook/wait.js"></script>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    )
    # 404.html links the bundle from the site's path; a page with no bundle is left as it is.
    absolute = '<script src="/docs/assets/javascripts/bundle.0f1e2d3c.min.js"></script>'
    assert before_material_bundle(absolute, "a.js").startswith('<script src="/docs/a.js">')
    assert before_material_bundle("<p>no theme script</p>", "a.js") == "<p>no theme script</p>"


INDEX_URL = "/search/search_index.json"
INDEX_REQUESTS = f"""() => {{
  const load = performance.getEntriesByType("navigation")[0].loadEventEnd;
  return performance.getEntriesByType("resource")
    .filter(e => e.name.endsWith("{INDEX_URL}"))
    .map(e => ({{by: e.initiatorType, afterLoad: load > 0 && e.startTime >= load,
                downloaded: e.transferSize, size: e.encodedBodySize}}));
}}"""
INDEX_WAIT = "() => window[Symbol.for('playbook.searchIndexWait')]"


@pytest.mark.browser
def test_the_index_is_downloaded_after_the_load_and_built_only_for_a_reader_who_searches(
    browser: Browser, base_url: str
) -> None:
    """Material's bundle asks for the search index as it runs, and its worker builds the whole
    index from it (0.25 s of CPU here, on every page load). search-index-wait.js fetches the
    file's bytes once the page has loaded and the browser is idle, and hands the index to
    Material only when a reader reaches for search: then Material's request is answered from the
    browser's cache. If Material requests its index some other way, it goes early and this fails."""
    page, watch = open_page(browser, phone=True)
    page.goto(base_url + "pitfalls/")
    page.wait_for_function(f"() => ({INDEX_WAIT})().prefetched")
    prefetched = page.evaluate(INDEX_REQUESTS)
    assert [(r["by"], r["afterLoad"]) for r in prefetched] == [("fetch", True)], prefetched
    assert prefetched[0]["downloaded"] > 0
    assert page.evaluate(INDEX_WAIT)["handedOver"] is None, "Material has the index already"
    page.tap('label[for="__search"]')
    assert page.evaluate(INDEX_WAIT)["handedOver"] == "search"
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing")
    # From the cache, or revalidated (a 304: headers only) where the server sets no lifetime.
    material = page.evaluate(INDEX_REQUESTS)[1]
    assert material["by"] == "xmlhttprequest" and material["downloaded"] < 1_000, material
    search(page, "idempotency")
    expect(page.locator(result_for("deep-dives/")).first).to_be_attached()
    watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("reach", ["key", "pointer"])
def test_a_reader_turning_to_search_gets_the_index_at_once(
    browser: Browser, base_url: str, reach: str
) -> None:
    """Reaching for search hands Material its index whether or not the bytes were fetched: in
    this page the browser is never idle (requestIdleCallback never calls back), and the index is
    requested when "/" focuses the box, or when the pointer comes onto the search box."""
    page, watch = open_page(browser)
    page.add_init_script("window.requestIdleCallback = () => 0")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "pitfalls/", wait_until="load")
    assert not [url for url in requested if url.endswith(INDEX_URL)], "fetched before search"
    with page.expect_request(lambda request: request.url.endswith(INDEX_URL)):
        if reach == "key":
            page.keyboard.press("/")
        else:
            page.hover("form[name=search]")
    assert page.evaluate(INDEX_WAIT) == {"prefetched": False, "handedOver": "search"}
    page.keyboard.press("/")
    search(page, "quorum")
    expect(first_result(page)).to_have_attribute("href", re.compile("/fundamentals/replication/"))
    watch.assert_clean()
