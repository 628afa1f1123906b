"""The plugin's own stylesheets and scripts: where they live, how a feature adds them to pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

ASSETS_DIR = Path(__file__).parent.parent / "assets"
ASSETS_URI = "assets/playbook"
"""Where ``plugin.on_files`` puts ``ASSETS_DIR`` in the built site."""
STYLESHEET = f"{ASSETS_URI}/styles.css"
"""The one stylesheet every page links: the stylesheets in ``ASSETS_DIR`` that the build uses."""


def add_to_every_page(config: MkDocsConfig, *names: str) -> None:
    """Load each script of ``ASSETS_DIR`` on every page, in order, as an ES module (deferred, so
    it never blocks the first paint). Stylesheets go in ``Build.stylesheets``."""
    for name in names:
        if name.endswith(".css"):
            raise ValueError(f"{name}: a stylesheet goes in Build.stylesheets, not a script tag")
        script = c.ExtraScriptValue(f"{ASSETS_URI}/{name}")
        script.type = "module"
        config.extra_javascript.append(script)


def stylesheet_file(config: MkDocsConfig, names: list[str]) -> File:
    """``STYLESHEET``: the stylesheets ``names`` of ``ASSETS_DIR`` as one file, in order, each
    under a comment with its name. A page waits for its stylesheets before its first paint,
    and on a phone each more file costs a round trip: one file, whatever the features."""
    parts = [f"/* {name} */\n{(ASSETS_DIR / name).read_text(encoding='utf-8')}" for name in names]
    return File.generated(config, STYLESHEET, content="\n".join(parts))
