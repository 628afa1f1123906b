"""The flashcards feature's only contact with MkDocs: options, files, rendering, errors."""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from playbook.author_errors import error_box
from playbook.flashcards.anki import apkg_bytes
from playbook.flashcards.deck import Deck, Links, build_deck
from playbook.flashcards.exports import (
    DEFAULT_INTRO,
    Published,
    anki_notes,
    deck_json,
    deck_tsv,
    page_markdown,
)
from playbook.flashcards.extract import Heading, Item, Problem, SourceRule, extract
from playbook.flashcards.identity import deck_identity
from playbook.flashcards.sanitize import neutralize
from playbook.flashcards.scheduling import DEFAULT_PARAMS
from playbook.mkdocs_assets import add_to_every_page
from playbook.mkdocs_markdown import ensure_extensions

log = logging.getLogger("mkdocs.plugins.playbook")

DEFAULT_SOURCE = SourceRule("Question Bank")
GUIDE = "authoring.md"


class FlashcardSource(base.Config):
    heading = c.Type(str)
    """Lists under headings whose text starts with this (case-insensitive) become cards."""
    page = c.Optional(c.Type(str))
    """Only this page (path under docs/); every page when omitted."""
    subsections = c.Type(bool, default=False)
    """Also read the lists of the heading's subsections."""


class AnkiIds(base.Config):
    """The deck's ids in Anki, from the site's name when unset. Keep them once published:
    Anki updates the notes it has by them, instead of adding copies."""

    deck_id = c.Optional(c.Type(int))
    model_id = c.Optional(c.Type(int))
    guid_namespace = c.Optional(c.Type(str))


class FlashcardsConfig(base.Config):
    """Options under ``plugins: - playbook: flashcards:``."""

    enabled = c.Type(bool, default=True)
    page = c.Type(str, default="flashcards.md")
    title = c.Type(str, default="Flashcards")
    deck_name = c.Optional(c.Type(str))
    """The Anki deck's name; the site name when omitted."""
    sources = c.ListOfItems(c.SubConfig(FlashcardSource), default=[])
    """Where cards come from; every "Question Bank" heading when empty."""
    intro = c.Optional(c.Type(str))
    """The text under the page's title (Markdown; ``{count}`` is the number of cards)."""
    storage_prefix = c.Optional(c.Type(str))
    """Where the study mode keeps progress in the browser; from the site's name when unset."""
    anki = c.SubConfig(AnkiIds)


def rules_of(options: FlashcardsConfig) -> list[SourceRule]:
    rules = [
        SourceRule(source.heading, source.page, source.subsections) for source in options.sources
    ]
    return rules or [DEFAULT_SOURCE]


def _docs_path(config: MkDocsConfig, problem: Problem) -> str:
    """``docs/page.md:12: message``, with the docs folder as the author sees it."""
    docs = Path(config.docs_dir)
    try:
        shown = docs.relative_to(Path(config.config_file_path).parent)
    except ValueError:
        shown = docs
    return f"{(shown / problem.page).as_posix()}:{problem.line}: {problem.message}"


def markdown_renderer(config: MkDocsConfig) -> markdown.Markdown:
    """The site's own Markdown setup, without line-number anchors (ids clash on one page)."""
    configs: dict[str, Any] = copy.deepcopy(dict(config.mdx_configs))
    if "pymdownx.highlight" in config.markdown_extensions:
        configs.setdefault("pymdownx.highlight", {})["anchor_linenums"] = False
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=configs)


def _anchors(
    md: markdown.Markdown, page: str, headings: Sequence[Heading]
) -> dict[tuple[str, int], str]:
    """Heading ids exactly as the site's toc extension computes them, in document order."""
    md.reset()
    md.convert("\n\n".join(heading.raw for heading in headings))
    tokens: list[dict[str, Any]] = []
    pending = list(getattr(md, "toc_tokens", []))
    while pending:
        token = pending.pop(0)
        tokens.append(token)
        pending[0:0] = token.get("children", [])
    if len(tokens) != len(headings):
        return {}
    return {(page, h.line): str(t["id"]) for h, t in zip(headings, tokens, strict=True)}


