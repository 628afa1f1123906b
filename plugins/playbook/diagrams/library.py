"""The check that keeps Mermaid served from the site itself (no CDN: the site works offline).

Pure module: no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path


class DiagramSetupError(ValueError):
    """The Mermaid library is not configured to be served from the site."""


def check_mermaid_library(javascript: str | None, docs_dir: Path) -> Path:
    """Return the local Mermaid module, or explain why the configured one cannot be used."""
    if not javascript:
        raise DiagramSetupError(
            "mermaid2 has no 'javascript' set, so it would load Mermaid from a CDN. "
            "Set plugins.mermaid2.javascript to the vendored file, "
            "e.g. assets/vendor/mermaid/mermaid.esm.min.mjs"
        )
    if "://" in javascript or javascript.startswith("//"):
        raise DiagramSetupError(
            f"mermaid2.javascript is a remote URL ({javascript}); the site must work offline. "
            "Point it at the vendored file under docs/assets/vendor/."
        )
    if not javascript.endswith(".mjs"):
        raise DiagramSetupError(
            f"mermaid2.javascript must be Mermaid's ES module build (*.mjs), got {javascript}"
        )
    path = docs_dir / javascript
    if not path.is_file():
        raise DiagramSetupError(
            f"Mermaid is not vendored: {path} is missing. Run `make setup` "
            "(npm ci copies the pinned build from node_modules)."
        )
    return path
