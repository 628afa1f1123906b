"""What the build publishes from a deck: the flashcards page, flashcards.json and the Anki TSV.

The page lists every card as sanitised HTML (readable, searchable and printable without
JavaScript) and draws the study panel; ``assets/flashcards.js`` brings the panel to life. The
page's prose is Markdown, rendered once by MkDocs (:func:`page_markdown`); the deck is known
only once every page is rendered, and goes into the rendered page as HTML (:func:`fill_page`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs_playbook.core.embed import json_attribute
from mkdocs_playbook.core.text import slug
from mkdocs_playbook.flashcards.anki import Note, note_guid
from mkdocs_playbook.flashcards.deck import Card, Deck, Section, relink
from mkdocs_playbook.flashcards.identity import DeckIdentity
from mkdocs_playbook.flashcards.scheduling import GRADES, SchedulerParams, describe, learned_rule

FORMAT = "playbook-flashcards"
SCHEMA_VERSION = 2
"""2: the scheduler is FSRS (its parameters under ``scheduler``); 1 was SM-2."""
DEFAULT_INTRO = (
    "{count} cards drawn from this site's question bank and its definition-style sections. "
    "Study them here: reveal the answer, grade yourself, and each card comes back when you are "
    "about to forget it. Every card is also listed below, so the page reads, searches and "
    "prints without the study mode."
)
"""The text under the flashcards page's title, unless the site sets its own."""
LONG_DECK = 500
"""Above this many cards, the browser skips laying out the cards of the list that are off screen."""
PLUGIN_ASSETS = "assets/playbook"
"""Where the plugin's browser code is, from the site root (mkdocs_glue.assets.ASSETS_URI;
tests/test_flashcards_deck.py checks the two agree)."""
STUDY_MODULES = (
    "flashcards.js",
    "dom.js",
    "flashcards-schedule.js",
    "kept-storage.js",
    "on-every-page.js",
    "vendor/ts-fsrs/index.mjs",
)
"""The study mode's module, then every module it imports (tests/test_flashcards_deck.py reads
the imports to check): preloaded at once, study starts while a long deck's list still loads."""


@dataclass(frozen=True)
class Published:
    """Where things are, as the build sees them."""

    deck_name: str
    page_url: str
    """Site-root-relative URL of the flashcards page, e.g. ``flashcards/``."""
    site_url: str | None
    downloads: Sequence[tuple[str, str, str]]
    """(label, Markdown link target relative to the page source, description)."""
    identity: DeckIdentity
    """The site's Anki ids, note GUID namespace and storage prefix."""
    intro: str = DEFAULT_INTRO
    """The text under the page's title; ``{count}`` stands for the number of cards."""
    guide: str | None = None
    """Markdown link to the authoring guide's flashcards section, when the site has one."""


def root_prefix(page_url: str) -> str:
    """From a page to the site root: ``flashcards/`` → ``../``; ``flashcards.html`` → ``""``."""
    return "../" * page_url.count("/")


def _entities(text: str) -> str:
    """Text safe in a Markdown heading: every punctuation character as a numeric entity."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text)


def section_id(section: Section) -> str:
    return "fc-" + slug(section.key)


def _back_html(card: Card, prefix: str) -> str:
    """A card's answer and the link to where it comes from, as the list and the panel show it."""
    source = html.escape(prefix + card.section.url, quote=True)
    label = html.escape(card.section.label)
    return (
        f"{relink(card.back_html, prefix)}\n"
        f'<p class="playbook-cards-source">Source: <a href="{source}">{label}</a></p>'
    )


def _card_html(card: Card, prefix: str) -> str:
    return (
        f'<div class="playbook-cards-card" id="card-{card.id}" data-card="{card.id}">\n'
        f'<dt class="playbook-cards-front">{relink(card.front_html, prefix)}</dt>\n'
        f'<dd class="playbook-cards-back">{_back_html(card, prefix)}</dd>\n'
        "</div>"
    )


