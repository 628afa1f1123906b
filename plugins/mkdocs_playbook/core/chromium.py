"""Where Chromium lives, how every headless run starts it, and one browser shared by a build.

Playwright's own browser download cannot work on these machines, so everything drives a system
binary with the same flags: no sandbox (containers), no GPU, and no background traffic that
would count as a request to another host. A build that draws diagrams and prints PDFs starts
Chromium once, on first use, and closes it when the build ends.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ChromiumUnavailable(RuntimeError):
    """Chromium or Playwright is missing, or Chromium did not start; the message says which."""


def find_chromium(configured: str | None = None) -> Path | None:
    """The configured binary, else Debian's, else the first Chromium or Chrome on PATH."""
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    if CHROMIUM.is_file():
        return CHROMIUM
    for name in _ON_PATH:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


class ChromiumSession:
    """One headless Chromium, started by the first caller and reused until ``close``.

    Playwright's synchronous API is bound to the thread that started it, so a session lives
    within one build (``mkdocs serve`` rebuilds on another thread than its first build).
    """

    def __init__(self, configured: str | None = None) -> None:
        self._configured = configured
        self._playwright: Any = None
        self._browser: Any = None

    def browser(self) -> Any:
        """The running browser (a Playwright ``Browser``); raises ``ChromiumUnavailable``."""
        if self._browser is not None:
            return self._browser
        executable = find_chromium(self._configured)
        if executable is None:
            where = self._configured or f"{CHROMIUM} or on PATH"
            raise ChromiumUnavailable(f"no Chromium at {where}")
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise ChromiumUnavailable(
                "Playwright is not installed (pip install 'mkdocs-playbook[pdf]')"
            ) from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(executable), args=list(CHROMIUM_ARGS)
            )
        except PlaywrightError as error:
            self.close()
            first_line = error.message.splitlines()[0]
            raise ChromiumUnavailable(f"{executable} did not start: {first_line}") from None
        return self._browser

    def version(self) -> str:
        """The browser's version (``Chromium 156.0.8078.114``), what the PDFs' cache keys
        name: a new Chromium may print differently. Starts it if need be."""
        return str(self.browser().version)

    @property
    def started(self) -> bool:
        return self._browser is not None

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
