"""The cheat sheet: sections of the playbook's own rendered pages, laid out to print on two pages.

``sections`` cuts a section out of a page's rendered HTML, ``assemble`` turns the configured
list into the cheat sheet's HTML, ``pdf`` prints it (and the whole playbook) with Chromium.
Only ``mkdocs_adapter`` knows about MkDocs.
"""
