"""The offline feature in real builds: the manifest linked from every page, a service worker
listing every file by content hash, byte-identical for identical sources, a new hash only for what
changed, and a foreign site on a sub-path scoped to that path. A site opts in: by default no page
links a manifest or loads a script, and the only file is a retiring worker no page registers
(none at all with ``retire: false``); a site's own worker is never replaced."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from test_plugin_reuse import write_site

from conftest import run_mkdocs_build
from mkdocs_playbook.offline import manifest, worker

pytestmark = pytest.mark.build

BUDGET = 2 * 1024 * 1024
"""The issue's limit for this site's precache, gzipped."""
ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'
)
PAGES = {
    "index.md": "# Notes\n\nSee [the guide](guide/index.md).\n",
    "guide/index.md": "# Guide\n\nFirst version.\n",
    "other.md": "# Other\n\nUnchanged.\n",
    "icon.svg": ICON,
}
SUB_PATH = "https://someone.example/notes/"


def worker_config(site: Path) -> dict[str, Any]:
    source = (site / worker.NAME).read_text(encoding="utf-8")
    found = re.search(r"^const CONFIG = (.*);$", source, re.MULTILINE)
    assert found is not None, "the worker holds no file list"
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def manifest_links(page: Path) -> list[dict[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [
        {k: str(v) for k, v in link.attrs.items()}
        for link in soup.select('head link[rel="manifest"]')
    ]


def build(
    root: Path, site: str, playbook: str, pages: dict[str, str] = PAGES, site_url: str = SUB_PATH
) -> str:
    config = write_site(root, pages, playbook)
    config.write_text(
        config.read_text(encoding="utf-8") + f"site_url: {site_url}\n", encoding="utf-8"
    )
    result = run_mkdocs_build(root / site, config)
    assert result.returncode == 0, result.stderr
    return result.stderr


PLAYBOOK = "  - playbook:\n      offline:\n        enabled: true\n        icon: icon.svg\n"


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A foreign site on a sub-path, built once; its mkdocs.yml and docs stay for rebuilds."""
    root = tmp_path_factory.mktemp("offline-foreign")
    log = build(root, "site", PLAYBOOK)
    return root, log


