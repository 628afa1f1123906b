"""Serve a folder on 127.0.0.1 while a block runs: the PDFs, the tests and the benchmarks all load
the built site over HTTP, because browsers refuse ES modules from file:// URLs."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _LoopbackServer(http.server.ThreadingHTTPServer):
    """Says nothing when a browser hangs up mid-answer: a page closed while its service worker
    was still precaching is not an error of the server's."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(
    directory: Path,
    handler: Callable[..., http.server.BaseHTTPRequestHandler] = QuietHandler,
    port: int = 0,
) -> Iterator[str]:
    """Serve ``directory`` on a loopback port (``0``: an ephemeral one); yields the base URL
    (ending in /).

    ``handler`` is called like ``SimpleHTTPRequestHandler``, with a ``directory`` keyword.
    The folder may still be empty: a site must be served before it is built when its
    ``site_url`` has to be the address it is served from (instant navigation needs that).
    """
    bound: Any = functools.partial(handler, directory=str(directory))
    server = _LoopbackServer(("127.0.0.1", port), bound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
