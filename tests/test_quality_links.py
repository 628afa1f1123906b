"""No broken internal link or anchor: LinkChecker crawls the served site, parsing the real HTML,
and every ``#fragment`` a page links to names an element of its target page."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, LinkCheckerHandler
from mkdocs_playbook.core.loopback import serve
from site_pages import built_file, built_pages, soup_of

LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"
# Internal links only (the site works offline; external ones are the author's references).
# LinkChecker only goes faster than 10 requests/s (0.1-0.6 s apart) to a server that answers with
# a LinkChecker header, as the test server does: 60 s -> 4 s. The CSV report keeps only these
# columns, in this order, and no "# " comment lines (a row can start with "#": a link to an anchor
# on the same page). Anchors are not LinkChecker's job here: its AnchorCheck plugin downloads and
# parses the target page again for every distinct #fragment (400 of them, 70 s), where
# ``anchor_problems`` reads each page once.
COLUMNS = ("urlname", "parentname", "result", "warningstring", "valid", "url", "line")
CONFIG = f"""\
[checking]
maxrequestspersecond=1000

[filtering]
checkextern=0

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


def anchor_problems(site_dir: Path, base_url: str) -> tuple[list[str], int]:
    """Every link of every built page to a ``#fragment`` of a page of the site that has no
    element with that id (or ``<a name>``), as ``page: href``; and how many links were checked.

    Each page is parsed once. A fragment is read as the browser does (percent-decoded), and the
    target is the page the link resolves to from its own page's URL, as served at ``base_url``.
    """
    pages = built_pages(site_dir)
    soups = {url: soup_of(built_file(site_dir, url)) for url in pages}
    anchors = {
        url: {str(tag["id"]) for tag in soup.select("[id]")}
        | {str(tag["name"]) for tag in soup.select("a[name]")}
        for url, soup in soups.items()
    }
    found: list[str] = []
    checked = 0
    for url, soup in soups.items():
        for link in soup.select("[href*='#']"):
            href = str(link["href"])
            target = urljoin(base_url + url, href)
            if not target.startswith(base_url):
                continue
            path, fragment = urlsplit(target).path, unquote(urlsplit(target).fragment)
            target_page = path.removeprefix(urlsplit(base_url).path).removesuffix("index.html")
            if target_page not in anchors or not fragment:
                continue  # a file, or a page LinkChecker reports missing
            checked += 1
            if fragment not in anchors[target_page]:
                found.append(f"/{url}: {href}")
    return found, checked


def test_no_internal_link_or_anchor_is_broken(
    site_dir: Path, base_url: str, tmp_path: Path
) -> None:
    # Nothing links to the 404 page, so it is a second starting point.
    rows = crawl([base_url, base_url + "404.html"], tmp_path)
    assert problems(rows) == []
    checked = {row["url"] for row in rows}
    unreached = [url for url in built_pages(site_dir) if base_url + url not in checked]
    assert unreached == [], "the crawl did not reach every page the build wrote"
    missing, anchor_links = anchor_problems(site_dir, base_url)
    assert missing == [], "links to anchors that are not there:\n" + "\n".join(missing)
    assert anchor_links > 500, "the pages link to their sections: that many anchors are checked"


@pytest.fixture
def broken_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
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
        yield root, url


def test_the_gate_reports_a_broken_link_and_a_missing_anchor(
    broken_site: tuple[Path, str], tmp_path: Path
) -> None:
    root, url = broken_site
    found = problems(crawl([url], tmp_path))
    assert len(found) == 1, found
    assert "missing.html -> 404" in found[0], found
    missing, checked = anchor_problems(root, url)
    assert missing == ["/other.html: #gone", "/other.html: index.html#nowhere"], missing
    assert checked == 4
