"""The worked solutions and the numbers page (issue 12), read from the session's built site.

Each solution walks flow.md's eight steps in order with their timeboxes, sizes its system with a
calculator whose defaults are numbers quoted in the prose, draws a diagram in the reference
diagram's vocabulary and ends with a question bank the deck picks up. The numbers page gives
every row an anchor the solutions link to, and its arithmetic is checked here.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from built_articles import article as article  # test_solutions_index reads it from here
from built_articles import article_copy, assert_diagrams_drawn_in_both_palettes, page_soup
from flashcard_sites import deck_json
from playwright.sync_api import Browser, Page, expect
from test_mock_interview_build import mock_data
from test_search import first_result, open_search, search

from conftest import ROOT, PageWatch, close_page, open_page
from mkdocs_playbook.calculators.units import UNITS, parse_number
from site_pages import nav_pages, normalise, soup_of

# Each solution and a term a reader searches for that must find it.
SOLUTIONS = {
    "solutions/rate-limiter.md": "token bucket",
    "solutions/news-feed.md": "fan-out on write",
    "solutions/chat.md": "read receipt",
    "solutions/url-shortener.md": "base62",
    "solutions/typeahead.md": "trie",
    "solutions/web-crawler.md": "politeness",
    "solutions/notifications.md": "apns",
    # Not "quorum": that concept search belongs to the Fundamentals page on replication (issue 25).
    "solutions/key-value-store.md": "key-value store",
    "solutions/nearby-drivers.md": "geohash",
}
AFTER_THE_STEPS = ["Pitfalls this prompt invites", "60-second close", "Question bank"]
# Boxes every architecture drawing keeps from the reference diagram (docs/reference-diagram.md).
REFERENCE_VOCABULARY = [
    'U["Users/Clients"]',
    "Edge: DNS",
    'K["Stream (Kafka)"]',
    "Outbox",
    'O1["Outbox relay"]',
]
REFERENCE_OBSERVABILITY = ["subgraph Observability", 'M["Metrics"]', 'T["Tracing"]', 'LG["Logs"]']
MIN_WORDS = 1500


def flow_steps() -> list[str]:
    """The eight step headings of docs/flow.md as written there: "1. Clarify ... (2-3 min)",
    with an en dash between the minutes."""
    text = (ROOT / "docs" / "flow.md").read_text(encoding="utf-8")
    steps = re.findall(r"^## (\d\. .+? \(\d+\u2013\d+ min\))", text, re.M)
    assert len(steps) == 8, steps
    return steps


def headings(text: Tag, level: str) -> list[str]:
    """The text of the article's headings of one level, without their permalink sign (taken
    out of ``text``: pass a copy)."""
    found = []
    for heading in text.select(level):
        for link in heading.select("a.headerlink"):
            link.extract()
        found.append(normalise(heading.get_text(" ")))
    return found


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_solution_is_in_the_nav_and_linked_from_the_practice_prompts(page: str) -> None:
    nav = nav_pages()
    assert page in nav and nav.index(page) > nav.index("practice-prompts.md")
    prompts = (ROOT / "docs" / "practice-prompts.md").read_text(encoding="utf-8")
    assert f"]({page})" in prompts


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_eight_steps_come_in_order_with_their_timeboxes(site_dir: Path, page: str) -> None:
    sections = headings(article_copy(site_dir, page), "h2")
    steps = [heading for heading in sections if re.match(r"\d\. ", heading)]
    assert len(steps) == 8, sections
    for heading, step in zip(steps, flow_steps(), strict=True):
        assert heading.startswith(step), f"{heading!r} should start with {step!r}"
    assert sections == steps + AFTER_THE_STEPS


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_prose_has_at_least_1500_words(site_dir: Path, page: str) -> None:
    """Words a reader reads: calculators, drawings and code do not count."""
    text = article_copy(site_dir, page)
    for widget in text.select("form[data-calculator], [data-diagram], pre"):
        widget.extract()
    words = [word for word in text.get_text(" ").split() if re.search(r"\w", word)]
    assert len(words) >= MIN_WORDS, f"{page}: {len(words)} words"


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_calculator_defaults_are_numbers_the_prose_quotes(site_dir: Path, page: str) -> None:
    text = article(site_dir, page)
    calculators = text.select("form[data-calculator]")
    assert calculators, f"{page} has no calculator"
    shown: dict[str, str] = {}
    inputs: set[str] = set()
    for form in calculators:
        outputs = form.select("output[name]")
        assert len(outputs) >= 5
        for output in outputs:
            value = float(str(output["data-value"]))
            assert math.isfinite(value) and value > 0, output
            shown[f"{form['data-calculator']}.{output['name']}"] = normalise(output.get_text(" "))
        inputs |= {f"{form['data-calculator']}.{field['name']}" for field in form.select("input")}
    references = text.select("[data-ref]")
    results = [ref for ref in references if str(ref["data-ref"]) not in inputs]
    assert len(results) >= 8, f"{page}: the prose quotes too few calculated figures"
    for reference in references:
        name = str(reference["data-ref"])
        if name in inputs:  # an input quoted as the calculator formats its default
            assert math.isfinite(float(str(reference["data-value"]))), name
        else:
            assert normalise(reference.get_text(" ")) == shown[name], name
    quoted = {str(reference["data-ref"]) for reference in results}
    assert len(quoted) >= 6, f"{page}: quote more of the calculator's results"


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_architecture_is_drawn_from_the_reference_diagram(site_dir: Path, page: str) -> None:
    assert_diagrams_drawn_in_both_palettes(page, article(site_dir, page))
    source = (ROOT / "docs" / page).read_text(encoding="utf-8")
    fence = re.search(r"^```mermaid\n(.*?)^```", source, re.M | re.S)
    assert fence is not None
    lines = fence[1].splitlines()
    assert lines[0] == "graph TD" and "accTitle:" in lines[1] and "accDescr:" in lines[2]
    missing = [box for box in REFERENCE_VOCABULARY + REFERENCE_OBSERVABILITY if box not in fence[1]]
    assert missing == []


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_outbox_is_in_the_database_and_the_l7_load_balancer_fronts_the_gateway(
    page: str,
) -> None:
    """The brief's drawing rules (issue 21): the outbox lives in the service's database, written
    in the business row's transaction, and a relay publishes it, so the stream is fed by the
    database and never by the service directly; TLS ends at the L7 load balancer in front of the
    API gateway fleet, wherever there is one."""
    source = (ROOT / "docs" / page).read_text(encoding="utf-8")
    fence = re.search(r"^```mermaid\n(.*?)^```", source, re.M | re.S)
    assert fence is not None
    drawing = fence[1]
    feeder = re.search(r"^\s*(\w+) --> O1\b", drawing, re.M)
    assert feeder is not None, "something feeds the outbox relay"
    database = re.search(rf'\b{feeder[1]}\[\("([^"]*)"\)\]', drawing)
    assert database is not None, "the relay reads a database (a cylinder), not a service"
    assert "outbox" in database[1].lower(), "the outbox is drawn inside the database"
    assert re.search(r'O1\["Outbox relay"\] --> K\b', drawing), "the relay feeds the stream"
    gateway = re.search(r'(\w+)\["API Gateway', drawing)
    if gateway is not None:
        assert re.search(rf"^\s*L7 --> {gateway[1]}\b", drawing, re.M), "L7 is in front"
        assert re.search(r'^\s*E --> L7\["L7 Load Balancer"\]', drawing, re.M)
        assert not re.search(rf"^\s*{gateway[1]} --> L7", drawing, re.M), "L7 sits in front"


@pytest.mark.parametrize("page", SOLUTIONS)
def test_each_deep_dive_states_its_trade_off(site_dir: Path, page: str) -> None:
    source = (ROOT / "docs" / page).read_text(encoding="utf-8")
    dives = re.split(r"^## ", source, flags=re.M)
    for number in (6, 7):
        dive = next(section for section in dives if section.startswith(f"{number}. Deep dive"))
        assert re.search(r"\*\*We can choose .+ or .+\.\*\*", dive), f"deep dive {number}"
        assert "Given " in dive and "I'd " in dive, f"deep dive {number}: say what you'd pick"


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_question_bank_is_in_the_deck_with_its_section_name(site_dir: Path, page: str) -> None:
    text = article(site_dir, page)
    bank = text.select_one("h2#question-bank + dl")
    assert bank is not None, f"{page}: the question bank is a definition list under its heading"
    terms = [normalise(term.get_text(" ")) for term in bank.select("dt")]
    assert len(terms) >= 5
    deck = deck_json(site_dir)
    key = page.removesuffix(".md").replace("/", "-") + "::question-bank"
    section = next(s for s in deck["sections"] if s["key"] == key)
    title = normalise(text.select("h1")[0].get_text(" ").removesuffix("\u00b6"))
    assert section["label"] == f"{title} \u203a Question bank"
    assert section["url"] == page.removesuffix(".md") + "/#question-bank"
    cards = [normalise(c["front"]) for c in deck["cards"] if c["section"] == key]
    assert cards == terms


@functools.cache
def indexed_texts(site_dir: Path) -> dict[str, list[str]]:
    """The search index's entries as lower-case text, by the page they are on (read once: the
    index is large)."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, list[str]] = {}
    for doc in index["docs"]:
        text = BeautifulSoup(doc["title"] + " " + doc["text"], "html.parser").get_text(" ")
        texts.setdefault(doc["location"].split("#")[0], []).append(text.lower())
    return texts


