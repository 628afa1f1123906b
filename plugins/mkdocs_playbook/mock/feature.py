"""The mock interview's MkDocs events: the generated page, filled from the rendered pages."""

from __future__ import annotations

import html
import logging
import time
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.core.sections import relocate
from mkdocs_playbook.core.text import slug
from mkdocs_playbook.feature import Feature, PublishedMock
from mkdocs_playbook.mkdocs_glue.generated import (
    add_generated,
    add_to_toc,
    page_source,
    rendered_page,
    toc_entry,
)
from mkdocs_playbook.mkdocs_glue.pages import clean_sources
from mkdocs_playbook.mock.config import MockInterviewConfig
from mkdocs_playbook.mock.extract import Item, Page, read_items, read_key_points, read_steps
from mkdocs_playbook.mock.render import (
    CheckGroup,
    Widget,
    plan_of,
    prompts_of,
    rehearse_link,
    render,
)

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.mock_interview"


def _page(files: Files, path: str) -> Page | None:
    """A rendered page of the site by its path under docs/, as it is now (cleaned or not)."""
    file = files.get_file_from_path(path)
    if file is None or file.page is None or file.page.content is None:
        return None
    return Page(file.url, file.page.content)


def _solution_paths(files: Files, prompts_page: Page, items: list[Item]) -> dict[str, str]:
    """Each prompt's worked solution as a path under docs/, by the prompt's text: the page its
    row's first link (without a fragment) leads to, when that is a page of the site."""
    by_url = {file.url: file.src_uri for file in files.documentation_pages()}
    found: dict[str, str] = {}
    for item in items:
        if item.href is None or item.href.startswith("#"):
            continue
        url = relocate(item.href, prompts_page.url, "").split("#")[0].split("?")[0]
        if url in by_url:
            found[item.text] = by_url[url]
    return found


def storage_prefix(options: MockInterviewConfig, config: MkDocsConfig) -> str:
    """Where the reader's sessions are kept: the option, else from the site's name."""
    return options.storage_prefix or f"{slug(config.site_name)}/mock-interview/v1/"


def _widget(files: Files, config: MkDocsConfig, options: MockInterviewConfig, url: str) -> Widget:
    """Read the steps, prompts (with their solutions' key points) and checks from the rendered
    pages, each cleaned first; raise on what is missing."""
    problems: list[str] = []

    def page_of(path: str, option: str) -> Page | None:
        page = _page(files, path)
        if page is None:
            problems.append(f"{option}: {path} is not a page of the site (a path under docs/)")
        return page

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
            paths = _solution_paths(files, prompts_page, extracted.items)
            clean_sources(files, paths.values(), "mock interview")
            key_points = {}
            for title, path in paths.items():
                solution = _page(files, path)
                key_points[title] = read_key_points(solution, url) if solution else []
            prompts = prompts_of(extracted.items, solutions, key_points, paths)
    checks = []
    for number, check in enumerate(options.checks):
        check_page = page_of(check.page, f"{OPTION}.checks[{number}].page")
        if check_page is None:
            continue
        extracted = read_items(check_page, f"docs/{check.page}", check.heading)
        problems += [f"{OPTION}.checks[{number}]: {problem}" for problem in extracted.problems]
        checks.append(CheckGroup(check.title or check.heading, extracted.items, check.checked))
    if problems:
        raise PluginError(
            "playbook mock interview: mkdocs.yml asks for a mock interview the site's pages "
            "cannot make:\n" + "\n".join(f"  {problem}" for problem in problems)
        )
    return Widget(steps, prompts, checks, storage_prefix(options, config))


def _add_rehearse_links(files: Files, widget: Widget, mock_url: str) -> None:
    """Each prompt's worked solution page links to the mock interview with that prompt chosen
    (its first prompt, when several share a solution)."""
    done: set[str] = set()
    for prompt in widget.prompts:
        file = files.get_file_from_path(prompt.solution_page or "")
        if file is None or file.page is None or file.page.content is None or file.url in done:
            continue
        done.add(file.url)
        href = relocate(f"{mock_url}?prompt={quote(prompt.id)}", "", file.url)
        file.page.content = rehearse_link(file.page.content, href)


class MockInterview(Feature[MockInterviewConfig]):
    """The mock interview of one build. Under `mkdocs serve`, a page it cannot read is named on
    the mock's page instead of stopping the build."""

    @classmethod
    def wanted(cls, options: MockInterviewConfig) -> bool:
        return bool(options.enabled and options.steps_page)

    def on_config(self, *, config: MkDocsConfig) -> None:
        self.build.stylesheets.append("mock-interview.css")  # widgets.js loads mock-interview.js

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the mock interview's page; the widget is filled in once every page is rendered."""
        options = self.options
        intro = html.escape(" ".join(options.intro.split()), quote=False)
        content = page_source(
            options.title,
            options.description,
            f'<p class="playbook-mock-intro">{intro}</p>\n',
            search_boost=0.5,
        )
        page = add_generated(
            files, config, options.page, content,
            feature="mock interview", maker="the mock interview", option=f"{OPTION}.page",
        )  # fmt: skip
        self.build.mock_interview = PublishedMock(page.url, storage_prefix(options, config))
        return files

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Put the widget on the mock's page, from the pages MkDocs has rendered by now."""
        started = time.perf_counter()
        options = self.options
        sources = [options.steps_page or "", options.prompts_page or ""]
        clean_sources(
            files, [*sources, *(check.page for check in options.checks)], "mock interview"
        )
        page = rendered_page(files, options.page)
        try:
            widget = _widget(files, config, self.options, page.file.url)
        except PluginError as error:
            if not self.build.serving:
                raise
            log.info("%s (shown on the page; `mkdocs build` stops on it)", error)
            page.content = (page.content or "") + error_box("mock interview", [str(error)])
            return
        page.content = (page.content or "") + render(widget)
        self.build.mock_interview = PublishedMock(
            page.file.url, widget.storage_prefix, tuple(plan_of(widget.steps))
        )
        _add_rehearse_links(files, widget, page.file.url)
        entries = [
            toc_entry("Choose a prompt", "playbook-mock-choose", 2),
            toc_entry("The steps", "playbook-mock-steps", 2),
        ]
        if widget.checks:
            checks = toc_entry("After the interview: self-check", "playbook-mock-self-check", 2)
            entries.append(checks)
        add_to_toc(page, entries)
        without = [p.title for p in widget.prompts if p.solution_page and not p.solution_steps]
        if without:
            log.info(
                "playbook mock interview: no section of these prompts' solutions is headed like a "
                "step ('## 1. Clarify (2-3 min)'), so their review shows no key points: %s",
                "; ".join(without),
            )
        log.info(
            "playbook mock interview: %d steps, %d prompts (%d with key points) in %.1f ms",
            len(widget.steps),
            len(widget.prompts),
            sum(1 for prompt in widget.prompts if prompt.solution_steps),
            (time.perf_counter() - started) * 1000,
        )
