"""Options under ``plugins: - playbook: offline:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

DEFAULT_TEXTS = {
    "new_version": "A new version of this site is available.",
    "reload": "Reload",
    "offline": "You are offline: the pages of this site still open.",
    "missing": "needs a connection",
    "missing_file": "This file needs a network connection: it was not saved on this device.",
    "note": "You are offline, and this page was not saved on this device: it opens once you "
    "are back online.",
}


class OfflineTexts(base.Config):
    """What the reader sees, in the site's language."""

    new_version = c.Type(str, default=DEFAULT_TEXTS["new_version"])
    reload = c.Type(str, default=DEFAULT_TEXTS["reload"])
    offline = c.Type(str, default=DEFAULT_TEXTS["offline"])
    missing = c.Type(str, default=DEFAULT_TEXTS["missing"])
    """After a link to a file that cannot open offline."""
    missing_file = c.Type(str, default=DEFAULT_TEXTS["missing_file"])
    note = c.Type(str, default=DEFAULT_TEXTS["note"])
    """On the 404 page shown offline for a page that was never saved."""


class OfflineConfig(base.Config):
    enabled = c.Type(bool, default=False)
    """Precache the site in a service worker and link a web app manifest from every page: a
    site opts in, since a worker stays in its readers' browsers."""
    retire = c.Type(bool, default=True)
    """With ``enabled: false``: publish, at the worker's address, a worker that removes the one
    an earlier build with ``enabled: true`` left in readers' browsers, with its caches. No page
    registers it: only a browser that has the old worker fetches it (when it checks for an
    update). ``false``: publish nothing (a browser that has the old worker keeps serving the
    last version it cached)."""
    name = c.Optional(c.Type(str))
    """The installed app's name; ``site_name`` when unset."""
    short_name = c.Optional(c.Type(str))
    """Under the home-screen icon (12 characters fit); ``name`` when unset."""
    theme_color = c.Optional(c.Type(str))
    """The app's title bar; the palette's primary colour when unset."""
    background_color = c.Optional(c.Type(str))
    """The splash screen; the palette's first scheme's background when unset."""
    icon = c.Optional(c.Type(str))
    """A square SVG, or a PNG of 144 px or more, under docs/; ``theme.favicon`` when unset."""
    on_demand = c.ListOfItems(c.Type(str), default=[])
    """More glob patterns of files fetched only when asked for, then kept (beside PDFs, .apkg,
    .zip, .tsv, .csv, .epub and the Mermaid module's folder)."""
    leave_out = c.ListOfItems(c.Type(str), default=[])
    """More glob patterns of files the worker never stores (beside ``*.map`` and ``*.gz``)."""
    texts = c.SubConfig(OfflineTexts)
