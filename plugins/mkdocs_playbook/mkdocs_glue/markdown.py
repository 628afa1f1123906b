"""The Markdown extensions and custom fences the plugin's features need, set up by the plugin.

A site lists ``playbook`` under ``plugins`` and nothing else: each feature adds the extensions
it relies on unless the site configured them already, and owns its custom fence of
pymdownx.superfences. Every feature settles a fence the site configured already the same way
(``own_fence``): one the plugin stands in for (the plugin's own formatter, or, for diagrams,
Material's recommended ``fence_code_format`` and mermaid2's) is taken over, in one INFO line
unless it was the plugin's own; any other formatter is a conflict the author must settle, so it
stops the build with the two ways out.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Collection
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.playbook")

SUPERFENCES = "pymdownx.superfences"
OWN = "mkdocs_playbook."
"""Formatters of the plugin itself, which a site may name in mkdocs.yml: taken over silently."""


def ensure_extensions(config: MkDocsConfig, *names: str) -> None:
    """Enable each extension the site has not enabled, with its default options."""
    for name in names:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)


def own_fence(
    config: MkDocsConfig,
    name: str,
    formatter: Callable[..., str],
    validator: Callable[..., bool] | None = None,
    *,
    takes_over: Collection[str] = (),
    switch: str,
) -> None:
    """Make ``formatter`` the superfences custom fence for ```` ```name ````.

    An entry the site already has for ``name`` is replaced when its formatter is one the
    plugin stands in for: a function whose ``module.name`` is in ``takes_over`` (or starts
    with an entry ending in "."); the build says so in one INFO line, unless the formatter is
    the plugin's own. Any other formatter is a conflict; ``switch`` is the option that turns
    the feature off.
    """
    ensure_extensions(config, SUPERFENCES)
    settings: dict[str, Any] = config.mdx_configs.setdefault(SUPERFENCES, {})
    fences: list[dict[str, Any]] = list(settings.get("custom_fences") or [])
    for fence in fences:
        if fence.get("name") != name:
            continue
        theirs = fence.get("format")
        qualified = _qualified(theirs)
        if theirs is not None and not _stands_in_for(qualified, takes_over):
            raise PluginError(
                f"playbook: mkdocs.yml gives the ```{name} fence of {SUPERFENCES} its own "
                f"format ({qualified}), but the playbook plugin renders that fence. Remove that "
                f"entry from markdown_extensions, or set {switch}: false to keep yours."
            )
        if theirs is not None and not qualified.startswith(OWN):
            log.info(
                "playbook: the ```%s fence that mkdocs.yml gives to %s is rendered by the "
                "playbook plugin now (set %s: false to keep yours)",
                name, qualified, switch,
            )  # fmt: skip
    entry: dict[str, Any] = {"name": name, "class": name, "format": formatter}
    if validator is not None:
        entry["validator"] = validator
    settings["custom_fences"] = [f for f in fences if f.get("name") != name] + [entry]


def _qualified(formatter: Any) -> str:
    """``module.name`` of a formatter, as mkdocs.yml names it (a partial by the function it
    wraps: mermaid2's ``fence_mermaid_custom`` is one)."""
    function = formatter.func if isinstance(formatter, functools.partial) else formatter
    name = getattr(formatter, "__name__", None) or getattr(function, "__name__", formatter)
    return f"{getattr(function, '__module__', '')}.{name}"


def _stands_in_for(qualified: str, takes_over: Collection[str]) -> bool:
    return any(
        qualified == known or (known.endswith(".") and qualified.startswith(known))
        for known in takes_over
    )
