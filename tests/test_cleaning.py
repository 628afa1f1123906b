"""The one policy for author HTML the plugin copies (core/cleaning.py), against a public corpus
of script-injection vectors: nothing that can run code survives, however it is encoded, and a
page with nothing to remove is left byte for byte."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from inert import assert_inert

from mkdocs_playbook.core.cleaning import clean, url_scheme

VECTORS = [
    line
    for line in (Path(__file__).parent / "fixtures" / "xss-vectors.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_corpus_is_the_one_the_browser_test_runs() -> None:
    """Each vector calls xss(N) with its own number, so the browser test can say which ran
    (written with character references, or inside a base64 payload, in some)."""
    assert len(VECTORS) >= 90
    for number, vector in enumerate(VECTORS, start=1):
        called = f"xss({number})" in html.unescape(vector) or "base64," in vector
        assert called, f"vector {number} does not call xss({number}): {vector}"


@pytest.mark.parametrize("vector", VECTORS, ids=[f"v{n}" for n in range(1, len(VECTORS) + 1)])
def test_no_vector_survives_cleaning(vector: str) -> None:
    page = f'<h1 id="t">Title</h1>\n<p>before {vector} after</p>'
    result = clean(page)
    assert_inert(result.html)
    assert result.html.startswith('<h1 id="t">Title</h1>')


def test_what_was_removed_is_named() -> None:
    result = clean('<p>a <a href="javascript&colon;x()">b</a><script>y()</script></p>')
    assert result.removed == ["href attribute", "<script> element"]
    assert result.html == "<p>a <a>b</a></p>"


def test_a_clean_page_is_left_byte_for_byte() -> None:
    page = (
        '<div class="tabbed-set" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" '
        'name="__tabbed_1" type="radio" /><label for="__tabbed_1_1">Tab</label></div>'
        '<p>Say <code>&lt;script&gt;</code>, <a href="https://example.org/a?b=1&amp;c=2">ok</a>'
        ' or <img alt="" src="data:image/png;base64,AAAA"></p>'
        '<svg viewBox="0 0 10 10"><style>.a{fill:red}</style><a href="#x"><text>t</text></a></svg>'
        '<div class="mermaid">a --&gt; b</div>'
    )
    assert clean(page).html == page
    assert clean(page).removed == []


def test_url_scheme_sees_through_obfuscation() -> None:
    assert url_scheme("JaVa&#09;ScRiPt:alert(1)") == "javascript"
    assert url_scheme("\x01java\nscript:x") == "javascript"
    assert url_scheme("javascript&colon;x") == "javascript"
    assert url_scheme("deep-dives.md#a:b") is None
    assert url_scheme("https://x.org") == "https"
