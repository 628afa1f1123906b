"""Rename the ids of an HTML or SVG fragment together with every reference to them.

Copying markup to another place (a diagram drawn once and shown on several pages, a section
copied onto the cheat sheet) keeps it valid only if its ids stay unique on the new page and
every reference still points at its target: label ``for``, ARIA relations, ``#fragment``
links, SVG ``url(#id)`` paint and marker references, and ``#id`` selectors in ``<style>``.

Pure module: plain string processing, so it works on any markup the plugin produces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ID = re.compile(r'(\sid=")([^"]*)(")')
_ID_LIST_ATTRIBUTE = re.compile(
    r"(\s(?:for|headers|aria-labelledby|aria-describedby|aria-controls|aria-owns|aria-details"
    r'|aria-errormessage|aria-flowto|aria-activedescendant)=")([^"]*)(")'
)
_FRAGMENT_LINK = re.compile(r'(\s(?:href|xlink:href)="#)([^"]*)(")')
_URL_REFERENCE = re.compile(r"(url\(\s*['\"]?#)([^)'\"\s]+)")
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
_SELECTOR_ID = re.compile(r"#(-?[A-Za-z_][\w-]*)")


def ids_of(fragment: str) -> list[str]:
    """Every ``id`` the fragment defines, in the order they first appear."""
    return list(dict.fromkeys(match.group(2) for match in _ID.finditer(fragment)))


def rename_ids(fragment: str, rename: Callable[[str], str]) -> str:
    """Rename the fragment's own ids, and every reference to them, with ``rename``.

    References to ids the fragment does not define are left alone: they point elsewhere.
    """
    own = set(ids_of(fragment))

    def new(name: str) -> str:
        return rename(name) if name in own else name

    def attribute(match: re.Match[str]) -> str:
        return match.group(1) + new(match.group(2)) + match.group(3)

    def id_list(match: re.Match[str]) -> str:
        names = " ".join(new(name) for name in match.group(2).split())
        return match.group(1) + names + match.group(3)

    def url(match: re.Match[str]) -> str:
        return match.group(1) + new(match.group(2))

    def selector(match: re.Match[str]) -> str:
        return "#" + new(match.group(1))

    def markup(text: str) -> str:
        text = _ID.sub(attribute, text)
        text = _ID_LIST_ATTRIBUTE.sub(id_list, text)
        text = _FRAGMENT_LINK.sub(attribute, text)
        return _URL_REFERENCE.sub(url, text)

    # Style sheets are renamed by selector (which covers their url(#...) too), the rest by
    # attribute, so no reference is renamed twice.
    out: list[str] = []
    position = 0
    for style in _STYLE.finditer(fragment):
        out.append(markup(fragment[position : style.start()]))
        out.append(style.group(1) + _SELECTOR_ID.sub(selector, style.group(2)) + style.group(3))
        position = style.end()
    out.append(markup(fragment[position:]))
    return "".join(out)


def prefix_ids(fragment: str, prefix: str) -> str:
    """Prefix every id the fragment defines, and every reference to it, with ``prefix``."""
    return rename_ids(fragment, lambda name: prefix + name)
