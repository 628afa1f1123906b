"""The plugin as a stranger gets it: the wheel that ``python -m build`` makes, installed into a
fresh virtual environment with the oldest and with the newest versions of MkDocs, Material and
pymdown-extensions it supports (the ranges in pyproject.toml), building a site of their own with
no Node.js on PATH.

The site has a question bank, a calculator, a live number, a Mermaid diagram set up the way
Material's documentation says (``fence_code_format``), and a cheat sheet printed to PDF; it
names no Mermaid and does not opt in to the offline feature. Each set builds it with --strict,
then again without Chromium (the reader's browser draws the diagram with the Mermaid the wheel
ships), and a site with no question bank; Chromium then opens the pages with every request
watched. The oldest set runs on the Python this test runs on (the oldest supported, 3.11); the
newest on the newest CPython 3 this machine has. uv makes the venvs and installs into them from a
wheelhouse in the user's cache (~/.cache/mkdocs-playbook/test-package, kept between runs and
between clones), which pip fills from the package index the first time; both venvs are made
while the wheel builds.
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
import tomllib
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from playwright.sync_api import Browser, expect
from uv import find_uv_bin

from conftest import ROOT, close_page, open_page, wait_until_settled
from mkdocs_playbook.core.loopback import serve
from mkdocs_playbook.diagrams.library import BUNDLED, CHUNKS

pytestmark = pytest.mark.build


@dataclass(frozen=True)
class VersionSet:
    name: str
    pins: tuple[str, ...]
    python: str


def newest_python() -> str:
    """The newest CPython 3 on this machine: on PATH as python3.N (when it runs), or installed
    beside the one running the tests (pyenv's layout); else the running one."""
    found: list[tuple[tuple[int, int], str]] = [(sys.version_info[:2], sys.executable)]
    siblings = Path(sys.base_prefix).parent.glob("3.*/bin/python3")
    candidates = [*siblings, *(shutil.which(f"python3.{minor}") for minor in range(11, 20))]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [str(candidate), "-c", "import sys, venv; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            major, minor = map(int, probe.stdout.split())
            found.append(((major, minor), str(candidate)))
    return max(found)[1]


OLDEST = VersionSet(
    "oldest",
    (
        "mkdocs==1.6.0",
        "mkdocs-material==9.2.0",
        "pymdown-extensions==9.9.1",
        "Markdown==3.3.6",
        "PyYAML==6.0.1",
        "genanki==0.13.1",
        "selectolax==1.0.2",
        "playwright==1.45.0",
        "pypdf==5.0.0",
    ),
    sys.executable,
)
"""The floors of pyproject.toml's ranges (mkdocs 1.6.0 brought the API the plugin adds its
pages with; Material 9.1 cannot load the plugin's scripts, which are ES modules)."""
NEWEST = VersionSet(
    "newest",
    (
        "mkdocs==1.6.1",
        "mkdocs-material==9.8.2",
        "pymdown-extensions==13.1.2",
        "Markdown==3.11.3",
        "PyYAML==6.0.4",
        "genanki==0.13.1",
        "selectolax==1.0.2",
        "playwright==1.65.2",
        "pypdf==7.1.1",
    ),
    newest_python(),
)
"""The newest releases when this version was released."""
PROPERDOCS = "properdocs==1.6.7"
UV = find_uv_bin()
"""uv (a pinned dev dependency) makes the venvs and installs into them."""
WHEELHOUSE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "mkdocs-playbook"
    / "test-package"
)
"""What the version sets download, kept where pip and uv keep theirs (the XDG cache directory):
a fresh clone on a machine that has run the tests before fills nothing again."""


def python_version(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "NOTICE")
MATERIAL_FENCE = """\
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
PAGES = {
    "index.md": """\
        # Capacity

        ## Peak traffic

        ```calculator
        use: peak-qps
        ```

        At [=peak-qps.dau], that is [=peak-qps.peak_qps] at peak.

        ```mermaid
        flowchart LR
          accTitle: Request path
          C["Client"] --> A["API"] --> D[("Database")]
        ```
        """,
    "questions.md": """\
        # Questions

        ## Question Bank

        - **Idempotency key**: a client-chosen id that makes a retried write safe.
        - **Backpressure**: slowing producers down when consumers fall behind.
        """,
}
PLAYBOOK = """\
  - playbook:
      chromium: {chromium}
      cheatsheet:
        pdf: {pdf}
        sections:
          - page: index.md
            heading: Peak traffic
"""


def copy_source(target: Path, vendored: bool = True) -> Path:
    """What ``python -m build`` reads, copied: setuptools writes build/ and *.egg-info next to
    what it builds, and the project's tree stays as it is."""
    ignored = ["__pycache__", "*.egg-info", *([] if vendored else ["vendor"])]
    shutil.copytree(ROOT / "plugins", target / "plugins", ignore=shutil.ignore_patterns(*ignored))
    for name in SOURCES:
        shutil.copy(ROOT / name, target / name)
    return target


def python_build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build", "--installer", "uv", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )


def wheelhouse_of(versions: VersionSet) -> Path:
    return WHEELHOUSE / f"{versions.name}-py{python_version(versions.python)}"


def uv_install(venv: Path, wheelhouse: Path) -> list[str]:
    """Install from the wheelhouse alone, with uv: a tenth of pip's CPU time here, and like
    ``pip --no-compile`` it leaves compiling to bytecode to the imports that need it."""
    return [
        *(UV, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")),
        *("--offline", "--no-index", "--find-links", str(wheelhouse)),
    ]


def install_kept(venv: Path, wheelhouse: Path, wanted: list[str]) -> None:
    """Install ``wanted`` from the wheelhouse, filling it from the index first (building any
    sdist among them once) when something is missing: downloads are kept between runs (pip's own
    cache does not hold them on this machine). pip fills it, as it reads this machine's index
    settings; the venv gets pip only then."""
    install = uv_install(venv, wheelhouse)
    if subprocess.run([*install, *wanted], capture_output=True, check=False).returncode == 0:
        return
    python = str(venv / "bin" / "python")
    pip_wheel = [python, "-m", "pip", "--disable-pip-version-check", "wheel", "--quiet"]
    for command in (
        [python, "-m", "ensurepip", "--default-pip"],
        [*pip_wheel, "-w", str(wheelhouse), *wanted],
        [*install, *wanted],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def fresh_venv(versions: VersionSet, root: Path) -> Path:
    """A venv in ``root`` with the version set's pins, filling the wheelhouse first on a cold
    run: the pins name every requirement of the wheel, so its install later needs nothing more,
    and both sets fill theirs side by side while the wheel builds."""
    venv = root / "venv"
    subprocess.run(
        [UV, "venv", "--quiet", "--python", versions.python, str(venv)],
        check=True,
        capture_output=True,
    )
    install_kept(venv, wheelhouse_of(versions), list(versions.pins))
    return venv


@pytest.fixture(scope="module")
def fresh_venvs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future[Path]]]:
    """Both version sets' venvs, made side by side while the wheel builds (the pins alone:
    ``installed`` adds the wheel, resolving its requirements with them)."""
    roots = {versions.name: tmp_path_factory.mktemp(versions.name) for versions in (OLDEST, NEWEST)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield {
            versions.name: pool.submit(fresh_venv, versions, roots[versions.name])
            for versions in (OLDEST, NEWEST)
        }


@pytest.fixture(scope="module")
def dist(
    tmp_path_factory: pytest.TempPathFactory, fresh_venvs: dict[str, Future[Path]]
) -> tuple[Path, Path]:
    """The wheel and the sdist, built as `make dist` builds them."""
    root = tmp_path_factory.mktemp("dist")
    out = root / "dist"
    result = python_build(copy_source(root / "source"), out)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("mkdocs_playbook-*.whl")
    (sdist,) = out.glob("mkdocs_playbook-*.tar.gz")
    return wheel, sdist


def test_the_wheel_carries_the_plugin_its_assets_mermaid_ts_fsrs_and_the_licences(
    dist: tuple[Path, Path],
) -> None:
    wheel, _ = dist
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "plugins" / "mkdocs_playbook"
    expected = {
        f"mkdocs_playbook/{path.relative_to(package).as_posix()}"
        for pattern in ("**/*.py", "assets/*", "offline/service-worker.js")
        for path in package.glob(pattern)
        if "vendor" not in path.parts and "__pycache__" not in path.parts
    }
    assert expected - names == set()
    vendored = {name for name in names if name.startswith("mkdocs_playbook/vendor/")}
    chunks = sorted(BUNDLED.joinpath(CHUNKS).glob("*.mjs"))
    assert len(chunks) > 50
    assert vendored == {
        "mkdocs_playbook/vendor/mermaid/mermaid.esm.min.mjs",
        "mkdocs_playbook/vendor/mermaid/LICENSE",
        *(f"mkdocs_playbook/vendor/mermaid/{CHUNKS}/{chunk.name}" for chunk in chunks),
    }, "only the files a build serves: no other build, no source maps"
    scheduler = {name for name in names if name.startswith("mkdocs_playbook/assets/vendor/")}
    assert scheduler == {
        "mkdocs_playbook/assets/vendor/ts-fsrs/index.mjs",
        "mkdocs_playbook/assets/vendor/ts-fsrs/LICENSE",
    }
    info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= names
    assert wheel.stat().st_size < 3 * 1024 * 1024, f"{wheel.stat().st_size} bytes"


def test_the_wheel_declares_ranges_and_says_what_it_is(dist: tuple[Path, Path]) -> None:
    wheel, _ = dist
    archive = zipfile.ZipFile(wheel)
    metadata = email.message_from_bytes(
        archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")))
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (metadata["Name"], metadata["Version"]) == ("mkdocs-playbook", project["version"])
    assert metadata["License-Expression"] == "MIT"
    assert "Framework :: MkDocs" in (metadata.get_all("Classifier") or [])
    urls = metadata.get_all("Project-URL") or []
    assert any(url.startswith("Repository, https://") for url in urls)
    required = [Requirement(r) for r in metadata.get_all("Requires-Dist") or []]
    shipped = [r for r in required if "dev" not in str(r.marker)]  # the plugin's and [pdf]'s
    assert any(r.name == "mkdocs" for r in shipped) and any(r.name == "pypdf" for r in shipped)
    for requirement in shipped:
        operators = sorted(spec.operator for spec in requirement.specifier)
        assert operators == ["<", ">="], f"{requirement}: a range from a floor to the next major"
    # The oldest set pins each range's floor: what the ranges claim is what this file builds.
    floors = {
        canonicalize_name(r.name): next(s.version for s in r.specifier if s.operator == ">=")
        for r in shipped
    }
    pinned = dict(pin.split("==") for pin in OLDEST.pins)
    assert {canonicalize_name(name): version for name, version in pinned.items()} == floors


def test_the_sdist_builds_the_same_wheel_and_leaves_the_tests_out(
    dist: tuple[Path, Path],
) -> None:
    _, sdist = dist
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    assert f"{top}/plugins/mkdocs_playbook/vendor/mermaid/mermaid.esm.min.mjs" in names
    assert f"{top}/plugins/mkdocs_playbook/vendor/mermaid/LICENSE" in names
    assert {f"{top}/LICENSE", f"{top}/NOTICE", f"{top}/setup.py"} <= set(names)
    assert not any("/tests/" in name for name in names)


def test_a_wheel_without_the_npm_builds_is_refused_with_the_fix(tmp_path: Path) -> None:
    result = python_build(copy_source(tmp_path / "source", vendored=False), tmp_path / "dist")
    assert result.returncode != 0
    assert "plugins/mkdocs_playbook/vendor/mermaid/mermaid.esm.min.mjs" in result.stderr
    assert "plugins/mkdocs_playbook/assets/vendor/ts-fsrs/index.mjs" in result.stderr
    assert "Run `make dist`" in result.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))


# --- A stranger's site, from the installed wheel ---------------------------------------------


@dataclass
class Installed:
    versions: VersionSet
    venv: Path
    env: dict[str, str]
    project: Path

    def run(self, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / command[0]), *command[1:]],
            cwd=cwd or self.project,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def build(self, project: str = "project", tool: str = "mkdocs", site: str = "site") -> str:
        """``mkdocs build --strict`` of one of the projects beside the venv; what it logged."""
        result = self.run(tool, "build", "--strict", "-d", site, cwd=self.venv.parent / project)
        log = result.stdout + result.stderr
        assert result.returncode == 0, log
        assert "Traceback" not in log, log
        return log


