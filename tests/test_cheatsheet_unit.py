"""Unit tests for the cheat sheet's pure modules: cutting sections out of HTML, moving them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_playbook.cheatsheet.assemble import SectionSpec, SourcePage, assemble, render
from mkdocs_playbook.cheatsheet.pdf import PrintCache, Printout, site_path
from mkdocs_playbook.core.sections import (
    Block,
    Heading,
    find_heading,
    move,
    parse,
    relocate,
    section_blocks,
)

PAGE = """<h1 id="flow">8-Step Flow<a class="headerlink" href="#flow">¶</a></h1>
<p>Intro with a <a href="../overview/">link</a>.</p>
<div class="mermaid">flowchart LR
  a --&gt; b
</div>
<table>
<tr><td><a href="#clarify">1. Clarify</a></td><td>2\u20133 min</td></tr>
</table>
<hr>
<h2 id="clarify">1. Clarify <em>use cases</em><a class="headerlink" href="#clarify">¶</a></h2>
<ul><li>Users</li></ul>
<div class="admonition tip"><p class="admonition-title">Why</p><p>Scope.</p></div>
<details class="example"><summary>More</summary><p>Hidden</p></details>
<div class="tabbed-set" data-tabs="1:2"><input id="__tabbed_1_1" type="radio">
<label for="__tabbed_1_1">A</label></div>
<form class="playbook-calculator" id="calc-x"><input name="a"></form>
<h2 id="terms">Terms</h2>
<dl><dt>RED</dt><dd>Rate, errors, duration</dd></dl>
"""


def kinds(blocks: list[Block]) -> list[str]:
    return [block.kind for block in blocks]


def test_parse_splits_top_level_blocks_and_headings() -> None:
    nodes = parse(PAGE)
    assert nodes[0] == Heading(1, "flow", "8-Step Flow")
    assert [type(node).__name__ for node in nodes].count("Heading") == 3
    assert kinds([n for n in nodes if isinstance(n, Block)]) == [
        *("paragraph", "diagram", "table", "other", "list", "admonition", "details", "tabs"),
        *("calculator", "definitions"),
    ]
    table = next(n for n in nodes if isinstance(n, Block) and n.kind == "table")
    assert table.html.startswith("<table>") and table.html.endswith("</table>")


def test_heading_text_leaves_out_the_permalink_and_keeps_inline_markup_text() -> None:
    found = find_heading(parse(PAGE), "1. clarify USE", None)
    assert found is not None
    assert found[1] == Heading(2, "clarify", "1. Clarify use cases")


def test_find_heading_by_anchor_and_missing() -> None:
    nodes = parse(PAGE)
    assert find_heading(nodes, None, "terms") == (len(nodes) - 2, Heading(2, "terms", "Terms"))
    assert find_heading(nodes, "Nope", None) is None
    assert find_heading(nodes, None, "nope") is None


def test_section_stops_at_the_next_heading_and_filters_kinds() -> None:
    nodes = parse(PAGE)
    index, _ = find_heading(nodes, "8-Step", None) or (0, None)
    assert kinds(section_blocks(nodes, index, frozenset())) == [
        *("paragraph", "diagram", "table", "other")
    ]
    assert kinds(section_blocks(nodes, index, frozenset({"table"}))) == ["table"]


@pytest.mark.parametrize(
    ("url", "source", "target", "expected"),
    [
        ("../overview/", "flow/", "cheat-sheet/", "../overview/"),
        ("#clarify", "flow/", "cheat-sheet/", "../flow/#clarify"),
        ("flow/#x", "", "cheat-sheet/", "../flow/#x"),
        ("../", "flow/", "cheat-sheet/", "../"),
        ("../assets/a.png", "guide/flow/", "cheat-sheet/", "../guide/assets/a.png"),
        ("overview.html#a", "flow.html", "cheat-sheet.html", "overview.html#a"),
        ("../cheat-sheet/#a", "flow/", "cheat-sheet/", "./#a"),
        ("https://example.org/x", "flow/", "cheat-sheet/", "https://example.org/x"),
        ("mailto:me@example.org", "flow/", "cheat-sheet/", "mailto:me@example.org"),
        ("/absolute/", "flow/", "cheat-sheet/", "/absolute/"),
    ],
)
def test_relocate(url: str, source: str, target: str, expected: str) -> None:
    assert relocate(url, source, target) == expected


def test_move_prefixes_ids_and_keeps_links_to_them_local() -> None:
    block = (
        '<div class="tabbed-set"><input id="__tabbed_1_1"><label for="__tabbed_1_1">A</label>'
        '<a href="#__tabbed_1_1">here</a> <a href="#elsewhere">there</a>'
        '<a href="../x/?a=1&amp;b=2">q</a></div>'
    )
    moved = move(block, "s--", "flow/", "cheat-sheet/")
    assert 'id="s--__tabbed_1_1"' in moved and 'for="s--__tabbed_1_1"' in moved
    assert 'href="#s--__tabbed_1_1"' in moved
    assert 'href="../flow/#elsewhere"' in moved
    assert 'href="../x/?a=1&amp;b=2"' in moved


def pages(html: str = PAGE) -> dict[str, SourcePage]:
    return {"flow.md": SourcePage("flow.md", "flow/", "The <flow>", html)}


def test_assemble_cuts_titles_and_links_back() -> None:
    specs = [
        SectionSpec("flow.md", heading="8-Step", kinds=frozenset({"table"})),
        SectionSpec("flow.md", anchor="terms", title="Terms & more"),
    ]
    result = assemble(specs, pages(), "cheat-sheet/")
    assert result.problems == []
    first, second = result.sections
    assert (first.anchor, first.title, first.source_href) == (
        "8-step-flow",
        "8-Step Flow",
        "../flow/#flow",
    )
    assert 'href="../flow/#clarify"' in first.html and "<p>" not in first.html
    assert (second.anchor, second.source_href) == ("terms-more", "../flow/#terms")
    html = render(result.sections)
    assert '<a href="../flow/#terms" title="From The &lt;flow&gt;">Terms &amp; more</a>' in html
    assert html.count('<section class="playbook-cheatsheet__section"') == 2


def test_assemble_keeps_anchors_unique() -> None:
    spec = SectionSpec("flow.md", anchor="terms")
    result = assemble([spec, spec], pages(), "cheat-sheet/")
    assert [s.anchor for s in result.sections] == ["terms", "terms-2"]


def test_assemble_reports_what_to_fix() -> None:
    specs = [
        SectionSpec("missing.md", heading="X"),
        SectionSpec("flow.md", heading="Capacity"),
        SectionSpec("flow.md", anchor="terms", kinds=frozenset({"table"})),
    ]
    result = assemble(specs, pages(), "cheat-sheet/")
    assert result.sections == []
    missing, heading, empty = result.problems
    assert missing.startswith("sections[0] (page missing.md")
    assert "not a page of the site" in missing
    assert "sections[1]" in heading and "'Capacity'" in heading
    assert "8-Step Flow (#flow)" in heading and "fix `heading` or `anchor`" in heading
    assert "sections[2]" in empty and "#terms" in empty and "no content of table" in empty


def test_a_kept_printout_holds_while_every_file_its_page_loaded_is_unchanged(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text("<h1>Page</h1>", encoding="utf-8")
    (site / "style.css").write_text("h1 {}", encoding="utf-8")
    cache = PrintCache(tmp_path / "cache", site)
    loaded = {path: cache.digest(path) for path in ("page/index.html", "style.css", "gone.js")}
    assert loaded["gone.js"] is None  # asked for and missing: it must stay missing
    cache.put("key", Printout(b"%PDF-1.7 printed", "Page", loaded))

    def kept() -> Printout | None:
        return PrintCache(tmp_path / "cache", site).get("key")  # a later build

    assert kept() == Printout(b"%PDF-1.7 printed", "Page", loaded)
    (site / "style.css").write_text("h1 { color: red }", encoding="utf-8")
    assert kept() is None
    (site / "style.css").write_text("h1 {}", encoding="utf-8")
    assert kept() is not None
    (site / "gone.js").write_text("", encoding="utf-8")
    assert kept() is None


def test_the_local_servers_urls_name_the_files_they_serve() -> None:
    base = "http://127.0.0.1:8000/"
    assert site_path(base, base) == "index.html"
    assert site_path(base + "a%20b/?q=1#top", base) == "a b/index.html"
    assert site_path(base + "assets/x.js", base) == "assets/x.js"
    assert site_path("http://127.0.0.1:9000/x.js", base) is None
