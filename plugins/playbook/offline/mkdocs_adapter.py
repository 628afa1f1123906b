"""The offline feature's only contact with MkDocs: options, the manifest link on every page, and
the manifest and service worker written once the whole site is in the site directory."""

from __future__ import annotations

import html
import json
import logging
import posixpath
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from playbook.diagrams.mkdocs_adapter import DiagramsConfig, mermaid_setup
from playbook.mkdocs_assets import ASSETS_DIR, ASSETS_URI, add_to_every_page
from playbook.offline import manifest, precache, worker
from playbook.offline.identity import WorkerIdentity, worker_identity

log = logging.getLogger("mkdocs.plugins.playbook")

OPTION = "plugins.playbook.offline"
TEMPLATE = ASSETS_DIR / worker.NAME
DEFAULT_TEXTS = {
    "new_version": "A new version of this site is available.",
    "reload": "Reload",
    "offline": "You are offline: the pages of this site still open.",
    "missing": "needs a connection",
    "missing_file": "This file needs a network connection: it was not saved on this device.",
    "note": "You are offline, and this page was not saved on this device: it opens once you "
    "are back online.",
}


class OfflineTexts(base.Config):
    """What the reader sees, in the site's language."""

    new_version = c.Type(str, default=DEFAULT_TEXTS["new_version"])
    reload = c.Type(str, default=DEFAULT_TEXTS["reload"])
    offline = c.Type(str, default=DEFAULT_TEXTS["offline"])
    missing = c.Type(str, default=DEFAULT_TEXTS["missing"])
    """After a link to a file that cannot open offline."""
    missing_file = c.Type(str, default=DEFAULT_TEXTS["missing_file"])
    note = c.Type(str, default=DEFAULT_TEXTS["note"])
    """On the 404 page shown offline for a page that was never saved."""


class OfflineConfig(base.Config):
    """Options under ``plugins: - playbook: offline:``."""

    enabled = c.Type(bool, default=True)
    """Precache the site in a service worker and link a web app manifest from every page."""
    retire = c.Type(bool, default=False)
    """With ``enabled: false``: publish a worker that removes the one an earlier build left in
    readers' browsers (without it, they keep the last version it cached)."""
    name = c.Optional(c.Type(str))
    """The installed app's name; ``site_name`` when unset."""
    short_name = c.Optional(c.Type(str))
    """Under the home-screen icon (12 characters fit); ``name`` when unset."""
    theme_color = c.Optional(c.Type(str))
    """The app's title bar; the palette's primary colour when unset."""
    background_color = c.Optional(c.Type(str))
    """The splash screen; the palette's first scheme's background when unset."""
    icon = c.Optional(c.Type(str))
    """A square SVG, or a PNG of 144 px or more, under docs/; ``theme.favicon`` when unset."""
    on_demand = c.ListOfItems(c.Type(str), default=[])
    """More glob patterns of files fetched only when asked for, then kept (beside PDFs, .apkg,
    .zip, .tsv, .csv, .epub and the Mermaid module's folder)."""
    leave_out = c.ListOfItems(c.Type(str), default=[])
    """More glob patterns of files the worker never stores (beside ``*.map`` and ``*.gz``)."""
    texts = c.SubConfig(OfflineTexts)


class Offline:
    """One build's offline feature; the plugin makes a new instance for every build."""

    def __init__(self, options: OfflineConfig, command: str, diagrams: DiagramsConfig) -> None:
        self.options = options
        self.diagrams = diagrams
        self.serving = command == "serve"
        self.active = options.enabled and not self.serving
        """Writes the manifest and the precaching worker (`mkdocs build` with the feature on)."""
        self.retiring = (options.enabled and self.serving) or (
            options.retire and not options.enabled
        )
        """Writes a worker that removes an earlier one: authors never see a stale page."""
        self._identity = WorkerIdentity("/", "")

    def on_config(self, config: MkDocsConfig) -> None:
        if self.active:
            add_to_every_page(config, "offline.css", "offline.js")
        elif self.retiring:
            add_to_every_page(config, "offline.js")
        self._identity = worker_identity(config.site_name, config.site_url)

    def on_files(self, files: Files) -> Files:
        """The worker's template is no page asset: the build writes the real one at the root."""
        template = files.get_file_from_path(f"{ASSETS_URI}/{worker.NAME}")
        if template is not None:
            files.remove(template)
        return files

    def on_post_page(self, output: str, page: Page) -> str:
        if not self.active:
            return output
        return _with_link(output, lambda name: get_relative_url(name, page.url), self.options)

    def on_post_template(self, output: str, template_name: str) -> str:
        """The 404 page is served at any depth: its link starts at the site's path."""
        if not self.active or template_name != worker.NOT_FOUND:
            return output
        return _with_link(output, lambda name: self._identity.scope + name, self.options)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After everything else has written to the site directory (PDFs included)."""
        site = Path(config.site_dir)
        template = TEMPLATE.read_text(encoding="utf-8")
        if self.retiring:
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
        on_demand = [*precache.ON_DEMAND, *self.options.on_demand]
        mermaid = mermaid_setup(self.diagrams, config)
        if mermaid.module() is not None and mermaid.javascript:
            # Mermaid's module and its chunks/ beside it: used only where the build could not draw.
            module = mermaid.javascript.lstrip("/")
            folder = posixpath.dirname(module)
            on_demand += [f"{folder}/*"] if folder else [module, "chunks/*"]
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
    texts = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    link = (
        f'<link rel="manifest" href="{html.escape(url_of(manifest.NAME))}" '
        f'data-playbook-worker="{html.escape(url_of(worker.NAME))}" '
        f'data-playbook-texts="{html.escape(texts)}">'
    )
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return output[:head_end] + link + output[head_end:]