def study_panel_html(
    deck: Deck, prefix: str, params: SchedulerParams, *, storage_prefix: str
) -> str:
    """The study mode's markup, showing the first card (question and hidden answer) as a new
    reader meets it: drawn by the build so the page never shifts when ``flashcards.js`` brings it
    to life in place, and so study can start before a long deck's list has arrived (the module
    is loaded right after the panel, ``async``).

    ``prefix`` leads from the page to the site root; ``storage_prefix`` starts the key of every
    ``localStorage`` entry the study mode writes, so each site on an origin keeps its own progress.
    """
    if not storage_prefix:
        raise ValueError("storage_prefix must not be empty: keys would mix with other apps' keys")
    count = len(deck.cards)
    options = [f'<option value="">All sections ({count})</option>']
    for section in deck.sections:
        size = sum(1 for card in deck.cards if card.section == section)
        options.append(
            f'<option value="{html.escape(section.key, quote=True)}">'
            f"{html.escape(section.label)} ({size})</option>"
        )
    first = deck.cards[0] if deck.cards else None  # the first of the list, too
    position = f"{count} due · {html.escape(first.section.label)}" if first else ""
    front = relink(first.front_html, prefix) if first else ""
    back = _back_html(first, prefix) if first else ""
    drawn = f' data-card="{first.id}"' if first else ""
    grades = "".join(
        f'<button type="button" class="md-button playbook-cards-grade" data-grade="{grade}">'
        f"{grade.title()} <kbd>{n}</kbd> <small></small></button>"
        for n, grade in enumerate(GRADES, start=1)
    )
    parts = [
        '<section class="playbook-cards-app" aria-label="Study mode" data-search-exclude '
        f'data-storage-prefix="{html.escape(storage_prefix, quote=True)}">',
        '<div class="playbook-cards-toolbar"><label for="playbook-cards-section">Section </label>',
        f'<select id="playbook-cards-section">{"".join(options)}</select>',
        '<label class="playbook-cards-check"><input type="checkbox" id="playbook-cards-shuffle"> '
        "Shuffle</label>",
        '<button type="button" class="md-button" data-action="reset">Reset progress</button></div>',
        # The question names the cards the filter shows; flashcards.js writes it on opening.
        '<p class="playbook-cards-confirm" hidden><span '
        'id="playbook-cards-confirm-question"></span> ',
        '<button type="button" class="md-button playbook-cards-danger" data-action="confirm" '
        'aria-describedby="playbook-cards-confirm-question">Yes, reset</button> ',
        '<button type="button" class="md-button" data-action="cancel" '
        'aria-describedby="playbook-cards-confirm-question">Cancel</button></p>',
        '<p class="playbook-cards-stats" id="playbook-cards-stats">Due now: '
        f"<strong data-due>{count}</strong> · Learned: <strong data-learned>0</strong> of "
        f"<strong data-total>{count}</strong></p>",
        f'<progress id="playbook-cards-bar" max="{max(count, 1)}" value="0" aria-label="Cards '
        'learned" aria-describedby="playbook-cards-learned-rule"></progress>',
        f'<p class="playbook-cards-rule" id="playbook-cards-learned-rule">{learned_rule(params)}'
        "</p>",
        f'<div class="playbook-cards-view" tabindex="0" role="group"{drawn} '
        'aria-roledescription="flashcard">',
        f'<p class="playbook-cards-position">{position}</p><div '
        f'class="playbook-cards-view-front">{front}</div>',
        f'<div class="playbook-cards-view-back" hidden>{back}</div>',
        # What a finger can do once the answer shows (touch screens only, flashcards.css).
        '<p class="playbook-cards-swipe" aria-hidden="true" hidden><span data-swipe-to="again">'
        "&lsaquo; Again</span> <span>swipe</span> <span "
        'data-swipe-to="good">Good &rsaquo;</span></p></div>',
        '<div class="playbook-cards-empty" hidden><p></p>',
        '<button type="button" class="md-button" data-action="ahead">'
        "Study the next card anyway</button></div>",
        '<div class="playbook-cards-actions">',
        '<button type="button" class="md-button md-button--primary playbook-cards-flip">'
        "Show answer <kbd>Space</kbd></button>",
        '<button type="button" class="md-button playbook-cards-undo" data-action="undo" hidden>'
        "Undo last grade <kbd>U</kbd></button>",
        '<div class="playbook-cards-grades" role="group" aria-label="How well did you know it?" '
        "hidden>",
        f"{grades}</div></div>",
        # Key hints for keyboards, what a finger does for touch screens (flashcards.css).
        '<p class="playbook-cards-help"><span class="playbook-keys-hint">Keys: <kbd>Space</kbd> or '
        "<kbd>Enter</kbd> flips the card, <kbd>1</kbd>&ndash;<kbd>4</kbd> grade it, "
        "<kbd>U</kbd> undoes the last grade.</span>"
        '<span class="playbook-touch-hint">Tap the card to flip it, then tap how well you knew '
        "it, or swipe the card: right for Good, left for Again.</span></p>",
        '<p class="playbook-cards-note" data-storage hidden>This browser does not let the page '
        "save "
        "progress, so it lasts until you leave the page.</p>",
        '<p class="playbook-cards-status playbook-cards-sr-only" role="status" '
        'aria-live="polite"></p>',
        "</section>",
        study_loader(prefix),
    ]
    return "".join(parts)


