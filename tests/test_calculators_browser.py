"""Calculators in a real Chromium: typing, URL state, bad input, parity with Python, keyboard,
instant navigation, both palettes, print and search."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page

from conftest import PageWatch, close_page, navigate_in_place, one_document, open_page
from js_fixtures import python_results, random_text, unit_of
from mkdocs_playbook.calculators.units import (
    format_value,
)
from site_pages import built_path, soup_of

pytestmark = pytest.mark.browser

CAPACITY = "capacity-estimation/"
READY = "form[data-calculator][data-ready]"


@pytest.fixture(scope="module")
def capacity_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, PageWatch]]:
    """The capacity-estimation page, loaded once for the tests that type into its calculators:
    what they test is the calculators, not a fresh load, and the page is long to lay out. Its
    context is its own: the copy-link test grants the clipboard to it."""
    page, watch = open_page(browser, own_context=True)
    open_calculators(page, base_url + CAPACITY)
    yield page, watch
    close_page(page)


# Every calculator's Reset pressed, as a reader would, then its status emptied as a fresh load
# leaves it (a test reads what its own Reset or Copy link says), and the focus let go.
RESET_EVERY_CALCULATOR = """() => {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    [...form.querySelectorAll("button")].find((button) => button.textContent === "Reset").click();
    form.querySelector(".playbook-calc-status").textContent = "";
  }
  document.activeElement?.blur();
  return location.search;
}"""


@pytest.fixture
def page(capacity_page: tuple[Page, PageWatch]) -> Iterator[Page]:
    """The capacity-estimation page with its calculators live and at their defaults, on screen
    (not print); it must stay clean while the test runs."""
    page, watch = capacity_page
    page.emulate_media(media="null")
    assert page.evaluate(RESET_EVERY_CALCULATOR) == "", "Reset leaves no input in the address"
    watch.errors.clear()
    watch.foreign_requests.clear()
    yield page
    watch.assert_clean()


def open_calculators(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY)


def href(page: Page) -> str:
    """The address as the page sees it (``page.url`` may lag behind history.replaceState)."""
    url: str = page.evaluate("location.href")
    return url


def form(page: Page, ident: str) -> Locator:
    return page.locator(f'form[data-calculator="{ident}"]')


def field(page: Page, ident: str, name: str) -> Locator:
    return form(page, ident).locator(f'input[name="{name}"]')


def output(page: Page, ident: str, name: str) -> Locator:
    return form(page, ident).locator(f'output[name="{name}"]')


def results(page: Page, ident: str) -> dict[str, str]:
    return dict(
        form(page, ident).evaluate(
            "f => [...f.querySelectorAll('output')].map(o => [o.name, o.textContent])"
        )
    )


def spec_of(page: Page, ident: str) -> dict[str, Any]:
    text = form(page, ident).get_attribute("data-spec")
    assert text is not None
    spec: dict[str, Any] = json.loads(text)
    return spec


# --- Typed inputs give hand-computed results --------------------------------------------------

HAND_COMPUTED = [
    (
        "peak-qps",
        {"dau": "10M", "actions": "22", "peak_factor": "2", "read_write": "4"},
        {
            # 10M x 22 / 86,400 = 2,546.3; x 2 = 5,092.6; 4/5 and 1/5 of that
            "avg_qps": "2.55K req/s",
            "peak_qps": "5.09K req/s",
            "peak_read_qps": "4.07K req/s",
            "peak_write_qps": "1.02K req/s",
        },
    ),
    (
        "storage",
        {
            "events": "1.2B",
            "event_size": "500",
            "replication": "3",
            "retention": "2",
            "growth": "10",
        },
        # 1.2B x 500 B x 3 = 1.8 TB; x 365 = 657 TB; x (1.1^2 - 1) / 0.1 = x 2.1 = 1.38 PB
        {"per_day": "1.8 TB/day", "per_year": "657 TB/year", "total": "1.38 PB"},
    ),
    (
        "storage",
        {"growth": "0"},
        # no growth: 657 TB/year x 2 years, with no division by zero in the browser either
        {"per_year": "657 TB/year", "total": "1.31 PB"},
    ),
    (
        "bandwidth",
        {"qps": "20K", "request_size": "2KB", "response_size": "50 KB", "compression": "1"},
        # 20K x 2 KB x 8 = 320 Mbit/s; 20K x 50 KB x 8 = 8 Gbit/s
        {"ingress": "320 Mbps", "egress": "8 Gbps"},
    ),
    (
        "cache",
        {
            "qps": "50,000",
            "hit_ratio": "95%",
            "items": "1B",
            "hot_fraction": "10",
            "item_size": "2KB",
        },
        # 50K x 5% = 2,500; 1B x 10% x 2 KB = 200 GB
        {"origin_qps": "2.5K req/s", "memory": "200 GB"},
    ),
    (
        "capacity-planner",
        {
            "dau": "1M",
            "actions": "100",
            "read_write": "4",
            "peak_factor": "2",
            "qps_per_server": "500",
        },
        # 1M x 100 / 86,400 = 1,157.4; x 2 = 2,314.8 -> 5 servers of 500; 100M / 5 writes a day
        {
            "avg_qps": "1.16K req/s",
            "peak_qps": "2.31K req/s",
            "writes_per_day": "20M events/day",
            "servers": "5 servers",
        },
    ),
]


def test_typed_inputs_give_hand_computed_results(page: Page) -> None:
    for ident, typed, expected in HAND_COMPUTED:
        for name, text in typed.items():
            field(page, ident, name).fill(text)
        shown = results(page, ident)
        assert {name: shown[name] for name in expected} == expected, ident
    working = form(page, "peak-qps").locator(".playbook-calc-subst").nth(1).text_content()
    assert working == "10M × 22 ÷ 86,400 × 2 = 5.09K req/s"  # noqa: RUF001


def test_byte_units_switch_between_decimal_and_binary(page: Page) -> None:
    assert output(page, "storage", "per_day").text_content() == "60 GB/day"
    form(page, "storage").get_by_label("KiB, MiB, GiB (1024)").check()
    assert output(page, "storage", "per_day").text_content() == "55.9 GiB/day"
    working = form(page, "storage").locator(".playbook-calc-subst").first.text_content()
    assert working == "20M × 1,000 B × 3 = 55.9 GiB/day"  # noqa: RUF001
    assert parse_qs(urlparse(href(page)).query)["storage.bytes"] == ["binary"]
    assert output(page, "storage", "per_day").get_attribute("data-value") == "60000000000"


# --- The URL keeps the inputs -----------------------------------------------------------------


def test_inputs_round_trip_through_the_url_without_clashing(browser: Browser, page: Page) -> None:
    """Typed into the shared page; the link is opened in a fresh one, as a reader given it would."""
    field(page, "peak-qps", "dau").fill("50M")
    field(page, "storage", "events").fill("5M")
    field(page, "cache", "qps").fill("8K")  # "qps" is also an input of "bandwidth"
    query = parse_qs(urlparse(href(page)).query)
    assert query == {"peak-qps.dau": ["50M"], "storage.events": ["5M"], "cache.qps": ["8K"]}
    link = href(page)

    other = browser.new_context().new_page()
    other_watch = PageWatch()
    other.on("console", other_watch.on_console)
    other.on("pageerror", other_watch.on_page_error)
    open_calculators(other, link)
    assert field(other, "peak-qps", "dau").input_value() == "50M"
    assert field(other, "storage", "events").input_value() == "5M"
    assert field(other, "capacity-planner", "dau").input_value() == "10M"
    assert field(other, "bandwidth", "qps").input_value() == "7K"
    assert field(other, "cache", "qps").input_value() == "8K"
    assert output(other, "peak-qps", "peak_qps").text_content() == "38.2K req/s"
    assert output(other, "storage", "per_day").text_content() == "15 GB/day"
    other_watch.assert_clean()
    other.context.close()

    form(page, "peak-qps").get_by_role("button", name="Reset").click()
    assert field(page, "peak-qps", "dau").input_value() == "10M"
    assert output(page, "peak-qps", "peak_qps").text_content() == "7.64K req/s"
    assert "peak-qps.dau" not in href(page) and "storage.events=5M" in href(page)
    status = form(page, "peak-qps").locator(".playbook-calc-status")
    assert status.text_content() == "Reset to the defaults."


def test_copy_link_puts_the_current_url_on_the_clipboard(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    field(page, "bandwidth", "qps").fill("1M")
    form(page, "bandwidth").get_by_role("button", name="Copy link").click()
    status = form(page, "bandwidth").locator(".playbook-calc-status")
    status.filter(has_text="Link copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    # navigation.tracking may add the section's #anchor to the address after the click.
    assert copied.split("#")[0] == href(page).split("#")[0]
    assert "bandwidth.qps=1M" in copied


# --- Bad input --------------------------------------------------------------------------------

BAD = [
    ("", "Enter a number."),
    ("lots", "Not a number: enter e.g. 100M, 1.5K or 1,000,000."),
    ("-5", "Must be at least 0."),
    ("1e400", "Too large: enter at most 10^18."),
    ("99999999999999999999", "Too large: enter at most 10^18."),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_input_is_marked_and_never_shows_nan(page: Page, text: str, message: str) -> None:
    dau = field(page, "peak-qps", "dau")
    dau.fill(text)
    assert dau.get_attribute("aria-invalid") == "true"
    error_id = f"{dau.get_attribute('id')}-error"
    assert error_id in (dau.get_attribute("aria-describedby") or "").split()
    error = page.locator(f"#{error_id}")
    assert error.is_visible() and error.text_content() == message
    assert error.get_attribute("aria-live") == "polite"
    for name in ("avg_qps", "peak_qps", "peak_read_qps", "peak_write_qps"):
        assert output(page, "peak-qps", name).text_content() == "—"
        assert output(page, "peak-qps", name).get_attribute("data-value") == ""
    shown = form(page, "peak-qps").inner_text()
    assert not any(word in shown for word in ("NaN", "Infinity", "undefined", "null"))
    assert "— × 22 ÷ 86,400 × 3 = —" in shown  # noqa: RUF001

    dau.fill("10M")
    assert dau.get_attribute("aria-invalid") is None
    assert error.text_content() == "" and not error.is_visible()
    assert output(page, "peak-qps", "peak_qps").text_content() == "7.64K req/s"


def test_only_outputs_that_depend_on_a_bad_input_show_a_dash(page: Page) -> None:
    field(page, "peak-qps", "read_write").fill("ten")
    assert results(page, "peak-qps") == {
        "avg_qps": "2.55K req/s",
        "peak_qps": "7.64K req/s",
        "peak_read_qps": "—",
        "peak_write_qps": "—",
    }
    field(page, "cache", "hit_ratio").fill("120")
    error = page.locator("#calc-cache-in-hit_ratio-error")
    assert error.text_content() == "Must be at most 100%."
    assert results(page, "cache") == {"origin_qps": "—", "memory": "4 GB"}
    field(page, "capacity-planner", "qps_per_server").fill("0")  # min is 1: never a division by 0
    assert output(page, "capacity-planner", "servers").text_content() == "—"


# --- Parity with Python -----------------------------------------------------------------------


SET_AND_READ = """([ident, texts]) => {
  const form = document.querySelector(`form[data-calculator="${ident}"]`);
  for (const [name, text] of Object.entries(texts)) {
    const input = form.querySelector(`input[name="${name}"]`);
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return [...form.querySelectorAll("output")].map(o => [o.name, o.dataset.value, o.textContent]);
}"""


def test_browser_values_equal_python_for_random_inputs(page: Page) -> None:
    """What a reader types reaches the page as Python computes it. The arithmetic itself is
    compared over many more inputs under Node (tests/js/calculator-math.test.mjs)."""
    rng = random.Random(20261125)
    compared = 0
    for ident in ("capacity-planner", "peak-qps", "storage", "bandwidth", "cache"):
        spec = spec_of(page, ident)
        units = {o["name"]: unit_of(o["unit"]) for o in spec["outputs"]}
        for _ in range(10 if ident == "capacity-planner" else 4):
            texts = {item["name"]: random_text(rng, item) for item in spec["inputs"]}
            expected = python_results(spec, texts)
            for name, raw, text in page.evaluate(SET_AND_READ, [ident, texts]):
                want = expected[name]
                if want is None:
                    assert raw == "" and text == "—", (ident, texts, name)
                    continue
                got = float(raw)
                assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-300), (ident, texts, name)
                if got == want:
                    assert text == format_value(want, units[name]), (ident, texts, name)
                compared += 1
    assert compared > 100


@pytest.mark.parametrize("md_page", ["capacity-estimation.md", "authoring.md"])
def test_the_browser_shows_exactly_the_server_rendered_text_for_defaults(
    site_dir: Path, base_url: str, light_page: tuple[Page, PageWatch], md_page: str
) -> None:
    page, watch = light_page
    built = soup_of(built_path(site_dir, md_page))
    selector = "output, .playbook-calc-subst"
    server = [
        (str(f["data-calculator"]), el.get_text())
        for f in built.select("form[data-calculator]")
        for el in f.select(selector)
    ]
    server_values = [str(o["data-value"]) for o in built.select("form[data-calculator] output")]
    open_calculators(page, base_url + md_page.removesuffix(".md") + "/")
    assert page.locator("form[data-calculator]").count() == page.locator(READY).count()
    browser = page.evaluate(
        """(selector) => [...document.querySelectorAll('form[data-calculator]')].flatMap(
             (f) => [...f.querySelectorAll(selector)].map((el) => [f.dataset.calculator,
                                                                   el.textContent]))""",
        selector,
    )
    assert [tuple(item) for item in browser] == server
    values = page.evaluate(
        "[...document.querySelectorAll('form[data-calculator] output')].map(o => o.dataset.value)"
    )
    assert values == server_values
    watch.assert_clean()


# --- Keyboard, navigation, palettes, print, search --------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def test_calculators_work_with_the_keyboard_only(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    """From a fresh load: where Tab starts from is part of what a keyboard reader meets."""
    page, watch = light_page
    open_calculators(page, base_url + CAPACITY)
    tab_to(page, 'form[data-calculator="peak-qps"] input[name="dau"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Control+A")
    page.keyboard.type("20M")
    page.keyboard.press("Enter")  # must not submit or reload
    assert output(page, "peak-qps", "peak_qps").text_content() == "15.3K req/s"
    page.keyboard.press("Tab")  # focusing a field by Tab selects its text
    page.keyboard.type("100")
    assert output(page, "peak-qps", "peak_qps").text_content() == "69.4K req/s"
    tab_to(page, 'form[data-calculator="peak-qps"] button[data-action="reset"]')
    page.keyboard.press("Enter")
    assert output(page, "peak-qps", "peak_qps").text_content() == "7.64K req/s"

    tab_to(page, 'form[data-calculator="storage"] input[name="playbook-calc-bytes"]')
    page.keyboard.press("ArrowRight")
    assert output(page, "storage", "per_day").text_content() == "55.9 GiB/day"
    tab_to(page, 'form[data-calculator="storage"] button[data-action="reset"]')
    page.keyboard.press("Space")
    assert output(page, "storage", "per_day").text_content() == "60 GB/day"
    assert "storage.bytes" not in href(page)
    watch.assert_clean()


def assert_prose_quotes_the_planner(page: Page, typed: dict[str, str]) -> None:
    """Typing into the planner changes its outputs and every sentence quoting them; a quoted
    input shows what was typed into it, and the other quoted inputs keep their values."""
    spec = json.loads(str(form(page, "capacity-planner").get_attribute("data-spec")))
    deps = {o["name"]: set(o["deps"]) for o in spec["outputs"]}
    refs = page.locator('[data-ref^="capacity-planner."]')
    names = [str(ref.get_attribute("data-ref")).split(".")[1] for ref in refs.all()]
    before = refs.all_text_contents()
    assert len([name for name in names if name in deps]) >= 4
    for name, text in typed.items():
        field(page, "capacity-planner", name).fill(text)
    after = refs.all_text_contents()
    for name, old, new in zip(names, before, after, strict=True):
        if name not in deps:  # an input
            assert (old != new) == (name in typed), name
            continue
        assert (old != new) == bool(deps[name] & set(typed)), name
        assert new == output(page, "capacity-planner", name).text_content()


def test_calculators_work_after_instant_navigation(
    base_url: str, light_page: tuple[Page, PageWatch]
) -> None:
    page, watch = light_page
    page.goto(base_url, wait_until="networkidle")
    with one_document(page):
        for _ in range(2):  # there, away and back: one live widget per form, never two
            navigate_in_place(page, CAPACITY)
            page.wait_for_selector(READY)
            assert page.locator(READY).count() == 5
            field(page, "peak-qps", "dau").fill("200M")
            assert output(page, "peak-qps", "peak_qps").text_content() == "153K req/s"
            assert "peak-qps.dau=200M" in href(page)
            assert_prose_quotes_the_planner(page, {"dau": "1M"})
            navigate_in_place(page, "flow/")
    watch.assert_clean()


CONTRAST = """(element) => {
  const parse = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m[3] ?? 1];
  };
  const over = ([r, g, b, a], base) => [0, 1, 2].map((i) => [r, g, b][i] * a + base[i] * (1 - a));
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((base, layer) => over(layer, base), [255, 255, 255]);
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const bg = background(element);
  const fg = over(parse(getComputedStyle(element).color), bg);
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""


