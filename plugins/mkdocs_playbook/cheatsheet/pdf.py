"""Print the built site to PDF with headless Chromium: the cheat sheet (A4, Letter) and the book.

The site is served from its folder on 127.0.0.1 (pages load their scripts as ES modules, which
browsers refuse over file://), every page is printed once its diagrams are drawn, and links to
the site's own pages are pointed at the public address (``site_url``) so they still work in a
PDF read anywhere. The whole playbook is one PDF with a bookmark per page.

A page is printed as soon as it is ready, never after a fixed wait: its load event (its
stylesheets, scripts and images), then its widgets started (widgets.js imports their modules
after load), its diagrams drawn and its fonts loaded. What a page does after that never prints:
the service worker's precache (blocked), the search index, which each page used to load and
index for nothing, and the sitemap instant navigation reads (both refused: ``NOT_ON_PAPER``).

What Chromium printed is kept between builds (``PrintCache``): a printout is reused while every
file its page loaded is unchanged, so a build where one page changed prints that page alone.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs_playbook.core.chromium import ChromiumSession, ChromiumUnavailable
from mkdocs_playbook.core.disk_cache import DiskCache, digest_of, file_digest
from mkdocs_playbook.core.loopback import serve

DIAGRAM_TIMEOUT_MS = 30_000
PAPER = {"a4": "A4", "letter": "Letter"}

# True once every diagram on the page is drawn (or has failed, which render() reports).
DIAGRAMS_DRAWN = """() => [...document.querySelectorAll("div.mermaid")].every(
  (diagram) => diagram.dataset.theme || diagram.querySelector(".playbook-diagram-error"))"""
# A widget widgets.js has not started yet: each marks its root once it has drawn itself.
WIDGETS_WAITING = (
    "[data-diagram]:not([data-ready])",
    "form[data-calculator]:not([data-ready])",
    "button.playbook-print:not([data-ready])",
    ".playbook-cards-study[data-flashcards]:not([data-mounted])",
    "[data-mock-interview]:not([data-mounted])",
    ".playbook-progress[data-progress]:not([data-mounted])",
)
WAITING = "(selectors) => selectors.filter((selector) => document.querySelector(selector))"
PRINTABLE = f"(selectors) => ({WAITING})(selectors).length === 0 && ({DIAGRAMS_DRAWN})()"
DIAGRAM_ERRORS = """() => [...document.querySelectorAll(".playbook-diagram-error")].map(
  (message) => message.textContent)"""
# Links to the site's own pages go to the public site (or, without one, are left out: a link to
# the transient local server would be dead); in-page anchors stay in the PDF.
PUBLIC_LINKS = """(siteUrl) => {
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#")) continue;
    const target = new URL(href, location.href);
    if (target.origin !== location.origin) continue;
    const path = target.pathname.slice(1) + target.search + target.hash;
    if (!siteUrl) link.removeAttribute("href");
    else link.setAttribute("href", new URL(path, siteUrl).href);
  }
}"""


NOT_ON_PAPER = ("search_index.json", "sitemap.xml")
"""What a page fetches for search and for instant navigation, neither of which prints: refused
while printing. The sitemap's dates change with every commit, and a printout depends on every
file its page loaded."""


class PdfError(RuntimeError):
    """The PDFs cannot be made (no Chromium or Playwright, or a page that does not render)."""


@dataclass(frozen=True)
class PdfJob:
    site_dir: Path
    sheet_url: str
    """The cheat sheet's URL relative to the site root, e.g. "cheat-sheet/"."""
    book: Sequence[str]
    """The whole playbook's pages, site-relative URLs in reading order."""
    site_url: str
    """The public address links point to; links to the site are left out when empty."""
    names: Mapping[str, str]
    """File names under the site root for "a4", "letter" and "book"."""
    title: str = ""
    """The whole playbook's document title (the site's name)."""
    cache_dir: Path | None = None
    """Where printouts are kept between builds; none kept when ``None``."""


@dataclass
class Printed:
    """What ``render`` wrote, and how many printouts Chromium made or the cache gave back."""

    written: list[Path] = field(default_factory=list)
    made: int = 0
    reused: int = 0


FORMAT = 1
"""Bumped when what a kept printout holds changes shape."""


@dataclass(frozen=True)
class Printout:
    """One page printed on one paper size: its PDF, its title, and every file of the site it
    loaded with that file's SHA-256 (``None``: it asked for a file the site did not have)."""

    pdf: bytes
    title: str
    loaded: Mapping[str, str | None]


