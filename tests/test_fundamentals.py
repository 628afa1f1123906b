"""The Fundamentals section (issue 25), read from the session's built site.

Every topic page is in the nav under "Fundamentals" with a diagram drawn in both palettes, its
calculators, a question bank the deck picks up, what an interviewer probes and the common
mistakes. The section is linked both ways: each worked solution links the fundamentals it relies
on (once, where the concept first comes up), and each fundamentals page lists, under "Where it
comes up", exactly the solutions that link it. The calculators' arithmetic at their defaults is
checked against values worked out by hand, never by re-running the calculators' own formulas.

Search ranking for the fundamentals' terms is tested in test_search.py.
"""

from __future__ import annotations

import math
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import Tag
from built_articles import article, assert_diagrams_drawn_in_both_palettes
from flashcard_sites import deck_json
from mkdocs.config import load_config

from conftest import ROOT
from site_pages import nav_pages, normalise, page_url

# Each topic page and the calculators it has (none may go missing).
TOPICS = {
    "fundamentals/partitioning.md": {"ring"},
    "fundamentals/replication.md": {"quorum", "lag"},
    "fundamentals/consistency.md": {"pacelc"},
    "fundamentals/consensus.md": {"majority"},
    "fundamentals/caching.md": {"hit"},
    "fundamentals/queues-and-streams.md": {"lag"},
    "fundamentals/storage-engines.md": {"lsm"},
    "fundamentals/load-balancing.md": {"hc"},
    "fundamentals/probabilistic-structures.md": {"bloom", "hll", "cms"},
    "fundamentals/availability.md": {"avail", "mttr"},
}
SOLUTIONS = [
    "solutions/rate-limiter.md",
    "solutions/news-feed.md",
    "solutions/chat.md",
    "solutions/url-shortener.md",
    "solutions/typeahead.md",
    "solutions/web-crawler.md",
    "solutions/notifications.md",
    "solutions/key-value-store.md",
    "solutions/nearby-drivers.md",
]
# The other pages that link the fundamentals they rely on at first mention.
OTHER_LINKING_PAGES = ["deep-dives.md", "trade-offs.md", "numbers.md"]
MIN_SOLUTIONS_PER_TOPIC = 2
MIN_TOPICS_PER_PAGE = 2
# "A handful per page": more than this and the links stop being the concepts the page relies on.
MAX_TOPICS_PER_PAGE = 8


def page_of(href: str, page: str) -> tuple[str, str]:
    """The Markdown page and fragment that a relative link on the built ``page`` points to."""
    path, _, fragment = href.partition("#")
    base = posixpath.dirname("/" + page_url(page))
    target = posixpath.normpath(posixpath.join(base, path)).strip("/")
    target = target.removesuffix("index.html").strip("/")
    if (ROOT / "docs" / f"{target}.md").is_file():
        return f"{target}.md", fragment
    return (f"{target}/index.md" if target else "index.md"), fragment


def links_to(site_dir: Path, page: str, prefix: str) -> list[tuple[str, str]]:
    """Every (page, fragment) under ``prefix`` that the article of ``page`` links to, in order;
    the fundamentals index does not count as a fundamentals page."""
    found = []
    for link in article(site_dir, page).select("a[href]"):
        href = str(link["href"])
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        target, fragment = page_of(href, page)
        if target.startswith(prefix) and target != "fundamentals/index.md":
            found.append((target, fragment))
    return found


def section_list(site_dir: Path, page: str, anchor: str) -> Tag:
    """The list directly under the h2 with ``anchor``."""
    heading = article(site_dir, page).select_one(f"h2#{anchor}")
    assert heading is not None, f"{page} has no section #{anchor}"
    listing = heading.find_next_sibling()
    assert isinstance(listing, Tag) and listing.name == "ul", f"{page}#{anchor}: no list"
    return listing


def where_solutions(site_dir: Path, topic: str) -> list[str]:
    """The solutions a fundamentals page lists under "Where it comes up"."""
    links = section_list(site_dir, topic, "where").select("a[href]")
    pages = [page_of(str(link["href"]), topic)[0] for link in links]
    return [page for page in pages if page.startswith("solutions/")]


def fundamentals_linked(site_dir: Path) -> dict[str, list[str]]:
    """For each solution, the fundamentals pages it links, in the order they come up."""
    return {
        solution: [target for target, _ in links_to(site_dir, solution, "fundamentals/")]
        for solution in SOLUTIONS
    }


# --- The section and its pages ---------------------------------------------------------------


