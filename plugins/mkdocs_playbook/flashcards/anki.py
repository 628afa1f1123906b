"""The deck as an Anki package (.apkg), byte for byte the same for the same cards.

genanki writes the SQLite collection; this module pins everything that would otherwise vary:
the timestamp (note and card ids, ``mod`` fields), the model and deck ids (the site's, from
``identity.DeckIdentity``: Anki recognises the note type and the deck across imports by them),
the note GUIDs (derived from card ids, so re-importing updates notes instead of duplicating
them) and the zip entries' dates and attributes.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from mkdocs_playbook.flashcards.identity import DeckIdentity

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;
        color: #1f1f1f; background: #fff; text-align: left; max-width: 40em; margin: auto; }
.nightMode .card, .card.nightMode { color: #e6e6e6; background: #1e1e1e; }
.front { font-size: 1.25em; font-weight: 600; }
.source { margin-top: 1.5em; font-size: 0.8em; opacity: 0.8; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; }
"""


@dataclass(frozen=True)
class Note:
    guid: str
    front: str
    back: str
    source: str
    tags: tuple[str, ...]


def note_guid(card_id: str, namespace: str) -> str:
    """Anki's note GUID for a card: stable as long as the card id and the site's namespace are."""
    return str(genanki.guid_for(namespace, card_id))


def model(identity: DeckIdentity, deck_name: str) -> genanki.Model:
    return genanki.Model(
        identity.model_id,
        f"{deck_name} card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": '<div class="front">{{Front}}</div>',
                "afmt": '<div class="front">{{Front}}</div><hr id="answer">'
                '<div class="back">{{Back}}</div><div class="source">{{Source}}</div>',
            }
        ],
        css=CSS,
        sort_field_index=0,
    )


def apkg_bytes(
    notes: Sequence[Note], deck_name: str, timestamp: int, identity: DeckIdentity
) -> bytes:
    """The .apkg file: a zip of the SQLite collection and an empty media map."""
    deck = genanki.Deck(identity.deck_id, deck_name)
    note_model = model(identity, deck_name)
    for note in notes:
        deck.add_note(
            genanki.Note(
                model=note_model,
                fields=[note.front, note.back, note.source],
                guid=note.guid,
                tags=list(note.tags),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            ids = itertools.count(timestamp * 1000)
            genanki.Package(deck).write_to_db(connection.cursor(), timestamp, ids)
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return archive.getvalue()
