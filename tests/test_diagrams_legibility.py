"""Diagrams a reader can read: labels large enough at the first view on a desktop and on a
phone, in both palettes; no edge through a label and no arrowhead or step number over text; a
name and a description for screen readers; and the reference diagram is the playbook's own.

Every page the build wrote with a ``[data-diagram]`` is measured, so a diagram added to any
page (or to the cheat sheet) is held to the same rules. Print sizes are checked on the PDFs in
test_cheatsheet_pdf.py.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diagram_walks import (
    ACCESSIBILITY_VIEW,
    VIEWS,
    View,
    Walk,
    diagram_pages,
    view_group,
    view_id,
    walk,
)
from playwright.sync_api import Browser
from test_playbook_pages import corrected

from conftest import ROOT
from mkdocs_playbook.core.markdown_fences import find_fences
from site_pages import built_file, soup_of

pytestmark = pytest.mark.browser
# Each view's walk over every diagram page is a group of its own (diagram_walks.view_group), so
# the three walks can run on different workers instead of one after the other.
SPREAD = True

PLAYBOOK_SOURCE = Path(__file__).parent / "fixtures" / "playbook.md"
REFERENCE_PAGE = ROOT / "docs" / "reference-diagram.md"
# Pages that have diagrams today; any other page with one is measured too.
KNOWN_DIAGRAM_PAGES = {
    "reference-diagram/",
    "deep-dives/",
    "flow/",
    "architecture-checklist/",
    "cheat-sheet/",
}
# Median and smallest label size on screen, in CSS px, at the first view.
DESKTOP_MEDIAN, DESKTOP_MIN, PHONE_MEDIAN = 12.0, 10.0, 10.0
# Layout rounds widths to 1/64 px: a label drawn at exactly 12 px may measure 11.999.
ROUNDING = 0.01
GENERIC_NAMES = {"flowchart", "sequence diagram", "diagram", "class diagram", ""}


@pytest.fixture(scope="module")
def pages_with_diagrams(site_dir: Path) -> list[str]:
    pages = diagram_pages(site_dir)
    assert set(pages) >= KNOWN_DIAGRAM_PAGES, "a page lost its diagram"
    return pages


VIEW_PARAMS = [pytest.param(view, id=view_id(view), marks=view_group(view)) for view in VIEWS]


@pytest.fixture(scope="module")
def walked(
    browser: Browser, base_url: str, site_dir: Path, pages_with_diagrams: list[str]
) -> Callable[[View], Walk]:
    """Each view's walk (diagram_walks: made once per worker, by the first test that needs it),
    once every page it loaded was clean."""

    def walk_of(view: View) -> Walk:
        walked = walk(browser, base_url, site_dir, view)
        walked.watch.assert_clean()
        return walked

    return walk_of


@pytest.fixture(scope="module", params=VIEW_PARAMS)
def measured(
    request: pytest.FixtureRequest, walked: Callable[[View], Walk]
) -> tuple[str, bool, dict[str, list[dict[str, Any]]]]:
    """Each page's diagrams measured at the first view, once per view for all tests here."""
    palette, phone = request.param
    return palette, phone, walked(request.param).found


def describe(url: str, index: int, diagram: dict[str, Any]) -> str:
    return f"{url or '/'} diagram {index + 1} ({diagram['natural']:.0f} px wide)"


def test_labels_are_legible_at_the_first_view(
    measured: tuple[str, bool, dict[str, list[dict[str, Any]]]],
) -> None:
    palette, phone, found = measured
    problems = []
    for url, diagrams in found.items():
        for index, diagram in enumerate(diagrams):
            where = describe(url, index, diagram)
            assert diagram["palette"] == palette and diagram["shown"] > 0, f"{where}: not shown"
            assert diagram["sizes"], f"{where}: no labels"
            median, smallest = statistics.median(diagram["sizes"]), min(diagram["sizes"])
            if phone:
                if median < PHONE_MEDIAN - ROUNDING:
                    problems.append(f"{where}: median label {median:.2f} px < {PHONE_MEDIAN}")
            else:
                if median < DESKTOP_MEDIAN - ROUNDING:
                    problems.append(f"{where}: median label {median:.2f} px < {DESKTOP_MEDIAN}")
                if smallest < DESKTOP_MIN - ROUNDING:
                    problems.append(f"{where}: smallest label {smallest:.2f} px < {DESKTOP_MIN}")
    assert problems == []


