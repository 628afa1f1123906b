"""The plugin's shape, read from its imports: every feature is one package of the same shape, and
no import runs back up (a feature never imports another feature or the plugin; the shared
layers never import a feature; pure modules never import MkDocs)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mkdocs_playbook import plugin
from mkdocs_playbook.config import PlaybookConfig
from mkdocs_playbook.feature import Feature

PACKAGE = Path(plugin.__file__).parent
FEATURES = sorted(
    path.parent.name for path in PACKAGE.glob("*/feature.py") if path.parent.name != "core"
)
SHARED = {"core": {"core"}, "mkdocs_glue": {"core", "mkdocs_glue"}}
"""Each shared layer and the layers it may import: ``core`` is pure, ``mkdocs_glue`` is the
MkDocs helpers every feature uses."""
ADAPTERS = {"feature.py", "config.py", "mermaid2.py"}
"""The only modules of a feature that may import MkDocs (``diagrams/mermaid2.py`` reads the
mermaid2 plugin from MkDocs' configuration)."""
GROUPS = dict(PlaybookConfig._schema)
"""Each option of ``plugins: - playbook:``; a feature's is a group (``SubConfig``)."""


def imports_of(path: Path) -> set[str]:
    """The modules a file imports (absolute names)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    """``calculators`` for ``mkdocs_playbook.calculators.spec``; ``plugin`` for
    ``mkdocs_playbook.plugin``."""
    parts = module.split(".")
    return parts[1] if parts[0] == "mkdocs_playbook" and len(parts) > 1 else None


def modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).parts[0], path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if len(path.relative_to(PACKAGE).parts) > 1
    ]


def test_the_features_are_the_plugins_list_in_its_order() -> None:
    listed = [name for name, _ in plugin.FEATURES]
    packages = {kind.__module__.split(".")[1] for _, kind in plugin.FEATURES}
    assert packages == set(FEATURES)
    assert len(listed) == len(set(listed)) == len(FEATURES)
    assert set(listed) <= set(GROUPS)  # each feature has its group of options


@pytest.mark.parametrize("package", FEATURES)
def test_every_feature_has_the_same_shape(package: str) -> None:
    folder = PACKAGE / package
    assert {"__init__.py", "config.py", "feature.py"} <= {p.name for p in folder.glob("*.py")}
    named = [
        (name, kind)
        for name, kind in plugin.FEATURES
        if kind.__module__ == f"mkdocs_playbook.{package}.feature"
    ]
    assert len(named) == 1 and issubclass(named[0][1], Feature)
    group = GROUPS[named[0][0]].config_class  # type: ignore[attr-defined]
    assert group.__module__ == f"mkdocs_playbook.{package}.config"
    assert group._schema[0][0] == "enabled", f"{package}/config.py: `enabled` comes first"


@pytest.mark.parametrize(("layer", "path"), modules(), ids=lambda v: str(v).split("playbook/")[-1])
def test_no_import_runs_back_up(layer: str, path: Path) -> None:
    imported = imports_of(path)
    ours = {name for name in (layer_of(module) for module in imported) if name is not None}
    if layer in SHARED:
        assert ours <= SHARED[layer], f"{path.name} imports {sorted(ours - SHARED[layer])}"
    else:
        allowed = {layer, "core", "mkdocs_glue", "feature"}
        assert ours <= allowed, f"{layer}/{path.name} imports {sorted(ours - allowed)}"
    may_use_mkdocs = layer == "mkdocs_glue" or (layer in FEATURES and path.name in ADAPTERS)
    if not may_use_mkdocs:
        assert not any(m == "mkdocs" or m.startswith("mkdocs.") for m in imported), (
            f"{layer}/{path.name} is pure: it must not import MkDocs"
        )
