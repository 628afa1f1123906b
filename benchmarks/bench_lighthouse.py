"""Lighthouse scores for the measured pages, desktop and mobile presets.

The real site is built with ``--strict`` and served on 127.0.0.1 with gzip on (as a deployment
would). Lighthouse 12 (the pinned npm devDependency) drives Debian's Chromium and reports the
four categories; its performance figures are *simulated* (Lantern): mobile = Moto G Power,
4x CPU slowdown, 150 ms RTT, 1.6 Mbit/s; desktop = 1x CPU, 40 ms RTT, 10 Mbit/s. Runs are
noisy on a shared machine, so every figure is the median of ``LIGHTHOUSE_RUNS`` runs (default
3), pages and presets interleaved so load hits them alike.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from typing import Any

from benchmarks.common import NOT_BUILT, PAGES, ROOT, is_built, print_table, served_site
from mkdocs_playbook.core.chromium import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("desktop", "mobile")
METRICS = {
    "FCP": "first-contentful-paint",
    "SI": "speed-index",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}
TOP_SCRIPTS = 3


@dataclass(frozen=True)
class Run:
    """The figures of one Lighthouse report."""

    scores: dict[str, int]
    """Category id -> score out of 100."""
    metrics: dict[str, float]
    """Metric acronym -> value (ms, or unitless for CLS)."""
    points_lost: dict[str, float]
    """Metric acronym -> performance points it cost (weight x (1 - score))."""
    failing: tuple[str, ...]
    """Audits that cost points outside performance, with the elements they name."""
    scripts: tuple[tuple[str, float], ...]
    """The scripts with the most main-thread time (path, ms), heaviest first."""


def lighthouse_runs() -> int:
    return int(os.environ.get("LIGHTHOUSE_RUNS", "3"))


def run_lighthouse(
    url: str, preset: str, categories: tuple[str, ...] = CATEGORIES
) -> dict[str, Any]:
    """One Lighthouse run; the JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return report


def parse_report(report: dict[str, Any], base_url: str) -> Run:
    """The scores, metrics and the reasons for lost points of a report."""
    audits = report["audits"]
    categories = report["categories"]
    weights = {ref["id"]: ref["weight"] for ref in categories["performance"]["auditRefs"]}
    failing = []
    for category in CATEGORIES[1:]:
        for ref in categories[category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items", [])
                where = sorted({item["node"]["selector"] for item in items if "node" in item})
                failing.append(f"{ref['id']} ({'; '.join(where)})" if where else ref["id"])
    bootup = (audits["bootup-time"].get("details") or {}).get("items", [])
    return Run(
        scores={c: round(categories[c]["score"] * 100) for c in CATEGORIES},
        metrics={name: audits[audit]["numericValue"] for name, audit in METRICS.items()},
        points_lost={
            name: weights[audit] * (1 - audits[audit]["score"]) for name, audit in METRICS.items()
        },
        failing=tuple(failing),
        scripts=tuple(
            (item["url"].replace(base_url, "/"), item["total"]) for item in bootup[:TOP_SCRIPTS]
        ),
    )


def median_run(runs: list[Run]) -> Run:
    """Every figure is its own median; the lists come from the run with the median score."""
    middle = sorted(runs, key=lambda run: run.scores["performance"])[len(runs) // 2]
    return Run(
        scores={c: round(statistics.median(r.scores[c] for r in runs)) for c in CATEGORIES},
        metrics={m: statistics.median(r.metrics[m] for r in runs) for m in METRICS},
        points_lost={m: statistics.median(r.points_lost[m] for r in runs) for m in METRICS},
        failing=middle.failing,
        scripts=middle.scripts,
    )


def measure(runs: int) -> dict[tuple[str, str], Run | None]:
    """Median figures per (page, preset); None for a page the site does not have."""
    collected: dict[tuple[str, str], list[Run]] = {}
    with served_site(compress=True) as (site, url):
        built = [(name, path) for name, path in PAGES if is_built(site, path)]
        for _ in range(runs):
            for name, path in built:
                for preset in PRESETS:
                    report = run_lighthouse(url + path, preset)
                    collected.setdefault((name, preset), []).append(parse_report(report, url))
    return {
        (name, preset): median_run(collected[name, preset]) if (name, preset) in collected else None
        for name, _ in PAGES
        for preset in PRESETS
    }


def format_metric(name: str, value: float) -> str:
    return f"{value:.3f}" if name == "CLS" else f"{value:,.0f} ms"


def main() -> None:
    runs = lighthouse_runs()
    results = measure(runs)
    scores: list[list[object]] = []
    lost: list[list[object]] = []
    failing: dict[tuple[str, str], list[str]] = {}
    scripts: list[list[object]] = []
    for (name, preset), run in results.items():
        if run is None:
            scores.append([name, preset, *[NOT_BUILT] * (len(CATEGORIES) + len(METRICS))])
            continue
        scores.append(
            [
                name,
                preset,
                *(run.scores[c] for c in CATEGORIES),
                *(format_metric(m, run.metrics[m]) for m in METRICS),
            ]
        )
        lost.append([name, preset, *(f"{run.points_lost[m]:.1f}" for m in METRICS)])
        for audit in run.failing:
            failing.setdefault((name, audit), []).append(preset)
        if preset == "mobile":
            heaviest = [f"{path} {ms:,.0f} ms" for path, ms in run.scripts]
            scripts.append([name, *heaviest, *[""] * (TOP_SCRIPTS - len(heaviest))])
    conditions = f"median of {runs} runs, gzip on, simulated throttling"
    print_table(
        f"Lighthouse 12 scores and metrics ({conditions})",
        ["page", "preset", "perf", "a11y", "best practices", "SEO", *METRICS],
        scores,
    )
    print_table(
        f"Performance points lost per metric ({conditions}; weights FCP 10, SI 10, LCP 25, "
        "TBT 30, CLS 25)",
        ["page", "preset", *METRICS],
        lost,
    )
    print_table(
        "Main-thread time of the heaviest scripts (mobile, 4x CPU slowdown, run with the median "
        "performance score)",
        ["page", *(f"#{i + 1}" for i in range(TOP_SCRIPTS))],
        scripts,
    )
    print_table(
        "Audits that cost accessibility, best-practices or SEO points",
        ["page", "audit (failing elements)", "presets"],
        [[name, audit, ", ".join(presets)] for (name, audit), presets in failing.items()]
        or [["-", "none", "-"]],
    )
