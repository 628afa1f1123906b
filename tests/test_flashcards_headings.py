"""Reading a page's headings from its Markdown, before anything is rendered: what decides
whether a site gets a flashcards page."""

from __future__ import annotations

from mkdocs_playbook.flashcards.headings import markdown_headings

PAGE = """\
---
title: Front matter is not a heading
---

# Notes {#notes}

## **Question** Bank

```markdown
## Code is not a heading
```

~~~~
# Nor here
~~~~

Setext heading
==============

A paragraph
-----------

<h3 class="x">HTML &amp; headings</h3>

### [Linked](other.md) title ###
"""


def test_every_kind_of_heading_is_read_as_its_text() -> None:
    assert list(markdown_headings(PAGE)) == [
        "Notes",
        "Question Bank",
        "Setext heading",
        "A paragraph",
        "Linked title",
        "HTML & headings",
    ]


def test_a_page_without_headings_has_none() -> None:
    assert list(markdown_headings("Just text.\n\n- a list\n")) == []
    assert list(markdown_headings("---\n")) == []
