"""The Mermaid fence and the offline check, without MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.diagrams import DiagramSetupError, check_mermaid_library, fence_mermaid


def test_fence_escapes_markup_so_it_cannot_run() -> None:
    source = 'graph TD\n  A["<img src=x onerror=alert(1)>"] --> B'
    html = fence_mermaid(source, "mermaid", "", {}, None)
    assert html.startswith('<div class="mermaid" data-search-exclude>')
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "--&gt; B" in html


@pytest.mark.parametrize(
    ("javascript", "message"),
    [
        (None, "CDN"),
        ("", "CDN"),
        ("https://unpkg.com/mermaid@11/dist/mermaid.esm.min.mjs", "offline"),
        ("//cdn.example.org/mermaid.mjs", "offline"),
        ("assets/vendor/mermaid/mermaid.min.js", "ES module"),
        ("assets/vendor/mermaid/missing.mjs", "make setup"),
    ],
)
def test_unusable_mermaid_settings_are_explained(
    tmp_path: Path, javascript: str | None, message: str
) -> None:
    with pytest.raises(DiagramSetupError, match=message):
        check_mermaid_library(javascript, tmp_path)


def test_vendored_mermaid_is_accepted(tmp_path: Path) -> None:
    module = tmp_path / "assets" / "m.mjs"
    module.parent.mkdir()
    module.write_text("export default {}", encoding="utf-8")
    assert check_mermaid_library("assets/m.mjs", tmp_path) == module
