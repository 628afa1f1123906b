"""Where the site's Mermaid is, and what is missing when a page has a diagram.

Diagrams are drawn with a copy of Mermaid that the site serves itself (no CDN: the site works
offline, and the build draws with the same file). That copy is the one the plugin's wheel ships
(``BundledMermaid``: ``mkdocs_playbook/vendor/mermaid/``, copied from npm when the wheel is
built), unless the site names its own (``MermaidSetup``: a module under docs/). Only a site
with a diagram needs it, so the check runs when the first diagram is met, and says everything
that is missing at once, with commands that work on anyone's machine.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

MERMAID_VERSION = "12.3.0"
"""The Mermaid release the plugin is tested with and its wheel ships (package.json pins it)."""
SUGGESTED_PATH = "assets/vendor/mermaid/mermaid.esm.min.mjs"
MODULE = "mermaid.esm.min.mjs"
CHUNKS = "chunks/mermaid.esm.min"
BUNDLED = Path(__file__).resolve().parent.parent / "vendor" / "mermaid"
"""The plugin's own Mermaid build: the module, its chunks and its licence."""


@dataclass(frozen=True)
class MermaidSetup:
    """The configured module (a path under docs/, as written in mkdocs.yml), what configured it,
    and the docs folder as the author names it (e.g. "docs")."""

    javascript: str | None
    option: str
    docs_dir: Path
    docs_name: str = "docs"

    def module(self) -> Path | None:
        """The module's file, when the setting names a local one."""
        if not self.javascript or "://" in self.javascript or self.javascript.startswith("//"):
            return None
        return self.docs_dir / self.javascript

    def chunks(self) -> Path | None:
        """Where the module loads its lazily loaded parts from, whatever the module's name."""
        module = self.module()
        return module.parent / "chunks" / "mermaid.esm.min" if module else None

    def uri(self) -> str:
        """The module's address in the built site, relative to its root."""
        return str(self.javascript or "")

    def served_files(self) -> list[str]:
        """Glob patterns (site-relative) of the module and the chunks beside it: a page fetches
        them only where a diagram is left for the browser to draw."""
        if self.module() is None or not self.javascript:
            return []
        module = self.javascript.lstrip("/")
        folder = posixpath.dirname(module)
        return [f"{folder}/*"] if folder else [module, "chunks/*"]

    def problems(self) -> list[str]:
        """Everything that stops the site from serving (and the build from drawing) Mermaid."""
        javascript = self.javascript
        if not javascript:
            return [f"no Mermaid module is configured ({self.option} is not set)"]
        if self.module() is None:
            return [f"{self.option} is a remote URL ({javascript}); the site must work offline"]
        if not javascript.endswith(".mjs"):
            return [f"{self.option} must name Mermaid's ES module build (*.mjs), not {javascript}"]
        problems = []
        module, chunks = self.module(), self.chunks()
        assert module is not None and chunks is not None
        if not module.is_file():
            problems.append(f"the module is missing: {self.docs_name}/{javascript}")
        if not chunks.is_dir() or not any(chunks.glob("*.mjs")):
            shown = chunks.relative_to(self.docs_dir).as_posix()
            problems.append(f"its chunks are missing: {self.docs_name}/{shown}/")
        return problems

    def instructions(self) -> str:
        """How to put the pinned Mermaid build into the docs and name it: only the files a build
        serves (5.5 MB), not the whole dist folder (63 MB: three builds and their source maps)."""
        target = self.javascript if self.javascript and self.module() else SUGGESTED_PATH
        folder = f"{self.docs_name}/{Path(target).parent.as_posix()}"
        return (
            "Install the Mermaid build the plugin is tested with and copy it into the docs:\n"
            f"  npm install mermaid@{MERMAID_VERSION}\n"
            f"  mkdir -p {folder}/{CHUNKS}\n"
            f"  cp node_modules/mermaid/dist/{MODULE} node_modules/mermaid/LICENSE {folder}/\n"
            f"  cp node_modules/mermaid/dist/{CHUNKS}/*.mjs {folder}/{CHUNKS}/\n"
            "then name it in mkdocs.yml:\n"
            "  plugins:\n"
            "    - playbook:\n"
            "        diagrams:\n"
            f"          mermaid_module: {target}"
        )


@dataclass(frozen=True)
class BundledMermaid:
    """The Mermaid build the plugin ships, in ``folder``, served at ``served_as`` (a folder of
    the built site) when a page leaves a diagram for the browser to draw."""

    folder: Path
    served_as: str

    def module(self) -> Path:
        return self.folder / MODULE

    def chunks(self) -> Path:
        return self.folder / CHUNKS

    def uri(self) -> str:
        return f"{self.served_as}/{MODULE}"

    def served_files(self) -> list[str]:
        return [f"{self.served_as}/*"]

    def files(self) -> list[str]:
        """What the site serves (relative to ``folder``): the module, its chunks, its licence."""
        chunks = sorted(path.name for path in self.chunks().glob("*.mjs"))
        return [MODULE, *(f"{CHUNKS}/{name}" for name in chunks), "LICENSE"]

    def problems(self) -> list[str]:
        """What is missing from the plugin's installation (a source checkout before
        ``make setup``, or a wheel built by hand without it)."""
        if not self.module().is_file():
            return [f"the plugin's own Mermaid build is missing: {self.module()}"]
        if not any(self.chunks().glob("*.mjs")):
            return [f"the chunks of the plugin's own Mermaid build are missing: {self.chunks()}/"]
        return []

    def instructions(self) -> str:
        return (
            "Install the plugin from its wheel (pip install mkdocs-playbook), which carries "
            f"Mermaid {MERMAID_VERSION}; in a source checkout, `make setup` copies it from "
            "node_modules.\nOr serve your own copy of Mermaid from the docs:\n"
            + MermaidSetup(None, "", Path("docs")).instructions()
        )
