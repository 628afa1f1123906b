"""Options under ``plugins: - playbook: mock_interview:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MockCheck(base.Config):
    page = c.Type(str)
    """The source page, as a path under docs/."""
    heading = c.Type(str)
    """The first table, list or definition list under the heading starting with this."""
    title = c.Optional(c.Type(str))
    """The group's title in the review; the heading's text when omitted."""
    checked = c.Type(str, default="Done")
    """What a ticked box says of its item, written before it in the downloaded notes ("Avoided:
    No DLQ"), so a tick beside a pitfall's name cannot read as "had this pitfall"."""


class MockInterviewConfig(base.Config):
    enabled = c.Type(bool, default=True)
    steps_page = c.Optional(c.Type(str))
    """The page whose headings ``N. Name (low-high min)`` are the steps; no mock page without
    it."""
    why_title = c.Type(str, default="Why")
    """The title of the admonition under a step that says why it matters."""
    prompts_page = c.Optional(c.Type(str))
    """A page whose table (or list) rows are the prompts to choose from, each linking to its
    worked solution with the row's first link; "my own prompt" only when omitted."""
    prompts_heading = c.Optional(c.Type(str))
    """The prompts are under this heading of ``prompts_page``; its first table when omitted."""
    checks = c.ListOfItems(c.SubConfig(MockCheck), default=[])
    """The review's self-check lists, each from a section of a page."""
    page = c.Type(str, default="mock-interview.md")
    title = c.Type(str, default="Mock interview")
    description = c.Type(
        str,
        default="A timed run through the interview's steps: a countdown per step, notes that "
        "are kept, and a review of your pacing at the end.",
    )
    """The page's meta description."""
    intro = c.Type(
        str,
        default="Choose a prompt and press Start: the page walks you through every step with "
        "its timebox, keeps your notes in this browser and reviews your pacing at the end.",
    )
    """The text under the page's title (plain text)."""
    storage_prefix = c.Optional(c.Type(str))
    """Where sessions are kept in the browser; ``<site name as a slug>/mock-interview/v1/``."""
