"""Where a page loads ``assets/search-index-wait.js``: just before Material's bundle, so that
it wraps ``XMLHttpRequest`` and ``fetch`` before the bundle requests the search index."""

from __future__ import annotations

import re

SCRIPT = "search-index-wait.js"
MATERIAL_BUNDLE = re.compile(
    r'<script src="(?P<root>[^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"'
)
"""Material's bundle as its ``base.html`` links it (9.2 to 9.8), from the page or the site root
(``404.html`` links it from the site's absolute path)."""


def before_material_bundle(html: str, script_uri: str) -> str:
    """``html`` with the classic script at ``script_uri`` (from the site root) just before
    Material's bundle, linked the way the page links the bundle. Unchanged when the page has
    no bundle (a theme that is not Material, or one that loads it otherwise): there search
    fetches its index as it always did."""
    match = MATERIAL_BUNDLE.search(html)
    if match is None:
        return html
    tag = f'<script src="{match["root"]}{script_uri}"></script>'
    return html[: match.start()] + tag + html[match.start() :]
