"""What every benchmark shares: timed real builds, the real site served locally, a table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.site_server import serve
from playbook.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

PAGES = (
    ("home", ""),
    ("capacity-estimation", "capacity-estimation/"),
    ("reference-diagram", "reference-diagram/"),
    ("flashcards", "flashcards/"),
    ("cheat-sheet", "cheat-sheet/"),
)
"""The pages the front-end benchmarks measure: (name, path under the site root)."""

NOT_BUILT = "not built"

DIAGRAMS_DRAWN = "document.querySelectorAll('div.mermaid:not([data-theme])').length === 0"
"""True in a page once diagrams.js has drawn every diagram (it marks each with data-theme)."""

CALCULATOR_FENCE = """\
        - name: calculator
          class: calculator
          format: !!python/name:playbook.calculators.fences.fence_calculator
"""
"""The custom fence in mkdocs.yml that turns ```calculator blocks into calculators."""


def time_build(config_file: Path, repeats: int = 3) -> float:
    """Median wall time in seconds of ``mkdocs build`` for a config, a fresh process each time."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    timings: list[float] = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as site:
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
            start = time.perf_counter()
            subprocess.run([*command, "-d", site], cwd=ROOT, env=env, check=True)
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def interleaved(first: Path, second: Path, rounds: int = 5) -> tuple[float, float]:
    """Median build times of two configs, alternating so machine load hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        times[0].append(time_build(first, repeats=1))
        times[1].append(time_build(second, repeats=1))
    return statistics.median(times[0]), statistics.median(times[1])


@contextmanager
def served_site(compress: bool = True) -> Iterator[tuple[Path, str]]:
    """The project's site, built with ``--strict`` into a temp dir served on 127.0.0.1.

    Yields the site folder and its URL; ``site_url`` is that URL, so instant navigation works.
    """
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        with serve(site, compress=compress) as url:
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
            subprocess.run(command, cwd=ROOT, env=env, check=True)
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
