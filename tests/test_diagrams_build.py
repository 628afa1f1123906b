"""Diagrams drawn at build time, on a small site built for real in a temp dir: the SVGs in the
HTML, the cache, determinism, errors with file:line, and the fallback to the browser; a site
whose ```mermaid fence is set up the way Material or mermaid2 recommend, drawn with the Mermaid
build the plugin ships."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from flashcard_sites import build
from playwright.sync_api import Browser

from conftest import ROOT, close_page, open_page
from mkdocs_playbook.core.disk_cache import USAGE
from mkdocs_playbook.core.loopback import serve
from mkdocs_playbook.diagrams.library import BUNDLED

pytestmark = pytest.mark.build
# Each test that builds a site of its own goes to any worker; the tests of one module-scoped
# site stay together (their group), so that site is built once.
SPREAD = True
ON_DRAWN_SITE = pytest.mark.xdist_group(f"{__name__}-drawn")
ON_BROWSER_DRAWN_SITE = pytest.mark.xdist_group(f"{__name__}-browser-drawn")
ON_BUNDLED_SITE = pytest.mark.xdist_group(f"{__name__}-bundled")

VENDORED_MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid"

FLOWCHART = """\
```mermaid
flowchart LR
  accTitle: Request path
  accDescr: A client calls the API, which reads the cache and then the database.
  C["Client"] --> A["API"] --> K[("Cache")]
  A --> D[("Database")]
```
"""
SEQUENCE = """\
```mermaid title="Idempotent write"
sequenceDiagram
  participant C as Client
  participant A as API
  C->>A: POST with key
  A-->>C: 201 Created
```
"""
PAGES = {
    "index.md": f"# Home\n\n{FLOWCHART}\nAnd the same drawing again:\n\n{FLOWCHART}",
    "nested/page.md": f"# Nested\n\n!!! note\n\n    Inside an admonition.\n\n{SEQUENCE}",
}
BROKEN = "# Broken\n\nText.\n\n```mermaid\nflowchart LR\n  A --> B\n  B --> [oops\n```\n"


MATERIAL_FENCE = """\
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
"""The fence as Material's documentation sets up diagrams (Material then loads Mermaid from a
CDN for each ``pre.mermaid``)."""
MERMAID2_FENCE = MATERIAL_FENCE.replace(
    "pymdownx.superfences.fence_code_format", "mermaid2.fence_mermaid_custom"
)
"""The fence as mermaid2's documentation sets it up with superfences."""


def write_diagram_site(
    root: Path, pages: dict[str, str], playbook_options: str = "", fences: str = ""
) -> Path:
    """A Material site whose diagram setup is mermaid2 serving the site's own Mermaid."""
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "assets" / "vendor").mkdir(parents=True)
    (docs / "assets" / "vendor" / "mermaid").symlink_to(VENDORED_MERMAID)
    config = root / "mkdocs.yml"
    config.write_text(
        f"""\
site_name: Diagram test site
site_url: http://127.0.0.1/
docs_dir: docs
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - search
  - mermaid2:
      javascript: assets/vendor/mermaid/mermaid.esm.min.mjs
      arguments:
        startOnLoad: false
  - playbook:
      calculators:
        enabled: false
      diagrams:
        cache_dir: {root / "cache"}
{playbook_options}
markdown_extensions:
  - admonition
{fences}""",
        encoding="utf-8",
    )
    return config


def write_bundled_site(root: Path, pages: dict[str, str], playbook_options: str = "") -> Path:
    """A Material site that names no Mermaid at all, with Material's recommended fence."""
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"""\
site_name: Bundled Mermaid site
site_url: http://127.0.0.1/
theme:
  name: material
  font: false
plugins:
  - search
  - playbook:
      diagrams:
        cache_dir: {root / "cache"}
{playbook_options}
markdown_extensions:
{MATERIAL_FENCE}""",
        encoding="utf-8",
    )
    return config


@dataclass
class Built:
    config: Path
    site: Path
    log: str


def build_site(config: Path, site: Path, strict: bool = True) -> Built:
    result = build(config, site, strict=strict)
    log = result.stdout + result.stderr
    assert "Traceback" not in log, log
    assert result.returncode == 0 or not strict, log
    return Built(config, site, log)


def failed_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return build(config, site, strict=True)


@pytest.fixture(scope="module")
def drawn_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    """The site built twice with one cache: cold, then warm."""
    root = tmp_path_factory.mktemp("diagrams")
    config = write_diagram_site(root, PAGES)
    return build_site(config, root / "site1"), build_site(config, root / "site2")


