"""Cards, sanitising, exports and the Anki package, without MkDocs (pages rendered by plain
Python-Markdown)."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import textwrap
import zipfile
from pathlib import Path

import markdown
import pytest
from inert import assert_inert

from conftest import ROOT
from mkdocs_playbook.flashcards.anki import apkg_bytes, note_guid
from mkdocs_playbook.flashcards.deck import Deck, build_deck, card_id, relink
from mkdocs_playbook.flashcards.exports import (
    LONG_DECK,
    PLUGIN_ASSETS,
    STUDY_MODULES,
    Published,
    anki_notes,
    deck_json,
    deck_tsv,
    fill_page,
    page_markdown,
    root_prefix,
    study_loader,
)
from mkdocs_playbook.flashcards.extract import SourceRule, extract
from mkdocs_playbook.flashcards.identity import deck_identity
from mkdocs_playbook.flashcards.sanitize import sanitize
from mkdocs_playbook.flashcards.scheduling import (
    DEFAULT_PARAMS,
    GRADES,
    TS_FSRS_VERSION,
    SchedulerParams,
    describe,
)
from mkdocs_playbook.mkdocs_glue.assets import ASSETS_DIR, ASSETS_URI

IDENTITY = deck_identity("Deck site")
STUDY_LOADER = study_loader("../")
"""The study mode's own modules, loaded right after its panel: the one script a page may hold."""

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<a href=\"javascript:alert('x')\">link</a>",
    '<a href="JaVa&#09;ScRiPt:alert(1)">tab trick</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<p onmouseover="alert(1)" style="x">hover</p>',
    "<object data=\"javascript:alert(1)\"></object><embed src='javascript:alert(1)'>",
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>',
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    "<SCRIPT SRC=//x.test/x.js></SCRIPT><script/x>alert(1)</script>",
    "<img src=x onerror=alert(1)//",
    '<a href="vbscript:msgbox(1)">vb</a>',
]


def render(text: str) -> str:
    md = markdown.Markdown(
        extensions=["def_list", "tables", "pymdownx.superfences", "attr_list", "toc"]
    )
    return md.convert(text)


def deck_of(source: str, page: str = "bank.md") -> Deck:
    source = textwrap.dedent(source)
    found = extract(render(source), source, page, [SourceRule("Question Bank")])
    assert found.problems == []
    return build_deck(found.items, {page: page.removesuffix(".md") + "/"})


def page_of(deck: Deck, published: Published, title: str = "Flashcards") -> str:
    """The flashcards page's content as the plugin leaves it: its Markdown rendered, then filled."""
    return fill_page(
        render(page_markdown(published, DEFAULT_PARAMS, title)), deck, published, DEFAULT_PARAMS
    )


@pytest.mark.parametrize("markup", HOSTILE)
def test_sanitize_removes_everything_that_can_run(markup: str) -> None:
    result = sanitize(f"<p>before {markup} after</p>")
    assert_inert(result.html)
    assert result.html.startswith("<p>before ")
    assert result.removed, "the author should be told what was removed"


def test_sanitize_keeps_harmless_markup_and_escapes_text() -> None:
    markup = (
        "<p>A <strong>bold</strong> <em>word</em>, <code>a &lt;b&gt; &amp; c</code>, "
        '<a href="deep-dives.md#write-path" title="t">link</a>, <kbd>Ctrl</kbd></p>\n'
        '<div class="highlight"><pre><span class="n">x</span>\n\n<span>y</span></pre></div>'
        '<ul><li>one</li></ul><table><tr><td colspan="2">cell</td></tr></table>'
    )
    assert sanitize(markup).html == markup


def test_sanitize_closes_what_it_opened_and_drops_strays() -> None:
    assert sanitize("<p><em>open</p></div>").html == "<p><em>open</em></p>"
    assert sanitize("<h2 id='x'>Title</h2><input type=checkbox>").html == "Title"


