"""Row links: a table row whose first cell starts with an anchor gets a link to itself, the
way headings get their permalink; every other row is left as written."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup, Tag
from markdown.extensions import Extension

from mkdocs_playbook.core.row_links import CLASS, TITLE, RowLinksExtension

TABLE = """\
| Term | About |
| --- | --- |
| **Memory reference**{ #main-memory } and more | 100 ns |
| **No anchor** | 1 ms |
| Text first **then**{ #late } | 2 ms |
| `code`{ #code-row } | 3 ms |
"""


def render(text: str, *extensions: Extension) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["tables", "attr_list", *extensions])
    return BeautifulSoup(html, "html.parser")


def test_an_anchored_row_links_to_itself_named_by_its_term() -> None:
    rows = render(TABLE, RowLinksExtension()).select("tbody tr")
    links = [row.select(f"a.{CLASS}") for row in rows]
    assert [len(found) for found in links] == [1, 0, 0, 1]
    first = links[0][0]
    assert (first["href"], first["aria-labelledby"], first["title"]) == (
        "#main-memory",
        "main-memory",
        TITLE,
    )
    assert first.get_text() == ""
    # The link sits right after the term; the words after the term follow the link.
    cell = rows[0].select_one("td")
    assert cell is not None and cell.get_text() == "Memory reference and more"
    assert [child.name for child in cell.children if isinstance(child, Tag)] == ["strong", "a"]
    assert links[3][0]["href"] == "#code-row"


def test_without_the_extension_nothing_changes_and_each_page_gets_its_own_links() -> None:
    assert render(TABLE).select(f"a.{CLASS}") == []
    md = markdown.Markdown(extensions=["tables", "attr_list", RowLinksExtension()])
    md.convert(TABLE)
    again = BeautifulSoup(md.reset().convert(TABLE), "html.parser")
    assert len(again.select(f"a.{CLASS}")) == 2
