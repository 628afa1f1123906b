"""Options under ``plugins: - playbook: diagrams:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class DiagramsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Own the ```mermaid fence (off: the Markdown configuration decides what it becomes)."""
    draw_at_build = c.Type(bool, default=True)
    """Draw diagrams to SVG when the site is built, in headless Chromium (off, or without
    Chromium and Playwright: the reader's browser draws them, with the same Mermaid)."""
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/playbook/diagrams")
    """Where drawings are kept between builds, relative to mkdocs.yml."""
    light_theme = c.Type(str, default="default")
    dark_theme = c.Type(str, default="dark")
    mermaid = c.Type(dict, default={})
    """Mermaid configuration, merged over the plugin's defaults (``MERMAID_DEFAULTS``)."""
    mermaid_module = c.Optional(c.Type(str))
    """Mermaid's ES module under docs/, its chunks/ folder beside it; mermaid2's `javascript`
    when unset, else the Mermaid build the plugin ships (``library.MERMAID_VERSION``)."""