class PrintCache:
    """Printouts kept on disk (``DiskCache``), each valid while what its page loaded is unchanged.

    The key names what is not a file of the site: the page, the paper, the public address its
    links point to, Chromium's and Playwright's versions and this module's own code. The files
    are checked when the printout is looked up: the page, its stylesheets, scripts, images,
    whatever it fetched, each by content hash, read once per build.
    """

    def __init__(self, directory: Path, site_dir: Path) -> None:
        self.entries = DiskCache(directory, FORMAT)
        self.site_dir = site_dir
        self._digests: dict[str, str | None] = {}

    def digest(self, path: str) -> str | None:
        """The SHA-256 of a file of the site (a path under its root), ``None`` if it has none."""
        if path not in self._digests:
            file = self.site_dir / path
            self._digests[path] = file_digest(file) if file.is_file() else None
        return self._digests[path]

    def get(self, key: str) -> Printout | None:
        payload = self.entries.get(key)
        if payload is None:
            return None
        try:
            printout = Printout(
                base64.b64decode(payload["pdf"], validate=True),
                str(payload["title"]),
                dict(payload["loaded"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if any(self.digest(path) != digest for path, digest in printout.loaded.items()):
            return None
        return printout

    def put(self, key: str, printout: Printout) -> None:
        payload = {
            "pdf": base64.b64encode(printout.pdf).decode("ascii"),
            "title": printout.title,
            "loaded": dict(printout.loaded),
        }
        self.entries.put(key, payload)

    def close(self) -> int:
        return self.entries.close()


def site_path(url: str, base: str) -> str | None:
    """The file under the site's root a URL of the local server serves (``None`` for a URL of
    another origin): a folder's ``index.html``, without the query or the fragment."""
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path) :]
    return path + "index.html" if path.endswith("/") or not path else path


def wait_until_printable(page: Any, timeout_ms: int = DIAGRAM_TIMEOUT_MS) -> None:
    """Wait until the page's widgets have started and its diagrams are drawn; a ``PdfError``
    naming the page and what never started, or the first diagram that could not be drawn."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(PRINTABLE, arg=WIDGETS_WAITING, timeout=timeout_ms)
    except PlaywrightTimeoutError:
        # A busy machine can let the deadline pass before the first check ran: only what is
        # still waiting now is reported.
        if not page.evaluate(PRINTABLE, WIDGETS_WAITING):
            waiting = page.evaluate(WAITING, WIDGETS_WAITING) or ["a diagram (div.mermaid)"]
            raise PdfError(
                f"{page.url}: {waiting[0]} did not start in {timeout_ms / 1000:g} s "
                "(open the page in a browser: its console says why)"
            ) from None
    errors = page.evaluate(DIAGRAM_ERRORS)
    if errors:
        raise PdfError(f"{page.url}: a diagram could not be drawn: {errors[0]}")


def _ready(page: Any, url: str, site_url: str) -> str:
    """Open a page, wait for its widgets, diagrams and fonts, and return its title."""
    page.goto(url, wait_until="load")
    wait_until_printable(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate(PUBLIC_LINKS, site_url)
    title = page.evaluate(
        "() => document.querySelector('article h1')?.textContent.replace('¶', '').trim()"
    )
    return str(title or url)


def _merge(parts: Sequence[tuple[str, bytes]], title: str) -> bytes:
    """One PDF from the pages' PDFs, with a bookmark per page."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for heading, data in parts:
        writer.append(io.BytesIO(data), outline_item=heading)
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(job: PdfJob, session: ChromiumSession) -> Printed:
    """Write the cheat sheet for each paper size and the whole playbook, printing only what the
    cache (``job.cache_dir``) does not hold for the site as it is now."""
    try:
        import pypdf  # noqa: F401 - joins the whole playbook's pages, after the printing
        from playwright.sync_api import Error as PlaywrightError
    except ImportError as missing:
        raise PdfError(
            f"{missing.name} is not installed (pip install 'mkdocs-playbook[pdf]')"
        ) from None
    try:
        browser = session.browser()
        recipe = {
            "chromium": session.version(),
            "playwright": version("playwright"),
            "code": file_digest(Path(__file__)),
            "site_url": job.site_url,
        }
    except ChromiumUnavailable as error:
        raise PdfError(str(error)) from None
    cache = PrintCache(job.cache_dir, job.site_dir) if job.cache_dir is not None else None
    printed = Printed()
    with serve(job.site_dir) as base:
        context = browser.new_context(color_scheme="light", service_workers="block")
        for unprinted in NOT_ON_PAPER:
            context.route(f"{base}**/{unprinted}", lambda route: route.abort())
        page = context.new_page()
        loaded: dict[str, str | None] = {}

        # What the page loaded: a request answered (an aborted one, the search index, is not
        # part of the printout).
        def record(request: Any) -> None:
            path = site_path(request.url, base)
            if path is not None and cache is not None:
                loaded[path] = cache.digest(path)

        page.on("requestfinished", record)

        def printouts(url: str, papers: Sequence[str]) -> list[Printout]:
            """The page printed on each paper, from the cache or from Chromium."""
            keys = [digest_of({**recipe, "url": url, "paper": paper}) for paper in papers]
            kept = [cache.get(key) for key in keys] if cache is not None else []
            if kept and all(printout is not None for printout in kept):
                printed.reused += len(kept)
                return [printout for printout in kept if printout is not None]
            loaded.clear()
            title = _ready(page, base + url, job.site_url)
            made = [Printout(_print(page, paper), title, dict(loaded)) for paper in papers]
            printed.made += len(made)
            if cache is not None:
                for key, printout in zip(keys, made, strict=True):
                    cache.put(key, printout)
            return made

        try:
            page.emulate_media(media="print")
            sheets = printouts(job.sheet_url, list(PAPER))
            for paper, sheet in zip(PAPER, sheets, strict=True):
                path = job.site_dir / job.names[paper]
                path.write_bytes(sheet.pdf)
                printed.written.append(path)
            parts = [
                (printout.title, printout.pdf)
                for url in job.book
                for printout in printouts(url, ["book"])
            ]
            path = job.site_dir / job.names["book"]
            path.write_bytes(_merge(parts, job.title))
            printed.written.append(path)
        except PlaywrightError as error:
            raise PdfError(error.message.splitlines()[0]) from None
        finally:
            context.close()
            if cache is not None:
                cache.close()
    return printed


def _print(page: Any, paper: str) -> bytes:
    """The page as it is now, on a sheet of ``paper`` (``a4``, ``letter``), or as a page of
    the whole playbook (``book``: A4, its outline made by ``_merge``)."""
    if paper == "book":
        return bytes(page.pdf(format="A4", tagged=True))
    return bytes(page.pdf(format=PAPER[paper], outline=True, tagged=True))