def test_card_ids_depend_on_page_and_term_text_only() -> None:
    # This site's card "Idempotency" on question-bank.md: learners' progress is stored by it.
    assert card_id("question-bank.md", "Idempotency") == "7687069e8b2e617f"
    assert card_id("bank.md", "Hot  partitions") == card_id("bank.md", "hot partitions")
    assert card_id("bank.md", "Idempotency") != card_id("ops.md", "Idempotency")
    assert card_id("bank.md", "Idempotency") != card_id("bank.md", "Idempotency keys")
    assert len(card_id("bank.md", "x")) == 16


def test_a_terms_markup_does_not_change_its_card_id() -> None:
    plain, bold = deck_of("# Question Bank\n\n- Hot  keys: a\n- **Jitter**: b\n").cards
    assert plain.id == card_id("bank.md", "hot keys") and bold.id == card_id("bank.md", "Jitter")


def test_editing_one_card_keeps_every_id() -> None:
    before = deck_of("# Question Bank\n\n- **A**: one\n- **B**: two\n- **C**: three\n")
    after = deck_of("# Question Bank\n\n- **C**: three, longer\n- **A**: one\n- **B**: changed\n")
    assert {c.id for c in before.cards} == {c.id for c in after.cards}


def test_cards_keep_the_rendered_html_and_point_links_at_the_site_root() -> None:
    deck = deck_of(
        """
        # Question Bank

        - **`Idempotency-Key`**: see the [write path](../deep-dives/#write-path), the
          [section](#question-bank) and [RFC](https://www.rfc-editor.org/).

            ```python
            x = 1
            ```

        - [1. Clarify](#clarify): scope first
        """
    )
    first, second = deck.cards
    assert first.front_html == "<code>Idempotency-Key</code>" and first.front == "Idempotency-Key"
    assert '<a href="deep-dives/#write-path">write path</a>' in first.back_html
    assert '<a href="bank/#question-bank">section</a>' in first.back_html
    assert '<a href="https://www.rfc-editor.org/">RFC</a>' in first.back_html
    assert '<div class="highlight"><pre>' in first.back_html and '<span class="n">x</span>' in (
        first.back_html
    )
    assert second.front_html == "1. Clarify", "a link is unwrapped, and 1. is not a list"
    assert first.section.url == "bank/#question-bank"
    assert first.tags == ["bank::question-bank"]
    on_page = relink(first.back_html, "../")
    assert '<a href="../deep-dives/#write-path">' in on_page
    assert '<a href="https://www.rfc-editor.org/">' in on_page
    assert "<a>write path</a>" in relink(first.back_html, None)


def test_relink_rewrites_only_urls_inside_tags() -> None:
    markup = sanitize(
        '<p>Text with href="x" and src="y" <a title="t" href="a/#b">in</a> '
        '<a href="https://e.org/">out</a> <img alt="" src="img/p.png"></p>'
    ).html
    assert "href=&quot;x&quot;" in markup, "quotes in text are escaped"
    assert relink(markup, "../") == (
        "<p>Text with href=&quot;x&quot; and src=&quot;y&quot; "
        '<a title="t" href="../a/#b">in</a> <a href="https://e.org/">out</a> '
        '<img alt="" src="../img/p.png"></p>'
    )
    assert '<a title="t">in</a>' in relink(markup, None)


def test_duplicates_warn_with_both_locations_and_keep_distinct_ids() -> None:
    deck = deck_of("# Question Bank\n\n- **Jitter**: one\n- **jitter**: two\n")
    assert len(deck.cards) == 2 and deck.cards[0].id != deck.cards[1].id
    (warning,) = deck.warnings
    assert warning.line == 4 and "duplicate flashcard 'jitter'" in warning.message
    assert "bank.md:3" in warning.message


