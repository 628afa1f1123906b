"""The browser tests' shared contexts (browser_tabs) keep each test a stranger to the tests before:
in Chromium, what one tab stores is gone for the next tab of the same context, what a context
would apply to every tab is refused, and a tab requests what it would in a context of its own."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from conftest import close_page, open_page

STORE_EVERYTHING = """async () => {
  localStorage.setItem("left", "behind");
  sessionStorage.setItem("left", "behind");
  document.cookie = "left=behind; path=/";
  await new Promise((resolve) => {
    const opening = indexedDB.open("left-behind");
    opening.onsuccess = () => { opening.result.close(); resolve(); };
  });
  await (await caches.open("left-behind")).put("/left", new Response("behind"));
  const root = await navigator.storage.getDirectory();
  await root.getFileHandle("left-behind", { create: true });
}"""
WHAT_IS_STORED = """async () => {
  let files = 0;
  for await (const _ of (await navigator.storage.getDirectory()).keys()) files += 1;
  return {
    localStorage: localStorage.getItem("left"),
    sessionStorage: sessionStorage.getItem("left"),
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
    caches: await caches.keys(),
    files,
  };
}"""
NOTHING: dict[str, Any] = {
    "localStorage": None,
    "sessionStorage": None,
    "cookie": "",
    "indexedDB": [],
    "caches": [],
    "files": 0,
}


def stored_seen_from_a_blank_page(page: Page, base_url: str) -> dict[str, Any]:
    """What the site's origin stores, read from a blank page of it: the site's own pages write
    to localStorage as they load."""
    page.route(base_url + "blank", lambda route: route.fulfill(body="", content_type="text/html"))
    page.goto(base_url + "blank")
    stored: dict[str, Any] = page.evaluate(WHAT_IS_STORED)
    return stored


def test_what_a_tab_stored_is_gone_for_the_next_tab_of_its_context(
    browser: Browser, base_url: str
) -> None:
    first, _ = open_page(browser, "dark")
    first.goto(base_url + "404.html")
    first.evaluate(STORE_EVERYTHING)
    assert first.evaluate(WHAT_IS_STORED) != NOTHING
    context = first.context
    close_page(first)
    second, _ = open_page(browser, "dark")
    assert second.context is context, "the two tabs did not share a context"
    assert stored_seen_from_a_blank_page(second, base_url) == NOTHING
    close_page(second)


def test_a_tab_kept_open_keeps_its_context_to_itself(browser: Browser, base_url: str) -> None:
    """A module's tab stays open across its tests: a test's tab opened meanwhile is lent another
    context, where nothing the long-lived tab stores reaches it."""
    kept, _ = open_page(browser, "dark")
    kept.goto(base_url + "404.html")
    kept.evaluate(STORE_EVERYTHING)
    meanwhile, _ = open_page(browser, "dark")
    assert meanwhile.context is not kept.context
    assert stored_seen_from_a_blank_page(meanwhile, base_url) == NOTHING
    close_page(meanwhile)
    close_page(kept)


def test_what_a_context_applies_to_every_tab_is_refused_on_a_shared_one(
    browser: Browser,
) -> None:
    page, _ = open_page(browser)
    try:
        with pytest.raises(AssertionError, match=r"clock\.install .*own_context=True"):
            page.clock.install()
        for change in (
            lambda: page.context.add_init_script("window.changed = true"),
            lambda: page.context.route("**/*", lambda route: route.continue_()),
            lambda: page.context.grant_permissions(["clipboard-read"]),
            lambda: page.context.set_offline(True),
            lambda: page.context.close(),
        ):
            with pytest.raises(AssertionError, match="own_context=True"):
                change()
    finally:
        close_page(page)
    own, _ = open_page(browser, own_context=True)
    own.clock.install()  # a context of the test's own takes the clock
    close_page(own)


def requests_of_a_load(browser: Browser, url: str, own_context: bool) -> list[str]:
    page, _ = open_page(browser, own_context=own_context)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    close_page(page)
    return sorted(requests)


def test_a_shared_tab_requests_what_a_tab_of_its_own_context_does(
    browser: Browser, base_url: str
) -> None:
    """A page opened after others in a shared context asks the server for the same things as in
    a context of its own: the tests that watch requests see every one."""
    url = base_url + "capacity-estimation/"
    own = requests_of_a_load(browser, url, own_context=True)
    shared = [requests_of_a_load(browser, url, own_context=False) for _ in range(2)]
    assert len(own) > 5 and shared == [own, own]
