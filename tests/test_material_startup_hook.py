"""overrides/hooks/material_startup.py: the build writes Material's scroll wrapper around each
table, exactly as Material's script would, once (tests/test_material_startup.py holds Material
to leaving those tables where they are), and the script every page carries inline is not also
shipped as a file."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from conftest import ROOT

_SPEC = importlib.util.spec_from_file_location(
    "material_startup", ROOT / "overrides" / "hooks" / "material_startup.py"
)
assert _SPEC and _SPEC.loader
hook = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(hook)
wrap_tables = hook.wrap_tables
OPEN, CLOSE, INLINE_SCRIPT = hook.OPEN, hook.CLOSE, hook.INLINE_SCRIPT
SCRIPT = (ROOT / "overrides" / INLINE_SCRIPT).read_text(encoding="utf-8").rstrip("\n")
"""As Jinja includes it: without the file's last newline."""

ROWS = "<tr><td>1</td></tr>"


def test_a_bare_table_gets_material_s_wrapper_and_the_rest_stays_byte_for_byte() -> None:
    html = f"<h2>Numbers</h2>\n<table>{ROWS}</table>\n<p>After.</p>"
    assert wrap_tables(html) == (
        f'<h2>Numbers</h2>\n<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f"<table>{ROWS}</table></div></div>\n<p>After.</p>"
    )


def test_tables_with_attributes_are_left_to_their_authors_but_bare_ones_inside_are_wrapped() -> (
    None
):
    """Material wraps only table:not([class]); any attribute here means the author wrote it."""
    inner = f"<table>{ROWS}</table>"
    html = f'<table class="highlighttable"><tr><td>{inner}</td></tr></table><table id="t"></table>'
    assert wrap_tables(html) == html.replace(inner, OPEN + inner + CLOSE)


def test_two_tables_side_by_side_and_one_inside_another_are_each_wrapped_once() -> None:
    html = f"<table>{ROWS}</table><table><tr><td><table>{ROWS}</table></td></tr></table>"
    wrapped = wrap_tables(html)
    assert wrapped.count(OPEN) == wrapped.count(CLOSE) == 3
    assert re.fullmatch(
        rf"{re.escape(OPEN)}<table>.*?</table>{re.escape(CLOSE)}"
        rf"{re.escape(OPEN)}<table><tr><td>{re.escape(OPEN)}<table>.*?</table>"
        rf"{re.escape(CLOSE)}</td></tr></table>{re.escape(CLOSE)}",
        wrapped,
    )
    assert wrap_tables(wrapped) == wrapped  # a wrapped table is not wrapped again


def test_a_stray_closing_tag_changes_nothing() -> None:
    html = f"</table><p>text</p><table>{ROWS}"
    assert wrap_tables(html) == html


@pytest.mark.build
def test_every_bare_table_of_the_built_site_is_in_one_wrapper(site_dir: Path) -> None:
    wrapped = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert OPEN + OPEN not in html, page
        for table in re.finditer("<table>", html):
            assert html.endswith(OPEN, 0, table.start()), f"{page}: a bare table not wrapped"
            wrapped += 1
    assert wrapped >= 40, wrapped  # the numbers, the trade-offs, the solutions' estimates, ...


@pytest.mark.build
def test_every_page_carries_the_startup_script_inline_and_the_site_has_no_copy(
    site_dir: Path,
) -> None:
    assert not (site_dir / INLINE_SCRIPT).exists()
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count(SCRIPT) == 1, page
        assert "material-startup.js" not in html, page
