"""Where a page's Markdown comes from, as an author would name it in an error message; and the
rendered pages a feature copies from, cleaned before it copies them."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mkdocs_playbook.core.cleaning import clean

log = logging.getLogger("mkdocs.plugins.playbook")


def source_path(page: Page, config: MkDocsConfig) -> str:
    """The page's file as the author knows it: relative to mkdocs.yml when possible."""
    if page.file.abs_src_path and config.config_file_path:
        relative = os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path))
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return page.file.src_uri


def first_line(page: Page, markdown: str) -> int:
    """The file line of the Markdown's first line (after front matter)."""
    try:
        raw = page.file.content_string
    except (OSError, ValueError):
        return 1
    if raw.endswith(markdown):
        return raw[: len(raw) - len(markdown)].count("\n") + 1
    head = markdown[:200]
    found = raw.find(head) if head else -1
    return raw[:found].count("\n") + 1 if found >= 0 else 1


def clean_sources(files: Files, uris: Iterable[str], feature: str) -> None:
    """Take markup that can run code out of the rendered pages ``uris`` in place (the plugin's
    one policy, ``core.cleaning``), before ``feature`` copies from them: no copy, and no page
    a copy is read from, ever carries a script. Each removal is a warning (``--strict`` stops);
    a page already clean is left as it is."""
    for uri in dict.fromkeys(uris):
        file = files.get_file_from_path(uri)
        if file is None or file.page is None or file.page.content is None:
            continue
        result = clean(file.page.content)
        if result.removed:
            log.warning(
                "playbook %s: removed %s from %s: markup that can run code is never published "
                "or copied (put it in `code` to show it)",
                feature, ", ".join(dict.fromkeys(result.removed)), file.src_uri,
            )  # fmt: skip
            file.page.content = result.html
