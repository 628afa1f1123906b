"""Spaced-repetition parameters: defined here once, emitted by the build, applied in the browser.

The scheduler is FSRS-6 (the Free Spaced Repetition Scheduler, which Anki ships), run where the
reader studies by ts-fsrs, its maintained reference implementation (pinned in package.json and
served with the plugin's assets; ``assets/flashcards-schedule.js`` hands it these numbers). This
module only *defines* the parameters and the shape of a card's saved progress, so the page,
``flashcards.json`` and the documentation all show the same values; nothing in Python
re-implements the maths.

FSRS keeps two numbers per card: its **stability** (the days after which the reader would still
recall it with 90% odds) and its **difficulty** (1 to 10). Each grade updates them, and the next
review is set for when recall odds fall to the target retention. A card is *learned* once it is
in review (past its learning steps) with a stability of ``learned_stability_days`` or more.

Progress saved by the SM-2 scheduler this replaced (``LEGACY_PROGRESS_FIELDS``) is read once and
converted, as Anki converts SM-2 cards: stability from the interval, difficulty from the ease,
the due date kept. ``learned_stability_days`` equals SM-2's ``learned_interval_days``, so a card
counted as learned before still is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

GRADES = ("again", "hard", "good", "easy")
TS_FSRS_VERSION = "5.4.2"
"""The ts-fsrs release the browser runs (package.json pins the same)."""

FSRS6_WEIGHTS = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
"""FSRS-6's default model weights, as ts-fsrs ships them (tests/js checks they are the same):
declared so that ``flashcards.json`` says exactly what schedules the cards."""

PROGRESS_FIELDS = {
    "due": "when the card is next due, milliseconds since the Unix epoch",
    "stability": "FSRS stability: days until the odds of recalling the card fall to 90%",
    "difficulty": "FSRS difficulty, from 1 (easy) to 10 (hard)",
    "state": "learning, review or relearning (FSRS's card state; a new card has no entry)",
    "last_review": "when the card was last graded, milliseconds since the Unix epoch",
    "reps": "how many times the card was graded",
    "lapses": "how many times the card was forgotten (graded Again in review)",
    "learning_steps": "which (re)learning step the card is at",
    "scheduled_days": "days from the last grade to the due date (0 during learning steps)",
}
"""The saved progress of one card, as stored in ``localStorage`` (one JSON object per card)."""

LEGACY_PROGRESS_FIELDS = {
    "due": "when the card is next due, milliseconds since the Unix epoch",
    "interval": "days until the next review after the last grade (0 after Again)",
    "ease": "the card's ease factor (SM-2 E-factor)",
    "reps": "reviews in a row not graded Again",
    "lapses": "how many times the card was graded Again",
    "last": "when the card was last graded, milliseconds since the Unix epoch",
}
"""What the SM-2 scheduler saved per card before FSRS: read once, converted, left in place."""

TARGET_RETENTION_RANGE = (0.7, 0.97)
"""FSRS's advice: below 70% the reader forgets too much; above 97% reviews pile up."""


@dataclass(frozen=True)
class SchedulerParams:
    algorithm: str = "fsrs"
    fsrs_version: int = 6
    implementation: str = f"ts-fsrs {TS_FSRS_VERSION}"
    grades: tuple[str, ...] = GRADES
    target_retention: float = 0.9
    """The odds of recall each review is scheduled for (FSRS's request_retention)."""
    maximum_interval_days: int = 365
    learning_steps: tuple[str, ...] = ("1m", "10m")
    """A new card's short steps before FSRS takes over (minutes)."""
    relearning_steps: tuple[str, ...] = ("10m",)
    """A forgotten card's steps before it goes back to review."""
    weights: tuple[float, ...] = FSRS6_WEIGHTS
    fuzz: bool = False
    """No random spread of long intervals: the same grades always give the same dates."""
    learned_stability_days: float = 4
    legacy_learned_interval_days: int = 4
    """SM-2's own threshold, which saved SM-2 progress was counted by."""

    def __post_init__(self) -> None:
        low, high = TARGET_RETENTION_RANGE
        if not low <= self.target_retention <= high:
            raise ValueError(
                f"target retention {self.target_retention} is outside {low:g} to {high:g}"
            )
        if self.learned_stability_days != self.legacy_learned_interval_days:
            raise ValueError("learned cards would change on migration: keep both thresholds equal")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("grades", "learning_steps", "relearning_steps", "weights"):
            data[name] = list(data[name])
        data["progress_fields"] = PROGRESS_FIELDS
        data["legacy_progress_fields"] = LEGACY_PROGRESS_FIELDS
        return data


DEFAULT_PARAMS = SchedulerParams()


def _key(number: int) -> str:
    """A grade's key, hidden on touch screens (playbook.css)."""
    return f' <span class="playbook-keys-hint">(key <kbd>{number}</kbd>)</span>'


def _minutes(step: str) -> str:
    """``10m`` as words: ``10 minutes``."""
    count = int(step.removesuffix("m"))
    return "1 minute" if count == 1 else f"{count} minutes"


def learned_rule(params: SchedulerParams = DEFAULT_PARAMS) -> str:
    """When a card counts as learned, in one sentence (the page says it under the count)."""
    return (
        "A card counts as learned once you would still recall it "
        f"{params.learned_stability_days:g} days after your last review. A new card graded "
        "Good usually gets there at its first review on a later day; one graded Easy, at once."
    )


def describe(params: SchedulerParams = DEFAULT_PARAMS) -> str:
    """The rules in Markdown, with the numbers the build emits, for the flashcards page."""
    retention = f"{params.target_retention:.0%}"
    learning = " and ".join(_minutes(step) for step in params.learning_steps)
    relearning = " and ".join(_minutes(step) for step in params.relearning_steps)
    return "\n".join(
        [
            f"Study mode schedules each card with **FSRS** (version {params.fsrs_version}), the "
            "scheduler Anki ships. For every card it keeps two numbers: how long you would "
            "remember it (its *stability*, in days) and how hard it is for you (its "
            "*difficulty*). After you reveal the answer, grade how well you knew it:",
            "",
            f"- **Again**{_key(1)}: you did not know it. It comes back in minutes and its "
            "stability drops.",
            f"- **Hard**{_key(2)}: you knew it with effort. Its stability grows a little.",
            f"- **Good**{_key(3)}: you knew it. Its stability grows.",
            f"- **Easy**{_key(4)}: you knew it at once. Its stability grows the most.",
            "",
            f"A new card first comes back after {learning}; a forgotten one after "
            f"{relearning}. From then on each card is due when the odds that you still recall "
            f"it fall to {retention}: the better you know a card, the longer it stays away, "
            f"up to about {params.maximum_interval_days} days. {learned_rule(params)} "
            "Progress is saved in this browser only (`localStorage`); nothing is sent anywhere. "
            "Progress saved by the earlier scheduler (SM-2) carries over: every card keeps its "
            "due date, and a learned card stays learned.",
        ]
    )
