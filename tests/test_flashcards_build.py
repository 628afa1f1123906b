"""The real site's deck, and throwaway sites for errors, hostile cards and reproducibility."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import genanki
import pytest
import yaml
from flashcard_sites import HOSTILE_BANK, apkg_notes, build, deck_json, tsv_rows, write_site

from conftest import ROOT, run_mkdocs_build
from site_pages import built_path, fresh_soup_of, nav_pages, normalise, soup_of

pytestmark = pytest.mark.build

DOWNLOADS = ("flashcards.json", "flashcards.tsv", "flashcards.apkg")


def configured_sources() -> list[dict[str, str]]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "playbook" in p)
    sources: list[dict[str, str]] = plugin["playbook"]["flashcards"]["sources"]
    return sources


THIS_SITES_MODEL_ID = 1_734_902_311


def test_the_deck_has_at_least_40_cards_in_every_form(site_dir: Path, tmp_path: Path) -> None:
    data = deck_json(site_dir)
    ids = [card["id"] for card in data["cards"]]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)
    page = soup_of(built_path(site_dir, "flashcards.md"))
    assert [node["data-card"] for node in page.select(".playbook-cards-card")] == ids
    rows = tsv_rows(site_dir)
    assert [row.split("\t", 1)[0].strip('"') for row in rows] == [c["guid"] for c in data["cards"]]
    notes = apkg_notes(site_dir, tmp_path / "collection.anki2")
    assert [note[0] for note in notes] == [card["guid"] for card in data["cards"]]
    # This site keeps the ids it had before they were derived from a site's name.
    assert {note[2] for note in notes} == {THIS_SITES_MODEL_ID}
    assert data["deck"]["anki"] == {"deck_id": 1_734_902_377, "model_id": THIS_SITES_MODEL_ID}
    assert data["deck"]["storage_prefix"] == "playbook-flashcards/v1/"
    assert data["cards"][0]["guid"] == str(
        genanki.guid_for("sd-playbook-flashcards", data["cards"][0]["id"])
    )
    fronts = [note[1].split("\x1f")[0] for note in notes]
    assert fronts == [card["front_html"] for card in data["cards"]]
    assert [note[3].strip() for note in notes] == [card["section"] for card in data["cards"]]


def test_every_configured_source_gives_cards(site_dir: Path) -> None:
    data = deck_json(site_dir)
    sources = configured_sources()
    assert len(sources) >= 10
    for source in sources:
        matching = [
            s
            for s in data["sections"]
            if s["title"].casefold().startswith(source["heading"].casefold())
            and source.get("page", s["page"]) == s["page"]
        ]
        assert matching, f"no cards from {source}"
    order = [s["page"] for s in data["sections"]]
    assert order[0] == "question-bank.md", "sections follow the order of the sources"


def test_the_question_bank_answers_are_the_cards(site_dir: Path) -> None:
    source = (ROOT / "docs" / "question-bank.md").read_text(encoding="utf-8")
    expected = re.findall(r"^(\S[^\n]*)\n:   ([^\n]+)$", source, re.M)
    assert len(expected) == 5
    deck = deck_json(site_dir)["cards"]
    cards = {c["front"]: c for c in deck if c["source"]["page"] == "question-bank.md"}
    for term, answer in expected:
        card = cards[term]
        assert card["back_html"] == f"<p>{answer}</p>"
        assert card["source"]["url"] == "question-bank/#question-bank-with-concise-answers"
    page = normalise(soup_of(built_path(site_dir, "flashcards.md")).get_text(" "))
    for term, answer in expected:
        assert normalise(f"{term} {answer}") in page


def test_every_card_links_to_an_existing_anchor(site_dir: Path) -> None:
    data = deck_json(site_dir)
    for section in data["sections"]:
        page_url, anchor = section["url"].split("#")
        target = soup_of(site_dir / page_url / "index.html")
        assert target.find(id=anchor) is not None, section["url"]
    page = soup_of(built_path(site_dir, "flashcards.md"))
    for card in page.select(".playbook-cards-card"):
        link = card.select_one(".playbook-cards-source a")
        assert link is not None and str(link["href"]).startswith("../")
        href = str(link["href"]).removeprefix("../")
        assert href in {s["url"] for s in data["sections"]}
    tags = {card["section"] for card in data["cards"]}
    assert tags == {s["key"] for s in data["sections"]}
    assert all("::" in tag and " " not in tag for tag in tags)


def test_links_inside_answers_work_from_the_flashcards_page(site_dir: Path) -> None:
    page = soup_of(built_path(site_dir, "flashcards.md"))
    links = [str(a["href"]) for a in page.select(".playbook-cards-back a")]
    assert any(href.startswith("../deep-dives/#write-path") for href in links), links
    for href in links:
        path = href.split("#")[0]
        if not href.startswith("http"):
            assert (site_dir / "flashcards" / path / "index.html").resolve().is_file(), href


def test_the_page_is_in_the_nav_searchable_and_readable_without_javascript(site_dir: Path) -> None:
    assert "flashcards.md" in nav_pages() and nav_pages()[-1] == "authoring.md"
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"flashcards/' in index.replace(" ", "") and "Bulkhead" in index
    page = soup_of(built_path(site_dir, "flashcards.md"))
    study = page.select_one(".playbook-cards-study")
    assert study is not None and "every card is listed below" in study.get_text()
    assert page.select_one('script[type="module"][src$="assets/playbook/widgets.js"]')
    # The study mode's modules, ts-fsrs among them, are the site's own files.
    preloads = [str(link["href"]) for link in page.select('link[rel="modulepreload"]')]
    assert "../assets/playbook/vendor/ts-fsrs/index.mjs" in preloads
    for href in preloads:
        assert (site_dir / "flashcards" / href).resolve().is_file(), href
    for name in DOWNLOADS:
        assert page.select_one(f'a[href="../{name}"]') is not None, name
        assert (site_dir / name).stat().st_size > 1000
    styles = (site_dir / "assets" / "playbook" / "styles.css").read_text(encoding="utf-8")
    # Its part of the site's one stylesheet: up to the next part's heading.
    css = re.split(
        r"^/\* [\w.-]+\.css \*/$", styles.split("/* flashcards.css */\n", 1)[1], flags=re.M
    )[0]
    print_rules = css.split("@media print", 1)[1]
    assert ".playbook-cards-study" in print_rules and "display: none" in print_rules


def test_two_builds_are_byte_identical(site_dir: Path, base_url: str, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_mkdocs_build(again, site_url=base_url)
    assert result.returncode == 0, result.stderr
    for name in (*DOWNLOADS, "flashcards/index.html"):
        assert (again / name).read_bytes() == (site_dir / name).read_bytes(), name


def test_note_guids_survive_edits_and_edited_notes_are_newer(
    site_dir: Path, base_url: str, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    bank = docs / "question-bank.md"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "shed non-critical traffic first.", "shed non-critical traffic first; edited."
        ),
        encoding="utf-8",
    )
    overview = docs / "overview.md"
    overview.write_text(overview.read_text(encoding="utf-8") + "\nAn unrelated edit.\n", "utf-8")
    config = ROOT / f".test-mkdocs-{tmp_path.name}.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(f"docs_dir: {docs}\n{text}", encoding="utf-8")
    try:
        result = build(config, tmp_path / "site", site_url=base_url)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    before = {note[0]: note for note in apkg_notes(site_dir, tmp_path / "a.anki2")}
    after = {note[0]: note for note in apkg_notes(tmp_path / "site", tmp_path / "b.anki2")}
    assert before.keys() == after.keys()
    changed = [guid for guid in before if before[guid][1] != after[guid][1]]
    assert len(changed) == 1 and "edited." in after[changed[0]][1]
    assert after[changed[0]][4] > before[changed[0]][4], "Anki updates notes only if newer"


def test_source_date_epoch_pins_the_anki_timestamps(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"bank.md": "# Question Bank\n\n- **A**: a\n- **B**: b\n"})
    pinned = {"SOURCE_DATE_EPOCH": "1700000000"}
    sites = []
    for n in range(2):
        (tmp_path / "docs" / "bank.md").touch()  # a newer mtime must not matter once pinned
        result = build(config, tmp_path / f"site{n}", env=pinned)
        assert result.returncode == 0, result.stderr
        sites.append((tmp_path / f"site{n}" / "flashcards.apkg").read_bytes())
    assert sites[0] == sites[1]
    notes = apkg_notes(tmp_path / "site0", tmp_path / "c.anki2")
    assert [note[4] for note in notes] == [1_700_000_000, 1_700_000_000]


@pytest.mark.parametrize(
    ("bank", "expected"),
    [
        ("- **Good**: fine\n- a sentence, no term\n", "docs/bank.md:7: cannot read the list item"),
        ("- **Empty**:\n", "docs/bank.md:6: the flashcard 'Empty' has an empty answer"),
        ("Term\n:\n", "docs/bank.md:6: the flashcard 'Term' has an empty answer"),
        ("| Q | A |\n| - | - |\n| **Alone** |  |\n", "docs/bank.md:8: the flashcard 'Alone'"),
    ],
)
def test_unreadable_items_fail_the_build_naming_file_and_line(
    tmp_path: Path, bank: str, expected: str
) -> None:
    page = f"---\ndescription: x\n---\n# Question Bank\n\n{bank}"
    config = write_site(tmp_path, {"bank.md": page})
    for strict in (True, False):
        result = build(config, tmp_path / "site", strict=strict)
        assert result.returncode != 0
        assert expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_duplicates_and_missing_sources_warn_and_fail_strict(tmp_path: Path) -> None:
    pages = {
        "bank.md": "# Question Bank\n\n- **Jitter**: spread expiries\n",
        "more.md": "# More\n\n## Question Bank, part 2\n\n- **jitter**: again\n",
    }
    sources = """
        sources:
          - heading: Question Bank
          - page: missing.md
            heading: Anything
    """
    config = write_site(tmp_path, pages, sources)
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/more.md:5: duplicate flashcard 'jitter': also at bank.md:3" in result.stderr
    assert "missing.md matched nothing: the page is not in the site" in result.stderr
    lenient = build(config, tmp_path / "site", strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert len(deck_json(tmp_path / "site")["cards"]) == 2


def test_a_card_is_what_its_page_renders(tmp_path: Path) -> None:
    """Read from the rendered page, a card gets what only the whole page knows: a reference
    link and an abbreviation defined at the bottom of the page, resolved by MkDocs."""
    bank = (
        "# Question Bank\n\n- **TTL**: how long a [cached entry][cache] lives in the TTL policy.\n"
        "\n[cache]: notes.md#caching\n*[TTL]: Time to live\n"
    )
    config = write_site(tmp_path, {"bank.md": bank, "notes.md": "# Notes\n\n## Caching\n"})
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    (card,) = deck_json(tmp_path / "site")["cards"]
    abbr = '<abbr title="Time to live">TTL</abbr>'
    assert (card["front"], card["front_html"]) == ("TTL", abbr)
    assert card["back_html"] == (
        f'<p>how long a <a href="notes/#caching">cached entry</a> lives in the {abbr} policy.</p>'
    )
    page = soup_of(tmp_path / "site" / "flashcards" / "index.html")
    assert page.select_one('.playbook-cards-back a[href="../notes/#caching"]') is not None
    assert page.select_one('dl.playbook-cards-list[data-label="Question Bank"]') is not None


def test_a_site_without_a_question_bank_still_builds_an_empty_deck(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"notes.md": "# Notes\n\n- **Not**: a source\n"})
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert deck_json(tmp_path / "site")["cards"] == []
    assert "0 cards" in (tmp_path / "site" / "flashcards" / "index.html").read_text("utf-8")


RUNNABLE = re.compile(
    r"<script|<iframe|<[^>]*\son\w+\s*=|<[^>]*\shref\s*=\s*\"?\s*javascript:", re.I
)


def article(path: Path) -> str:
    """The page's content (the theme's own inline scripts are not the cards' doing), less the
    study mode's own modules, which the flashcards page loads right after its panel."""
    content = fresh_soup_of(path).select_one("article")
    assert content is not None
    for node in content.select("link[rel=modulepreload], script[type=module][async]"):
        url = str(node.get("href") or node.get("src"))
        if url.startswith("../assets/playbook/") and not node.get_text():
            node.decompose()
    return str(content)


def test_hostile_cards_are_inert_in_every_output_and_fail_strict(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"bank.md": HOSTILE_BANK})
    strict = build(config, tmp_path / "strict")
    assert strict.returncode != 0
    assert "docs/bank.md:7: removed <script> element from the flashcard 'Script'" in strict.stderr
    assert "markup that can run code is never published" in strict.stderr
    result = build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    data = deck_json(site)
    assert len(data["cards"]) == 8
    outputs = {
        "flashcards page": article(site / "flashcards" / "index.html"),
        "source page": article(site / "bank" / "index.html"),
        "json": (site / "flashcards.json").read_text("utf-8"),
        "tsv": (site / "flashcards.tsv").read_text("utf-8").replace('""', '"'),
        "apkg": "\n".join(note[1] for note in apkg_notes(site, tmp_path / "c.anki2")),
    }
    for name, text in outputs.items():
        match = RUNNABLE.search(text)
        assert match is None, f"{name}: {text[max(0, match.start() - 60) :][:160]}"
        assert "pwned" not in text.replace("pwned-hover", ""), name
    escaped = next(card for card in data["cards"] if card["front"] == "Escaped")
    assert "<code>&lt;script&gt;alert(8)&lt;/script&gt;</code>" in escaped["back_html"]