def test_text_keeps_aa_contrast_in_both_palettes(
    base_url: str, any_scheme_page: tuple[Page, PageWatch, str]
) -> None:
    page, watch, scheme = any_scheme_page
    open_calculators(page, base_url + CAPACITY)
    assert page.get_attribute("body", "data-md-color-scheme") == (
        "slate" if scheme == "dark" else "default"
    )
    field(page, "storage", "events").fill("many")
    calculator = form(page, "storage")
    for selector in (
        ".playbook-calc-title",
        ".playbook-calc-field label",
        'input[name="events"]',
        ".playbook-calc-unit",
        ".playbook-calc-help",
        ".playbook-calc-error",
        "output",
        ".playbook-calc-formula",
        ".playbook-calc-subst",
        ".playbook-calc-bytes legend",
        ".playbook-calc-bytes label",
        "button",
    ):
        ratio = calculator.locator(selector).first.evaluate(CONTRAST)
        assert ratio >= 4.5, f"{scheme}: {selector} contrast {ratio:.2f}"
    watch.assert_clean()


def test_print_shows_current_values_without_controls(page: Page) -> None:
    field(page, "cache", "hit_ratio").fill("80")
    page.emulate_media(media="print")
    calculator = form(page, "cache")
    assert calculator.locator(".playbook-calc-controls").is_visible() is False
    assert calculator.get_by_role("button", name="Reset").is_visible() is False
    assert field(page, "cache", "hit_ratio").is_visible()
    assert field(page, "cache", "hit_ratio").input_value() == "80"
    assert output(page, "cache", "origin_qps").is_visible()
    assert output(page, "cache", "origin_qps").text_content() == "1.4K req/s"
    pdf = page.pdf()
    assert len(pdf) > 10_000


@pytest.mark.parametrize("query", ["peak QPS", "Servers needed at peak"])
def test_search_finds_the_calculator_page(
    base_url: str, light_page: tuple[Page, PageWatch], query: str
) -> None:
    page, watch = light_page
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type(query)  # Material searches on keyup (or when its index is ready)
    links = page.locator("a.md-search-result__link")
    links.first.wait_for(timeout=15_000)
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any(CAPACITY in href for href in hrefs), hrefs
    watch.assert_clean()


def test_without_javascript_the_default_results_are_shown(base_url: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + CAPACITY)
    assert output(page, "peak-qps", "peak_qps").text_content() == "7.64K req/s"
    assert output(page, "capacity-planner", "servers").text_content() == "12 servers"
    assert form(page, "peak-qps").get_attribute("data-ready") is None
    assert not form(page, "storage").locator(".playbook-calc-controls").is_visible()
    assert form(page, "storage").get_by_label("Daily active users").count() == 0
    assert form(page, "storage").get_by_label("Events stored per day").input_value() == "20M"
    context.close()
