"""Turning the offline feature off retires the worker by itself: a reader whose browser holds the
worker of an earlier build with the feature on opens the site again after a build with the
default settings (the feature off, nothing added to its pages), and the worker removes itself
and its caches, with nothing asked of the site's author. A reader who never had it gets
nothing: no registration, no cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from test_offline_build import PAGES, PLAYBOOK, build, scripts_and_links

from mkdocs_playbook.core.loopback import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

READY = "html[data-playbook-offline=ready]"
NOTHING_LEFT = """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
  && (await caches.keys()).length === 0"""


def test_a_build_with_the_feature_off_removes_the_worker_an_earlier_build_left(
    browser: Browser, tmp_path: Path
) -> None:
    with serve(tmp_path) as url:
        root = tmp_path / "project"
        root.mkdir()
        build(root, "../notes", PLAYBOOK, site_url=url + "notes/")
        context = browser.new_context(service_workers="allow")
        try:
            page = context.new_page()
            page.goto(url + "notes/guide/")
            page.wait_for_selector(READY)
            assert page.evaluate("caches.keys()") != []
            revised = {**PAGES, "guide/index.md": "# Guide\n\nPublished without offline.\n"}
            build(root, "../notes", "  - playbook\n", revised, site_url=url + "notes/")
            assert scripts_and_links(tmp_path / "notes") == [], "no page loads or links anything"
            # The first visit may still come from the old worker: the browser's update check
            # fetches the retiring one, which unregisters, deletes the caches and reloads.
            page.goto(url + "notes/guide/")
            page.wait_for_function(NOTHING_LEFT, timeout=20_000)
            expect(page.locator("article")).to_contain_text("Published without offline.")
            assert page.evaluate("navigator.serviceWorker.controller") is None
        finally:
            context.close()


def test_a_reader_of_a_site_that_never_opted_in_gets_no_worker(
    browser: Browser, tmp_path: Path
) -> None:
    with serve(tmp_path) as url:
        root = tmp_path / "project"
        root.mkdir()
        build(root, "../notes", "  - playbook\n", site_url=url + "notes/")
        context = browser.new_context(service_workers="allow")
        try:
            page = context.new_page()
            page.goto(url + "notes/")
            page.goto(url + "notes/guide/")
            page.wait_for_load_state("networkidle")
            assert page.evaluate(NOTHING_LEFT)
        finally:
            context.close()
