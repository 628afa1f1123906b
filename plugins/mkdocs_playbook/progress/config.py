"""Options under ``plugins: - playbook: progress:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ProgressConfig(base.Config):
    enabled = c.Type(bool, default=False)
    """A page of what the reader has studied, and a backup of it: a site opts in, since the page
    shows only what its readers' browsers keep."""
    page = c.Type(str, default="progress.md")
    title = c.Type(str, default="Progress")
    description = c.Type(
        str,
        default="What you have studied on this site, read from this browser: flashcards, reviews "
        "to come, mock interviews and pages opened; and a backup to download and restore.",
    )
    """The page's meta description."""
    track = c.ListOfItems(c.Type(str), default=[])
    """Pages whose opening the page reports: paths or glob patterns under docs/ (``*`` also
    crosses ``/``); a pattern starting with ``!`` leaves out the pages it matches."""
    track_title = c.Type(str, default="Pages you opened")
    """The heading of the tracked pages' list."""
    storage_prefix = c.Optional(c.Type(str))
    """Where visits to tracked pages are kept; ``<site name as a slug>/progress/v1/``."""
