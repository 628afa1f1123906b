"""Turn a diagram's source into its drawings, from the cache or from a renderer, and name the
line of a mistake.

No MkDocs here: the adapter hands in the renderer (Chromium in a build, anything in a test),
the cache and the configuration, and gets back HTML-ready drawings or an error with its line.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from mkdocs_playbook.diagrams.cache import DrawingCache, Rendered, cache_key
from mkdocs_playbook.diagrams.markup import PALETTES, Drawn, prepare_svg

MERMAID_DEFAULTS: dict[str, Any] = {
    "startOnLoad": False,
    "securityLevel": "strict",
    # Ids derive from the diagram, not a counter: two builds give the same SVG.
    "deterministicIds": True,
    # ELK is a 1.6 MB chunk: keep it out of pages that draw in the browser.
    "layout": "dagre",
    # Text as SVG <text>: prints as vector and is measured once, immune to the page's CSS.
    "htmlLabels": False,
    # Measured at build time with Liberation Sans, which has Arial's and Helvetica's metrics,
    # so labels fit their boxes on readers' machines too.
    "fontFamily": 'Arial, "Liberation Sans", Helvetica, sans-serif',
}
"""Mermaid's configuration before the site's own (``plugins.playbook.diagrams.mermaid``)."""

_ERROR_LINE = re.compile(r"\bline (\d+)")


class Renderer(Protocol):
    def draw(self, source: str, config: Mapping[str, Any]) -> Rendered: ...


PINNED: dict[str, Any] = {"securityLevel": "strict"}
"""What a site cannot loosen: the browser fallback puts Mermaid's output into the page as it is,
trusting Mermaid's own sanitising, which only ``strict`` does fully."""
SECURE_KEYS = ("secure", "securityLevel", "startOnLoad", "maxTextSize", "maxEdges")
"""Keys a diagram's own ``%%{init}%%`` directive must not change (Mermaid's ``secure`` list)."""
LOOSENING_KEYS = ("dompurifyConfig",)
"""Options that would let markup through Mermaid's sanitiser."""


class ConfigError(ValueError):
    """A site's Mermaid configuration loosens what the plugin relies on; the message says what
    to remove."""


def site_config(site: Mapping[str, Any]) -> dict[str, Any]:
    """Mermaid's configuration for the site: its own over ``MERMAID_DEFAULTS``, refused when it
    loosens the security the plugin relies on (``PINNED``, ``SECURE_KEYS``, ``LOOSENING_KEYS``)."""
    config = merged(MERMAID_DEFAULTS, site)
    problems = [
        f"{key}: {config[key]!r} (only {value!r} is allowed)"
        for key, value in PINNED.items()
        if config[key] != value
    ]
    problems += [
        f"{key} (it would let markup through Mermaid's sanitiser)"
        for key in LOOSENING_KEYS
        if key in config
    ]
    secure = config.get("secure")
    if secure is not None:
        missing = [key for key in SECURE_KEYS if key not in secure]
        if missing:
            problems.append(f"secure: leaves out {', '.join(missing)} (diagrams could change them)")
    if problems:
        raise ConfigError("; ".join(problems))
    return config


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``, nested mappings merged key by key."""
    result = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def error_line(message: str, body_line: int) -> int:
    """The file line of a Mermaid error: Mermaid counts lines from the fence's first line."""
    found = _ERROR_LINE.search(message)
    return body_line + int(found.group(1)) - 1 if found else body_line - 1


class DiagramError(ValueError):
    """Mermaid could not draw a diagram; the message is Mermaid's own."""


@dataclass
class Drawer:
    """Draws each diagram once per palette, through the cache.

    ``themes`` maps a palette ("light", "dark") to a Mermaid theme; ``renderer`` is called
    only on a cache miss, so a build whose diagrams are all cached never starts a browser.
    """

    config: Mapping[str, Any]
    themes: Mapping[str, str]
    mermaid_digest: str
    renderer: Callable[[], Renderer]
    cache: DrawingCache | None = None
    drawn: int = 0
    reused: int = 0
    _memory: dict[str, Rendered] = field(default_factory=dict)

    def theme_config(self, palette: str) -> dict[str, Any]:
        return merged(self.config, {"theme": self.themes[palette]})

    def _rendered(self, source: str, palette: str) -> Rendered:
        config = self.theme_config(palette)
        key = cache_key(source, config, self.mermaid_digest)
        found = self._memory.get(key) or (self.cache.get(key) if self.cache else None)
        if found is not None:
            self.reused += 1
        else:
            found = self.renderer().draw(source, config)
            self.drawn += 1
            if self.cache is not None:
                self.cache.put(key, found)
        self._memory[key] = found
        return found

    def draw(self, source: str, prefix: str, title: str | None = None) -> dict[str, Drawn]:
        """Each palette's drawing, ids prefixed with ``prefix``; raises ``DiagramError``."""
        drawings: dict[str, Drawn] = {}
        for palette in PALETTES:
            rendered = self._rendered(source, palette)
            if rendered.error:
                raise DiagramError(rendered.error)
            try:
                drawn = prepare_svg(rendered.svg, f"{prefix}-{palette}", palette, title)
            except ValueError as error:
                raise DiagramError(str(error)) from None
            drawings[palette] = drawn
        return drawings
