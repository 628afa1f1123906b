"""The HTML a diagram becomes: drawn SVGs (one per palette), an error box, or the source left
for the browser to draw.

Pure module: no MkDocs, no browser. Mermaid's SVG is made fit for a page here: its ids are
renamed to be unique wherever the drawing is shown, it becomes one image with an accessible
name, and it gets its natural size so the page reserves its space before it paints.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_playbook.core.embed import json_attribute
from mkdocs_playbook.core.idrefs import ids_of, rename_ids

PALETTES = ("light", "dark")
"""The palettes a diagram is drawn for, in the order they appear in the page."""

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
_VIEWBOX = re.compile(r"^\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*$")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
_KIND_NAMES = {"flowchart": "Flowchart", "sequence": "Sequence diagram", "class": "Class diagram"}
# Mermaid's attributes on its root <svg> that the page replaces: a fluid width capped by an
# inline max-width, and an ARIA role pair that would read every shape out one by one.
_DROPPED = frozenset({"width", "height", "style", "role", "aria-roledescription"})


_STYLE_ELEMENT = re.compile(r"(<style>)(.*?)(</style>)", re.DOTALL)
# A top-level CSS rule: an at-rule with one level of nested blocks (@keyframes), or a plain rule.
_CSS_RULE = re.compile(r"(@[^{]+\{(?:[^{}]*\{[^{}]*\})*[^{}]*\})|([^{}@]+)\{([^{}]*)\}")
_CLASS_TOKEN = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_ATTRIBUTE_TOKEN = re.compile(r"\[([\w:-]+)(?:=\"?([^\"\]]*)\"?)?\]")
_NEGATION = re.compile(r":not\([^)]*\)")
_START_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^>]*?)?(/?)>")
# Attributes Mermaid writes that SVG does not have (the HTML validator rejects them): a `name`
# on sequence-diagram actors, line coordinates on paths. Nothing reads them once drawn.
_EVERY_ELEMENT = None
_NOT_SVG: dict[str, frozenset[str] | None] = {
    "name": _EVERY_ELEMENT,
    **{coordinate: frozenset({"path"}) for coordinate in ("x1", "y1", "x2", "y2")},
}


@dataclass(frozen=True)
class Drawn:
    """One palette's SVG, made ready for a page."""

    svg: str
    width: int
    height: int
    title: str


def _root_attributes(svg: str) -> tuple[re.Match[str], dict[str, str]]:
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise ValueError("Mermaid returned no <svg> element")
    return opening, {name: value for name, value in _ATTRIBUTE.findall(opening.group(0))}


