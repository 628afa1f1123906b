"""The flashcards' MkDocs events: the generated page and downloads, and the cards read from
the rendered pages.

The page and its downloads exist only where the site asks for them: a page of the site has a
heading one of the sources names (every "Question Bank" heading when ``sources`` is empty), or
the site's ``nav`` lists the page (``page``, ``flashcards.md`` by default). Otherwise the
feature adds nothing, and says why in one line: an INFO line with the default source, a warning
when the site's own ``sources`` match no heading.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.feature import Build, DeckSection, Feature, PublishedDeck
from mkdocs_playbook.flashcards.anki import apkg_bytes
from mkdocs_playbook.flashcards.config import FlashcardsConfig
from mkdocs_playbook.flashcards.deck import Deck, build_deck
from mkdocs_playbook.flashcards.exports import (
    DEFAULT_INTRO,
    Published,
    anki_notes,
    deck_json,
    deck_tsv,
    description,
    fill_page,
    page_markdown,
    section_id,
)
from mkdocs_playbook.flashcards.extract import Item, Problem, SourceRule, extract
from mkdocs_playbook.flashcards.headings import markdown_headings
from mkdocs_playbook.flashcards.identity import deck_identity
from mkdocs_playbook.flashcards.scheduling import SchedulerParams
from mkdocs_playbook.mkdocs_glue.generated import (
    add_generated,
    add_to_toc,
    rendered_page,
    toc_entry,
)
from mkdocs_playbook.mkdocs_glue.markdown import ensure_extensions
from mkdocs_playbook.mkdocs_glue.pages import clean_sources

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.flashcards"
DEFAULT_SOURCE = SourceRule("Question Bank")


def rules_of(options: FlashcardsConfig) -> list[SourceRule]:
    rules = [
        SourceRule(source.heading, source.page, source.subsections) for source in options.sources
    ]
    return rules or [DEFAULT_SOURCE]


def _in_nav(nav: Any, uri: str) -> bool:
    """Whether the site's ``nav`` (as written in mkdocs.yml) lists the page at ``uri``."""
    if isinstance(nav, str):
        return nav.lstrip("/") == uri
    if isinstance(nav, dict):
        return any(_in_nav(value, uri) for value in nav.values())
    if isinstance(nav, list):
        return any(_in_nav(item, uri) for item in nav)
    return False


def source_heading_found(files: Files, rules: list[SourceRule]) -> bool:
    """Whether a page's Markdown has a heading one of ``rules`` matches (before rendering)."""
    for file in files.documentation_pages():
        if file.generated_by is not None or not file.abs_src_path:
            continue
        if not any(rule.page is None or rule.page == file.src_uri for rule in rules):
            continue
        try:
            markdown = file.content_string
        except (OSError, ValueError):
            continue
        for heading in markdown_headings(markdown):
            if any(rule.matches(file.src_uri, heading) for rule in rules):
                return True
    return False


def _docs_path(config: MkDocsConfig, problem: Problem) -> str:
    """``docs/page.md:12: message``, with the docs folder as the author sees it."""
    docs = Path(config.docs_dir)
    try:
        shown = docs.relative_to(Path(config.config_file_path).parent)
    except ValueError:
        shown = docs
    return f"{(shown / problem.page).as_posix()}:{problem.line}: {problem.message}"


def _permalink(config: MkDocsConfig) -> str:
    """The symbol the site's toc extension ends headings with, if any (HTML)."""
    if "toc" not in config.markdown_extensions:
        return ""
    permalink = config.mdx_configs.get("toc", {}).get("permalink", False)
    return "&para;" if permalink is True else str(permalink or "")


