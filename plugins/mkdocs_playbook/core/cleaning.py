"""One policy for the author's HTML that the plugin copies or rewrites: nothing in it may run code.

Markdown passes raw HTML through, so a page can hold ``<script>``, an ``onerror=`` handler or a
``javascript:`` link. The plugin never spreads such markup: the pages cards are read from, and
every piece of a page it copies onto another (a cheat-sheet section, the mock interview's steps,
prompts and checks), are cleaned with :func:`clean`. Cards are held to more than this: an
allowlist (``flashcards.sanitize``), since they also go to Anki and JSON.

What runs code is judged on the tree a browser builds, not on the text: the HTML is parsed by
Lexbor, an HTML5 parser (selectolax), so character references in a URL (``javascript&colon;``,
``&#x6A;avascript:``), controls and tabs inside a scheme, and markup that parses differently in
foreign content (``<math><style>``) are seen as a browser sees them. Removed are:

- elements that load or run code, and those no parser but a browser's reads right (MathML,
  ``noscript``), with what is inside them (``RUNNABLE_ELEMENTS``);
- event handler attributes (``on*``), ``srcdoc`` and ``formaction``;
- any URL-bearing attribute (``URL_ATTRIBUTES``, and the values an SVG animation sets) whose
  scheme is ``javascript:`` or ``vbscript:``, or ``data:`` anywhere but an image's source;
- a ``style`` attribute or ``<style>`` element that names a script URL (:func:`css_names_code`).

A fragment with none of these is returned as it was, byte for byte; one with any is returned as
the parser serialises it, without them.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

RUNNABLE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
    | {"link", "template", "portal", "fencedframe"}
    | {"noscript", "math"}
)
"""The last two run no code themselves, but no parser outside the browser builds the same tree
from them as the browser does: Lexbor parses ``noscript`` as a browser without scripting does,
and MathML's text integration points (``<math><mtext><table><mglyph><style>``) as no browser
does. Their content is where mutation XSS hides; this site's pages have no use for either."""
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
    | {"cite", "codebase", "longdesc", "lowsrc", "dynsrc", "ping", "icon", "manifest"}
    | {"archive", "classid", "profile", "usemap", "srcset", "imagesrcset"}
)
ANIMATION_VALUES = frozenset({"values", "to", "from", "by"})
"""What ``<animate>`` and ``<set>`` write into another attribute (an ``href``, say)."""
RUNNABLE_ATTRIBUTES = frozenset({"srcdoc", "formaction"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_CODE = re.compile(r"javascript:|vbscript:|expression\(|-moz-binding|behavior:")


@dataclass(frozen=True)
class Cleaned:
    html: str
    removed: list[str] = field(default_factory=list)
    """What was taken out, e.g. ``<script> element``, ``onerror attribute``."""


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads from a URL: it ignores whitespace and control characters
    anywhere in it (and ``url`` may still hold character references when it comes from text)."""
    match = _SCHEME.match(_INVISIBLE.sub("", html.unescape(url)).lower())
    return match[1] if match else None


def css_names_code(css: str) -> bool:
    """Whether a style sheet or ``style`` attribute names a script URL or an old browser's
    script hook, with CSS escapes and comments read as a browser reads them. No browser today
    runs them, but none is published either."""

    def unescape(match: re.Match[str]) -> str:
        return chr(int(match[1], 16)) if match[1] else match[2]

    bare = _INVISIBLE.sub("", _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(unescape, css))).lower()
    return _CSS_CODE.search(bare) is not None


def runs_code(tag: str, name: str, value: str) -> bool:
    """Whether an attribute, as the parser reads it, can run code when the element is used."""
    if name.startswith("on") or name in RUNNABLE_ATTRIBUTES:
        return True
    if name == "style":
        return css_names_code(value)
    if name in ANIMATION_VALUES:
        return any(_script_url(tag, part) for part in value.split(";"))
    if name in URL_ATTRIBUTES:
        return any(_script_url(tag, part) for part in _candidates(name, value))
    return False


def _candidates(name: str, value: str) -> list[str]:
    """The URLs an attribute holds: one, or a ``srcset``'s comma-separated list."""
    if "srcset" in name:
        return [item.strip().split(" ")[0] for item in value.split(",")]
    return [value]


def _script_url(tag: str, url: str) -> bool:
    scheme = url_scheme(url)
    return scheme in SCRIPT_SCHEMES or (scheme == "data" and tag != "img")


def clean(fragment: str) -> Cleaned:
    """``fragment`` without anything that can run code (see the module's docstring)."""
    tree = LexborHTMLParser(f"<body>{fragment}")
    body = tree.body
    if body is None:
        return Cleaned(fragment)
    removed: list[str] = []
    doomed: list[LexborNode] = []
    for node in body.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag in RUNNABLE_ELEMENTS or (tag == "style" and css_names_code(node.text() or "")):
            removed.append(f"<{tag}> element")
            doomed.append(node)
            continue
        attributes = node.attributes
        bad = [
            name for name, value in attributes.items() if runs_code(tag, name.lower(), value or "")
        ]
        for name in bad:
            removed.append(f"{name} attribute")
            del node.attrs[name]
    if not removed:
        return Cleaned(fragment)
    for node in doomed:
        node.decompose()
    return Cleaned(body.inner_html or "", removed)
