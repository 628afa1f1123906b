"""Unit tests for the mock interview's pure modules: reading steps, prompts, checks and a worked
solution's key points out of rendered HTML, and the widget's markup."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from mkdocs_playbook.mock.extract import (
    MAX_KEY_POINT_CHARS,
    MAX_KEY_POINTS,
    Page,
    items_of,
    read_items,
    read_key_points,
    read_steps,
)
from mkdocs_playbook.mock.render import CheckGroup, Widget, prompts_of, rehearse_link, render

FLOW = """<h1 id="flow">8-Step Flow<a class="headerlink" href="#flow">¶</a></h1>
<p>The timeboxes add up.</p>
<table><thead><tr><th>Step</th><th>Timebox</th></tr></thead>
<tbody><tr><td><a href="#clarify">1. Clarify</a></td><td>2\u20133 min</td></tr></tbody></table>
<h2 id="clarify">1. Clarify <em>use cases</em> (2\u20133 min)<a class="headerlink" href="#clarify"
>¶</a></h2>
<ul>
<li>Users, <a href="../overview/">workflows</a></li>
<li>SLOs<ul><li>nested</li></ul></li>
</ul>
<div class="admonition tip"><p class="admonition-title">Why</p>
<p>Establishes <strong>scope</strong>.</p></div>
<p>Use the <a href="../capacity/">formulas</a>.</p>
<h2 id="capacity">2. Capacity (5 min)</h2>
<ul><li>QPS</li></ul>
<div class="admonition note"><p class="admonition-title">Note</p><p>Not the why.</p></div>
<h2 id="api">3. API and data model (3-5.5 minutes)</h2>
<h2 id="after">After the interview</h2>
"""


def test_steps_come_from_headings_with_a_timebox() -> None:
    steps, problem = read_steps(Page("flow/", FLOW), "docs/flow.md", "mock/", "Why")
    assert problem == ""
    assert [(s.number, s.name, s.low, s.high) for s in steps] == [
        (1, "Clarify use cases", 2, 3),
        (2, "Capacity", 5, 5),
        (3, "API and data model", 3, 5.5),
    ]
    first = steps[0]
    assert first.bullets == ("Users, workflows", "SLOs nested")
    assert first.why == "Establishes scope."
    assert first.href == "../flow/#clarify"
    # Links are re-pointed for the mock's page and ids stay unique.
    assert 'href="../overview/"' in first.bullets_html
    assert "admonition-title" in first.why_html
    assert steps[1].why == "" and steps[1].why_html == ""
    assert steps[2].bullets == ()


def test_a_page_without_steps_or_with_misnumbered_steps_is_named() -> None:
    steps, problem = read_steps(Page("x/", "<h2 id='a'>Intro</h2>"), "docs/x.md", "m/", "Why")
    assert steps == []
    assert "docs/x.md has no step headings" in problem and "Intro (#a)" in problem
    skipped = "<h2>1. A (2 min)</h2><h2>3. C (2 min)</h2>"
    steps, problem = read_steps(Page("x/", skipped), "docs/x.md", "m/", "Why")
    assert steps == [] and "numbered [1, 3]" in problem
    backwards = "<h2>1. A (5\u20132 min)</h2>"
    assert "ends before it starts" in read_steps(Page("x/", backwards), "x", "m/", "Why")[1]


def test_items_of_tables_lists_and_definitions() -> None:
    table = (
        "<table><thead><tr><th>Prompt</th><th>Focus</th><th>Dives</th></tr></thead><tbody>"
        '<tr><td><strong><a href="../solutions/a/">Rate limiter</a></strong></td><td>Counting</td>'
        "<td>Token <em>bucket</em></td></tr>"
        "<tr><td>Chat</td><td>Real time</td><td>Presence</td></tr></tbody></table>"
    )
    rows = items_of(table)
    assert [(i.text, i.detail, i.href) for i in rows] == [
        ("Rate limiter", "Token bucket", "../solutions/a/"),
        ("Chat", "Presence", None),
    ]
    assert rows[0].cells == ("Rate limiter", "Counting", "Token bucket")
    assert [i.text for i in items_of("<ul><li>a<br/>b</li><li>c</li></ul>")] == ["a b", "c"]
    definitions = items_of("<dl><dt>RED</dt><dd>Rate, errors</dd><dt>USE</dt></dl>")
    assert [(i.text, i.detail) for i in definitions] == [("RED", "Rate, errors"), ("USE", "")]


def test_read_items_under_a_heading_or_the_first_on_the_page() -> None:
    page = Page("p/", "<h2 id='x'>Pitfalls</h2><p>intro</p><ul><li>No DLQ</li></ul>")
    assert [i.text for i in read_items(page, "docs/p.md", "pitfalls").items] == ["No DLQ"]
    assert [i.text for i in read_items(page, "docs/p.md", None).items] == ["No DLQ"]
    missing = read_items(page, "docs/p.md", "Close")
    assert missing.items == [] and "no heading starting with 'Close'" in missing.problems[0]
    empty = read_items(Page("p/", "<h2>Close</h2><p>Say it.</p>"), "docs/p.md", "Close")
    assert "no table, list or definition list under 'Close'" in empty.problems[0]


def test_the_widget_carries_escaped_json_and_readable_steps() -> None:
    hostile = '</script><script>alert(1)</script> & "quotes"'
    steps, _ = read_steps(Page("flow/", FLOW), "docs/flow.md", "mock/", "Why")
    rows = items_of(
        f"<table><tbody><tr><td>{hostile.replace('<', '&lt;')}</td><td>f</td></tr>"
        "<tr><td>Chat</td><td>g</td></tr><tr><td>Chat</td><td>h</td></tr></tbody></table>"
    )
    prompts = prompts_of(rows, {"Chat": "../solutions/chat/"})
    assert [p.id for p in prompts][1:] == ["chat", "chat-2"]
    checks = [CheckGroup("Pitfalls", items_of("<ul><li>No DLQ</li></ul>"))]
    markup = render(Widget(steps, prompts, checks, 'site/"mock"/v1/'))
    soup = BeautifulSoup(markup, "html.parser")
    root = soup.select_one("[data-mock-interview]")
    assert root is not None and root["data-state"] == "idle"
    assert not soup.select("script")
    data = json.loads(str(root["data-mock-data"]))
    assert data["prompts"][0]["title"] == hostile.replace("&lt;", "<")
    assert [s["timebox"] for s in data["steps"]] == ["2\u20133 min", "5 min", "3\u20135.5 min"]
    assert data["checks"][0]["items"][0] == {"id": "1-no-dlq", "text": "No DLQ", "detail": ""}
    assert root["data-storage-prefix"] == 'site/"mock"/v1/'
    items = soup.select(".playbook-mock-steps > li")
    assert [li["data-mock-step"] for li in items] == ["1", "2", "3"]
    assert soup.select_one(".playbook-mock-steps h3 a")["href"] == "../flow/#clarify"  # type: ignore[index]
    links = [a["href"] for a in soup.select(".playbook-mock-solution")]
    assert links == ["../solutions/chat/", "../solutions/chat/"]
    labels = {label["for"] for label in soup.select("label")}
    assert {i["id"] for i in soup.select("input")} <= labels
    assert not soup.select("[data-step]")  # only the running step carries the contract's attribute


SOLUTION = (
    """<h1 id="s">Solution: A shortener<a class="headerlink" href="#s">¶</a></h1>
