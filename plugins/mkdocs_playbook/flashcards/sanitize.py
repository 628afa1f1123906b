"""Make rendered card HTML safe to publish anywhere: the flashcards page, JSON, Anki, TSV.

Python-Markdown passes raw HTML through, so a card written with ``<script>``, an ``onerror=``
attribute or a ``javascript:`` link would run wherever its HTML lands. :func:`sanitize` keeps an
allowlist of harmless elements and attributes, re-serialises everything it keeps (text escaped,
attributes quoted) and passes every URL through a caller-supplied policy. The pages the cards
come from are cleaned by the plugin's one policy for copied markup (``core.cleaning``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mkdocs_playbook.core.cleaning import url_scheme

ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del"),
        *("details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i"),
        *("img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small"),
        *("span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "tr", "u", "ul", "var"),
    }
)
VOID_TAGS = frozenset({"br", "hr", "img"})
VOID_RUNNABLE = frozenset({"embed", "base", "meta", "link", "frame"})
ALLOWED_ATTRIBUTES = {
    "*": frozenset({"class", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "type"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# Elements dropped together with everything inside them (their text is code or chrome).
RUNNABLE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
    | {"link", "template"}
)
DROPPED_WITH_CONTENT = RUNNABLE_ELEMENTS | {
    *("style", "noscript", "textarea", "select", "svg", "math", "title", "head"),
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
RUNNABLE_SCHEMES = frozenset({"javascript", "vbscript", "data"})

UrlPolicy = Callable[[str, str], str | None]
"""(attribute, url) -> the URL to publish, or None to drop the attribute."""


def is_safe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def keep_safe_urls(attribute: str, url: str) -> str | None:
    """The default policy: keep relative and http(s)/mailto URLs, drop the rest."""
    return url if is_safe_url(url) else None


@dataclass
class Sanitized:
    html: str
    removed: list[str] = field(default_factory=list)
    """What was taken out, e.g. ``<script> element``, for a warning to the author."""


class _Sanitizer(HTMLParser):
    def __init__(self, policy: UrlPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping: list[str] = []
        self.removed: list[str] = []

    def _note(self, what: str) -> None:
        if what not in self.removed:
            self.removed.append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag in RUNNABLE_ELEMENTS or tag in ("svg", "math", "noscript"):
                self._note(f"<{tag}> element")
            if tag not in VOID_RUNNABLE:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            for name, value in attrs:  # unwrapped, so harmless, but the author should know
                if name.startswith("on") or url_scheme(value or "") in RUNNABLE_SCHEMES:
                    self._note(f"{name} attribute" if name.startswith("on") else "script URL")
            return  # unwrapped: a heading or form control's text stays, the tag goes
        kept: list[str] = []
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                if name.startswith("on") or name in ("srcdoc", "formaction"):
                    self._note(f"{name} attribute")
                continue
            value = value or ""
            if name in URL_ATTRIBUTES:
                if not is_safe_url(value):
                    if url_scheme(value) in RUNNABLE_SCHEMES:
                        self._note(f"{url_scheme(value)}: URL")
                    continue
                published = self.policy(name, value)
                if published is None:
                    continue
                value = published
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        if tag == "img" and not any(k.startswith(" src=") for k in kept):
            return
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and not self.dropping and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)
        elif self.dropping and self.dropping[-1] == tag:
            self.dropping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag not in self.open:
            return  # a stray or dropped element's end tag
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=True))  # so `"` only delimits values

    def close_all(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def sanitize(markup: str, policy: UrlPolicy = keep_safe_urls) -> Sanitized:
    """Markup reduced to the allowlist, well formed, with every URL passed through ``policy``."""
    parser = _Sanitizer(policy)
    parser.feed(markup)
    result = parser.close_all()
    return Sanitized(result, parser.removed)


def unwrap_links(markup: str) -> str:
    """Sanitised markup with ``<a>`` tags removed and their text kept (for a card's front)."""
    return re.sub(r"</?a\b[^>]*>", "", markup)