def html_of(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def diagrams_of(site: Path, page: str) -> list[Tag]:
    return BeautifulSoup(html_of(site, page), "html.parser").select("[data-diagram]")


@ON_DRAWN_SITE
def test_every_fence_is_drawn_for_both_palettes(drawn_site: tuple[Built, Built]) -> None:
    cold, _ = drawn_site
    home, nested = (
        diagrams_of(cold.site, "index.html"),
        diagrams_of(cold.site, "nested/page/index.html"),
    )
    assert len(home) == 2 and len(nested) == 1
    for diagram in home + nested:
        svgs = diagram.select("svg")
        top = [svg for svg in svgs if svg.get("data-diagram-palette")]
        assert [svg["data-diagram-palette"] for svg in top] == ["light", "dark"]
        for svg in top:
            assert svg["role"] == "img"
            assert svg.select("g"), "the drawing is empty"
        assert diagram.select_one("button.playbook-diagram__open") is not None
        view = diagram.select_one(".playbook-diagram__view")
        assert view is not None and view["role"] == "region" and view["tabindex"] == "0"
    # Each view is a landmark: the same drawing twice on a page gets a numbered name.
    labels = [diagram.select("[role=region]")[0]["aria-label"] for diagram in home]
    assert labels == ["Diagram: Request path", "Diagram: Request path (2)"]


@ON_DRAWN_SITE
def test_drawings_are_named_by_acc_title_or_the_fence_title(
    drawn_site: tuple[Built, Built],
) -> None:
    cold, _ = drawn_site
    soup = BeautifulSoup(html_of(cold.site, "index.html"), "html.parser")
    svg = soup.select_one("svg[data-diagram-palette=light]")
    assert svg is not None
    title = soup.find(id=str(svg["aria-labelledby"]))
    description = soup.find(id=str(svg["aria-describedby"]))
    assert title is not None and title.get_text() == "Request path"
    assert description is not None and "reads the cache" in description.get_text()
    nested = BeautifulSoup(html_of(cold.site, "nested/page/index.html"), "html.parser")
    sequence = nested.select_one("svg[data-diagram-palette=dark]")
    assert sequence is not None and sequence["aria-label"] == "Idempotent write"


@ON_DRAWN_SITE
def test_pages_carry_no_mermaid_source_and_load_no_mermaid(
    drawn_site: tuple[Built, Built],
) -> None:
    cold, _ = drawn_site
    for page in ("index.html", "nested/page/index.html"):
        html = html_of(cold.site, page)
        text = BeautifulSoup(html, "html.parser").get_text()
        assert "-->" not in text and "flowchart LR" not in text and "accTitle" not in text
        assert "mermaid.esm.min.mjs" not in html and 'class="mermaid"' not in html
    # mermaid2 re-parses a page with BeautifulSoup only to add Mermaid to it: not needed here.
    assert "adding scripts" not in cold.log


@ON_DRAWN_SITE
def test_ids_are_unique_and_every_reference_resolves(drawn_site: tuple[Built, Built]) -> None:
    cold, _ = drawn_site
    for page in ("index.html", "nested/page/index.html"):
        html = html_of(cold.site, page)
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"{page}: duplicate ids"
        for diagram in re.findall(r"<div class=\"playbook-diagram\".*?</button></div>", html):
            # Mermaid's style sheet has rules for looks this drawing does not use (their
            # gradients are never defined); what is drawn must resolve.
            diagram = re.sub(r"<style>.*?</style>", "", diagram)
            references = re.findall(r"url\(#([^)]+)\)", diagram)
            references += re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', diagram)
            references += re.findall(r'href="#([^"]+)"', diagram)
            assert references, "a drawing has no markers or names to check"
            assert set(references) <= set(ids), f"{page}: a reference points nowhere"


@ON_DRAWN_SITE
def test_a_warm_cache_draws_nothing_and_builds_the_same_bytes(
    drawn_site: tuple[Built, Built],
) -> None:
    cold, warm = drawn_site
    assert "playbook diagrams: 4 drawn in Chromium, 2 from the cache" in cold.log
    assert "playbook diagrams: 0 drawn in Chromium, 6 from the cache" in warm.log
    for page in ("index.html", "nested/page/index.html"):
        assert html_of(cold.site, page) == html_of(warm.site, page)


@ON_DRAWN_SITE
def test_drawings_do_not_depend_on_what_was_drawn_before_them(
    drawn_site: tuple[Built, Built],
) -> None:
    """Mermaid numbers some elements with counters that run across diagrams: redrawing only
    some of them (another history in the browser) must still give the same pages."""
    cold, _ = drawn_site
    cache = cold.config.parent / "cache"
    entries = sorted(set(cache.iterdir()) - {cache / USAGE})
    # Keep only the light sequence diagram (Mermaid's default theme fills actors #ECECFF): the
    # rebuild then draws the dark one first, where the cold build drew it second.
    kept = [e for e in entries if "actor" in e.read_text() and "#ECECFF" in e.read_text()]
    assert len(entries) == 4 and len(kept) == 1
    for entry in set(entries) - set(kept):
        entry.unlink()
    again = build_site(cold.config, cold.config.parent / "site3")
    assert "playbook diagrams: 3 drawn in Chromium" in again.log
    for page in ("index.html", "nested/page/index.html"):
        assert html_of(again.site, page) == html_of(cold.site, page)


def test_a_broken_diagram_fails_strict_with_file_line_and_mermaids_message(
    tmp_path: Path,
) -> None:
    config = write_diagram_site(tmp_path, {"index.md": "# Home\n", "broken.md": BROKEN})
    result = failed_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # The fence body starts on line 6; Mermaid reports line 3 of the diagram.
    assert re.search(
        r"WARNING +- +docs/broken\.md:8: diagram: Parse error on line 3:", result.stderr
    )
    # Without --strict the page shows the error in place, never Mermaid's error graphic.
    built = build_site(config, tmp_path / "loose", strict=False)
    html = html_of(built.site, "broken/index.html")
    assert "docs/broken.md:8: Parse error on line 3" in html
    assert "Syntax error in text" not in html
    assert "data-author-error" in html and "data-diagram-palette" not in html


def test_an_unknown_fence_option_is_reported(tmp_path: Path) -> None:
    page = '# Home\n\n```mermaid caption="x"\nflowchart LR\n  A --> B\n```\n'
    config = write_diagram_site(tmp_path, {"index.md": page})
    result = failed_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md:4: diagram: unknown fence option 'caption'" in result.stderr


@pytest.fixture(scope="module")
def browser_drawn_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Built, str]]:
    """The site where Chromium is missing: the build says so and leaves diagrams to mermaid2."""
    root = tmp_path_factory.mktemp("fallback")
    options = "      chromium: /nonexistent/chromium\n"
    config = write_diagram_site(root, PAGES, options)
    built = build_site(config, root / "site")
    with serve(built.site) as url:
        yield built, url