def study_loader(prefix: str) -> str:
    """The study mode's modules, fetched together, and the module run as soon as it is there
    (``async``), not once the page has finished loading as the plugin's other scripts are.

    The preloads ask for low priority: the page's first paint needs none of them. At the
    browser's default (high, as for a blocking script) Lighthouse counts each as holding up the
    first paint: 1.78 s on a simulated phone, against 1.50 s without them or at low priority."""
    urls = [html.escape(f"{prefix}{PLUGIN_ASSETS}/{module}") for module in STUDY_MODULES]
    preloads = "".join(
        f'<link rel="modulepreload" fetchpriority="low" href="{url}">' for url in urls
    )
    return f'{preloads}<script type="module" async src="{urls[0]}"></script>'


STUDY_ROOT = '<div class="playbook-cards-study"></div>'
"""Where the study mode goes in the rendered page: Markdown keeps a raw HTML block as it is."""


def page_markdown(published: Published, params: SchedulerParams, title: str) -> str:
    """The generated page's Markdown: title, introduction, downloads and rules, with a place
    for the study mode; the cards are added to the rendered page by :func:`fill_page`."""
    lines = [
        f"# {_entities(title)}",
        "",
        published.intro,
        "",
        STUDY_ROOT,
        "",
        "## Downloads",
        "",
    ]
    lines += [f"- [{label}]({target}): {about}" for label, target, about in published.downloads]
    lines += ["", "## How the schedule works", "", describe(params), ""]
    if published.guide:
        lines += [f"To add cards, see the [authoring guide]({published.guide}).", ""]
    lines += ["## All cards", ""]
    return "\n".join(lines)


def description(deck: Deck, published: Published) -> str:
    """The page's meta description."""
    return (
        f"Drill {len(deck.cards)} flashcards from {len(deck.sections)} sections of "
        f"{' '.join(published.deck_name.split())} with spaced repetition in your browser, "
        "print them, or take them to Anki."
    )


def fill_page(
    rendered: str,
    deck: Deck,
    published: Published,
    params: SchedulerParams,
    notice: str = "",
    permalink: str = "",
) -> str:
    """The rendered page with the deck: ``{count}`` in the introduction, the study mode in its
    place, every card at the end (under "All cards"), each section's folded under its heading:
    a closed ``<details>`` is neither styled nor laid out, and on a phone that was most of the
    page's start (its long tasks at CPU x4, per load: layout 465 -> 189 ms, style 378 -> 247).
    A link to a card opens its section, and so does Chromium's find in page; print.css prints
    them open. ``notice`` (HTML) goes under the title: what is wrong, under `mkdocs serve`;
    ``permalink`` (HTML) ends each section's heading, as the site's toc extension ends the
    others."""
    prefix = root_prefix(published.page_url)
    count = len(deck.cards)
    head, found, tail = rendered.partition(STUDY_ROOT)
    if not found:
        raise ValueError(f"the rendered flashcards page lost its study mode's place {STUDY_ROOT}")
    title, closed, intro = head.partition("</h1>")
    head = title + closed + notice + intro.replace("{count}", str(count))
    by_section: dict[Section, list[Card]] = {section: [] for section in deck.sections}
    for card in deck.cards:
        by_section[card.section].append(card)
    # What study mode needs before the list below has arrived: every card's id, in the list's
    # order, and the sections the list is made of (a long deck's page takes a while to parse).
    study = {
        "version": SCHEMA_VERSION,
        "storage": published.identity.storage_prefix,
        "deck": published.deck_name,
        "scheduler": params.to_json(),
        "sections": [
            {"key": section.key, "label": section.label, "size": len(cards)}
            for section, cards in by_section.items()
        ],
        "cards": " ".join(card.id for cards in by_section.values() for card in cards),
    }
    study_attr = json_attribute(study)
    panel = study_panel_html(deck, prefix, params, storage_prefix=published.identity.storage_prefix)
    parts = [
        head,
        f'<div class="playbook-cards-study" data-flashcards="{study_attr}" data-count="{count}">',
        "<noscript>",
        '<p class="playbook-cards-nojs">Study mode needs JavaScript; every card is listed '
        "below.</p>",
        "</noscript>",
        panel,
        "</div>",
        tail,
    ]
    long_list = " playbook-cards-list--long" if count > LONG_DECK else ""
    for section in deck.sections:
        label = html.escape(section.label, quote=True)
        anchor = section_id(section)
        link = (
            f'<a class="headerlink" href="#{anchor}" title="Permanent link">{permalink}</a>'
            if permalink
            else ""
        )
        cards = by_section[section]
        parts.append(f'<h3 id="{anchor}">{label}{link}</h3>')
        parts.append(
            f'<details class="playbook-cards-deck"><summary>{_how_many(len(cards))}</summary>'
        )
        parts.append(
            f'<dl class="playbook-cards-list{long_list}" data-section="{html.escape(section.key)}" '
            f'data-label="{label}">'
        )
        parts += [_card_html(card, prefix) for card in cards]
        parts.append("</dl></details>")
    return "\n".join(parts)


