"""The ``playbook`` MkDocs plugin: a thin adapter from MkDocs events to the pure modules.

One line, ``plugins: [search, playbook]``, is all a site needs: every feature sets up the
Markdown extensions and fences it relies on (``mkdocs_markdown``), and only a feature whose
input exists on the site needs anything more (a diagram needs the site's own Mermaid). The
features' state lives on objects made anew for every build (``mkdocs serve`` keeps this plugin
instance across rebuilds), never in module globals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from playbook.calculators import mkdocs_adapter as calculators_adapter
from playbook.cheatsheet import mkdocs_adapter as cheatsheet_adapter
from playbook.cheatsheet.pdf import PdfJob
from playbook.chromium import ChromiumSession
from playbook.diagrams import mkdocs_adapter as diagrams_adapter
from playbook.flashcards import mkdocs_adapter as flashcards_adapter
from playbook.mkdocs_assets import ASSETS_DIR, ASSETS_URI, add_to_every_page
from playbook.mock import mkdocs_adapter as mock_adapter
from playbook.offline import mkdocs_adapter as offline_adapter
from playbook.quality.material_markup import fix_material_markup

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookConfig(base.Config):
    """Options under ``plugins: - playbook:`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Switch the whole plugin off (every feature also has its own ``enabled``)."""
    chromium = c.Optional(c.Type(str))
    """Chromium or Chrome for diagrams and PDFs; /usr/bin/chromium or the first on PATH."""
    diagrams = c.SubConfig(diagrams_adapter.DiagramsConfig)
    calculators = c.SubConfig(calculators_adapter.CalculatorsConfig)
    flashcards = c.SubConfig(flashcards_adapter.FlashcardsConfig)
    cheatsheet = c.SubConfig(cheatsheet_adapter.CheatSheetConfig)
    mock_interview = c.SubConfig(mock_adapter.MockInterviewConfig)
    offline = c.SubConfig(offline_adapter.OfflineConfig)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Wires the playbook features into MkDocs; the logic lives in sibling modules."""

    # One object per feature, made anew by on_config for every build.
    _diagrams: diagrams_adapter.Diagrams
    _calculators: calculators_adapter.Calculators
    _flashcards: flashcards_adapter.Flashcards
    _offline: offline_adapter.Offline

    def __init__(self) -> None:
        super().__init__()
        self._command = "build"
        self._pdf_job: PdfJob | None = None
        self._chromium = ChromiumSession()

    def _new_build(self) -> None:
        """Fresh state for a build: one browser (diagrams and PDFs share it, started on first
        use) and one object per feature."""
        self._pdf_job = None
        self._chromium = ChromiumSession(self.config.chromium)
        # Under `mkdocs serve`, a mistake in a page's content (a calculator, a diagram, a card,
        # a cheat-sheet section) is shown on the page being edited; `mkdocs build` stops on it.
        in_place = self._command == "serve"
        self._diagrams = diagrams_adapter.Diagrams(self.config.diagrams, self._chromium, in_place)
        self._calculators = calculators_adapter.Calculators(self.config.calculators, in_place)
        self._flashcards = flashcards_adapter.Flashcards(self.config.flashcards, in_place)
        self._offline = offline_adapter.Offline(
            self.config.offline, self._command, self.config.diagrams
        )

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def _with_pdfs(self) -> bool:
        """PDFs take seconds per page: rendered by `mkdocs build` only, never on every reload."""
        return (
            self._command == "build"
            and cheatsheet_adapter.active(self.config.cheatsheet)
            and self.config.cheatsheet.pdf
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self._new_build()
        add_to_every_page(
            config,
            "playbook.css",
            "print.css",
            "accessibility.css",
            "print.js",
            "accessibility.js",
            "search.js",
            "widgets.js",
        )
        self._diagrams.on_config(config)
        self._calculators.on_config(config)
        self._flashcards.on_config(config)
        cheatsheet_adapter.on_config(config, self.config.cheatsheet)
        mock_adapter.on_config(config, self.config.mock_interview)
        self._offline.on_config(config)
        if self.config.cheatsheet.pdf and self._command != "build":
            log.info("playbook cheat sheet: PDFs are rendered by `mkdocs build` only")
        return config

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config.enabled:
            return markdown
        self._diagrams.on_page_markdown(markdown, page, config)
        return self._calculators.on_page_markdown(markdown, page, config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for asset in sorted(ASSETS_DIR.rglob("*")):
            if asset.is_file():
                uri = f"{ASSETS_URI}/{asset.relative_to(ASSETS_DIR).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        files = self._flashcards.on_files(files, config)
        files = mock_adapter.on_files(files, config, self.config.mock_interview)
        files = self._offline.on_files(files)
        return cheatsheet_adapter.on_files(files, config, self.config.cheatsheet, self._with_pdfs())

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.enabled and self._with_pdfs():
            pages = [page.file.src_uri for page in nav.pages]
            self._pdf_job = cheatsheet_adapter.pdf_job(files, config, self.config.cheatsheet, pages)
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        self._calculators.on_page_content()
        return html

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # MkDocs renders every page's Markdown before this event: the sections are all there.
        if self.config.enabled:
            # First: the flashcards cut code-running markup out of their source pages, before
            # anything copies from them.
            self._flashcards.on_env(files, config)
            cheatsheet_adapter.on_env(files, self.config.cheatsheet, self._command == "serve")
            mock_adapter.on_env(files, config, self.config.mock_interview, self._command == "serve")
        return env

    # Last: the PDFs print the finished site, with what other plugins write after the pages
    # (the search index, the sitemap).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            self._diagrams.on_post_build()
            if self._pdf_job is not None:
                cheatsheet_adapter.render_pdfs(self._pdf_job, self._chromium)
            # After the PDFs: the service worker lists every file of the finished site.
            self._offline.on_post_build(config)
        finally:
            self._chromium.close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """Rebuild when the plugin's own scripts and styles change, as for a page."""
        if self.config.enabled:
            server.watch(str(ASSETS_DIR))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._chromium.close()

    def on_shutdown(self) -> None:
        self._chromium.close()

    # Last: mermaid2 re-serialises the pages it adds Mermaid to with BeautifulSoup, so the
    # repair of Material's markup must come after it to hold.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        return self._offline.on_post_page(fix_material_markup(output), page)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates are the 404 page and the sitemap; only HTML needs the fix.
        if self.config.enabled and template_name.endswith(".html"):
            fixed = fix_material_markup(output_content)
            return self._offline.on_post_template(fixed, template_name)
        return output_content