def natural_size(svg: str) -> tuple[int, int]:
    """The drawing's size in CSS pixels, from its viewBox (rounded up)."""
    _, attributes = _root_attributes(svg)
    box = _VIEWBOX.match(attributes.get("viewBox", ""))
    if box is None:
        raise ValueError("Mermaid's <svg> has no usable viewBox")
    width, height = (float(value) for value in box.groups())
    return int(-(-width // 1)), int(-(-height // 1))


def _valid_svg(svg: str) -> str:
    """Drop the attributes that SVG does not define from every element."""

    def element(match: re.Match[str]) -> str:
        tag, attributes, slash = match.group(1), match.group(2) or "", match.group(3)
        if "=" not in attributes:
            return match.group(0)

        def attribute(found: re.Match[str]) -> str:
            name = found.group(1)
            tags = _NOT_SVG.get(name)
            dropped = name in _NOT_SVG and (tags is _EVERY_ELEMENT or tag in tags)
            return "" if dropped else found.group(0)

        return f"<{tag}{_ATTRIBUTE.sub(attribute, attributes)}{slash}>"

    return _START_TAG.sub(element, svg)


def _used_styles(svg: str) -> str:
    """Mermaid's style sheet without the rules that match nothing in this drawing.

    Mermaid ships every rule of a diagram type (other looks, icons, maths) with each drawing;
    most name classes or attributes the drawing does not have. A selector is kept unless it
    needs a class or attribute that no element of the drawing carries (what a :not() excludes
    does not count); at-rules are kept as they are. Two thirds of the text go, and with them
    the browser's work parsing and matching them on every page with a diagram.
    """
    body = _STYLE_ELEMENT.sub("", svg)
    classes = {name for value in re.findall(r'\sclass="([^"]*)"', body) for name in value.split()}
    attributes = {(name, value) for name, value in _ATTRIBUTE.findall(body)}
    present = {name for name, _ in attributes}

    def possible(selector: str) -> bool:
        selector = _NEGATION.sub("", selector)
        if any(name not in classes for name in _CLASS_TOKEN.findall(selector)):
            return False
        return all(
            (name, value) in attributes if value else name in present
            for name, value in _ATTRIBUTE_TOKEN.findall(selector)
        )

    def rules(match: re.Match[str]) -> str:
        kept: list[str] = []
        for rule in _CSS_RULE.finditer(match.group(2)):
            at_rule, selectors, block = rule.groups()
            if at_rule:
                kept.append(at_rule)
                continue
            used = [selector for selector in selectors.split(",") if possible(selector)]
            if used:
                kept.append(f"{','.join(used)}{{{block}}}")
        return match.group(1) + "".join(kept) + match.group(3)

    return _STYLE_ELEMENT.sub(rules, svg)


def _without_unread_data(svg: str) -> str:
    """The drawing without the ``data-*`` attributes its style sheet does not select.

    Mermaid leaves its bookkeeping on the elements it drew: each edge's points as base64 JSON,
    node and edge ids, edge types. Nothing reads them once the drawing is on a page (it is
    static), yet they were a tenth of this site's drawings' bytes; an attribute a kept rule selects
    (``[data-look="neo"]``) stays.
    """
    selected = {
        name
        for style in _STYLE_ELEMENT.findall(svg)
        for name, _ in _ATTRIBUTE_TOKEN.findall(style[1])
    }

    def attribute(found: re.Match[str]) -> str:
        name = found.group(1)
        return "" if name.startswith("data-") and name not in selected else found.group(0)

    def element(match: re.Match[str]) -> str:
        if "data-" not in match.group(0):
            return match.group(0)
        return _ATTRIBUTE.sub(attribute, match.group(0))

    return _START_TAG.sub(element, svg)


def _kind(attributes: Mapping[str, str]) -> str:
    role = attributes.get("aria-roledescription", "")
    for key, name in _KIND_NAMES.items():
        if role.startswith(key):
            return name
    return "Diagram"


def prepare_svg(svg: str, prefix: str, palette: str, fence_title: str | None = None) -> Drawn:
    """Mermaid's SVG as one image for a page.

    Every id (and reference to it) becomes ``prefix`` and a number, so a drawing can sit next
    to its other palette, or be copied onto another page, without two elements sharing an id,
    and the same drawing always gets the same ids. The
    accessible name is Mermaid's ``accTitle``, else the fence's ``title``, else the kind of
    diagram.
    """
    # Numbered in order of appearance: Mermaid names some elements from counters that run on
    # across diagrams (sequence-diagram actors), so its own names depend on what it drew before.
    numbers = {name: number for number, name in enumerate(ids_of(svg))}
    svg = _without_unread_data(
        _used_styles(_valid_svg(rename_ids(svg, lambda name: f"{prefix}-{numbers[name]}")))
    )
    opening, attributes = _root_attributes(svg)
    width, height = natural_size(svg)
    own_title = _TITLE.search(svg)
    title = html.unescape(own_title.group(1)).strip() if own_title else ""
    name = ""
    if not (title and attributes.get("aria-labelledby")):
        title = fence_title or _kind(attributes)
        name = f' aria-label="{html.escape(title)}"'
    kept = "".join(f' {key}="{value}"' for key, value in attributes.items() if key not in _DROPPED)
    root = (
        f'<svg{kept} width="{width}" height="{height}" role="img"{name}'
        f' data-diagram-palette="{palette}">'
    )
    svg = svg[: opening.start()] + root + svg[opening.end() :]
    return Drawn(svg, width, height, title)


def drawn_html(drawings: Mapping[str, Drawn], label: str | None = None) -> str:
    """The diagram as the page shows it: a scrollable view of each palette's drawing, and the
    button that opens it full size (shown once ``diagrams.js`` runs; the drawing needs none).

    ``label`` names the view and the button when the title alone is not unique on the page.
    """
    first = drawings[PALETTES[0]]
    title = html.escape(label or first.title)
    svgs = "".join(drawings[palette].svg for palette in PALETTES if palette in drawings)
    return (
        f'<div class="playbook-diagram" data-diagram data-search-exclude>'
        f'<div class="playbook-diagram__view" role="region" tabindex="0" '
        f'aria-label="Diagram: {title}" style="--playbook-diagram-width: '
        f"{first.width}px; --playbook-diagram-height: {first.height}px; "
        f'--playbook-diagram-aspect: {first.height / max(first.width, 1):.4f}">{svgs}</div>'
        f'<button type="button" class="playbook-diagram__open" hidden>Full size'
        f'<span class="playbook-visually-hidden">: {title}</span></button>'
        "</div>"
    )


def browser_html(
    source: str, module_url: str, config: Mapping[str, Any], themes: Mapping[str, str]
) -> str:
    """The source left for ``diagrams-in-browser.js`` to draw, with where Mermaid is, how to
    set it up and each palette's theme.

    The source is HTML-escaped: a label such as ``<img onerror=...>`` must not become live
    markup before Mermaid sees it (Mermaid decodes entities itself). ``data-search-exclude``
    keeps the Mermaid code out of Material's search index.
    """
    return (
        f'<div class="mermaid" data-search-exclude data-mermaid-module="{html.escape(module_url)}"'
        f' data-mermaid-config="{json_attribute(config)}"'
        f' data-mermaid-themes="{json_attribute(themes)}">{html.escape(source.strip())}\n</div>'
    )
