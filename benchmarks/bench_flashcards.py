"""Flashcards at scale: build time for 100, 1,000 and 10,000 cards, and time to the first card.

Each synthetic site has one question bank page whose items mix the shapes authors write (bold
term with a colon, definition list, table row) with code, links and emphasis in the answers. The
same site is built with the flashcards feature on and off, so the table shows what the feature
itself costs per card. Then Chromium opens the 10,000-card flashcards page and reads the
``playbook-flashcards:first-card`` performance mark that the study mode sets when it shows a card.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.common import ROOT, print_table, time_build
from mkdocs_playbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from mkdocs_playbook.core.loopback import serve

SIZES = (100, 1_000, 10_000)


def question_bank(cards: int) -> str:
    """A page with ``cards`` flashcards: a third list items, a third definitions, a third rows."""
    third = cards // 3
    items = [
        f"- **Term {n}**: answer {n} with `code_{n}`, *emphasis* and a [link](index.md)."
        for n in range(third)
    ]
    definitions = [
        f"Definition {n}\n:   First paragraph of answer {n}.\n\n    Second paragraph, **bold**."
        for n in range(third)
    ]
    rows = [f"| **Row {n}** | cell {n} | another cell {n} |" for n in range(cards - 2 * third)]
    return "\n\n".join(
        [
            "---\ndescription: A synthetic question bank for the flashcards benchmark.\n---",
            "# Question Bank",
            "\n".join(items),
            *definitions,
            "| Term | Answer | More |\n| --- | --- | --- |\n" + "\n".join(rows),
        ]
    )


def write_site(root: Path, cards: int, enabled: bool, site_url: str = "") -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\nThe benchmark site.\n", encoding="utf-8")
    (docs / "bank.md").write_text(question_bank(cards), encoding="utf-8")
    nav = "  - index.md\n  - bank.md\n" + ("  - flashcards.md\n" if enabled else "")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Flashcards benchmark
            site_url: {site_url or "http://127.0.0.1/"}
            theme:
              name: material
              font: false
              features: [navigation.instant]
            plugins:
              - search
              - playbook:
                  calculators:
                    enabled: false
                  flashcards:
                    enabled: {str(enabled).lower()}
            markdown_extensions: [toc, tables, def_list, attr_list, admonition,
                                  pymdownx.superfences, pymdownx.highlight]
            """
        )
        + f"nav:\n{nav}",
        encoding="utf-8",
    )
    return config


def build_times() -> list[list[object]]:
    rows: list[list[object]] = []
    for cards in SIZES:
        repeats = 3 if cards < 10_000 else 1
        with tempfile.TemporaryDirectory() as folder:
            with_cards = time_build(write_site(Path(folder) / "on", cards, True), repeats)
            without = time_build(write_site(Path(folder) / "off", cards, False), repeats)
        cost = with_cards - without
        rows.append(
            [
                f"{cards:,}",
                f"{with_cards:.2f}",
                f"{without:.2f}",
                f"{cost:.2f}",
                f"{cost / cards * 1000:.2f}",
            ]
        )
    return rows


MARK = "performance.getEntriesByName('playbook-flashcards:{}')[0].startTime"


def first_card_times(cards: int, loads: int = 3) -> tuple[float, float, float, int]:
    """Median ms to DOMContentLoaded, to the first card, the study mode's own start-up time,
    and the page size in bytes."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        site.mkdir()
        with serve(site) as url:
            config = write_site(Path(folder) / "src", cards, True, url)
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run([*command, "-d", str(site)], cwd=ROOT, env=env, check=True)
            size = (site / "flashcards" / "index.html").stat().st_size
            ready: list[float] = []
            first: list[float] = []
            startup: list[float] = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
                )
                for _ in range(loads):
                    page = browser.new_context().new_page()
                    page.goto(url + "flashcards/")
                    page.wait_for_function(
                        "performance.getEntriesByName('playbook-flashcards:first-card').length",
                        timeout=120_000,
                    )
                    first.append(page.evaluate(MARK.format("first-card")))
                    startup.append(first[-1] - page.evaluate(MARK.format("start")))
                    ready.append(
                        page.evaluate(
                            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                        )
                    )
                    page.context.close()
                browser.close()
    median = statistics.median
    return median(ready), median(first), median(startup), size


def main() -> None:
    print_table(
        "Flashcards: build time (s, median of 3; one run at 10,000)",
        ["cards", "build", "build without flashcards", "flashcards cost", "ms per card"],
        build_times(),
    )
    ready, first, startup, size = first_card_times(SIZES[-1])
    print_table(
        f"Flashcards: {SIZES[-1]:,} cards in Chromium (median of 3 loads, ms from navigation)",
        ["page size", "DOMContentLoaded", "first card shown", "study mode start-up"],
        [[f"{size / 1e6:.1f} MB", f"{ready:.0f} ms", f"{first:.0f} ms", f"{startup:.0f} ms"]],
    )
