"""Mermaid diagrams drawn to SVG when the site is built (``mkdocs_adapter`` wires MkDocs)."""
