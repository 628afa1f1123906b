"""Serve a built site on 127.0.0.1, gzipping text the way a real deployment would.

``http.server`` sends every file as it is on disk, which makes a first visit look several times
heavier than on any real host (GitHub Pages, Netlify, nginx all compress text). With
``compress=True`` the server answers ``Accept-Encoding: gzip`` requests for text files with a
gzip body (level 6, computed once per file), so transfer sizes and Lighthouse's simulated
network match a deployment; ``compress=False`` shows the raw sizes.
"""

from __future__ import annotations

import functools
import gzip
import http.server
from contextlib import AbstractContextManager
from pathlib import Path

from mkdocs_playbook.core import loopback

TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
GZIP_LEVEL = 6


class SiteHandler(loopback.QuietHandler):
    """A quiet static file handler that can gzip text responses."""

    extensions_map = {  # noqa: RUF012 - the base class declares it as a class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args: object, compress: bool, directory: str) -> None:
        self.compress = compress
        super().__init__(*args, directory=directory)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        path = self._file_to_compress()
        if path is None:
            super().do_GET()
            return
        body = compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def _file_to_compress(self) -> Path | None:
        """The text file this request names, when the client accepts gzip and it is enabled."""
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the slash form
            path = path / "index.html"
        if not path.is_file() or not self.guess_type(str(path)).startswith(TEXT_TYPES):
            return None
        return path


@functools.cache
def compressed(path: Path, mtime_ns: int) -> bytes:
    """The gzip body of a file, cached so the server's CPU does not count in page loads."""
    return gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def serve(directory: Path, compress: bool = True) -> AbstractContextManager[str]:
    """Serve ``directory`` on an ephemeral loopback port, gzipping text when ``compress``."""
    return loopback.serve(directory, functools.partial(SiteHandler, compress=compress))