def _timestamp(pages: Iterable[File]) -> int:
    """SOURCE_DATE_EPOCH when set; else the newest source page's mtime: same tree, same bytes."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned.isdigit():
        return int(pinned)
    times = [int(os.stat(f.abs_src_path).st_mtime) for f in pages if f.abs_src_path]
    return max(times, default=0)


def _render(md: markdown.Markdown) -> Callable[[str], str]:
    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render


def collect(
    files: Files, config: MkDocsConfig, options: FlashcardsConfig, in_place: bool = False
) -> tuple[Deck, list[File], list[str]]:
    """Read every source page, render the cards and fail on what cannot become a card; or,
    ``in_place`` (under `mkdocs serve`), leave it out and return what is wrong with it."""
    rules = rules_of(options)
    named = {rule.page for rule in rules if rule.page is not None}
    everywhere = any(rule.page is None for rule in rules)
    md = markdown_renderer(config)
    items: list[Item] = []
    problems: list[Problem] = []
    matched: set[SourceRule] = set()
    anchors: dict[tuple[str, int], str] = {}
    pages: list[File] = []
    for file in files.documentation_pages():
        if file.src_uri == options.page or not (everywhere or file.src_uri in named):
            continue
        found = extract(file.content_string, file.src_uri, rules)
        problems += found.problems
        matched |= found.matched
        if found.items:
            pages.append(file)
            items += found.items
            anchors.update(_anchors(md, file.src_uri, found.headings))
    shown = [_docs_path(config, problem) for problem in problems]
    if problems and not in_place:
        details = "\n".join(f"  {problem}" for problem in shown)
        raise PluginError(
            f"playbook flashcards: {len(problems)} item(s) cannot become cards:\n{details}"
        )
    for problem in shown:
        log.info("playbook flashcards: %s (shown on the page; `mkdocs build` stops on it)", problem)
    for rule in rules:
        if rule.page is not None and rule not in matched:
            missing = files.get_file_from_path(rule.page) is None
            where = "is not in the site" if missing else "has no such heading"
            log.warning(
                "playbook flashcards: the source %r on page %s matched nothing: the page %s "
                "(check plugins.playbook.flashcards.sources in mkdocs.yml)",
                rule.heading, rule.page, where,
            )  # fmt: skip
    links = Links({file.src_uri: file.url for file in files})
    items.sort(key=lambda item: item.order)  # stable: pages and lines keep their order
    deck = build_deck(items, _render(md), links, anchors)
    for warning in deck.warnings:
        log.warning("playbook flashcards: %s", _docs_path(config, warning))
    return deck, pages, shown


class Flashcards:
    """The deck of one build; the plugin makes a new instance for every build."""

    def __init__(self, options: FlashcardsConfig, in_place: bool = False) -> None:
        self.options = options
        self.in_place = in_place
        """Under `mkdocs serve`: an item that cannot become a card is listed on the page."""
        self._source_pages: frozenset[str] = frozenset()
        """Pages that published cards: their rendered HTML is neutralised in on_page_content,
        since the same hostile markup would run there too."""

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.options.enabled:
            return
        # The generated page gives its section headings ids with attribute lists.
        ensure_extensions(config, "attr_list")
        add_to_every_page(config, "flashcards.css")  # widgets.js loads flashcards.js

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the flashcards page and its downloads (JSON, TSV, Anki package) to the site."""
        options = self.options
        if not options.enabled:
            return files
        deck, pages, shown = collect(files, config, options, self.in_place)
        self._source_pages = frozenset(file.src_uri for file in pages)
        stem = Path(options.page).stem
        names = {kind: f"{stem}.{kind}" for kind in ("json", "tsv", "apkg")}
        for uri in (options.page, *names.values()):
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"playbook flashcards: docs/{uri} exists, but the flashcards feature generates "
                    "it; rename that file or set plugins.playbook.flashcards.page to another name."
                )
        page_file = File.generated(config, options.page, content="")
        deck_name = options.deck_name or config.site_name
        downloads = [
            (names["apkg"], names["apkg"], "Anki package. Importing it again later updates the "
             "cards you already have instead of adding copies."),
            (names["tsv"], names["tsv"], "tab-separated text for Anki's File ▸ Import, with "
             "HTML fields, GUIDs and tags."),
            (names["json"], names["json"], "the deck as data (versioned schema)."),
        ]  # fmt: skip
        identity = deck_identity(
            config.site_name,
            deck_id=options.anki.deck_id,
            model_id=options.anki.model_id,
            guid_namespace=options.anki.guid_namespace,
            storage_prefix=options.storage_prefix,
        )
        published = Published(
            deck_name=deck_name,
            page_url=page_file.url,
            site_url=config.site_url,
            downloads=downloads,
            identity=identity,
            intro=options.intro or DEFAULT_INTRO,
            guide=f"{GUIDE}#flashcards" if files.get_file_from_path(GUIDE) is not None else None,
        )
        params = DEFAULT_PARAMS
        page_file.content_string = page_markdown(
            deck, published, params, options.title, notice=error_box("deck", shown) if shown else ""
        )
        files.append(page_file)
        notes = anki_notes(deck, config.site_url, identity)
        files.append(
            File.generated(config, names["json"], content=deck_json(deck, published, params))
        )
        files.append(File.generated(config, names["tsv"], content=deck_tsv(notes, deck_name)))
        apkg = apkg_bytes(notes, deck_name, _timestamp(pages), identity)
        files.append(File.generated(config, names["apkg"], content=apkg))
        log.info("playbook flashcards: %d cards from %d pages", len(deck.cards), len(pages))
        return files

    def on_page_content(self, html: str, page: Page) -> str:
        """Cut code-running markup out of pages that published cards, as the cards are."""
        if page.file.src_uri not in self._source_pages:
            return html
        result = neutralize(html)
        if result.removed:
            log.warning(
                "playbook flashcards: removed %s from %s: markup that can run code is never "
                "published (put it in `code` to show it)",
                ", ".join(dict.fromkeys(result.removed)), page.file.src_uri,
            )  # fmt: skip
        return result.html
