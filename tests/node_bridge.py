"""Call a browser module's exported functions from Python, in one long-lived Node.js process:
property-based tests (Hypothesis) compare Python with the browser's code over thousands of
generated cases without a browser, or a process per case.

Each call is one JSON line to the process and one back: ``{"value": ...}`` or, if the function
threw, ``{"thrown": "TypeError: ..."}``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

SERVER = """
import { createInterface } from "node:readline";
const module = await import(process.argv[1]);
for await (const line of createInterface({ input: process.stdin })) {
  const { fn, args } = JSON.parse(line);
  let answer;
  try {
    answer = { value: module[fn](...args) ?? null };
  } catch (error) {
    answer = { thrown: `${error?.name}: ${error?.message}` };
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
}
"""


class NodeModule:
    """An ES module loaded in Node.js; ``call(name, *args)`` returns what the export returns."""

    def __init__(self, path: Path) -> None:
        node = shutil.which("node")
        assert node is not None, "Node.js is missing: `make check` and `make test` install it"
        self._process = subprocess.Popen(
            [node, "--input-type=module", "-e", SERVER, path.resolve().as_uri()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def call(self, name: str, *args: Any) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"fn": name, "args": args}, allow_nan=False) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        assert line, "the Node.js process ended"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=10)
