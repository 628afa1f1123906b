"""The site offline: what the first visit's precache weighs, how long it takes, and how fast a
page opens from it with the network off.

The real site is built and served with gzip on. The precache is counted from the service worker
the build wrote: the files it precaches, each gzipped (level 6, as the server sends them), and
those it keeps only once fetched. Chromium (service workers allowed) then opens the home page in
a fresh context and waits until the worker controls it with the site precached (offline.js marks
``<html data-playbook-offline="ready">``); with the context offline it opens each measured page
by URL (navigation start to the load event, every page answered by the worker) and by instant
navigation (Material fetching the page, until its heading shows), median of ``ROUNDS`` rounds.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import zlib
from pathlib import Path

from benchmarks.common import PAGES, chromium, is_built, print_table, served_site

ROUNDS = 5
READY = "html[data-playbook-offline=ready]"
WORKER = "service-worker.js"


def precache_sizes(site: Path) -> tuple[int, int, int, int]:
    """(files precached, their bytes gzipped, their bytes, files kept once fetched)."""
    source = (site / WORKER).read_text(encoding="utf-8")
    found = re.search(r"^const CONFIG = (.*);$", source, re.MULTILINE)
    assert found is not None, f"{WORKER} holds no file list"
    files = json.loads(found.group(1))["files"]
    precached = [url for url, _, precache in files if precache]
    paths = [
        site / (url + "index.html" if url == "" or url.endswith("/") else url) for url in precached
    ]
    data = [path.read_bytes() for path in paths]
    gzipped = sum(len(zlib.compress(body, 6)) for body in data)
    return len(precached), gzipped, sum(len(body) for body in data), len(files) - len(precached)


def main() -> None:
    with served_site(compress=True) as (site, url), chromium() as browser:
        count, gzipped, raw, kept = precache_sizes(site)
        measured = [(name, path) for name, path in PAGES if is_built(site, path)]
        first_visits: list[float] = []
        by_url: dict[str, list[float]] = {name: [] for name, _ in measured}
        instant: dict[str, list[float]] = {name: [] for name, _ in measured}
        for _ in range(ROUNDS):
            context = browser.new_context(service_workers="allow")
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(READY, timeout=60_000)
            first_visits.append(time.perf_counter() - start)
            context.set_offline(True)
            for name, path in measured:
                response = page.goto(url + path)
                assert response is not None and response.from_service_worker, path
                by_url[name].append(
                    page.evaluate(
                        "(() => { const n = performance.getEntriesByType('navigation')[0];"
                        " return n.loadEventEnd - n.startTime; })()"
                    )
                )
            page.goto(url + measured[-1][1])  # each page is reached from the one before it
            for name, path in measured:
                title = page.evaluate("document.title")
                start = time.perf_counter()
                page.evaluate("(address) => location$.next(new URL(address))", url + path)
                page.wait_for_function("(title) => document.title !== title", arg=title)
                instant[name].append((time.perf_counter() - start) * 1000)
            context.close()
    print_table(
        "Offline: the first visit's precache (from the built service worker)",
        [
            "files precached",
            "KB gzipped",
            "KB uncompressed",
            "kept once fetched",
            "first visit to ready (s)",
        ],
        [
            [
                count,
                f"{gzipped / 1024:,.1f}",
                f"{raw / 1024:,.1f}",
                kept,
                f"{statistics.median(first_visits):.2f}",
            ]
        ],
    )
    print_table(
        f"Offline page loads, ms (network off, median of {ROUNDS} rounds)",
        ["page", "by URL (to load event)", "by instant navigation (to the new title)"],
        [
            [
                name,
                f"{statistics.median(by_url[name]):,.0f}",
                f"{statistics.median(instant[name]):,.0f}",
            ]
            for name, _ in measured
        ],
    )
