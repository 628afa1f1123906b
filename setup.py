"""The distributions carry two npm builds, copied from ``node_modules`` by ``make setup`` and
never committed: the Mermaid the diagrams feature serves and draws with
(``mkdocs_playbook/vendor/mermaid/``) and ts-fsrs, the flashcards' scheduler
(``mkdocs_playbook/assets/vendor/ts-fsrs/``). Building a wheel or an sdist without them stops
here, saying how to make them; an editable install reads the folders where they are."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

PACKAGE = Path("plugins", "mkdocs_playbook")
VENDORED = {
    PACKAGE / "vendor" / "mermaid": (
        "mermaid.esm.min.mjs",
        "LICENSE",
        "chunks/mermaid.esm.min/*.mjs",
    ),
    PACKAGE / "assets" / "vendor" / "ts-fsrs": ("index.mjs", "LICENSE"),
}


def _check_vendored(root: Path) -> None:
    missing = [
        f"{folder.as_posix()}/{name}"
        for folder, names in VENDORED.items()
        for name in names
        if not any((root / folder).glob(name))
    ]
    if missing:
        raise SystemExit(
            f"mkdocs-playbook: {', '.join(missing)} missing: the wheel and the sdist ship the "
            "Mermaid build the diagrams feature serves and the ts-fsrs the flashcards schedule "
            "with. Run `make dist` (it copies them from node_modules, then runs python -m "
            "build), or `make setup` before building by hand."
        )


class BuildPy(build_py):
    def run(self) -> None:
        if not getattr(self, "editable_mode", False):
            _check_vendored(Path.cwd())
        super().run()


class SDist(sdist):
    def run(self) -> None:
        _check_vendored(Path.cwd())
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": SDist})
