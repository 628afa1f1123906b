"""Setup tells the truth: the Node.js the README names and the Makefile provides is one every npm
package accepts, and `npm ci` has nothing to warn about.

Read from the committed files (package-lock.json, package.json, .npmrc, Makefile, README.md), so
it needs no network and no install: the lock's ``engines`` are what npm checks.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import ROOT

Version = tuple[int, int, int]
# One comparator as [lower, upper): None for no bound. A range is a union of intersections.
Interval = tuple[Version | None, bool, Version | None, bool]  # low, low inclusive, high, high incl.


def version(text: str) -> Version:
    major, minor, patch = (int(part) for part in text.strip().lstrip("v=").split("."))
    return major, minor, patch


def _partial(text: str) -> list[int]:
    """The numbers of a possibly partial version: "6.*" -> [6], "*" -> [], "0.10" -> [0, 10]."""
    parts: list[int] = []
    for part in text.lstrip("v=").split(".") if text else []:
        if part in ("x", "X", "*", ""):
            break
        parts.append(int(part))
    return parts[:3]


def _pad(parts: list[int]) -> Version:
    padded = [*parts, 0, 0, 0][:3]
    return padded[0], padded[1], padded[2]


def _bump(parts: list[int]) -> Version:
    """The first version past every version that starts with ``parts``: [1, 2] -> 1.3.0."""
    return _pad([*parts[:-1], parts[-1] + 1])


def _comparator(text: str) -> Interval:
    match = re.fullmatch(r"(<=|>=|<|>|=|\^|~)?\s*(\S*)", text)
    assert match, f"cannot read comparator {text!r}"
    operator, parts = match.group(1) or "=", _partial(match.group(2))
    if not parts:
        return (None, True, None, True) if operator in ("=", ">=", "<=", "^", "~") else _never()
    full = len(parts) == 3
    if operator == ">=":
        return _pad(parts), True, None, True
    if operator == ">":
        return (_pad(parts), False, None, True) if full else (_bump(parts), True, None, True)
    if operator == "<":
        return None, True, _pad(parts), False
    if operator == "<=":
        return (None, True, _pad(parts), True) if full else (None, True, _bump(parts), False)
    if operator == "~":
        return _pad(parts), True, _bump(parts[:2]), False
    if operator == "^":
        first = next((i for i, part in enumerate(parts) if part), len(parts) - 1)
        return _pad(parts), True, _bump(parts[: first + 1]), False
    if full:
        return _pad(parts), True, _pad(parts), True
    return _pad(parts), True, _bump(parts), False


def _never() -> Interval:
    return (0, 0, 0), False, (0, 0, 0), False


def _admits(interval: Interval, candidate: Version) -> bool:
    low, low_inclusive, high, high_inclusive = interval
    if low is not None and (candidate < low or (candidate == low and not low_inclusive)):
        return False
    return high is None or candidate < high or (candidate == high and high_inclusive)


def admits(node_range: str, candidate: str) -> bool:
    """Whether an ``engines.node`` range (npm's semver syntax, no prereleases) admits a version."""
    wanted = version(candidate)
    for alternative in node_range.split("||"):
        alternative = re.sub(r"(<=|>=|<|>|=|\^|~)\s+", r"\1", alternative.strip())
        hyphen = re.fullmatch(r"(\S+)\s+-\s+(\S+)", alternative)
        comparators = [f">={hyphen[1]}", f"<={hyphen[2]}"] if hyphen else alternative.split()
        if all(_admits(_comparator(c), wanted) for c in comparators or ["*"]):
            return True
    return False


@pytest.mark.parametrize(
    ("node_range", "yes", "no"),
    [
        (">=22.12.0", "22.12.0", "22.11.9"),
        (">= 14", "14.0.0", "13.99.0"),
        ("6.* || 8.* || >= 10.*", "8.1.0", "9.0.0"),
        ("*", "0.0.1", None),
        ("^20.17.0 || >=22.9.0", "22.9.0", "21.0.0"),
        ("~1.2.3", "1.2.9", "1.3.0"),
        ("^0.2.3", "0.2.9", "0.3.0"),
        (">=18 <23", "22.23.5", "23.0.0"),
        ("16 - 20", "20.9.0", "21.0.0"),
        (">0.10", "0.11.0", "0.10.5"),
        ("<=20", "20.99.0", "21.0.0"),
    ],
)
def test_the_range_reader_agrees_with_npm_semver(node_range: str, yes: str, no: str | None) -> None:
    assert admits(node_range, yes)
    if no is not None:
        assert not admits(node_range, no)


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def makefile_variable(name: str) -> str:
    match = re.search(rf"^{name} := (\S+)$", read("Makefile"), re.MULTILINE)
    assert match, f"the Makefile sets no {name}"
    return match.group(1)


def lock_packages() -> dict[str, dict[str, Any]]:
    packages: dict[str, dict[str, Any]] = json.loads(read("package-lock.json"))["packages"]
    return packages


def node_ranges() -> dict[str, str]:
    """Every locked package's ``engines.node`` (the root project's included, as "")."""
    return {
        path: info["engines"]["node"]
        for path, info in lock_packages().items()
        if isinstance(info.get("engines"), dict) and "node" in info["engines"]
    }


def _pad_text(text: str) -> str:
    return ".".join(str(part) for part in _pad(_partial(text)))


def just_below(text: str) -> str:
    major, minor, patch = version(text)
    if patch:
        return f"{major}.{minor}.{patch - 1}"
    return f"{major}.{minor - 1}.999" if minor else f"{major - 1}.999.999"


def test_readme_names_the_node_version_the_makefile_provides() -> None:
    readme = read("README.md")
    minimum = re.search(r"need Node\.js (\d+\.\d+(?:\.\d+)?)\+", readme)
    provided = re.search(r"installs Node\.js (\d+\.\d+\.\d+)", readme)
    assert minimum and provided, "README.md no longer says which Node.js the site needs"
    assert version(_pad_text(minimum[1])) == version(makefile_variable("NODE_MIN"))
    assert provided[1] == makefile_variable("NODE_VERSION")
    package = json.loads(read("package.json"))
    assert package["engines"]["node"] == f">={makefile_variable('NODE_MIN')}"
    assert lock_packages()[""]["engines"] == package["engines"], "package-lock.json is stale"


@pytest.mark.parametrize("which", ["NODE_MIN", "NODE_VERSION"])
def test_every_locked_package_accepts_the_node_version(which: str) -> None:
    """npm ci prints EBADENGINE for any package whose engines.node leaves out the running Node.js
    (and, with .npmrc's engine-strict, fails): none may, at the README's minimum or at the
    version `make` installs."""
    node = makefile_variable(which)
    ranges = node_ranges()
    assert len(ranges) > 100
    refused = {path: spec for path, spec in ranges.items() if not admits(spec, node)}
    assert refused == {}, f"these packages refuse Node.js {node}"


def test_the_minimum_is_what_a_package_needs_not_more() -> None:
    minimum = makefile_variable("NODE_MIN")
    below = just_below(minimum)
    needing = [path for path, spec in node_ranges().items() if path and not admits(spec, below)]
    assert "node_modules/mermaid" in needing, f"nothing locked needs Node.js {minimum}"


def test_npm_ci_has_no_install_script_to_warn_about() -> None:
    """npm 11 warns about every dependency install script that package.json's allowScripts does
    not cover; .npmrc's ignore-scripts makes npm of any version skip them, and engine-strict makes
    an old Node.js an error instead of a warning."""
    allow = json.loads(read("package.json")).get("allowScripts", {})
    with_scripts = {
        path.rsplit("node_modules/", 1)[-1]
        for path, info in lock_packages().items()
        if info.get("hasInstallScript")
    }
    assert with_scripts, "no locked package has an install script: check the lock's fields"
    assert sorted(with_scripts - set(allow)) == []
    settings = dict(
        line.split("=", 1)
        for line in read(".npmrc").splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert settings.get("engine-strict") == "true"
    assert settings.get("ignore-scripts") == "true"


def test_vnu_jar_needs_no_install_script() -> None:
    """The script skipped is the one reviewed: vnu-jar's postinstall only fetches a Java runtime.
    The checker ships in the package, and test_quality_html runs it with the machine's Java. A
    new vnu-jar with another script fails here, to be reviewed again."""
    vnu = ROOT / "node_modules" / "vnu-jar"
    if not vnu.is_dir():
        pytest.fail("node_modules is missing: run `make setup`")
    scripts = json.loads((vnu / "package.json").read_text(encoding="utf-8"))["scripts"]
    hooks = ("preinstall", "install", "postinstall")
    install = {name: scripts[name] for name in hooks if name in scripts}
    assert install == {"postinstall": "node vnu-java-downloader.js"}
    assert (vnu / "build" / "dist" / "vnu.jar").is_file()
