"""The distributions carry the Mermaid build the diagrams feature serves and draws with
(``mkdocs_playbook/vendor/mermaid/``): copied from ``node_modules`` by ``make dist`` (its
``vendor`` step) and never committed. Building a wheel or an sdist without it stops here, saying
how to make it; an editable install reads the folder where it is, and the plugin says what is
missing if a diagram needs it."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

VENDORED = Path("plugins", "mkdocs_playbook", "vendor", "mermaid")
NEEDED = ("mermaid.esm.min.mjs", "LICENSE", "chunks/mermaid.esm.min/*.mjs")


def _check_vendored_mermaid(root: Path) -> None:
    missing = [name for name in NEEDED if not any((root / VENDORED).glob(name))]
    if missing:
        raise SystemExit(
            f"mkdocs-playbook: {VENDORED.as_posix()}/ lacks {', '.join(missing)}: the wheel and "
            "the sdist ship the Mermaid build the diagrams feature serves. Run `make dist` (it "
            "copies Mermaid from node_modules, then runs python -m build), or `make setup` "
            "before building by hand."
        )


class BuildPy(build_py):
    def run(self) -> None:
        if not getattr(self, "editable_mode", False):
            _check_vendored_mermaid(Path.cwd())
        super().run()


class SDist(sdist):
    def run(self) -> None:
        _check_vendored_mermaid(Path.cwd())
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": SDist})
