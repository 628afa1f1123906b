"""Work kept on disk between builds, one JSON file per entry, keyed by what the work depends on.

Pure module: no MkDocs, no browser. The diagrams keep what Mermaid drew here, the cheat sheet
what Chromium printed: heavy work an unchanged input should never cost again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

KEEP_BUILDS = 20
"""An entry no build has used in this many builds is deleted (the authoring guide says so)."""
USAGE = "usage.json"
"""Beside the entries: how many builds there have been, and the last that used each entry."""
STALE_SECONDS = 600


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_of(material: object) -> str:
    """A hex digest naming a JSON-able value: what a key is made of."""
    text = json.dumps(material, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DiskCache:
    """One file per entry under ``directory``, ``KEY.json``: a JSON object (the payload), with
    the key, the entry format and a SHA-256 of the payload inside it.

    - An entry is written to a temporary file and renamed into place, so a build killed mid-way
      leaves at most a ``*.tmp`` file, which no build reads (and a later build deletes).
    - An entry that does not read back whole (truncated, edited, of another format) is a miss:
      it is deleted and the work done again, never an error.
    - ``close`` prunes what no build has used in the last ``keep_builds`` builds, counted in
      ``usage.json`` beside the entries.
    """

    def __init__(self, directory: Path, entry_format: int, keep_builds: int = KEEP_BUILDS) -> None:
        self.directory = directory
        self.entry_format = entry_format
        self.keep_builds = keep_builds
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            payload = entry["payload"]
            whole = (
                entry["format"] == self.entry_format
                and entry["key"] == key
                and isinstance(payload, dict)
                and entry["sha256"] == digest_of(payload)
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            whole = False
        if not whole:
            path.unlink(missing_ok=True)
            return None
        self.used.add(key)
        return dict(payload)

    def put(self, key: str, payload: dict[str, Any]) -> None:
        """Store atomically, so a build interrupted mid-write never leaves half an entry."""
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = {
            "format": self.entry_format,
            "key": key,
            "sha256": digest_of(payload),
            "payload": payload,
        }
        _write_atomically(self._path(key), json.dumps(entry, ensure_ascii=False))
        self.used.add(key)

    def close(self) -> int:
        """Record this build's use of the entries, delete those unused for ``keep_builds``
        builds and temporary files a killed build left; return how many were deleted."""
        if not self.directory.is_dir():
            return 0
        usage_path = self.directory / USAGE
        try:
            usage = json.loads(usage_path.read_text(encoding="utf-8"))
            build, last_used = int(usage["builds"]) + 1, dict(usage["last_used"])
        except (OSError, ValueError, KeyError, TypeError):
            build, last_used = 1, {}
        last_used.update(dict.fromkeys(self.used, build))
        deleted = 0
        for path in self.directory.iterdir():
            if path.suffix == ".json" and path.name != USAGE:
                key = path.stem
                last_used.setdefault(key, build)  # first seen now: kept for keep_builds builds
                if build - last_used[key] >= self.keep_builds:
                    path.unlink(missing_ok=True)
                    del last_used[key]
                    deleted += 1
            elif path.name != USAGE and _stale(path):
                path.unlink(missing_ok=True)
                deleted += 1
        last_used = {key: n for key, n in last_used.items() if self._path(key).exists()}
        _write_atomically(usage_path, json.dumps({"builds": build, "last_used": last_used}))
        return deleted


def _stale(path: Path) -> bool:
    """A leftover of a killed build (or of an older format): a temporary file no build has
    touched for ``STALE_SECONDS``, since another build may be writing one right now."""
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
