"""What an author sees in place of a piece the build could not make, under ``mkdocs serve``.

``mkdocs build --strict`` stops on a broken calculator or diagram. ``mkdocs serve`` must not:
the page being edited would stay as it was before the mistake, with the message only in the
terminal. There the piece is replaced by this box, with where and what to fix, and the next
save that fixes it brings the piece back.

Pure module: no MkDocs import.
"""

from __future__ import annotations

import html
from collections.abc import Sequence


def error_box(what: str, problems: Sequence[str], source: str = "") -> str:
    """The ``problems`` (each ``file:line: message``) of a ``what`` and its source, escaped."""
    items = "".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    fix = "the source below" if source else "what is listed"
    shown = f"<pre><code>{html.escape(source)}</code></pre>" if source else ""
    return (
        '<div class="playbook-author-error" data-author-error>'
        f"<p><strong>This {html.escape(what)} could not be built.</strong> "
        f"Fix {fix} and save: the page updates.</p><ul>{items}</ul>{shown}</div>"
    )
