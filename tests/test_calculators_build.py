"""Calculators in real ``mkdocs build --strict`` runs: file:line errors, and the built pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build
from mkdocs_playbook.calculators import expr
from mkdocs_playbook.calculators.builtin import BUILTINS
from mkdocs_playbook.calculators.units import UNITS, parse_number
from site_pages import built_path, nav_pages, soup_of

pytestmark = pytest.mark.build


def superfences_config() -> str:
    """The project's own superfences block from mkdocs.yml, as it is."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^  - pymdownx\.superfences:\n(?:^ {4,}.*\n)+", config, re.M)
    assert block is not None and "fence_calculator" in block[0]
    return block[0]


def make_project(
    tmp_path: Path, pages: dict[str, str], playbook: str = "  - playbook\n", fences: bool = True
) -> Path:
    """A minimal project using the playbook and mermaid2 plugins and the project's fences."""
    docs = tmp_path / "docs"
    mermaid = docs / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
    mermaid.parent.mkdir(parents=True)
    mermaid.write_text("export default {};\n", encoding="utf-8")
    for name, text in {"index.md": "# Home\n", **pages}.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Calculator test\n"
        "theme:\n  name: material\n"
        "plugins:\n  - search\n  - mermaid2:\n"
        "      javascript: assets/vendor/mermaid/mermaid.esm.min.mjs\n"
        f"{playbook}"
        "markdown_extensions:\n  - admonition\n" + (superfences_config() if fences else ""),
        encoding="utf-8",
    )
    return config


BROKEN = """\
---
description: Every kind of broken calculator on one page.
---

# Broken

```calculator
use: peak-qpz
```

```calculator
title: [unclosed
```

!!! note "Inside an admonition"

    ```calculator
    inputs:
      - name: qps
        label: QPS
        default: 10
        unit: furlongs
    outputs:
      - name: a
        label: A
        formula: qpz * 2
      - name: b
        label: B
        formula: sqrt(qps)
      - name: c
        label: C
        formula: qps / (2 - 2)
    ```

```calculator
inputs:
  - name: hit
    label: Hit ratio
    default: 120
    unit: "%"
    min: 0
    max: 100
outputs:
  - name: x
    label: X
    formula: y + hit
  - name: y
    label: Y
    formula: x * 2
```

```calculator
use: storage
defaults:
  evnts: 5
```
"""

EXPECTED = [
    "docs/broken.md:8: calculator: unknown built-in calculator 'peak-qpz'",
    "docs/broken.md:12: calculator: YAML error",
    "docs/broken.md:22: calculator: unknown unit 'furlongs'",
    "docs/broken.md:26: calculator: formula of 'a' uses unknown input 'qpz'",
    "docs/broken.md:29: calculator: formula of 'b' (sqrt(qps)): unknown function 'sqrt'",
    "docs/broken.md:32: calculator: formula of 'c' (qps / (2 - 2)) divides by zero",
    "docs/broken.md:39: calculator: default of 'hit' (120) is not valid: Must be at most 100%.",
    "docs/broken.md:46: calculator: formulas form a cycle: x -> y -> x",
    "docs/broken.md:55: calculator: unknown key 'evnts' in the defaults of 'storage'",
]


def test_broken_calculators_fail_the_build_with_file_and_line(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"broken.md": BROKEN})
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "playbook: 9 calculator problems:" in result.stderr
    for message in EXPECTED:
        assert message in result.stderr, f"missing {message!r} in:\n{result.stderr}"


def test_a_cycle_is_reported_at_the_formula_that_closes_it(tmp_path: Path) -> None:
    page = BROKEN.split("```calculator\ninputs:\n  - name: hit")[1].split("```")[0]
    page = "# Cycle\n\n```calculator\ninputs:\n  - name: hit" + page.replace("120", "12") + "```\n"
    result = run_mkdocs_build(tmp_path / "site", make_project(tmp_path, {"cycle.md": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/cycle.md:14: calculator: formulas form a cycle: x -> y -> x" in result.stderr


GOOD = """\
# Good

```calculator
use: bandwidth
```

````markdown
```calculator
use: not-rendered-because-it-is-an-example
```
````
"""


def test_a_valid_page_builds_with_results_in_the_html(tmp_path: Path) -> None:
    result = run_mkdocs_build(tmp_path / "site", make_project(tmp_path, {"good.md": GOOD}))
    assert result.returncode == 0, result.stderr
    page = soup_of(tmp_path / "site" / "good" / "index.html")
    forms = page.select("form[data-calculator]")
    assert [form["data-calculator"] for form in forms] == ["bandwidth"]
    egress = forms[0].select_one('output[name="egress"]')
    assert egress is not None and egress.get_text() == "280 Mbps"
    assert "use: not-rendered-because-it-is-an-example" in page.get_text()


def test_disabled_calculators_stay_code_blocks(tmp_path: Path) -> None:
    playbook = "  - playbook:\n      calculators:\n        enabled: false\n"
    config = make_project(tmp_path, {"good.md": GOOD}, playbook=playbook, fences=False)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "good" / "index.html").read_text(encoding="utf-8")
    assert "data-calculator" not in html and "calculators.js" not in html
    assert "use: bandwidth" in soup_of(tmp_path / "site" / "good" / "index.html").get_text()


def test_without_fences_configured_the_plugin_sets_up_its_own(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"good.md": GOOD}, fences=False)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "good" / "index.html").read_text(encoding="utf-8")
    assert 'data-calculator="bandwidth"' in html


