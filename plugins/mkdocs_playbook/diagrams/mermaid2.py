"""Everything the diagrams feature needs from mkdocs-mermaid2-plugin, in one place.

mermaid2 draws a page's diagrams in the reader's browser: it adds Mermaid's script to every page
whose HTML holds ``class="mermaid"``. The plugin needs none of that (it draws at build time, and
``diagrams-in-browser.js`` draws what is left, with the module each diagram names), so it reads
one thing from mermaid2 and keeps it off the pages:

- its ``javascript`` option, where the site serves Mermaid from (a supported, documented
  option);
- its ``on_post_page`` event, which would parse every page that mentions "mermaid" with
  BeautifulSoup and add a second Mermaid to pages with a diagram left to the browser: by
  default from unpkg.com (a request to another host), and with ``startOnLoad`` unless the site
  turned it off (a second drawing of the same diagrams). mermaid2 has no option to leave pages
  alone, so ``leave_pages_alone`` takes that one handler out of MkDocs' event list. This is the
  only place that relies on mermaid2's internals (that its handler is a bound method of the
  plugin instance in ``config.plugins.events["post_page"]``); ``tests/test_diagrams_unit.py``
  fails if they change.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

NAME = "mermaid2"


def javascript(config: MkDocsConfig) -> str | None:
    """mermaid2's ``javascript`` option, when the site uses mermaid2 and sets it."""
    plugin = config.plugins.get(NAME)
    value = plugin.config.get("javascript") if plugin is not None else None
    return str(value) if value else None


def configured(config: MkDocsConfig) -> bool:
    """Whether the site lists mermaid2 under ``plugins``."""
    return config.plugins.get(NAME) is not None


def leave_pages_alone(config: MkDocsConfig) -> bool:
    """Take mermaid2's page handler out of the build; say whether there was one."""
    plugin = config.plugins.get(NAME)
    if plugin is None:
        return False
    handlers = config.plugins.events["post_page"]
    kept = [handler for handler in handlers if getattr(handler, "__self__", None) is not plugin]
    found = len(kept) < len(handlers)
    handlers[:] = kept
    return found
