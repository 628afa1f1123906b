"""Options under ``plugins: - playbook: flashcards:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class FlashcardSource(base.Config):
    heading = c.Type(str)
    """Lists under headings whose text starts with this (case-insensitive) become cards."""
    page = c.Optional(c.Type(str))
    """Only this page (path under docs/); every page when omitted."""
    subsections = c.Type(bool, default=False)
    """Also read the lists of the heading's subsections."""


class AnkiIds(base.Config):
    """The deck's ids in Anki, from the site's name when unset. Keep them once published:
    Anki updates the notes it has by them, instead of adding copies."""

    deck_id = c.Optional(c.Type(int))
    model_id = c.Optional(c.Type(int))
    guid_namespace = c.Optional(c.Type(str))


class FlashcardsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    page = c.Type(str, default="flashcards.md")
    """The generated page (its downloads are named after it). It exists only where a page of
    the site has a heading a source names, or where the site's nav lists it."""
    title = c.Type(str, default="Flashcards")
    deck_name = c.Optional(c.Type(str))
    """The Anki deck's name; the site name when omitted."""
    sources = c.ListOfItems(c.SubConfig(FlashcardSource), default=[])
    """Where cards come from; every "Question Bank" heading when empty."""
    intro = c.Optional(c.Type(str))
    """The text under the page's title (Markdown; ``{count}`` is the number of cards)."""
    guide = c.Optional(c.Type(str))
    """A page (path under docs/, with an optional #anchor) that explains how to write cards: the
    flashcards page links it. No link when unset."""
    storage_prefix = c.Optional(c.Type(str))
    """Where the study mode keeps progress in the browser; from the site's name when unset."""
    target_retention = c.Type(float, default=0.9)
    """The odds of recall FSRS schedules each review for: higher means more reviews (0.7 to
    0.97)."""
    anki = c.SubConfig(AnkiIds)