def test_a_calculator_fence_of_someone_elses_is_a_conflict_explained(tmp_path: Path) -> None:
    fences = (
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: calculator\n"
        "          class: calculator\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    config = make_project(tmp_path, {"good.md": GOOD}, fences=False)
    config.write_text(config.read_text(encoding="utf-8") + fences, encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "gives the ```calculator fence of pymdownx.superfences its own format" in result.stderr
    assert "set plugins.playbook.calculators.enabled: false to keep yours" in result.stderr


# --- The project's own site -------------------------------------------------------------------


def test_the_capacity_page_embeds_the_builtins(site_dir: Path) -> None:
    page = soup_of(built_path(site_dir, "capacity-estimation.md"))
    ids = [form["data-calculator"] for form in page.select("form[data-calculator]")]
    assert ids == ["peak-qps", "storage", "bandwidth", "cache", "capacity-planner"]
    assert list(BUILTINS) == sorted(ids, key=ids.index)
    # Each of the four sits right after the heading that names its formula.
    for form in page.select("form[data-calculator]")[:4]:
        heading = form.find_previous(["h2", "h3"])
        assert heading is not None and heading.name == "h3"


@pytest.mark.parametrize("md_page", ["capacity-estimation.md", "authoring.md"])
def test_built_results_equal_the_python_evaluation_of_the_embedded_tree(
    site_dir: Path, md_page: str
) -> None:
    page = soup_of(built_path(site_dir, md_page))
    forms = page.select("form[data-calculator]")
    assert forms
    for form in forms:
        spec = json.loads(str(form["data-spec"]))
        env: dict[str, float | None] = {}
        for item in spec["inputs"]:
            field = form.select_one(f'input[name="{item["name"]}"]')
            assert field is not None and field.get("value") == item["defaultText"]
            label = form.select_one(f'label[for="{field["id"]}"]')
            assert label is not None and label.get_text().strip()
        units = {u.kind + u.label: u for u in UNITS.values()}
        for item in spec["inputs"]:
            unit = units[item["unit"]["kind"] + item["unit"]["label"]]
            env[item["name"]] = parse_number(item["defaultText"], unit)
        for name in spec["order"]:
            tree = next(o["tree"] for o in spec["outputs"] if o["name"] == name)
            env[name] = expr.evaluate(tree, env)
        for item in spec["outputs"]:
            output = form.select_one(f'output[name="{item["name"]}"]')
            assert output is not None
            assert float(str(output["data-value"])) == env[item["name"]]
            label = form.select_one(f'label[for="{output["id"]}"]')
            assert label is not None and label.get_text().strip()
            assert output.get_text() not in ("", "NaN", "Infinity", "\u2014")


def test_the_search_index_holds_the_calculators_results(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    capacity = " ".join(
        doc["text"] for doc in index["docs"] if doc["location"].startswith("capacity-estimation/")
    )
    assert "7.64K req/s" in capacity
    assert "10M × 22 ÷ 86,400 × 3 = 7.64K req/s" in capacity  # noqa: RUF001
    assert "Servers needed at peak" in capacity
    assert '"inputs"' not in capacity, "the JSON spec must not be indexed"


def test_the_authoring_guide_is_in_the_nav_and_readme(site_dir: Path) -> None:
    assert nav_pages()[-1] == "authoring.md"
    assert "docs/authoring.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    page = soup_of(built_path(site_dir, "authoring.md"))
    headings = [h.get_text().strip("¶ ") for h in page.select("h1, h2")]
    assert headings[:2] == ["Authoring guide", "Calculators"]
    assert page.select('form[data-calculator="chat-storage"]')


def test_the_authoring_guide_lists_every_unit_and_builtin(site_dir: Path) -> None:
    page = soup_of(built_path(site_dir, "authoring.md"))
    code = {tag.get_text() for tag in page.select("article code")}
    assert {unit for unit in UNITS if unit} <= code
    assert set(BUILTINS) <= code
