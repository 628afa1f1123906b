"""The offline feature's MkDocs events: the manifest link on every page, and the manifest and
service worker written once the whole site is in the site directory."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_playbook.core.embed import json_attribute
from mkdocs_playbook.feature import Build, Feature
from mkdocs_playbook.mkdocs_glue.assets import add_to_every_page
from mkdocs_playbook.offline import manifest, precache, worker
from mkdocs_playbook.offline.config import OfflineConfig
from mkdocs_playbook.offline.identity import WorkerIdentity, worker_identity

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.offline"


class Offline(Feature[OfflineConfig]):
    """One build's offline feature.

    ``enabled: true`` (opt-in): ``mkdocs build`` writes the manifest and the precaching worker
    and links them from every page; ``mkdocs serve`` writes a retiring worker instead, and
    offline.js on every page removes one an earlier build left, so an author never sees a stale
    page. ``enabled: false`` (the default): no page links or loads anything, and unless
    ``retire: false`` the build writes the retiring worker at the worker's address, for the
    browsers an earlier build with the feature on left a worker in: they fetch it when they
    check for an update, and it removes itself and that site's caches.
    """

    @classmethod
    def wanted(cls, options: OfflineConfig) -> bool:
        return bool(options.enabled or options.retire)

    def __init__(self, options: OfflineConfig, build: Build) -> None:
        super().__init__(options, build)
        self.active = options.enabled and not build.serving
        """Writes the manifest and the precaching worker (`mkdocs build` with the feature on)."""
        self.retiring = (options.enabled and build.serving) or (
            options.retire and not options.enabled
        )
        """Writes a worker that removes an earlier one: authors never see a stale page, and a
        site that turned the feature off leaves nothing behind in its readers' browsers."""
        self._identity = WorkerIdentity("/", "")

    def on_config(self, *, config: MkDocsConfig) -> None:
        if self.active:
            self.build.stylesheets.append("offline.css")
            add_to_every_page(config, "offline.js")
        elif self.options.enabled and self.retiring:
            add_to_every_page(config, "offline.js")  # `mkdocs serve`: the author's browser
        self._identity = worker_identity(config.site_name, config.site_url)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """A file of the site's own where the feature writes one: a conflict when the feature
        is on; with it off, the site's own worker stays and no retiring worker is written."""
        theirs = [name for name in (worker.NAME, manifest.NAME) if files.get_file_from_path(name)]
        if theirs and self.options.enabled:
            docs = Path(config.docs_dir).resolve()
            project = Path(config.config_file_path or ".").resolve().parent
            shown = docs.relative_to(project) if docs.is_relative_to(project) else docs
            raise PluginError(
                f"playbook offline: {shown.as_posix()}/{theirs[0]} is the site's own, but the "
                f"offline feature writes it; rename that file, or set {OPTION}.enabled: false."
            )
        if worker.NAME in theirs:
            self.retiring = False
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.active:
            return output
        return _with_link(output, lambda name: get_relative_url(name, page.url), self.options)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page is served at any depth: its link starts at the site's path."""
        if not self.active or template_name != worker.NOT_FOUND:
            return output
        return _with_link(output, lambda name: self._identity.scope + name, self.options)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After everything else has written to the site directory (PDFs included)."""
        site = Path(config.site_dir)
        template = worker.TEMPLATE.read_text(encoding="utf-8")
        if self.retiring and _ours_or_none(site / worker.NAME, template):
            source = worker.retiring_worker_source(template, self._identity)
            (site / worker.NAME).write_text(source, encoding="utf-8")
        if not self.active:
            return
        (site / manifest.NAME).write_text(self._manifest(config, site), encoding="utf-8")
        entries = precache.site_entries(site, self._rules(config, site), skip=[worker.NAME])
        note = self.options.texts.note
        source = worker.worker_source(template, self._identity, entries, note)
        (site / worker.NAME).write_text(source, encoding="utf-8")
        listed = [e for e in entries if e.kind is precache.Kind.PRECACHE]
        log.info(
            "playbook offline: %d files precached, %.1f KB gzipped (%d more kept once fetched)",
            len(listed), precache.precache_size(entries) / 1024, len(entries) - len(listed),
        )  # fmt: skip

    def _rules(self, config: MkDocsConfig, site: Path) -> precache.Rules:
        on_demand = [
            *precache.ON_DEMAND,
            *self.options.on_demand,
            *self.build.fetched_on_demand,
        ]
        index = site / precache.SEARCH_INDEX
        languages = precache.search_languages(index.read_bytes()) if index.is_file() else ()
        return precache.Rules(
            on_demand=on_demand,
            leave_out=[*precache.LEAVE_OUT, *self.options.leave_out],
            precache=languages,
        )

    def _manifest(self, config: MkDocsConfig, site: Path) -> str:
        options = self.options
        name = options.name or config.site_name
        palette = config.theme.get("palette") or {}
        first = (palette[0] if isinstance(palette, list) and palette else palette) or {}
        scheme = str(first.get("scheme", "default"))
        return manifest.manifest_json(
            name=name,
            short_name=options.short_name or name,
            description=config.site_description or "",
            scope=self._identity.scope,
            theme_color=options.theme_color or _primary(site, str(first.get("primary", ""))),
            background_color=options.background_color
            or manifest.BACKGROUNDS.get(scheme, manifest.BACKGROUNDS["default"]),
            icons=self._icons(config, site),
            lang=str(config.theme.get("language") or ""),
        )

    def _icons(self, config: MkDocsConfig, site: Path) -> list[manifest.Icon]:
        configured = self.options.icon
        path = (configured or str(config.theme.get("favicon") or "")).lstrip("/")
        file = site / path
        data = file.read_bytes() if path and file.is_file() else b""
        icon, problem = manifest.icon_for(path, data) if data else (None, f"{path!r} is missing")
        if configured and icon is None:
            raise PluginError(
                f"playbook offline: {OPTION}.icon: {problem}; name a square SVG or PNG "
                f"(144 px or more) under {config.docs_dir}"
            )
        if problem:
            log.info(
                "playbook offline: the site works offline but Chromium will not offer to "
                "install it: its icon (theme.favicon or %s.icon) %s",
                OPTION, problem,
            )  # fmt: skip
        return [icon] if icon else []


def _ours_or_none(path: Path, template: str) -> bool:
    """Nothing is at ``path``, or a worker this plugin wrote (another plugin's stays)."""
    if not path.is_file():
        return True
    header = template.split("\n", 1)[0]
    return path.read_text(encoding="utf-8", errors="replace").startswith(header)


def _primary(site: Path, primary: str) -> str:
    """The palette's primary colour as the Material stylesheet in the site defines it."""
    for css in sorted((site / "assets" / "stylesheets").glob("palette.*.css")):
        colour = manifest.primary_color(css.read_text(encoding="utf-8"), primary or "indigo")
        if colour:
            return colour
    return manifest.FALLBACK_THEME


def _with_link(output: str, url_of: Callable[[str], str], options: OfflineConfig) -> str:
    """The manifest link, which also tells offline.js where the worker is and what to say."""
    shown = {key: text for key, text in options.texts.items() if key != "note"}  # the worker's
    link = (
        f'<link rel="manifest" href="{html.escape(url_of(manifest.NAME))}" '
        f'data-playbook-worker="{html.escape(url_of(worker.NAME))}" '
        f'data-playbook-texts="{json_attribute(shown)}">'
    )
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return output[:head_end] + link + output[head_end:]