@pytest.mark.parametrize(("page", "term"), SOLUTIONS.items())
def test_the_search_index_has_each_term_on_its_solution(
    site_dir: Path, page: str, term: str
) -> None:
    texts = indexed_texts(site_dir).get(page.removesuffix(".md") + "/", [])
    assert any(term in normalise(text) for text in texts), f"{term!r} is not indexed on {page}"


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """One page with the search open and its index loaded, for every solution's query
    (``search`` clears the previous query's results first)."""
    page, watch = open_page(browser)
    open_search(page, base_url)
    yield page, watch
    close_page(page)


@pytest.mark.browser
@pytest.mark.parametrize(("solution", "term"), SOLUTIONS.items())
def test_search_lists_each_solution_first_for_its_term(
    search_page: tuple[Page, PageWatch], solution: str, term: str
) -> None:
    page, watch = search_page
    search(page, term)
    location = solution.removesuffix(".md") + "/"
    first = first_result(page)
    expect(first, f"{term!r} lists {solution} first").to_have_attribute(
        "href", re.compile(f"/{re.escape(location)}")
    )
    watch.assert_clean()


# The input each solution's numbers grow from, and a value that changes every quoted figure
# but those that do not depend on how many users there are (per post, per server).
SAME_FOR_ANY_NUMBER_OF_USERS = {
    "feed.read_write",
    "feed.entry_bytes",
    "chat.box_memory",
    "chat.gateway_frames",
    "chat.gateway_load",
}
SAME_FOR_ANY_NUMBER_OF_USERS |= {"short.id_space", "short.n50"}
SAME_FOR_ANY_NUMBER_OF_USERS |= {"ta.trie_nodes", "ta.index_bytes", "ta.ram_util", "ta.load_s"}
SAME_FOR_ANY_NUMBER_OF_USERS |= {"crawl.host_day", "crawl.big_host_days", "kv.stored"}
SAME_FOR_ANY_NUMBER_OF_USERS |= {
    "ride.trips_peak",
    "ride.claims",
    "ride.eta_calls",
    "ride.map_reads",
}
# The values are chosen so that no quoted figure lands where rounding hides the change: 400M
# autocomplete users need exactly 60% of 35 servers, and 20B or 8B crawled pages repeat the
# URL database's utilisation exactly. The key-value store's first quoted figure is its traffic,
# which the test needs to move first.
GROWTH_INPUT = {
    "solutions/rate-limiter.md": ("rl", "tenants", "80K"),
    "solutions/news-feed.md": ("feed", "dau", "400M"),
    "solutions/chat.md": ("chat", "dau", "300M"),
    "solutions/url-shortener.md": ("short", "links_day", "80M"),
    "solutions/typeahead.md": ("ta", "dau", "300M"),
    "solutions/web-crawler.md": ("crawl", "pages", "12.5B"),
    "solutions/notifications.md": ("notify", "users", "80M"),
    "solutions/key-value-store.md": ("kv", "rps", "1M"),
    "solutions/nearby-drivers.md": ("ride", "drivers", "4M"),
}


