"""The diagrams' MkDocs events: the ```mermaid fence, drawn to SVG while the page is rendered.

Each fence is drawn for the light and the dark palette (cached, so an unchanged diagram costs no
browser). Where Chromium cannot be used the fence is left for the reader's browser to draw
(``diagrams-in-browser.js``, with the Mermaid module the diagram names). Mermaid is the
site's own copy when it names one, else the build the plugin ships, which the site serves only
when a page leaves a diagram to the browser.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.core.chromium import ChromiumUnavailable
from mkdocs_playbook.core.disk_cache import file_digest
from mkdocs_playbook.core.markdown_fences import find_fences
from mkdocs_playbook.diagrams import mermaid2
from mkdocs_playbook.diagrams.browser import MermaidRenderer
from mkdocs_playbook.diagrams.cache import DrawingCache
from mkdocs_playbook.diagrams.config import DiagramsConfig
from mkdocs_playbook.diagrams.drawing import (
    ConfigError,
    DiagramError,
    Drawer,
    error_line,
    site_config,
)
from mkdocs_playbook.diagrams.library import BUNDLED, BundledMermaid, MermaidSetup
from mkdocs_playbook.diagrams.markup import browser_html, drawn_html
from mkdocs_playbook.feature import Build, Feature
from mkdocs_playbook.mkdocs_glue.assets import ASSETS_URI
from mkdocs_playbook.mkdocs_glue.markdown import own_fence
from mkdocs_playbook.mkdocs_glue.pages import first_line, source_path

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.diagrams"
LANGUAGE = "mermaid"
FENCE_OPTIONS = ("title",)
TAKES_OVER = ("pymdownx.superfences.", f"{mermaid2.NAME}.")
"""Formatters a site may have given the fence that the plugin replaces: Material's recommended
``fence_code_format`` (and superfences' other built-in ones) and mermaid2's."""
BUNDLED_URI = f"{ASSETS_URI}/mermaid"
"""Where the site serves the plugin's own Mermaid, when a page leaves a diagram to the browser."""


def mermaid_setup(options: DiagramsConfig, config: MkDocsConfig) -> MermaidSetup | BundledMermaid:
    """Where the site serves Mermaid from: this plugin's option, else mermaid2's, else the
    build the plugin ships."""
    docs = Path(config.docs_dir)
    try:
        docs_name = docs.relative_to(Path(config.config_file_path or "").parent).as_posix()
    except ValueError:
        docs_name = docs.as_posix()
    if options.mermaid_module:
        return MermaidSetup(options.mermaid_module, f"{OPTION}.mermaid_module", docs, docs_name)
    javascript = mermaid2.javascript(config)
    if javascript:
        return MermaidSetup(javascript, "plugins.mermaid2.javascript", docs, docs_name)
    return BundledMermaid(BUNDLED, BUNDLED_URI)


class Diagrams(Feature[DiagramsConfig]):
    """Draws the site's diagrams during one build.

    Under `mkdocs serve` a broken diagram is shown on its page and logged, not a warning, so
    that --strict (set in mkdocs.yml) does not keep the page as it was.
    """

    def __init__(self, options: DiagramsConfig, build: Build) -> None:
        super().__init__(options, build)
        self._setup: MermaidSetup | BundledMermaid | None = None
        self._cache_root = Path(".")
        self._module: Path | None = None
        self._module_uri = ""
        self._config: dict[str, Any] = {}
        self._drawer: Drawer | None = None
        self._renderer: MermaidRenderer | None = None
        self._unavailable = ""
        self._page_url = ""
        self._page_path = ""
        self._lines: dict[str, list[int]] = defaultdict(list)
        self._used_on_page: dict[str, int] = {}
        """How often each diagram id and title has been used on the page being rendered."""
        self._left_to_browser = 0
        self._seconds = 0.0

    # --- MkDocs events -----------------------------------------------------------------------

    def on_config(self, *, config: MkDocsConfig) -> None:
        own_fence(
            config,
            LANGUAGE,
            self.fence,
            self.validate,
            takes_over=TAKES_OVER,
            switch=f"{OPTION}.enabled",
        )
        if mermaid2.leave_pages_alone(config):
            log.info(
                "playbook diagrams: the playbook plugin draws the diagrams, so "
                "mkdocs-mermaid2-plugin adds nothing to the pages (it is no longer needed)"
            )
        self.build.stylesheets.append("diagrams.css")  # widgets.js loads the scripts it needs
        try:
            self._config = site_config(self.options.mermaid)
        except ConfigError as error:
            raise PluginError(
                f"playbook diagrams: {OPTION}.mermaid in mkdocs.yml loosens the security the "
                f"plugin relies on: {error}. Remove these settings: diagrams are put into pages "
                "as Mermaid draws them, and only its strict security level sanitises them."
            ) from None
        self._setup = mermaid_setup(self.options, config)
        self._cache_root = Path(config.config_file_path or ".").parent
        self.build.fetched_on_demand.extend(self._setup.served_files())

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Serve the plugin's own Mermaid when a page leaves a diagram to the browser (a site
        whose diagrams were all drawn gets none of it)."""
        setup = self._setup
        if not isinstance(setup, BundledMermaid) or not self._left_to_browser:
            return
        for name in setup.files():
            uri = f"{setup.served_as}/{name}"
            if files.get_file_from_path(uri) is None:
                source = str(setup.folder / name)
                files.append(File.generated(config, uri, abs_src_path=source))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig) -> str:
        """Remember where each fence of the page starts, for errors that name a line."""
        self._page_url = page.url
        self._page_path = source_path(page, config)
        self._lines = defaultdict(list)
        self._used_on_page = {}
        for fence in find_fences(markdown, LANGUAGE, first_line(page, markdown)):
            self._lines[fence.body.strip()].append(fence.body_line)
        if self._lines:
            self._use_mermaid(f"{self._page_path}:{min(min(v) for v in self._lines.values()) - 1}")
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.close()
        drawer = self._drawer
        if drawer is not None and (drawer.drawn or drawer.reused):
            pruned = drawer.cache.close() if drawer.cache is not None else 0
            log.info(
                "playbook diagrams: %d drawn in Chromium, %d from the cache, in %.2f s%s",
                drawer.drawn,
                drawer.reused,
                self._seconds,
                f" ({pruned} unused drawings deleted from the cache)" if pruned else "",
            )
        if self._left_to_browser:
            log.info(
                "playbook diagrams: %d left for the browser to draw (%s)",
                self._left_to_browser,
                self._unavailable,
            )

    # --- The fence ---------------------------------------------------------------------------

    def validate(
        self,
        language: str,
        inputs: dict[str, str],
        options: dict[str, str],
        attrs: dict[str, str],
        md: Any,
    ) -> bool:
        """Accept the fence's options (``title="..."``); unknown ones are reported when drawn."""
        options.update(inputs)
        return True

    def fence(
        self,
        source: str,
        language: str,
        class_name: str,
        options: dict[str, str],
        md: Any,
        **kwargs: Any,
    ) -> str:
        """The superfences ``format`` of ```` ```mermaid ````: the drawn diagram."""
        line = self._take_line(source)
        location = f"{self._page_path or 'Markdown'}:{line}" if line else self._page_path
        self._use_mermaid(location)
        for option in sorted(set(options) - set(FENCE_OPTIONS)):
            self._report(
                "%s: diagram: unknown fence option %r (the fence takes: %s)",
                location,
                option,
                ", ".join(FENCE_OPTIONS),
            )
        if self._drawer is not None:
            started = time.perf_counter()
            try:
                drawings = self._drawer.draw(
                    source, self._page_prefix(source), options.get("title")
                )
            except ChromiumUnavailable as error:
                self._unavailable = str(error)
                self._drawer = None
                log.info(
                    "playbook diagrams: Chromium cannot draw diagrams at build time (%s); "
                    "the reader's browser will draw them",
                    error,
                )
            except DiagramError as error:
                return self._error(source, str(error), line)
            else:
                return drawn_html(drawings, self._page_label(drawings["light"].title))
            finally:
                self._seconds += time.perf_counter() - started
        self._left_to_browser += 1
        return browser_html(source, self._module_url(), self._config, self._themes())

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    # --- Helpers -----------------------------------------------------------------------------

    def _occurrence(self, kind: str, name: str) -> int:
        """How often ``name`` has been used as a ``kind`` on the page so far, this use included."""
        key = f"{kind}\n{name}"
        self._used_on_page[key] = self._used_on_page.get(key, 0) + 1
        return self._used_on_page[key]

    def _page_prefix(self, source: str) -> str:
        """An id prefix from the diagram's content, unique on the page even if it is repeated."""
        prefix = "d" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]
        count = self._occurrence("ids", prefix)
        return prefix if count == 1 else f"{prefix}-{count}"

    def _page_label(self, title: str) -> str:
        """The title, numbered from its second use on the page: each diagram's scrollable region
        is a landmark, and landmarks of one kind need distinct names."""
        count = self._occurrence("titles", title)
        return title if count == 1 else f"{title} ({count})"

    def _use_mermaid(self, where: str) -> None:
        """On the build's first diagram: check Mermaid is there (one error for all that is
        missing) and set up drawing, or say why the browser will draw instead."""
        if self._module is not None or self._setup is None:
            return
        setup = self._setup
        problems = setup.problems()
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems)
            raise PluginError(
                f"playbook diagrams: {where} has a diagram, but the site cannot serve Mermaid:\n"
                f"{listed}\n{setup.instructions()}\n"
                f"(or set {OPTION}.enabled: false to leave ```mermaid fences as code)"
            )
        self._module = setup.module()
        assert self._module is not None
        self._module_uri = setup.uri()
        if not self.options.draw_at_build:
            self._unavailable = f"{OPTION}.draw_at_build is false"
            return
        cache = (
            DrawingCache(self._cache_root / self.options.cache_dir) if self.options.cache else None
        )
        self._drawer = Drawer(
            config=self._config,
            themes=self._themes(),
            mermaid_digest=file_digest(self._module),
            renderer=self._open_renderer,
            cache=cache,
        )

    def _open_renderer(self) -> MermaidRenderer:
        if self._renderer is None:
            assert self._module is not None, "a drawer exists only with a module"
            self._renderer = MermaidRenderer(self.build.chromium, self._module)
        return self._renderer

    def _themes(self) -> dict[str, str]:
        return {"light": self.options.light_theme, "dark": self.options.dark_theme}

    def _module_url(self) -> str:
        """Mermaid's module relative to the page being rendered."""
        if not self._module_uri:
            return ""
        page_dir = posixpath.dirname("/" + self._page_url)[1:] or "."
        return posixpath.relpath(self._module_uri, page_dir)

    def _take_line(self, source: str) -> int:
        lines = self._lines.get(source.strip())
        return lines.pop(0) if lines else 0

    def _report(self, message: str, *args: object) -> None:
        (log.info if self.build.serving else log.warning)(message, *args)

    def _error(self, source: str, message: str, line: int) -> str:
        where = f"{self._page_path}:{error_line(message, line)}" if line else self._page_path
        self._report("%s: diagram: %s", where, _indented(message))
        return error_box("diagram", [f"{where}: {message}"], source)


def _indented(message: str) -> str:
    """Mermaid's message, its later lines (the excerpt and caret) indented under the first."""
    return "\n    ".join(line.rstrip() for line in message.strip().splitlines())