def fundamentals_nav() -> list[str]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    section = next(item["Fundamentals"] for item in config["nav"] if "Fundamentals" in item)
    return [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in section]


def test_the_topic_pages_are_the_fundamentals_section_of_the_nav() -> None:
    assert fundamentals_nav() == ["fundamentals/index.md", *TOPICS]
    nav = nav_pages()
    assert nav.index("fundamentals/index.md") < nav.index("practice-prompts.md")


def test_the_index_links_every_topic_page_once(site_dir: Path) -> None:
    linked = [target for target, _ in links_to(site_dir, "fundamentals/index.md", "fundamentals/")]
    assert linked == list(TOPICS)


@pytest.mark.parametrize("page", TOPICS)
def test_each_topic_page_draws_a_diagram_in_both_palettes(site_dir: Path, page: str) -> None:
    assert_diagrams_drawn_in_both_palettes(page, article(site_dir, page))
    source = (ROOT / "docs" / page).read_text(encoding="utf-8")
    for fence in re.findall(r"^```mermaid\n(.*?)^```", source, re.M | re.S):
        lines = fence.splitlines()
        assert "accTitle:" in lines[1] and "accDescr:" in lines[2], f"{page}: describe it"


@pytest.mark.parametrize(("page", "calculators"), TOPICS.items())
def test_each_topic_page_has_its_calculators_quoted_in_the_prose(
    site_dir: Path, page: str, calculators: set[str]
) -> None:
    text = article(site_dir, page)
    forms = {str(form["data-calculator"]): form for form in text.select("form[data-calculator]")}
    assert set(forms) == calculators
    quoted = {str(ref["data-ref"]) for ref in text.select("[data-ref]")}
    for ident, form in forms.items():
        outputs = {str(output["name"]) for output in form.select("output[name]")}
        for output in form.select("output[name]"):
            assert math.isfinite(float(str(output["data-value"]))), f"{ident}.{output['name']}"
        assert {f"{ident}.{name}" for name in outputs} & quoted, f"{page}: quote [={ident}.…]"


@pytest.mark.parametrize("page", TOPICS)
def test_each_topic_page_says_what_is_probed_and_what_goes_wrong(site_dir: Path, page: str) -> None:
    text = article(site_dir, page)
    for anchor, title in (
        ("probes", "What an interviewer probes"),
        ("mistakes", "Common mistakes"),
    ):
        heading = text.select_one(f"h2#{anchor}")
        assert heading is not None and normalise(heading.get_text(" ")).startswith(title), page
        assert len(section_list(site_dir, page, anchor).find_all("li", recursive=False)) >= 3


@pytest.mark.parametrize("page", TOPICS)
def test_each_topic_page_has_a_question_bank_in_the_deck(site_dir: Path, page: str) -> None:
    bank = article(site_dir, page).select_one("h2#question-bank + dl")
    assert bank is not None, f"{page}: the question bank is a definition list under its heading"
    terms = [normalise(term.get_text(" ")) for term in bank.select("dt")]
    assert len(terms) >= 5
    key = page.removesuffix(".md").replace("/", "-") + "::question-bank"
    cards = [normalise(c["front"]) for c in deck_json(site_dir)["cards"] if c["section"] == key]
    assert cards == terms


# --- Linked both ways ------------------------------------------------------------------------


@pytest.mark.parametrize("page", SOLUTIONS + OTHER_LINKING_PAGES)
def test_each_page_links_the_fundamentals_it_relies_on_once(site_dir: Path, page: str) -> None:
    """At first mention only: a second link to the same page would be noise."""
    linked = [target for target, _ in links_to(site_dir, page, "fundamentals/")]
    assert all(target in TOPICS for target in linked), linked
    assert len(linked) == len(set(linked)), f"{page} links a fundamentals page twice"
    assert MIN_TOPICS_PER_PAGE <= len(linked) <= MAX_TOPICS_PER_PAGE, f"{page}: {linked}"


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_lists_exactly_the_solutions_that_link_it(site_dir: Path, topic: str) -> None:
    listed = where_solutions(site_dir, topic)
    assert len(listed) == len(set(listed)), f"{topic} lists a solution twice"
    assert len(listed) >= MIN_SOLUTIONS_PER_TOPIC, f"{topic}: {listed}"
    linking = [s for s, topics in fundamentals_linked(site_dir).items() if topic in topics]
    assert listed == linking, f"{topic}: listed {listed}, linked from {linking}"


