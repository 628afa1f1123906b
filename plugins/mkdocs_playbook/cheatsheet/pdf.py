"""Print the built site to PDF with headless Chromium: the cheat sheet (A4, Letter) and the book.

The site is served from its folder on 127.0.0.1 (pages load their scripts as ES modules, which
browsers refuse over file://), every page is printed once its diagrams are drawn, and links to
the site's own pages are pointed at the public address (``site_url``) so they still work in a
PDF read anywhere. The whole playbook is one PDF with a bookmark per page.

A page is printed as soon as it is ready, never after a fixed wait: its load event (its
stylesheets, scripts and images), then its widgets started (widgets.js imports their modules
after load), its diagrams drawn and its fonts loaded. What a page does after that never prints:
the service worker's precache (blocked) and the search index (refused: search is not on paper),
which each page used to load and index for nothing.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_playbook.core.chromium import ChromiumSession, ChromiumUnavailable
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


def render(job: PdfJob, session: ChromiumSession) -> list[Path]:
    """Write the cheat sheet for each paper size and the whole playbook; return the files."""
    try:
        import pypdf  # noqa: F401 - joins the whole playbook's pages, after the printing
        from playwright.sync_api import Error as PlaywrightError
    except ImportError as missing:
        raise PdfError(
            f"{missing.name} is not installed (pip install 'mkdocs-playbook[pdf]')"
        ) from None
    try:
        browser = session.browser()
    except ChromiumUnavailable as error:
        raise PdfError(str(error)) from None
    written: list[Path] = []
    with serve(job.site_dir) as base:
        context = browser.new_context(color_scheme="light", service_workers="block")
        context.route(f"{base}**/search_index.json", lambda route: route.abort())
        page = context.new_page()
        try:
            page.emulate_media(media="print")
            _ready(page, base + job.sheet_url, job.site_url)
            for paper, size in PAPER.items():
                path = job.site_dir / job.names[paper]
                path.write_bytes(page.pdf(format=size, outline=True, tagged=True))
                written.append(path)
            parts = []
            for url in job.book:
                title = _ready(page, base + url, job.site_url)
                parts.append((title, page.pdf(format="A4", tagged=True)))
            path = job.site_dir / job.names["book"]
            path.write_bytes(_merge(parts, job.title))
            written.append(path)
        except PlaywrightError as error:
            raise PdfError(error.message.splitlines()[0]) from None
        finally:
            context.close()
    return written
