"""Quality gates' side of the plugin: markup fixes that no Material template override can reach.

Pure modules (no MkDocs import); ``plugin.py`` applies them to every page it writes.
"""
