"""The ``playbook`` MkDocs plugin: a thin adapter from MkDocs events to the features.

One line, ``plugins: [search, playbook]``, is all a site needs: every feature sets up the
Markdown extensions and fences it relies on, and only a feature whose input exists on the site
needs anything more (a diagram needs the site's own Mermaid). Each feature is a package of the
same shape (``feature.py`` says which); the plugin makes the enabled ones anew for every build
(``mkdocs serve`` keeps this plugin instance across rebuilds) and hands each MkDocs event to
them in the order of ``FEATURES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_playbook.calculators.feature import Calculators
from mkdocs_playbook.cheatsheet.feature import CheatSheet
from mkdocs_playbook.config import PlaybookConfig
from mkdocs_playbook.core.chromium import ChromiumSession
from mkdocs_playbook.core.material_markup import fix_material_markup
from mkdocs_playbook.core.row_links import RowLinksExtension
from mkdocs_playbook.diagrams.feature import Diagrams
from mkdocs_playbook.feature import Build, Feature
from mkdocs_playbook.flashcards.feature import Flashcards
from mkdocs_playbook.mkdocs_glue.assets import (
    ASSETS_DIR,
    ASSETS_URI,
    STYLESHEET,
    add_to_every_page,
    stylesheet_file,
)
from mkdocs_playbook.mock.feature import MockInterview
from mkdocs_playbook.offline.feature import Offline
from mkdocs_playbook.progress.feature import Progress
from mkdocs_playbook.search.feature import Search

FEATURES: tuple[tuple[str, type[Feature[Any]]], ...] = (
    # Fences first: pages are rendered with drawn diagrams and live calculators. Diagrams also
    # say where Mermaid is served from, which offline reads.
    ("diagrams", Diagrams),
    ("calculators", Calculators),
    # Before anything copies from the rendered pages (on_env): the flashcards cut markup that
    # can run code out of their source pages, which the mock interview and the cheat sheet
    # then copy from.
    ("flashcards", Flashcards),
    ("mock_interview", MockInterview),
    # Its PDFs (on_post_build) print the finished site, after the diagrams' browser page closed.
    ("cheatsheet", CheatSheet),
    # After the flashcards and the mock interview, which publish (on Build) what the progress
    # page reads of the reader's storage by on_env; and after the cheat sheet, the last to copy
    # from pages, so the marker it leaves on tracked pages is copied nowhere.
    ("progress", Progress),
    ("search", Search),
    # Last: the service worker lists every file the others wrote, PDFs included.
    ("offline", Offline),
)
"""Every feature by its option name, in the order each MkDocs event reaches them."""

SITE_STYLESHEETS = ("playbook.css", "print.css", "accessibility.css")
SITE_SCRIPTS = ("print.js", "accessibility.js")
"""On every page, whatever the features: the site's print and accessibility fixes."""
WIDGET_LOADER = "widgets.js"
"""Loads each feature's widget script on the pages that have its markup."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Wires the playbook features into MkDocs; the logic lives in the feature packages."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = False
        self._build = Build(serving=False, chromium=ChromiumSession())
        self._features: list[Feature[Any]] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            self._features = []
            return config
        # Fresh state for every build: one browser (diagrams and PDFs share it, started on
        # first use) and one object per enabled feature.
        self._build = Build(
            serving=self._serving,
            chromium=ChromiumSession(self.config.chromium),
            stylesheets=list(SITE_STYLESHEETS),
        )
        self._features = [
            kind(options, self._build)
            for name, kind in FEATURES
            if kind.wanted(options := self.config[name])
        ]
        add_to_every_page(config, *SITE_SCRIPTS, WIDGET_LOADER)
        config.extra_css.append(STYLESHEET)  # the features' stylesheets, as one file
        # A site that offers a permalink on every heading gets one on every anchored table row.
        if "toc" in config.markdown_extensions and config.mdx_configs.get("toc", {}).get(
            "permalink"
        ):
            config.markdown_extensions.append(RowLinksExtension())  # type: ignore[arg-type]
        for feature in self._features:
            feature.on_config(config=config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        # Scripts and vendored modules as they are; the stylesheets only within STYLESHEET.
        for asset in sorted(ASSETS_DIR.rglob("*")):
            if asset.is_file() and not (asset.parent == ASSETS_DIR and asset.suffix == ".css"):
                uri = f"{ASSETS_URI}/{asset.relative_to(ASSETS_DIR).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        for feature in self._features:
            files = feature.on_files(files, config=config)
        # After the features: one adds its stylesheet only once it knows the site needs it.
        files.append(stylesheet_file(config, self._build.stylesheets))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for feature in self._features:
            feature.on_nav(nav, config=config, files=files)
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        for feature in self._features:
            markdown = feature.on_page_markdown(markdown, page=page, config=config)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for feature in self._features:
            html = feature.on_page_content(html, page=page, config=config)
        return html

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # MkDocs renders every page's Markdown before this event: the sections are all there.
        for feature in self._features:
            feature.on_env(config=config, files=files)
        return env

    # Last: mermaid2 re-serialises the pages it adds Mermaid to with BeautifulSoup, so the
    # repair of Material's markup must come after it to hold.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        output = fix_material_markup(output)
        for feature in self._features:
            output = feature.on_post_page(output, page=page, config=config)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Static templates are the 404 page and the sitemap; only HTML needs the fix.
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        output = fix_material_markup(output_content)
        for feature in self._features:
            output = feature.on_post_template(output, template_name=template_name, config=config)
        return output

    # Last: the PDFs print the finished site, with what other plugins write after the pages
    # (the search index, the sitemap), and the service worker lists it all.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            for feature in self._features:
                feature.on_post_build(config=config)
        finally:
            self._close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """Rebuild when the plugin's own scripts and styles change, as for a page."""
        if self.config.enabled:
            server.watch(str(ASSETS_DIR))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def on_shutdown(self) -> None:
        self._close()

    def _close(self) -> None:
        for feature in self._features:
            feature.close()
        self._build.chromium.close()
