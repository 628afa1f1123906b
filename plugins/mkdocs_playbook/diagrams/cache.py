"""What Mermaid drew, kept on disk between builds, keyed by everything the drawing depends on.

Pure module: no MkDocs, no browser. An unchanged diagram costs a file read, not a browser:
the key covers the diagram's source, the Mermaid configuration (theme included) and the
Mermaid build itself, so upgrading Mermaid or editing the configuration redraws everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bumped when what is stored changes shape, so old entries are never misread."""


@dataclass(frozen=True)
class Rendered:
    """Mermaid's answer for one diagram in one theme: its SVG, or why it could not draw it."""

    svg: str = ""
    error: str = ""


def cache_key(source: str, config: Mapping[str, Any], mermaid_digest: str) -> str:
    """A hex digest naming one drawing: the source, the full configuration, the Mermaid build."""
    material = json.dumps(
        {"format": FORMAT, "source": source, "config": config, "mermaid": mermaid_digest},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, e.g. the Mermaid module, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class DrawingCache:
    """One file per drawing under ``directory``: ``KEY.svg``, or ``KEY.error`` for a failure."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> Rendered | None:
        for suffix, field in ((".svg", "svg"), (".error", "error")):
            try:
                text = (self.directory / f"{key}{suffix}").read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            return Rendered(**{field: text})
        return None

    def put(self, key: str, rendered: Rendered) -> None:
        """Store atomically, so a build interrupted mid-write never leaves half a drawing."""
        self.directory.mkdir(parents=True, exist_ok=True)
        suffix, text = (".svg", rendered.svg) if rendered.svg else (".error", rendered.error)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, self.directory / f"{key}{suffix}")
