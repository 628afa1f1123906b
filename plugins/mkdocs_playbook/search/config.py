"""Options under ``plugins: - playbook: search:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Rewrite each query for Material's search (stop words left out, whole words before
    prefixes, a typo corrected) and rank the pages of its answer: those with every word first,
    then by how much of each page is about the query."""
    generated_boost = c.Type((int, float), default=0.5)
    """Material's search weight (``search.boost``) of a page the build generates from the site's
    own pages (the flashcards, the cheat sheet, the mock interview), unless the page states its
    own: such a page repeats its sources, and ranks below them."""
