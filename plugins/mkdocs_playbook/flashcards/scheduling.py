"""Spaced-repetition parameters: defined here once, emitted by the build, applied in the browser.

The scheduling maths runs where the reader studies, in ``assets/flashcards.js`` (``schedule``).
This module only *defines* the numbers it uses and the shape of a card's saved progress, so
the page, ``flashcards.json`` and the documentation all show the same values; nothing in
Python re-implements the maths.

The algorithm is SM-2 (SuperMemo 2, as Anki uses it) with four grades:

* **Again**: the card starts over (``reps`` back to 0, one more lapse) and comes back after
  ``again_minutes``; ease drops by ``ease_change.again``.
* **Hard**, **Good**, **Easy** on a new card: the interval becomes ``first_interval_days``
  of that grade; on a card reviewed once: ``second_interval_days``. After that the interval
  is multiplied by ``hard_factor`` (Hard), the card's ease (Good), or ease x ``easy_bonus``
  (Easy), rounded to whole days, never shorter than the previous interval plus one day
  (except Hard, which at least keeps it), capped at ``maximum_interval_days``.
* The ease starts at ``initial_ease``, changes by ``ease_change`` per grade and never goes
  below ``minimum_ease``.

A card is *due* when it has never been studied or its due time has passed; it is *learned*
once its interval reaches ``learned_interval_days``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

GRADES = ("again", "hard", "good", "easy")
TIMES = "\u00d7"

PROGRESS_FIELDS = {
    "due": "when the card is next due, milliseconds since the Unix epoch",
    "interval": "days until the next review after the last grade (0 after Again)",
    "ease": "the card's ease factor (SM-2 E-factor)",
    "reps": "reviews in a row not graded Again",
    "lapses": "how many times the card was graded Again",
    "last": "when the card was last graded, milliseconds since the Unix epoch",
}
"""The saved progress of one card, as stored in ``localStorage`` (one JSON object per card)."""


def _per_grade(again: float, hard: float, good: float, easy: float) -> dict[str, float]:
    return dict(zip(GRADES, (again, hard, good, easy), strict=True))


@dataclass(frozen=True)
class SchedulerParams:
    algorithm: str = "sm2"
    version: int = 1
    grades: tuple[str, ...] = GRADES
    initial_ease: float = 2.5
    minimum_ease: float = 1.3
    ease_change: dict[str, float] = field(
        default_factory=lambda: _per_grade(-0.2, -0.15, 0.0, 0.15)
    )
    again_minutes: int = 10
    first_interval_days: dict[str, float] = field(default_factory=lambda: _per_grade(0, 1, 1, 4))
    second_interval_days: dict[str, float] = field(default_factory=lambda: _per_grade(0, 3, 6, 8))
    hard_factor: float = 1.2
    easy_bonus: float = 1.3
    maximum_interval_days: int = 365
    learned_interval_days: int = 4

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["grades"] = list(self.grades)
        data["progress_fields"] = PROGRESS_FIELDS
        return data


DEFAULT_PARAMS = SchedulerParams()


def _key(number: int) -> str:
    """A grade's key, hidden on touch screens (playbook.css)."""
    return f' <span class="playbook-keys-hint">(key <kbd>{number}</kbd>)</span>'


def describe(params: SchedulerParams = DEFAULT_PARAMS) -> str:
    """The rules in Markdown, with the numbers the build emits, for the flashcards page."""
    first = params.first_interval_days
    second = params.second_interval_days
    return "\n".join(
        [
            "Study mode schedules each card with **SM-2**, the algorithm behind Anki and "
            "SuperMemo 2. After you reveal the answer, grade how well you knew it:",
            "",
            f"- **Again**{_key(1)}: you did not know it. The card comes back in "
            f"{params.again_minutes} minutes and starts over.",
            f"- **Hard**{_key(2)}: the first interval is {first['hard']:g} day, the "
            f"second {second['hard']:g} days, then the interval grows by "
            f"{TIMES}{params.hard_factor:g}.",
            f"- **Good**{_key(3)}: {first['good']:g} day, then {second['good']:g} days, "
            "then the interval is multiplied by the card's ease.",
            f"- **Easy**{_key(4)}: {first['easy']:g} days, then {second['easy']:g} days, "
            f"then ease {TIMES} {params.easy_bonus:g}.",
            "",
            f"Every card starts with an ease of {params.initial_ease:g}; Again lowers it by "
            f"{-params.ease_change['again']:g}, Hard by {-params.ease_change['hard']:g}, Easy "
            f"raises it by {params.ease_change['easy']:g}, and it never drops below "
            f"{params.minimum_ease:g}. Intervals are capped at "
            f"{params.maximum_interval_days} days. A card counts as **learned** once its "
            f"interval reaches {params.learned_interval_days} days. Progress is saved in this "
            "browser only (`localStorage`); nothing is sent anywhere.",
        ]
    )
