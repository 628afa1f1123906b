"""The nav of mkdocs.yml as a tree: what a learner sees in the navigation, label by label."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config import load_config

from conftest import ROOT


@dataclass
class Entry:
    """A page (``page`` set) or a section (``children`` set) of the nav. A section's ``page`` is
    its index page, if it has one (Material's navigation.indexes); a page's ``label`` is None when
    the nav gives it none (it then shows the page's title)."""

    label: str | None
    page: str | None = None
    children: list[Entry] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        return bool(self.children) or self.page is None

    def pages(self) -> list[str]:
        """Every page in this entry, its index page first."""
        found = [self.page] if self.page else []
        for child in self.children:
            found += child.pages()
        return found


def _entry(item: Any) -> Entry:
    label, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
    if not isinstance(value, list):
        return Entry(label, value)
    children = [_entry(child) for child in value]
    index = children[0].page if children and children[0].label is None else None
    if index is not None and index.endswith("index.md"):
        return Entry(label, index, children[1:])
    return Entry(label, None, children)


def nav_tree() -> list[Entry]:
    """The top-level entries of the nav, in order."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return [_entry(item) for item in config["nav"]]


def walk(
    entries: list[Entry], sections: tuple[str, ...] = ()
) -> Iterator[tuple[Entry, tuple[str, ...]]]:
    """Every entry with the labels of the sections it is in, depth first, in nav order."""
    for entry in entries:
        yield entry, sections
        if entry.children:
            yield from walk(entry.children, (*sections, entry.label or ""))
