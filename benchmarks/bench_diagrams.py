"""What drawing diagrams at build time saves a mobile visit, against leaving them to the browser.

Two builds of the project, each served on 127.0.0.1 with gzip on: *drawn at build* (as
configured: every diagram is SVG in the HTML) and *drawn in the browser* (``draw_at_build:
false``: each diagram is left as Mermaid code that diagrams-in-browser.js draws with the site's
copy of Mermaid, as before build-time drawing). The pages with diagrams, reference-diagram and
cheat-sheet, are measured in both:

- Lighthouse's mobile preset (simulated throttling), pages and variants interleaved, median of
  ``LIGHTHOUSE_RUNS`` runs (default 3): performance score, TBT, CLS and LCP;
- one first visit in a fresh Chromium context (``bench_bytes.first_visit``: until the diagrams
  are drawn and the network is quiet): requests and KB on the wire, and those for Mermaid
  (``assets/vendor/mermaid/``). Sizes do not vary between runs, so one visit is enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path

from benchmarks.bench_bytes import Transfer, first_visit, kb, totals
from benchmarks.bench_lighthouse import (
    Run,
    format_metric,
    lighthouse_runs,
    median_run,
    parse_report,
    run_lighthouse,
)
from benchmarks.common import PAGES, chromium, print_table, served_site

VARIANTS: dict[str, Mapping[str, object]] = {
    "drawn at build": {},
    "drawn in the browser": {"draw_at_build": False},
}
"""Variant name -> the plugin's diagram options for its build."""
MEASURED = ("reference-diagram", "cheat-sheet")
METRICS = ("TBT", "CLS", "LCP")
MARKUP = {
    "drawn at build": (('<div class="playbook-diagram" data-diagram',), '<div class="mermaid"'),
    "drawn in the browser": (('<div class="mermaid"', "data-mermaid-module="), "data-diagram>"),
}
"""Variant name -> (markup its pages must have, markup they must not have)."""


def check_markup(variant: str, site: Path, path: str) -> None:
    """Fail unless the page holds its diagrams the variant's way (not a silent fallback, such
    as a build without Chromium leaving them to the browser)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    present, absent = MARKUP[variant]
    missing = [markup for markup in present if markup not in html]
    assert not missing, f"{variant}: {path} has no {missing}"
    assert absent not in html, f"{variant}: {path} has {absent!r}"


def main() -> None:
    runs = lighthouse_runs()
    pages = [(name, path) for name, path in PAGES if name in MEASURED]
    visits: dict[tuple[str, str], list[Transfer]] = {}
    reports: dict[tuple[str, str], list[Run]] = {}
    with ExitStack() as stack:
        sites = {
            variant: stack.enter_context(served_site(compress=True, diagrams=options))
            for variant, options in VARIANTS.items()
        }
        with chromium() as browser:
            for variant, (site, url) in sites.items():
                for name, path in pages:
                    check_markup(variant, site, path)
                    visits[name, variant] = first_visit(browser, url, path)
        for _ in range(runs):
            for name, path in pages:
                for variant, (_, url) in sites.items():
                    report = run_lighthouse(url + path, "mobile")
                    reports.setdefault((name, variant), []).append(parse_report(report, url))
    rows: list[list[object]] = []
    for (name, variant), results in reports.items():
        median = median_run(results)
        transfers = visits[name, variant]
        mermaid = [t for t in transfers if t.group == "Mermaid"]
        rows.append(
            [
                name,
                variant,
                median.scores["performance"],
                ", ".join(str(run.scores["performance"]) for run in results),
                *(format_metric(m, median.metrics[m]) for m in METRICS),
                len(transfers),
                kb(totals(transfers)["total"][0]),
                f"{len(mermaid)} ({kb(sum(t.encoded for t in mermaid))} KB)",
            ]
        )
    print_table(
        f"Diagrams drawn at build vs in the browser: Lighthouse mobile (median of {runs} runs, "
        "gzip on, simulated throttling) and one first visit (requests, KB on the wire)",
        ["page", "diagrams", "perf", "each run", *METRICS, "requests", "KB", "Mermaid requests"],
        rows,
    )
