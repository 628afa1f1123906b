"""The Nu Html Checker (vnu.jar, the W3C validator's engine) over the whole built site: no error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from mkdocs_playbook.core.material_markup import fix_material_markup
from site_pages import built_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss8m")
"""A run of a few seconds: the JIT's quick tier alone halves the checker's CPU (the whole site,
7.0 -> 3.1 CPU s; one small file, 2.4 -> 1.3), and its larger frames need more stack than
vnu's 512k minimum for the schema's recursion (it stops with a StackOverflowError at 1m)."""


def vnu_errors(target: Path) -> list[str]:
    """Every error vnu finds in the HTML files under ``target``, as ``file:line: message``.

    No message is filtered out: the site has no known validator false positive.
    """
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: `make test` installs it (default-jre-headless).")
    assert VNU.is_file(), f"{VNU} is missing: run `make setup`"
    options = ["--errors-only", "--format", "json", "--skip-non-html"]
    result = subprocess.run(
        [java, *JVM_OPTIONS, "-jar", str(VNU), *options, str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return [
        f"{str(m.get('url', '')).removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def test_every_built_page_is_valid_html(site_dir: Path) -> None:
    assert len(built_pages(site_dir)) >= 19
    errors = vnu_errors(site_dir)
    assert errors == [], "vnu found errors:\n" + "\n".join(errors)


MATERIAL_TOGGLES = """<!doctype html>
<html lang="en"><head><title>Toggles</title></head>
<body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<label class="md-nav__link" for="__drawer" id="__nav_2_label" tabindex="">Section</label>
</body></html>
"""


def test_the_gate_fails_on_materials_raw_markup_and_passes_once_fixed(tmp_path: Path) -> None:
    (tmp_path / "raw.html").write_text(MATERIAL_TOGGLES, encoding="utf-8")
    errors = vnu_errors(tmp_path)
    assert len(errors) == 3, errors
    assert sum("autocomplete" in error for error in errors) == 2, errors
    assert any("tabindex" in error for error in errors), errors
    (tmp_path / "raw.html").write_text(fix_material_markup(MATERIAL_TOGGLES), encoding="utf-8")
    assert vnu_errors(tmp_path) == []
