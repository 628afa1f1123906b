"""The mock interview's only contact with MkDocs: options, the generated page, errors."""

from __future__ import annotations

import html
import logging
import time

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from playbook.author_errors import error_box
from playbook.flashcards.deck import slug
from playbook.mkdocs_assets import add_to_every_page
from playbook.mock.extract import Page, read_items, read_steps
from playbook.mock.render import CheckGroup, Widget, prompts_of, render
from playbook.sections import relocate

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.mock_interview"


class MockCheck(base.Config):
    page = c.Type(str)
    """The source page, as a path under docs/."""
    heading = c.Type(str)
    """The first table, list or definition list under the heading starting with this."""
    title = c.Optional(c.Type(str))
    """The group's title in the review; the heading's text when omitted."""


class MockInterviewConfig(base.Config):
    """Options under ``plugins: - playbook: mock_interview:``."""

    enabled = c.Type(bool, default=True)
    steps_page = c.Optional(c.Type(str))
    """The page whose headings ``N. Name (low-high min)`` are the steps; no mock page without
    it."""
    why_title = c.Type(str, default="Why")
    """The title of the admonition under a step that says why it matters."""
    prompts_page = c.Optional(c.Type(str))
    """A page whose table (or list) rows are the prompts to choose from, each linking to its
    worked solution with the row's first link; "my own prompt" only when omitted."""
    prompts_heading = c.Optional(c.Type(str))
    """The prompts are under this heading of ``prompts_page``; its first table when omitted."""
    checks = c.ListOfItems(c.SubConfig(MockCheck), default=[])
    """The review's self-check lists, each from a section of a page."""
    page = c.Type(str, default="mock-interview.md")
    title = c.Type(str, default="Mock interview")
    description = c.Type(
        str,
        default="A timed run through the interview's steps: a countdown per step, notes that "
        "are kept, and a review of your pacing at the end.",
    )
    """The page's meta description."""
    intro = c.Type(
        str,
        default="Choose a prompt and press Start: the page walks you through every step with "
        "its timebox, keeps your notes in this browser and reviews your pacing at the end.",
    )
    """The text under the page's title (plain text)."""
    storage_prefix = c.Optional(c.Type(str))
    """Where sessions are kept in the browser; ``<site name as a slug>/mock-interview/v1/``."""


def active(options: MockInterviewConfig) -> bool:
    return bool(options.enabled and options.steps_page)


def on_config(config: MkDocsConfig, options: MockInterviewConfig) -> None:
    if active(options):
        add_to_every_page(config, "mock-interview.css")  # widgets.js loads mock-interview.js


def on_files(files: Files, config: MkDocsConfig, options: MockInterviewConfig) -> Files:
    """Add the mock interview's page; the widget is filled in once every page is rendered."""
    if not active(options):
        return files
    if files.get_file_from_path(options.page) is not None:
        raise PluginError(
            f"playbook mock interview: docs/{options.page} exists, but the mock interview "
            f"generates it; rename that file or set {OPTION}.page to another name in mkdocs.yml."
        )
    content = f"""---
description: >-
  {" ".join(options.description.split())}
search:
  boost: 0.5
---

# {options.title}

<p class="pbmi-intro">{html.escape(" ".join(options.intro.split()), quote=False)}</p>
"""
    files.append(File.generated(config, options.page, content=content))
    return files


def _widget(files: Files, config: MkDocsConfig, options: MockInterviewConfig, url: str) -> Widget:
    """Read the steps, prompts and checks from the rendered pages; raise on what is missing."""
    pages = {
        file.src_uri: Page(file.url, file.page.content)
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None
    }
    problems: list[str] = []

    def page_of(path: str, option: str) -> Page | None:
        if path not in pages:
            problems.append(f"{option}: {path} is not a page of the site (a path under docs/)")
        return pages.get(path)

    steps = []
    steps_page = page_of(options.steps_page or "", f"{OPTION}.steps_page")
    if steps_page is not None:
        found, problem = read_steps(
            steps_page, f"docs/{options.steps_page}", url, options.why_title
        )
        steps = found
        problems += [f"{OPTION}.steps_page: {problem}"] if problem else []
    prompts = []
    if options.prompts_page is not None:
        prompts_page = page_of(options.prompts_page, f"{OPTION}.prompts_page")
        if prompts_page is not None:
            source = f"docs/{options.prompts_page}"
            extracted = read_items(prompts_page, source, options.prompts_heading)
            problems += [f"{OPTION}.prompts_page: {problem}" for problem in extracted.problems]
            solutions = {
                item.text: relocate(item.href, prompts_page.url, url)
                for item in extracted.items
                if item.href is not None and not item.href.startswith("#")
            }
            prompts = prompts_of(extracted.items, solutions)
    checks = []
    for number, check in enumerate(options.checks):
        check_page = page_of(check.page, f"{OPTION}.checks[{number}].page")
        if check_page is None:
            continue
        extracted = read_items(check_page, f"docs/{check.page}", check.heading)
        problems += [f"{OPTION}.checks[{number}]: {problem}" for problem in extracted.problems]
        checks.append(CheckGroup(check.title or check.heading, extracted.items))
    if problems:
        raise PluginError(
            "playbook mock interview: mkdocs.yml asks for a mock interview the site's pages "
            "cannot make:\n" + "\n".join(f"  {problem}" for problem in problems)
        )
    prefix = options.storage_prefix or f"{slug(config.site_name)}/mock-interview/v1/"
    return Widget(steps, prompts, checks, prefix)


def on_env(
    files: Files, config: MkDocsConfig, options: MockInterviewConfig, in_place: bool = False
) -> None:
    """Put the widget on the mock's page, from the pages MkDocs has rendered by now."""
    if not active(options):
        return
    started = time.perf_counter()
    file = files.get_file_from_path(options.page)
    assert file is not None and file.page is not None, "on_files added the page"
    page = file.page
    try:
        widget = _widget(files, config, options, file.url)
    except PluginError as error:
        if not in_place:
            raise
        # Under `mkdocs serve`: the page says what is wrong; `mkdocs build` stops on it.
        log.info("%s (shown on the page; `mkdocs build` stops on it)", error)
        page.content = (page.content or "") + error_box("mock interview", [str(error)])
        return
    page.content = (page.content or "") + render(widget)
    entries = [
        AnchorLink("Choose a prompt", "pbmi-choose", 2),
        AnchorLink("The steps", "pbmi-steps", 2),
    ]
    if widget.checks:
        entries.append(AnchorLink("After the interview: self-check", "pbmi-self-check", 2))
    if page.toc.items:
        page.toc.items[0].children.extend(entries)
    else:
        page.toc.items.extend(entries)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(entry.id for entry in entries)
    log.info(
        "playbook mock interview: %d steps, %d prompts in %.1f ms",
        len(widget.steps),
        len(widget.prompts),
        (time.perf_counter() - started) * 1000,
    )
