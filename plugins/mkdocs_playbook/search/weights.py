"""How much a page weighs in Material's search: a page the build generates copies the site's
own pages (the flashcards page repeats every card, word for word), so it weighs less than they
do, and a query lists the page a card comes from before the flashcards."""

from __future__ import annotations

from typing import Any


def generated_page_search(search: Any, boost: float) -> dict[str, Any]:
    """A generated page's ``search`` meta (Material's ``search.boost`` and ``search.exclude``):
    ``boost`` unless the page already states its own weight."""
    meta = dict(search) if isinstance(search, dict) else {}
    meta.setdefault("boost", boost)
    return meta
