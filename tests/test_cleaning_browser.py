"""The corpus of script-injection vectors (tests/fixtures/xss-vectors.txt) written into every
kind of page the plugin reads or copies, checked in real Chromium: a question-bank page and its
cards, a page the cheat sheet copies a section of, the mock interview's steps and prompts
pages, the progress page's own texts, and the pages the plugin generates from them. Nothing
runs, and no script URL or event handler is left in any of their DOMs."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Dialog
from test_cleaning import VECTORS

from conftest import close_page, open_page, run_mkdocs_build
from mkdocs_playbook.core.loopback import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

ATTACKS = "\n\n".join(f"Vector {n}: {vector}" for n, vector in enumerate(VECTORS, start=1))
PAGES = {
    "index.md": "# Home\n",
    # Cards with a vector in each answer, and every vector in the page's prose.
    "bank.md": "# Bank\n\n## Question Bank\n\n"
    + "".join(f"- **Attack {n}**: answer {v}\n" for n, v in enumerate(VECTORS[:12], start=1))
    + f"\n## Elsewhere on the page\n\n{ATTACKS}\n",
    "sheet.md": f"# Sheet\n\n## Attacks\n\n{ATTACKS}\n",
    "steps.md": textwrap.dedent(
        """\
        # Steps

        ## 1. Clarify the problem (2\u20133 min)

        - Users <img src=x onerror="xss(1001)"> and <a href="javascript&colon;xss(1002)">traffic</a>

        !!! tip "Why"
            Scope <svg onload="xss(1003)"></svg> first.

        ## 2. Design the boxes (5\u20137 min)

        - From the edge <math><style><img src=x onerror=xss(1004)></style></math> to the data
        """
    ),
    "prompts.md": textwrap.dedent(
        """\
        # Prompts

        | Prompt | Focus | Solution |
        | --- | --- | --- |
        | **A shortener <img src=x onerror=xss(1005)>** | Reads | [do](javascript:xss(1006)) |
        | **A queue** | Writes <a href="&#x6A;avascript:xss(1007)">x</a> | |
        """
    ),
}
CONFIG = """\
site_name: Cleaning test site
site_url: {url}
theme:
  name: material
  font: false
plugins:
  - search
  - playbook:
      cheatsheet:
        sections:
          - page: sheet.md
            heading: Attacks
      mock_interview:
        steps_page: steps.md
        prompts_page: prompts.md
      progress:
        enabled: true
        track: [bank.md, prompts.md]
        track_title: "Opened <img src=x onerror=xss(1008)>"
markdown_extensions:
  - admonition
  - tables
  - def_list
  - pymdownx.superfences
"""
VISITED = ["bank/", "flashcards/", "sheet/", "cheat-sheet/", "steps/", "prompts/"]
VISITED += ["mock-interview/", "progress/"]
RECORD_CALLS = """
  window.__xss = [];
  window.xss = (n) => window.__xss.push(n);
"""
POKE_EVERYTHING = """() => {
  const events = ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'click', 'toggle', 'load'];
  for (const el of document.querySelectorAll('article *'))
    for (const type of events)
      el.dispatchEvent(new Event(type, { bubbles: false, cancelable: true }));
}"""
"""A hover, focus or click on every element: a handler left behind would run. (A click's default
action is a navigation only for a trusted event; a script URL left behind is caught below.)"""
LEFT_IN_THE_DOM = """() => {
  const found = [];
  const url = /^(javascript|vbscript|data):/;
  // The flashcards page loads its own module right after the study panel (exports.py): that
  // script, with no code of its own, is the build's, not the page's.
  const plugins = (el) => el.tagName === 'SCRIPT' && el.src && !el.textContent
    && new URL(el.src).pathname === '/assets/playbook/flashcards.js';
  for (const el of document.querySelectorAll('article *, .md-content *')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE', 'META'].includes(el.tagName)
        && !plugins(el))
      found.push(el.outerHTML.slice(0, 80));
    for (const { name, value } of el.attributes) {
      const bare = value.replace(/[\\x00-\\x20\\x7f]+/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      else if (url.test(bare) && !(el.tagName === 'IMG' && bare.startsWith('data:')))
        found.push(`${el.tagName} ${name}=${value.slice(0, 40)}`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The site built without --strict (every removal is a warning) and served; its log."""
    root = tmp_path_factory.mktemp("cleaning")
    for name, text in PAGES.items():
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    site = root / "site"
    site.mkdir()
    with serve(site) as url:
        config = root / "mkdocs.yml"
        config.write_text(CONFIG.format(url=url), encoding="utf-8")
        result = run_mkdocs_build(site, config, strict=False)
        assert result.returncode == 0, result.stderr
        yield url, result.stderr


def test_every_removal_is_a_warning_naming_the_page(hostile_site: tuple[str, str]) -> None:
    _, log = hostile_site
    for page in ("bank.md", "sheet.md", "steps.md", "prompts.md"):
        assert "markup that can run code is never published or copied" in log
        assert f"from {page}:" in log, page


def test_no_vector_runs_or_stays_in_any_page(
    hostile_site: tuple[str, str], browser: Browser
) -> None:
    url, _ = hostile_site
    page, watch = open_page(browser)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(RECORD_CALLS)
    try:
        for target in VISITED:
            page.goto(url + target, wait_until="networkidle")
            page.evaluate(POKE_EVERYTHING)
            assert page.evaluate("window.__xss") == [], target
            assert page.evaluate(LEFT_IN_THE_DOM) == [], target
            if target in ("bank/", "sheet/", "cheat-sheet/"):
                # The text around them is kept (up to vector 71, an unclosed <textarea> that
                # takes in the rest of the page as its text, as it would in any browser).
                shown = page.inner_text("article")
                assert "Vector 1:" in shown and "Vector 70:" in shown, target
    finally:
        close_page(page)
    assert dialogs == []
    assert watch.foreign_requests == []