@ON_BROWSER_DRAWN_SITE
def test_without_chromium_the_build_says_so_once_and_leaves_diagrams_to_the_browser(
    browser_drawn_site: tuple[Built, str],
) -> None:
    built, _ = browser_drawn_site
    notes = re.findall(r"^(\w+) +- +playbook diagrams: Chromium cannot draw.*$", built.log, re.M)
    assert notes == ["INFO"], built.log
    assert "no Chromium at /nonexistent/chromium" in built.log
    assert "3 left for the browser to draw" in built.log
    nested = BeautifulSoup(html_of(built.site, "nested/page/index.html"), "html.parser")
    diagram = nested.select_one("div.mermaid")
    assert diagram is not None
    assert diagram["data-mermaid-module"] == "../../assets/vendor/mermaid/mermaid.esm.min.mjs"
    assert "sequenceDiagram" in diagram.get_text()
    # mermaid2 adds nothing: the plugin's own script draws with the module each diagram names.
    assert "adding scripts" not in built.log
    assert "import mermaid" not in html_of(built.site, "nested/page/index.html")
    assert "mkdocs-mermaid2-plugin adds nothing to the pages" in built.log


@ON_BROWSER_DRAWN_SITE
@pytest.mark.browser
@pytest.mark.parametrize(("page_url", "scheme"), [("", "light"), ("nested/page/", "dark")])
def test_without_chromium_the_browser_draws_the_diagrams(
    browser: Browser, browser_drawn_site: tuple[Built, str], page_url: str, scheme: str
) -> None:
    _, url = browser_drawn_site
    page, watch = open_page(browser, scheme)
    try:
        page.goto(url + page_url)
        page.wait_for_function(
            """(theme) => [...document.querySelectorAll('div.mermaid')].every(
                 d => d.dataset.theme === theme && d.querySelector(':scope > svg g'))""",
            arg="default" if scheme == "light" else "dark",
            timeout=30_000,
        )
        watch.assert_clean()
    finally:
        close_page(page)


# --- Material's and mermaid2's fence, the plugin's own Mermaid ---------------------------------


