"""The site offline after one visit, in Chromium with service workers allowed: the first visit
precaches the site; then the network is really gone (the server stops answering and the context
is offline) and every page of the sitemap opens by URL and by instant navigation, search finds,
a calculator computes, flashcards keep progress, the mock interview runs; an unknown page says
the reader is offline. A rebuild offers a Reload that brings the new text; `mkdocs serve` retires
the worker an earlier build left; Chromium finds the site installable."""

from __future__ import annotations

import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect
from test_offline_build import PAGES, PLAYBOOK, build, worker_config
from test_serve import free_port, mkdocs_serve

from conftest import (
    AXE_SCRIPT,
    TRANSITIONS_DONE,
    PageWatch,
    assert_no_axe_violations,
    run_mkdocs_build,
)
from mkdocs_playbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from mkdocs_playbook.core.loopback import QuietHandler, serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

READY = "html[data-playbook-offline=ready]"
RETIRED = "html[data-playbook-offline=off]"
MISSING = "a[data-playbook-offline-missing]"


class Network:
    """The server's side of the network: when down, every request is dropped unanswered.
    ``requests`` lists the paths it answered. ``poisoned`` paths get a wrong answer, as from a
    captive portal or a stale CDN edge: another page, or a redirect to the home page."""

    def __init__(self) -> None:
        self.up = True
        self.requests: list[str] = []
        self.poisoned: dict[str, str] = {}


class SwitchableHandler(QuietHandler):
    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        self.network = network
        super().__init__(*args, **kwargs)

    def handle_one_request(self) -> None:
        if self.network.up:
            super().handle_one_request()
        else:
            self.close_connection = True

    def do_GET(self) -> None:
        self.network.requests.append(self.path)
        wrong = self.network.poisoned.get(self.path)
        if wrong == "redirect":
            self.send_response(302)
            self.send_header("Location", "/")
            self.end_headers()
        elif wrong is not None:
            body = wrong.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


def switchable(network: Network) -> Any:
    def handler(*args: Any, **kwargs: Any) -> SwitchableHandler:
        return SwitchableHandler(*args, network=network, **kwargs)

    return handler


def go_offline(context: BrowserContext, network: Network) -> None:
    """Both sides: the page sees navigator.onLine false, and the worker's own fetches fail."""
    network.up = False
    context.set_offline(True)


def go_online(context: BrowserContext, network: Network) -> None:
    network.up = True
    context.set_offline(False)


@pytest.fixture(scope="module")
def offline_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str, Network]]:
    """This site built into a folder served by a server that can stop answering (the session's
    shared site cannot: a worker's own fetches ignore Playwright's offline switch)."""
    root = tmp_path_factory.mktemp("offline-site")
    network = Network()
    with serve(root, switchable(network)) as url:
        result = run_mkdocs_build(root, site_url=url)
        assert result.returncode == 0, result.stderr
        yield root, url, network


@pytest.fixture(scope="module")
def visited(
    browser: Browser, offline_site: tuple[Path, str, Network]
) -> Iterator[tuple[Page, Network, str]]:
    """One visit to the home page, until the worker controls it with the site precached."""
    _, url, network = offline_site
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(READY)
    yield page, network, url
    go_online(context, network)
    context.close()


@pytest.fixture
def watch(visited: tuple[Page, Network, str]) -> Iterator[PageWatch]:
    """Errors and foreign requests of the visited page during one test."""
    page = visited[0]
    watch = PageWatch()
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    yield watch
    page.remove_listener("pageerror", watch.on_page_error)
    page.remove_listener("request", watch.on_request)


