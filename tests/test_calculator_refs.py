"""``[=calculator.output]``: live numbers in prose, rendered by Python-Markdown."""

from __future__ import annotations

from pathlib import Path

import markdown
from test_calculators_build import make_project

from conftest import run_mkdocs_build
from playbook.calculators.fences import CalculatorPages
from playbook.calculators.refs import OutputRefsExtension
from site_pages import built_path, soup_of

PAGE = """\
Intro line.

Peak is [=peak-qps.peak_qps], `[=peak-qps.peak_qps]` stays code, \\[=peak-qps.avg_qps] is escaped.

```calculator
use: peak-qps
defaults:
  dau: 20M
```

```calculator
use: peak-qps
```

The second: [=peak-qps-2.avg_qps].
"""


def convert(text: str, pages: CalculatorPages, path: str = "docs/page.md") -> str:
    prepared = pages.prepare_page(text, path, first_line=3)
    md = markdown.Markdown(
        extensions=["pymdownx.superfences", OutputRefsExtension(lambda: pages.current)],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "calculator", "class": "c", "format": pages.fence}]
            }
        },
    )
    return md.convert(prepared)


def test_a_reference_shows_the_outputs_default_and_names_it() -> None:
    html = convert(PAGE, CalculatorPages())
    # 20M x 10 / 86,400 x 3 = 6,944.4; the second calculator keeps the default 100M
    assert (
        '<span class="pc-ref" data-ref="peak-qps.peak_qps" data-value="6944.444444444444">'
        "6.94K req/s</span>" in html
    )
    assert '<span class="pc-ref" data-ref="peak-qps-2.avg_qps"' in html
    assert ">11.6K req/s</span>" in html


def test_code_and_escapes_keep_the_syntax_as_text() -> None:
    html = convert(PAGE, CalculatorPages())
    assert "<code>[=peak-qps.peak_qps]</code>" in html
    assert "[=peak-qps.avg_qps] is escaped" in html
    assert html.count('class="pc-ref"') == 2


def test_unknown_references_are_problems_with_file_and_line() -> None:
    pages = CalculatorPages()
    text = PAGE + "\nBroken [=peak-qps.peak] and [=storage.total].\n"
    html = convert(text, pages)
    assert pages.current is not None
    assert pages.current.problems == [
        "docs/page.md:19: calculator reference [=peak-qps.peak]: calculator 'peak-qps' has no "
        "output 'peak' (its outputs: avg_qps, peak_qps, peak_read_qps, peak_write_qps). Write "
        "[=ID.OUTPUT] with the id of a calculator on this page and the name of one of its "
        "outputs.",
        "docs/page.md:19: calculator reference [=storage.total]: no calculator with id 'storage' "
        "on this page (calculators here: peak-qps, peak-qps-2). Write [=ID.OUTPUT] with the id "
        "of a calculator on this page and the name of one of its outputs.",
    ]
    assert html.count("data-author-error") == 2


def test_a_page_without_calculators_has_nothing_to_refer_to() -> None:
    pages = CalculatorPages()
    convert("Just [=peak-qps.peak_qps].\n", pages, "docs/other.md")
    assert pages.current is not None
    assert pages.current.problems == [
        "docs/other.md:3: calculator reference [=peak-qps.peak_qps]: no calculator with id "
        "'peak-qps' on this page (calculators here: none). Write [=ID.OUTPUT] with the id of a "
        "calculator on this page and the name of one of its outputs."
    ]


def test_an_unknown_reference_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    page = "# Refs\n\n```calculator\nuse: cache\n```\n\nOrigin: [=cache.origin].\n"
    result = run_mkdocs_build(tmp_path / "site", make_project(tmp_path, {"refs.md": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "playbook: 1 calculator reference problem:" in result.stderr
    assert (
        "docs/refs.md:7: calculator reference [=cache.origin]: calculator 'cache' has no "
        "output 'origin'" in result.stderr
    )


def test_the_capacity_page_quotes_the_planners_defaults(site_dir: Path) -> None:
    page = soup_of(built_path(site_dir, "capacity-estimation.md"))
    refs = page.select("span.pc-ref[data-ref]")
    assert len(refs) >= 4
    for ref in refs:
        ident, name = str(ref["data-ref"]).split(".")
        shown = page.select_one(f'form[data-calculator="{ident}"] output[name="{name}"]')
        assert shown is not None, ref["data-ref"]
        assert ref.get_text() == shown.get_text()
        assert ref["data-value"] == shown["data-value"]