def test_no_edge_crosses_a_label_or_a_subgraph_title(
    measured: tuple[str, bool, dict[str, list[dict[str, Any]]]],
) -> None:
    _, _, found = measured
    flowcharts = {url: [d for d in diagrams if d["flowchart"]] for url, diagrams in found.items()}
    assert flowcharts["reference-diagram/"] and flowcharts["cheat-sheet/"]
    crossings = [
        f"{describe(url, index, diagram)}: {crossing}"
        for url, diagrams in flowcharts.items()
        for index, diagram in enumerate(diagrams)
        for crossing in diagram["crossings"]
    ]
    assert crossings == []


def test_no_marker_covers_text(measured: tuple[str, bool, dict[str, list[dict[str, Any]]]]) -> None:
    """Arrowheads and the write path's autonumber circles stay clear of every label."""
    _, _, found = measured
    write_path = found["deep-dives/"][0]
    assert write_path["numbers"] >= 16, "the write path lost its step numbers"
    assert write_path["markers"] >= 2 * write_path["numbers"]
    covered = [
        f"{describe(url, index, diagram)}: {problem}"
        for url, diagrams in found.items()
        for index, diagram in enumerate(diagrams)
        for problem in diagram["covered"]
    ]
    assert covered == []


@view_group(ACCESSIBILITY_VIEW)
def test_every_diagram_is_an_image_with_a_name_and_a_description(
    walked: Callable[[View], Walk],
) -> None:
    """Screen readers announce one image per diagram, named by its accTitle (not by its kind)
    and described by its accDescr."""
    names, own_diagrams = set(), 0
    for url, drawings in walked(ACCESSIBILITY_VIEW).named.items():
        assert len(drawings) >= 1, url
        for index, drawing in enumerate(drawings):
            name, description = drawing.name, drawing.description
            where = f"{url} diagram {index + 1}"
            assert name.lower() not in GENERIC_NAMES, f"{where}: named {name!r}"
            assert len(description.split()) >= 8, f"{where}: described as {description!r}"
            # The accessibility tree agrees with the references resolved by hand: an image
            # ("img") with that name and that description.
            assert drawing.disagreements == [], where
            if url != "cheat-sheet/":  # the cheat sheet copies the reference diagram
                names.add(name)
                own_diagrams += 1
    assert len(names) == own_diagrams, "two diagrams share a name"


def test_every_diagram_source_has_an_acc_title_and_an_acc_descr() -> None:
    """The source of every diagram names and describes it, so a new diagram is checked even
    before it is built."""
    missing = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for fence in find_fences(path.read_text(encoding="utf-8"), "mermaid"):
            where = f"{path.relative_to(ROOT)}:{fence.body_line}"
            if not re.search(r"^\s*accTitle\s*:\s*\S", fence.body, re.M):
                missing.append(f"{where}: no accTitle")
            if not re.search(r"^\s*accDescr\s*(:\s*\S|\{)", fence.body, re.M):
                missing.append(f"{where}: no accDescr")
    assert missing == []


# --- The reference diagram is the playbook's ------------------------------------------------

_LINK = re.compile(r"\s*(-{2,}>|-{3,}|~{3,})\s*")
_NODE = re.compile(r"^(?P<id>[A-Za-z][\w]*)\s*(?P<shape>.*)$")
_QUOTED = re.compile(r'"([^"]*)"')
_BARE = re.compile(r"^[\[({>]+([^\])}]*)")


