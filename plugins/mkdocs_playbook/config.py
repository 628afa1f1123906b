"""Options under ``plugins: - playbook:`` in mkdocs.yml: the plugin's own, and one group per
feature (each feature's ``config.py`` defines its group)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_playbook.calculators.config import CalculatorsConfig
from mkdocs_playbook.cheatsheet.config import CheatSheetConfig
from mkdocs_playbook.diagrams.config import DiagramsConfig
from mkdocs_playbook.flashcards.config import FlashcardsConfig
from mkdocs_playbook.mock.config import MockInterviewConfig
from mkdocs_playbook.offline.config import OfflineConfig
from mkdocs_playbook.progress.config import ProgressConfig
from mkdocs_playbook.search.config import SearchConfig


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
    progress = c.SubConfig(ProgressConfig)
    search = c.SubConfig(SearchConfig)
    offline = c.SubConfig(OfflineConfig)
