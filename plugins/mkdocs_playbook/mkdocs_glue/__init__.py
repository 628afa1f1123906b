"""The MkDocs helpers every feature uses: linking the plugin's assets, owning a Markdown fence,
naming a page's source file and line, and adding a generated page to the site."""
