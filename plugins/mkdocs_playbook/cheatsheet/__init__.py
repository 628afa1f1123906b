"""The cheat sheet: sections of the playbook's own rendered pages, laid out to print on two pages.

``assemble`` cuts the configured sections out of the rendered pages (with the shared
``core.sections`` reader) and turns them into the cheat sheet's HTML; ``pdf`` prints it (and
the whole playbook) with Chromium. Only ``feature`` knows about MkDocs (``config`` holds its
options).
"""
