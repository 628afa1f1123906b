"""Options under ``plugins: - playbook: cheatsheet:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_playbook.core.sections import BLOCK_KINDS


class CheatSheetSection(base.Config):
    page = c.Type(str)
    """The source page, as a path under docs/."""
    heading = c.Optional(c.Type(str))
    """The section under the first heading whose text starts with this (case-insensitive)."""
    anchor = c.Optional(c.Type(str))
    """Or: the section under the heading with this id."""
    title = c.Optional(c.Type(str))
    """The title on the cheat sheet; the heading's own text when omitted."""
    blocks = c.ListOfItems(c.Choice(BLOCK_KINDS), default=[])
    """Keep only these kinds of blocks (e.g. [table]); everything under the heading when empty."""


class CheatSheetConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """The page is generated only when enabled and at least one section is configured."""
    page = c.Type(str, default="cheat-sheet.md")
    title = c.Type(str, default="Cheat sheet")
    description = c.Type(
        str,
        default="The site on one sheet to revise from, in two printed pages: its key sections, "
        "taken from the pages they are explained on.",
    )
    """The page's meta description."""
    intro = c.Type(
        str,
        default="Every section below is taken from this site's own pages each time it is "
        "built, and its title links back to where it is explained. It prints on two pages of "
        "A4 or US Letter.",
    )
    """The text under the page's title (plain text)."""
    sections = c.ListOfItems(c.SubConfig(CheatSheetSection), default=[])
    pdf = c.Type(bool, default=False)
    """Print the cheat sheet (A4, Letter) and the whole playbook to PDF after `mkdocs build`."""
    pdf_cache = c.Type(bool, default=True)
    """Keep what Chromium printed between builds: a page whose files are unchanged is not
    printed again."""
    pdf_cache_dir = c.Type(str, default=".cache/plugin/playbook/pdf")
    """Where, relative to mkdocs.yml."""
    book_exclude = c.ListOfItems(c.Type(str), default=[])
    """Nav pages left out of the whole-playbook PDF (the cheat sheet itself always is)."""
