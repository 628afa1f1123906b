"""Flashcard extraction over the Markdown shapes authors write, and every error it reports."""

from __future__ import annotations

import textwrap

import pytest

from playbook.flashcards.extract import (
    Extraction,
    SourceRule,
    extract,
    plain_text,
    split_cells,
    split_term,
)

BANK = SourceRule("Question Bank")


def read(markdown: str, *rules: SourceRule, page: str = "bank.md") -> Extraction:
    return extract(textwrap.dedent(markdown), page, list(rules) or [BANK])


def cards(markdown: str, *rules: SourceRule) -> list[tuple[str, str]]:
    result = read(markdown, *rules)
    assert result.problems == [], [str(p) for p in result.problems]
    return [(item.term, item.answer) for item in result.items]


@pytest.mark.parametrize(
    ("line", "term", "answer"),
    [
        ("**Idempotency**: keys and a dedup store", "Idempotency", "keys and a dedup store"),
        ("**Idempotency:** keys and a dedup store", "Idempotency", "keys and a dedup store"),
        ("**Dedupe first.** A retried request", "Dedupe first", "A retried request"),
        ("**Backpressure** \u2014 bounded queues", "Backpressure", "bounded queues"),
        ("**Backpressure** \u2013 bounded queues", "Backpressure", "bounded queues"),
        ("**Backpressure** -- bounded queues", "Backpressure", "bounded queues"),
        ("__Jitter__: random TTL offsets", "Jitter", "random TTL offsets"),
        ("Hot partitions: choose uniform keys", "Hot partitions", "choose uniform keys"),
        ("**Ratio 3:1**: three reads per write", "Ratio 3:1", "three reads per write"),
        ("Time 10:30: when the batch runs", "Time 10:30", "when the batch runs"),
        ("`host:port`: where it listens", "`host:port`", "where it listens"),
        ("[RFC: 1](https://x.org/a:b): semantics", "[RFC: 1](https://x.org/a:b)", "semantics"),
        ("**`Idempotency-Key`** header: dedup", "**`Idempotency-Key`** header", "dedup"),
        ("*Emphasised term*: answer", "*Emphasised term*", "answer"),
    ],
)  # fmt: skip
def test_one_line_item_shapes(line: str, term: str, answer: str) -> None:
    assert split_term(line)[0] == term
    found = cards(f"# Question Bank\n\n- {line}\n")
    assert found == [(term, answer)]


def test_every_list_marker_and_numbered_lists_are_read() -> None:
    found = cards(
        """
        # Question Bank

        - **A**: first
        * **B**: second
        + **C**: third

        1. **D**: fourth
        2) **E**: fifth
        """
    )
    assert found == [
        ("A", "first"),
        ("B", "second"),
        ("C", "third"),
        ("D", "fourth"),
        ("E", "fifth"),
    ]


def test_multi_paragraph_answers_nested_lists_and_code_stay_with_their_item() -> None:
    found = cards(
        """
        # Question Bank

        - **Outbox**: write the row and the event together.
          Lazy continuation of the first paragraph.

            A second paragraph, indented four spaces.

            - nested point one
            - nested point two

            ```python
            def publish(): ...


            publish()
            ```
        - **Next**: the following card
        """
    )
    assert [term for term, _ in found] == ["Outbox", "Next"]
    answer = found[0][1]
    assert answer.startswith("write the row and the event together.\nLazy continuation")
    assert "\n\nA second paragraph, indented four spaces." in answer
    assert "- nested point one\n- nested point two" in answer
    assert "```python\ndef publish(): ...\n\n\npublish()\n```" in answer
    assert found[1] == ("Next", "the following card")


def test_answer_may_start_on_the_next_line() -> None:
    found = cards("# Question Bank\n\n- **Term**:\n    the answer below\n")
    assert found == [("Term", "the answer below")]


