"""Flashcards: the site's definition-style sections as a spaced-repetition deck.

Pure modules (no MkDocs import): ``extract`` finds the items in a rendered page (with the shared
``core.sections`` reader), ``sanitize`` makes their HTML safe to publish, ``deck`` turns
items into cards with stable ids, ``scheduling`` defines the spaced-repetition parameters,
``exports`` writes the page, JSON and TSV, ``anki`` writes the .apkg. ``feature`` is the
only module that talks to MkDocs: it reads the pages once MkDocs has rendered them (on_env).
"""
