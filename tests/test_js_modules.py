"""The browser code's pure modules under Node's own test runner (tests/js/*.test.mjs): no build,
no browser. Python's answers for the parity checks are written first (tests/js_fixtures.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT
from js_fixtures import write

TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_the_pure_modules_pass_their_node_tests(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is missing: `make check` and `make test` install it"
    assert len(TESTS) >= 5
    fixtures = write(tmp_path / "parity.json")
    result = subprocess.run(
        [node, "--test", *map(str, TESTS)],
        cwd=ROOT,
        env={**os.environ, "PARITY_FIXTURES": str(fixtures)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    summary = dict(
        line[2:].split(" ", 1) for line in result.stdout.splitlines() if line.startswith("# ")
    )
    assert int(summary["fail"]) == 0 and int(summary["pass"]) >= 16, summary
