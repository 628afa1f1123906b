"""The calculators' MkDocs events: the ```calculator fence, live numbers, their errors."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from mkdocs_playbook.calculators.config import CalculatorsConfig
from mkdocs_playbook.calculators.fences import (
    LANGUAGE,
    CalculatorPages,
    PageErrors,
    fence_calculator,
)
from mkdocs_playbook.calculators.refs import OutputRefsExtension
from mkdocs_playbook.feature import Build, Feature
from mkdocs_playbook.mkdocs_glue.markdown import own_fence
from mkdocs_playbook.mkdocs_glue.pages import first_line, source_path

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.calculators"
FENCE_FORMAT = f"{fence_calculator.__module__}.{fence_calculator.__name__}"


class Calculators(Feature[CalculatorsConfig]):
    """The calculators of one build's pages."""

    def __init__(self, options: CalculatorsConfig, build: Build) -> None:
        super().__init__(options, build)
        self._pages = CalculatorPages(in_place=build.serving)

    def on_config(self, *, config: MkDocsConfig) -> None:
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
        self.build.stylesheets.append("calculators.css")  # widgets.js loads calculators.js

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig) -> str:
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

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every ``[=calculator.name]`` of the page just rendered named a real value."""
        current = self._pages.current
        if current is None or not current.problems:
            return html
        if not self.build.serving:
            count = len(current.problems)
            raise PluginError(
                f"playbook: {count} calculator reference problem{'s' if count > 1 else ''}:\n"
                + "\n".join(current.problems)
            )
        for problem in current.problems:
            log.info("%s (shown on the page; `mkdocs build` stops on it)", problem)
        return html