def test_hostile_cards_are_published_inert_and_reported() -> None:
    items = "\n".join(
        f"- **Card {n} <script>alert({n})</script>**: answer {markup}"
        for n, markup in enumerate(HOSTILE)
    )
    deck = deck_of(f"# Question Bank\n\n{items}\n")
    assert len(deck.cards) == len(HOSTILE)
    assert len(deck.warnings) == len(HOSTILE)
    assert "removed <script> element" in deck.warnings[0].message
    published = Published("Deck", "flashcards/", "https://site.test/", [], IDENTITY)
    page = page_of(deck, published)
    assert page.count(STUDY_LOADER) == 1
    outputs = [
        page.replace(STUDY_LOADER, ""),
        deck_json(deck, published, DEFAULT_PARAMS),
        deck_tsv(anki_notes(deck, "https://site.test/", IDENTITY), "Deck"),
    ]
    for output in outputs:
        assert_inert(output)
    assert all(card.front.startswith("Card ") for card in deck.cards)


def test_page_lists_every_card_with_its_source_and_the_study_settings() -> None:
    deck = deck_of("# Question Bank\n\nA & B\n:   *both*\n\nC\n:   see <kbd>x</kbd>\n")
    published = Published(
        "Deck",
        "flashcards/",
        None,
        [("x.json", "x.json", "data")],
        IDENTITY,
        intro="{count} cards.",
    )
    source = page_markdown(published, DEFAULT_PARAMS, title="Cards & more")
    assert source.startswith("# Cards &#38; more\n") and "- [x.json](x.json): data" in source
    page = fill_page(render(source), deck, published, DEFAULT_PARAMS, notice="<p>Mind</p>")
    assert page.startswith('<h1 id="cards-more">Cards &#38; more</h1><p>Mind</p>\n<p>2 cards.</p>')
    study = page.index("playbook-cards-study")
    assert study < page.index('id="downloads"') < page.index('id="all-cards"')
    assert page.endswith("</dl></details>") and page.index('id="all-cards"') < page.index("<h3")
    # Each section's cards folded under its heading, saying how many there are.
    assert (
        '<h3 id="fc-bank-question-bank">Question Bank</h3>\n'
        '<details class="playbook-cards-deck"><summary>2 cards</summary>\n<dl '
    ) in page
    assert 'data-section="bank::question-bank" data-label="Question Bank"' in page
    assert '<dt class="playbook-cards-front">A &amp; B</dt>' in page
    assert '<a href="../bank/#question-bank">Question Bank</a>' in page
    settings = json.loads(html.unescape(page.split('data-flashcards="', 1)[1].split('"', 1)[0]))
    assert settings["scheduler"]["algorithm"] == "fsrs"
    assert settings["scheduler"]["learned_stability_days"] == 4
    assert "counts as learned once you would still recall it 4 days after" in page
    assert page.count('<div class="playbook-cards-card"') == 2
    linked = fill_page(render(source), deck, published, DEFAULT_PARAMS, permalink="&para;")
    assert (
        '<h3 id="fc-bank-question-bank">Question Bank<a class="headerlink" '
        'href="#fc-bank-question-bank" title="Permanent link">&para;</a></h3>'
    ) in linked


def test_only_a_long_deck_lets_the_browser_skip_laying_out_its_cards() -> None:
    """content-visibility hides a card's colours from contrast checkers: only where it pays."""
    published = Published("Deck", "flashcards/", None, [], IDENTITY)

    def list_classes(cards: int) -> set[str]:
        source = "# Question Bank\n\n" + "".join(f"- **T{n}**: a{n}\n" for n in range(cards))
        page = page_of(deck_of(source), published)
        return set(re.findall(r'<dl class="([^"]+)"', page))

    assert list_classes(LONG_DECK) == {"playbook-cards-list"}
    assert list_classes(LONG_DECK + 1) == {"playbook-cards-list playbook-cards-list--long"}