def test_materials_fence_is_taken_over_in_one_line_and_drawn_with_the_bundled_mermaid(
    tmp_path: Path,
) -> None:
    built = build_site(write_bundled_site(tmp_path, PAGES), tmp_path / "site")
    taken = re.findall(r"^(\w+) +- +playbook: the ```mermaid fence.*$", built.log, re.M)
    assert taken == ["INFO"], built.log
    assert "pymdownx.superfences.fence_code_format is rendered by the playbook plugin" in built.log
    assert len(diagrams_of(built.site, "index.html")) == 2
    assert "playbook diagrams: 4 drawn in Chromium, 2 from the cache" in built.log
    # Every diagram is drawn: the site serves no Mermaid at all, and no page has Material's
    # pre.mermaid (which Material would draw with Mermaid from a CDN).
    assert not (built.site / "assets" / "playbook" / "mermaid").exists()
    for page in ("index.html", "nested/page/index.html"):
        assert '<pre class="mermaid"' not in html_of(built.site, page)


@ON_DRAWN_SITE
def test_mermaid2s_fence_is_taken_over_and_mermaid2_adds_nothing(
    tmp_path: Path, drawn_site: tuple[Built, Built]
) -> None:
    config = write_diagram_site(tmp_path, PAGES, fences=MERMAID2_FENCE)
    # The drawn site's drawings are these (same pages, Mermaid and themes): taken from its cache,
    # they need no Chromium; what is tested is whose fence it is, not how it is drawn.
    shutil.copytree(drawn_site[0].config.parent / "cache", tmp_path / "cache")
    built = build_site(config, tmp_path / "site")
    assert "mermaid2.fence.fence_mermaid_custom is rendered by the playbook plugin" in built.log
    assert "mkdocs-mermaid2-plugin adds nothing to the pages" in built.log
    assert len(diagrams_of(built.site, "index.html")) == 2
    assert "window.mermaidConfig" not in html_of(built.site, "index.html")


def test_a_fence_of_someone_elses_is_a_conflict_explained(tmp_path: Path) -> None:
    fences = MATERIAL_FENCE.replace(
        "pymdownx.superfences.fence_code_format", "mkdocs.utils.get_relative_url"
    )
    result = failed_build(write_diagram_site(tmp_path, PAGES, fences=fences), tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "gives the ```mermaid fence of pymdownx.superfences its own format" in result.stderr
    assert "set plugins.playbook.diagrams.enabled: false to keep yours" in result.stderr


@pytest.fixture(scope="module")
def bundled_in_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Built, str]]:
    """The site that names no Mermaid, built where Chromium is missing."""
    root = tmp_path_factory.mktemp("bundled")
    config = write_bundled_site(root, PAGES, "      chromium: /nonexistent/chromium\n")
    built = build_site(config, root / "site")
    with serve(built.site) as url:
        yield built, url


@ON_BUNDLED_SITE
def test_left_to_the_browser_the_site_serves_the_bundled_build_only(
    bundled_in_browser: tuple[Built, str],
) -> None:
    built, _ = bundled_in_browser
    served = built.site / "assets" / "playbook" / "mermaid"
    chunks = sorted(p.name for p in (served / "chunks" / "mermaid.esm.min").iterdir())
    assert chunks == sorted(p.name for p in (BUNDLED / "chunks" / "mermaid.esm.min").glob("*.mjs"))
    assert sorted(p.name for p in served.iterdir()) == ["LICENSE", "chunks", "mermaid.esm.min.mjs"]
    assert (served / "mermaid.esm.min.mjs").read_bytes() == (
        BUNDLED / "mermaid.esm.min.mjs"
    ).read_bytes()
    home = BeautifulSoup(html_of(built.site, "index.html"), "html.parser")
    nested = BeautifulSoup(html_of(built.site, "nested/page/index.html"), "html.parser")
    module = "assets/playbook/mermaid/mermaid.esm.min.mjs"
    assert [d["data-mermaid-module"] for d in home.select("div.mermaid")] == [module] * 2
    assert [d["data-mermaid-module"] for d in nested.select("div.mermaid")] == [f"../../{module}"]


@ON_BUNDLED_SITE
@pytest.mark.browser
def test_left_to_the_browser_the_bundled_build_draws_with_no_other_host(
    browser: Browser, bundled_in_browser: tuple[Built, str]
) -> None:
    _, url = bundled_in_browser
    page, watch = open_page(browser)
    try:
        page.goto(url + "nested/page/")
        page.wait_for_function(
            """() => [...document.querySelectorAll('div.mermaid')].every(
                 d => d.dataset.theme === 'default' && d.querySelector(':scope > svg g'))""",
            timeout=30_000,
        )
        watch.assert_clean()
    finally:
        close_page(page)