def sitemap_pages(site: Path, url: str) -> list[str]:
    """Every page of the site, as the sitemap (which Material's instant navigation reads)
    lists them: a page added to the nav is covered without a test change."""
    tree = ET.parse(site / "sitemap.xml")
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    pages = [loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", names)]
    assert pages and all(page.startswith(url) for page in pages), pages
    return pages


def heading(page: Page) -> str:
    return page.locator("article h1").first.inner_text()


def test_every_page_opens_offline_by_url_and_by_instant_navigation(
    offline_site: tuple[Path, str, Network],
    visited: tuple[Page, Network, str],
    watch: PageWatch,
) -> None:
    site, _, _ = offline_site
    page, network, url = visited
    pages = sitemap_pages(site, url)
    go_offline(page.context, network)
    titles = {}
    for address in pages:
        response = page.goto(address)
        assert response is not None and response.ok and response.from_service_worker, address
        titles[address] = heading(page)
    assert page.locator(".playbook-offline__message").inner_text() == (
        "You are offline: the pages of this site still open."
    )
    assert_no_axe_violations(page, "offline, status shown")
    page.goto(url)
    page.evaluate("window.playbookSamePage = true")
    for address in pages:
        page.evaluate("(address) => location$.next(new URL(address))", address)
        expect(page.locator("article h1").first).to_have_text(titles[address])
    assert page.evaluate("window.playbookSamePage"), "instant navigation, not page loads"
    watch.assert_clean()


def test_search_calculators_flashcards_and_the_mock_work_offline(
    visited: tuple[Page, Network, str], watch: PageWatch
) -> None:
    page, network, url = visited
    go_online(page.context, network)
    page.goto(url)
    # A download opened once is kept; one never opened is not (it is fetched on demand).
    assert page.evaluate("fetch('flashcards.tsv').then((r) => r.status)") == 200
    go_offline(page.context, network)
    assert page.evaluate("fetch('flashcards.tsv').then((r) => r.status)") == 200
    assert page.evaluate("fetch('flashcards.apkg').then(() => 'fetched', () => 'failed')") == (
        "failed"
    )
    page.keyboard.press("/")
    page.keyboard.type("idempotency")
    expect(page.locator(".md-search-result__item").first).to_be_visible()

    page.goto(url + "capacity-estimation/")
    page.wait_for_selector("form[data-calculator][data-ready]")
    calculator = page.locator('form[data-calculator="storage"]')
    before = calculator.locator("output").first.inner_text()
    calculator.locator("input").first.fill("7M")
    expect(calculator.locator("output").first).not_to_have_text(before)

    page.goto(url + "flashcards/")
    page.wait_for_selector(".playbook-cards-study[data-mounted]")
    due = page.inner_text(".playbook-cards-stats [data-due]")
    page.click(".playbook-cards-view")
    page.get_by_role("button", name="Good").click()
    page.reload()
    page.wait_for_selector(".playbook-cards-study[data-mounted]")
    assert int(page.inner_text(".playbook-cards-stats [data-due]")) == int(due) - 1, "progress kept"
    # A download never opened says it needs the network, and a click says so too.
    page.wait_for_selector("html[data-playbook-offline-links]", state="attached")
    apkg = page.locator(f'{MISSING}[href$=".apkg"]')
    expect(apkg).to_contain_text("needs a connection")
    assert page.locator(f'{MISSING}[href$=".tsv"]').count() == 0, "kept: it opens offline"
    apkg.click()
    expect(page.locator(".playbook-offline")).to_contain_text("needs a network connection")

    page.goto(url + "mock-interview/")
    if page.locator("[data-mock-interview]").count():  # the mock arrived with issue 13
        page.wait_for_selector("[data-mock-interview][data-mounted]")
        page.get_by_role("button", name="Start").click()
        expect(page.locator("[data-mock-interview]")).to_have_attribute("data-state", "running")
    watch.assert_clean()


def test_an_unsaved_page_offline_is_the_404_page_saying_so(
    visited: tuple[Page, Network, str],
) -> None:
    page, network, url = visited
    go_offline(page.context, network)
    response = page.goto(url + "no-such-page/")
    assert response is not None and response.status == 404
    assert heading(page) == "Page not found"
    expect(page.locator(".playbook-offline-note")).to_contain_text("You are offline")


def test_the_offline_status_reads_in_the_dark_palette(
    browser: Browser, offline_site: tuple[Path, str, Network]
) -> None:
    _, url, network = offline_site
    network.up = True  # earlier tests leave it down
    context = browser.new_context(service_workers="allow", color_scheme="dark")
    page = context.new_page()
    page.goto(url + "flow/")
    page.wait_for_selector(READY)
    context.set_offline(True)
    expect(page.locator(".playbook-offline__message")).to_contain_text("You are offline")
    assert region_axe_violations(page) == []
    context.close()


def test_chromium_finds_the_site_installable(
    playwright_instance: Playwright, offline_site: tuple[Path, str, Network], tmp_path: Path
) -> None:
    """Outside incognito (a Playwright context is one, which alone blocks installing)."""
    _, url, network = offline_site
    network.up = True  # earlier tests leave it down
    context = playwright_instance.chromium.launch_persistent_context(
        tmp_path / "profile",
        executable_path=str(CHROMIUM),
        args=list(CHROMIUM_ARGS),
        service_workers="allow",
    )
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(READY)
        session = context.new_cdp_session(page)
        assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert session.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


def test_a_new_build_offers_reload_and_reload_brings_it(browser: Browser, tmp_path: Path) -> None:
    """A foreign site on a sub-path: its worker, its scope; nothing reloads by itself."""
    network = Network()
    with serve(tmp_path, switchable(network)) as url:
        root = tmp_path / "project"
        root.mkdir()
        build(root, "../notes", PLAYBOOK, site_url=url + "notes/")
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        page.goto(url + "notes/guide/")
        page.wait_for_selector(READY)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == (
            url + "notes/service-worker.js"
        )
        old = worker_config(tmp_path / "notes")["files"]
        revised = {**PAGES, "guide/index.md": PAGES["guide/index.md"].replace("First", "Second")}
        build(root, "../notes", PLAYBOOK, revised, site_url=url + "notes/")
        new = worker_config(tmp_path / "notes")["files"]
        network.requests.clear()
        page.reload()  # a page load: the browser checks the worker for an update
        reload = page.get_by_role("button", name="Reload")
        expect(reload).to_be_visible()
        # The new version downloaded only the files whose hash changed (the page, the index).
        changed = {f"/notes/{entry[0]}" for entry in new if entry[2] and entry not in old}
        assert "/notes/guide/" in changed and "/notes/other/" not in changed
        assert set(network.requests) == changed | {"/notes/service-worker.js"}
        expect(page.locator(".playbook-offline[role=status]")).to_contain_text(
            "A new version of this site is available."
        )
        assert page.locator("article").inner_text().count("First version.") == 1, "no reload yet"
        assert region_axe_violations(page) == []
        reload.click()
        expect(page.locator("article")).to_contain_text("Second version.")
        page.wait_for_selector(READY)
        go_offline(context, network)
        page.goto(url + "notes/guide/")
        expect(page.locator("article")).to_contain_text("Second version.")
        context.close()


def region_axe_violations(page: Page) -> list[str]:
    """axe over the status region alone: a foreign site is stock Material, whose own search
    dialog axe faults (this site names it in overrides/)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    page.evaluate(TRANSITIONS_DONE)
    found = page.evaluate("axe.run('.playbook-offline', {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']}" for v in found["violations"]]


def test_mkdocs_serve_retires_a_worker_an_earlier_build_left(
    browser: Browser, tmp_path: Path
) -> None:
    """An author builds and previews the site on the port `mkdocs serve` then takes: the first
    page may come from the old worker, which then removes itself; no worker is left."""
    root = tmp_path / "project"
    root.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build(root, "site", PLAYBOOK, site_url=url)
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    with serve(root / "site", port=port):
        page.goto(url + "guide/")
        page.wait_for_selector(READY)
    (root / "docs" / "guide" / "index.md").write_text("# Guide\n\nEdited while serving.\n")
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = mkdocs_serve(root, port, log, "--no-livereload")
    try:
        wait_for_server(url + "guide/", "Edited while serving.")
        page.goto(url + "guide/")
        page.wait_for_selector(RETIRED)
        expect(page.locator("article")).to_contain_text("Edited while serving.")
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
        assert page.evaluate("navigator.serviceWorker.controller") is None
        assert page.evaluate("caches.keys()") == []
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        context.close()


def wait_for_server(address: str, text: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"mkdocs serve never served {address} with {text!r}")


PORTAL = "<html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>"
ODD_NAMES = {"c++.md": "# C plus plus\n\nOdd name one.\n", "a b (x).md": "# Spaced\n\nTwo.\n"}
CACHED_TEXT = """async () => {
  const texts = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) texts.push(await (await cache.match(request)).text());
  }
  return texts;
}"""
INSTALL_FAILED = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return !registration || !(registration.installing || registration.waiting || registration.active);
}"""
"""Once the worker has asked for the wrong file: its install failed, no worker is left."""


