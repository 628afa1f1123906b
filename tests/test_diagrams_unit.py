"""Diagrams without MkDocs or a browser: cache keys, id renaming, SVG preparation, error lines,
the drawer's use of the cache, the markup left for the browser and the offline check."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from conftest import ROOT
from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.core.disk_cache import file_digest
from mkdocs_playbook.core.idrefs import ids_of, prefix_ids
from mkdocs_playbook.diagrams import mermaid2
from mkdocs_playbook.diagrams.cache import DrawingCache, Rendered, cache_key
from mkdocs_playbook.diagrams.drawing import DiagramError, Drawer, error_line, merged
from mkdocs_playbook.diagrams.library import MERMAID_VERSION, MermaidSetup
from mkdocs_playbook.diagrams.markup import browser_html, drawn_html, prepare_svg

# The shape of what Mermaid 12 returns for a flowchart with accTitle and accDescr: a root id
# used by the style sheet, markers referenced through url(#...), ids that do not start with
# the root id, and ARIA references to the title and description.
MERMAID_SVG = (
    '<svg id="diagram" width="100%" xmlns="http://www.w3.org/2000/svg" class="flowchart" '
    'style="max-width: 694.5px;" viewBox="0 0 694.5 812.2" role="graphics-document document" '
    'aria-roledescription="flowchart-v2" aria-labelledby="chart-title-diagram" '
    'aria-describedby="chart-desc-diagram">'
    '<title id="chart-title-diagram">Write &amp; read path</title>'
    '<desc id="chart-desc-diagram">From users to projections</desc>'
    "<style>#diagram{font-size:16px;fill:#333;}#diagram .node rect{fill:#ECECFF;}"
    "#diagram .marker{fill:url(#diagram_gradient);}</style>"
    '<marker id="diagram_flowchart-v2-pointEnd"></marker>'
    '<linearGradient id="diagram_gradient"></linearGradient>'
    '<g id="L_U_E_0"><path marker-end="url(#diagram_flowchart-v2-pointEnd)"></path></g>'
    '<use href="#L_U_E_0"></use><a href="#elsewhere">x</a></svg>'
)


# --- ids -----------------------------------------------------------------------------------------


def test_prefixing_renames_every_id_and_every_reference_to_it() -> None:
    renamed = prefix_ids(MERMAID_SVG, "p-")
    assert ids_of(renamed) == [f"p-{name}" for name in ids_of(MERMAID_SVG)]
    for reference in (
        'aria-labelledby="p-chart-title-diagram"',
        'aria-describedby="p-chart-desc-diagram"',
        "url(#p-diagram_flowchart-v2-pointEnd)",
        "#p-diagram{font-size",
        "#p-diagram .node rect{fill:#ECECFF;}",  # a colour is not an id
        "url(#p-diagram_gradient)",  # renamed once, inside the style sheet
        'href="#p-L_U_E_0"',
        'href="#elsewhere"',  # not an id of the fragment: it points elsewhere
    ):
        assert reference in renamed


def test_labels_and_aria_relations_follow_their_targets() -> None:
    fragment = (
        '<label for="q">Q</label><input id="q" aria-describedby="q-hint other">'
        '<p id="q-hint">hint</p><div aria-controls="q" data-id="q"></div>'
    )
    renamed = prefix_ids(fragment, "s--")
    assert 'for="s--q"' in renamed
    assert 'aria-describedby="s--q-hint other"' in renamed
    assert 'aria-controls="s--q"' in renamed
    assert 'data-id="q"' in renamed  # not a reference attribute


# --- SVG for a page --------------------------------------------------------------------------


def test_a_prepared_svg_is_one_named_image_at_its_natural_size() -> None:
    drawn = prepare_svg(MERMAID_SVG, "dabc-light", "light")
    opening = re.match(r"<svg[^>]*>", drawn.svg)
    assert opening is not None
    root = opening.group(0)
    assert 'id="dabc-light-0"' in root
    assert 'role="img"' in root and "graphics-document" not in root
    assert "aria-roledescription" not in root and "max-width" not in root
    assert 'width="695" height="813"' in root
    assert 'aria-labelledby="dabc-light-1"' in root  # the <title>, the next id
    assert 'data-diagram-palette="light"' in root
    assert (drawn.width, drawn.height, drawn.title) == (695, 813, "Write & read path")


def test_ids_do_not_depend_on_what_mermaid_drew_before() -> None:
    """Mermaid numbers sequence-diagram actors with a counter that runs across diagrams."""
    first = MERMAID_SVG.replace("L_U_E_0", "actor3")
    later = MERMAID_SVG.replace("L_U_E_0", "actor17")
    assert first != later
    assert prepare_svg(first, "p", "light") == prepare_svg(later, "p", "light")


def test_without_acc_title_the_fence_title_or_the_kind_names_the_image() -> None:
    bare = re.sub(r"<title.*?</title>", "", MERMAID_SVG).replace(
        ' aria-labelledby="chart-title-diagram"', ""
    )
    titled = prepare_svg(bare, "p", "dark", fence_title='Cache "stampede"')
    assert 'aria-label="Cache &quot;stampede&quot;"' in titled.svg
    assert titled.title == 'Cache "stampede"'
    assert prepare_svg(bare, "p", "dark").title == "Flowchart"


def test_an_svg_without_a_viewbox_is_refused() -> None:
    with pytest.raises(ValueError, match="viewBox"):
        prepare_svg('<svg id="diagram"></svg>', "p", "light")


def test_the_page_markup_holds_both_palettes_and_a_labelled_region_and_button() -> None:
    drawings = {
        palette: prepare_svg(MERMAID_SVG, f"dabc-{palette}", palette)
        for palette in ("light", "dark")
    }
    page = drawn_html(drawings)
    assert page.startswith('<div class="playbook-diagram" data-diagram data-search-exclude>')
    assert page.index('data-diagram-palette="light"') < page.index('data-diagram-palette="dark"')
    assert 'role="region" tabindex="0" aria-label="Diagram: Write &amp; read path"' in page
    assert "--playbook-diagram-width: 695px; --playbook-diagram-height: " in page
    assert '<button type="button" class="playbook-diagram__open" hidden>' in page
    assert len(ids_of(page)) == 2 * len(ids_of(MERMAID_SVG))  # no id shared by the palettes


def test_an_error_box_escapes_the_message_and_the_source() -> None:
    box = error_box("diagram", ["docs/a.md:3: Parse error <here>"], 'A["<b>"]')
    assert "This diagram could not be built." in box
    assert "docs/a.md:3: Parse error &lt;here&gt;" in box
    assert "A[&quot;&lt;b&gt;&quot;]" in box
    assert "<b>" not in box


def test_a_diagram_left_to_the_browser_cannot_inject_markup() -> None:
    source = 'graph TD\n  A["<img src=x onerror=alert(1)>"] --> B'
    config = {"securityLevel": "strict", "label": '"><script>'}
    html = browser_html(source, "../assets/m.mjs", config, {"light": "default", "dark": "dark"})
    assert html.startswith('<div class="mermaid" data-search-exclude data-mermaid-module=')
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "--&gt; B" in html
    settings = re.search(r'data-mermaid-config="([^"]*)"', html)
    assert settings is not None
    assert json.loads(html_module.unescape(settings.group(1))) == config
    themes = re.search(r'data-mermaid-themes="([^"]*)"', html)
    assert themes is not None
    assert json.loads(html_module.unescape(themes.group(1))) == {"light": "default", "dark": "dark"}


# --- Cache and drawer ----------------------------------------------------------------------------


def test_the_cache_key_changes_with_source_configuration_and_mermaid() -> None:
    key = cache_key("graph TD; A-->B", {"theme": "default"}, "m1")
    assert key == cache_key("graph TD; A-->B", {"theme": "default"}, "m1")
    assert (
        len(
            {
                key,
                cache_key("graph TD; A-->C", {"theme": "default"}, "m1"),
                cache_key("graph TD; A-->B", {"theme": "dark"}, "m1"),
                cache_key("graph TD; A-->B", {"theme": "default"}, "m2"),
            }
        )
        == 4
    )
    # Key order in the configuration does not matter; nested values do.
    assert cache_key("s", {"a": 1, "b": {"c": 2}}, "m") == cache_key(
        "s", {"b": {"c": 2}, "a": 1}, "m"
    )
    assert cache_key("s", {"b": {"c": 2}}, "m") != cache_key("s", {"b": {"c": 3}}, "m")


def test_file_digest_is_the_content_hash(tmp_path: Path) -> None:
    module = tmp_path / "m.mjs"
    module.write_text("export default 1;\n", encoding="utf-8")
    before = file_digest(module)
    module.write_text("export default 2;\n", encoding="utf-8")
    assert file_digest(module) != before and len(before) == 64


def test_the_cache_keeps_drawings_and_errors(tmp_path: Path) -> None:
    cache = DrawingCache(tmp_path / "cache")
    assert cache.get("k1") is None
    cache.put("k1", Rendered(svg="<svg/>"))
    cache.put("k2", Rendered(error="Parse error on line 2"))
    assert cache.get("k1") == Rendered(svg="<svg/>")
    assert cache.get("k2") == Rendered(error="Parse error on line 2")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["k1.json", "k2.json"]


class CountingRenderer:
    """A stand-in for Chromium that answers like Mermaid and counts what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def draw(self, source: str, config: Mapping[str, Any]) -> Rendered:
        self.calls.append((source, config["theme"]))
        if "oops" in source:
            return Rendered(error="Parse error on line 2:\n...oops\n---^")
        return Rendered(svg=MERMAID_SVG)


