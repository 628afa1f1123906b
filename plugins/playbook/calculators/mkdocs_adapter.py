"""The calculators' side of the ``playbook`` plugin: options, the fence, the MkDocs events."""

from __future__ import annotations

import logging

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from playbook.calculators.fences import LANGUAGE, CalculatorPages, PageErrors, fence_calculator
from playbook.calculators.refs import OutputRefsExtension
from playbook.mkdocs_assets import add_to_every_page
from playbook.mkdocs_markdown import own_fence
from playbook.mkdocs_pages import first_line, source_path

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.calculators"
FENCE_FORMAT = f"{fence_calculator.__module__}.{fence_calculator.__name__}"


class CalculatorsConfig(base.Config):
    """Options under ``plugins: - playbook: calculators:``."""

    enabled = c.Type(bool, default=True)
    """Turn ```calculator fences into live calculators (off: they stay code blocks)."""


class Calculators:
    """The calculators of one build; the plugin makes a new instance for every build."""

    def __init__(self, options: CalculatorsConfig, in_place: bool = False) -> None:
        self.options = options
        self._pages = CalculatorPages(in_place)
        """Under `mkdocs serve` (``in_place``) a broken calculator is shown on its page and
        logged, so the page being edited shows the mistake; a build still fails on it."""

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.options.enabled:
            return
        own_fence(
            config,
            LANGUAGE,
            self._pages.fence,
            takes_over=[FENCE_FORMAT],
            switch=f"{OPTION}.enabled",
        )
        # An Extension object goes to Python-Markdown as it is (typed list[str] by MkDocs).
        refs = OutputRefsExtension(lambda: self._pages.current)
        config.markdown_extensions.append(refs)  # type: ignore[arg-type]
        add_to_every_page(config, "calculators.css")  # widgets.js loads calculators.js

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        if not self.options.enabled:
            return markdown
        try:
            shown = len(self._pages.shown)
            prepared = self._pages.prepare_page(
                markdown, source_path(page, config), first_line(page, markdown)
            )
        except PageErrors as error:
            count = len(error.messages)
            raise PluginError(
                f"playbook: {count} calculator problem{'s' if count > 1 else ''}:\n{error}"
            ) from None
        for problem in self._pages.shown[shown:]:
            log.info("%s (shown on the page; `mkdocs build` stops on it)", problem)
        return prepared

    def on_page_content(self) -> None:
        """Every ``[=calculator.output]`` of the page just rendered named a real output."""
        page = self._pages.current
        if not self.options.enabled or page is None or not page.problems:
            return
        if not self._pages.in_place:
            count = len(page.problems)
            raise PluginError(
                f"playbook: {count} calculator reference problem{'s' if count > 1 else ''}:\n"
                + "\n".join(page.problems)
            )
        for problem in page.problems:
            log.info("%s (shown on the page; `mkdocs build` stops on it)", problem)
