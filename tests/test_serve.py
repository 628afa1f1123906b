"""`mkdocs serve` on a temp copy of the site, as an author runs it: what it watches, that an
edit outside docs/ shows without restarting it, and that a mistake shows on the page."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from conftest import ROOT
from mkdocs_playbook.mkdocs_glue.assets import ASSETS_DIR

pytestmark = pytest.mark.build

SERVE_TIMEOUT = 120.0


@dataclass
class Served:
    root: Path
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, pattern: str, count: int = 1, timeout: float = SERVE_TIMEOUT) -> str:
        """Wait until ``pattern`` has appeared ``count`` times in the server's log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.output()
            if len(re.findall(pattern, text)) >= count:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} x{count} not in the serve log:\n{self.output()}")

    def wait_for_page(self, path: str, text: str, absent: str = "") -> str:
        """The page once it holds ``text`` (and not ``absent``): rebuilt and written."""
        deadline = time.monotonic() + SERVE_TIMEOUT
        while time.monotonic() < deadline:
            try:
                html = self.get(path)
            except (TimeoutError, urllib.error.URLError):
                html = ""  # serve answers once its rebuild is done: slow on a loaded machine
            if text in html and not (absent and absent in html):
                return html
            time.sleep(0.2)
        raise AssertionError(f"{path} never showed {text!r}:\n{self.output()}")

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # the 404 page is served with its status
            return str(error.read().decode("utf-8"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mkdocs_serve(root: Path, port: int, stream: IO[str], *options: str) -> subprocess.Popen[str]:
    """``mkdocs serve`` of the project in ``root`` on 127.0.0.1:``port``, output to ``stream``."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=stream,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site's sources copied to a temp dir and served with live reload."""
    root = tmp_path_factory.mktemp("serve")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", ".cache"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, root / folder, symlinks=True)
    port = free_port()
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as stream:
        process = mkdocs_serve(root, port, stream, "--livereload")
    server = Served(root, f"http://127.0.0.1:{port}/", log)
    try:
        server.wait_for_log(r"Serving on http://127\.0\.0\.1")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_watches_the_overrides_and_the_plugins_assets(served: Served) -> None:
    watching = re.search(r"Watching paths for changes: (.*)", served.output())
    assert watching is not None
    paths = {path.strip("'") for path in watching.group(1).split(", ")}
    assert "overrides" in paths
    assert any(Path(path).resolve() == ASSETS_DIR.resolve() for path in paths), paths


def test_an_edit_to_the_overrides_shows_without_a_restart(served: Served) -> None:
    builds = len(re.findall(r"Building documentation", served.output()))
    not_found = served.root / "overrides" / "404.html"
    marker = "Edited while serving"
    template = not_found.read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in template
    not_found.write_text(template.replace("<h1>Page not found</h1>", f"<h1>{marker}</h1>"))
    served.wait_for_log(r"Building documentation", count=builds + 1)
    served.wait_for_page("no-such-page/", marker)


BROKEN_CALCULATOR = "\n## Broken on purpose\n\n```calculator\nuse: peak-qpz\n```\n"
BROKEN_DIAGRAM = "\n```mermaid\nflowchart LR\n  A --> [oops\n```\n"


def test_a_mistake_shows_on_the_page_and_the_next_save_fixes_it(served: Served) -> None:
    """The server keeps serving the page with the mistake in place of the piece; the build
    (tests/test_calculators_build.py, tests/test_diagrams_build.py) still fails on it."""
    page = served.root / "docs" / "trade-offs.md"
    original = page.read_text(encoding="utf-8")
    builds = len(re.findall(r"Building documentation", served.output()))
    page.write_text(original + BROKEN_CALCULATOR + BROKEN_DIAGRAM, encoding="utf-8")
    served.wait_for_log(r"Building documentation", count=builds + 1)
    html = served.wait_for_page("trade-offs/", "data-author-error")
    line = original.count("\n") + 5  # the calculator's `use:` line
    assert f"docs/trade-offs.md:{line}: calculator:" in html and "peak-qpz" in html
    assert html.count("data-author-error") == 2 and "docs/trade-offs.md:" in html
    assert "Parse error" in html
    page.write_text(original, encoding="utf-8")
    served.wait_for_log(r"Building documentation", count=builds + 2)
    html = served.wait_for_page("trade-offs/", "<h1", absent="data-author-error")
    assert "peak-qpz" not in html


def test_a_broken_card_or_cheat_sheet_section_shows_on_its_page(served: Served) -> None:
    """A card without an answer, and a heading the cheat sheet cuts a section from, renamed."""
    bank = served.root / "docs" / "question-bank.md"
    closing = served.root / "docs" / "close.md"
    bank_text, closing_text = (path.read_text(encoding="utf-8") for path in (bank, closing))
    builds = len(re.findall(r"Building documentation", served.output()))
    heading = "\n## Where each answer is worked out"
    assert heading in bank_text
    bank.write_text(
        bank_text.replace(heading, f"\nSchema drift\n:   \n{heading}"), encoding="utf-8"
    )
    closing.write_text(closing_text.replace("60-second Close", "Closing minute"), encoding="utf-8")
    served.wait_for_log(r"Building documentation", count=builds + 1)
    deck = served.wait_for_page("flashcards/", "data-author-error")
    assert "docs/question-bank.md:" in deck and "Idempotency" in deck
    sheet = served.wait_for_page("cheat-sheet/", "data-author-error")
    assert "close.md" in sheet and "60-second Close" in sheet
    assert "Capacity formulas" in sheet, "the sections that can still be cut are there"
    bank.write_text(bank_text, encoding="utf-8")
    closing.write_text(closing_text, encoding="utf-8")
    served.wait_for_page("flashcards/", "Idempotency", absent="data-author-error")
    served.wait_for_page("cheat-sheet/", "Capacity formulas", absent="data-author-error")
