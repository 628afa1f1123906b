"""The progress page's MkDocs events: the generated page, filled once the features it reports on
have published what the reader's browser keeps (flashcards, mock interview), and the marker on
each tracked page."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from mkdocs_playbook.feature import Build, Feature
from mkdocs_playbook.mkdocs_glue.generated import (
    add_generated,
    add_to_toc,
    page_source,
    rendered_page,
    toc_entry,
)
from mkdocs_playbook.progress.config import ProgressConfig
from mkdocs_playbook.progress.render import (
    ProgressPage,
    TrackedPage,
    default_storage_prefix,
    headings,
    render,
    visit_marker,
)
from mkdocs_playbook.progress.tracking import tracked_pages

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.progress"
INTRO = (
    "What you have studied on this site, as this browser keeps it: nothing is sent anywhere, "
    "and nothing leaves this browser unless you export it below."
)


class Progress(Feature[ProgressConfig]):
    """The progress page of one build."""

    def __init__(self, options: ProgressConfig, build: Build) -> None:
        super().__init__(options, build)
        self._tracked: list[str] = []

    def on_config(self, *, config: MkDocsConfig) -> None:
        self.build.stylesheets.append("progress.css")  # widgets.js loads progress.js

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the page, and settle which pages are tracked: a pattern that matches none is a
        warning (``--strict`` stops), most likely a misspelt path."""
        options = self.options
        paths = [file.src_uri for file in files.documentation_pages()]
        tracked = tracked_pages(options.track, paths)
        for pattern in tracked.unmatched:
            log.warning(
                "playbook progress: %s.track: %r matches no page under docs/ (a path or glob "
                "pattern such as 'solutions/*.md'; '!' before one leaves its pages out)",
                OPTION, pattern,
            )  # fmt: skip
        self._tracked = [path for path in tracked.pages if path != options.page]
        content = page_source(options.title, options.description, INTRO, search_boost=0.5)
        add_generated(
            files, config, options.page, content,
            feature="progress", maker="the progress feature", option=f"{OPTION}.page",
        )  # fmt: skip
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        """List the tracked pages as the reader meets them: in the navigation's order, those
        it leaves out after them."""
        order = {page.file.src_uri: index for index, page in enumerate(nav.pages)}
        self._tracked.sort(key=lambda path: order.get(path, len(order)))

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Fill the page with what the other features published, and mark the tracked pages.
        Last of the features that copy from pages (plugin.FEATURES): no copy carries a marker."""
        options = self.options
        prefix = options.storage_prefix or default_storage_prefix(config.site_name)
        tracked = []
        for path in self._tracked:
            file = files.get_file_from_path(path)
            if file is None or file.page is None:
                continue
            file.page.content = (file.page.content or "") + visit_marker(prefix, path)
            tracked.append(TrackedPage(path, file.page.title or path, file.url))
        page = rendered_page(files, options.page)
        progress = ProgressPage(
            site=config.site_name,
            page_url=page.file.url,
            storage_prefix=prefix,
            track_title=options.track_title,
            tracked=tracked,
            deck=self.build.flashcards,
            mock=self.build.mock_interview,
        )
        page.content = (page.content or "") + render(progress)
        add_to_toc(page, [toc_entry(*heading) for heading in headings(progress)])
        log.info(
            "playbook progress: flashcards %s, mock interviews %s, %d tracked pages",
            "on" if progress.deck else "off",
            "on" if progress.mock else "off",
            len(tracked),
        )