def test_every_solution_has_an_input_its_numbers_grow_from() -> None:
    assert list(GROWTH_INPUT) == list(SOLUTIONS)


# Every quote of one calculator in the article ([data-ref, data-value, text]) and what its
# outputs show ({name: [text, data-value]}), read in one call.
QUOTES = """(ident) => ({
  refs: [...document.querySelectorAll(`article [data-ref^="${ident}."]`)]
    .map((ref) => [ref.dataset.ref, ref.dataset.value, ref.textContent]),
  outputs: Object.fromEntries(
    [...document.querySelectorAll(`form[data-calculator="${ident}"] output[name]`)]
      .map((output) => [output.name, [output.textContent, output.dataset.value]])),
})"""


ALL_CALCULATORS_READY = "!document.querySelector('form[data-calculator]:not([data-ready])')"


@pytest.fixture(scope="module")
def opened_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[tuple[Page, PageWatch, str]]:
    """One page with live prose, loaded once for both typing tests that read it (pytest runs a
    module-scoped parameter's tests together): a solution page lays out a long article."""
    md_page: str = request.param
    page, watch = open_page(browser)
    page.goto(base_url + md_page.removesuffix(".md") + "/")
    page.wait_for_function(ALL_CALCULATORS_READY)
    yield page, watch, md_page
    close_page(page)


