"""Where Debian's Chromium lives and how every headless run starts it (tests, PDFs, benchmarks).

Playwright's own browser download cannot work on these machines, so everything drives the same
system binary with the same flags: no sandbox (containers), no GPU, and no background traffic
that would count as a request to another host.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
