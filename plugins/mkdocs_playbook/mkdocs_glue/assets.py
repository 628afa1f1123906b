"""The plugin's own stylesheets and scripts: where they live, how a feature adds them to pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

ASSETS_DIR = Path(__file__).parent.parent / "assets"
ASSETS_URI = "assets/playbook"
"""Where ``plugin.on_files`` puts ``ASSETS_DIR`` in the built site."""


def add_to_every_page(config: MkDocsConfig, *names: str) -> None:
    """Link each asset from every page, in order: ``*.css`` as a stylesheet, the rest as ES
    modules (deferred, so they never block the first paint)."""
    for name in names:
        if name.endswith(".css"):
            config.extra_css.append(f"{ASSETS_URI}/{name}")
            continue
        script = c.ExtraScriptValue(f"{ASSETS_URI}/{name}")
        script.type = "module"
        config.extra_javascript.append(script)