def test_definition_lists_as_the_question_bank_page_writes_them() -> None:
    found = cards(
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
    assert found == [
        ("Consistency model", "Per-aggregate strong consistency on writes."),
        (
            "Idempotency",
            "Keys for public write APIs.\n\nA second paragraph of the same answer."
            "\n\nA second definition of the same term.",
        ),
        ("Schema changes", "Expand/contract with `dual-write`."),
    ]


def test_tables_give_one_card_per_row() -> None:
    found = cards(
        """
        # Question Bank

        | Area | Cover |
        | --- | --- |
        | **Observability** | RED/USE metrics, `trace_id` |
        | Pipes | a \\| b and `x | y` |

        | Formula | What it tells you | Unit |
        |:--|:-:|--:|
        | **Peak QPS** = DAU * actions ÷ 86,400 | Servers needed | req/s |
        | [1. Clarify](#clarify) | Scope and SLOs | |
        """
    )
    assert found == [
        ("Observability", "RED/USE metrics, `trace_id`"),
        ("Pipes", "a | b and `x | y`"),
        (
            "Peak QPS",
            "**Peak QPS** = DAU * actions ÷ 86,400\n\n**What it tells you**: Servers needed"
            "\n\n**Unit**: req/s",
        ),
        ("[1. Clarify](#clarify)", "**What it tells you**: Scope and SLOs"),
    ]


def test_split_cells_respects_escapes_and_code() -> None:
    assert split_cells("| a | `b|c` | d\\|e |") == ["a", "`b|c`", "d|e"]
    assert split_cells("a | b") == ["a", "b"]


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
    assert [item.term for item in found.items] == ["A", "B"]
    assert [item.section.text for item in found.items] == [
        "question bank, part 2",
        "Question Bank in setext",
    ]
    assert found.page_title == "Intro"


def test_only_direct_content_unless_subsections() -> None:
    markdown = """
        # Deep dives

        - **Write path**: outbox

        ## Write path { #write-path }

        - **Dedupe first.** Return the stored response.

        # Next chapter

        - **Outside**: never read
        """
    direct = read(markdown, SourceRule("Deep dives"))
    assert [item.term for item in direct.items] == ["Write path"]
    nested = read(markdown, SourceRule("Deep dives", subsections=True))
    assert [item.term for item in nested.items] == ["Write path", "Dedupe first"]
    assert nested.items[1].section.text == "Write path"
    assert nested.items[1].section.raw == "## Write path { #write-path }"


def test_a_page_rule_only_reads_its_page() -> None:
    markdown = "# Terms\n\n- **A**: a\n"
    assert read(markdown, SourceRule("Terms", page="ops.md"), page="ops.md").items
    other = read(markdown, SourceRule("Terms", page="ops.md"), page="bank.md")
    assert other.items == [] and other.matched == set()


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
    assert [h.text for h in found.headings] == ["Notes"]


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
    assert found == [("Real", "card")]


def test_line_numbers_count_from_the_top_of_the_file() -> None:
    result = read("---\ntitle: x\n---\n\n# Question Bank\n\n- **A**: a\n\nB\n:   b\n")
    assert [(item.term, item.line) for item in result.items] == [("A", 7), ("B", 9)]


@pytest.mark.parametrize(
    ("markdown", "line", "message"),
    [
        ("- just a sentence without a term", 3, "cannot read the list item"),
        ("- **A**: a\n- unreadable item", 4, "'unreadable item'"),
        ("- **Empty**:", 3, "'Empty' has an empty answer"),
        ("- Empty:   ", 3, "has an empty answer"),
        ("- **Empty** \u2014 ", 3, "has an empty answer"),
        ("- **Blank**: `` ``", 3, "has an empty answer"),
        ("Term\n:   \n", 3, "'Term' has an empty answer"),
        ("| Q | A |\n| - | - |\n| **Lonely** | |", 5, "'Lonely' has an empty answer"),
        ("| Q | A |\n| - | - |\n|  | orphan answer |", 5, "empty first cell"),
        ("- ****: no term", 3, "cannot read|empty term"),
    ],
)
def test_errors_name_the_line_and_what_to_fix(markdown: str, line: int, message: str) -> None:
    result = read(f"# Question Bank\n\n{markdown}\n")
    assert result.problems, "expected a problem"
    problem = result.problems[0]
    assert problem.page == "bank.md" and problem.line == line
    assert any(part in problem.message for part in message.split("|")), problem.message
    assert str(problem).startswith(f"bank.md:{line}: ")


def test_an_error_does_not_hide_the_other_cards() -> None:
    result = read("# Question Bank\n\n- **A**: a\n- broken\n- **C**: c\n")
    assert [item.term for item in result.items] == ["A", "C"]
    assert [problem.line for problem in result.problems] == [4]


def test_plain_text_strips_markup() -> None:
    assert plain_text("**Bold** `code` [link](x.md) <b>tag</b> \\*star\\*") == (
        "Bold code link tag *star*"
    )
    assert plain_text("snake_case_name and _emph_") == "snake_case_name and emph"