def test_json_is_versioned_and_inert() -> None:
    deck = deck_of("# Question Bank\n\n- **A**: <b>bold</b> & `<i>`\n")
    published = Published("Deck", "flashcards/", "https://site.test/", [], IDENTITY)
    text = deck_json(deck, published, DEFAULT_PARAMS)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["format"] == "playbook-flashcards" and data["version"] == 2
    assert data["deck"]["anki"] == {"deck_id": IDENTITY.deck_id, "model_id": IDENTITY.model_id}
    assert data["deck"]["storage_prefix"] == IDENTITY.storage_prefix == "deck-site/flashcards/v1/"
    assert data["scheduler"]["grades"] == list(GRADES)
    assert data["scheduler"] == DEFAULT_PARAMS.to_json()
    (card,) = data["cards"]
    assert card["back_html"] == "<p><b>bold</b> &amp; <code>&lt;i&gt;</code></p>"
    assert card["guid"] == note_guid(card["id"], IDENTITY.guid_namespace)
    assert card["source"] == {"page": "bank.md", "line": 3, "url": "bank/#question-bank"}
    assert data["sections"][0]["key"] == card["section"] == card["tags"][0]


def test_tsv_has_anki_headers_and_quotes_fields() -> None:
    deck = deck_of('# Question Bank\n\n- **A**: say "hi"\n\n        code\tline\n')
    notes = anki_notes(deck, "https://site.test", IDENTITY)
    text = deck_tsv(notes, "My deck")
    lines = text.splitlines()
    assert lines[:7] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:My deck",
        "#guid column:1",
        "#tags column:4",
        "#columns:GUID\tFront\tBack\tTags",
    ]
    row = text.split("#columns:GUID\tFront\tBack\tTags\n", 1)[1]
    guid, front, rest = row.split("\t", 2)
    assert guid.strip('"') == notes[0].guid and front == "A"
    assert rest.startswith('"<p>say &quot;hi&quot;</p>')
    assert 'href=""https://site.test/bank/#question-bank""' in rest
    assert rest.endswith('"\tbank::question-bank\n')


def test_apkg_is_deterministic_and_holds_every_note(tmp_path: Path) -> None:
    deck = deck_of("# Question Bank\n\n- **A**: one\n- **B**: two <em>x</em>\n")
    notes = anki_notes(deck, "https://site.test/", IDENTITY)
    first = apkg_bytes(notes, "Deck", 1_700_000_000, IDENTITY)
    assert first == apkg_bytes(notes, "Deck", 1_700_000_000, IDENTITY)
    assert first != apkg_bytes(notes, "Deck", 1_700_000_001, IDENTITY)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as db:
        rows = db.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    guids = [note_guid(card.id, IDENTITY.guid_namespace) for card in deck.cards]
    assert [row[0] for row in rows] == guids
    assert {row[1] for row in rows} == {IDENTITY.model_id}
    assert rows[1][2].split("\x1f")[:2] == ["B", "<p>two <em>x</em></p>"]
    assert rows[0][3].strip() == "bank::question-bank"
    assert decks[str(IDENTITY.deck_id)]["name"] == "Deck"


def test_root_prefix_and_schedule_description() -> None:
    assert root_prefix("flashcards/") == "../"
    assert root_prefix("practice/flashcards/") == "../../"
    assert root_prefix("flashcards.html") == ""
    text = describe()
    assert "**FSRS** (version 6)" in text and "SM-2" in text
    assert "after 1 minute and 10 minutes" in text and "fall to 90%" in text
    assert "4 days after your last review" in text
    scheduler = DEFAULT_PARAMS.to_json()
    assert (scheduler["algorithm"], scheduler["implementation"]) == ("fsrs", "ts-fsrs 5.4.2")
    assert len(scheduler["weights"]) == 21 and scheduler["target_retention"] == 0.9
    assert scheduler["progress_fields"].keys() == {
        "due", "stability", "difficulty", "state", "last_review", "reps", "lapses",
        "learning_steps", "scheduled_days",
    }  # fmt: skip
    assert scheduler["legacy_progress_fields"].keys() == {
        "due", "interval", "ease", "reps", "lapses", "last",
    }  # fmt: skip


@pytest.mark.parametrize("retention", [0.5, 0.69, 0.98, 1.0])
def test_a_target_retention_fsrs_advises_against_is_refused(retention: float) -> None:
    with pytest.raises(ValueError, match="target retention"):
        SchedulerParams(target_retention=retention)
    assert "fall to 85%" in describe(SchedulerParams(target_retention=0.85))


