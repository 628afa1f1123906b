"""The cheat sheet's MkDocs events: the generated page, its sections cut from the rendered pages,
and the PDFs printed once the site is built."""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from mkdocs_playbook.cheatsheet.assemble import SectionSpec, SourcePage, assemble
from mkdocs_playbook.cheatsheet.assemble import render as render_sections
from mkdocs_playbook.cheatsheet.config import CheatSheetConfig
from mkdocs_playbook.cheatsheet.pdf import PdfError, PdfJob, render
from mkdocs_playbook.core.author_errors import error_box
from mkdocs_playbook.core.sections import relocate
from mkdocs_playbook.feature import Feature
from mkdocs_playbook.mkdocs_glue.generated import (
    add_generated,
    add_to_toc,
    page_source,
    rendered_page,
    toc_entry,
)
from mkdocs_playbook.mkdocs_glue.pages import clean_sources

log = logging.getLogger("mkdocs.plugins.playbook")

PDF_NAMES = {
    "a4": "cheat-sheet-a4.pdf",
    "letter": "cheat-sheet-letter.pdf",
    "book": "playbook.pdf",
}
OPTION = "plugins.playbook.cheatsheet"


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


def page_body(options: CheatSheetConfig, page_url: str, with_pdfs: bool) -> str:
    """The generated page before the sections are put in: introduction, print and PDFs."""
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
    return f"""<div class="playbook-cheatsheet-intro">
<p>{html.escape(" ".join(options.intro.split()), quote=False)}</p>
<p><button type="button" class="md-button md-button--primary playbook-print" hidden>Print
</button></p>
{downloads}</div>
"""


class CheatSheet(Feature[CheatSheetConfig]):
    """The cheat sheet of one build. Under `mkdocs serve`, a configured section that cannot be
    found is listed on the sheet instead of stopping the build, and no PDF is printed (they take
    seconds per page)."""

    @classmethod
    def wanted(cls, options: CheatSheetConfig) -> bool:
        return bool(options.enabled and options.sections)

    @property
    def _with_pdfs(self) -> bool:
        return bool(self.options.pdf and not self.build.serving)

    _pdf_job: PdfJob | None = None

    def on_config(self, *, config: MkDocsConfig) -> None:
        specs_of(self.options)
        self.build.stylesheets.append("cheatsheet.css")  # widgets.js loads cheatsheet.js
        if self.options.pdf and self.build.serving:
            log.info("playbook cheat sheet: PDFs are rendered by `mkdocs build` only")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the cheat-sheet page; its sections are filled in once every page is rendered."""
        options = self.options
        page_file = add_generated(
            files, config, options.page, "",
            feature="cheat sheet", maker="the cheat sheet", option=f"{OPTION}.page",
        )  # fmt: skip
        body = page_body(options, page_file.url, self._with_pdfs)
        # Searchable, but below the pages its sections come from.
        page_file.content_string = page_source(
            options.title, options.description, body, search_boost=0.5
        )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        """What to print: the cheat sheet, and the nav's pages (but generated and excluded ones)."""
        if not self._with_pdfs:
            return
        options = self.options
        skipped = {options.page, *options.book_exclude}
        book: list[str] = []
        for page in nav.pages:
            file = page.file
            if file.src_uri in skipped or file.generated_by is not None:
                continue
            book.append(file.url)
        sheet = files.get_file_from_path(options.page)
        assert sheet is not None, "on_files added the page"
        site_url = config.site_url or ""
        project = Path(config.config_file_path or ".").parent
        self._pdf_job = PdfJob(
            Path(config.site_dir),
            sheet.url,
            book,
            site_url,
            PDF_NAMES,
            config.site_name,
            project / options.pdf_cache_dir if options.pdf_cache else None,
        )

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Cut the configured sections out of the rendered pages and put them on the cheat sheet."""
        options = self.options
        started = time.perf_counter()
        specs = specs_of(options)
        clean_sources(files, [spec.page for spec in specs], "cheat sheet")
        page = rendered_page(files, options.page)
        pages = {
            file.src_uri: SourcePage(
                file.src_uri, file.url, file.page.title or "", file.page.content
            )
            for file in files.documentation_pages()
            if file.page is not None and file.page.content is not None and file.page is not page
        }
        result = assemble(specs, pages, page.file.url)
        notice = ""
        if result.problems:
            summary = (
                f"playbook cheat sheet: {len(result.problems)} configured section(s) in "
                f"mkdocs.yml ({OPTION}.sections) cannot be put on it"
            )
            if not self.build.serving:
                details = "\n".join(f"  {problem}" for problem in result.problems)
                raise PluginError(f"{summary}:\n{details}")
            log.info("%s (shown on the page; `mkdocs build` stops on it)", summary)
            notice = error_box("cheat sheet", result.problems)
        page.content = (page.content or "") + notice + render_sections(result.sections)
        add_to_toc(page, [toc_entry(s.title, s.anchor, 2) for s in result.sections])
        log.info(
            "playbook cheat sheet: %d sections assembled in %.1f ms",
            len(result.sections),
            (time.perf_counter() - started) * 1000,
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Print the PDFs into the built site; a missing browser is a user error with a fix."""
        job = self._pdf_job
        if job is None:
            return
        started = time.perf_counter()
        try:
            printed = render(job, self.build.chromium)
        except PdfError as error:
            raise PluginError(
                f"playbook cheat sheet: the PDFs could not be rendered: {error}. Set "
                f"{OPTION}.pdf to false (PLAYBOOK_PDF=false) to build without them."
            ) from None
        sizes = ", ".join(
            f"{path.name} {path.stat().st_size // 1024} KB" for path in printed.written
        )
        log.info(
            "playbook cheat sheet: PDFs rendered in %.1f s (printouts: %d made, %d from the "
            "cache): %s",
            time.perf_counter() - started,
            printed.made,
            printed.reused,
            sizes,
        )
