"""The mock interview's markup: the widget's data as JSON in an escaped attribute, and the same
steps, prompts and checks as readable HTML, so the page reads and prints without JavaScript.

mock-interview.js brings the root (``data-mock-interview``) to life: it reads the JSON for the
timings and texts, and clones each step's "what to cover" and "Why" from the readable list (no
HTML is ever parsed from strings in the browser).

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs_playbook.core.embed import json_attribute
from mkdocs_playbook.core.sections import tree
from mkdocs_playbook.core.text import slug
from mkdocs_playbook.mock.extract import Item, SolutionStep, Step

CUSTOM_PROMPT = "custom"
"""The id of "my own prompt", whose text the reader types."""


@dataclass(frozen=True)
class Prompt:
    id: str
    title: str
    focus: str
    solution: str | None
    """The worked solution's URL relative to the mock's page, when the site has that page."""
    solution_steps: Sequence[SolutionStep] = ()
    """The solution's key points per step, for the review beside the reader's notes."""
    solution_page: str | None = None
    """The solution's path under docs/, whose page links back to rehearse the prompt."""


@dataclass(frozen=True)
class CheckGroup:
    title: str
    items: Sequence[Item]
    checked: str = "Done"
    """What a ticked box says of its item in the downloaded notes ("Avoided")."""


@dataclass(frozen=True)
class Widget:
    steps: Sequence[Step]
    prompts: Sequence[Prompt]
    checks: Sequence[CheckGroup]
    storage_prefix: str


def minutes(step: Step) -> str:
    """'2-3 min' (with an en dash), or '5 min' when both bounds are equal."""
    low, high = (f"{value:g}" for value in (step.low, step.high))
    return f"{low} min" if low == high else f"{low}\u2013{high} min"


def prompts_of(
    items: Sequence[Item],
    solutions: Mapping[str, str],
    solution_steps: Mapping[str, Sequence[SolutionStep]] | None = None,
    solution_pages: Mapping[str, str] | None = None,
) -> list[Prompt]:
    """Each row a prompt, with a unique id; the mappings give, by the prompt's title, its
    solution's URL, that solution's key points per step and its path under docs/."""
    prompts: list[Prompt] = []
    used = {CUSTOM_PROMPT}
    for item in items:
        ident = slug(item.text)
        while ident in used:
            ident += "-2"
        used.add(ident)
        focus = item.cells[1] if len(item.cells) > 1 else ""
        prompts.append(
            Prompt(
                ident,
                item.text,
                focus,
                solutions.get(item.text),
                (solution_steps or {}).get(item.text, ()),
                (solution_pages or {}).get(item.text),
            )
        )
    return prompts


def _solution_steps(prompt: Prompt) -> list[dict[str, object]]:
    """Each step's key points as [lead-in, text] pairs (the lead-in "" when there is none): the
    page's biggest data, so the shortest JSON that reads plainly."""
    return [
        {
            "number": step.number,
            "href": step.href,
            "topic": step.topic,
            "points": [[point.lead, point.text] for point in step.points],
        }
        for step in prompt.solution_steps
    ]