def flowchart_graph(source: str) -> dict[str, Any]:
    """A flowchart's nodes (id -> label), edges (ordered for -->, unordered for ---; links of
    any length; invisible ~~~ layout links left out) and subgraphs (title -> node ids)."""
    nodes: dict[str, str] = {}
    edges: set[tuple[str, ...] | frozenset[str]] = set()
    subgraphs: dict[str, set[str]] = {}
    current: str | None = None
    for raw in source.splitlines():
        line = raw.split("%%")[0].strip()
        if not line or re.match(r"^(graph|flowchart)\b|^(accTitle|accDescr)\b|^direction\b", line):
            continue
        if line.startswith("subgraph "):
            current = line.removeprefix("subgraph ").strip()
            subgraphs[current] = set()
            continue
        if line == "end":
            current = None
            continue
        parts = _LINK.split(line)
        ids = []
        for text in parts[::2]:
            node = _NODE.match(text.strip())
            assert node is not None, f"cannot read {text!r} in {raw!r}"
            ids.append(node["id"])
            label = _QUOTED.search(node["shape"]) or _BARE.search(node["shape"].strip())
            if label:
                nodes[node["id"]] = label[1]
            else:
                nodes.setdefault(node["id"], node["id"])
            if current is not None:
                subgraphs[current].add(node["id"])
        for left, link, right in zip(ids, parts[1::2], ids[1:], strict=False):
            if link.startswith("~"):
                continue
            edges.add((left, right) if link.endswith(">") else frozenset((left, right)))
    return {"nodes": nodes, "edges": edges, "subgraphs": subgraphs}


def reference_sources() -> tuple[str, str]:
    playbook = find_fences(PLAYBOOK_SOURCE.read_text(encoding="utf-8"), "mermaid")
    page = find_fences(REFERENCE_PAGE.read_text(encoding="utf-8"), "mermaid")
    assert len(playbook) == 1 and len(page) == 1
    return playbook[0].body, page[0].body


def test_the_reference_diagram_keeps_every_node_and_edge_of_the_playbook() -> None:
    playbook, page = (flowchart_graph(source) for source in reference_sources())
    assert len(playbook["nodes"]) == 18 and len(playbook["edges"]) == 21
    # The load balancer in front of the gateway and the outbox as a table with a relay (issue 28).
    expected = corrected(playbook)
    assert page["nodes"] == expected["nodes"]
    assert page["edges"] == expected["edges"]
    assert page["subgraphs"] == playbook["subgraphs"]


def test_the_reference_diagram_is_drawn_from_its_page(site_dir: Path) -> None:
    """The drawing on the page and on the cheat sheet has the playbook's boxes and title."""
    graph = corrected(flowchart_graph(reference_sources()[0]))
    labels = {label.replace("<br/>", " ") for label in graph["nodes"].values()}
    for url in ("reference-diagram/", "cheat-sheet/"):
        svg = soup_of(built_file(site_dir, url)).select_one(
            "[data-diagram] svg[data-diagram-palette=light]"
        )
        assert svg is not None, url
        drawn = {" ".join(node.get_text(" ").split()) for node in svg.select("g.node")}
        titles = {" ".join(title.get_text(" ").split()) for title in svg.select("g.cluster text")}
        assert drawn == labels, url
        assert titles == {"Observability"}, url


def test_the_write_path_fits_a_desktop_column_at_its_natural_size(
    measured: tuple[str, bool, dict[str, list[dict[str, Any]]]],
) -> None:
    """The deep dives' write path is the diagram readers are told to draw from memory: at a
    1280 px window it is shown whole at its natural size, not shrunk to fit the column."""
    _, phone, found = measured
    write_path = found["deep-dives/"][0]
    if phone:  # a phone's column is narrower: it shrinks no further than diagrams.css allows
        assert write_path["shown"] >= 0.625 * write_path["natural"] - 1, write_path["shown"]
    else:
        assert write_path["shown"] >= write_path["natural"] - 1, write_path["natural"]
