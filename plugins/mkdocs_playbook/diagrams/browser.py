"""Draw Mermaid diagrams in headless Chromium with the site's own copy of Mermaid.

One page per build imports Mermaid once and draws every diagram that is not cached. The page
and Mermaid's files are answered by Playwright from disk under a reserved address
(``.invalid`` never resolves), so drawing needs no server and no port, and any other request
is refused: the build makes no network request either.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs_playbook.core.chromium import ChromiumSession
from mkdocs_playbook.diagrams.cache import Rendered

ORIGIN = "http://playbook-diagrams.invalid/"
RENDER_ID = "diagram"
"""The id Mermaid gives the root <svg>; every id is renamed per page afterwards."""
TIMEOUT_MS = 30_000
_HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>diagrams</title>
</head><body><script type="module">
import mermaid from "./mermaid/MODULE";
window.drawDiagram = async (source, config) => {
  mermaid.initialize(config);
  try {
    await mermaid.parse(source);
    const { svg } = await mermaid.render("RENDER_ID", source);
    return { svg };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
};
window.drawDiagramReady = true;
</script></body></html>"""
_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}


class MermaidRenderer:
    """Draws diagrams with the Mermaid module at ``module`` (an ES module with its chunks
    beside it), in a page of ``session``'s browser opened on first use."""

    def __init__(self, session: ChromiumSession, module: Path) -> None:
        self._session = session
        self._folder = module.parent.resolve()
        self._module = module.name
        self._page: Any = None

    def _answer(self, route: Any) -> None:
        url: str = route.request.url
        if url == ORIGIN:
            page = _HOST.replace("MODULE", self._module).replace("RENDER_ID", RENDER_ID)
            route.fulfill(body=page, content_type="text/html")
            return
        relative = url.removeprefix(ORIGIN + "mermaid/").split("?")[0]
        path = (self._folder / relative).resolve()
        inside = url.startswith(ORIGIN + "mermaid/") and path.is_relative_to(self._folder)
        if inside and path.is_file():
            content_type = _TYPES.get(path.suffix, "application/octet-stream")
            route.fulfill(path=str(path), content_type=content_type)
            return
        route.fulfill(status=404, body="")

    def _open(self) -> Any:
        if self._page is None:
            page = self._session.browser().new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.route("**/*", lambda route: route.abort())
            page.route(ORIGIN + "**", self._answer)
            page.goto(ORIGIN)
            page.wait_for_function("window.drawDiagramReady === true")
            self._page = page
        return self._page

    def draw(self, source: str, config: Mapping[str, Any]) -> Rendered:
        """Mermaid's SVG for ``source``, or Mermaid's own error message."""
        result = self._open().evaluate(
            "([source, config]) => window.drawDiagram(source, config)", [source, dict(config)]
        )
        return Rendered(svg=result.get("svg", ""), error=result.get("error", ""))

    def close(self) -> None:
        if self._page is not None:
            self._page.close()
            self._page = None
