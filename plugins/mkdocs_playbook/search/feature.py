"""Search's MkDocs events: the script that sits between Material's search box and its worker."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_playbook.feature import Feature
from mkdocs_playbook.mkdocs_glue.assets import add_to_every_page
from mkdocs_playbook.search.config import SearchConfig


class Search(Feature[SearchConfig]):
    """Typo-tolerant queries for Material's search (see ``assets/search.js``)."""

    def on_config(self, *, config: MkDocsConfig) -> None:
        add_to_every_page(config, "search.js")