def wait_for_requests(network: Network, path: str, count: int, timeout: float = 20.0) -> None:
    """Until the server has answered ``path`` ``count`` times."""
    deadline = time.monotonic() + timeout
    while network.requests.count(path) < count:
        assert time.monotonic() < deadline, f"{path} asked for {network.requests.count(path)}x"
        time.sleep(0.05)


def test_the_worker_keeps_only_the_files_the_build_listed(browser: Browser, tmp_path: Path) -> None:
    """A wrong answer (a captive portal's page, a redirect) for a listed file is asked for again
    past the caches, never kept, and fails the install; once the server answers right, the next
    visit installs, and pages whose names a browser leaves raw in a URL open offline."""
    network = Network()
    with serve(tmp_path, switchable(network)) as url:
        root = tmp_path / "project"
        root.mkdir()
        build(root, "../notes", PLAYBOOK, {**PAGES, **ODD_NAMES}, site_url=url + "notes/")
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        try:
            for wrong in (PORTAL, "redirect"):
                network.poisoned = {"/notes/other/": wrong}
                network.requests.clear()
                page.goto(url + "notes/guide/")
                wait_for_requests(network, "/notes/other/", 2)  # asked once more, past caches
                page.wait_for_function(INSTALL_FAILED, polling=100, timeout=20_000)
                assert network.requests.count("/notes/other/") == 2
                assert not any("hotel Wi-Fi" in text for text in page.evaluate(CACHED_TEXT))
                assert page.evaluate("navigator.serviceWorker.controller") is None
            network.poisoned = {}
            page.reload()
            page.wait_for_selector(READY)
            go_offline(context, network)
            for path, text in (("c++/", "Odd name one."), ("a%20b%20(x)/", "Two.")):
                page.goto(url + "notes/" + path)
                expect(page.locator("article")).to_contain_text(text)
        finally:
            go_online(context, network)
            context.close()