def test_every_solution_is_listed_by_some_topic(site_dir: Path) -> None:
    listed = {solution for topic in TOPICS for solution in where_solutions(site_dir, topic)}
    assert listed == set(SOLUTIONS)


def test_links_between_solutions_and_fundamentals_land_on_real_anchors(site_dir: Path) -> None:
    pairs = [
        (page, target)
        for page in SOLUTIONS + OTHER_LINKING_PAGES
        for target in links_to(site_dir, page, "fundamentals/")
    ]
    pairs += [
        (topic, target) for topic in TOPICS for target in links_to(site_dir, topic, "solutions/")
    ]
    pairs += [
        (topic, target) for topic in TOPICS for target in links_to(site_dir, topic, "fundamentals/")
    ]
    ids: dict[str, set[str]] = {}
    for page, (target, fragment) in pairs:
        if target not in ids:
            ids[target] = {str(node["id"]) for node in article(site_dir, target).select("[id]")}
        assert not fragment or fragment in ids[target], f"{page} -> {target}#{fragment}"


def test_fundamentals_pages_link_each_other_where_one_relies_on_another(site_dir: Path) -> None:
    relies_on = {
        "fundamentals/caching.md": "fundamentals/partitioning.md",
        "fundamentals/load-balancing.md": "fundamentals/partitioning.md",
        "fundamentals/probabilistic-structures.md": "fundamentals/storage-engines.md",
        "fundamentals/storage-engines.md": "fundamentals/probabilistic-structures.md",
        "fundamentals/availability.md": "fundamentals/replication.md",
        "fundamentals/replication.md": "fundamentals/consensus.md",
        "fundamentals/consistency.md": "fundamentals/replication.md",
    }
    for page, other in relies_on.items():
        assert other in [target for target, _ in links_to(site_dir, page, "fundamentals/")], page


# --- The calculators' arithmetic at their defaults, worked out by hand -----------------------

