"""Cards from extracted items: stable ids, sections, rendered and sanitised HTML, duplicates.

Rendering is injected (``render`` turns Markdown into HTML) so this module needs neither MkDocs
nor a particular Markdown configuration; the adapter passes the site's own renderer.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playbook.flashcards.extract import Item, Problem, plain_text
from playbook.flashcards.sanitize import UrlPolicy, sanitize, text_of, unwrap_links, url_scheme

Render = Callable[[str], str]
BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+*#>:|=])(?=[\s#]|$)")


def card_id(page: str, term: str) -> str:
    """A stable id from the source page and the term's visible text.

    Editing the answer, moving the card within its page or editing any other card keeps the id,
    so a reader's progress survives; renaming the term or moving it to another page starts over.
    """
    key = f"{page}\n{plain_text(term).casefold()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"


@dataclass(frozen=True)
class Section:
    page: str
    page_title: str
    title: str
    anchor: str
    url: str
    """Site-root-relative URL of the section, e.g. ``deep-dives/#write-path``."""

    @property
    def key(self) -> str:
        """A tag-safe name, also used as the Anki tag: ``deep-dives::write-path``."""
        return f"{slug(self.page.removesuffix('.md'))}::{slug(self.anchor)}"

    @property
    def label(self) -> str:
        if plain_text(self.title).casefold() == plain_text(self.page_title).casefold():
            return self.page_title
        return f"{self.page_title} \u203a {self.title}"


@dataclass(frozen=True)
class Card:
    id: str
    page: str
    line: int
    term: str
    answer: str
    section: Section
    front: str
    """Plain text of the front."""
    front_html: str
    back_html: str
    """Sanitised, with internal links site-root-relative (the JSON's form)."""

    @property
    def tags(self) -> list[str]:
        return [self.section.key]


@dataclass
class Deck:
    cards: list[Card] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Links:
    """How links in a card resolve: source-relative Markdown paths to site URLs."""

    page_urls: Mapping[str, str]
    """src_uri -> site-root-relative URL for every file of the site."""

    def resolve(self, source_page: str, url: str) -> str | None:
        """Site-root-relative URL for an internal link, the URL itself for an external one."""
        if url_scheme(url) is not None or url.startswith("//"):
            return url
        parts = urlsplit(url)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if not parts.path:
            return (self.page_urls.get(source_page, "") or "./") + fragment
        base = posixpath.dirname(source_page)
        target = posixpath.normpath(posixpath.join(base, parts.path)).lstrip("/")
        if target.startswith(".."):
            return None
        resolved = self.page_urls.get(target, target) or "./"
        query = f"?{parts.query}" if parts.query else ""
        return resolved + query + fragment


def is_external(url: str) -> bool:
    return url_scheme(url) is not None or url.startswith("//")


def source_policy(links: Links, source_page: str) -> UrlPolicy:
    """Resolve a card's links as its source page would, to site-root-relative URLs."""

    def policy(attribute: str, url: str) -> str | None:
        resolved = links.resolve(source_page, url)
        if attribute == "src" and resolved is not None and is_external(resolved):
            return None  # the site works offline: no images from other hosts
        return resolved

    return policy


SANITISED_URL = re.compile(r'(<(?:a|img)\b[^>]*? (?:href|src)=")([^"]*)(")')


def relink(card_html: str, prefix: str | None) -> str:
    """A card's sanitised HTML with its site-root-relative URLs made relative to another place.

    ``prefix`` is ``"../"`` for a page one folder down, ``site_url`` for an export read
    outside the site, or None to drop internal links (an export with no ``site_url``).
    Sanitised HTML has no ``<`` or ``"`` outside tags, so a pattern finds exactly its URLs.
    """

    def place(match: re.Match[str]) -> str:
        url = html.unescape(match[2])
        if is_external(url):
            return match[0]
        if prefix is None:
            return match[1][: -len(' href="')] if match[1].endswith(' href="') else match[0]
        return f"{match[1]}{html.escape(prefix + url, quote=True)}{match[3]}"

    return SANITISED_URL.sub(place, card_html)


def render_front(term: str, render: Render) -> str:
    """The term as inline HTML: no paragraph, no list even if it starts with ``1.``."""
    escaped = BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", term.strip())
    markup = render(escaped).strip()
    if markup.startswith("<p>") and markup.endswith("</p>"):
        markup = markup[3:-4]
    return markup


def build_deck(
    items: Sequence[Item],
    render: Render,
    links: Links,
    anchors: Mapping[tuple[str, int], str],
) -> Deck:
    """Cards in source order, with duplicates and removed hostile markup reported.

    ``anchors`` maps (page, heading line) to the id the site gives that heading.
    """
    deck = Deck()
    sections: dict[tuple[str, int], Section] = {}
    seen: dict[str, Card] = {}
    by_term: dict[str, Card] = {}
    for item in items:
        where = (item.page, item.section.line)
        if where not in sections:
            anchor = anchors.get(where, slug(plain_text(item.section.text)))
            page_url = links.page_urls.get(item.page, item.page)
            sections[where] = Section(
                item.page, item.page_title, plain_text(item.section.text), anchor,
                f"{page_url}#{anchor}",
            )  # fmt: skip
            deck.sections.append(sections[where])
        section = sections[where]
        policy = source_policy(links, item.page)
        front = sanitize(unwrap_links(render_front(item.term, render)), policy)
        back = sanitize(render(item.answer), policy)
        shown = text_of(front.html)
        removed = front.removed + [r for r in back.removed if r not in front.removed]
        if removed:
            deck.warnings.append(
                Problem(
                    item.page,
                    item.line,
                    f"removed {', '.join(removed)} from the flashcard {shown!r}: "
                    "markup that can run code is never published (put it in `code` to show it)",
                )
            )
        identifier = card_id(item.page, item.term)
        key = plain_text(item.term).casefold()
        if key in by_term:
            other = by_term[key]
            deck.warnings.append(
                Problem(
                    item.page,
                    item.line,
                    f"duplicate flashcard {shown!r}: also at "
                    f"{other.page}:{other.line}; rename one so each question is asked once",
                )
            )
        suffix = 2
        base = identifier
        while identifier in seen:
            identifier = f"{base}-{suffix}"
            suffix += 1
        card = Card(
            identifier, item.page, item.line, item.term, item.answer, section,
            shown, front.html, back.html,
        )  # fmt: skip
        seen[identifier] = card
        by_term.setdefault(key, card)
        deck.cards.append(card)
    return deck
