"""The ``playbook`` MkDocs plugin: a thin adapter from MkDocs events to the pure modules."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from playbook.calculators import mkdocs_adapter as calculator_events
from playbook.cheatsheet import mkdocs_adapter as cheatsheet_adapter
from playbook.cheatsheet.pdf import PdfJob
from playbook.chromium import ChromiumSession
from playbook.diagrams import mkdocs_adapter as diagrams_adapter
from playbook.diagrams.library import DiagramSetupError, check_mermaid_library
from playbook.flashcards import mkdocs_adapter as flashcards_adapter
from playbook.mkdocs_assets import ASSETS_DIR, ASSETS_URI, add_to_every_page
from playbook.quality.material_markup import fix_material_markup

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookConfig(base.Config):
    """Options under ``plugins: - playbook:`` in mkdocs.yml."""

    check_mermaid = c.Type(bool, default=True)
    """Fail the build unless mermaid2 serves Mermaid from the site itself."""
    chromium = c.Optional(c.Type(str))
    """Chromium or Chrome for diagrams and PDFs; /usr/bin/chromium or the first on PATH."""
    diagrams = c.SubConfig(diagrams_adapter.DiagramsConfig)
    calculators = c.SubConfig(calculator_events.CalculatorsConfig)
    flashcards = c.SubConfig(flashcards_adapter.FlashcardsConfig)
    cheatsheet = c.SubConfig(cheatsheet_adapter.CheatSheetConfig)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Wires the playbook features into MkDocs; the logic lives in sibling modules."""

    def __init__(self) -> None:
        super().__init__()
        self._command = "build"
        self._pdf_job: PdfJob | None = None
        self._chromium = ChromiumSession()
        self._diagrams: diagrams_adapter.Diagrams | None = None

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
        # One browser per build, shared by the diagrams and the PDFs, started on first use.
        self._chromium = ChromiumSession(self.config.chromium)
        self._pdf_job = None
        if self.config.check_mermaid:
            self._check_mermaid(config)
        add_to_every_page(
            config,
            "playbook.css",
            "print.css",
            "accessibility.css",
            "print.js",
            "accessibility.js",
            "widgets.js",
        )
        self._diagrams = diagrams_adapter.Diagrams(self.config.diagrams, self._chromium)
        self._diagrams.on_config(config)
        calculator_events.on_config(self.config.calculators, config)
        flashcards_adapter.on_config(config, self.config.flashcards)
        cheatsheet_adapter.on_config(config, self.config.cheatsheet)
        if self.config.cheatsheet.pdf and self._command != "build":
            log.info("playbook cheat sheet: PDFs are rendered by `mkdocs build` only")
        return config

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self._diagrams is not None:
            self._diagrams.on_page_markdown(markdown, page, config)
        return calculator_events.on_page_markdown(self.config.calculators, markdown, page, config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for asset in sorted(ASSETS_DIR.rglob("*")):
            if asset.is_file():
                uri = f"{ASSETS_URI}/{asset.relative_to(ASSETS_DIR).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        files = flashcards_adapter.on_files(files, config, self.config.flashcards)
        return cheatsheet_adapter.on_files(files, config, self.config.cheatsheet, self._with_pdfs())

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self._with_pdfs():
            pages = [page.file.src_uri for page in nav.pages]
            self._pdf_job = cheatsheet_adapter.pdf_job(files, config, self.config.cheatsheet, pages)
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return flashcards_adapter.on_page_content(html, page, self.config.flashcards)

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        cheatsheet_adapter.on_env(files, self.config.cheatsheet)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if self._diagrams is not None:
                self._diagrams.on_post_build()
            if self._pdf_job is not None:
                cheatsheet_adapter.render_pdfs(self._pdf_job, self._chromium)
        finally:
            self._chromium.close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """Rebuild when the plugin's own scripts and styles change, as for a page."""
        server.watch(str(ASSETS_DIR))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._chromium.close()

    def on_shutdown(self) -> None:
        self._chromium.close()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return fix_material_markup(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates are the 404 page and the sitemap; only HTML needs the fix.
        if template_name.endswith(".html"):
            return fix_material_markup(output_content)
        return output_content

    @staticmethod
    def _check_mermaid(config: MkDocsConfig) -> None:
        mermaid2 = config.plugins.get("mermaid2")
        if mermaid2 is None:
            raise PluginError("playbook: the mermaid2 plugin must be enabled to draw diagrams.")
        javascript = mermaid2.config.get("javascript")
        try:
            path = check_mermaid_library(javascript, Path(config.docs_dir))
        except DiagramSetupError as error:
            raise PluginError(f"playbook: {error}") from None
        log.debug("Mermaid served from %s", path)
