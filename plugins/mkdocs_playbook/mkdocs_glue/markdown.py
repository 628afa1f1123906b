"""The Markdown extensions and custom fences the plugin's features need, set up by the plugin.

A site lists ``playbook`` under ``plugins`` and nothing else: each feature adds the extensions
it relies on unless the site configured them already, and owns its custom fence of
pymdownx.superfences. A fence the site configured with a formatter of its own is a conflict
the author must settle, so it stops the build with the two ways out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

SUPERFENCES = "pymdownx.superfences"


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
    with an entry ending in "."). Any other formatter is a conflict; ``switch`` is the option
    that turns the feature off.
    """
    ensure_extensions(config, SUPERFENCES)
    settings: dict[str, Any] = config.mdx_configs.setdefault(SUPERFENCES, {})
    fences: list[dict[str, Any]] = list(settings.get("custom_fences") or [])
    for fence in fences:
        if fence.get("name") != name:
            continue
        theirs = fence.get("format")
        qualified = f"{getattr(theirs, '__module__', '')}.{getattr(theirs, '__name__', theirs)}"
        if theirs is not None and not _stands_in_for(qualified, takes_over):
            raise PluginError(
                f"playbook: mkdocs.yml gives the ```{name} fence of {SUPERFENCES} its own "
                f"format ({qualified}), but the playbook plugin renders that fence. Remove that "
                f"entry from markdown_extensions, or set {switch}: false to keep yours."
            )
    entry: dict[str, Any] = {"name": name, "class": name, "format": formatter}
    if validator is not None:
        entry["validator"] = validator
    settings["custom_fences"] = [f for f in fences if f.get("name") != name] + [entry]


def _stands_in_for(qualified: str, takes_over: Collection[str]) -> bool:
    return any(
        qualified == known or (known.endswith(".") and qualified.startswith(known))
        for known in takes_over
    )
