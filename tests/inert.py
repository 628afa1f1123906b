"""Whether HTML can still run code, judged on the tree a browser builds (Lexbor, an HTML5
parser), independently of the plugin's own cleaner: script-like elements, event handler
attributes, and any attribute whose value reads as a script URL once the parser has decoded it."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

RUNNING = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
    | {"link", "template", "portal"}
)
"""Not ``<noscript>``: it is no code, and the plugin's own pages use it. What a browser would
make of an author's, the cleaner removes; only a browser shows that (test_cleaning_browser)."""
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data):")
CONTROLS = re.compile(r"[\x00-\x20\x7f]+")


def problems(markup: str) -> list[str]:
    found: list[str] = []
    body = LexborHTMLParser(f"<body>{markup}").body
    assert body is not None
    for node in body.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag in RUNNING:
            found.append(f"<{tag}>")
        for name, value in node.attributes.items():
            url = CONTROLS.sub("", value or "").lower()
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}>")
            elif SCRIPT_URL.match(url) and not (tag == "img" and url.startswith("data:")):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def assert_inert(markup: str) -> None:
    """No element, handler or URL that can run code; escaped text (``&lt;script&gt;``) is text."""
    found = problems(markup)
    assert found == [], f"runnable markup survived: {found}"
