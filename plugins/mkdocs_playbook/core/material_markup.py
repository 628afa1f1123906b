"""Make Material 9.8's page markup valid HTML (the Nu Html Checker finds two errors on every page),
and name every navigation landmark.

Both come from template code outside any overridable block, so they are repaired in the
written page instead of by copying Material's templates:

- ``base.html`` puts ``autocomplete="off"`` on its drawer and search toggles, which HTML only
  allows on text-like inputs. The attribute is there for a reason: it stops the browser from
  restoring a toggle's state on Back, which would reopen the drawer or the search. A checkbox
  whose form owner has ``autocomplete="off"`` gets the same treatment, so the toggles are tied
  to an empty form that says so, and keep their place in the document (Material's CSS selects
  the page by their sibling position).
- ``partials/nav-item.html`` writes ``tabindex=""`` on section labels when it means "no tabindex";
  an empty value is not an integer. Dropping the attribute is what Material intended.
- The same partial names a section's ``<nav>`` by its toggle's ``<label>``, which holds only an
  icon when the section has an index page (``navigation.indexes``): two such sections are two
  navigation landmarks with the same empty name (axe: landmark-unique). Each is named by its
  title label instead, which holds the section's title.
- On a section's index page (``navigation.indexes``) the primary nav has no ``__toc`` toggle,
  but ``partials/toc.html`` still writes its title as ``<label for="__toc">``: a label for no
  control. There it is a plain title: the ``for`` is dropped.
"""

from __future__ import annotations

import re

TOGGLES_FORM_ID = "__md_toggles"
TOGGLES_FORM = f'<form id="{TOGGLES_FORM_ID}" autocomplete="off" hidden></form>'

# Attribute order varies: mermaid2 re-serialises pages with diagrams through BeautifulSoup.
_TOGGLE = re.compile(r'<input\b(?=[^>]*\sdata-md-toggle=")(?=[^>]*\sautocomplete="off")[^>]*>')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\stabindex=""')
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'
_SECTION_NAV = re.compile(
    r'(<nav class="md-nav"[^>]*\saria-labelledby=")(__nav_[\w]+)_label("[^>]*>\s*'
    r'<label class="md-nav__title") (for="\2")'
)


def fix_material_markup(html: str) -> str:
    """Return ``html`` with Material's two invalid constructs replaced by valid equivalents, and
    its section navs named by their titles."""
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _SECTION_NAV.sub(r'\1\2_title\3 id="\2_title" \4', html)
    if 'id="__toc"' not in html:
        html = html.replace(
            '<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">'
        )
    first = _TOGGLE.search(html)
    if first is None:
        return html
    tied = _TOGGLE.sub(_tie_to_form, html)  # the first toggle stays where it was
    return tied[: first.start()] + TOGGLES_FORM + tied[first.start() :]


def _tie_to_form(toggle: re.Match[str]) -> str:
    return re.sub(r'\sautocomplete="off"', f' form="{TOGGLES_FORM_ID}"', toggle[0])