def test_ts_fsrs_is_pinned_and_served_from_the_plugins_assets() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["ts-fsrs"] == TS_FSRS_VERSION
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/ts-fsrs"]["version"] == TS_FSRS_VERSION
    schedule = (ASSETS_DIR / "flashcards-schedule.js").read_text(encoding="utf-8")
    assert 'from "./vendor/ts-fsrs/index.mjs"' in schedule
    assert (ASSETS_DIR / "vendor" / "ts-fsrs" / "index.mjs").is_file(), "run `make setup`"
    assert (ASSETS_DIR / "vendor" / "ts-fsrs" / "LICENSE").is_file()
    assert ASSETS_URI == PLUGIN_ASSETS


IMPORT = re.compile(r'^(?:import|export)\b[^;]*?\bfrom "(\./[^"]+)";', re.MULTILINE)
"""A static import (or re-export) of another module, on one line or over several."""


def test_the_study_mode_preloads_every_module_it_imports() -> None:
    """What study_loader preloads is the study module's whole import graph."""
    graph, waiting = set(), [STUDY_MODULES[0]]
    while waiting:
        module = waiting.pop()
        graph.add(module)
        text = (ASSETS_DIR / module).read_text(encoding="utf-8")
        folder = Path(module).parent
        found = {(folder / name).as_posix() for name in IMPORT.findall(text)}
        waiting += sorted({Path(name).as_posix() for name in found} - graph)
    assert graph == set(STUDY_MODULES) and len(STUDY_MODULES) == len(graph)
    loader = study_loader("../")
    assert loader.endswith(
        f'<script type="module" async src="../{PLUGIN_ASSETS}/flashcards.js"></script>'
    )
    assert loader.count('<link rel="modulepreload" fetchpriority="low"') == len(STUDY_MODULES)


def test_the_panel_carries_what_study_needs_before_the_list_arrives() -> None:
    """The deck's index (ids in the list's order, sections with their sizes) and the first
    card, question and answer, drawn in the panel; the study module right after it."""
    source = (
        "# Question Bank\n\n- **A**: one\n\n## Other\n\n- **B**: two\n\n"
        "## Question Bank 2\n\n- **C**: three\n"
    )
    deck = deck_of(source)
    published = Published("Deck", "flashcards/", None, [], IDENTITY)
    page = page_of(deck, published)
    settings = json.loads(html.unescape(page.split('data-flashcards="', 1)[1].split('"', 1)[0]))
    listed = re.findall(r'<div class="playbook-cards-card" id="card-(\w+)"', page)
    assert settings["cards"].split(" ") == listed == [card.id for card in deck.cards]
    assert [(s["label"], s["size"]) for s in settings["sections"]] == [
        ("Question Bank", 1),
        ("Question Bank \u203a Question Bank 2", 1),
    ]
    panel = page[page.index('<section class="playbook-cards-app"') : page.index("</section>")]
    assert f'data-card="{deck.cards[0].id}"' in panel
    assert '<div class="playbook-cards-view-front">A</div>' in panel
    assert '<div class="playbook-cards-view-back" hidden><p>one</p>' in panel
    assert page.index("</section>") < page.index(STUDY_LOADER) < page.index("<h3")


def test_a_sites_identity_comes_from_its_name_and_can_be_kept() -> None:
    one, again, other = deck_identity("Notes A"), deck_identity("Notes A"), deck_identity("Notes B")
    assert one == again
    assert one.deck_id != other.deck_id and one.model_id != other.model_id
    assert one.guid_namespace != other.guid_namespace
    assert one.storage_prefix == "notes-a/flashcards/v1/" != other.storage_prefix
    assert 10**9 <= one.deck_id < 2 * 10**9 and 10**9 <= one.model_id < 2 * 10**9
    kept = deck_identity("Renamed", deck_id=7, model_id=8, guid_namespace="n", storage_prefix="p/")
    assert (kept.deck_id, kept.model_id, kept.guid_namespace, kept.storage_prefix) == (
        7,
        8,
        "n",
        "p/",
    )
