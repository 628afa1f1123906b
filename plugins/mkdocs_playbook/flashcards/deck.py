"""Cards from extracted items: stable ids, sections, sanitised HTML with site-root links,
duplicates.

The items' HTML is what the source pages rendered; here it is sanitised (an allowlist: no
scripts, no event handlers, no script URLs) and its links re-pointed from the source page to
the site root, the form every output starts from (``relink`` places it elsewhere).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mkdocs_playbook.core.cleaning import url_scheme
from mkdocs_playbook.core.sections import relocate
from mkdocs_playbook.core.text import slug, text_of
from mkdocs_playbook.flashcards.extract import Item, Problem
from mkdocs_playbook.flashcards.sanitize import UrlPolicy, sanitize, unwrap_links


def term_key(term: str) -> str:
    """A term's text as cards compare it: whitespace collapsed, case ignored."""
    return " ".join(term.split()).casefold()


def card_id(page: str, term: str) -> str:
    """A stable id from the source page and the term's visible text.

    Editing the answer, moving the card within its page or editing any other card keeps the id,
    so a reader's progress survives; renaming the term or moving it to another page starts over.
    """
    key = f"{page}\n{term_key(term)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


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
        if term_key(self.title) == term_key(self.page_title):
            return self.page_title
        return f"{self.page_title} \u203a {self.title}"


@dataclass(frozen=True)
class Card:
    id: str
    page: str
    line: int
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


def is_external(url: str) -> bool:
    return url_scheme(url) is not None or url.startswith("//")


def source_policy(page_url: str) -> UrlPolicy:
    """Re-point a card's links from its source page (site-root-relative ``page_url``) to the
    site root; images from other hosts are dropped (the site works offline)."""

    def policy(attribute: str, url: str) -> str | None:
        resolved = relocate(url, page_url, "")
        if attribute == "src" and is_external(resolved):
            return None
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


def build_deck(items: Sequence[Item], page_urls: Mapping[str, str]) -> Deck:
    """Cards in the items' order, with duplicates and removed hostile markup reported.

    ``page_urls`` maps each source page (src_uri) to its site-root-relative URL.
    """
    deck = Deck()
    sections: dict[tuple[str, str], Section] = {}
    seen: dict[str, Card] = {}
    by_term: dict[str, Card] = {}
    for item in items:
        anchor = item.section.id or slug(item.section.text)
        page_url = page_urls.get(item.page, item.page)
        where = (item.page, anchor)
        if where not in sections:
            sections[where] = Section(
                item.page, item.page_title, item.section.text, anchor, f"{page_url}#{anchor}"
            )
            deck.sections.append(sections[where])
        section = sections[where]
        policy = source_policy(page_url)
        front = sanitize(unwrap_links(item.term_html), policy)
        back = sanitize(item.answer_html, policy)
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
        key = term_key(item.term)
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
        card = Card(identifier, item.page, item.line, section, shown, front.html, back.html)
        seen[identifier] = card
        by_term.setdefault(key, card)
        deck.cards.append(card)
    return deck
