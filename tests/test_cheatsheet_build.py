"""Build tests: the cheat sheet is cut from the real pages at every build and never drifts."""

from __future__ import annotations

import contextlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_mkdocs_build
from site_pages import nav_pages, soup_of

pytestmark = pytest.mark.build

STEPS = (
    "1. Clarify use cases and constraints",
    "2. Back-of-the-envelope capacity",
    "3. API sketch and data model",
    "4. High-level architecture",
    "5. NFRs and bottlenecks",
    "6. Deep dive 1",
    "7. Deep dive 2",
    "8. Operability",
)
TIMEBOXES = ("2\u20133 min", "3\u20135 min", "5\u20137 min")
FORMULAS = ("Peak QPS", "Storage/day", "Bandwidth", "Cache hit goal")
QUESTION_TERMS = (
    "Consistency model",
    "Idempotency",
    "Hot partitions",
    "Backpressure",
    "Schema changes",
)


def configured_sections() -> list[dict[str, object]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "playbook" in plugin:
            sections: list[dict[str, object]] = plugin["playbook"]["cheatsheet"]["sections"]
            return sections
    raise AssertionError("mkdocs.yml configures no playbook plugin")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's tags (!ENV, !!python/name) as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def sheet_sections(site: Path) -> list[tuple[str, str, str]]:
    """(title, href of the link back, text) of every section on the built cheat sheet."""
    soup = soup_of(site / "cheat-sheet" / "index.html")
    found = []
    for section in soup.select("article .playbook-cheatsheet__section"):
        link = section.select_one("h2 a")
        assert link is not None
        found.append((link.get_text(strip=True), str(link["href"]), section.get_text(" ")))
    return found


def test_the_cheat_sheet_opens_the_reference_after_the_practice_pages(site_dir: Path) -> None:
    pages = nav_pages()
    assert pages[pages.index("progress.md") + 1] == "cheat-sheet.md"
    home = soup_of(site_dir / "index.html")
    labels = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    assert labels[labels.index("Progress") + 1] == "Cheat sheet"


def test_every_configured_section_is_on_the_sheet_in_order(site_dir: Path) -> None:
    titles = [title for title, _, _ in sheet_sections(site_dir)]
    assert titles == [
        str(section.get("title") or section["heading"]) for section in configured_sections()
    ]


def test_each_section_links_back_to_its_source_heading(site_dir: Path) -> None:
    for title, href, _ in sheet_sections(site_dir):
        path, _, anchor = href.partition("#")
        page = (site_dir / "cheat-sheet" / path / "index.html").resolve()
        assert page.is_file(), f"{title}: {href} is not a built page"
        assert soup_of(page).find(id=anchor) is not None, f"{title}: #{anchor} is not on {path}"


def test_every_link_and_image_on_the_sheet_resolves(site_dir: Path) -> None:
    soup = soup_of(site_dir / "cheat-sheet" / "index.html")
    ids = {str(tag["id"]) for tag in soup.select("[id]")}
    for link in soup.select("article a[href]"):
        href = str(link["href"])
        if href.startswith(("http", "mailto:")):
            continue
        path, _, anchor = href.partition("#")
        if not path:
            assert anchor in ids, f"#{anchor} is not on the cheat sheet"
            continue
        target = (site_dir / "cheat-sheet" / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), f"{href} does not resolve"
        if anchor:
            assert soup_of(target).find(id=anchor) is not None, f"{href}: no such anchor"


def test_ids_on_the_sheet_are_unique(site_dir: Path) -> None:
    soup = soup_of(site_dir / "cheat-sheet" / "index.html")
    ids = [str(tag["id"]) for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_sheet_holds_steps_formulas_answers_close_and_diagram(site_dir: Path) -> None:
    text = " ".join(section for _, _, section in sheet_sections(site_dir))
    for needle in (*STEPS, *TIMEBOXES, *FORMULAS, *QUESTION_TERMS):
        assert needle in text
    for needle in ("Public API", "Consistency", "Write path", "Observability", "No DLQ"):
        assert needle in text
    assert "Evolution plan" in text and "Restate" in text
    soup = soup_of(site_dir / "cheat-sheet" / "index.html")
    assert len(soup.select("article .playbook-cheatsheet [data-diagram]")) == 1
    assert soup.select_one("article h1") is not None
    assert soup.select_one("button.playbook-print") is not None
    assert soup.select_one(".playbook-cheatsheet-pdfs") is None, "PDFs are off in this build"


def test_toc_lists_the_sections(site_dir: Path) -> None:
    soup = soup_of(site_dir / "cheat-sheet" / "index.html")
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc == [title for title, _, _ in sheet_sections(site_dir)]


def test_search_ranks_the_sheet_below_its_sources(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    sheet = [doc for doc in index["docs"] if doc["location"].startswith("cheat-sheet/")]
    assert sheet and {doc.get("boost") for doc in sheet} == {0.5}
    assert any("Backpressure" in doc["text"] for doc in sheet)


DRAWINGS = Path(".cache/plugin/playbook/diagrams")
"""Where the site's build keeps its diagrams' drawings (diagrams.cache_dir's default)."""


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The real docs, overrides and mkdocs.yml in a temp folder, to edit freely; with the
    drawings the project's own builds cached, so the copy's build draws in Chromium only the
    diagrams they have not drawn yet (the same drawings: the cache is keyed by source,
    configuration and Mermaid build)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / DRAWINGS).mkdir(parents=True)
    for entry in (ROOT / DRAWINGS).glob("*.json"):
        # Another worker's build may be pruning the cache meanwhile: a vanished entry is a miss.
        with contextlib.suppress(FileNotFoundError):
            shutil.copy(entry, tmp_path / DRAWINGS / entry.name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editing_a_source_section_changes_the_sheet(project_copy: Path) -> None:
    docs = project_copy / "docs"
    edit(docs / "question-bank.md", "Bounded queues, priority lanes", "Token buckets, lanes")
    old_row = "| 5\u20137 min | Go deep on the most critical path"
    edit(docs / "index.md", old_row, "| 6\u20138 min | Go deep")
    edit(docs / "pitfalls.md", "**No DLQ**", "**No dead-letter queue**")
    result = run_mkdocs_build(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    text = " ".join(section for _, _, section in sheet_sections(project_copy / "site"))
    assert "Token buckets, lanes" in text and "Bounded queues" not in text
    assert "6\u20138 min" in text and "most critical path" not in text
    assert "No dead-letter queue" in text and "No DLQ" not in text


def test_a_configured_section_that_is_gone_fails_the_build(project_copy: Path) -> None:
    edit(
        project_copy / "docs" / "capacity-estimation.md",
        "## Numbers worth remembering",
        "## Numbers to know",
    )
    result = run_mkdocs_build(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml" in result.stderr and "plugins.playbook.cheatsheet.sections" in result.stderr
    assert "page capacity-estimation.md" in result.stderr
    assert "'Numbers worth remembering'" in result.stderr
    assert "Numbers to know (#numbers-to-know)" in result.stderr
    assert "fix `heading` or `anchor` in mkdocs.yml" in result.stderr


def small_site(tmp_path: Path, cheatsheet: str, pages: dict[str, str] | None = None) -> Path:
    """A minimal Material site with the playbook plugin and the given cheat-sheet options."""
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = pages or {"index.md": "# Home\n\n## Terms\n\nTERM\n:   Its answer.\n"}
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    options = textwrap.indent(textwrap.dedent(cheatsheet).strip(), " " * 8)
    (tmp_path / "mkdocs.yml").write_text(
        f"""\
site_name: Cheat sheet test
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - playbook:
      calculators:
        enabled: false
      flashcards:
        enabled: false
      cheatsheet:
{options}
markdown_extensions:
  - def_list
  - toc:
      permalink: true
""",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


def test_no_sections_no_cheat_sheet(tmp_path: Path) -> None:
    config = small_site(tmp_path, "enabled: true")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "cheat-sheet").exists()
    styles = (tmp_path / "site" / "assets" / "playbook" / "styles.css").read_text(encoding="utf-8")
    # The site's print styles, and not the styles of the features turned off.
    assert "/* print.css */" in styles and "/* flashcards.css */" not in styles


def test_small_site_sheet_by_anchor(tmp_path: Path) -> None:
    config = small_site(
        tmp_path,
        """
        sections:
          - page: index.md
            anchor: terms
            title: "Words <b>bold</b>"
        """,
    )
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    [(title, href, text)] = sheet_sections(tmp_path / "site")
    assert (title, href) == ("Words <b>bold</b>", "../#terms")
    assert "Its answer." in text
    soup = soup_of(tmp_path / "site" / "cheat-sheet" / "index.html")
    assert soup.select("article b, .md-sidebar b") == [], "a title is text, never markup"
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc == ["Words <b>bold</b>"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "sections:\n  - page: index.md\n    heading: Terms\n    anchor: terms",
            "sections[0] (page index.md) needs exactly one of `heading`",
        ),
        (
            "sections:\n  - page: index.md",
            "sections[0] (page index.md) needs exactly one of `heading`",
        ),
        (
            "sections:\n  - page: nowhere.md\n    heading: Terms",
            "nowhere.md is not a page of the site",
        ),
        (
            "sections:\n  - page: index.md\n    heading: Terms\n    blocks: [table]",
            "the section has no content of table directly under its heading",
        ),
        (
            "sections:\n  - page: index.md\n    heading: Terms\n    blocks: [tables]",
            "Expected one of",
        ),
    ],
)
def test_configuration_errors_name_the_fix(tmp_path: Path, options: str, message: str) -> None:
    config = small_site(tmp_path, options)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_docs_page_in_the_way_is_an_error(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n## Terms\n\nx\n", "cheat-sheet.md": "# Mine\n"}
    config = small_site(tmp_path, "sections:\n  - page: index.md\n    heading: Terms", pages)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert "docs/cheat-sheet.md exists, but the cheat sheet generates it" in result.stderr


def test_cheat_sheet_has_its_own_description(site_dir: Path) -> None:
    def description(page: Path) -> str:
        meta = soup_of(page).select_one('meta[name="description"]')
        assert meta is not None
        return str(meta["content"])

    sheet = description(site_dir / "cheat-sheet" / "index.html")
    assert "two printed pages" in sheet
    assert sheet != description(site_dir / "404.html"), "the site-wide default, not its own"
