"""The cheat sheet's only contact with MkDocs: options, the generated page, errors, PDFs."""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from playbook.author_errors import error_box
from playbook.cheatsheet.assemble import SectionSpec, SourcePage, assemble
from playbook.cheatsheet.assemble import render as render_sections
from playbook.cheatsheet.pdf import PdfError, PdfJob, render
from playbook.chromium import ChromiumSession
from playbook.mkdocs_assets import add_to_every_page
from playbook.sections import BLOCK_KINDS, relocate

log = logging.getLogger("mkdocs.plugins.playbook")

PDF_NAMES = {
    "a4": "cheat-sheet-a4.pdf",
    "letter": "cheat-sheet-letter.pdf",
    "book": "playbook.pdf",
}
OPTION = "plugins.playbook.cheatsheet"


class CheatSheetSection(base.Config):
    page = c.Type(str)
    """The source page, as a path under docs/."""
    heading = c.Optional(c.Type(str))
    """The section under the first heading whose text starts with this (case-insensitive)."""
    anchor = c.Optional(c.Type(str))
    """Or: the section under the heading with this id."""
    title = c.Optional(c.Type(str))
    """The title on the cheat sheet; the heading's own text when omitted."""
    blocks = c.ListOfItems(c.Choice(BLOCK_KINDS), default=[])
    """Keep only these kinds of blocks (e.g. [table]); everything under the heading when empty."""


class CheatSheetConfig(base.Config):
    """Options under ``plugins: - playbook: cheatsheet:``."""

    enabled = c.Type(bool, default=True)
    """The page is generated only when enabled and at least one section is configured."""
    page = c.Type(str, default="cheat-sheet.md")
    title = c.Type(str, default="Cheat sheet")
    description = c.Type(
        str,
        default="The site on one sheet to revise from, in two printed pages: its key sections, "
        "taken from the pages they are explained on.",
    )
    """The page's meta description."""
    intro = c.Type(
        str,
        default="Every section below is taken from this site's own pages each time it is "
        "built, and its title links back to where it is explained. It prints on two pages of "
        "A4 or US Letter.",
    )
    """The text under the page's title (plain text)."""
    sections = c.ListOfItems(c.SubConfig(CheatSheetSection), default=[])
    pdf = c.Type(bool, default=False)
    """Print the cheat sheet (A4, Letter) and the whole playbook to PDF after `mkdocs build`."""
    book_exclude = c.ListOfItems(c.Type(str), default=[])
    """Nav pages left out of the whole-playbook PDF (the cheat sheet itself always is)."""


def active(options: CheatSheetConfig) -> bool:
    return bool(options.enabled and options.sections)


def specs_of(options: CheatSheetConfig) -> list[SectionSpec]:
    """The configured sections; a section names exactly one of ``heading`` and ``anchor``."""
    specs: list[SectionSpec] = []
    for number, section in enumerate(options.sections):
        if (section.heading is None) == (section.anchor is None):
            raise PluginError(
                f"playbook cheat sheet: mkdocs.yml, {OPTION}.sections[{number}] (page "
                f"{section.page}) needs exactly one of `heading` (text the heading starts with) "
                "or `anchor` (the heading's id)."
            )
        specs.append(
            SectionSpec(
                page=section.page,
                heading=section.heading,
                anchor=section.anchor,
                title=section.title,
                kinds=frozenset(section.blocks),
            )
        )
    return specs


def on_config(config: MkDocsConfig, options: CheatSheetConfig) -> None:
    if not active(options):
        return
    specs_of(options)
    add_to_every_page(config, "cheatsheet.css")  # widgets.js loads cheatsheet.js


def page_markdown(options: CheatSheetConfig, page_url: str, with_pdfs: bool) -> str:
    """The generated page before the sections are put in: title, introduction, print and PDFs."""
    downloads = ""
    if with_pdfs:
        links = [
            (PDF_NAMES["a4"], "cheat sheet, A4"),
            (PDF_NAMES["letter"], "cheat sheet, US Letter"),
            (PDF_NAMES["book"], "the whole playbook"),
        ]
        items = " · ".join(
            f'<a href="{html.escape(relocate(name, "", page_url))}" download>{label}</a>'
            for name, label in links
        )
        downloads = f'<p class="playbook-cheatsheet-pdfs">PDF: {items}</p>\n'
    # Searchable, but below the pages its sections come from.
    return f"""---
description: >-
  {" ".join(options.description.split())}
search:
  boost: 0.5
---

# {options.title}

<div class="playbook-cheatsheet-intro">
<p>{html.escape(" ".join(options.intro.split()), quote=False)}</p>
<p><button type="button" class="md-button md-button--primary playbook-print" hidden>Print
</button></p>
{downloads}</div>
"""


