"""Lighthouse mobile over every page of the built site: performance only, served gzipped as a
static host would, the median of ``LIGHTHOUSE_RUNS`` runs per page (default 5), pages
interleaved so the machine's load hits them alike. Printed slowest first, with the site-wide
minimum and median; never part of ``make test``.

    LIGHTHOUSE_RUNS=5 python -m benchmarks sweep            # every page
    SWEEP_PAGES="solutions/rate-limiter/ cheat-sheet/" python -m benchmarks sweep
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_lighthouse import run_lighthouse
from benchmarks.common import print_table, served_site


@dataclass(frozen=True)
class PageRun:
    score: int
    tbt: float
    lcp: float
    cls: float
    dom: int


def pages_of(site: Path) -> list[str]:
    """Every HTML page the build wrote, as a URL path ("" is the home page)."""
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if path.name == "index.html"
    )


def page_run(report: dict[str, Any]) -> PageRun:
    audits = report["audits"]
    dom = (audits["dom-size"].get("numericValue")) or 0
    return PageRun(
        score=round(report["categories"]["performance"]["score"] * 100),
        tbt=audits["total-blocking-time"]["numericValue"],
        lcp=audits["largest-contentful-paint"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        dom=int(dom),
    )


def median(runs: list[PageRun]) -> PageRun:
    return PageRun(
        score=round(statistics.median(r.score for r in runs)),
        tbt=statistics.median(r.tbt for r in runs),
        lcp=statistics.median(r.lcp for r in runs),
        cls=statistics.median(r.cls for r in runs),
        dom=runs[0].dom,
    )


def main() -> None:
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))
    chosen = os.environ.get("SWEEP_PAGES", "").split()
    collected: dict[str, list[PageRun]] = {}
    with served_site(compress=True) as (site, url):
        pages = [page for page in pages_of(site) if not chosen or page in chosen]
        for _ in range(runs):
            for page in pages:
                report = run_lighthouse(url + page, "mobile", categories=("performance",))
                collected.setdefault(page, []).append(page_run(report))
    results = {page: median(found) for page, found in collected.items()}
    ordered = sorted(results.items(), key=lambda item: (item[1].score, -item[1].tbt))
    rows = [
        [
            f"/{page}",
            run.score,
            min(r.score for r in collected[page]),
            f"{run.tbt:,.0f} ms",
            f"{run.lcp:,.0f} ms",
            f"{run.cls:.3f}",
            f"{run.dom:,}",
        ]
        for page, run in ordered
    ]
    scores = [run.score for run in results.values()]
    print_table(
        f"Lighthouse mobile, every page (median of {runs} runs, gzip on, simulated throttling)",
        ["page", "perf", "worst run", "TBT", "LCP", "CLS", "DOM elements"],
        rows,
    )
    print_table(
        "Site-wide",
        ["pages", "minimum", "median", "pages below 95", "pages with TBT over 200 ms"],
        [
            [
                len(scores),
                min(scores),
                statistics.median(scores),
                sum(score < 95 for score in scores),
                sum(run.tbt > 200 for run in results.values()),
            ]
        ],
    )
