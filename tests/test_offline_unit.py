"""The offline feature's pure modules: what is precached, kept once fetched or left out; content
hashes; the worker's file list; the manifest; per-site scope and cache names. And what each
setting makes the feature do, from its defaults (opt-in, retiring by itself)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mkdocs_playbook.core.chromium import ChromiumSession
from mkdocs_playbook.feature import Build
from mkdocs_playbook.offline import manifest, precache, worker
from mkdocs_playbook.offline.config import OfflineConfig
from mkdocs_playbook.offline.feature import Offline
from mkdocs_playbook.offline.identity import worker_identity
from mkdocs_playbook.offline.precache import Kind, Rules, classify

TEMPLATE = worker.TEMPLATE.read_text(encoding="utf-8")


def config_of(source: str) -> dict[str, object]:
    found = re.search(r"^const CONFIG = (.*);$", source, re.MULTILINE)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("index.html", Kind.PRECACHE),
        ("deep-dives/index.html", Kind.PRECACHE),
        ("404.html", Kind.PRECACHE),
        ("assets/javascripts/bundle.a5f9d56c.min.js", Kind.PRECACHE),
        ("assets/javascripts/workers/search.a7633da7.min.js", Kind.PRECACHE),
        ("search/search_index.json", Kind.PRECACHE),
        ("sitemap.xml", Kind.PRECACHE),
        ("flashcards.json", Kind.PRECACHE),
        ("assets/playbook/widgets.js", Kind.PRECACHE),
        ("cheat-sheet-a4.pdf", Kind.ON_DEMAND),
        ("flashcards.apkg", Kind.ON_DEMAND),
        ("flashcards.tsv", Kind.ON_DEMAND),
        ("assets/javascripts/lunr/wordcut.js", Kind.ON_DEMAND),
        ("assets/javascripts/bundle.a5f9d56c.min.js.map", Kind.LEFT_OUT),
        ("sitemap.xml.gz", Kind.LEFT_OUT),
    ],
)
def test_pages_and_what_they_load_are_precached_downloads_wait(path: str, kind: Kind) -> None:
    assert classify(path, Rules()) is kind


def test_a_sites_own_patterns_and_search_languages_decide_first() -> None:
    rules = Rules(
        on_demand=[*precache.ON_DEMAND, "assets/vendor/mermaid/*"],
        leave_out=[*precache.LEAVE_OUT, "drafts/*"],
        precache=precache.search_languages(b'{"config": {"lang": ["en", "de"]}}'),
    )
    assert classify("assets/vendor/mermaid/chunks/mermaid.esm.min/elk.mjs", rules) is Kind.ON_DEMAND
    assert classify("drafts/index.html", rules) is Kind.LEFT_OUT
    assert classify("assets/javascripts/lunr/min/lunr.de.min.js", rules) is Kind.PRECACHE
    assert classify("assets/javascripts/lunr/min/lunr.multi.min.js", rules) is Kind.PRECACHE
    assert classify("assets/javascripts/lunr/min/lunr.fr.min.js", rules) is Kind.ON_DEMAND


def test_english_search_needs_no_language_script_and_a_broken_index_none() -> None:
    assert precache.search_languages(b'{"config": {"lang": ["en"]}}') == ()
    assert precache.search_languages(b"not json") == ()
    assert precache.search_languages(b'{"config": {"lang": ["ja"]}}') == (
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.ja.min.js",
        "assets/javascripts/lunr/tinyseg.js",
    )


def test_pages_are_listed_by_the_url_readers_ask_for() -> None:
    assert precache.page_url("index.html") == ""
    assert precache.page_url("flow/index.html") == "flow/"
    assert precache.page_url("solutions/chat/index.html") == "solutions/chat/"
    assert precache.page_url("404.html") == "404.html"
    assert precache.page_url("notes/a b.html") == "notes/a b.html"
    assert precache.page_url("c++/index.html") == "c++/"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


SITE = {
    "index.html": "<h1>Home</h1>",
    "flow/index.html": "<h1>Flow</h1>",
    "404.html": "<html><body><h1>Page not found</h1></body></html>",
    "assets/app.js": "console.log(1)",
    "assets/app.js.map": "{}",
    "cheat-sheet.pdf": "%PDF",
    worker.NAME: "an older worker",
}


def test_the_list_is_sorted_hashed_and_leaves_the_worker_out(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    entries = precache.site_entries(tmp_path, Rules(), skip=[worker.NAME])
    assert [(e.url, e.kind) for e in entries] == [
        ("404.html", Kind.PRECACHE),
        ("assets/app.js", Kind.PRECACHE),
        ("cheat-sheet.pdf", Kind.ON_DEMAND),
        ("flow/", Kind.PRECACHE),
        ("", Kind.PRECACHE),
    ]
    assert all(re.fullmatch(r"[0-9a-f]{16}", e.digest) for e in entries)
    assert precache.precache_size(entries) == sum(
        e.gzip_size for e in entries if e.kind is Kind.PRECACHE
    )


def test_one_changed_file_changes_only_its_hash(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    before = precache.site_entries(tmp_path, Rules())
    write(tmp_path, {"flow/index.html": "<h1>Flow, revised</h1>"})
    after = precache.site_entries(tmp_path, Rules())
    changed = [b.url for b, a in zip(before, after, strict=True) if b.digest != a.digest]
    assert changed == ["flow/"]


def test_the_worker_is_the_same_bytes_for_the_same_files(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    identity = worker_identity("Notes", "https://example.org/notes/")
    sources = [
        worker.worker_source(TEMPLATE, identity, precache.site_entries(tmp_path, Rules()), "x")
        for _ in range(2)
    ]
    assert sources[0] == sources[1]
    config = config_of(sources[0])
    assert config["notFound"] == "404.html"
    assert ["flow/", precache.digest_of(b"<h1>Flow</h1>"), 1] in config["files"]  # type: ignore[operator]
    assert ["cheat-sheet.pdf", precache.digest_of(b"%PDF"), 0] in config["files"]  # type: ignore[operator]


def test_texts_in_the_worker_cannot_end_its_script_or_run() -> None:
    identity = worker_identity("</script><script>alert(1)</script>", None)
    note = "Offline <b>&</b> \u2028 </script>"
    source = worker.worker_source(TEMPLATE, identity, [], note)
    line = next(line for line in source.splitlines() if line.startswith("const CONFIG"))
    assert "<" not in line and ">" not in line and "\u2028" not in line
    config = config_of(source)
    assert config["offlineNote"] == (
        '<p class="playbook-offline-note" role="status">'
        "Offline &lt;b&gt;&amp;&lt;/b&gt; \u2028 &lt;/script&gt;</p>"
    )


def test_a_template_without_its_placeholder_is_refused() -> None:
    identity = worker_identity("Notes", None)
    with pytest.raises(worker.TemplateError):
        worker.worker_source("const CONFIG = {};", identity, [], "")
    with pytest.raises(worker.TemplateError):
        worker.retiring_worker_source(TEMPLATE + worker.PLACEHOLDER, identity)


def test_the_retiring_worker_lists_nothing_and_knows_its_caches() -> None:
    config = config_of(worker.retiring_worker_source(TEMPLATE, worker_identity("Notes", None)))
    assert config == {"cachePrefix": "notes / offline/", "format": 1, "retire": True}


def offline_options(**settings: bool) -> OfflineConfig:
    options = OfflineConfig()
    options.load_dict(settings)
    failed, warnings = options.validate()
    assert failed == [] and warnings == []
    return options


@pytest.mark.parametrize(
    ("settings", "serving", "made", "active", "retiring"),
    [
        # The defaults: nothing installed; a retiring worker for browsers an earlier build with
        # the feature on left one in.
        ({}, False, True, False, True),
        ({}, True, True, False, True),
        ({"retire": False}, False, False, False, False),
        ({"enabled": True}, False, True, True, False),
        # `mkdocs serve` never registers a worker: it retires the one a build left.
        ({"enabled": True}, True, True, False, True),
        ({"enabled": True, "retire": False}, False, True, True, False),
    ],
)
def test_the_feature_is_opt_in_and_turned_off_retires_the_worker_by_itself(
    settings: dict[str, bool], serving: bool, made: bool, active: bool, retiring: bool
) -> None:
    options = offline_options(**settings)
    assert Offline.wanted(options) is made
    if made:
        feature = Offline(options, Build(serving=serving, chromium=ChromiumSession()))
        assert (feature.active, feature.retiring) == (active, retiring)


def test_two_sites_on_one_origin_never_share_a_cache_name() -> None:
    playbook = worker_identity("Playbook", "https://someone.github.io/playbook/")
    notes = worker_identity("Playbook", "https://someone.github.io/notes/")
    assert (playbook.scope, notes.scope) == ("/playbook/", "/notes/")
    assert not playbook.cache_prefix.startswith(notes.cache_prefix)
    assert not notes.cache_prefix.startswith(playbook.cache_prefix)
    assert worker_identity("Playbook", None).scope == "/"
    assert worker_identity("Playbook", "https://example.org/docs/index.html").scope == "/docs/"


def test_the_manifest_starts_and_stays_within_the_sites_path() -> None:
    text = manifest.manifest_json(
        name="Someone's notes",
        short_name="Notes",
        description="",
        scope="/notes/",
        theme_color="#4051b5",
        background_color="#ffffff",
        icons=[manifest.Icon("assets/icon.svg", "image/svg+xml", "any")],
    )
    data = json.loads(text)
    assert (data["start_url"], data["scope"], data["id"]) == ("/notes/", "/notes/", "/notes/")
    assert data["display"] == "standalone"
    assert "description" not in data, "empty values are left out"
    assert data["icons"] == [
        {"src": "assets/icon.svg", "type": "image/svg+xml", "sizes": "any", "purpose": "any"}
    ]


def test_the_theme_colour_is_read_from_materials_palette() -> None:
    css = (
        "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051B5;--x:1}"
        "[data-md-color-primary=teal]{--md-primary-fg-color:#009485}"
    )
    assert manifest.primary_color(css, "indigo") == "#4051b5"
    assert manifest.primary_color(css, "teal") == "#009485"
    assert manifest.primary_color(css, "custom") is None


def png(width: int, height: int) -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + width.to_bytes(4, "big")
        + height.to_bytes(4, "big")
    )


def test_icons_an_svg_any_size_a_png_from_144_px() -> None:
    assert manifest.icon_for("a/icon.svg", b"<svg/>") == (
        manifest.Icon("a/icon.svg", "image/svg+xml", "any"),
        "",
    )
    assert manifest.icon_for("icon.png", png(192, 192)) == (
        manifest.Icon("icon.png", "image/png", "192x192"),
        "",
    )
    small, problem = manifest.icon_for("favicon.png", png(48, 48))
    assert small is not None and "48x48" in problem
    assert manifest.icon_for("icon.ico", b"\x00\x00\x01\x00")[0] is None
