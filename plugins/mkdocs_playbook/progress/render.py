"""The progress page's markup: one section per block the site has (flashcards, mock interviews,
tracked pages) and the backup, drawn by the build with their headings, links and controls, so
the page keeps its shape and its table of contents; ``assets/progress.js`` fills in the figures
from the reader's storage, reading the root's ``data-progress`` (what the build published: the
storage prefixes, the deck's sections and card ids, the scheduler's parameters).

The pages a site tracks get a marker (``data-progress-visit``) that ``assets/progress-track.js``
reads to note the visit.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs_playbook.core.embed import json_attribute
from mkdocs_playbook.core.sections import relocate
from mkdocs_playbook.core.text import slug

if TYPE_CHECKING:
    from mkdocs_playbook.feature import PublishedDeck, PublishedMock

FORMAT_VERSION = 1
"""The version of ``data-progress``, what the page hands to ``assets/progress.js``."""


@dataclass(frozen=True)
class TrackedPage:
    path: str
    """Under docs/: the key its visits are kept under."""
    title: str
    url: str
    """Site-root-relative."""


@dataclass(frozen=True)
class ProgressPage:
    site: str
    page_url: str
    """The progress page's site-root-relative URL, which its links start from."""
    storage_prefix: str
    """Where visits to tracked pages are kept."""
    track_title: str
    tracked: Sequence[TrackedPage] = ()
    deck: PublishedDeck | None = None
    mock: PublishedMock | None = None


def default_storage_prefix(site_name: str) -> str:
    return f"{slug(site_name)}/progress/v1/"


def page_data(page: ProgressPage) -> dict[str, Any]:
    """What the browser needs to read the reader's storage, and nothing it can find in the page."""
    data: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "site": page.site,
        "file": f"{slug(page.site)}-progress",
        "storage": page.storage_prefix,
    }
    if page.deck is not None:
        data["flashcards"] = {
            "url": relocate(page.deck.page_url, "", page.page_url),
            "storage": page.deck.storage_prefix,
            "scheduler": page.deck.scheduler,
            "sections": [
                {"key": section.key, "label": section.label, "cards": " ".join(section.card_ids)}
                for section in page.deck.sections
            ],
        }
    if page.mock is not None:
        data["mock"] = {
            "url": relocate(page.mock.page_url, "", page.page_url),
            "storage": page.mock.storage_prefix,
            "steps": list(page.mock.steps),
        }
    return data


def _section(block: str, heading_id: str, title: str, *body: str) -> str:
    return (
        f'<section class="playbook-progress-block" data-block="{block}" '
        f'aria-labelledby="{heading_id}"><h2 id="{heading_id}">{html.escape(title)}</h2>'
        + "".join(body)
        + "</section>"
    )


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


FLASHCARDS = ("flashcards", "Flashcards")
FORECAST = ("reviews-due", "Reviews due in the next 30 days")
MOCK = ("mock-interviews", "Mock interviews")
PAGES = "pages-opened"
BACKUP_HEADING = ("backup", "Back up your progress")
"""Each block's heading id and text (the tracked pages' title is the site's)."""


def headings(page: ProgressPage) -> list[tuple[str, str, int]]:
    """The headings :func:`render` writes, as (text, id, level), for the table of contents."""
    found: list[tuple[tuple[str, str], int]] = []
    if page.deck is not None:
        found += [(FLASHCARDS, 2), (FORECAST, 3)]
    if page.mock is not None:
        found.append((MOCK, 2))
    if page.tracked:
        found.append(((PAGES, page.track_title), 2))
    found.append((BACKUP_HEADING, 2))
    return [(text, anchor, level) for (anchor, text), level in found]


def render(page: ProgressPage) -> str:
    """The widget's root: a section per block the site has, the backup last."""
    sections = []
    if page.deck is not None:
        url = relocate(page.deck.page_url, "", page.page_url)
        forecast_id, forecast = FORECAST
        sections.append(
            _section(
                "flashcards",
                *FLASHCARDS,
                f"<p>The cards of the {_link(url, 'flashcards page')} by section, as you have "
                "studied them in this browser.</p>",
                '<div class="playbook-progress-body" data-fill="flashcards"></div>',
                f'<h3 id="{forecast_id}">{html.escape(forecast)}</h3>',
                '<div class="playbook-progress-body" data-fill="forecast"></div>',
            )
        )
    if page.mock is not None:
        url = relocate(page.mock.page_url, "", page.page_url)
        sections.append(
            _section(
                "mock",
                *MOCK,
                f"<p>The sessions of the {_link(url, 'mock interview')} kept in this browser, "
                "newest first.</p>",
                '<div class="playbook-progress-body" data-fill="mock"></div>',
            )
        )
    if page.tracked:
        items = "".join(
            f'<li data-page="{html.escape(tracked.path)}">'
            f"{_link(relocate(tracked.url, '', page.page_url), tracked.title)}"
            ' <span class="playbook-progress-visit"></span></li>'
            for tracked in page.tracked
        )
        sections.append(
            _section(
                "pages",
                PAGES,
                page.track_title,
                '<p class="playbook-progress-summary" data-fill="pages"></p>',
                f'<ul class="playbook-progress-pages">{items}</ul>',
            )
        )
    sections.append(_section("backup", *BACKUP_HEADING, BACKUP))
    return (
        f'<div class="playbook-progress" data-progress="{json_attribute(page_data(page))}" '
        "data-search-exclude>"
        '<noscript><p class="playbook-progress-nojs">This page reads what your browser keeps '
        "of your study, which takes JavaScript.</p></noscript>" + "".join(sections) + "</div>"
    )


BACKUP = (
    "<p>All of it lives in this browser only. Export it to a file to keep a copy, or to carry it "
    "to another browser and import it there: cards, settings, mock interviews with their notes, "
    "pages opened. Importing merges the file with what is here, card by card, keeping the most "
    "recent review.</p>"
    '<p class="playbook-progress-keep" hidden></p>'
    '<p><button type="button" class="md-button md-button--primary" data-action="export">'
    "Export progress</button></p>"
    '<form class="playbook-progress-import">'
    '<p><label for="playbook-progress-file">A backup file exported from this site</label> '
    '<input type="file" id="playbook-progress-file" accept=".json,application/json"></p>'
    '<p><button type="submit" class="md-button">Import progress</button></p></form>'
    '<p class="playbook-progress-status" role="status"></p>'
    '<p class="playbook-progress-alert" role="alert"></p>'
)
"""Export, import and what they did: the status says what was restored, the alert what was
refused (and that nothing changed)."""


def visit_marker(storage_prefix: str, path: str) -> str:
    """What a tracked page carries so that its visits are noted (nothing visible)."""
    data = json_attribute({"storage": storage_prefix, "page": path})
    return f'<span class="playbook-progress-marker" data-progress-visit="{data}" hidden></span>'
