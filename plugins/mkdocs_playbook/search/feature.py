"""Search's MkDocs events: the script that sits between Material's search box and its worker,
and the weight of the pages the build generates."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_playbook.feature import Feature
from mkdocs_playbook.mkdocs_glue.assets import add_to_every_page
from mkdocs_playbook.search.config import SearchConfig
from mkdocs_playbook.search.weights import generated_page_search


class Search(Feature[SearchConfig]):
    """Material's search, finding what readers mean and ranking what matters (see
    ``assets/search.js``), and the generated pages' weight."""

    def on_config(self, *, config: MkDocsConfig) -> None:
        add_to_every_page(config, "search.js")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material reads a page's `search` meta when it indexes the page (on_page_context).
        if page.file.generated_by is not None:
            page.meta["search"] = generated_page_search(
                page.meta.get("search"), self.options.generated_boost
            )
        return markdown
