"""Options under ``plugins: - playbook: calculators:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CalculatorsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn ```calculator fences into live calculators (off: they stay code blocks)."""