def drawer(renderer: CountingRenderer, cache: DrawingCache | None) -> Drawer:
    return Drawer(
        config={"securityLevel": "strict"},
        themes={"light": "default", "dark": "dark"},
        mermaid_digest="m",
        renderer=lambda: renderer,
        cache=cache,
    )


def test_a_warm_cache_draws_nothing(tmp_path: Path) -> None:
    first = CountingRenderer()
    cold = drawer(first, DrawingCache(tmp_path))
    cold.draw("graph TD; A-->B", "d1")
    assert first.calls == [("graph TD; A-->B", "default"), ("graph TD; A-->B", "dark")]
    assert (cold.drawn, cold.reused) == (2, 0)
    second = CountingRenderer()
    warm = drawer(second, DrawingCache(tmp_path))
    drawings = warm.draw("graph TD; A-->B", "d1")
    assert second.calls == [] and (warm.drawn, warm.reused) == (0, 2)
    assert drawings["dark"].svg.startswith('<svg id="d1-dark-0"')


def test_without_a_cache_a_repeated_diagram_is_drawn_once_per_build() -> None:
    renderer = CountingRenderer()
    build = drawer(renderer, None)
    build.draw("graph TD; A-->B", "d1")
    build.draw("graph TD; A-->B", "d1-2")
    assert len(renderer.calls) == 2


