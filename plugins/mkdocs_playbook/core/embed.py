"""Data handed from the build to the browser: JSON in an HTML attribute, or in a script.

A page's data goes in an attribute (``data-spec="..."``), never in a ``<script
type="application/json">``: Material's instant navigation re-creates the scripts of a page it
shows and would run the JSON as code. The service worker's data goes into its source as a
JavaScript literal.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
import json
from typing import Any

_JS_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _json(data: Any) -> str:
    """Compact, key-sorted (the same data gives the same bytes), and no NaN or Infinity, which
    JSON cannot carry."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def json_attribute(data: Any) -> str:
    """JSON escaped for a double-quoted HTML attribute value."""
    return html.escape(_json(data), quote=True)


def json_literal(data: Any) -> str:
    """JSON that is also a safe JavaScript literal inside a script, whatever its strings hold."""
    text = _json(data)
    for char, escaped in _JS_UNSAFE.items():
        text = text.replace(char, escaped)
    return text
