"""The shape every feature of the plugin has: one class, made anew for each build, that handles
the MkDocs events it needs.

A feature is a package ``playbook/<feature>/``: ``config.py`` holds its typed options (the
first is ``enabled``), ``feature.py`` its ``Feature`` subclass, and the rest are pure modules
that never import MkDocs. The plugin makes a feature only when it is enabled, so a feature's
events never check ``enabled`` themselves, and calls the features in the order of
``plugin.FEATURES``, which says why that order matters where it does.

Every event takes the same keyword-only arguments MkDocs gives the plugin, minus the ones the
plugin itself keeps (``files`` where MkDocs passes it to a page event). A feature overrides only
the events it uses; the others pass their value through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_playbook.core.chromium import ChromiumSession

Options = TypeVar("Options", bound=base.Config)


@dataclass(frozen=True)
class DeckSection:
    """One section of the deck: its key and label as the study mode's filter names them."""

    key: str
    label: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class PublishedDeck:
    """What the flashcards page studies, as the flashcards feature published it: a feature that
    reports on the reader's study (progress) reads it here, never from the generated files."""

    page_url: str
    """Site-root-relative URL of the flashcards page."""
    storage_prefix: str
    scheduler: dict[str, Any]
    """The parameters the study mode schedules with (``SchedulerParams.to_json()``)."""
    sections: tuple[DeckSection, ...]


@dataclass(frozen=True)
class PublishedMock:
    """Where the mock interview is and where it keeps the reader's sessions."""

    page_url: str
    storage_prefix: str
    steps: tuple[dict[str, Any], ...] = ()
    """The page's steps as a session keeps them, once read (``on_env``): what sessions stored
    before they kept their own steps are read with, as the mock's page reads them."""


@dataclass
class Build:
    """What one build shares with every feature."""

    serving: bool
    """``mkdocs serve``: a mistake in a page's content (a calculator, a diagram, a card, a
    cheat-sheet section, the mock's pages) is shown on the page being edited and logged instead
    of stopping the build; slow outputs (PDFs) are skipped; nothing stays in readers' browsers."""
    chromium: ChromiumSession
    """One headless browser for the build (diagrams and PDFs), started on first use."""
    stylesheets: list[str] = field(default_factory=list)
    """The stylesheets of the plugin's assets that pages need, in order: a feature adds its own
    in ``on_config``, and every page links them as one file (``mkdocs_glue.assets``)."""
    fetched_on_demand: list[str] = field(default_factory=list)
    """Glob patterns of built files that a page fetches only in some cases (Mermaid's module,
    where the build could not draw). A feature that writes such files adds them in
    ``on_config``; the offline feature keeps them once fetched instead of precaching them."""
    flashcards: PublishedDeck | None = None
    """Set by the flashcards feature once its page is filled (``on_env``), when there is one."""
    mock_interview: PublishedMock | None = None
    """Set by the mock interview when it adds its page (``on_files``), with its steps once it
    has read them (``on_env``)."""


class Feature(Generic[Options]):
    """One feature of the plugin during one build."""

    def __init__(self, options: Options, build: Build) -> None:
        self.options = options
        self.build = build

    @classmethod
    def wanted(cls, options: Options) -> bool:
        """Whether the site asks for the feature: the plugin makes it only then."""
        return bool(options["enabled"])

    def on_config(self, *, config: MkDocsConfig) -> None:
        """Register what the feature needs: Markdown extensions, fences, stylesheets."""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the pages and files the feature generates."""
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        """Read the navigation."""

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig) -> str:
        """Prepare a page's Markdown before it is rendered."""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig) -> str:
        """Check or change a page's rendered content."""
        return html

    def on_env(self, *, config: MkDocsConfig, files: Files) -> None:
        """Every page's content is rendered, none is written yet: read and fill pages."""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Change a page's complete HTML before it is written."""
        return output

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Change a static template's output (the 404 page, the sitemap)."""
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site directory is complete (up to this feature): write what is derived from it."""

    def close(self) -> None:
        """Release what the build held (a browser page, a worker), also after an error."""
