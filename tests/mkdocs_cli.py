"""``mkdocs build`` as its command line runs it, without paying for its imports every time.

A build of a small site is about 0.9 CPU s, and 0.4 s of that is importing MkDocs, Material,
pymdown-extensions and the plugins; the suite builds a hundred sites. Each build here runs
MkDocs' own command line (``mkdocs.__main__.cli``, what ``python -m mkdocs`` calls) in a process
forked from a server that imported those modules once and has never built anything
(``multiprocessing``'s forkserver), so every build starts from the same state a fresh
``python -m mkdocs`` reaches after its imports: its own working directory, environment, output
and exit code, and nothing left over from an earlier build.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOADED = [
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "material.plugins.search.plugin",
    "mermaid2.plugin",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "bs4",
    "mkdocs_playbook.plugin",
]
"""Modules every build of the suite imports (the largest share of their import time)."""

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOADED)


def _run(args: list[str], cwd: str, env: dict[str, str], output: str, errors: str) -> None:
    """In the forked child: the command line's working directory, environment, arguments and
    output streams, then MkDocs' command line, which exits with its status."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["mkdocs", *args]
    for stream, path in ((sys.stdout, output), (sys.stderr, errors)):
        stream.flush()
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(target, stream.fileno())
        os.close(target)
    from mkdocs.__main__ import cli

    cli.main(args=args, prog_name="mkdocs")


def run_mkdocs(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs *args`` in ``cwd`` with exactly the environment ``env``: its exit
    status and what it wrote to stdout and stderr."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-cli-") as scratch:
        output, errors = Path(scratch, "stdout"), Path(scratch, "stderr")
        child = _context.Process(target=_run, args=(args, str(cwd), env, str(output), str(errors)))
        child.start()
        child.join()
        return subprocess.CompletedProcess(
            [sys.executable, "-m", "mkdocs", *args],
            child.exitcode if child.exitcode is not None else -1,
            output.read_text(encoding="utf-8", errors="replace") if output.exists() else "",
            errors.read_text(encoding="utf-8", errors="replace") if errors.exists() else "",
        )