<p>The prompt: <em>design a URL shortener</em>.</p>
<h2 id="clarify">1. Clarify use cases and constraints (2\u20133 min)<a class="headerlink"
 href="#clarify">¶</a></h2>
<p>Ask, then say what you assume:</p>
<ul>
<li><strong>Who uses it?</strong> Marketers. They share links.<ul><li>left out</li></ul></li>
<li><strong>Latency target?</strong> Under 10 ms at p99<sup id="fnref:1"><a class="footnote-ref"
 href="#fn:1">1</a></sup>.</li>
<li>Plain item, first sentence. Second sentence.</li>
</ul>
<p><strong>Data model.</strong></p>
<table><tr><td>left out</td></tr></table>
<p>The <strong>check</strong> is a function in the gateway. It is fast.</p>
<h3 id="more">A subsection</h3>
<p>Still step one.</p>
<h2 id="deep-dive-1">6. Deep dive 1 (5\u20137 min): ids from counter ranges</h2>
<div class="admonition note"><p class="admonition-title">Note</p><p>Left out.</p></div>
<p>"""
    + "word " * 60
    + """end.</p>
<h2 id="pitfalls">Pitfalls this prompt invites</h2>
<p>Not a step.</p>
"""
)


def test_key_points_are_lead_ins_and_first_sentences_of_each_step() -> None:
    steps = read_key_points(Page("solutions/short/", SOLUTION), "mock-interview/")
    assert [(s.number, s.href, s.topic) for s in steps] == [
        (1, "../solutions/short/#clarify", ""),
        (6, "../solutions/short/#deep-dive-1", "ids from counter ranges"),
    ]
    assert [(p.lead, p.text) for p in steps[0].points] == [
        ("Who uses it?", "Marketers."),
        ("Latency target?", "Under 10 ms at p99."),
        ("", "Plain item, first sentence."),
        ("", "The check is a function in the gateway."),
        ("", "Still step one."),
    ]
    [long] = steps[1].points
    assert long.lead == "" and long.text.endswith("word\u2026")
    assert len(long.text) <= MAX_KEY_POINT_CHARS


def test_a_step_keeps_at_most_its_first_key_points() -> None:
    items = "".join(f"<li>Point {n}.</li>" for n in range(10))
    page = Page("s/", f"<h2 id='a'>2. Capacity (3-5 min)</h2><ul>{items}</ul>")
    [step] = read_key_points(page, "m/")
    assert [p.text for p in step.points] == [f"Point {n}." for n in range(MAX_KEY_POINTS)]
    assert read_key_points(Page("s/", "<h2>Intro</h2><p>No steps.</p>"), "m/") == []


def test_the_rehearse_link_follows_the_prompt_under_the_title() -> None:
    href = "../../mock-interview/?prompt=a&b"
    linked = rehearse_link(SOLUTION, href)
    soup = BeautifulSoup(linked, "html.parser")
    paragraph = soup.select_one("p.playbook-mock-rehearse")
    assert paragraph is not None and paragraph.has_attr("data-search-exclude")
    assert paragraph.a is not None and paragraph.a["href"] == href
    assert paragraph.a.get_text() == "Rehearse this prompt"
    previous = paragraph.find_previous_sibling()
    assert previous is not None and previous.get_text() == "The prompt: design a URL shortener."
    assert 'href="../../mock-interview/?prompt=a&amp;b"' in linked
    assert rehearse_link("<h1>T</h1><h2>1. A (2 min)</h2>", href).index("rehearse") < linked.index(
        "<h2"
    )
    assert rehearse_link("<p>No title</p>", href).startswith('<p class="playbook-mock-rehearse"')


def test_the_widget_data_carries_key_points_and_what_a_tick_means() -> None:
    steps, _ = read_steps(Page("flow/", FLOW), "docs/flow.md", "mock/", "Why")
    solution = read_key_points(Page("solutions/short/", SOLUTION), "mock/")
    items = items_of("<table><tbody><tr><td>Short</td><td>f</td></tr></tbody></table>")
    prompts = prompts_of(
        items, {"Short": "../solutions/short/"}, {"Short": solution}, {"Short": "s.md"}
    )
    assert prompts[0].solution_page == "s.md"
    checks = [CheckGroup("Pitfalls you avoided", items_of("<ul><li>No DLQ</li></ul>"), "Avoided")]
    soup = BeautifulSoup(render(Widget(steps, prompts, checks, "p/")), "html.parser")
    root = soup.select_one("[data-mock-interview]")
    assert root is not None
    data = json.loads(str(root["data-mock-data"]))
    [prompt] = data["prompts"]
    assert [s["number"] for s in prompt["solutionSteps"]] == [1, 6]
    assert prompt["solutionSteps"][0]["points"][0] == ["Who uses it?", "Marketers."]
    assert prompt["solutionSteps"][1]["href"] == "../solutions/short/#deep-dive-1"
    assert data["checks"][0]["checked"] == "Avoided"
