"""A new tab for every browser test, with nothing left in the site's storage by the tests before.

A test in a browser context of its own cost Chromium 1.22 CPU s for a page load and its widgets;
in a new tab of a context kept open, 0.65 CPU s, the clearing below included (measured on this
2-core machine). Most of the difference is a renderer process: a new context starts one for its
first page, while a new tab of a context that keeps a page of the same site open starts in that
page's process. The suite opened 164 contexts. So a worker keeps its contexts, by palette and
device, and lends them one tab at a time (``SharedContexts``); each test still starts as a
stranger would:

- **Storage:** when a tab closes, everything it reached keeps nothing: each origin it requested
  has its storage cleared (localStorage, IndexedDB, Cache Storage, the origin's files, cookies),
  and a blank page of that origin checks that it is empty, or the test fails naming what is left.
- **Requests:** the HTTP cache is the context's, but the test servers send no caching headers:
  a tab asks the server for what a tab of a new context would, and the tests that watch
  requests see the same ones.
- **What a context applies to all its tabs** (init scripts, routes, the clock, permissions, going
  offline, event listeners) would reach the tests after it: on a shared context each of these
  raises, naming the fix (a context of the test's own, ``open_page(..., own_context=True)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, Request, Route

CONTEXT_WIDE = (
    "add_cookies",
    "add_init_script",
    "close",
    "expose_binding",
    "expose_function",
    "grant_permissions",
    "new_page",
    "on",
    "once",
    "route",
    "route_from_har",
    "route_web_socket",
    "set_default_navigation_timeout",
    "set_default_timeout",
    "set_extra_http_headers",
    "set_geolocation",
    "set_offline",
)
"""What a test could do to a context that every later tab in it would inherit."""
CLOCK = (
    "install",
    "fast_forward",
    "pause_at",
    "resume",
    "run_for",
    "set_fixed_time",
    "set_system_time",
)
"""Playwright's clock belongs to the context: installed once, it runs every later tab's time."""
BLANK = "/__browser_tabs_blank__"
"""A page of the origin being cleared, served by the tab itself (never by the site)."""
STORAGE_LEFT = """async () => {
  let files = 0;
  for await (const _ of (await navigator.storage.getDirectory()).keys()) files += 1;
  return {
    localStorage: localStorage.length,
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
    caches: await caches.keys(),
    files,
    cookies: document.cookie,
  };
}"""
EMPTY = {"localStorage": 0, "indexedDB": [], "caches": [], "files": 0, "cookies": ""}


def _refuse(name: str) -> Callable[..., NoReturn]:
    def refuse(*_: Any, **__: Any) -> NoReturn:
        raise AssertionError(
            f"{name} would reach every later test in this tab's shared browser context: "
            "open the page with open_page(..., own_context=True)"
        )

    return refuse


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None


@dataclass(frozen=True)
class _Shared:
    context: BrowserContext
    open_tab: Callable[[], Page]
    close: Callable[[], None]
    """The context's own methods, kept before the shared context refuses them to tests."""
    clearer: Page
    """The context's own tab, which clears and checks each origin's storage: it stays open, so
    Chromium keeps the renderer process of the site's origins, and a test's new tab starts in it
    instead of starting a process (what most of a new context's cost was, measured)."""
    devtools: CDPSession


class SharedContexts:
    """Browser contexts kept for the session, by context options (palette and device), each
    lending one tab at a time: ``new_page`` opens a tab in an idle one (a long-lived tab, such
    as a module's, keeps its context to itself), ``close_page`` empties what the tab stored and
    returns the context."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._idle: dict[str, list[_Shared]] = {}
        self._tabs: dict[Page, tuple[str, _Shared, set[str]]] = {}
        """Each open tab's options (as a key), its context and the origins it requested."""

    def _new_shared(self, options: dict[str, Any]) -> _Shared:
        context = self._browser.new_context(service_workers="block", **options)
        clearer = context.new_page()
        clearer.route(f"**{BLANK}", self._blank)
        shared = _Shared(
            context, context.new_page, context.close, clearer, context.new_cdp_session(clearer)
        )
        for name in CONTEXT_WIDE:
            setattr(context, name, _refuse(f"context.{name}"))
        for name in CLOCK:
            setattr(context.clock, name, _refuse(f"clock.{name}"))
        return shared

    def new_page(self, **options: Any) -> Page:
        key = repr(sorted(options.items()))
        idle = self._idle.setdefault(key, [])
        shared = idle.pop() if idle else self._new_shared(options)
        page = shared.open_tab()
        origins: set[str] = set()
        self._tabs[page] = (key, shared, origins)

        def note(request: Request) -> None:
            origin = _origin(request.url)
            if origin is not None:
                origins.add(origin)

        page.on("request", note)
        return page

    def shares(self, page: Page) -> bool:
        return page in self._tabs

    def close_page(self, page: Page) -> None:
        """Close the tab, then clear what it stored on every origin it requested and check that
        it is gone before the context lends another tab. A context whose clearing failed is
        closed instead."""
        key, shared, origins = self._tabs.pop(page)
        try:
            page.close()
            for origin in sorted(origins):
                if shared.clearer.url != origin + BLANK:  # else it is there from the last test
                    shared.clearer.goto(origin + BLANK)
                shared.devtools.send(
                    "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
                )
                left = shared.clearer.evaluate(STORAGE_LEFT)
                assert left == EMPTY, f"{origin} kept storage a later test would see: {left}"
            shared.context.clear_cookies()
            assert shared.context.cookies() == [], "cookies survived clear_cookies()"
        except BaseException:
            shared.close()
            raise
        self._idle[key].append(shared)

    @staticmethod
    def _blank(route: Route) -> None:
        route.fulfill(body="<!doctype html><title>blank</title>", content_type="text/html")
