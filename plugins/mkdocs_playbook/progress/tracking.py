"""Which pages the progress page reports as opened: the ``track`` patterns resolved against the
site's pages.

Patterns are globs over paths under docs/, matched as the offline feature matches its patterns
(``fnmatch``: ``*`` also crosses ``/``); one starting with ``!`` leaves out what it matches.
A pattern that matches nothing is a misspelling the author must hear about.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass

EXCLUDE = "!"


@dataclass(frozen=True)
class Tracked:
    pages: list[str]
    """The pages tracked, in the order of ``paths``."""
    unmatched: list[str]
    """The patterns that matched no page, as written."""


def tracked_pages(patterns: Sequence[str], paths: Sequence[str]) -> Tracked:
    """The paths that an including pattern matches and no excluding one does."""
    included: set[str] = set()
    excluded: set[str] = set()
    unmatched: list[str] = []
    for pattern in patterns:
        glob = pattern.removeprefix(EXCLUDE).lstrip("/")
        matched = {path for path in paths if fnmatch.fnmatchcase(path, glob)}
        if not matched:
            unmatched.append(pattern)
        (excluded if pattern.startswith(EXCLUDE) else included).update(matched)
    return Tracked([path for path in paths if path in included - excluded], unmatched)