def test_a_broken_diagram_raises_mermaids_message(tmp_path: Path) -> None:
    with pytest.raises(DiagramError, match="Parse error on line 2"):
        drawer(CountingRenderer(), DrawingCache(tmp_path)).draw("graph TD\noops", "d1")


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("Parse error on line 3:\n...A[--\n-----^", 12),
        ("Lexical error on line 1. Unrecognized text.", 10),
        ("Parsing failed: unexpected character at line 2 column 5", 11),
        ("No diagram type detected matching given configuration", 9),  # the opening fence
    ],
)
def test_mermaid_errors_point_at_the_line_in_the_file(message: str, line: int) -> None:
    assert error_line(message, body_line=10) == line


def test_the_site_configuration_is_merged_over_the_defaults() -> None:
    base = {"securityLevel": "strict", "flowchart": {"nodeSpacing": 50, "curve": "basis"}}
    site = {"flowchart": {"nodeSpacing": 30}, "theme": "dark"}
    assert merged(base, site) == {
        "securityLevel": "strict",
        "flowchart": {"nodeSpacing": 30, "curve": "basis"},
        "theme": "dark",
    }
    assert base["flowchart"] == {"nodeSpacing": 50, "curve": "basis"}  # not modified


# --- Where Mermaid is ---------------------------------------------------------------------------


def vendored(docs: Path, chunks: bool = True) -> None:
    module = docs / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    module.parent.mkdir(parents=True)
    module.write_text("export default {}", encoding="utf-8")
    if chunks:
        chunk = module.parent / "chunks" / "mermaid.esm.min" / "chunk-A.mjs"
        chunk.parent.mkdir(parents=True)
        chunk.write_text("export {}", encoding="utf-8")


