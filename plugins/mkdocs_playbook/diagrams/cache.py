"""What Mermaid drew, kept on disk between builds, keyed by everything the drawing depends on.

Pure module: no MkDocs, no browser. An unchanged diagram costs a file read, not a browser:
the key covers the diagram's source, the Mermaid configuration (theme included) and the
Mermaid build itself, so upgrading Mermaid or editing the configuration redraws everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_playbook.core.disk_cache import KEEP_BUILDS, DiskCache, digest_of

FORMAT = 3
"""Bumped when what is stored changes shape, so old entries are never misread."""


@dataclass(frozen=True)
class Rendered:
    """Mermaid's answer for one diagram in one theme: its SVG, or why it could not draw it."""

    svg: str = ""
    error: str = ""


def cache_key(source: str, config: Mapping[str, Any], mermaid_digest: str) -> str:
    """A hex digest naming one drawing: the source, the full configuration, the Mermaid build."""
    return digest_of(
        {"format": FORMAT, "source": source, "config": config, "mermaid": mermaid_digest}
    )


class DrawingCache:
    """Mermaid's SVG or its error per key, in a ``DiskCache`` (one file per drawing)."""

    def __init__(self, directory: Path, keep_builds: int = KEEP_BUILDS) -> None:
        self.entries = DiskCache(directory, FORMAT, keep_builds)

    def get(self, key: str) -> Rendered | None:
        payload = self.entries.get(key)
        if payload is None or "svg" not in payload or "error" not in payload:
            return None
        return Rendered(svg=str(payload["svg"]), error=str(payload["error"]))

    def put(self, key: str, rendered: Rendered) -> None:
        self.entries.put(key, {"svg": rendered.svg, "error": rendered.error})

    def close(self) -> int:
        """Prune what no recent build used (``DiskCache.close``); how many were deleted."""
        return self.entries.close()
