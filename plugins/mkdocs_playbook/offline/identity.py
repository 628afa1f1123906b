"""What keeps one site's service worker apart from another's on the same origin: its scope and
the names of its caches.

Two sites on one origin (any github.io user's projects) live under different paths, so the path
of ``site_url`` is part of every cache name: one site never reads, fills or deletes another's.
The site's name, as a slug the flashcards already derive, makes the names readable in DevTools.

Pure module: no MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from mkdocs_playbook.core.text import slug

FORMAT = 1
"""Bumped when the caches change shape: a worker of another format deletes them on activation."""


@dataclass(frozen=True)
class WorkerIdentity:
    scope: str
    """The site's path on its host, from ``site_url``: ``/`` or ``/playbook/``."""
    cache_prefix: str
    """Every cache of this site, and only of this site, starts with this."""


def worker_identity(site_name: str, site_url: str | None) -> WorkerIdentity:
    path = urlsplit(site_url or "").path or "/"
    scope = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return WorkerIdentity(scope=scope, cache_prefix=f"{slug(site_name)} {scope} offline/")
