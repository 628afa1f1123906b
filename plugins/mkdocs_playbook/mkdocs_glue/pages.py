"""Where a page's Markdown comes from, as an author would name it in an error message."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


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
