"""One walk over every diagram page per view (palette and device), shared by the tests that read
diagram pages as loaded: test_diagrams_legibility (label sizes, crossings, markers, names) and
test_browser_site (the drawing of the palette shown, no Mermaid fetched).

A page load of a diagram page is the costly part (a 200 KB page, two drawings per diagram): each
page is loaded once per view in a session and everything those tests need is read from it, as
plain data. A view's walk is cached for the session (its key is the served site's address), so
the tests reading one view share it when they run on the same worker: they carry the view's
xdist group (``view_group``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from conftest import PageWatch, close_page, open_page, wait_until_idle, wait_until_settled
from site_pages import built_file, built_pages, soup_of

View = tuple[str, bool]
"""(palette, phone): the desktop in both palettes, and the phone (conftest's PHONE)."""
VIEWS: list[View] = [("light", False), ("dark", False), ("light", True)]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
ACCESSIBILITY_VIEW: View = ("light", False)
"""The view whose walk also reads what screen readers get of each light drawing."""
FETCHES_WATCHED: View = ("light", False)
"""The view whose walk also waits on each page until the browser is idle, so that ``fetched``
holds what a page asks for late, too."""


def view_id(view: View) -> str:
    return f"{view[0]}-{'phone' if view[1] else 'desktop'}"


def view_group(view: View) -> pytest.MarkDecorator:
    """A view's tests share one worker (pytest-xdist's loadgroup): its pages are walked once."""
    return pytest.mark.xdist_group(f"diagram-walk-{view_id(view)}")


# What a diagram page shows: the palette of the SVG on screen in each diagram (the one drawn for
# the page's palette), the text of each article and the body's palette.
SHOWN = """() => ({
  palettes: [...document.querySelectorAll('[data-diagram]')].map(d =>
    [...d.querySelectorAll('svg[data-diagram-palette]')]
      .filter(svg => svg.getBoundingClientRect().width > 0)
      .map(svg => svg.dataset.diagramPalette).join(' ')),
  articles: [...document.querySelectorAll('article')].map(article => article.innerText),
  bodyScheme: document.body.getAttribute('data-md-color-scheme'),
})"""

# Per diagram, on the SVG of the page's palette: every label's size on screen (font size times
# the drawing's scale), edges of flowcharts sampled every 2 px against every label's box, and
# every marker (arrowhead, autonumber circle) placed at its vertex against every label's box.
# Label boxes are shrunk by 1 px so that touching a box's border is not a hit.
MEASURE = """(palette) => [...document.querySelectorAll("[data-diagram]")].map((diagram) => {
  const svg = diagram.querySelector(`svg[data-diagram-palette="${palette}"]`);
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const shrink = (r, by) => ({left: r.left + by, right: r.right - by, top: r.top + by,
                              bottom: r.bottom - by});
  const labels = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim())
    .map((t) => ({el: t, text: t.textContent.trim().replace(/\\s+/g, " "),
                  px: parseFloat(getComputedStyle(t).fontSize) * scale,
                  box: shrink(t.getBoundingClientRect(), 1)}));
  const inside = (p, b) => p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom;
  const meet = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom
    && a.bottom > b.top;

  const crossings = [];
  for (const path of svg.querySelectorAll(".edgePaths path")) {
    const ctm = path.getScreenCTM();
    // Every point of the edge lies within its bounding box: only labels whose box meets that
    // box (grown by 1 px for rounding) can be crossed, so only they are tested, in label order.
    const b = path.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                     [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(ctm));
    const bounds = {left: Math.min(...corners.map((c) => c.x)) - 1,
                    right: Math.max(...corners.map((c) => c.x)) + 1,
                    top: Math.min(...corners.map((c) => c.y)) - 1,
                    bottom: Math.max(...corners.map((c) => c.y)) + 1};
    const near = labels.filter((l) => meet(bounds, l.box));
    if (!near.length) continue;
    const length = path.getTotalLength();
    for (let at = 0; at <= length + 1; at += 2) {
      const p = path.getPointAtLength(Math.min(at, length));
      const hit = near.find((l) => inside(new DOMPoint(p.x, p.y).matrixTransform(ctm), l.box));
      if (hit) { crossings.push(`edge ${path.id} crosses "${hit.text}"`); break; }
    }
  }

  const covered = [];
  let markers = 0;
  for (const el of svg.querySelectorAll("[marker-start], [marker-end]")) {
    for (const end of ["start", "end"]) {
      const id = (el.getAttribute(`marker-${end}`) || "").match(/#([^)'"]+)/)?.[1];
      const marker = id && svg.querySelector(`marker[id="${CSS.escape(id)}"]`);
      if (!marker) continue;
      markers += 1;
      let vertex, angle;
      if (el.tagName === "line") {
        const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((a) => el[a].baseVal.value);
        vertex = end === "start" ? {x: x1, y: y1} : {x: x2, y: y2};
        angle = Math.atan2(y2 - y1, x2 - x1);
      } else {
        const length = el.getTotalLength();
        const a = el.getPointAtLength(end === "start" ? 0 : Math.max(0, length - 1));
        const b = el.getPointAtLength(end === "start" ? Math.min(1, length) : length);
        vertex = end === "start" ? a : b;
        angle = Math.atan2(b.y - a.y, b.x - a.x);
      }
      const orient = marker.getAttribute("orient") || "0";
      if (orient === "auto-start-reverse" && end === "start") angle += Math.PI;
      else if (!orient.startsWith("auto")) angle = parseFloat(orient) * Math.PI / 180;
      const viewBox = marker.viewBox.baseVal;
      const fit = viewBox && viewBox.width ? Math.min(
        marker.markerWidth.baseVal.value / viewBox.width,
        marker.markerHeight.baseVal.value / viewBox.height) : 1;
      const units = marker.getAttribute("markerUnits") === "userSpaceOnUse"
        ? 1 : parseFloat(getComputedStyle(el).strokeWidth);
      const [refX, refY] = [marker.refX.baseVal.value, marker.refY.baseVal.value];
      const ctm = el.getScreenCTM();
      const corners = [];
      for (const shape of marker.children) {
        const b = shape.getBBox();
        for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                              [b.x + b.width, b.y + b.height]]) {
          const dx = (x - refX) * fit * units, dy = (y - refY) * fit * units;
          corners.push(new DOMPoint(
            vertex.x + dx * Math.cos(angle) - dy * Math.sin(angle),
            vertex.y + dx * Math.sin(angle) + dy * Math.cos(angle)).matrixTransform(ctm));
        }
      }
      if (!corners.length) continue;
      const drawn = {left: Math.min(...corners.map((c) => c.x)),
                     right: Math.max(...corners.map((c) => c.x)),
                     top: Math.min(...corners.map((c) => c.y)),
                     bottom: Math.max(...corners.map((c) => c.y))};
      // An autonumber circle holds its own digits (the <text> drawn right after it).
      const own = el.nextElementSibling?.classList.contains("sequenceNumber")
        ? el.nextElementSibling : null;
      for (const l of labels) {
        if (l.el !== own && meet(drawn, l.box)) {
          covered.push(`${id.split("-").pop()} marker covers "${l.text}"`);
        }
      }
    }
  }
  return {palette: svg.dataset.diagramPalette, shown: box.width, natural: svg.viewBox.baseVal.width,
          flowchart: svg.classList.contains("flowchart"), sizes: labels.map((l) => l.px),
          numbers: svg.querySelectorAll("text.sequenceNumber").length, markers, crossings,
          covered};
})"""


# For every drawing of a page at once: the text its ARIA reference attributes point to (ids
# separated by spaces), else its own aria-label for its name.
ARIA_TEXTS = """(svgs) => svgs.map((svg) => {
  const text = (attribute) => {
    const ids = (svg.getAttribute(attribute) || "").split(/\\s+/).filter(Boolean);
    const referred = ids.map((id) => document.getElementById(id)?.textContent || "").join(" ");
    const own = attribute === "aria-labelledby" ? svg.getAttribute("aria-label") || "" : "";
    return (ids.length ? referred : own).replace(/\\s+/g, " ").trim();
  };
  return [text("aria-labelledby"), text("aria-describedby")];
})"""


@dataclass
class Named:
    """A light drawing as screen readers get it: its name and description resolved from its
    ARIA references by hand, and where Playwright's accessibility tree disagrees with them."""

    name: str
    description: str
    disagreements: list[str]


def disagreement(assertion: Callable[[Any], None], expected: Any) -> list[str]:
    """Playwright's assertion as data: its message if it fails, for the test about it."""
    try:
        assertion(expected)
    except AssertionError as error:
        return [str(error).split("Call log:")[0].strip()]
    return []


def named_drawings(page: Page) -> list[Named]:
    svgs = page.locator("[data-diagram] svg[data-diagram-palette=light]")
    drawings = []
    for index, (name, description) in enumerate(svgs.evaluate_all(ARIA_TEXTS)):
        svg = expect(svgs.nth(index))
        disagreements = [
            *disagreement(svg.to_have_role, "img"),
            *disagreement(svg.to_have_accessible_name, name),
            *disagreement(svg.to_have_accessible_description, description),
        ]
        drawings.append(Named(name, description, disagreements))
    return drawings


@functools.cache
def diagram_pages(site_dir: Path) -> list[str]:
    """Every built page with a diagram, as a URL relative to the site root (read once)."""
    return [
        url
        for url in built_pages(site_dir)
        if "data-diagram" in (path := built_file(site_dir, url)).read_text(encoding="utf-8")
        and soup_of(path).select_one("[data-diagram]") is not None
    ]


@dataclass
class Walk:
    """What one view of every diagram page showed, as plain data, by page URL."""

    shown: dict[str, dict[str, Any]]
    """Each page as loaded (SHOWN, read as soon as the page has loaded; desktop views only)."""
    found: dict[str, list[dict[str, Any]]]
    """Each page's diagrams measured at the first view, once drawn (MEASURE)."""
    named: dict[str, list[Named]]
    """Each page's light drawings (walking ACCESSIBILITY_VIEW only)."""
    fetched: list[str]
    """Every request the walk made."""
    watch: PageWatch
    """What the pages did that a reader would never want."""


@functools.cache
def walk(browser: Browser, base_url: str, site_dir: Path, view: View) -> Walk:
    """Every diagram page loaded by URL at the first view in ``view``, read once per session."""
    palette, phone = view
    page, watch = open_page(browser, palette, phone=phone)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    shown: dict[str, dict[str, Any]] = {}
    found: dict[str, list[dict[str, Any]]] = {}
    named: dict[str, list[Named]] = {}
    try:
        if not phone:
            page.set_viewport_size(DESKTOP)
        for url in diagram_pages(site_dir):
            page.goto(base_url + url)
            if not phone:
                shown[url] = page.evaluate(SHOWN)
            wait_until_settled(page)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            found[url] = page.evaluate(MEASURE, palette)
            if view == ACCESSIBILITY_VIEW:
                named[url] = named_drawings(page)
            if view == FETCHES_WATCHED:
                wait_until_idle(page)
    finally:
        close_page(page)
    return Walk(shown, found, named, fetched, watch)
