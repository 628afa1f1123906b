"""What the calculators cost at build time.

1. The project's site with the plugin vs the same site with calculators left as code blocks
   (copies of the project sharing one diagram cache, filled by a first build).
2. One page with 200 calculators, both ways, plus the in-process cost per calculator.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    CACHE_FOLDER,
    CALCULATOR_FENCE,
    copy_project,
    fill_cache,
    interleaved,
    print_table,
    without_calculator_fence,
)
from mkdocs_playbook.calculators.builtin import BUILTINS
from mkdocs_playbook.calculators.fences import CalculatorPages

DISABLED = "  - playbook:\n      calculators:\n        enabled: false\n"

CUSTOM = """\
```calculator
id: custom-{index}
title: Custom {index}
inputs:
  - name: users
    label: Users
    default: {index}M
    unit: users
    min: 0
  - name: size
    label: Size
    default: 2KB
    unit: B
outputs:
  - name: per_day
    label: Per day
    formula: users * size * 3
    unit: B/day
  - name: servers
    label: Servers
    formula: ceil(users / 1000000)
    unit: servers
```
"""


def without_calculators(config: str) -> str:
    """The same mkdocs.yml with the calculator fence removed and the feature switched off."""
    without_fence = without_calculator_fence(config)
    if "  - playbook\n" in config:  # the plugin with no options
        return without_fence.replace("  - playbook\n", DISABLED)
    assert "  - playbook:\n" in config
    return without_fence.replace("  - playbook:\n", DISABLED, 1)


def many_calculators_page(count: int) -> str:
    ids = list(BUILTINS)
    blocks = [
        f"```calculator\nuse: {ids[i % len(ids)]}\n```\n" if i % 2 else CUSTOM.format(index=i + 1)
        for i in range(count)
    ]
    return "# Many calculators\n\n" + "\n".join(blocks)


def small_site(folder: Path, page: str, enabled: bool) -> Path:
    docs = folder / "docs"
    mermaid = docs / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    mermaid.parent.mkdir(parents=True, exist_ok=True)
    mermaid.write_text("export default {};\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "many.md").write_text(page, encoding="utf-8")
    config = (
        "site_name: Many calculators\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - mermaid2:\n"
        "      javascript: assets/vendor/mermaid/mermaid.esm.min.mjs\n"
        "  - playbook\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        f"{CALCULATOR_FENCE}"
    )
    if not enabled:
        config = without_calculators(config)
    path = folder / f"mkdocs-{'on' if enabled else 'off'}.yml"
    path.write_text(config, encoding="utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = {"cache_dir": str(Path(tmp) / CACHE_FOLDER)}
        on_file = copy_project(Path(tmp) / "on", cache)
        off_file = copy_project(Path(tmp) / "off", cache)
        off_file.write_text(without_calculators(off_file.read_text(encoding="utf-8")), "utf-8")
        fill_cache(on_file)
        with_plugin, as_code = (timing.wall for timing in interleaved(on_file, off_file))
    print_table(
        "The project's site (6 calculators)",
        ["build", "median of 5, interleaved (s)"],
        [
            ["calculators", f"{with_plugin:.2f}"],
            ["left as code blocks", f"{as_code:.2f}"],
            ["ratio", f"{with_plugin / as_code:.2f}x"],
        ],
    )

    count = 200
    page = many_calculators_page(count)
    with tempfile.TemporaryDirectory() as tmp:
        on_file = small_site(Path(tmp) / "on", page, enabled=True)
        off_file = small_site(Path(tmp) / "off", page, enabled=False)
        on, off = (timing.wall for timing in interleaved(on_file, off_file))
    start = time.perf_counter()
    prepared = CalculatorPages().prepare_page(page, "many.md")
    compile_ms = (time.perf_counter() - start) * 1000
    assert prepared.count("playbook-calculator:") == count
    print_table(
        f"One page with {count} calculators (half built-in, half custom)",
        ["measure", "value"],
        [
            ["build with calculators (s)", f"{on:.2f}"],
            ["build with code blocks (s)", f"{off:.2f}"],
            ["ratio", f"{on / off:.2f}x"],
            [f"validate + compile + render {count} (ms, in process)", f"{compile_ms:.0f}"],
            ["per calculator (ms)", f"{compile_ms / count:.2f}"],
        ],
    )
