"""Flashcard extraction from rendered pages, over the shapes authors write, and every error."""

from __future__ import annotations

import textwrap

import markdown
import pytest

from mkdocs_playbook.flashcards.extract import Extraction, SourceRule, extract, may_have_sources

BANK = SourceRule("Question Bank")
EXTENSIONS = [
    *("toc", "tables", "def_list", "attr_list", "md_in_html", "admonition"),
    *("pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"),
]
CONFIGS = {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}}


def render(source: str) -> str:
    """The page as MkDocs renders it with this site's kind of Markdown setup."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(source)


def read(source: str, *rules: SourceRule, page: str = "bank.md") -> Extraction:
    source = textwrap.dedent(source)
    return extract(render(source), source, page, list(rules) or [BANK])


def cards(source: str, *rules: SourceRule) -> list[tuple[str, str]]:
    result = read(source, *rules)
    assert result.problems == [], [str(p) for p in result.problems]
    return [(item.term, item.answer_html) for item in result.items]


@pytest.mark.parametrize(
    ("line", "term", "term_html"),
    [
        ("**Idempotency**: keys and a dedup store", "Idempotency", "Idempotency"),
        ("**Idempotency:** keys and a dedup store", "Idempotency", "Idempotency"),
        ("**Dedupe first.** keys and a dedup store", "Dedupe first", "Dedupe first"),
        ("**Backpressure** \u2014 keys and a dedup store", "Backpressure", "Backpressure"),
        ("**Backpressure** \u2013 keys and a dedup store", "Backpressure", "Backpressure"),
        ("**Backpressure** -- keys and a dedup store", "Backpressure", "Backpressure"),
        ("__Jitter__: keys and a dedup store", "Jitter", "Jitter"),
        ("Hot partitions: keys and a dedup store", "Hot partitions", "Hot partitions"),
        ("**Ratio 3:1**: keys and a dedup store", "Ratio 3:1", "Ratio 3:1"),
        ("Time 10:30: keys and a dedup store", "Time 10:30", "Time 10:30"),
        ("`host:port`: keys and a dedup store", "host:port", "<code>host:port</code>"),
        ("[RFC: 1](https://x.org/a:b): keys and a dedup store", "RFC: 1",
         '<a href="https://x.org/a:b">RFC: 1</a>'),
        ("**`Idempotency-Key`** header: keys and a dedup store", "Idempotency-Key header",
         "<strong><code>Idempotency-Key</code></strong> header"),
        ("*Emphasised term*: keys and a dedup store", "Emphasised term",
         "<em>Emphasised term</em>"),
    ],
)  # fmt: skip
def test_one_line_item_shapes(line: str, term: str, term_html: str) -> None:
    (item,) = read(f"# Question Bank\n\n- {line}\n").items
    assert (item.term, item.term_html) == (term, term_html)
    assert item.answer_html == "<p>keys and a dedup store</p>"
    assert item.line == 3


def test_every_list_marker_and_numbered_lists_are_read() -> None:
    found = cards(
        """
        # Question Bank

        - **A**: first
        * **B**: second
        + **C**: third

        1. **D**: fourth
        2. **E**: fifth
        """
    )
    assert [term for term, _ in found] == ["A", "B", "C", "D", "E"]


def test_multi_paragraph_answers_nested_lists_and_code_stay_with_their_item() -> None:
    found = cards(
        """
        # Question Bank

        -   **Outbox**: write the row and the event together.
            Lazy continuation of the first paragraph.

            A second paragraph, indented four spaces.

            - nested point one
            - nested point two

            ```python
            publish()
            ```

        -   **Next**: the following card
        """
    )
    assert [term for term, _ in found] == ["Outbox", "Next"]
    answer = found[0][1]
    assert answer.startswith("<p>write the row and the event together.\n")
    assert "Lazy continuation of the first paragraph.</p>" in answer
    assert "\n<p>A second paragraph, indented four spaces.</p>" in answer
    assert "<li>nested point one</li>" in answer and "publish" in answer
    assert found[1] == ("Next", "<p>the following card</p>")


def test_answer_may_start_on_the_next_line() -> None:
    found = cards("# Question Bank\n\n- **Term**:\n    the answer below\n")
    assert found == [("Term", "<p>the answer below</p>")]


def test_definition_lists_as_the_question_bank_page_writes_them() -> None:
    result = read(
        """
        ---
        description: front matter is not a card
        ---

        # Question Bank (with concise answers)

        Each term below is a follow-up you will hear.

        Consistency model
        :   Per-aggregate strong consistency on writes.

        Idempotency

        :   Keys for public write APIs.

            A second paragraph of the same answer.

        :   A second definition of the same term.

        Schema changes
        :   Expand/contract with `dual-write`.

        !!! note "Memorize these"
            - **Not**: a card, inside an admonition
        """
    )
    assert result.problems == []
    assert [(item.term, item.answer_html, item.line) for item in result.items] == [
        ("Consistency model", "<p>Per-aggregate strong consistency on writes.</p>", 10),
        (
            "Idempotency",
            "<p>Keys for public write APIs.</p>\n<p>A second paragraph of the same answer.</p>"
            "\n<p>A second definition of the same term.</p>",
            13,
        ),
        ("Schema changes", "<p>Expand/contract with <code>dual-write</code>.</p>", 21),
    ]


def test_tables_give_one_card_per_row() -> None:
    result = read(
        """
        # Question Bank

        | Area | Cover |
        | --- | --- |
        | **Observability** | RED/USE metrics, `trace_id` |
        | Pipes | a \\| b |

        | Formula | What it tells you | Unit |
        |:--|:-:|--:|
        | **Peak QPS** = DAU * actions | Servers needed | req/s |
        | [1. Clarify](#clarify) | Scope and SLOs | |
        """
    )
    assert result.problems == []
    assert [(item.term, item.answer_html, item.line) for item in result.items] == [
        ("Observability", "<p>RED/USE metrics, <code>trace_id</code></p>", 6),
        ("Pipes", "<p>a | b</p>", 7),
        (
            "Peak QPS",
            "<p><strong>Peak QPS</strong> = DAU * actions</p>\n"
            "<p><strong>What it tells you</strong>: Servers needed</p>\n"
            "<p><strong>Unit</strong>: req/s</p>",
            11,
        ),
        ("1. Clarify", "<p><strong>What it tells you</strong>: Scope and SLOs</p>", 12),
    ]


def test_headings_match_by_prefix_any_level_and_case() -> None:
    found = read(
        """
        # Intro

        - not: a card, not under a source heading

        ### question bank, part 2

        - **A**: a

        Question Bank in setext
        -----------------------

        - **B**: b

        ## Other

        - **C**: unrelated
        """
    )
    assert [(item.term, item.line) for item in found.items] == [("A", 8), ("B", 13)]
    assert [item.section.text for item in found.items] == [
        "question bank, part 2",
        "Question Bank in setext",
    ]
    assert found.page_title == "Intro"


def test_only_direct_content_unless_subsections() -> None:
    source = """
        # Deep dives

        - **Write path**: outbox

        ## Write path { #write-path }

        - **Dedupe first.** Return the stored response.

        # Next chapter

        - **Outside**: never read
        """
    direct = read(source, SourceRule("Deep dives"))
    assert [item.term for item in direct.items] == ["Write path"]
    nested = read(source, SourceRule("Deep dives", subsections=True))
    assert [(item.term, item.line) for item in nested.items] == [
        ("Write path", 4),
        ("Dedupe first", 8),
    ]
    assert nested.items[1].section.text == "Write path"
    assert nested.items[1].section.id == "write-path"


def test_a_page_rule_only_reads_its_page() -> None:
    source = "# Terms\n\n- **A**: a\n"
    assert read(source, SourceRule("Terms", page="ops.md"), page="ops.md").items
    other = read(source, SourceRule("Terms", page="ops.md"), page="bank.md")
    assert other.items == [] and other.matched == set()


@pytest.mark.parametrize(
    "heading",
    [
        '<h2 id="q">Question Bank</h2>',
        "<H3>question  <em>bank</em>, part 2</H3>",
        '<h2>Question&nbsp;B<code>ank</code><a class="headerlink" href="#q">&para;</a></h2>',
        '<h2 class="x">Question\nBank</h2 >',
        "<h2>Question Bank",  # never closed: the quick look cannot read it, so the page is read
    ],
)
def test_a_page_is_read_when_a_heading_may_name_a_source(heading: str) -> None:
    page = f"<h1>Notes</h1><p>Question Bank, in the prose.</p>{heading}<ul><li>A: a</li></ul>"
    assert may_have_sources(page, "bank.md", [BANK])
    assert extract(page, "", "bank.md", [BANK]).matched == {BANK}


def test_a_page_is_passed_over_when_no_heading_can_name_a_source() -> None:
    page = "<h1>Notes</h1><p>See the Question Bank.</p><h2>Answers</h2><ul><li>A: a</li></ul>"
    assert not may_have_sources(page, "bank.md", [BANK])
    only_ops = SourceRule("Answers", page="ops.md")
    assert not may_have_sources(page, "bank.md", [only_ops])
    assert may_have_sources(page, "ops.md", [only_ops])


def test_headings_inside_code_fences_are_not_headings() -> None:
    found = read(
        """
        # Notes

        ```bash
        # Question Bank
        - **A**: inside a fence
        ```
        """
    )
    assert found.items == [] and found.matched == set()


def test_paragraphs_admonitions_tabs_code_and_annotations_are_skipped() -> None:
    found = cards(
        """
        # Question Bank

        Points to say out loud: this intro ends with a colon.

        === "Tab"

            - **Inside**: a tab

        ??? example annotate "Worked example"
            - a step (1)

        1.  An annotation, not a card.

        ```mermaid
        graph TD
          A --> B
        ```

        <div class="grid" markdown>
        - **Inside**: HTML
        </div>

        - **Real**: card
        """
    )
    assert found == [("Real", "<p>card</p>")]


def test_line_numbers_count_from_the_top_of_the_file() -> None:
    result = read("---\ntitle: x\n---\n\n# Question Bank\n\n- **A**: a\n\nB\n:   b\n")
    assert [(item.term, item.line) for item in result.items] == [("A", 7), ("B", 9)]


def test_a_term_written_twice_on_the_page_gets_the_line_of_its_item() -> None:
    result = read("# Question Bank\n\nSay Idempotency: first.\n\n- Idempotency: keys\n")
    assert [(item.term, item.line) for item in result.items] == [("Idempotency", 5)]


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("- just a sentence without a term", 3, "cannot read the list item"),
        ("- **A**: a\n- unreadable item", 4, "'unreadable item'"),
        ("- **Empty**:", 3, "'Empty' has an empty answer"),
        ("- Empty:   ", 3, "has an empty answer"),
        ("- **Empty** \u2014 ", 3, "has an empty answer"),
        ("- **Blank**: `` ``", 3, "has an empty answer"),
        ("Term\n:   \n", 3, "'Term' has an empty answer"),
        ("Term\n:\n", 3, "'Term' has an empty answer"),
        ("| Q | A |\n| - | - |\n| **Lonely** | |", 5, "'Lonely' has an empty answer"),
        ("| Q | A |\n| - | - |\n|  | orphan answer |", 5, "empty first cell"),
        ("- ****: no term", 3, "empty term"),
    ],
)
def test_errors_name_the_line_and_what_to_fix(source: str, line: int, message: str) -> None:
    result = read(f"# Question Bank\n\n{source}\n")
    assert result.problems, "expected a problem"
    problem = result.problems[0]
    assert problem.page == "bank.md" and problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"bank.md:{line}: ")


def test_an_error_does_not_hide_the_other_cards() -> None:
    result = read("# Question Bank\n\n- **A**: a\n- broken\n- **C**: c\n")
    assert [item.term for item in result.items] == ["A", "C"]
    assert [problem.line for problem in result.problems] == [4]
