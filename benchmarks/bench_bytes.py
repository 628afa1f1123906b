"""Bytes a first visit downloads for each measured page, and whose they are.

The real site is served on 127.0.0.1 with gzip on. Chromium opens each page in a fresh context
(empty cache = a first visit) and every response is recorded until the diagrams are visible
(drawn at build time: at once; left to the browser: once diagrams-in-browser.js has drawn them)
and the network has been quiet for a while. Each response counts its encoded body (what crossed the
wire, gzip applied to text) and its decoded body (what a server without compression would send),
grouped by who ships it. A request to any host other than 127.0.0.1 stops the benchmark.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlparse

from playwright.sync_api import Browser, Request

from benchmarks.common import (
    DIAGRAMS_DRAWN,
    NOT_BUILT,
    PAGES,
    chromium,
    is_built,
    print_table,
    served_site,
)

GROUPS = (
    ("HTML", ()),
    ("ours", ("assets/playbook/",)),
    ("Material", ("assets/javascripts/", "assets/stylesheets/", "assets/fonts/", "assets/icons/")),
    ("Mermaid", ("assets/vendor/mermaid/",)),
    ("other", ()),
)
TEXT_SUFFIXES = (".html", ".js", ".mjs", ".css", ".json", ".xml", ".svg")
QUIET_MS = 1000
"""The network counts as idle once no request started or ended for this long."""


@dataclass(frozen=True)
class Transfer:
    """One response of a page load."""

    path: str
    """Path under the site root."""
    group: str
    """Who ships it: one of GROUPS."""
    encoded: int
    """Body bytes on the wire (gzip-compressed for text)."""
    decoded: int
    """Body bytes after decoding: what an uncompressed server would send."""


def group_of(path: str, is_document: bool) -> str:
    if is_document:
        return "HTML"
    owners = (group for group, prefixes in GROUPS if prefixes and path.startswith(prefixes))
    return next(owners, "other")


class ForeignRequestError(AssertionError):
    """The page asked a host other than 127.0.0.1: the site must work offline."""


@dataclass
class NetworkLog:
    """Every finished request of a page load, and whether the network has gone quiet."""

    finished: list[Request]
    in_flight: int = 0
    last_change: float = 0.0

    def started(self, request: Request) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        if urlparse(request.url).hostname != "127.0.0.1":
            raise ForeignRequestError(f"request to another host: {request.url}")
        self.in_flight += 1
        self.last_change = time.monotonic()

    def ended(self, request: Request) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        self.in_flight -= 1
        self.last_change = time.monotonic()
        if request.failure is None:
            self.finished.append(request)

    def quiet(self) -> bool:
        return self.in_flight == 0 and time.monotonic() - self.last_change > QUIET_MS / 1000


def first_visit(browser: Browser, base_url: str, path: str) -> list[Transfer]:
    """Every response of a first visit to ``path``, once diagrams are drawn and all is quiet."""
    context = browser.new_context()
    log = NetworkLog(finished=[])
    foreign: list[str] = []

    def started(request: Request) -> None:
        try:
            log.started(request)
        except ForeignRequestError as error:
            foreign.append(str(error))

    context.on("request", started)
    context.on("requestfinished", log.ended)
    context.on("requestfailed", log.ended)
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function(DIAGRAMS_DRAWN, timeout=60_000)
    while not log.quiet():
        page.wait_for_timeout(100)
    if foreign:
        context.close()
        raise ForeignRequestError("; ".join(foreign))
    transfers = []
    for request in log.finished:
        response = request.response()
        assert response is not None, request.url
        sizes = request.sizes()
        relative = request.url.removeprefix(base_url)
        group = group_of(relative, is_document=request.resource_type == "document")
        transfers.append(Transfer(relative, group, sizes["responseBodySize"], len(response.body())))
    context.close()
    return transfers


def check_compressed(transfers: list[Transfer]) -> None:
    """Fail unless the server gzipped the text: otherwise 'on the wire' would mean nothing."""
    text = [t for t in transfers if t.path.endswith(TEXT_SUFFIXES) or t.group == "HTML"]
    raw = [t.path for t in text if t.decoded > 1024 and t.encoded >= t.decoded]
    if raw:
        raise AssertionError(f"sent uncompressed although gzip is on: {', '.join(raw)}")


def totals(transfers: list[Transfer]) -> dict[str, tuple[int, int]]:
    """(encoded, decoded) bytes per group, plus a ``total``."""
    sums = {group: (0, 0) for group, _ in GROUPS}
    for transfer in transfers:
        encoded, decoded = sums[transfer.group]
        sums[transfer.group] = (encoded + transfer.encoded, decoded + transfer.decoded)
    sums["total"] = (sum(t.encoded for t in transfers), sum(t.decoded for t in transfers))
    return sums


def group_order(item: tuple[tuple[str, str], object]) -> tuple[int, str]:
    """Sort key of a ((group, path), ...) item: groups in GROUPS order, then by path."""
    (group, path), _ = item
    return [name for name, _ in GROUPS].index(group), path


def kb(size: int) -> str:
    return f"{size / 1024:,.1f}"


def main() -> None:
    measured: dict[str, list[Transfer] | None] = {}
    with served_site(compress=True) as (site, url), chromium() as browser:
        for name, path in PAGES:
            measured[name] = first_visit(browser, url, path) if is_built(site, path) else None

    columns = [group for group, _ in GROUPS] + ["total"]
    rows: list[list[object]] = []
    files: dict[tuple[str, str], tuple[Transfer, list[str]]] = {}
    for name, transfers in measured.items():
        if transfers is None:
            rows.append([name, *[NOT_BUILT] * (len(columns) + 2)])
            continue
        check_compressed(transfers)
        sums = totals(transfers)
        ours_share = sums["ours"][0] / sums["total"][0]
        rows.append(
            [
                name,
                len(transfers),
                *(f"{kb(sums[c][0])} / {kb(sums[c][1])}" for c in columns),
                f"{ours_share:.1%}",
            ]
        )
        for transfer in transfers:
            if transfer.group in ("ours", "other"):
                files.setdefault((transfer.group, transfer.path), (transfer, []))[1].append(name)
    print_table(
        "First visit, bytes per group: KB on the wire with gzip / KB uncompressed "
        "(fresh Chromium context, until diagrams are visible and the network is quiet)",
        ["page", "requests", *columns, "ours (of wire)"],
        rows,
    )
    print_table(
        "The files of 'ours' and 'other' (KB on the wire / uncompressed)",
        ["group", "file", "gzip", "uncompressed", "loaded by"],
        [
            [group, path, kb(t.encoded), kb(t.decoded), ", ".join(pages)]
            for (group, path), (t, pages) in sorted(files.items(), key=group_order)
        ],
    )