# (page, calculator, output) -> the value at the page's defaults, with the arithmetic beside it.
# Tolerances are relative: 1e-4 for values written to five or more significant figures.
BY_HAND: dict[tuple[str, str, str], float] = {
    # Partitioning: 100M keys, 10 nodes, 256 tokens each, 1 KB a key.
    ("partitioning", "ring", "per_node"): 10_000_000,  # 100M / 10
    ("partitioning", "ring", "moved_ring"): 9_090_909.09,  # 100M / 11
    ("partitioning", "ring", "moved_mod"): 90_909_090.9,  # 100M * 10 / 11
    ("partitioning", "ring", "bytes_ring"): 9.0909091e9,  # 9,090,909.09 * 1,000 B
    ("partitioning", "ring", "bytes_mod"): 9.0909091e10,  # 90,909,090.9 * 1,000 B
    ("partitioning", "ring", "busiest_vnodes"): 1.134123,  # 1 + √(2 * ln 10 / 256) = 1 + √0.017989
    ("partitioning", "ring", "spread"): 0.0625,  # 1 / √256 = 1/16
    # Replication: N = 3, W = 2, R = 2; 5K writes/s at 200 ms of lag.
    ("replication", "quorum", "overlap"): 1,  # 2 + 2 - 3
    ("replication", "quorum", "w_down"): 1,  # 3 - 2
    ("replication", "quorum", "r_down"): 1,  # 3 - 2
    ("replication", "lag", "at_risk"): 1_000,  # 5,000/s * 0.2 s
    # Consistency: 3 sequential calls of 1 ms, plus 70 ms each to reach a leader.
    ("consistency", "pacelc", "weak"): 3,  # 3 * 1 ms
    ("consistency", "pacelc", "strong"): 213,  # 3 * (1 + 70) ms
    ("consistency", "pacelc", "ratio"): 71,  # 213 / 3
    # Consensus: 5 voters, 1 ms round trip, 1 ms fsync.
    ("consensus", "majority", "quorum"): 3,  # ⌊5/2⌋ + 1
    ("consensus", "majority", "tolerated"): 2,  # 5 - 3
    ("consensus", "majority", "commit"): 2,  # 1 ms + 1 ms
    ("consensus", "majority", "serial"): 500,  # 1,000 ms / 2 ms
    # Caching: 100K reads/s, 90% hits (95% improved), cache 0.5 ms, origin 5 ms.
    ("caching", "hit", "origin"): 10_000,  # 100,000 * (1 - 0.90)
    ("caching", "hit", "target_origin"): 5_000,  # 100,000 * (1 - 0.95)
    ("caching", "hit", "reduction"): 2,  # 0.10 / 0.05
    ("caching", "hit", "latency"): 1.0,  # 0.9 * 0.5 + 0.1 * (0.5 + 5) = 0.45 + 0.55 ms
    ("caching", "hit", "target_latency"): 0.75,  # 0.95 * 0.5 + 0.05 * 5.5 = 0.475 + 0.275 ms
    ("caching", "hit", "cold"): 10,  # 1 / 0.10
    # Queues: 20K msgs/s, 16 consumers of 2K/s on 24 partitions, a 30-minute outage.
    ("queues-and-streams", "lag", "active"): 16,  # min(16, 24)
    ("queues-and-streams", "lag", "capacity"): 32_000,  # 16 * 2,000
    ("queues-and-streams", "lag", "utilisation"): 0.625,  # 20,000 / 32,000
    ("queues-and-streams", "lag", "backlog"): 36_000_000,  # 20,000 * 30 * 60
    ("queues-and-streams", "lag", "spare"): 12_000,  # 32,000 - 20,000
    ("queues-and-streams", "lag", "drain"): 50,  # 36,000,000 / 12,000 s = 3,000 s = 50 min
    ("queues-and-streams", "lag", "ceiling"): 48_000,  # 24 * 2,000
    # Storage engines: 10K rows/s of 1 KB, write amplification 15, a 3.84 TB drive, 2 TB of
    # data, a 256 MB first level and 10* between levels.
    ("storage-engines", "lsm", "app_rate"): 1e7,  # 10,000 * 1,000 B/s
    ("storage-engines", "lsm", "disk_rate"): 1.5e8,  # 10 MB/s * 15
    ("storage-engines", "lsm", "disk_day"): 1.296e13,  # 150 MB/s * 86,400 s
    ("storage-engines", "lsm", "dwpd"): 3.375,  # 12.96 TB / 3.84 TB
    # 256 MB, 2.56 GB, 25.6 GB, 256 GB, 2.56 TB: the fifth level is the first to hold 2 TB.
    ("storage-engines", "lsm", "levels"): 5,
    ("storage-engines", "lsm", "space"): 1.111111,  # 1 + 1/9
    # Load balancing: 10K req/s over 20 backends, checks every 5 s, 2 to mark down, 4 balancers
    # ejecting after 5 consecutive errors.
    ("load-balancing", "hc", "per_backend"): 500,  # 10,000 / 20
    ("load-balancing", "hc", "detect"): 10,  # 5 s * 2
    ("load-balancing", "hc", "failed_active"): 5_000,  # 500/s * 10 s
    ("load-balancing", "hc", "failed_passive"): 20,  # 4 * 5
    ("load-balancing", "hc", "survivor"): 526.3158,  # 10,000 / 19
    ("load-balancing", "hc", "increase"): 0.05263158,  # 20/19 - 1 = 1/19
    # Bloom filter: 100M items at 10 bits each with 7 hashes; a 1% target; 50 B keys.
    ("probabilistic-structures", "bloom", "memory"): 1.25e8,  # 100M * 10 bits / 8
    # (1 - e^(-7/10))^7: e^(-0.7) = 0.4965853, 1 - that = 0.5034147,
    # ln 0.5034147 = -0.6863624, * 7 = -4.8045368, e^(-4.8045368) = 0.0081937.
    ("probabilistic-structures", "bloom", "p"): 0.0081937,
    ("probabilistic-structures", "bloom", "fp_per_million"): 8_193.7,  # 0.0081937 * 10^6
    ("probabilistic-structures", "bloom", "k_best"): 6.931472,  # 10 * ln 2
    # Twice the items: (1 - e^(-1.4))^7 = 0.7534030^7, ln = -0.2831486 * 7 = -1.9820402.
    ("probabilistic-structures", "bloom", "p_double"): 0.1377817,
    # -ln 0.01 / (ln 2)² = 4.6051702 / 0.4804530
    ("probabilistic-structures", "bloom", "bpe_needed"): 9.585058,
    ("probabilistic-structures", "bloom", "k_needed"): 7,  # ⌈log₂ 100⌉ = ⌈6.64⌉
    ("probabilistic-structures", "bloom", "memory_needed"): 1.1981323e8,  # 100M * 9.585058 / 8 B
    ("probabilistic-structures", "bloom", "exact"): 5e9,  # 100M * 50 B
    ("probabilistic-structures", "bloom", "saving"): 40,  # 5 GB / 125 MB
    # HyperLogLog: 2^14 registers of 6 bits, 100M distinct ids of 8 B.
    ("probabilistic-structures", "hll", "registers"): 16_384,  # 2^14
    ("probabilistic-structures", "hll", "memory"): 12_288,  # 16,384 * 6 / 8 B
    ("probabilistic-structures", "hll", "error"): 0.008125,  # 1.04 / √16,384 = 1.04 / 128
    ("probabilistic-structures", "hll", "abs_error"): 812_500,  # 100M * 0.008125
    ("probabilistic-structures", "hll", "exact"): 8e8,  # 100M * 8 B
    # Count-min sketch: ε = 0.1%, δ = 1%, 1B events, 4-byte counters.
    ("probabilistic-structures", "cms", "width"): 2_719,  # ⌈2.718281828 / 0.001⌉ = ⌈2,718.28⌉
    ("probabilistic-structures", "cms", "depth"): 5,  # ⌈ln 100⌉ = ⌈4.605⌉
    ("probabilistic-structures", "cms", "memory"): 54_380,  # 2,719 * 5 * 4 B
    ("probabilistic-structures", "cms", "bound"): 1_000_000,  # 0.001 * 10^9
    # Availability: 3 tiers of 99.9% instances, 2 replicas each, 10 shared minutes a month,
    # a 99.9% SLO, 43,200 minutes in a 30-day month.
    ("availability", "avail", "serial"): 0.997003,  # 0.999³ = 0.997002999
    ("availability", "avail", "serial_down"): 129.4704,  # (1 - 0.997002999) * 43,200
    ("availability", "avail", "tier_down"): 0.0432,  # 0.001² * 43,200 = 10⁻⁶ * 43,200
    # (1 - (1 - 10⁻⁶)³) * 43,200 = 2.999997 * 10⁻⁶ * 43,200
    ("availability", "avail", "independent_down"): 0.1295999,
    # (1 - 0.999997000003 * (1 - 10/43,200)) * 43,200 = 10 + 0.1296 - 0.1296 * 10/43,200
    ("availability", "avail", "overall_down"): 10.12957,
    ("availability", "avail", "budget"): 43.2,  # 0.001 * 43,200
    ("availability", "avail", "budget_used"): 0.2344808,  # 10.12957 / 43.2
    # MTBF 30 days (43,200 min), MTTR 30 min, a 99.99% target.
    ("availability", "mttr", "a"): 0.9993060,  # 43,200 / 43,230
    ("availability", "mttr", "down"): 29.97918,  # 30 / 43,230 * 43,200
    ("availability", "mttr", "max_mttr"): 4.320432,  # 43,200 * 0.0001 / 0.9999
}
# Values an approximation in the formula is allowed to miss by more, with the reason.
LOOSER = {
    # H(10) = 1 + 1/2 + … + 1/10 = 2.928968; the calculator's ln N + 0.5772 + 1/(2N) is the
    # textbook approximation of it (the next term, -1/(12N²), is left out), within 3 parts in
    # 10,000 at N = 10.
    ("partitioning", "ring", "busiest_one"): (2.928968, 1e-3),
}


