"""LinkChecker crawls the served site, parsing the real HTML: no broken internal link or anchor."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, LinkCheckerHandler
from playbook.loopback import serve
from site_pages import built_pages

LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"
# Internal links only (the site works offline; external ones are the author's references), and
# every #fragment must name an element of the page it points to. LinkChecker only goes faster than
# 10 requests/s (0.1-0.6 s apart) to a server that answers with a LinkChecker header, as the test
# server does: 60 s -> 10 s. The CSV report keeps only these columns, in this order, and no
# "# " comment lines (a row can start with "#": a link to an anchor on the same page).
COLUMNS = ("urlname", "parentname", "result", "warningstring", "valid", "url", "line")
CONFIG = f"""\
[checking]
maxrequestspersecond=1000

[filtering]
checkextern=0

[AnchorCheck]

[csv]
parts={",".join(COLUMNS)}
"""


def crawl(urls: list[str], tmp_path: Path) -> list[dict[str, str]]:
    """What LinkChecker found crawling from ``urls``: one row per URL it checked, and one per
    further link to an already checked URL when that link fails (a missing anchor, say)."""
    assert LINKCHECKER.exists(), f"{LINKCHECKER} is missing: run `make setup`"
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    # CSV goes to stdout: run as root, LinkChecker drops to `nobody`, who cannot write to tmp_path.
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(config), "--no-status", "--verbose", "-o", "csv", *urls],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    header, *rows = csv.reader(io.StringIO(result.stdout), delimiter=";")
    assert tuple(header) == COLUMNS, f"unexpected LinkChecker output:\n{result.stdout[:500]}"
    assert rows, f"LinkChecker reported nothing:\n{result.stderr}"
    return [dict(zip(COLUMNS, row, strict=False)) for row in rows]


def problems(rows: list[dict[str, str]]) -> list[str]:
    """Broken links (errors) and missing anchors (LinkChecker reports those as warnings)."""
    return [
        f"{row['parentname']}:{row.get('line', '?')}: {row['urlname']} -> {row['result']}"
        f" {row['warningstring']}".rstrip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]


def test_no_internal_link_or_anchor_is_broken(
    site_dir: Path, base_url: str, tmp_path: Path
) -> None:
    # Nothing links to the 404 page, so it is a second starting point.
    rows = crawl([base_url, base_url + "404.html"], tmp_path)
    assert problems(rows) == []
    checked = {row["url"] for row in rows}
    unreached = [url for url in built_pages(site_dir) if base_url + url not in checked]
    assert unreached == [], "the crawl did not reach every page the build wrote"
    assert any("#" in url for url in checked), "no anchor was checked"


@pytest.fixture
def broken_site(tmp_path: Path) -> Iterator[str]:
    """Two pages with a broken link and two missing anchors (on another page, on the same page)."""
    root = tmp_path / "site"
    root.mkdir()
    page = '<!doctype html><html lang="en"><title>{title}</title><h1 id="top">{title}</h1>{body}'
    (root / "index.html").write_text(
        page.format(
            title="Home", body='<a href="other.html">fine</a> <a href="missing.html">bad link</a>'
        ),
        encoding="utf-8",
    )
    (root / "other.html").write_text(
        page.format(
            title="Other",
            body='<a href="#top">fine</a> <a href="#gone">bad anchor</a>'
            ' <a href="index.html#top">fine</a> <a href="index.html#nowhere">bad anchor</a>',
        ),
        encoding="utf-8",
    )
    with serve(root, LinkCheckerHandler) as url:
        yield url


def test_the_gate_reports_a_broken_link_and_a_missing_anchor(
    broken_site: str, tmp_path: Path
) -> None:
    found = problems(crawl([broken_site], tmp_path))
    assert len(found) == 3, found
    assert any("missing.html -> 404" in problem for problem in found), found
    assert any("index.html#nowhere" in problem for problem in found), found
    assert any("other.html:1: #gone" in problem for problem in found), found
