"""Search's MkDocs events: the script that sits between Material's search box and its worker,
the one that holds Material's request for its index until a reader reaches for search, and the
weight of the pages the build generates."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_playbook.feature import Feature
from mkdocs_playbook.mkdocs_glue.assets import ASSETS_URI, add_to_every_page
from mkdocs_playbook.search import index_wait
from mkdocs_playbook.search.config import SearchConfig
from mkdocs_playbook.search.weights import generated_page_search

INDEX_WAIT_URI = f"{ASSETS_URI}/{index_wait.SCRIPT}"


class Search(Feature[SearchConfig]):
    """Material's search, finding what readers mean and ranking what matters (see
    ``assets/search.js``), its index built only for a reader who searches (see
    ``assets/search-index-wait.js``), and the generated pages' weight."""

    def on_config(self, *, config: MkDocsConfig) -> None:
        add_to_every_page(config, "search.js")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material reads a page's `search` meta when it indexes the page (on_page_context).
        if page.file.generated_by is not None:
            page.meta["search"] = generated_page_search(
                page.meta.get("search"), self.options.generated_boost
            )
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return index_wait.before_material_bundle(output, INDEX_WAIT_URI)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        return index_wait.before_material_bundle(output, INDEX_WAIT_URI)
