"""Where the site's own Mermaid is, and what is missing when a page has a diagram.

Diagrams are drawn with a copy of Mermaid that the site serves itself (no CDN: the site works
offline, and the build draws with the same file). Only a site with a diagram needs it, so the
check runs when the first diagram is met, and says everything that is missing at once, with
commands that work on anyone's machine.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

MERMAID_VERSION = "12.3.0"
"""The Mermaid release the plugin is tested with (package.json pins the same)."""
SUGGESTED_PATH = "assets/vendor/mermaid/mermaid.esm.min.mjs"


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
        """How to put the pinned Mermaid build into the docs and name it."""
        target = self.javascript if self.javascript and self.module() else SUGGESTED_PATH
        folder = f"{self.docs_name}/{Path(target).parent.as_posix()}"
        return (
            "Install the Mermaid build the plugin is tested with and copy it into the docs:\n"
            f"  npm install mermaid@{MERMAID_VERSION}\n"
            f"  mkdir -p {folder}\n"
            f"  cp node_modules/mermaid/dist/mermaid.esm.min.mjs {folder}/\n"
            f"  cp -r node_modules/mermaid/dist/chunks {folder}/\n"
            "then name it in mkdocs.yml:\n"
            "  plugins:\n"
            "    - playbook:\n"
            "        diagrams:\n"
            f"          mermaid_module: {target}"
        )