def test_every_page_of_this_site_links_the_manifest_and_the_worker(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        links = manifest_links(page)
        assert len(links) == 1, page
        relative = page.parent.relative_to(site_dir)
        root = "/" if page.name == "404.html" else "../" * len(relative.parts)
        assert links[0]["href"] == f"{root}{manifest.NAME}", page
        assert links[0]["data-playbook-worker"] == f"{root}{worker.NAME}", page


def test_this_sites_precache_holds_every_page_under_budget(site_dir: Path) -> None:
    config = worker_config(site_dir)
    precached = {url for url, _, precache in config["files"] if precache}
    kept = {url for url, _, precache in config["files"] if not precache}
    pages = {
        "" if p == Path("index.html") else f"{p.parent.as_posix()}/"
        for p in (page.relative_to(site_dir) for page in site_dir.rglob("index.html"))
    }
    assert pages <= precached
    assert {"404.html", "sitemap.xml", "search/search_index.json", "flashcards.json"} <= precached
    assert {manifest.NAME, "assets/favicon.svg"} <= precached
    scripts = {url for url in precached if url.startswith("assets/javascripts/")}
    assert any(url.startswith("assets/javascripts/workers/search.") for url in scripts), scripts
    assert any(url.startswith("assets/javascripts/bundle.") for url in scripts), scripts
    assert {"flashcards.apkg", "flashcards.tsv"} <= kept
    assert all(url.startswith("assets/vendor/mermaid/") for url in kept if url.endswith(".mjs"))
    assert not any(url.endswith(".map") for url in precached | kept)
    assert worker.NAME not in precached | kept
    assert not (site_dir / "assets" / "playbook" / worker.NAME).exists(), "the template stays out"
    size = sum(len(_gzip(site_dir, url)) for url in precached)
    assert size < BUDGET, f"precache is {size / 1024:.0f} KB gzipped"


def _gzip(site: Path, url: str) -> bytes:
    path = site / (url + "index.html" if url == "" or url.endswith("/") else url)
    return zlib.compress(path.read_bytes(), 6)


def test_this_sites_manifest_names_it_in_its_colours(site_dir: Path) -> None:
    data = json.loads((site_dir / manifest.NAME).read_text(encoding="utf-8"))
    assert data["name"] == "System Design Interview Playbook"
    assert data["short_name"] == "Playbook"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#4051b5", "Material's indigo"
    assert data["icons"][0]["src"] == "assets/favicon.svg"
    assert (site_dir / data["icons"][0]["src"]).is_file()


def test_a_sub_path_site_is_scoped_to_its_path(foreign: tuple[Path, str]) -> None:
    root, log = foreign
    site = root / "site"
    data = json.loads((site / manifest.NAME).read_text(encoding="utf-8"))
    assert (data["start_url"], data["scope"], data["id"]) == ("/notes/", "/notes/", "/notes/")
    assert data["name"] == data["short_name"] == "Someone else's notes"
    assert data["icons"] == [
        {"src": "icon.svg", "type": "image/svg+xml", "sizes": "any", "purpose": "any"}
    ]
    assert worker_config(site)["cachePrefix"] == "someone-else-s-notes /notes/ offline/"
    assert manifest_links(site / "404.html")[0]["href"] == f"/notes/{manifest.NAME}"
    assert manifest_links(site / "guide" / "index.html")[0]["href"] == f"../{manifest.NAME}"
    assert re.search(r"playbook offline: \d+ files precached, [\d.]+ KB gzipped", log), log


def test_a_rebuild_is_identical_and_a_changed_page_changes_one_hash(
    foreign: tuple[Path, str],
) -> None:
    root, _ = foreign
    first = (root / "site" / worker.NAME).read_bytes()
    build(root, "again", PLAYBOOK)
    assert (root / "again" / worker.NAME).read_bytes() == first
    revised = PAGES["guide/index.md"].replace("First version.", "Second version.")
    build(root, "changed", PLAYBOOK, {**PAGES, "guide/index.md": revised})
    before = {url: digest for url, digest, _ in worker_config(root / "site")["files"]}
    after = {url: digest for url, digest, _ in worker_config(root / "changed")["files"]}
    assert before.keys() == after.keys()
    changed = {url for url in before if before[url] != after[url]}
    # The page, and the search index and sitemap that quote it.
    assert "guide/" in changed and "other/" not in changed and "" not in changed
    assert changed <= {"guide/", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}


def scripts_and_links(site: Path) -> list[str]:
    """What a page of the site loads or links of the offline feature."""
    html = (site / "index.html").read_text(encoding="utf-8")
    styles = (site / "assets" / "playbook" / "styles.css").read_text(encoding="utf-8")
    found = [name for name in ("offline.js", manifest.NAME) if name in html]
    return found + (["offline.css"] if "/* offline.css */" in styles else [])


@pytest.mark.parametrize(
    "playbook", ["  - playbook\n", "  - playbook:\n      offline:\n        enabled: false\n"]
)
def test_by_default_nothing_is_installed_and_only_a_retiring_worker_is_published(
    tmp_path: Path, playbook: str
) -> None:
    """A site that never asked: no manifest, nothing on its pages; the worker file is there for
    browsers an earlier build with the feature on left a worker in, and stores nothing."""
    build(tmp_path, "site", playbook)
    site = tmp_path / "site"
    assert not (site / manifest.NAME).exists()
    assert scripts_and_links(site) == []
    assert manifest_links(site / "index.html") == []
    config = worker_config(site)
    assert config["retire"] is True and "files" not in config
    assert config["cachePrefix"] == "someone-else-s-notes /notes/ offline/", "this site's caches"


def test_retire_false_publishes_nothing(tmp_path: Path) -> None:
    build(tmp_path, "site", "  - playbook:\n      offline:\n        retire: false\n")
    site = tmp_path / "site"
    assert not (site / worker.NAME).exists() and not (site / manifest.NAME).exists()
    assert scripts_and_links(site) == []


OWN_WORKER = "self.addEventListener('fetch', () => {}); // the site's own\n"


def test_a_sites_own_worker_stays_when_the_feature_is_off(tmp_path: Path) -> None:
    build(tmp_path, "site", "  - playbook\n", {**PAGES, worker.NAME: OWN_WORKER})
    assert (tmp_path / "site" / worker.NAME).read_text(encoding="utf-8") == OWN_WORKER


@pytest.mark.parametrize("name", [worker.NAME, manifest.NAME])
def test_a_sites_own_worker_or_manifest_is_a_conflict_when_the_feature_is_on(
    tmp_path: Path, name: str
) -> None:
    config = write_site(tmp_path, {**PAGES, name: OWN_WORKER}, PLAYBOOK)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/{name} is the site's own, but the offline feature writes it" in result.stderr
    assert "set plugins.playbook.offline.enabled: false" in result.stderr
