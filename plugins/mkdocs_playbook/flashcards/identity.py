"""What keeps one site's deck apart from another's: Anki's deck and note-type ids, the namespace
of note GUIDs, and the prefix of the study mode's browser storage.

Each derives from the site's name, so two sites never share progress on one origin (any
github.io user) nor merge their decks in Anki, and the same site always gets the same values;
each can be set in the configuration (a site keeps its values when it is renamed).

Pure module: no MkDocs import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from mkdocs_playbook.core.text import slug

_ID_BASE = 1_000_000_000
"""Anki's own ids are millisecond timestamps; derived ids stay in that range of ten digits."""


@dataclass(frozen=True)
class DeckIdentity:
    deck_id: int
    model_id: int
    guid_namespace: str
    storage_prefix: str
    """Every localStorage key of the study mode starts with this."""


def deck_identity(
    site_name: str,
    *,
    deck_id: int | None = None,
    model_id: int | None = None,
    guid_namespace: str | None = None,
    storage_prefix: str | None = None,
) -> DeckIdentity:
    """The site's identity: what is given, the rest derived from ``site_name``."""
    digest = hashlib.sha256(f"playbook flashcards\n{site_name}".encode()).digest()
    derived_deck = _ID_BASE + int.from_bytes(digest[:4], "big") % _ID_BASE
    derived_model = _ID_BASE + int.from_bytes(digest[4:8], "big") % _ID_BASE
    name = slug(site_name)
    return DeckIdentity(
        deck_id=deck_id or derived_deck,
        model_id=model_id or derived_model,
        guid_namespace=guid_namespace or f"{name}-flashcards",
        storage_prefix=storage_prefix or f"{name}/flashcards/v1/",
    )