def _timestamp(pages: Iterable[File]) -> int:
    """SOURCE_DATE_EPOCH when set; else the newest source page's mtime: same tree, same bytes."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned.isdigit():
        return int(pinned)
    times = [int(os.stat(f.abs_src_path).st_mtime) for f in pages if f.abs_src_path]
    return max(times, default=0)


def collect(
    files: Files, config: MkDocsConfig, options: FlashcardsConfig, in_place: bool = False
) -> tuple[Deck, list[File], list[str]]:
    """Read every rendered source page, build the cards and fail on what cannot become a card;
    or, ``in_place`` (under `mkdocs serve`), leave it out and return what is wrong with it."""
    rules = rules_of(options)
    named = {rule.page for rule in rules if rule.page is not None}
    everywhere = any(rule.page is None for rule in rules)
    items: list[Item] = []
    problems: list[Problem] = []
    matched: set[SourceRule] = set()
    pages: list[File] = []
    for file in files.documentation_pages():
        if file.generated_by is not None or not (everywhere or file.src_uri in named):
            continue  # generated pages (this one, the cheat sheet) only copy the site's pages
        if file.page is None or file.page.content is None:
            continue
        found = extract(file.page.content, file.content_string, file.src_uri, rules)
        problems += found.problems
        matched |= found.matched
        if found.items:
            pages.append(file)
            items += found.items
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
    items.sort(key=lambda item: item.order)  # stable: pages and lines keep their order
    deck = build_deck(items, {file.src_uri: file.url for file in files})
    for warning in deck.warnings:
        log.warning("playbook flashcards: %s", _docs_path(config, warning))
    return deck, pages, shown


class Flashcards(Feature[FlashcardsConfig]):
    """The deck of one build. Under `mkdocs serve`, an item that cannot become a card is listed
    on the flashcards page instead of stopping the build."""

    def __init__(self, options: FlashcardsConfig, build: Build) -> None:
        super().__init__(options, build)
        try:
            self._params = SchedulerParams(target_retention=options.target_retention)
        except ValueError as error:
            raise PluginError(
                f"playbook flashcards: {OPTION}.target_retention: {error}; 0.9 is FSRS's default."
            ) from None
        self._published: Published | None = None
        self._downloads: dict[str, File] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the flashcards page and its downloads (JSON, TSV, Anki package) to the site, when
        it asks for them; they are filled in once every page is rendered (on_env)."""
        options = self.options
        if not self._asked_for(files, config):
            return files
        # Pages render after this event: they get the extensions and the stylesheet.
        ensure_extensions(config, "def_list", "tables")  # two of the shapes cards are read from
        self.build.stylesheets.append("flashcards.css")  # widgets.js loads flashcards.js
        # The downloads sit beside the page, so its links to them are bare file names.
        stem = Path(options.page).stem
        names = {kind: f"{stem}.{kind}" for kind in ("json", "tsv", "apkg")}
        folder = posixpath.dirname(options.page)
        page_file = self._add(files, config, options.page, "")
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
        self._published = Published(
            deck_name=options.deck_name or config.site_name,
            page_url=page_file.url,
            site_url=config.site_url,
            downloads=downloads,
            identity=identity,
            intro=options.intro or DEFAULT_INTRO,
            guide=self._guide(files, page_file.src_uri),
        )
        page_file.content_string = page_markdown(self._published, self._params, options.title)
        for kind, name in names.items():
            self._downloads[kind] = self._add(files, config, posixpath.join(folder, name), b"")
        return files

    def _asked_for(self, files: Files, config: MkDocsConfig) -> bool:
        """A source heading is on a page, or the nav lists the page; if not, say why."""
        if _in_nav(config.nav, self.options.page):
            return True
        if source_heading_found(files, rules_of(self.options)):
            return True
        if self.options.sources:
            log.warning(
                "playbook flashcards: no page has a heading that %s.sources names, so there is "
                "no flashcards page (check the headings, or list %s in nav to have the page "
                "anyway)",
                OPTION, self.options.page,
            )  # fmt: skip
        else:
            log.info(
                "playbook flashcards: no page has a %r heading, so there is no flashcards page "
                "(name other headings in %s.sources, or list %s in nav)",
                DEFAULT_SOURCE.heading, OPTION, self.options.page,
            )  # fmt: skip
        return False

    def _guide(self, files: Files, page: str) -> str | None:
        """The link, relative to the flashcards page, to the page the site names as its guide to
        writing cards; a page that is not in the site is an author error (a link that would
        break)."""
        guide = self.options.guide
        if guide is None:
            return None
        path, hash_, anchor = guide.partition("#")
        if files.get_file_from_path(path) is None:
            raise PluginError(
                f"playbook flashcards: {OPTION}.guide names {guide}, which is not a page of the "
                "site: give a path under docs/ (with an optional #anchor), or leave it out."
            )
        return posixpath.relpath(path, posixpath.dirname(page) or ".") + hash_ + anchor

    def _add(self, files: Files, config: MkDocsConfig, uri: str, content: str | bytes) -> File:
        return add_generated(
            files, config, uri, content,
            feature="flashcards", maker="the flashcards feature", option=f"{OPTION}.page",
        )  # fmt: skip

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Read the cards from the rendered pages, fill the flashcards page and the downloads,
        and cut code-running markup out of the source pages, as it is out of the cards."""
        published = self._published
        if published is None:
            return  # the site does not ask for the page (on_files said why)
        deck, pages, shown = collect(files, config, self.options, self.build.serving)
        clean_sources(files, [file.src_uri for file in pages], "flashcards")
        page = rendered_page(files, self.options.page)
        notice = error_box("deck", shown) if shown else ""
        page.content = fill_page(
            page.content or "", deck, published, self._params, notice, _permalink(config)
        )
        page.meta["description"] = description(deck, published)
        # Each section's heading in the table of contents, under the page's last: All cards.
        entries = [toc_entry(section.label, section_id(section), 3) for section in deck.sections]
        add_to_toc(page, entries, under_last_section=True)
        identity = published.identity
        notes = anki_notes(deck, config.site_url, identity)
        self._downloads["json"].content_string = deck_json(deck, published, self._params)
        self._downloads["tsv"].content_string = deck_tsv(notes, published.deck_name)
        apkg = apkg_bytes(notes, published.deck_name, _timestamp(pages), identity)
        self._downloads["apkg"].content_bytes = apkg
        self.build.flashcards = PublishedDeck(
            page_url=published.page_url,
            storage_prefix=identity.storage_prefix,
            scheduler=self._params.to_json(),
            sections=tuple(
                DeckSection(
                    section.key,
                    section.label,
                    tuple(card.id for card in deck.cards if card.section == section),
                )
                for section in deck.sections
            ),
        )
        log.info("playbook flashcards: %d cards from %d pages", len(deck.cards), len(pages))