@pytest.fixture
def prose_page(opened_page: tuple[Page, PageWatch, str]) -> tuple[Page, PageWatch, str]:
    """The page at its defaults: a test that typed resets its calculator; one that failed before
    it could is reloaded from here (its typing is in the address)."""
    page, _, _ = opened_page
    if page.evaluate("location.search"):
        page.goto(page.url.split("?")[0])
        page.wait_for_function(ALL_CALCULATORS_READY)
    return opened_page


@pytest.mark.browser
@pytest.mark.parametrize("opened_page", SOLUTIONS, indirect=True)
def test_typing_into_a_solutions_calculator_updates_the_figures_its_prose_quotes(
    prose_page: tuple[Page, PageWatch, str],
) -> None:
    page, watch, solution = prose_page
    ident, name, value = GROWTH_INPUT[solution]
    before = [text for _, _, text in page.evaluate(QUOTES, ident)["refs"]]
    page.locator(f'form[data-calculator="{ident}"] input[name="{name}"]').fill(value)
    expect(page.locator(f'article [data-ref^="{ident}."]').first).not_to_have_text(before[0])
    after = page.evaluate(QUOTES, ident)  # the quotes and the outputs, read in one call
    for (quoted, _, text), old in zip(after["refs"], before, strict=True):
        output = quoted.split(".", 1)[1]
        # An input quoted in the prose: only the one typed into moves.
        if output not in after["outputs"]:
            assert (text != old) == (output == name), f"{solution}: {output}"
            continue
        assert text == after["outputs"][output][0], f"{solution}: {output}"
        assert quoted in SAME_FOR_ANY_NUMBER_OF_USERS or text != old, quoted
    # Back to the defaults for the next test on this page.
    page.locator(f'form[data-calculator="{ident}"]').get_by_role("button", name="Reset").click()
    watch.assert_clean()


