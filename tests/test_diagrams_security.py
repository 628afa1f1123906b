"""Diagram security is not a default a site can loosen by accident (issue 19 item 4): the
browser fallback puts Mermaid's output into the page as it is, so Mermaid's strict security
level, its list of keys a diagram cannot change, and its sanitiser are pinned."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_calculators_build import make_project

from conftest import run_mkdocs_build
from mkdocs_playbook.diagrams.drawing import ConfigError, site_config


@pytest.mark.parametrize(
    ("site", "named"),
    [
        ({"securityLevel": "loose"}, "securityLevel: 'loose' (only 'strict' is allowed)"),
        ({"securityLevel": "antiscript"}, "securityLevel: 'antiscript'"),
        ({"dompurifyConfig": {"ADD_TAGS": ["script"]}}, "dompurifyConfig"),
        ({"secure": ["maxTextSize"]}, "secure: leaves out secure, securityLevel"),
    ],
)
def test_a_site_cannot_loosen_mermaids_security(site: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigError) as raised:
        site_config(site)
    assert named in str(raised.value)


def test_everything_else_a_site_sets_is_kept() -> None:
    config = site_config({"flowchart": {"nodeSpacing": 30}, "securityLevel": "strict"})
    assert config["flowchart"]["nodeSpacing"] == 30
    assert config["securityLevel"] == "strict"
    secure = ["secure", "securityLevel", "startOnLoad", "maxTextSize", "maxEdges", "theme"]
    assert site_config({"secure": secure})["secure"] == secure


@pytest.mark.build
def test_a_looser_level_stops_the_build_saying_what_to_remove(tmp_path: Path) -> None:
    page = "# Diagram\n\n```mermaid\ngraph TD\n  A --> B\n```\n"
    playbook = "  - playbook:\n      diagrams:\n        mermaid:\n          securityLevel: loose\n"
    config = make_project(tmp_path, {"page.md": page}, playbook=playbook)
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "plugins.playbook.diagrams.mermaid in mkdocs.yml loosens the security" in result.stderr
    assert "securityLevel: 'loose' (only 'strict' is allowed)" in result.stderr
