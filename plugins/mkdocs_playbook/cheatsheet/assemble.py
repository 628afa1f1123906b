"""Assemble the cheat sheet from configured sections of rendered pages.

Each section is moved from its page's URL to the cheat sheet's: relative links are re-pointed,
links to the page's own anchors go back to the source page, and ids are prefixed so that two
sections never share one.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mkdocs_playbook.core.sections import (
    find_heading,
    headings,
    move,
    parse,
    relocate,
    section_blocks,
)
from mkdocs_playbook.core.text import slug


@dataclass(frozen=True)
class SectionSpec:
    """One configured section: a heading (text prefix) or anchor (id) on a page."""

    page: str
    heading: str | None = None
    anchor: str | None = None
    title: str | None = None
    kinds: frozenset[str] = frozenset()
    """Keep only top-level blocks of these kinds; every kind when empty."""

    def describe(self) -> str:
        if self.anchor is not None:
            return f"the heading with anchor #{self.anchor}"
        return f"the heading starting with {self.heading!r}"


@dataclass(frozen=True)
class SourcePage:
    """A rendered page: its source path, URL (relative to the site root) and HTML."""

    path: str
    url: str
    title: str
    html: str


@dataclass(frozen=True)
class CheatSection:
    anchor: str
    title: str
    source_href: str
    """The source heading, relative to the cheat sheet."""
    source_title: str
    html: str


@dataclass
class Assembly:
    sections: list[CheatSection] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def assemble(
    specs: Sequence[SectionSpec], pages: Mapping[str, SourcePage], target_url: str
) -> Assembly:
    """Cut every configured section out of its page; report the ones that cannot be found."""
    result = Assembly()
    used: set[str] = set()
    for number, spec in enumerate(specs):
        where = f"sections[{number}] (page {spec.page}, {spec.describe()})"
        page = pages.get(spec.page)
        if page is None:
            result.problems.append(
                f"{where}: {spec.page} is not a page of the site; set `page` to a path under "
                "docs/, e.g. flow.md"
            )
            continue
        nodes = parse(page.html)
        found_heading = find_heading(nodes, spec.heading, spec.anchor)
        if found_heading is None:
            found = "; ".join(f"{h.text} (#{h.id})" for h in headings(nodes)) or "none"
            result.problems.append(
                f"{where}: {spec.page} has no such heading (its headings: {found}); fix "
                "`heading` or `anchor` in mkdocs.yml, or restore the heading on the page"
            )
            continue
        index, heading = found_heading
        blocks = section_blocks(nodes, index, spec.kinds)
        if not blocks:
            kinds = ", ".join(sorted(spec.kinds)) or "any kind"
            result.problems.append(
                f"{where}: the section has no content of {kinds} directly under its heading; "
                "fix `blocks` in mkdocs.yml or add the content to the page"
            )
            continue
        title = spec.title or heading.text
        anchor = slug(title)
        while anchor in used:
            anchor += "-2"
        used.add(anchor)
        prefix = f"{anchor}--"
        body = "\n".join(move(block.html, prefix, page.url, target_url) for block in blocks)
        source = relocate(f"#{heading.id}" if heading.id else "", page.url, target_url)
        result.sections.append(CheatSection(anchor, title, source, page.title, body))
    return result


def render(sections: Sequence[CheatSection]) -> str:
    """The cheat sheet's body: one ``<section>`` per source section, titled with a link back."""
    parts = ['<div class="playbook-cheatsheet">']
    for section in sections:
        parts.append(
            f'<section class="playbook-cheatsheet__section" aria-labelledby="{section.anchor}">'
            f'<h2 id="{section.anchor}"><a href="{html.escape(section.source_href)}" '
            f'title="From {html.escape(section.source_title)}">{html.escape(section.title)}</a>'
            f"</h2>\n{section.html}\n</section>"
        )
    parts.append("</div>")
    return "\n".join(parts)
