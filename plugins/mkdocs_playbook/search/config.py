"""Options under ``plugins: - playbook: search:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Let Material's search find a word typed with one mistake (``idempotncy``)."""
