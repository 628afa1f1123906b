"""Pages and files a feature writes into the site (the flashcards, the cheat sheet, the mock
interview): added in ``on_files`` so MkDocs renders them like the author's pages, filled once
every page is rendered (``on_env``), with their sections in the table of contents.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink


def add_generated(
    files: Files,
    config: MkDocsConfig,
    uri: str,
    content: str | bytes,
    *,
    feature: str,
    maker: str,
    option: str,
) -> File:
    """Add a file the feature writes at ``uri``. An author's file of that name is never
    replaced: the build stops and says how to rename one of the two."""
    if files.get_file_from_path(uri) is not None:
        raise PluginError(
            f"playbook {feature}: docs/{uri} exists, but {maker} generates it; rename that file "
            f"or set {option} to another name in mkdocs.yml."
        )
    file = File.generated(config, uri, content=content)
    files.append(file)
    return file


def page_source(title: str, description: str, body: str, *, search_boost: float) -> str:
    """A generated page's Markdown: its meta description, its weight in search (below the pages
    its content comes from, when it copies them), its title and its body."""
    return f"""---
description: >-
  {" ".join(description.split())}
search:
  boost: {search_boost}
---

# {title}

{body}"""


def rendered_page(files: Files, uri: str) -> Page:
    """The page a feature added in ``on_files``, as MkDocs has rendered it by ``on_env``."""
    file = files.get_file_from_path(uri)
    assert file is not None and file.page is not None, f"on_files added {uri}"
    return file.page


def add_to_toc(page: Page, entries: list[AnchorLink], *, under_last_section: bool = False) -> None:
    """Headings written into the page after MkDocs built its table of contents, listed there
    under the page's title (or under its last section) and known as anchors to link to."""
    title = page.toc.items[0] if page.toc.items else None
    if under_last_section and title is not None and title.children:
        title.children[-1].children.extend(entries)
    elif title is not None:
        title.children.extend(entries)
    else:
        page.toc.items.extend(entries)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(entry.id for entry in entries)


def toc_entry(title: str, anchor: str, level: int) -> AnchorLink:
    return AnchorLink(html.escape(title), anchor, level)