@pytest.mark.parametrize(
    ("javascript", "problem"),
    [
        (None, "no Mermaid module is configured (OPTION is not set)"),
        ("", "no Mermaid module is configured"),
        ("https://unpkg.com/mermaid@11/dist/mermaid.esm.min.mjs", "remote URL"),
        ("//cdn.example.org/mermaid.mjs", "the site must work offline"),
        ("assets/vendor/mermaid/mermaid.min.js", "ES module build (*.mjs)"),
        ("assets/vendor/mermaid/missing.mjs", "the module is missing: docs/assets/vendor"),
    ],
)
def test_unusable_mermaid_settings_are_explained(
    tmp_path: Path, javascript: str | None, problem: str
) -> None:
    vendored(tmp_path)
    problems = MermaidSetup(javascript, "OPTION", tmp_path).problems()
    assert len(problems) == 1 and problem in problems[0]


def test_a_module_without_its_chunks_is_not_enough(tmp_path: Path) -> None:
    """With the main file only, the build passed and the browser logged 18 missing chunks."""
    vendored(tmp_path, chunks=False)
    setup = MermaidSetup("assets/vendor/mermaid/mermaid.esm.min.mjs", "OPTION", tmp_path)
    assert setup.problems() == [
        "its chunks are missing: docs/assets/vendor/mermaid/chunks/mermaid.esm.min/"
    ]


def test_vendored_mermaid_with_its_chunks_is_accepted(tmp_path: Path) -> None:
    vendored(tmp_path)
    setup = MermaidSetup("assets/vendor/mermaid/mermaid.esm.min.mjs", "OPTION", tmp_path)
    assert setup.problems() == []
    assert setup.module() == tmp_path / "assets/vendor/mermaid/mermaid.esm.min.mjs"


def test_the_instructions_work_anywhere_and_pin_the_tested_mermaid() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["mermaid"] == MERMAID_VERSION
    text = MermaidSetup(None, "OPTION", Path("docs"), "site/docs").instructions()
    assert f"npm install mermaid@{MERMAID_VERSION}" in text
    assert (
        "cp node_modules/mermaid/dist/chunks/mermaid.esm.min/*.mjs "
        "site/docs/assets/vendor/mermaid/chunks/mermaid.esm.min/"
    ) in text
    assert "cp -r" not in text, "only the files a build serves, not 63 MB of dist/"
    assert "mermaid_module: assets/vendor/mermaid/mermaid.esm.min.mjs" in text
    assert "make" not in text


def test_attributes_svg_does_not_have_are_dropped() -> None:
    svg = MERMAID_SVG.replace(
        "</svg>",
        '<rect name="Client" x="0"/><line name="C" x1="1" y1="2" x2="3" y2="4"/>'
        '<path x1="1" y1="2" x2="3" y2="4" d="M0 0"></path></svg>',
    )
    drawn = prepare_svg(svg, "p", "light").svg
    assert ' name="' not in drawn
    assert '<rect x="0"/>' in drawn
    assert '<line x1="1" y1="2" x2="3" y2="4"/>' in drawn  # coordinates of a line are SVG
    assert '<path d="M0 0"></path>' in drawn


def test_style_rules_that_match_nothing_in_the_drawing_are_dropped() -> None:
    svg = (
        '<svg id="diagram" viewBox="0 0 10 10"><style>'
        "#diagram .node rect{fill:#ECECFF;}"
        "#diagram .katex path{fill:#000;}"
        "#diagram .node:not(.clickable) text,#diagram .mindmap text{fill:#333;}"
        '#diagram [data-look="neo"].node rect{stroke:red;}'
        '#diagram [data-look="classic"].node rect{stroke:blue;}'
        "#diagram [data-id] text{fill:green;}"
        "@keyframes dash{to{stroke-dashoffset:0;}}"
        "#diagram :root{--font:Arial;}"
        '</style><g class="node" data-look="neo" data-id="A"><rect></rect><text>A</text></g>'
        "</svg>"
    )
    style = prepare_svg(svg, "p", "light").svg.split("<style>")[1].split("</style>")[0]
    assert style == (
        "#p-0 .node rect{fill:#ECECFF;}"
        "#p-0 .node:not(.clickable) text{fill:#333;}"
        '#p-0 [data-look="neo"].node rect{stroke:red;}'
        "#p-0 [data-id] text{fill:green;}"
        "@keyframes dash{to{stroke-dashoffset:0;}}"
        "#p-0 :root{--font:Arial;}"
    )


