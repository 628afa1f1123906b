"""Which built files the service worker precaches, which it keeps once fetched, which it leaves
out; and each one's content hash, so a new build downloads only what changed.

Pure module: no MkDocs import. Paths are relative to the site directory, with ``/``.
"""

from __future__ import annotations

import enum
import fnmatch
import hashlib
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ON_DEMAND = ("*.pdf", "*.apkg", "*.zip", "*.tsv", "*.csv", "*.epub")
"""Downloads a reader may never open: fetched when asked for, then kept."""
LEAVE_OUT = ("*.map", "*.gz")
"""Never loaded by a page: source maps, and the sitemap's gzipped twin (crawlers only)."""
LUNR_DIR = "assets/javascripts/lunr/"
"""Material's search languages; only those of the site's search index are precached."""
SEARCH_INDEX = "search/search_index.json"
HASH_LENGTH = 16


class Kind(enum.Enum):
    PRECACHE = "precache"
    ON_DEMAND = "on demand"
    LEFT_OUT = "left out"


@dataclass(frozen=True)
class Rules:
    """Glob patterns (``fnmatch``: ``*`` also crosses ``/``) over site-relative paths."""

    on_demand: Sequence[str] = ON_DEMAND
    leave_out: Sequence[str] = LEAVE_OUT
    precache: Sequence[str] = ()
    """Precached whatever else matches: e.g. the search languages the index asks for."""


@dataclass(frozen=True)
class Entry:
    url: str
    """Where a page asks for the file, relative to the site root: ``flow/`` for
    ``flow/index.html``; the path as named, not percent-encoded (the worker decodes a request's
    path before it looks it up, and encodes it to fetch it)."""
    path: str
    kind: Kind
    digest: str
    size: int
    gzip_size: int
    """What the file costs on the wire from a server that gzips (level 6)."""


def classify(path: str, rules: Rules) -> Kind:
    """An explicit ``precache`` pattern wins, then leave-out, then on-demand; everything else
    is precached: every page and everything pages load."""
    if _matches(path, rules.precache):
        return Kind.PRECACHE
    if _matches(path, rules.leave_out):
        return Kind.LEFT_OUT
    if _matches(path, rules.on_demand) or path.startswith(LUNR_DIR):
        return Kind.ON_DEMAND
    return Kind.PRECACHE


def _matches(path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def search_languages(index_json: bytes) -> tuple[str, ...]:
    """The lunr scripts Material's search worker imports for the index's languages (none for
    English alone), so that search works offline in every language of the site."""
    try:
        langs = [str(lang) for lang in json.loads(index_json)["config"]["lang"]]
    except (ValueError, KeyError, TypeError):
        return ()
    if langs == ["en"]:
        return ()
    paths = [f"{LUNR_DIR}min/lunr.stemmer.support.min.js"]
    paths += [f"{LUNR_DIR}min/lunr.{lang}.min.js" for lang in langs if lang != "en"]
    if len(langs) > 1:
        paths.append(f"{LUNR_DIR}min/lunr.multi.min.js")
    if "ja" in langs:
        paths.append(f"{LUNR_DIR}tinyseg.js")
    if "th" in langs:
        paths.append(f"{LUNR_DIR}wordcut.js")
    return tuple(paths)


def page_url(path: str) -> str:
    """The path a page is asked for by, decoded: ``a/index.html`` -> ``a/``, ``index.html`` ->
    ``''``, ``c++/index.html`` -> ``c++/``. Not percent-encoded: a browser leaves some
    characters raw in a URL's path (``+ ( ) , = @ !``) that ``quote`` encodes, so the worker
    compares decoded paths on both sides."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    return path


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def entry(path: str, data: bytes, kind: Kind) -> Entry:
    return Entry(
        url=page_url(path),
        path=path,
        kind=kind,
        digest=digest_of(data),
        size=len(data),
        gzip_size=len(zlib.compress(data, 6)),
    )


def site_entries(site_dir: Path, rules: Rules, skip: Iterable[str] = ()) -> list[Entry]:
    """Every file of the built site, in path order, except ``skip`` (the worker itself)."""
    skipped = set(skip)
    entries = []
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if not file.is_file() or path in skipped:
            continue
        kind = classify(path, rules)
        if kind is not Kind.LEFT_OUT:
            entries.append(entry(path, file.read_bytes(), kind))
    return entries


def precache_size(entries: Iterable[Entry]) -> int:
    """Bytes a first visit's precache moves on the wire (gzip)."""
    return sum(e.gzip_size for e in entries if e.kind is Kind.PRECACHE)
