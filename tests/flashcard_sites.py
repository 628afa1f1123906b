"""Small throwaway MkDocs sites for flashcard tests: real builds, any cards we need."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import textwrap
import zipfile
from pathlib import Path
from typing import Any

from conftest import run_mkdocs_build

HOSTILE_BANK = """\
---
description: A question bank written by someone who wants to run code in your browser.
---

# Question Bank

- **Script <script>window.pwned = "term"</script>**: answer <script>window.pwned = 1</script>
- **Image**: <img src="x" onerror="document.body.append(document.createElement('pwned'))"> broken
- **Link**: [click me](javascript:alert(3)) and <a href="JaVa&#09;script:alert(4)">me</a>
- **Frame**: <iframe srcdoc="<script>parent.alert(5)</script>"></iframe> framed
- **SVG**: <svg onload="alert(6)"><circle r="5"/></svg> drawn
- **Handler**: <b onmouseover="alert(7)" id="pwned-hover">hover me</b>
- **Escaped**: `<script>alert(8)</script>` is how an attack looks
- **Entities**: &lt;img src=x onerror=alert(9)&gt; as text
"""


def write_site(root: Path, pages: dict[str, str], flashcards: str = "", site_url: str = "") -> Path:
    """A Material site in ``root`` with the playbook plugin; returns its mkdocs.yml."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    pages = {"index.md": "# Home\n\nA test site.\n", **pages}
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    options = textwrap.indent(textwrap.dedent(flashcards).strip(), " " * 8)
    nav = "\n".join(f"  - {name}" for name in [*pages, "flashcards.md"])
    config = f"""\
site_name: Flashcard test site
site_url: {site_url or "http://127.0.0.1/"}
docs_dir: docs
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
{options or "        enabled: true"}
markdown_extensions:
  - abbr
  - toc:
      permalink: true
  - tables
  - def_list
  - attr_list
  - admonition
  - pymdownx.superfences
  - pymdownx.highlight
nav:
{nav}
"""
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def build(
    config: Path,
    site: Path,
    strict: bool = True,
    site_url: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` as a user runs it; ``strict=False`` to look at what warnings allow."""
    return run_mkdocs_build(site, config, site_url, env, strict=strict)


def deck_json(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "flashcards.json").read_text(encoding="utf-8"))
    return data


def apkg_notes(site: Path, scratch: Path) -> list[tuple[str, str, int, str, int]]:
    """(guid, fields, model id, tags, mod) of every note in the site's Anki package."""
    with zipfile.ZipFile(site / "flashcards.apkg") as archive:
        scratch.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(scratch) as db:
        rows = db.execute("SELECT guid, flds, mid, tags, mod FROM notes ORDER BY id").fetchall()
    return [(str(g), str(f), int(m), str(t), int(mod)) for g, f, m, t, mod in rows]


def tsv_rows(site: Path) -> list[str]:
    """Data rows of flashcards.tsv (quoted fields may span lines, so split on GUID starts)."""
    text = (site / "flashcards.tsv").read_text(encoding="utf-8")
    body = text.split("#columns:GUID\tFront\tBack\tTags\n", 1)[1]
    rows: list[str] = []
    for line in body.splitlines(keepends=True):
        if rows and rows[-1].count('"') % 2 == 1:
            rows[-1] += line
        else:
            rows.append(line)
    return rows
