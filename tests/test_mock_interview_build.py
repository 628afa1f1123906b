"""The mock interview is built from the site's own pages: its steps and timeboxes are the flow
page's, an edited timebox changes the mock, each prompt's worked solution gives its key points per
step (cleaned first) and links back to rehearse the prompt, and a site that asks for no mock gets
none."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import run_mkdocs_build
from mkdocs_playbook.mock.extract import MAX_KEY_POINT_CHARS, MAX_KEY_POINTS
from site_pages import soup_of

pytestmark = pytest.mark.build

FLOW = """\
    # How we interview

    ## 1. Clarify the problem (2\u20133 min)

    - Users and <b>traffic</b>

    !!! tip "Why"
        Scope first.

    ## 2. Design the boxes (5\u20137 min)

    - From the edge to the data
    """
PROMPTS = """\
    # Prompts

    | Prompt | Focus | Solution |
    | --- | --- | --- |
    | **A URL shortener** | Reads | [worked](solution.md) |
    | **A &lt;queue&gt;** | Writes | |
    """
SOLUTION = """\
    # A worked solution

    The prompt: shorten URLs.

    ## 1. Clarify the problem (2\u20133 min) { #clarify }

    Ask first:

    - **Who uses it?** Marketers. They share links.
    - **How many?** 100M links a month.

    ## 2. Design the boxes (5\u20137 min): the redirect path { #boxes }

    The redirect is one read. It is cached.

    ## Question bank

    Not a step.
    """
MOCK = """\
      mock_interview:
        steps_page: flow.md
        prompts_page: prompts.md
        checks:
          - page: prompts.md
            heading: Prompts
            checked: Rehearsed