def on_files(
    files: Files, config: MkDocsConfig, options: CheatSheetConfig, with_pdfs: bool
) -> Files:
    """Add the cheat-sheet page; its sections are filled in once every page is rendered."""
    if not active(options):
        return files
    if files.get_file_from_path(options.page) is not None:
        raise PluginError(
            f"playbook cheat sheet: docs/{options.page} exists, but the cheat sheet generates "
            f"it; rename that file or set {OPTION}.page to another name in mkdocs.yml."
        )
    page_file = File.generated(config, options.page, content="")
    page_file.content_string = page_markdown(options, page_file.url, with_pdfs)
    files.append(page_file)
    return files


def on_env(files: Files, options: CheatSheetConfig, in_place: bool = False) -> None:
    """Cut the configured sections out of the rendered pages and put them on the cheat sheet."""
    if not active(options):
        return
    started = time.perf_counter()
    sheet = files.get_file_from_path(options.page)
    assert sheet is not None and sheet.page is not None, "on_files added the page"
    pages = {
        file.src_uri: SourcePage(file.src_uri, file.url, file.page.title or "", file.page.content)
        for file in files.documentation_pages()
        if file.page is not None and file.page.content is not None and file is not sheet
    }
    result = assemble(specs_of(options), pages, sheet.url)
    notice = ""
    if result.problems:
        summary = (
            f"playbook cheat sheet: {len(result.problems)} configured section(s) in mkdocs.yml "
            f"({OPTION}.sections) cannot be put on it"
        )
        if not in_place:
            details = "\n".join(f"  {problem}" for problem in result.problems)
            raise PluginError(f"{summary}:\n{details}")
        # Under `mkdocs serve`: the sheet shows what it can, and what is wrong.
        log.info("%s (shown on the page; `mkdocs build` stops on it)", summary)
        notice = error_box("cheat sheet", result.problems)
    page = sheet.page
    page.content = (page.content or "") + notice + render_sections(result.sections)
    entries = [
        AnchorLink(html.escape(section.title), section.anchor, 2) for section in result.sections
    ]
    if page.toc.items:
        page.toc.items[0].children.extend(entries)
    else:
        page.toc.items.extend(entries)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(section.anchor for section in result.sections)
    log.info(
        "playbook cheat sheet: %d sections assembled in %.1f ms",
        len(result.sections),
        (time.perf_counter() - started) * 1000,
    )


def pdf_job(
    files: Files, config: MkDocsConfig, options: CheatSheetConfig, nav_pages: list[str]
) -> PdfJob:
    """What to print: the cheat sheet, and the nav's pages (but generated and excluded ones)."""
    skipped = {options.page, *options.book_exclude}
    book: list[str] = []
    for src_uri in nav_pages:
        file = files.get_file_from_path(src_uri)
        if file is None or src_uri in skipped or file.generated_by is not None:
            continue
        book.append(file.url)
    sheet = files.get_file_from_path(options.page)
    assert sheet is not None, "on_files added the page"
    site_url = config.site_url or ""
    return PdfJob(Path(config.site_dir), sheet.url, book, site_url, PDF_NAMES, config.site_name)


def render_pdfs(job: PdfJob, session: ChromiumSession) -> None:
    """Print the PDFs into the built site; a missing browser is a user error with a fix."""
    started = time.perf_counter()
    try:
        written = render(job, session)
    except PdfError as error:
        raise PluginError(
            f"playbook cheat sheet: the PDFs could not be rendered: {error}. Set "
            f"{OPTION}.pdf to false (PLAYBOOK_PDF=false) to build without them."
        ) from None
    sizes = ", ".join(f"{path.name} {path.stat().st_size // 1024} KB" for path in written)
    log.info(
        "playbook cheat sheet: PDFs rendered in %.1f s: %s", time.perf_counter() - started, sizes
    )