def shown(site_dir: Path, topic: str, ident: str, name: str) -> float:
    page = f"fundamentals/{topic}.md"
    output = article(site_dir, page).select_one(f"output#calc-{ident}-out-{name}")
    assert output is not None, f"{page}: no output {ident}.{name}"
    return float(str(output["data-value"]))


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(k, v, id=".".join(k)) for k, v in BY_HAND.items()]
)
def test_calculators_match_the_arithmetic_by_hand(
    site_dir: Path, key: tuple[str, str, str], expected: float
) -> None:
    assert shown(site_dir, *key) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(k, v, id=".".join(k)) for k, v in LOOSER.items()]
)
def test_approximations_stay_close_to_the_exact_value(
    site_dir: Path, key: tuple[str, str, str], expected: tuple[float, float]
) -> None:
    value, tolerance = expected
    assert shown(site_dir, *key) == pytest.approx(value, rel=tolerance)


def test_every_calculator_output_is_checked_by_hand(site_dir: Path) -> None:
    checked = set(BY_HAND) | set(LOOSER)
    outputs: set[tuple[str, str, str]] = set()
    for page in TOPICS:
        topic = page.removeprefix("fundamentals/").removesuffix(".md")
        for form in article(site_dir, page).select("form[data-calculator]"):
            for output in form.select("output[name]"):
                outputs.add((topic, str(form["data-calculator"]), str(output["name"])))
    assert outputs == checked