def plan_of(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """The steps as a session keeps them (``planOf`` in assets/mock-session.js): number, name,
    timebox in minutes and as the page writes it."""
    return [
        {
            "number": step.number,
            "name": step.name,
            "low": step.low,
            "high": step.high,
            "timebox": minutes(step),
        }
        for step in steps
    ]


def data_of(widget: Widget) -> dict[str, object]:
    """What the script needs: the timings and texts, the prompts (with their solution's key
    points per step) and the self-check items."""
    return {
        "version": 1,
        "steps": [
            {**plan, "bullets": list(step.bullets), "why": step.why}
            for plan, step in zip(plan_of(widget.steps), widget.steps, strict=True)
        ],
        "prompts": [
            {
                "id": prompt.id,
                "title": prompt.title,
                "solution": prompt.solution,
                "solutionSteps": _solution_steps(prompt),
            }
            for prompt in widget.prompts
        ],
        "checks": [
            {
                "title": group.title,
                "checked": group.checked,
                "items": [
                    {"id": f"{number}-{slug(item.text)}", "text": item.text, "detail": item.detail}
                    for item in group.items
                ],
            }
            for number, group in enumerate(widget.checks, start=1)
        ],
    }


def _prompt_choice(prompt: Prompt, checked: bool) -> str:
    ident = f"playbook-mock-prompt-{prompt.id}"
    solution = ""
    if prompt.solution is not None:
        solution = (
            f' <a href="{html.escape(prompt.solution)}" class="playbook-mock-solution">worked '
            "solution"
            f'<span class="playbook-visually-hidden">: {html.escape(prompt.title)}</span></a>'
        )
    focus = (
        # The space keeps the title and the focus two words apart in the search index.
        f' <span class="playbook-mock-focus">{html.escape(prompt.focus)}</span>'
        if prompt.focus
        else ""
    )
    return (
        f'<li><input type="radio" name="playbook-mock-prompt" id="{ident}" '
        f'value="{html.escape(prompt.id)}"'
        f'{" checked" if checked else ""}> <label for="{ident}">{html.escape(prompt.title)}'
        f"</label>{solution}{focus}</li>"
    )


def render(widget: Widget) -> str:
    """The widget's root (prompt choice, Start) then the steps and the self-check, readable."""
    choices = "".join(
        _prompt_choice(prompt, number == 0) for number, prompt in enumerate(widget.prompts)
    )
    custom_id = f"playbook-mock-prompt-{CUSTOM_PROMPT}"
    choices += (
        f'<li><input type="radio" name="playbook-mock-prompt" id="{custom_id}" '
        f'value="{CUSTOM_PROMPT}"'
        f'{"" if widget.prompts else " checked"}> <label for="{custom_id}">My own prompt</label>'
        ' <label for="playbook-mock-custom-text" class="playbook-visually-hidden">'
        "My own prompt's text</label>"
        '<input type="text" id="playbook-mock-custom-text" class="playbook-mock-custom-text" '
        'placeholder="e.g. a URL shortener" autocomplete="off"></li>'
    )
    steps = []
    for step in widget.steps:
        why = f'<div class="playbook-mock-why">{step.why_html}</div>' if step.why_html else ""
        steps.append(
            f'<li data-mock-step="{step.number}"><h3 class="playbook-mock-step-name">'
            f'<a href="{html.escape(step.href)}">{html.escape(step.name)}</a> '
            f'<span class="playbook-mock-timebox">({html.escape(minutes(step))})</span></h3>'
            f'<div class="playbook-mock-cover">{step.bullets_html}</div>{why}</li>'
        )
    checks = []
    for group in widget.checks:
        items = "".join(
            f"<li>{html.escape(item.text)}"
            + (
                f' <span class="playbook-mock-detail">— {html.escape(item.detail)}</span>'
                if item.detail
                else ""
            )
            + "</li>"
            for item in group.items
        )
        checks.append(f"<h3>{html.escape(group.title)}</h3><ul>{items}</ul>")
    check_section = (
        '<h2 id="playbook-mock-self-check">After the interview: self-check</h2>' + "".join(checks)
        if checks
        else ""
    )
    data = json_attribute(data_of(widget))
    prefix = html.escape(widget.storage_prefix)
    return f"""<div class="playbook-mock" data-mock-interview data-state="idle" \
data-storage-prefix="{prefix}" data-mock-data="{data}">
<form class="playbook-mock-setup" aria-labelledby="playbook-mock-choose">
<h2 id="playbook-mock-choose">Choose a prompt</h2>
<ul class="playbook-mock-prompts">{choices}</ul>
<p><button type="submit" class="md-button md-button--primary playbook-mock-start" hidden>\
Start</button></p>
</form>
</div>
<div class="playbook-mock-reference">
<h2 id="playbook-mock-steps">The steps</h2>
<ol class="playbook-mock-steps">{"".join(steps)}</ol>
{check_section}
</div>
"""


def rehearse_link(page_html: str, href: str) -> str:
    """A solution page with a link that opens the mock interview on its prompt, after the
    paragraph under its title (the prompt itself), or first when it has none; kept out of the
    search index and off paper."""
    link = (
        '<p class="playbook-mock-rehearse" data-search-exclude>'
        f'<a class="md-button md-button--primary" href="{html.escape(href)}">'
        "Rehearse this prompt</a> "
        "in a timed mock interview, then compare your notes with this solution step by step.</p>"
    )
    elements = tree(page_html).elements()
    after = 0
    for index, element in enumerate(elements):
        if element.tag == "h1":
            following = elements[index + 1] if index + 1 < len(elements) else None
            after = following.end if following is not None and following.tag == "p" else element.end
            break
    return page_html[:after] + link + page_html[after:]
