"""The calculators' side of the ``playbook`` plugin: options and the MkDocs events."""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from playbook.calculators.fences import LANGUAGE, PageErrors, fence_calculator, prepare_page
from playbook.mkdocs_assets import add_to_every_page

FENCE_FORMAT = f"{fence_calculator.__module__}.{fence_calculator.__name__}"
FENCE_HELP = f"""\
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: {LANGUAGE}
          class: {LANGUAGE}
          format: !!python/name:{FENCE_FORMAT}"""


class CalculatorsConfig(base.Config):
    """Options under ``plugins: - playbook: calculators:``."""

    enabled = c.Type(bool, default=True)
    """Turn ```calculator fences into live calculators (off: they stay code blocks)."""


def on_config(options: CalculatorsConfig, config: MkDocsConfig) -> None:
    if not options.enabled:
        return
    check_fence(config)
    add_to_every_page(config, "calculators.css")  # widgets.js loads calculators.js


def check_fence(config: MkDocsConfig) -> None:
    """Fail early, with the lines to add, unless superfences formats ```calculator fences."""
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    configured = [f for f in fences if f.get("name") == LANGUAGE]
    if "pymdownx.superfences" in config.markdown_extensions and any(
        f.get("format") is fence_calculator for f in configured
    ):
        return
    raise PluginError(
        f"playbook: calculators need the '{LANGUAGE}' custom fence of pymdownx.superfences "
        f"in mkdocs.yml:\n{FENCE_HELP}\n"
        "(or set plugins.playbook.calculators.enabled: false)"
    )


def on_page_markdown(
    options: CalculatorsConfig, markdown: str, page: Page, config: MkDocsConfig
) -> str:
    if not options.enabled:
        return markdown
    try:
        return prepare_page(markdown, source_path(page, config), first_line(page, markdown))
    except PageErrors as error:
        count = len(error.messages)
        raise PluginError(
            f"playbook: {count} calculator problem{'s' if count > 1 else ''}:\n{error}"
        ) from None


def source_path(page: Page, config: MkDocsConfig) -> str:
    """The page's file as the author knows it: relative to mkdocs.yml when possible."""
    if page.file.abs_src_path and config.config_file_path:
        relative = os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path))
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return page.file.src_uri


def first_line(page: Page, markdown: str) -> int:
    """The file line of the Markdown's first line (after front matter)."""
    try:
        raw = page.file.content_string
    except (OSError, ValueError):
        return 1
    if raw.endswith(markdown):
        return raw[: len(raw) - len(markdown)].count("\n") + 1
    head = markdown[:200]
    found = raw.find(head) if head else -1
    return raw[:found].count("\n") + 1 if found >= 0 else 1
