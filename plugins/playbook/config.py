"""Options under ``plugins: - playbook:`` in mkdocs.yml: the plugin's own, and one group per
feature (each feature's ``config.py`` defines its group)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from playbook.calculators.config import CalculatorsConfig
from playbook.cheatsheet.config import CheatSheetConfig
from playbook.diagrams.config import DiagramsConfig
from playbook.flashcards.config import FlashcardsConfig
from playbook.mock.config import MockInterviewConfig
from playbook.offline.config import OfflineConfig
from playbook.search.config import SearchConfig


class PlaybookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the whole plugin off (every feature also has its own ``enabled``)."""
    chromium = c.Optional(c.Type(str))
    """Chromium or Chrome for diagrams and PDFs; /usr/bin/chromium or the first on PATH."""
    diagrams = c.SubConfig(DiagramsConfig)
    calculators = c.SubConfig(CalculatorsConfig)
    flashcards = c.SubConfig(FlashcardsConfig)
    cheatsheet = c.SubConfig(CheatSheetConfig)
    mock_interview = c.SubConfig(MockInterviewConfig)
    search = c.SubConfig(SearchConfig)
    offline = c.SubConfig(OfflineConfig)
