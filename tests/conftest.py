"""Shared fixtures: the real site built into a temp dir, served on 127.0.0.1, and Chromium.

Tests are marked by what they need, so the fast lane (`make check`, ``-m "not build and not
browser"``) runs without either: ``browser`` for any test that uses Chromium (added here from its
fixtures), ``build`` for any test that builds a site (added here for the shared builds; a test
that calls ``run_mkdocs_build`` or starts ``mkdocs serve`` itself carries the mark, and
``run_mkdocs_build`` refuses to run in a test with neither mark). Playwright is imported only by
the fixtures that start Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import pytest

from browser_tabs import SharedContexts
from mkdocs_cli import run_mkdocs
from mkdocs_playbook.cheatsheet.pdf import wait_until_printable
from mkdocs_playbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from mkdocs_playbook.core.loopback import QuietHandler, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request

ROOT = Path(__file__).resolve().parent.parent
SHARED_BUILDS = frozenset({"served_dir", "site_dir", "base_url", "public_pdf_site"})
"""Fixtures that build a site: a test using one is a ``build`` test."""
_running: list[pytest.Item] = []


# First, before pytest-xdist's own hook reads the xdist_group marks this one adds (a conftest's
# hook otherwise runs after it, and no test is grouped). pytest is pinned to 9.1: 9.2 builds a
# test's id from a field xdist 3.8 does not set, so no group holds (pytest-xdist#1386).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if names & SHARED_BUILDS:
            item.add_marker(pytest.mark.build)
        # Under pytest-xdist (make test: --dist loadgroup), a file's tests stay on one worker, so
        # a module's fixtures (a site it builds, a server it starts) are made once; a module
        # that sets SPREAD = True (one test per page) is shared out across the workers.
        # The site printed to PDF (a minute and a half of Chromium) is built once: every test
        # that reads it, whatever its module, runs on the same worker.
        module = getattr(item, "module", None)
        if "public_pdf_site" in names:
            item.add_marker(pytest.mark.xdist_group("public_pdf_site"))
        elif module is not None and not getattr(module, "SPREAD", False):
            item.add_marker(pytest.mark.xdist_group(module.__name__))


@pytest.fixture(scope="session", autouse=True)
def shared_pages_stay_unedited() -> Iterator[None]:
    """``soup_of`` shares each parsed page between tests: the run fails if one edited it."""
    yield
    site_pages = sys.modules.get("site_pages")  # not imported: no page was parsed
    edited = site_pages.edited_soups() if site_pages is not None else []
    assert edited == [], f"tests edited pages soup_of shares (take fresh_soup_of): {edited}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def run_mkdocs_build(
    site_dir: Path,
    config_file: Path | None = None,
    site_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    strict: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs build --strict`` (``strict=False`` to see what warnings allow), as
    a user would, and capture its output (the command line, run by ``mkdocs_cli``)."""
    item = _running[-1] if _running else None
    if item is not None and not any(item.get_closest_marker(m) for m in ("build", "browser")):
        raise AssertionError(
            f"{item.nodeid} builds a site: mark it @pytest.mark.build (the fast lane skips builds)"
        )
    args = ["build", "--site-dir", str(site_dir)]
    if strict:
        args.append("--strict")
    if config_file is not None:
        args += ["--config-file", str(config_file)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    env.update(extra_env or {})
    return run_mkdocs(args, ROOT, env)


class LinkCheckerHandler(QuietHandler):
    def end_headers(self) -> None:
        # LinkChecker's opt-in for servers that accept more than 10 requests/s (test_quality_links).
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


@pytest.fixture(scope="session")
def served_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """An empty folder served on an ephemeral loopback port, and its URL.

    The server starts before the build because instant navigation only works when the
    sitemap's site_url is the address the pages are served from.
    """
    root = tmp_path_factory.mktemp("site")
    with serve(root, LinkCheckerHandler) as url:
        yield root, url


@pytest.fixture(scope="session")
def site_dir(served_dir: tuple[Path, str]) -> Path:
    """The project's own site, built once per test session with ``--strict``."""
    root, url = served_dir
    result = run_mkdocs_build(root, site_url=url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return root


PUBLIC_URL = "https://you.github.io/playbook/"
"""Where a deployment of the site lives: on a path, as a github.io project site is."""


@pytest.fixture(scope="session")
def public_pdf_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site as `SITE_URL=... make deploy-check` builds it, with its PDFs (make test installs
    Chromium), once per session; and what the build logged."""
    site = tmp_path_factory.mktemp("public-pdf-site")
    result = run_mkdocs_build(site, site_url=PUBLIC_URL, extra_env={"PLAYBOOK_PDF": "true"})
    assert result.returncode == 0, f"mkdocs build with PDFs failed:\n{result.stderr}"
    return site, result.stderr


@pytest.fixture(scope="session")
def base_url(site_dir: Path, served_dir: tuple[Path, str]) -> str:
    """Where the built site is served."""
    return served_dir[1]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium. Missing Chromium is a failure, never a skip: run `make test`."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.fail("Chromium is not installed at /usr/bin/chromium; `make test` installs it.")
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
    )
    yield browser
    browser.close()


@dataclass
class PageWatch:
    """What a page did that a reader would never want: console errors and foreign requests."""

    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"pageerror: {error}")

    def on_request(self, request: Request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != "127.0.0.1":
            self.foreign_requests.append(request.url)

    def assert_clean(self) -> None:
        assert self.foreign_requests == [], "requests left 127.0.0.1"
        assert self.errors == [], "the page logged errors"


# The phone Lighthouse's mobile preset emulates (Moto G Power): narrow, touch, no hover.
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}


_shared_contexts: dict[Browser, SharedContexts] = {}


def open_page(
    browser: Browser,
    color_scheme: str = "light",
    phone: bool = False,
    *,
    offline: bool = False,
    own_context: bool = False,
) -> tuple[Page, PageWatch]:
    """A new tab with nothing in the site's storage, the site's service worker refused unless
    ``offline``; close it with ``close_page``.

    The tab is lent one of the browser contexts the worker keeps for its palette and device (see
    browser_tabs). ``own_context`` gives it a context of its own, for a test that changes what a
    context applies to all its tabs (the clock, permissions, going offline).

    Once a page has loaded, the offline feature's worker installs and copies the whole site into
    its cache (0.5 s of Chromium's CPU per tab, measured). Only the offline tests are about that,
    and elsewhere it made whether a test's later visits went through the worker a matter of timing.
    """
    options: dict[str, Any] = {"color_scheme": color_scheme, **(PHONE if phone else {})}
    if offline or own_context:
        context = browser.new_context(service_workers="allow" if offline else "block", **options)
        page = context.new_page()
    else:
        if browser not in _shared_contexts:
            _shared_contexts[browser] = SharedContexts(browser)
        page = _shared_contexts[browser].new_page(**options)
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    return page, watch


def close_page(page: Page) -> None:
    """Close a tab ``open_page`` opened: with its own context, or emptied of what it stored."""
    shared = _shared_contexts.get(page.context.browser)  # type: ignore[arg-type]
    if shared is not None and shared.shares(page):
        shared.close_page(page)
    else:
        page.context.close()


@pytest.fixture
def light_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    page, watch = open_page(browser, "light")
    yield page, watch
    close_page(page)


@pytest.fixture
def own_light_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A light tab in a browser context of its own, for a test that sets the clock (Playwright's
    clock is the context's, and would run the time of every tab sharing it)."""
    page, watch = open_page(browser, "light", own_context=True)
    yield page, watch
    close_page(page)


@pytest.fixture(params=["light", "dark"])
def any_scheme_page(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, PageWatch, str]]:
    page, watch = open_page(browser, request.param)
    yield page, watch, request.param
    close_page(page)


@contextmanager
def one_document(page: Page) -> Iterator[None]:
    """Whatever the block does, the tab stays on the document open now: Material's instant
    navigation swaps pages in place, and a reload would drop the mark set here."""
    page.evaluate("window.__sameDocument = true")
    yield
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"


def navigate_in_place(page: Page, target: str) -> None:
    """Follow the primary navigation's link to ``target`` (a page's address from the site's
    root) and wait until Material has swapped that page in: the address changes before the
    content does, the navigation's active link with it. Instant navigation takes over links only
    once Material has read the sitemap: load the first page with ``wait_until="networkidle"``."""
    from playwright.sync_api import expect

    page.locator(f'nav.md-nav--primary a[href$="{target}"]').first.click()
    expect(page.locator(f'a.md-nav__link--active[href$="{target}"]').first).to_be_attached()


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# axe measures colours as they are: a header title fading in is "low contrast" mid-transition.
TRANSITIONS_DONE = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


def wait_until_settled(page: Page) -> None:
    """Wait until the page is ready as the PDF build decides it (every widget started, every
    diagram drawn); fails naming what never started or the diagram that could not be drawn."""
    wait_until_printable(page, timeout_ms=20_000)


def wait_until_idle(page: Page) -> None:
    """Wait until the browser is idle: after the work a page leaves for that moment (the search
    index's bytes, the offline worker's registration), so every request the page makes on its
    own has been sent and a watch has seen it. Waiting for 500 ms without a request
    (``networkidle``) left each visit of a tour idle for half a second."""
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => done()))")


def axe_violations(page: Page, where: str, within: str | None = None) -> list[str]:
    """axe-core's default rules (WCAG 2.0-2.2 A and AA, and best practices) on the page as it is
    now (or on the elements matching the selector ``within``), one readable line per violated
    rule: where, rule, impact, summary and the elements."""
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `make setup`"
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    page.evaluate(TRANSITIONS_DONE)
    results = page.evaluate(
        "(within) => axe.run(within ?? document, {resultTypes: ['violations']})", within
    )
    return [
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        + (f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else "")
        for violation in results["violations"]
    ]


def assert_no_axe_violations(page: Page, where: str, within: str | None = None) -> None:
    violations = axe_violations(page, where, within)
    assert violations == [], "axe-core found violations:\n" + "\n".join(violations)
