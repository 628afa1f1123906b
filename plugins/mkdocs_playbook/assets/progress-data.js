// The progress page's figures, with no DOM: the deck by section, the reviews due in the days to
// come and the mock interviews' pacing, each computed with the functions the flashcards and the
// mock interview use themselves (flashcards-schedule.js, mock-session.js), so the progress page
// and those pages can never disagree. progress.js draws what this computes.

import { isLearned } from "./flashcards-schedule.js";
import { summary } from "./mock-session.js";

/** The start (ms) of the local day `days` after the one `now` falls in: by the calendar, so a
 * day of 23 or 25 hours (a clock change) is still one day. */
export function dayStart(now, days = 0) {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime();
}

function emptyCounts(key, label) {
  return { key, label, total: 0, new: 0, learning: 0, learned: 0, dueToday: 0 };
}

/**
 * Each section's cards at `now`: new (never graded), learning (graded, not learned yet),
 * learned (as the flashcards page counts them: `isLearned`), and due today (graded cards due
 * before the local day ends, overdue ones included; a new card is not a review), with the
 * whole deck's sums. `sections` are `{key, label, cards: [id]}`; `progressOf(id)` is a card's
 * saved progress, null for a new card (ProgressStore.get); `params` the scheduler's.
 */
export function sectionCounts(sections, progressOf, params, now) {
  const tomorrow = dayStart(now, 1);
  const all = emptyCounts("", "All sections");
  const rows = sections.map(({ key, label, cards }) => {
    const row = emptyCounts(key, label);
    for (const id of cards) {
      const progress = progressOf(id);
      row.total += 1;
      if (progress === null) row.new += 1;
      else if (isLearned(progress, params)) row.learned += 1;
      else row.learning += 1;
      if (progress !== null && progress.due < tomorrow) row.dueToday += 1;
    }
    for (const field of ["total", "new", "learning", "learned", "dueToday"]) all[field] += row[field];
    return row;
  });
  return { sections: rows, all };
}

/** How many reviews fall on each of the `days` local days from today (`{day: its start in ms,
 * count}`): today's count has the overdue ones too; what is due later is left out. */
export function forecast(dues, now, days = 30) {
  const starts = Array.from({ length: days + 1 }, (_, index) => dayStart(now, index));
  const counts = Array(days).fill(0);
  for (const due of dues) {
    if (!(due < starts[days])) continue;
    let day = 0;
    while (due >= starts[day + 1]) day += 1;
    counts[day] += 1;
  }
  return counts.map((count, index) => ({ day: starts[index], count }));
}

/**
 * Past mock interviews in figures (`summary` of mock-session.js, newest first, as stored), and
 * the steps that ran over their timebox most often: each step (by number and name) with the
 * sessions that reached it and those in which it ran over, most often first.
 */
export function mockReport(sessions) {
  const figures = sessions.map(summary);
  const steps = new Map();
  for (const session of figures) {
    for (const step of session.steps) {
      if (!step.reached) continue;
      const key = `${step.number}\n${step.name}`;
      const entry = steps.get(key) ?? {
        number: step.number,
        name: step.name,
        timebox: step.timebox,
        reached: 0,
        over: 0,
      };
      entry.reached += 1;
      if (step.overSeconds > 0) entry.over += 1;
      steps.set(key, entry);
    }
  }
  const overrun = [...steps.values()]
    .filter((step) => step.over > 0)
    .sort((a, b) => b.over - a.over || b.over / b.reached - a.over / a.reached || a.number - b.number);
  return { sessions: figures, finished: figures.filter((session) => session.finished).length, overrun };
}

// The reader's date formats, each made once: Date's toLocale*String makes a new formatter on
// every call (11 ms of the progress page's start for a month's forecast, more on a phone).
const DATE_FORMATS = {
  day: { weekday: "short", day: "numeric", month: "short" },
  date: { dateStyle: "medium" },
  // What toLocaleString() shows: the date and the time, in numbers.
  moment: {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  },
};
const formatters = new Map();

/** ``ms`` in the reader's language as one of DATE_FORMATS: "day" (Tue, 5 Jan), "date" (Jan 5,
 * 2027) or "moment" (the date and the time, as toLocaleString shows them). */
export function formatDate(ms, format) {
  if (!formatters.has(format)) {
    formatters.set(format, new Intl.DateTimeFormat(undefined, DATE_FORMATS[format]));
  }
  return formatters.get(format).format(new Date(ms));
}
