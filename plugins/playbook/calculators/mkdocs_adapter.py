"""The calculators' side of the ``playbook`` plugin: options and the MkDocs events."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from playbook.calculators.fences import LANGUAGE, PageErrors, fence_calculator, prepare_page
from playbook.mkdocs_assets import add_to_every_page
from playbook.mkdocs_pages import first_line, source_path

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
