"""What every benchmark shares: copies of the project, timed real builds, the real site served
locally, a table.

Nothing here builds the project in place: every build is of a copy of docs/, overrides/ and
mkdocs.yml in a temp folder, with the diagram cache in that folder too, so a benchmark never
reads or fills the project's ``.cache`` (whose state would change what it measures).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.site_server import serve
from mkdocs_playbook.core.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

PAGES = (
    ("home", ""),
    ("capacity-estimation", "capacity-estimation/"),
    ("reference-diagram", "reference-diagram/"),
    ("flashcards", "flashcards/"),
    ("cheat-sheet", "cheat-sheet/"),
    ("mock-interview", "mock-interview/"),
)
"""The pages the front-end benchmarks measure: (name, path under the site root)."""

NOT_BUILT = "not built"

DIAGRAMS_DRAWN = (
    "document.querySelectorAll('div.mermaid[data-mermaid-module]:not([data-theme])').length === 0"
)
"""True in a page once its diagrams are visible: a diagram drawn at build time is SVG in the
HTML, one left to the browser is drawn by diagrams-in-browser.js, which marks it with
data-theme."""

DIAGRAMS_OPTIONS = "  - playbook:\n      diagrams:\n"
"""Where mkdocs.yml sets the plugin's diagram options."""

CACHE_FOLDER = "diagram-cache"
"""The diagram cache of a project copy, next to its mkdocs.yml (unless the copy names another)."""

CALCULATOR_FENCE = """\
        - name: calculator
          class: calculator
          format: !!python/name:mkdocs_playbook.calculators.fences.fence_calculator
"""
"""The custom fence in mkdocs.yml that turns ```calculator blocks into calculators."""

NO_FENCE_LEFT = re.compile(r"^( +custom_fences:)\n(?! +- )", re.MULTILINE)
"""A ``custom_fences:`` key with no fence under it (YAML null, which superfences rejects)."""


def without_calculator_fence(config: str) -> str:
    """mkdocs.yml with the ``calculator`` fence removed (calculator blocks become plain code)."""
    assert CALCULATOR_FENCE in config, "mkdocs.yml changed shape: no calculator fence"
    return NO_FENCE_LEFT.sub(r"\1 []\n", config.replace(CALCULATOR_FENCE, ""))


def with_diagram_options(config: str, options: Mapping[str, object]) -> str:
    """mkdocs.yml with ``options`` set under ``plugins: - playbook: diagrams:``."""
    assert DIAGRAMS_OPTIONS in config, "mkdocs.yml changed shape: no playbook 'diagrams:' block"
    for key in options:
        assert f"\n        {key}:" not in config, f"mkdocs.yml already sets diagrams.{key}"
    lines = "".join(f"        {key}: {json.dumps(value)}\n" for key, value in options.items())
    return config.replace(DIAGRAMS_OPTIONS, DIAGRAMS_OPTIONS + lines, 1)


def copy_project(folder: Path, diagrams: Mapping[str, object] | None = None) -> Path:
    """A copy of docs/, overrides/ and mkdocs.yml in ``folder``; returns the copied mkdocs.yml.

    ``diagrams`` are options for the plugin's diagrams (e.g. ``draw_at_build``); the diagram
    cache is ``folder/diagram-cache`` unless they name another ``cache_dir``.
    """
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    options = {"cache_dir": str(folder / CACHE_FOLDER), **(diagrams or {})}
    config = with_diagram_options((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), options)
    path = folder / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Build:
    """A config to build, and what to empty before every build."""

    config: Path
    cold_cache: Path | None = None
    """A diagram cache folder deleted before each build, so each one draws every diagram."""


def run_build(config_file: Path, site: Path, *, strict: bool = False, site_url: str = "") -> None:
    """``mkdocs build`` of a config into ``site``, in a fresh process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    flags = ["--strict"] if strict else []
    subprocess.run([*command, *flags, "-d", str(site)], cwd=ROOT, env=env, check=True)


def fill_cache(config_file: Path) -> None:
    """One untimed build, so that the timed builds of a copy find its diagram cache warm."""
    with tempfile.TemporaryDirectory() as site:
        run_build(config_file, Path(site))


@dataclass(frozen=True)
class Timing:
    """How long a build took."""

    wall: float
    """Wall time in seconds: what an author waits, but inflated by anything else running."""
    cpu: float
    """User + system CPU seconds of the build and every process it waited for (Chromium
    included): far less sensitive to a busy machine than wall time."""


def timed_build(build: Build | Path) -> Timing:
    """One ``mkdocs build`` of a config, in a fresh process."""
    build = build if isinstance(build, Build) else Build(build)
    if build.cold_cache is not None:
        shutil.rmtree(build.cold_cache, ignore_errors=True)
    with tempfile.TemporaryDirectory() as site:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run_build(build.config, Path(site))
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu)


def time_build(build: Build | Path, repeats: int = 3) -> float:
    """Median wall time in seconds of ``mkdocs build`` for a config, a fresh process each time."""
    return statistics.median(timed_build(build).wall for _ in range(repeats))


def interleaved(*builds: Build | Path, rounds: int = 5) -> tuple[Timing, ...]:
    """Median wall and CPU time of each config's build, built in turn (A B C A B C ...) so
    machine load hits all alike."""
    times: list[list[Timing]] = [[] for _ in builds]
    for _ in range(rounds):
        for build, timings in zip(builds, times, strict=True):
            timings.append(timed_build(build))
    return tuple(
        Timing(
            statistics.median(timing.wall for timing in timings),
            statistics.median(timing.cpu for timing in timings),
        )
        for timings in times
    )


@contextmanager
def served_site(
    compress: bool = True, diagrams: Mapping[str, object] | None = None
) -> Iterator[tuple[Path, str]]:
    """The project's site, built with ``--strict`` into a temp dir served on 127.0.0.1.

    Built from a copy of the project (``copy_project``, ``diagrams`` its diagram options) with
    an empty diagram cache. Yields the site folder and its URL; ``site_url`` is that URL, so
    instant navigation works.
    """
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        config_file = copy_project(Path(folder) / "project", diagrams)
        with serve(site, compress=compress) as url:
            run_build(config_file, site, strict=True, site_url=url)
            yield site, url


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium with the project's flags, driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def is_built(site: Path, path: str) -> bool:
    """Whether the built site has the page at ``path`` (a page absent from the branch is not)."""
    return (site / path / "index.html").is_file()


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print an aligned table so figures can be pasted into a closing note."""
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n## {title}\n")
    for index, row in enumerate(cells):
        padded = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("| " + " | ".join(padded) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
