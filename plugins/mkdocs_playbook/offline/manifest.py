"""The web app manifest: what a phone's home screen and Chromium's install prompt read.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

NAME = "manifest.webmanifest"
"""Where the manifest is written, at the site root."""
BACKGROUNDS = {"default": "#ffffff", "slate": "#1e2129"}
"""Material's page background per scheme (slate: hsl(225, 15%, 14%)), shown while it starts."""
FALLBACK_THEME = "#4051b5"
"""Material's default primary colour (indigo), for a palette this module cannot read."""


@dataclass(frozen=True)
class Icon:
    src: str
    """Relative to the manifest, i.e. to the site root."""
    type: str
    sizes: str


MIN_ICON = 144
"""Chromium offers to install a site whose manifest has an icon at least this large (px)."""
_PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None for anything else."""
    if not data.startswith(_PNG) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def icon_for(path: str, data: bytes) -> tuple[Icon | None, str]:
    """The manifest's icon for a site file, and what stops Chromium installing the site with
    it ("" when nothing does): an SVG scales to any size, a PNG must be 144 px or more."""
    if path.lower().endswith(".svg"):
        return Icon(src=path, type="image/svg+xml", sizes="any"), ""
    size = png_size(data)
    if size is None:
        return None, f"{path} is neither an SVG nor a PNG"
    icon = Icon(src=path, type="image/png", sizes=f"{size[0]}x{size[1]}")
    if min(size) < MIN_ICON:
        return icon, f"{path} is {size[0]}x{size[1]} px, under the {MIN_ICON} px Chromium needs"
    return icon, ""


def primary_color(palette_css: str, primary: str) -> str | None:
    """The colour Material's palette stylesheet gives a ``primary`` name (``indigo``), read
    from the stylesheet the site ships, so it follows the installed Material; None for
    ``custom`` or a name it does not define."""
    rule = re.search(
        rf"\[data-md-color-primary={re.escape(primary)}\]\{{[^}}]*?"
        r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{3,8})",
        palette_css,
    )
    return rule.group(1).lower() if rule else None


def manifest_json(
    *,
    name: str,
    short_name: str,
    description: str,
    scope: str,
    theme_color: str,
    background_color: str,
    icons: Sequence[Icon],
    lang: str = "",
) -> str:
    """The manifest as stable JSON: the app starts at, and stays within, the site's path."""
    data = {
        "id": scope,
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
        "icons": [
            {"src": i.src, "type": i.type, "sizes": i.sizes, "purpose": "any"} for i in icons
        ],
    }
    return json.dumps({k: v for k, v in data.items() if v}, indent=2, ensure_ascii=False) + "\n"
