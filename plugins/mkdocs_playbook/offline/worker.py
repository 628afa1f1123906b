"""The service worker a build writes: the template ``service-worker.js`` beside this module,
with this build's file list in place of its placeholder, as JSON (data, never code to
evaluate).

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs_playbook.core.embed import json_literal
from mkdocs_playbook.offline.identity import FORMAT, WorkerIdentity
from mkdocs_playbook.offline.precache import Entry, Kind, page_url

NAME = "service-worker.js"
"""Where the worker is written: the site root, so that its scope is the whole site."""
TEMPLATE = Path(__file__).with_name(NAME)
"""The worker's source with a placeholder for its data; not a page asset, so the plugin never
copies it with the others."""
PLACEHOLDER = '"__PLAYBOOK_OFFLINE_CONFIG__"'
NOT_FOUND = "404.html"


class TemplateError(ValueError):
    """The worker template has lost its placeholder, or has it twice."""


def _filled(template: str, data: dict[str, Any]) -> str:
    if template.count(PLACEHOLDER) != 1:
        raise TemplateError(f"the worker template must hold {PLACEHOLDER} exactly once")
    return template.replace(PLACEHOLDER, json_literal(data))


def worker_source(
    template: str, identity: WorkerIdentity, entries: Sequence[Entry], offline_note: str
) -> str:
    """The worker of one build: byte-identical for identical files."""
    files = [[e.url, e.digest, int(e.kind is Kind.PRECACHE)] for e in entries]
    listed = {e.url for e in entries}
    data = {
        "cachePrefix": identity.cache_prefix,
        "files": files,
        "format": FORMAT,
        "notFound": page_url(NOT_FOUND) if page_url(NOT_FOUND) in listed else None,
        "offlineNote": f'<p class="playbook-offline-note" role="status">'
        f"{html.escape(offline_note)}</p>",
    }
    return _filled(template, data)


def retiring_worker_source(template: str, identity: WorkerIdentity) -> str:
    """The worker ``mkdocs serve`` writes: it replaces one left by an earlier build on the same
    address, deletes its caches and unregisters, so the author sees every page fresh."""
    return _filled(
        template, {"cachePrefix": identity.cache_prefix, "format": FORMAT, "retire": True}
    )