# Every input of every calculator on these pages, typed into one at a time (issue 24, item 2):
# each sentence quoting that input shows the typed value, each quoted result equals what the
# calculator shows, and a quoted result changes exactly when it depends on the input.
PAGES_WITH_LIVE_PROSE = [*SOLUTIONS, "capacity-estimation.md"]
# (calculator, input) -> a value to type instead of the default-derived one, where that one
# would leave every dependent result where it was.
TYPED = {
    # Past the default threshold a 200-entry feed is a skiplist: every memory figure jumps.
    ("feed", "listpack_max"): "128",
    # The share the prose asks the reader to try: the busiest tenant outgrows its own shard.
    ("rl", "top_share"): "10",
    # Autocomplete: 18 servers are the redundancy floor (3 regions x 6) over a load that needs 9;
    # these values make load need more than the floor, so the fleet follows the input too.
    ("ta", "dau"): "300000000",
    ("ta", "searches"): "14",
    ("ta", "cdn_hit"): "20",  # a CDN that keeps only the shortest prefixes
    ("ta", "server_rps"): "4000",
    # One more region, or three servers a zone, raises the floor past the 25 servers a fleet
    # without the CDN needs, so that figure follows the floor.
    ("ta", "regions"): "5",
    ("ta", "per_region_min"): "9",
    # 13.7% leaves the load at 8.4 servers, still 9 once rounded up; 5% needs 10.
    ("ta", "browser_hit"): "5",
    # At 27.4% discovery the seen-URL lookups need 6.6 shards, still 7 once rounded up; 10% needs 6.
    ("crawl", "discovery"): "10",
    # Push senders are sized by average traffic plus the campaign pace, which is the FCM quota
    # at the target (the average cancels out): 12K/s. The daily peak passes it, and adds a
    # sender only past 12.6K/s (14 senders at 60% of 1.5K/s): 1.4x the default traffic.
    ("notify", "users"): "80000000",
    ("notify", "per_user"): "8",
    ("notify", "peak_factor"): "4.5",
    ("notify", "devices"): "2",  # a phone and a tablet
    # Below 45% the daily peak, not the quota, sets the senders (above it the target cancels).
    ("notify", "util"): "40",
    # 1.37% SMS adds 0.3% to the delivery-store writes, not enough for an eighth shard.
    ("notify", "sms_share"): "3",
    # The key-value store's nodes are set by operations (30) over disk (17 at 60% of 4 TB);
    # twice the data, or half the disk, makes disk set them (33).
    ("kv", "keys"): "20000000000",
    ("kv", "entry_bytes"): "2000",
    ("kv", "disk_per_node"): "2000000000000",
}
# (calculator, input): results that depend on the input on paper but cannot move at the
# defaults, with the reason.
DEPENDENT_BUT_STILL = {
    # Feeds fit the compact encoding at the defaults, so the skiplist size is not used.
    ("feed", "skiplist_bytes"): {"entry_bytes", "feed_memory", "cache_nodes", "node_load"},
    # Load passes the 18-server redundancy floor only at about twice the default traffic:
    # - 16.5 requests a search would be more than one per keystroke (about 12);
    ("ta", "per_search"): {"fleet"},
    # - a busiest minute over 6.2x the daily average is not a global service's day;
    ("ta", "peak_factor"): {"fleet"},
    # - even with no browser cache at all, load needs 10 servers;
    ("ta", "browser_hit"): {"fleet"},
    # - only a target under 29% would need more than 18 servers (and the fleet's utilisation
    #   does not depend on the target while the floor holds).
    ("ta", "target"): {"fleet", "fleet_util"},
    # Even all-push traffic peaks at 11.3K/s, under the 12K/s of average plus campaign pace,
    # and that sum does not depend on the push share (the average cancels out).
    ("notify", "push_share"): {"sender_need", "senders", "sender_util"},
    # Disk sets the key-value store's nodes only past 2.4x space amplification; size-tiered
    # compaction stays under 2, so the node count and what divides by it stay with operations.
    ("kv", "space_amp"): {
        "nodes",
        "ops_util",
        "zone_util",
        "hot_node_util",
        "hint_bytes",
        "bloom_per_node",
        "disk_write_rate",
        "endurance_use",
    },
}


def typed_value(spec_input: dict[str, object]) -> str:
    """The default times 1.3719 (times 0.6281 where that would pass its maximum), written the
    way a reader types it: a percentage as its number of percent, anything else in base units."""
    unit_json = spec_input["unit"]
    assert isinstance(unit_json, dict)
    unit = next(
        u for u in UNITS.values() if u.kind == unit_json["kind"] and u.label == unit_json["label"]
    )
    default = parse_number(str(spec_input["defaultText"]), unit)
    bound = spec_input.get("max")
    value = default * 1.3719
    if isinstance(bound, (int, float)) and value > bound:
        value = default * 0.6281
    shown = value * 100 if unit.kind == "percent" else value
    return format(Decimal(repr(shown)).normalize(), "f")


# For each calculator ([ident, [[input, text], ...]]), its quotes at the defaults, then for each
# input the quotes once the text is typed in and once Reset is pressed: in one call, firing the
# events a reader's typing (input) and press (click) fire, in the order a reader would.
TYPE_EACH_INPUT = (
    "(calculators) => { const quotes = "
    + QUOTES
    + """;
  return calculators.map(([ident, typings]) => {
    const form = document.querySelector(`form[data-calculator="${ident}"]`);
    const reset = [...form.querySelectorAll("button")].find((b) => b.textContent === "Reset");
    const before = quotes(ident);
    return [before, typings.map(([name, text]) => {
      const field = form.querySelector(`input[name="${name}"]`);
      field.value = text;
      field.dispatchEvent(
        new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
      const after = quotes(ident);
      reset.click();
      return [after, quotes(ident)];
    })];
  });
}"""
)
SPECS = "[...document.querySelectorAll('article form[data-calculator]')].map(f => f.dataset.spec)"


