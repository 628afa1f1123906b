"""What crawlers and auditors ask of every page, and builds that are byte-for-byte reproducible."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from conftest import run_mkdocs_build
from site_pages import built_file, built_pages, soup_of

pytestmark = pytest.mark.build

SITE_NAME = "System Design Interview Playbook"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


NEW_YEAR = "1767225600"
A_DAY_LATER = "1767312000"


@pytest.fixture(scope="module")
def build_at(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], dict[str, bytes]]:
    """The project's site built at a SOURCE_DATE_EPOCH under a name, each once per module (the
    first build is compared with both the second and the one a day later); its files."""
    root = tmp_path_factory.mktemp("reproducible")

    @functools.cache
    def build(name: str, epoch: str) -> dict[str, bytes]:
        result = run_mkdocs_build(
            root / name, site_url="https://example.org/", extra_env={"SOURCE_DATE_EPOCH": epoch}
        )
        assert result.returncode == 0, result.stderr
        return files_of(root / name)

    return build


def test_two_builds_of_the_same_tree_are_byte_identical(
    build_at: Callable[[str, str], dict[str, bytes]],
) -> None:
    """No exclusions: with SOURCE_DATE_EPOCH set (the Makefile sets it to the last commit's
    time), even the sitemap's dates and the Anki package's timestamps are the same."""
    one, two = build_at("one", NEW_YEAR), build_at("two", NEW_YEAR)
    assert sorted(one) == sorted(two), "the two builds wrote different files"
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"{len(differing)} of {len(one)} files differ"
    assert len(one) > 150


def test_only_the_sitemap_and_the_anki_package_depend_on_the_build_date(
    build_at: Callable[[str, str], dict[str, bytes]],
) -> None:
    """What an unpinned build on another day changes: the sitemap's <lastmod> (MkDocs writes
    the build date) with the gzip header of its compressed copy, and the Anki package's note
    timestamps; and the service worker, which lists the hashes of the sitemap and the package
    (so readers' browsers fetch the new ones). This is why the Makefile pins SOURCE_DATE_EPOCH."""
    one, two = build_at("one", NEW_YEAR), build_at("a day later", A_DAY_LATER)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == ["flashcards.apkg", "service-worker.js", "sitemap.xml", "sitemap.xml.gz"]


def test_every_page_has_lang_a_title_a_description_and_a_favicon(site_dir: Path) -> None:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for url in built_pages(site_dir):
        page = soup_of(built_file(site_dir, url))
        assert page.html is not None and page.html.get("lang") == "en", url
        assert page.title is not None, url
        titles[url] = page.title.get_text(strip=True)
        assert titles[url].endswith(SITE_NAME), f"{url}: title {titles[url]!r}"
        meta = page.select_one('meta[name="description"]')
        assert meta is not None, f"{url} has no meta description"
        descriptions[url] = str(meta.get("content", "")).strip()
        assert len(descriptions[url]) >= 50, f"{url}: description {descriptions[url]!r}"
        icon = page.select_one('link[rel="icon"]')
        assert icon is not None, f"{url} has no favicon"
        icon_url = urljoin(f"https://example.org/{url}", str(icon["href"]))
        assert (site_dir / icon_url.removeprefix("https://example.org/")).is_file(), url
    assert len(set(titles.values())) == len(titles), "two pages share a title"
    # Search engines show the description of indexed pages; the 404 is never indexed.
    del descriptions["404.html"]
    shared = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert shared == set(), "pages share a description instead of describing themselves"


def test_the_sitemap_lists_every_page_but_the_404(site_dir: Path, base_url: str) -> None:
    sitemap = ElementTree.parse(site_dir / "sitemap.xml")
    locs = sitemap.iterfind("{http://www.sitemaps.org/schemas/sitemap/0.9}url/{*}loc")
    listed = sorted(str(loc.text).strip().removeprefix(base_url) for loc in locs)
    assert listed == sorted(url for url in built_pages(site_dir) if url != "404.html")
    assert (site_dir / "sitemap.xml.gz").is_file()


def test_the_404_page_says_what_happened_and_leads_back(site_dir: Path) -> None:
    page = soup_of(site_dir / "404.html")
    assert page.title is not None and page.title.get_text().startswith("Page not found")
    article = page.select_one("article")
    assert article is not None
    assert "Page not found" in article.get_text()
    links = [str(a["href"]) for a in article.select("a[href]")]
    assert links == ["/", "/flow/"], "404 links must be absolute: it is served at any depth"
    assert "search" in article.get_text()


def test_the_search_index_has_the_pages_prose_but_no_mermaid_code(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    for code in ("flowchart", "sequenceDiagram", "--&gt;", "-->", "subgraph", "font-family"):
        assert code not in text, f"Mermaid code (or a drawing's style) {code!r} is in the index"
    reference = [doc for doc in index["docs"] if doc["location"].startswith("reference-diagram/")]
    assert "Start every architecture drawing from this shape" in reference[0]["text"]
    assert len(soup_of(site_dir / "reference-diagram" / "index.html").select("[data-diagram]")) == 1
