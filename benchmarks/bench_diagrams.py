"""What drawing diagrams in the browser costs a mobile visit, and what pre-rendering would save.

The reference-diagram page is measured twice with Lighthouse's mobile preset, interleaved:
as built (Mermaid downloaded and run on every visit, the source swapped for the SVG), and a
variant written next to it in the served site where each ``div.mermaid`` already holds the SVG
that Mermaid drew in Chromium and the Mermaid scripts (mermaid2's inline module and
``diagrams.js``) are removed: what a build-time renderer would ship. Median of
``LIGHTHOUSE_RUNS`` runs (default 3), gzip on, simulated throttling.
"""

from __future__ import annotations

import re
import statistics

from benchmarks.bench_lighthouse import (
    METRICS,
    Run,
    format_metric,
    lighthouse_runs,
    parse_report,
    run_lighthouse,
)
from benchmarks.common import DIAGRAMS_DRAWN, chromium, print_table, served_site

PAGE = "reference-diagram/"
VARIANT = "reference-diagram-prerendered/"
DIAGRAM = re.compile(r'<div class="mermaid"[^>]*>.*?</div>', re.DOTALL)
MERMAID_SCRIPTS = (
    re.compile(r'<script type="module">import mermaid .*?</script>', re.DOTALL),
    re.compile(r'<script[^>]*src="[^"]*assets/playbook/diagrams\.js"[^>]*></script>'),
)


def drawn_diagrams(url: str) -> list[str]:
    """The outer HTML of every diagram once Mermaid has drawn it (light scheme)."""
    with chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function(DIAGRAMS_DRAWN, timeout=60_000)
        drawn: list[str] = page.eval_on_selector_all(
            "div.mermaid", "diagrams => diagrams.map((diagram) => diagram.outerHTML)"
        )
        page.close()
    return drawn


def prerendered(html: str, drawn: list[str]) -> str:
    """The page with its diagrams replaced by their SVG and no Mermaid script."""
    sources = DIAGRAM.findall(html)
    assert len(sources) == len(drawn) > 0, "the diagrams on the page changed shape"
    svgs = iter(drawn)
    html = DIAGRAM.sub(lambda _: next(svgs), html)
    for script in MERMAID_SCRIPTS:
        html, count = script.subn("", html)
        assert count == 1, f"expected one script matching {script.pattern!r}"
    return html


def main() -> None:
    runs = lighthouse_runs()
    measured: dict[str, list[Run]] = {"as built": [], "pre-rendered SVG": []}
    with served_site(compress=True) as (site, url):
        variant = site / VARIANT / "index.html"
        variant.parent.mkdir()
        html = (site / PAGE / "index.html").read_text(encoding="utf-8")
        variant.write_text(prerendered(html, drawn_diagrams(url + PAGE)), encoding="utf-8")
        for _ in range(runs):
            for name, path in (("as built", PAGE), ("pre-rendered SVG", VARIANT)):
                report = run_lighthouse(url + path, "mobile")
                measured[name].append(parse_report(report, url))
    rows: list[list[object]] = []
    for name, results in measured.items():
        scores = [run.scores["performance"] for run in results]
        rows.append(
            [
                name,
                round(statistics.median(scores)),
                ", ".join(map(str, scores)),
                *(
                    format_metric(m, statistics.median(run.metrics[m] for run in results))
                    for m in METRICS
                ),
            ]
        )
    print_table(
        f"reference-diagram, Lighthouse mobile: Mermaid in the browser vs pre-rendered SVG "
        f"(median of {runs} runs, gzip on, simulated throttling)",
        ["variant", "perf", "each run", *METRICS],
        rows,
    )