@pytest.mark.browser
@pytest.mark.parametrize("opened_page", PAGES_WITH_LIVE_PROSE, indirect=True)
def test_typing_into_each_input_changes_every_sentence_that_quotes_it(
    prose_page: tuple[Page, PageWatch, str],
) -> None:
    page, watch, md_page = prose_page
    specs = [json.loads(spec) for spec in page.evaluate(SPECS)]
    typings = [
        [
            spec["id"],
            [
                [item["name"], TYPED.get((spec["id"], item["name"])) or typed_value(item)]
                for item in spec["inputs"]
            ],
        ]
        for spec in specs
    ]
    typed_pages = page.evaluate(TYPE_EACH_INPUT, typings)
    quoted_inputs = 0
    problems: list[str] = []
    for spec, (_, typed_texts), (before, typed_results) in zip(
        specs, typings, typed_pages, strict=True
    ):
        ident = spec["id"]
        inputs = {item["name"] for item in spec["inputs"]}
        deps = {output["name"]: set(output["deps"]) for output in spec["outputs"]}
        for item, (name, typed), (after, reset) in zip(
            spec["inputs"], typed_texts, typed_results, strict=True
        ):
            field_value = float(typed) / (100 if item["unit"]["kind"] == "percent" else 1)
            still = DEPENDENT_BUT_STILL.get((ident, name), set())
            assert [quote[0] for quote in after["refs"]] == [quote[0] for quote in before["refs"]]
            for (quoted, old, _), (_, value, text) in zip(
                before["refs"], after["refs"], strict=True
            ):
                target = quoted.split(".", 1)[1]
                where = f"{md_page}: typing {typed} into {ident}.{name} and [={quoted}]"
                if target in inputs:
                    if target == name:
                        quoted_inputs += 1
                        if not value or float(value) != pytest.approx(field_value):
                            problems.append(f"{where}: shows {value}")
                    elif value != old:
                        problems.append(f"{where}: another input's quote moved")
                    continue
                if [text, value] != after["outputs"][target]:
                    problems.append(f"{where}: the prose differs from the calculator")
                moves = name in deps[target] and target not in still
                if (value != old) != moves:
                    problems.append(f"{where}: {'did not change' if moves else 'changed'}")
            assert reset == before, f"{ident}: Reset restores the prose"
    assert problems == []
    assert quoted_inputs >= 5, f"{md_page}: the prose quotes too few of its assumptions"
    watch.assert_clean()


# --- The numbers page ----------------------------------------------------------------------