def write_project(root: Path, pages: dict[str, str], chromium: str, pdf: bool) -> None:
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    playbook = PLAYBOOK.format(chromium=chromium, pdf=str(pdf).lower())
    (root / "mkdocs.yml").write_text(
        "site_name: A stranger's notes\ntheme:\n  name: material\n  font: false\n"
        f"  features: [navigation.instant]\nplugins:\n  - search\n{playbook}{MATERIAL_FENCE}",
        encoding="utf-8",
    )


@pytest.fixture(scope="module", params=[OLDEST, NEWEST], ids=lambda versions: versions.name)
def installed(
    request: pytest.FixtureRequest,
    dist: tuple[Path, Path],
    fresh_venvs: dict[str, Future[Path]],
) -> Installed:
    """A fresh venv with the wheel (and its [pdf] extra) at one version set, and a project."""
    versions: VersionSet = request.param
    venv = fresh_venvs[versions.name].result()
    root = venv.parent
    wheel, _ = dist
    wheelhouse = wheelhouse_of(versions)
    for stale in wheelhouse.glob("mkdocs_playbook-*"):
        stale.unlink()
    install_kept(venv, wheelhouse, [f"mkdocs-playbook[pdf] @ {wheel.as_uri()}", *versions.pins])
    # No Node.js, npm or anything else of this machine's: the venv's scripts only.
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))},
        "PATH": str(venv / "bin"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    assert shutil.which("node", path=env["PATH"]) is None
    assert shutil.which("npm", path=env["PATH"]) is None
    write_project(root / "project", PAGES, "/usr/bin/chromium", pdf=True)
    write_project(root / "no-chromium", PAGES, "/nonexistent/chromium", pdf=False)
    write_project(root / "no-bank", {"index.md": PAGES["index.md"]}, "/nonexistent", pdf=False)
    return Installed(versions, venv, env, root / "project")


def test_the_venv_holds_the_version_set(installed: Installed) -> None:
    python = str(installed.venv / "bin" / "python")
    freeze = [UV, "pip", "freeze", "--python", python]
    done = subprocess.run(freeze, capture_output=True, text=True, check=True)
    frozen = done.stdout.lower().splitlines()
    for pin in installed.versions.pins:
        assert pin.lower() in frozen, f"{pin} not installed: {frozen}"
    where = installed.run("python", "-c", "import mkdocs_playbook; print(mkdocs_playbook.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(installed.venv), where.stdout + where.stderr


@pytest.fixture(scope="module")
def built(installed: Installed) -> tuple[Path, str]:
    log = installed.build()
    return installed.project / "site", log


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_the_site_builds_strict_with_every_feature_it_uses(built: tuple[Path, str]) -> None:
    site, log = built
    home = soup(site, "index.html")
    assert home.select_one('form[data-calculator="peak-qps"]') is not None
    live = home.select('span.playbook-calc-ref[data-ref="peak-qps.peak_qps"]')
    assert [ref.get_text() for ref in live] == ["34.7K req/s"]
    # Drawn at build time, with the Mermaid the wheel ships; the site serves none of it.
    drawn = home.select("[data-diagram] svg[data-diagram-palette]")
    assert len(drawn) == 2 and "Request path" in drawn[0].get_text()
    assert "playbook diagrams: 2 drawn in Chromium" in log
    assert "fence_code_format is rendered by the playbook plugin" in log
    assert not (site / "assets" / "playbook" / "mermaid").exists()
    deck = soup(site, "flashcards/index.html").get_text()
    assert "Idempotency key" in deck and "Backpressure" in deck
    assert all((site / name).is_file() for name in ("flashcards.apkg", "flashcards.json"))
    sheet = soup(site, "cheat-sheet/index.html")
    assert sheet.select_one("article form[data-calculator]") is not None
    for pdf in ("cheat-sheet-a4.pdf", "cheat-sheet-letter.pdf", "playbook.pdf"):
        assert (site / pdf).read_bytes().startswith(b"%PDF-"), pdf


def test_a_site_that_did_not_opt_in_installs_nothing_in_its_readers_browsers(
    built: tuple[Path, str],
) -> None:
    site, _ = built
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="manifest"' not in html and "offline.js" not in html, page
    assert not (site / "manifest.webmanifest").exists()
    retiring = (site / "service-worker.js").read_text(encoding="utf-8")
    found = re.search(r"^const CONFIG = (.*);$", retiring, re.MULTILINE)
    assert found is not None
    config = json.loads(found.group(1))
    assert config["retire"] is True and "files" not in config, "it stores nothing"


def test_a_site_with_no_question_bank_gets_no_flashcards_page(installed: Installed) -> None:
    log = installed.build("no-bank")
    site = installed.venv.parent / "no-bank" / "site"
    assert not (site / "flashcards").exists() and not list(site.glob("flashcards.*"))
    assert "no page has a 'Question Bank' heading" in log


@pytest.fixture(scope="module")
def served(built: tuple[Path, str]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


@pytest.mark.browser
def test_the_pages_work_in_chromium_with_no_other_host(browser: Browser, served: str) -> None:
    page, watch = open_page(browser)
    try:
        page.goto(served)
        wait_until_settled(page)
        expect(page.locator("[data-diagram] svg[data-diagram-palette=light]")).to_be_visible()
        page.fill("#calc-peak-qps-in-dau", "200M")
        expect(page.locator('[data-ref="peak-qps.peak_qps"]')).to_have_text("69.4K req/s")
        page.goto(served + "flashcards/")
        wait_until_settled(page)
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
        watch.assert_clean()
    finally:
        close_page(page)


@pytest.fixture(scope="module")
def without_chromium(installed: Installed) -> Iterator[tuple[Path, str, str]]:
    log = installed.build("no-chromium")
    site = installed.venv.parent / "no-chromium" / "site"
    with serve(site) as url:
        yield site, log, url


@pytest.mark.browser
def test_without_chromium_the_browser_draws_with_the_mermaid_the_wheel_ships(
    browser: Browser, without_chromium: tuple[Path, str, str]
) -> None:
    site, log, url = without_chromium
    assert "1 left for the browser to draw (no Chromium at /nonexistent/chromium)" in log
    assert (site / "assets" / "playbook" / "mermaid" / "mermaid.esm.min.mjs").is_file()
    page, watch = open_page(browser)
    try:
        page.goto(url)
        wait_until_settled(page)
        expect(page.locator("div.mermaid > svg")).to_have_count(1)
        watch.assert_clean()
    finally:
        close_page(page)


@pytest.mark.parametrize("installed", [NEWEST], indirect=True, ids=["newest"])
def test_properdocs_builds_the_site_too(installed: Installed) -> None:
    """ProperDocs, the MkDocs fork, runs MkDocs plugins: with the newest set."""
    install_kept(installed.venv, wheelhouse_of(installed.versions), [PROPERDOCS])
    log = installed.build("no-chromium", "properdocs", "properdocs-site")
    site = installed.venv.parent / "no-chromium" / "properdocs-site"
    assert soup(site, "index.html").select_one('form[data-calculator="peak-qps"]') is not None
    assert soup(site, "index.html").select_one("div.mermaid[data-mermaid-module]") is not None
    assert "Idempotency key" in soup(site, "flashcards/index.html").get_text()
    assert "playbook flashcards: 2 cards from 1 pages" in log