def test_data_attributes_no_kept_rule_selects_are_dropped() -> None:
    """Mermaid's bookkeeping (an edge's points, ids, edge types) goes; what a rule selects stays."""
    svg = (
        '<svg id="diagram" viewBox="0 0 10 10" data-kind="flow"><style>'
        '#diagram [data-look="neo"].node rect{stroke:red;}'
        "#diagram .edge[data-et] path{stroke:blue;}"
        '</style><g class="node" data-look="neo" data-id="A"><rect></rect></g>'
        '<g class="edge" data-et="edge"><path d="M0 0" data-points="W3sieCI6MH1d" data-id="L_A_B_0"'
        ' data-edge="true"></path></g></svg>'
    )
    drawn = prepare_svg(svg, "p", "light").svg
    assert "data-points" not in drawn and "data-id" not in drawn and "data-edge" not in drawn
    assert "data-kind" not in drawn  # the root's own, too
    assert '<g class="node" data-look="neo"><rect></rect></g>' in drawn
    assert '<g class="edge" data-et="edge"><path d="M0 0"></path></g>' in drawn
    assert 'data-diagram-palette="light"' in drawn  # the page's own mark, added after


def test_mermaid2_still_has_the_page_handler_the_diagrams_feature_removes() -> None:
    """The one reach into mkdocs-mermaid2-plugin's internals (``diagrams/mermaid2.py``): if a
    release renames its handler or stops registering it as a bound method, this fails."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert mermaid2.javascript(config) == "assets/vendor/mermaid/mermaid.esm.min.mjs"
    handlers = config.plugins.events["post_page"]
    original = [h for h in handlers if getattr(h, "__self__", None) is config.plugins["mermaid2"]]
    assert len(original) == 1, "mermaid2 registers one on_post_page handler"
    others = [h for h in handlers if h not in original]
    assert mermaid2.leave_pages_alone(config)
    assert config.plugins.events["post_page"] == others, "only mermaid2's handler goes"
    assert not mermaid2.leave_pages_alone(config)


def test_an_entry_that_does_not_read_back_whole_is_drawn_again(tmp_path: Path) -> None:
    """Truncated, edited or of an older format: deleted and redrawn, never an error."""
    cache = DrawingCache(tmp_path)
    first = CountingRenderer()
    drawer(first, cache).draw("graph TD\n  A --> B", "d1")
    entries = sorted(tmp_path.glob("*.json"))
    assert len(entries) == 2 and len(first.calls) == 2  # one drawing per palette
    whole = entries[0].read_text(encoding="utf-8")
    entries[0].write_text(whole[: len(whole) // 2], encoding="utf-8")  # cut short
    entries[1].write_text(whole.replace("svg", "SVG"), encoding="utf-8")  # edited
    again = CountingRenderer()
    drawn = drawer(again, DrawingCache(tmp_path)).draw("graph TD\n  A --> B", "d1")
    assert len(again.calls) == 2 and set(drawn) == {"light", "dark"}
    assert DrawingCache(tmp_path).get(entries[0].stem) is not None


def test_a_build_killed_mid_write_leaves_nothing_a_later_build_trusts(tmp_path: Path) -> None:
    cache = DrawingCache(tmp_path)
    (tmp_path / "half.json.tmp").write_text('{"format": 2, "key": "k1", "svg": "<sv')
    (tmp_path / "k1.svg").write_text("<svg/>")  # an entry of the previous format
    assert cache.get("k1") is None and cache.get("half") is None
    old = time.time() - 3600
    for leftover in ("half.json.tmp", "k1.svg"):
        os.utime(tmp_path / leftover, (old, old))
    (tmp_path / "fresh.tmp").write_text("another build is writing this")
    assert cache.close() == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.tmp", "usage.json"]


def test_entries_no_build_used_in_keep_builds_builds_are_pruned(tmp_path: Path) -> None:
    first = DrawingCache(tmp_path, keep_builds=5)
    for name in ("kept", "dropped"):
        first.put(name, Rendered(svg=f"<svg>{name}</svg>"))
    first.close()
    for build in range(2, 7):  # five more builds, each using "kept" only
        cache = DrawingCache(tmp_path, keep_builds=5)
        assert cache.get("kept") is not None
        cache.close()
        expected = ["dropped", "kept", "usage"] if build < 6 else ["kept", "usage"]
        assert sorted(p.stem for p in tmp_path.glob("*.json")) == expected, build
    usage = json.loads((tmp_path / "usage.json").read_text(encoding="utf-8"))
    assert usage["builds"] == 6 and usage["last_used"] == {"kept": 6}