def _how_many(count: int) -> str:
    return f"{count} card" if count == 1 else f"{count} cards"


def _dump(data: Any) -> str:
    """JSON that stays inert even if pasted into HTML: ``<``, ``>``, ``&`` as escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def deck_json(deck: Deck, published: Published, params: SchedulerParams) -> str:
    """``flashcards.json``: schema version 1, documented in the authoring guide."""
    data = {
        "format": FORMAT,
        "version": SCHEMA_VERSION,
        "deck": {
            "name": published.deck_name,
            "site_url": published.site_url,
            "page": published.page_url,
            "anki": {
                "deck_id": published.identity.deck_id,
                "model_id": published.identity.model_id,
            },
            "storage_prefix": published.identity.storage_prefix,
        },
        "scheduler": params.to_json(),
        "sections": [
            {
                "key": section.key,
                "page": section.page,
                "title": section.title,
                "label": section.label,
                "anchor": section.anchor,
                "url": section.url,
            }
            for section in deck.sections
        ],
        "cards": [
            {
                "id": card.id,
                "guid": note_guid(card.id, published.identity.guid_namespace),
                "section": card.section.key,
                "tags": card.tags,
                "front": card.front,
                "front_html": card.front_html,
                "back_html": card.back_html,
                "source": {"page": card.page, "line": card.line, "url": card.section.url},
            }
            for card in deck.cards
        ],
    }
    return _dump(data)


def anki_notes(deck: Deck, site_url: str | None, identity: DeckIdentity) -> list[Note]:
    """Notes with links made absolute (or dropped when the site has no ``site_url``)."""
    prefix = site_url.rstrip("/") + "/" if site_url else None
    notes = []
    for card in deck.cards:
        label = html.escape(card.section.label)
        source = label
        if prefix:
            source = f'<a href="{html.escape(prefix + card.section.url)}">{label}</a>'
        notes.append(
            Note(
                guid=note_guid(card.id, identity.guid_namespace),
                front=relink(card.front_html, prefix),
                back=relink(card.back_html, prefix),
                source=source,
                tags=tuple(card.tags),
            )
        )
    return notes


def _tsv_field(value: str) -> str:
    if value.startswith("#") or any(char in value for char in '\t\n\r"'):
        return '"' + value.replace('"', '""') + '"'
    return value


def deck_tsv(notes: Sequence[Note], deck_name: str) -> str:
    """Anki's text import: headers say tab-separated HTML, which column is the GUID and tags."""
    header = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:{deck_name.replace(chr(10), ' ')}",
        "#guid column:1",
        "#tags column:4",
        "#columns:GUID\tFront\tBack\tTags",
    ]
    rows = [
        "\t".join(
            _tsv_field(value)
            for value in (
                note.guid,
                note.front,
                f'{note.back}<p class="source">{note.source}</p>',
                " ".join(note.tags),
            )
        )
        for note in notes
    ]
    return "\n".join(header + rows) + "\n"
