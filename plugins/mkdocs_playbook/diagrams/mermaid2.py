"""Everything the diagrams feature needs from mkdocs-mermaid2-plugin, in one place.

mermaid2 draws a page's diagrams in the reader's browser: it adds Mermaid's script to every page
whose HTML holds ``class="mermaid"``. The plugin uses it only as the fallback for diagrams it
could not draw at build time, and reads two things from it:

- its ``javascript`` option, where the site serves Mermaid from (a supported, documented
  option);
- its ``on_post_page`` event, which parses every page that mentions "mermaid" with
  BeautifulSoup, to add that script. mermaid2 has no option to skip pages that do not need it,
  so ``skip_pages_without_browser_diagrams`` wraps that one handler in MkDocs' event list. This
  is the only place that relies on mermaid2's internals (that its handler is a bound method of
  the plugin instance in ``config.plugins.events["post_page"]``, and the markup it looks for);
  ``tests/test_diagrams_build.py`` fails if they change.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

NAME = "mermaid2"
BROWSER_MARKUP = '<div class="mermaid"'
"""How a page with a diagram left to the browser starts it (``markup.browser_html``), and what
mermaid2 looks for."""
_BARE_IMPORT = re.compile(r'(import mermaid from ")(?!\.{0,2}/|[a-z]+:)')


def javascript(config: MkDocsConfig) -> str | None:
    """mermaid2's ``javascript`` option, when the site uses mermaid2 and sets it."""
    plugin = config.plugins.get(NAME)
    value = plugin.config.get("javascript") if plugin is not None else None
    return str(value) if value else None


def skip_pages_without_browser_diagrams(config: MkDocsConfig) -> bool:
    """Run mermaid2's page handler only on pages with a diagram left to the browser; say
    whether the handler was found."""
    plugin = config.plugins.get(NAME)
    if plugin is None:
        return False
    handlers = config.plugins.events["post_page"]
    found = False
    for index, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is plugin:
            handlers[index] = _only_with_browser_diagrams(handler)
            found = True
    return found


def _only_with_browser_diagrams(handler: Any) -> Any:
    def on_post_page(output: str, /, **kwargs: Any) -> str:
        if BROWSER_MARKUP not in output:
            return output
        # On the site's root page mermaid2 writes a bare module specifier ("assets/..."),
        # which browsers refuse; make it relative.
        return _BARE_IMPORT.sub(r"\1./", str(handler(output, **kwargs)))

    return on_post_page