"""


def write_site(root: Path, flow: str, options: str = MOCK, solution: str = SOLUTION) -> Path:
    """A small Material site with a flow-like page; returns its mkdocs.yml."""
    pages = {"index.md": "# Home\n", "flow.md": flow, "prompts.md": PROMPTS}
    pages["solution.md"] = solution
    for name, text in pages.items():
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Mock test site\ntheme:\n  name: material\n  font: false\n"
        "markdown_extensions: [admonition, tables, attr_list]\n"
        f"plugins:\n  - search\n  - playbook:\n{options}",
        encoding="utf-8",
    )
    return config


def mock_data(site: Path) -> dict[str, Any]:
    soup = soup_of(site / "mock-interview" / "index.html")
    root = soup.select_one("[data-mock-interview]")
    assert root is not None
    data: dict[str, Any] = json.loads(str(root["data-mock-data"]))
    return data


def test_editing_a_timebox_on_the_flow_page_changes_the_mock(tmp_path: Path) -> None:
    config = write_site(tmp_path, FLOW)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    data = mock_data(tmp_path / "site")
    steps = [(s["number"], s["name"], s["low"], s["high"]) for s in data["steps"]]
    assert steps == [(1, "Clarify the problem", 2, 3), (2, "Design the boxes", 5, 7)]
    assert data["steps"][0]["bullets"] == ["Users and traffic"]
    assert data["steps"][0]["why"] == "Scope first."
    assert [p["title"] for p in data["prompts"]] == ["A URL shortener", "A <queue>"]
    assert [p["solution"] for p in data["prompts"]] == ["../solution/", None]
    assert [i["text"] for i in data["checks"][0]["items"]] == ["A URL shortener", "A <queue>"]
    root = soup_of(tmp_path / "site" / "mock-interview" / "index.html")
    assert root.select_one("[data-mock-interview]")["data-storage-prefix"] == (  # type: ignore[index]
        "mock-test-site/mock-interview/v1/"
    )

    write_site(tmp_path, FLOW.replace("(5\u20137 min)", "(4\u20136 min)"))
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert [(s["low"], s["high"]) for s in mock_data(tmp_path / "site")["steps"]] == [
        (2, 3),
        (4, 6),
    ]


def test_a_solutions_key_points_reach_the_mock_and_its_page_links_back(tmp_path: Path) -> None:
    config = write_site(tmp_path, FLOW)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    data = mock_data(tmp_path / "site")
    shortener, queue = data["prompts"]
    assert shortener["solutionSteps"] == [
        {
            "number": 1,
            "href": "../solution/#clarify",
            "topic": "",
            "points": [["Who uses it?", "Marketers."], ["How many?", "100M links a month."]],
        },
        {
            "number": 2,
            "href": "../solution/#boxes",
            "topic": "the redirect path",
            "points": [["", "The redirect is one read."]],
        },
    ]
    assert queue["solutionSteps"] == []
    assert data["checks"][0]["checked"] == "Rehearsed"
    solution = soup_of(tmp_path / "site" / "solution" / "index.html")
    links = solution.select("article a.md-button")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Rehearse this prompt", "../mock-interview/?prompt=a-url-shortener")
    ]
    paragraph = links[0].parent
    assert paragraph is not None and paragraph.has_attr("data-search-exclude")
    assert paragraph.find_previous_sibling("p").get_text() == "The prompt: shorten URLs."  # type: ignore[union-attr]
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text())
    assert not [doc for doc in index["docs"] if "Rehearse this prompt" in doc["text"]]


@pytest.mark.parametrize(
    "markup", ["<script>alert(1)</script>", '<img src="x" onerror="alert(1)">']
)
def test_a_solution_is_cleaned_before_its_key_points_are_cut(tmp_path: Path, markup: str) -> None:
    solution = SOLUTION.replace("The redirect is one read.", f"The redirect is one read. {markup}")
    config = write_site(tmp_path, FLOW, solution=solution)
    strict = run_mkdocs_build(tmp_path / "site", config)
    assert strict.returncode != 0
    assert "playbook mock interview: removed" in strict.stderr and "solution.md" in strict.stderr
    assert "Traceback" not in strict.stderr
    result = run_mkdocs_build(tmp_path / "site", config, strict=False)
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / "solution" / "index.html").read_text(encoding="utf-8")
    assert "alert(1)" not in built
    assert "alert(1)" not in json.dumps(mock_data(tmp_path / "site"))


def test_a_site_that_names_no_steps_page_gets_no_mock(tmp_path: Path) -> None:
    config = write_site(tmp_path, FLOW, options="      calculators:\n        enabled: true\n")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "mock-interview").exists()
    assert "mock-interview.js" not in (tmp_path / "site" / "index.html").read_text()


def test_a_steps_page_without_steps_stops_the_build_saying_what_to_fix(tmp_path: Path) -> None:
    config = write_site(tmp_path, "# How we interview\n\n## Clarify\n\nAsk.\n")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert "plugins.playbook.mock_interview.steps_page" in result.stderr
    assert "docs/flow.md has no step headings like '## 1. Clarify (2-3 min)'" in result.stderr
    assert "Clarify (#clarify)" in result.stderr
    assert "Traceback" not in result.stderr


def test_this_sites_mock_has_the_flow_pages_steps_and_the_practice_prompts(site_dir: Path) -> None:
    flow = soup_of(site_dir / "flow" / "index.html")
    heading = re.compile(r"^(\d+)\. (.+) \((\d+)\u2013(\d+) min\)$")
    expected = []
    for h2 in flow.select("article h2"):
        found = heading.match(h2.get_text().replace("¶", "").strip())
        if found:
            number, name, low, high = found.groups()
            expected.append((int(number), name, float(low), float(high)))
    data = mock_data(site_dir)
    assert len(expected) == 8
    assert [(s["number"], s["name"], s["low"], s["high"]) for s in data["steps"]] == expected
    prompts = soup_of(site_dir / "practice-prompts" / "index.html")
    titles = [
        cell.get_text(strip=True) for cell in prompts.select("article table tbody td:first-child")
    ]
    assert [p["title"] for p in data["prompts"]] == titles
    page = soup_of(site_dir / "mock-interview" / "index.html")
    for link in page.select(".playbook-mock-solution"):
        assert (site_dir / "mock-interview" / str(link["href"]) / "index.html").is_file()
    # The readable steps, without JavaScript: each step's name, timebox and bullets.
    items = page.select(".playbook-mock-steps > li")
    assert [li.h3.get_text(" ", strip=True) for li in items if li.h3] == [
        f"{name} ({low:g}\u2013{high:g} min)" for _, name, low, high in expected
    ]
    nav = [a.get_text(strip=True) for a in page.select(".md-nav__link")]
    assert "Mock interview" in nav


def test_this_sites_solutions_give_key_points_for_every_step_and_link_back(site_dir: Path) -> None:
    """Each of the nine worked solutions is laid out by the flow's eight steps: each step has a
    short list of key points for the review, and the solution's page opens the mock on its
    prompt."""
    data = mock_data(site_dir)
    prompts = data["prompts"]
    assert len(prompts) == 9
    for prompt in prompts:
        steps = prompt["solutionSteps"]
        assert [step["number"] for step in steps] == list(range(1, 9)), prompt["title"]
        for step in steps:
            assert step["href"].startswith(prompt["solution"] + "#"), step["href"]
            assert 3 <= len(step["points"]) <= MAX_KEY_POINTS, (prompt["title"], step["number"])
            for lead, text in step["points"]:
                assert text and len(lead) + len(text) <= MAX_KEY_POINT_CHARS, (lead, text)
                assert text == text.strip() and "\u00b6" not in text  # no permalink sign
        solution = site_dir / "mock-interview" / prompt["solution"] / "index.html"
        links = soup_of(solution).select("article .playbook-mock-rehearse a")
        assert [link["href"] for link in links] == [f"../../mock-interview/?prompt={prompt['id']}"]
    deep_dive = prompts[0]["solutionSteps"][5]
    assert deep_dive["topic"] == "the algorithm and where the counter lives"
    assert deep_dive["points"], "a deep dive's section has points of its own"
