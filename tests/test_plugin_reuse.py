"""The plugin on someone else's site: a new Material site whose only setup is
``plugins: [search, playbook]`` builds with --strict, and every feature whose input exists works
(a diagram with the Mermaid build the plugin ships); a Mermaid module the site names is checked,
with everything missing in one message. The progress page, which a site asks for, reads that
site's storage and has only the blocks of that site's features."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import ROOT, close_page, open_page, run_mkdocs_build
from mkdocs_playbook.core.loopback import serve
from site_pages import soup_of

pytestmark = pytest.mark.build

VENDORED_MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid"

PAGES = {
    "index.md": """\
        # Capacity notes

        ```calculator
        use: peak-qps
        ```
        """,
    "guide/questions.md": """\
        # Questions

        ## Question Bank

        - **Idempotency key**: a client-chosen id that makes a retried write safe.
        - **Backpressure**: slowing producers down when consumers fall behind.
        """,
}
DIAGRAM = """\
# Architecture

```mermaid
flowchart LR
  accTitle: Request path
  A["Client"] --> B["API"]
```
"""


def write_site(root: Path, pages: dict[str, str], playbook: str = "  - playbook\n") -> Path:
    """A new Material site: a name, the theme, two plugins. No Markdown extensions at all.
    (``font: false`` only because Material fetches Google Fonts otherwise, which this machine
    cannot reach: that is the site's choice, not the plugin's.)"""
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Someone else's notes\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n{playbook}",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("foreign")
    config = write_site(root, PAGES)
    result = run_mkdocs_build(root / "site", config)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root / "site"


def test_one_plugin_line_gives_calculators_and_flashcards(foreign_site: Path) -> None:
    home = soup_of(foreign_site / "index.html")
    assert home.select_one('form[data-calculator="peak-qps"]') is not None
    deck = soup_of(foreign_site / "flashcards" / "index.html")
    assert deck.select_one(".playbook-cards-study[data-flashcards]") is not None
    assert "Idempotency key" in deck.get_text() and "Backpressure" in deck.get_text()


def test_no_markup_leaks_into_headings_or_the_table_of_contents(foreign_site: Path) -> None:
    deck = soup_of(foreign_site / "flashcards" / "index.html")
    text = deck.get_text()
    assert "{ #" not in text and "{:" not in text
    headings = [h for h in deck.select("article h3[id]")]
    assert headings and all(str(h["id"]).startswith("fc-") for h in headings)


@pytest.mark.browser
@pytest.mark.parametrize("page_url", ["", "flashcards/"])
def test_the_widgets_run_without_console_errors(
    browser: Browser, foreign_site: Path, page_url: str
) -> None:
    with serve(foreign_site) as url:
        page, watch = open_page(browser)
        try:
            page.goto(url + page_url)
            study = ".playbook-cards-study[data-mounted]"
            ready = "form[data-calculator][data-ready]" if not page_url else study
            page.wait_for_selector(ready)
            watch.assert_clean()
        finally:
            close_page(page)


def test_a_diagram_needs_no_mermaid_setup_the_plugin_ships_its_own(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"index.md": "# Home\n", "arch.md": DIAGRAM})
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    svg = soup_of(tmp_path / "site" / "arch" / "index.html").select_one("[data-diagram] svg")
    assert svg is not None and "Request path" in svg.get_text()
    assert not (tmp_path / "site" / "assets" / "playbook" / "mermaid").exists(), "all drawn"


def test_a_module_without_its_chunks_is_refused_with_the_fix(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"index.md": DIAGRAM},
        "  - playbook:\n      diagrams:\n"
        "        mermaid_module: assets/vendor/mermaid/mermaid.esm.min.mjs\n",
    )
    module = tmp_path / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    module.parent.mkdir(parents=True)
    module.write_bytes((VENDORED_MERMAID / "mermaid.esm.min.mjs").read_bytes())
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "its chunks are missing: docs/assets/vendor/mermaid/chunks/mermaid.esm.min/" in (
        result.stderr
    )
    assert "the module is missing" not in result.stderr


@pytest.mark.parametrize(
    "setup",
    [
        "  - playbook:\n      diagrams:\n        mermaid_module: {module}\n",
        "  - mermaid2:\n      javascript: {module}\n  - playbook\n",
    ],
    ids=["plugin option", "mermaid2's javascript"],
)
def test_one_line_naming_mermaid_draws_diagrams_on_root_and_nested_pages(
    tmp_path: Path, setup: str
) -> None:
    config = write_site(
        tmp_path,
        {"index.md": DIAGRAM, "deep/page.md": DIAGRAM.replace("Request path", "Nested path")},
        setup.format(module="assets/vendor/mermaid/mermaid.esm.min.mjs"),
    )
    (tmp_path / "docs" / "assets" / "vendor").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "vendor" / "mermaid").symlink_to(VENDORED_MERMAID)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    for page, title in (("index.html", "Request path"), ("deep/page/index.html", "Nested path")):
        svg = soup_of(tmp_path / "site" / page).select_one("[data-diagram] svg[role=img]")
        assert svg is not None and title in svg.get_text()


NO_BANK = {
    "index.md": "# Notes\n\n## Terms\n\n- **Queue**: a buffer between producer and consumer.\n"
}
FLASHCARD_FILES = ("flashcards/index.html", "flashcards.json", "flashcards.tsv", "flashcards.apkg")


def test_a_site_with_no_question_bank_gets_no_flashcards_page(tmp_path: Path) -> None:
    config = write_site(tmp_path, NO_BANK)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert [name for name in FLASHCARD_FILES if (tmp_path / "site" / name).exists()] == []
    styles = tmp_path / "site" / "assets" / "playbook" / "styles.css"
    assert "/* flashcards.css */" not in styles.read_text(encoding="utf-8")
    assert re.search(
        r"INFO +- +playbook flashcards: no page has a 'Question Bank' heading", result.stderr
    )


def test_a_site_that_lists_the_page_in_its_nav_gets_it_even_empty(tmp_path: Path) -> None:
    config = write_site(tmp_path, NO_BANK)
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - index.md\n  - Cards: flashcards.md\n",
        encoding="utf-8",
    )
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert all((tmp_path / "site" / name).is_file() for name in FLASHCARD_FILES)
    assert "0 cards from 0 pages" in result.stderr


def test_sources_of_the_sites_own_that_match_no_heading_are_a_warning(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        NO_BANK,
        "  - playbook:\n      flashcards:\n        sources:\n          - heading: Glossary\n",
    )
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(r"WARNING +- +playbook flashcards: no page has a heading that", result.stderr)
    assert not (tmp_path / "site" / "flashcards.json").exists()
    renamed = config.read_text(encoding="utf-8").replace("Glossary", "Terms")
    config.write_text(renamed, encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert "1 cards from 1 pages" in result.stderr


def test_the_flashcards_page_links_the_guide_the_site_names_and_no_other(tmp_path: Path) -> None:
    """No guide unless asked for; a guide that is not a page stops the build; the link works from
    a flashcards page in a folder of its own."""
    config = write_site(tmp_path, {**PAGES, "writing.md": "# Writing\n\n## Cards\n\nHow.\n"})
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert (
        soup_of(tmp_path / "site" / "flashcards" / "index.html").select("article a[href*=writing]")
        == []
    )
    options = "  - playbook:\n      flashcards:\n        page: study/cards.md\n        guide: {}\n"
    write_site(tmp_path, {}, options.format("notes.md#cards"))
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "flashcards.guide names notes.md#cards, which is not a page of the site" in result.stderr
    write_site(tmp_path, {}, options.format("writing.md#cards"))
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    links = soup_of(tmp_path / "site" / "study" / "cards" / "index.html").select(
        "article a[href*=writing]"
    )
    assert [link["href"] for link in links] == ["../../writing/#cards"]
    assert all(
        (tmp_path / "site" / "study" / f"cards.{kind}").is_file()
        for kind in ("json", "tsv", "apkg")
    )


def test_the_target_retention_reaches_the_schedule_and_out_of_range_is_refused(
    tmp_path: Path,
) -> None:
    options = "  - playbook:\n      flashcards:\n        target_retention: {}\n"
    config = write_site(tmp_path, PAGES, options.format(0.99))
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "flashcards.target_retention: target retention 0.99 is outside 0.7 to 0.97" in result.stderr
    )
    write_site(tmp_path, PAGES, options.format(0.85))
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    deck = json.loads((tmp_path / "site" / "flashcards.json").read_text(encoding="utf-8"))
    assert deck["scheduler"]["target_retention"] == 0.85
    page = soup_of(tmp_path / "site" / "flashcards" / "index.html")
    assert "85%" in page.get_text()
    study = page.select_one("[data-flashcards]")
    assert study is not None
    assert json.loads(str(study["data-flashcards"]))["scheduler"]["target_retention"] == 0.85


REFERENCE_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "href")


def test_a_calculator_copied_onto_the_cheat_sheet_keeps_every_reference(tmp_path: Path) -> None:
    """Copied content gets new ids; every attribute that points at an id must follow."""
    config = write_site(
        tmp_path,
        {"index.md": "# Home\n\n## Peak\n\n```calculator\nuse: peak-qps\n```\n"},
        "  - playbook:\n      cheatsheet:\n        sections:\n"
        "          - page: index.md\n            heading: Peak\n",
    )
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    sheet = soup_of(tmp_path / "site" / "cheat-sheet" / "index.html")
    article = sheet.select_one("article")
    assert article is not None and article.select_one("form[data-calculator]") is not None
    ids = {str(tag["id"]) for tag in sheet.select("[id]")}
    broken = []
    checked = 0
    for tag in article.select(",".join(f"[{name}]" for name in REFERENCE_ATTRIBUTES)):
        for name in REFERENCE_ATTRIBUTES:
            raw = tag.get(name) or ""
            value = raw if isinstance(raw, str) else " ".join(raw)  # bs4 splits some lists
            targets = [value[1:]] if name == "href" and value.startswith("#") else []
            if name != "href":
                targets = value.split()
            checked += len(targets)
            broken += [f"{tag.name}[{name}={target}]" for target in targets if target not in ids]
    assert checked > 10 and broken == []


def test_a_foreign_deck_shares_no_ids_or_storage_with_this_site(
    foreign_site: Path, tmp_path: Path
) -> None:
    """Importing both decks into Anki keeps them apart; progress on one origin stays apart."""
    theirs = json.loads((foreign_site / "flashcards.json").read_text(encoding="utf-8"))["deck"]
    assert theirs["anki"]["deck_id"] != 1_734_902_377
    assert theirs["anki"]["model_id"] != 1_734_902_311
    assert theirs["storage_prefix"] == "someone-else-s-notes/flashcards/v1/"
    study = soup_of(foreign_site / "flashcards" / "index.html").select_one("[data-storage-prefix]")
    assert study is not None and study["data-storage-prefix"] == theirs["storage_prefix"]
    again = tmp_path / "again"
    result = run_mkdocs_build(again, write_site(tmp_path / "copy", PAGES))
    assert result.returncode == 0, result.stderr
    assert json.loads((again / "flashcards.json").read_text(encoding="utf-8"))["deck"] == theirs


PROGRESS = "  - playbook:\n      progress:\n        enabled: true\n        track: [guide/*.md]\n"
"""The progress page asked for, with a page to track: no mock interview on this site."""


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("foreign-progress")
    result = run_mkdocs_build(root / "site", write_site(root, PAGES, PROGRESS))
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_progress_page_is_off_unless_the_site_asks(foreign_site: Path) -> None:
    assert not (foreign_site / "progress").exists()
    styles = foreign_site / "assets" / "playbook" / "styles.css"
    assert "/* progress.css */" not in styles.read_text(encoding="utf-8")
    for page in foreign_site.rglob("*.html"):
        assert "data-progress" not in page.read_text(encoding="utf-8"), page


def test_a_strangers_progress_page_reads_that_sites_storage_and_its_own_blocks(
    progress_site: Path,
) -> None:
    page = soup_of(progress_site / "progress" / "index.html")
    root = page.select_one("[data-progress]")
    assert root is not None
    data = json.loads(str(root["data-progress"]))
    assert data["site"] == "Someone else's notes"
    assert data["storage"] == "someone-else-s-notes/progress/v1/"
    assert data["flashcards"]["storage"] == "someone-else-s-notes/flashcards/v1/"
    assert "mock" not in data, "no mock interview on this site"
    assert [b["data-block"] for b in page.select("[data-block]")] == [
        "flashcards",
        "pages",
        "backup",
    ]
    assert [li["data-page"] for li in page.select("li[data-page]")] == ["guide/questions.md"]
    marked = soup_of(progress_site / "guide" / "questions" / "index.html")
    marker = marked.select_one("[data-progress-visit]")
    assert marker is not None
    assert json.loads(str(marker["data-progress-visit"]))["storage"] == data["storage"]
    assert soup_of(progress_site / "index.html").select_one("[data-progress-visit]") is None


def test_a_track_pattern_that_matches_no_page_stops_a_strict_build(tmp_path: Path) -> None:
    playbook = PROGRESS.replace("guide/*.md", "guides/*.md")
    result = run_mkdocs_build(tmp_path / "site", write_site(tmp_path, PAGES, playbook))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "plugins.playbook.progress.track: 'guides/*.md' matches no page" in result.stderr


@pytest.mark.browser
def test_a_strangers_progress_page_counts_a_card_studied_and_backs_up_that_site(
    browser: Browser, progress_site: Path, tmp_path: Path
) -> None:
    with serve(progress_site) as url:
        page, watch = open_page(browser)
        try:
            page.goto(url + "flashcards/")
            page.wait_for_selector(".playbook-cards-study[data-mounted]")
            page.locator(".playbook-cards-flip").click()
            page.locator('.playbook-cards-grade[data-grade="good"]').click()
            page.goto(url + "guide/questions/")
            page.wait_for_function("Object.keys(localStorage).some((k) => k.includes('/visited/'))")
            page.goto(url + "progress/")
            page.wait_for_selector(".playbook-progress[data-mounted]")
            total = page.locator("tr.playbook-progress-total")
            assert total.locator('[data-count="learning"]').inner_text() == "1"
            opened = page.locator('li[data-page="guide/questions.md"]')
            assert opened.get_attribute("data-opened") == "true"
            ours = page.evaluate(
                "Object.keys(localStorage).filter((key) => /flashcards|progress/.test(key))"
            )
            assert ours and all(key.startswith("someone-else-s-notes/") for key in ours), ours
            with page.expect_download() as download:
                page.get_by_role("button", name="Export progress").click()
            path = tmp_path / "backup.json"
            download.value.save_as(path)
            backup = json.loads(path.read_text(encoding="utf-8"))
            assert backup["site"] == "Someone else's notes" and "mock" not in backup
            assert len(backup["flashcards"]) == 1 and len(backup["progress"]) == 1
            watch.assert_clean()
        finally:
            close_page(page)
