"""Mermaid diagrams drawn to SVG when the site is built (``feature`` wires MkDocs, ``config``
holds the options, ``mermaid2`` is all the feature knows of mkdocs-mermaid2-plugin)."""