def numbers_table(site_dir: Path, section: str) -> list[list[str]]:
    """The body rows of the first table under the numbers page's ``section`` heading."""
    heading = page_soup(site_dir, "numbers.md").select_one(f"h2#{section}")
    assert heading is not None, section
    table = heading.find_next("table")
    assert isinstance(table, Tag)
    return [
        [normalise(cell.get_text(" ")) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def number(text: str) -> float:
    """The first number in a cell: "1,024" -> 1024, "8.76 hours" -> 8.76."""
    found = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    assert found is not None, text
    return float(found[0].replace(",", ""))


def test_every_row_of_the_numbers_page_has_its_own_anchor(site_dir: Path) -> None:
    rows = page_soup(site_dir, "numbers.md").select("article table tbody tr")
    assert len(rows) >= 35
    ids = []
    for row in rows:
        anchor = row.select_one("td:first-child [id]")
        assert anchor is not None, f"no anchor in {normalise(row.get_text(' '))!r}"
        ids.append(anchor["id"])
    assert len(set(ids)) == len(ids)


def test_the_latency_figures_name_their_hardware_era(site_dir: Path) -> None:
    text = normalise(article(site_dir, "numbers.md").get_text(" "))
    assert "2020s" in text and "NVMe" in text and "order of magnitude" in text
    latency = {row[0]: row[1] for row in numbers_table(site_dir, "latency")}
    assert latency["Main memory reference"] == "100 ns"
    assert latency["L1 cache reference"] == "1 ns"


@pytest.mark.parametrize("page", SOLUTIONS)
def test_the_solutions_link_rows_of_the_numbers_page_that_exist(site_dir: Path, page: str) -> None:
    numbers = page_soup(site_dir, "numbers.md")
    links = [
        str(link["href"]) for link in article(site_dir, page).select('a[href^="../../numbers/#"]')
    ]
    assert len(links) >= 2, f"{page} should link the numbers it uses"
    for href in links:
        anchor = href.split("#", 1)[1]
        target = numbers.find(id=anchor)
        assert target is not None and target.find_parent("tr") is not None, href


BINARY = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALES |= {"quadrillion": 1e15, "quintillion": 1e18}


def test_the_powers_of_two_are_right(site_dir: Path) -> None:
    rows = numbers_table(site_dir, "powers-of-two")
    assert len(rows) >= 8
    for power, exact, about, size, _ in rows:
        exponent = int(power.removeprefix("2^"))
        assert int(exact.replace(",", "")) == 2**exponent, power
        assert size == f"{2 ** (exponent % 10)} {BINARY[exponent // 10]}", power
        # "a thousand", "65 thousand", "2.2 trillion": within 13% (2^50 is 1.13 quadrillion).
        estimate = (number(about) if about[0].isdigit() else 1) * SCALES[about.split()[-1]]
        assert abs(estimate - 2**exponent) / 2**exponent < 0.13, power


def test_the_time_table_is_right(site_dir: Path) -> None:
    rows = {row[0]: number(row[1]) for row in numbers_table(site_dir, "time")}
    assert rows["A day"] == 86_400
    assert rows["A 30-day month"] == 30 * 86_400
    assert rows["A year"] == 365 * 86_400
    assert rows["1 million requests a day"] == round(1e6 / 86_400, 1)
    assert rows["1 billion requests a day"] == round(1e9 / 86_400)


def test_the_availability_budgets_are_right(site_dir: Path) -> None:
    seconds = {"days": 86_400, "hours": 3_600, "minutes": 60, "seconds": 1}
    rows = numbers_table(site_dir, "availability-budgets")
    assert len(rows) == 5
    for target, per_year, per_month, _ in rows:
        down = 1 - number(target) / 100
        for cell, span in ((per_year, 365 * 86_400), (per_month, 30 * 86_400)):
            unit = cell.split()[-1]
            expected = down * span / seconds[unit]
            assert number(cell) == pytest.approx(expected, rel=0.005), f"{target}: {cell}"


def test_the_video_minute_is_its_bitrate_times_sixty_seconds(site_dir: Path) -> None:
    sizes = {row[0]: row[1] for row in numbers_table(site_dir, "sizes-of-things")}
    row = next(name for name in sizes if name.startswith("A minute of 1080p video"))
    bitrate = number(row.split(" at ")[1])  # Mbit/s
    assert number(sizes[row]) == bitrate * 60 / 8


def test_the_cheat_sheet_links_each_solution_without_carrying_it(site_dir: Path) -> None:
    sheet = article(site_dir, "cheat-sheet.md")
    for page in SOLUTIONS:
        assert sheet.select_one(f'a[href="../{page.removesuffix(".md")}/"]') is not None, page
    sources = [str(link["href"]) for link in sheet.select("h2 a[href]")]
    assert sources and not [href for href in sources if "solutions/" in href]
    # Titles only, so that all nine fit on the two printed pages (tests/test_cheatsheet_pdf.py).
    listed = sheet.select('li:has(> a[href^="../solutions/"])')
    assert len(listed) == len(SOLUTIONS)
    for item in listed:
        link = item.select_one("a")
        assert link is not None and normalise(item.get_text(" ")) == normalise(link.get_text(" "))


def test_the_mock_interview_offers_every_prompt_with_its_solution(site_dir: Path) -> None:
    """The mock reads its prompts from the practice prompts' table: each solution is offered
    once, and the link its review shows opens that solution."""
    prompts = mock_data(site_dir)["prompts"]
    offered = [prompt["solution"] for prompt in prompts]
    assert offered == [f"../{page.removesuffix('.md')}/" for page in SOLUTIONS]
    assert all(prompt["title"] for prompt in prompts)
    mock = soup_of(site_dir / "mock-interview" / "index.html")
    shown = [str(link["href"]) for link in mock.select(".playbook-mock-solution")]
    assert shown == offered
    for href in offered:
        assert (site_dir / "mock-interview" / href / "index.html").is_file(), href
