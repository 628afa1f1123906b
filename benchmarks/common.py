"""What every benchmark shares: timed real builds and a plain-text table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
