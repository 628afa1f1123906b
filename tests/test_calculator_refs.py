"""``[=calculator.name]``: live numbers in prose, rendered by Python-Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from playwright.sync_api import Page, expect
from test_calculators_build import make_project

from conftest import PageWatch, run_mkdocs_build
from mkdocs_playbook.calculators.fences import CalculatorPages
from mkdocs_playbook.calculators.refs import OutputRefsExtension
from mkdocs_playbook.calculators.units import UNITS, format_value, parse_number
from mkdocs_playbook.core.loopback import serve
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
        '<span class="playbook-calc-ref" data-ref="peak-qps.peak_qps" '
        'data-value="6944.444444444444">'
        "6.94K req/s</span>" in html
    )
    assert '<span class="playbook-calc-ref" data-ref="peak-qps-2.avg_qps"' in html
    assert ">11.6K req/s</span>" in html


def test_a_reference_to_an_input_shows_its_default_as_the_calculator_formats_it() -> None:
    text = PAGE + "\nWith [=peak-qps.dau] a day and [=peak-qps-2.peak_factor] at peak.\n"
    html = convert(text, CalculatorPages())
    # The page's own default (20M, set under `defaults:`), not the built-in's 100M; with its unit.
    assert (
        '<span class="playbook-calc-ref" data-ref="peak-qps.dau" data-value="20000000">20M '
        "users</span>" in html
    )
    assert (
        '<span class="playbook-calc-ref" data-ref="peak-qps-2.peak_factor" '
        'data-value="3">3\u00d7</span>' in html
    )


def test_code_and_escapes_keep_the_syntax_as_text() -> None:
    html = convert(PAGE, CalculatorPages())
    assert "<code>[=peak-qps.peak_qps]</code>" in html
    assert "[=peak-qps.avg_qps] is escaped" in html
    assert html.count('class="playbook-calc-ref"') == 2


def test_unknown_references_are_problems_with_file_and_line() -> None:
    pages = CalculatorPages()
    text = PAGE + "\nBroken [=peak-qps.peak] and [=storage.total].\n"
    html = convert(text, pages)
    assert pages.current is not None
    assert pages.current.problems == [
        "docs/page.md:19: calculator reference [=peak-qps.peak]: calculator 'peak-qps' has no "
        "output or input 'peak' (its outputs: avg_qps, peak_qps, peak_read_qps, peak_write_qps; "
        "its inputs: dau, actions, peak_factor, read_write). Write [=ID.NAME] with the "
        "id of a calculator on this page and the name of one of its outputs or inputs.",
        "docs/page.md:19: calculator reference [=storage.total]: no calculator with id 'storage' "
        "on this page (calculators here: peak-qps, peak-qps-2). Write [=ID.NAME] with the id "
        "of a calculator on this page and the name of one of its outputs or inputs.",
    ]
    assert html.count("data-author-error") == 2


def test_a_page_without_calculators_has_nothing_to_refer_to() -> None:
    pages = CalculatorPages()
    convert("Just [=peak-qps.peak_qps].\n", pages, "docs/other.md")
    assert pages.current is not None
    assert pages.current.problems == [
        "docs/other.md:3: calculator reference [=peak-qps.peak_qps]: no calculator with id "
        "'peak-qps' on this page (calculators here: none). Write [=ID.NAME] with the id of a "
        "calculator on this page and the name of one of its outputs or inputs."
    ]


@pytest.mark.build
def test_an_unknown_reference_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    page = "# Refs\n\n```calculator\nuse: cache\n```\n\nOrigin: [=cache.origin].\n"
    result = run_mkdocs_build(tmp_path / "site", make_project(tmp_path, {"refs.md": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "playbook: 1 calculator reference problem:" in result.stderr
    assert (
        "docs/refs.md:7: calculator reference [=cache.origin]: calculator 'cache' has no "
        "output or input 'origin'" in result.stderr
    )


def test_the_capacity_page_quotes_the_planners_defaults(site_dir: Path) -> None:
    page = soup_of(built_path(site_dir, "capacity-estimation.md"))
    refs = page.select("span.playbook-calc-ref[data-ref]")
    assert len(refs) >= 4
    for ref in refs:
        ident, name = str(ref["data-ref"]).split(".")
        form = page.select_one(f'form[data-calculator="{ident}"]')
        assert form is not None, ref["data-ref"]
        shown = form.select_one(f'output[name="{name}"]')
        if shown is None:  # an input, quoted as its field's default reads
            item = next(
                i for i in json.loads(str(form["data-spec"]))["inputs"] if i["name"] == name
            )
            unit = next(
                u
                for u in UNITS.values()
                if u.kind == item["unit"]["kind"] and u.label == item["unit"]["label"]
            )
            value = parse_number(item["defaultText"], unit)
            assert ref.get_text() == format_value(value, unit), ref["data-ref"]
            assert float(str(ref["data-value"])) == value, ref["data-ref"]
            continue
        assert ref.get_text() == shown.get_text()
        assert ref["data-value"] == shown["data-value"]


@pytest.mark.build
def test_quoted_inputs_and_outputs_follow_what_the_reader_types(
    tmp_path: Path, light_page: tuple[Page, PageWatch]
) -> None:
    page_text = (
        "# Refs\n\n```calculator\nuse: peak-qps\n```\n\n"
        "With [=peak-qps.dau] a day, peak is [=peak-qps.peak_qps] ([=peak-qps.peak_factor]).\n"
    )
    site = tmp_path / "site"
    result = run_mkdocs_build(site, make_project(tmp_path, {"refs.md": page_text}))
    assert result.returncode == 0, result.stderr
    page, watch = light_page
    with serve(site) as url:
        page.goto(url + "refs/")
        page.wait_for_selector('form[data-calculator="peak-qps"][data-ready]')
        dau, peak, factor = (page.locator(f'[data-ref="peak-qps.{n}"]') for n in REF_NAMES)
        expect(dau).to_have_text("100M users")
        page.locator('form[data-calculator="peak-qps"] input[name="dau"]').fill("2M")
        expect(dau).to_have_text("2M users")
        expect(dau).to_have_attribute("data-value", "2000000")
        shown = page.locator('form[data-calculator="peak-qps"] output[name="peak_qps"]')
        expect(peak).to_have_text(str(shown.text_content()))
        expect(factor).to_have_text("3\u00d7")  # an input not typed into keeps its value
        page.locator('form[data-calculator="peak-qps"] input[name="dau"]').fill("lots")
        expect(dau).to_have_text("\u2014")  # unreadable: a dash, never NaN
        expect(dau).to_have_attribute("data-value", "")
    # This minimal site keeps Material's web fonts (a foreign request): only scripts matter here.
    assert [error for error in watch.errors if error.startswith("pageerror")] == []


REF_NAMES = ("dau", "peak_qps", "peak_factor")
