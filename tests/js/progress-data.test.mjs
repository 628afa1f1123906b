// progress-data.js: the progress page's figures, from the flashcards' and the mock's own
// functions (so a card learned on the flashcards page is learned here).
import assert from "node:assert/strict";
import { test } from "node:test";
import { isLearned, Scheduler } from "../../plugins/mkdocs_playbook/assets/flashcards-schedule.js";
import * as mock from "../../plugins/mkdocs_playbook/assets/mock-session.js";
import {
  dayStart,
  forecast,
  formatDate,
  mockReport,
  sectionCounts,
} from "../../plugins/mkdocs_playbook/assets/progress-data.js";
import { fixtures } from "./fixtures.mjs";

const params = fixtures.scheduler;
const scheduler = new Scheduler(params);
const HOUR = 3_600_000;
/** 10:00 local time: what is due later today and what is due tomorrow differ. */
const now = new Date(2027, 0, 15, 10, 0).getTime();

test("a day starts at local midnight, by the calendar, across months and years", () => {
  const midnight = new Date(2027, 0, 15).getTime();
  assert.equal(dayStart(now), midnight);
  assert.equal(dayStart(midnight), midnight);
  assert.equal(dayStart(now, 1), new Date(2027, 0, 16).getTime());
  assert.equal(dayStart(new Date(2027, 0, 31, 23, 59).getTime(), 1), new Date(2027, 1, 1).getTime());
  assert.equal(dayStart(new Date(2027, 11, 31, 12).getTime(), 1), new Date(2028, 0, 1).getTime());
  for (let day = 0; day < 400; day += 1) assert.equal(new Date(dayStart(now, day)).getHours(), 0);
});

test("each section's cards: new, learning, learned as the flashcards page counts them, due today", () => {
  const learning = scheduler.next(null, "good", now - HOUR); // a learning step: due within the hour
  const learned = scheduler.next(null, "easy", now - HOUR); // in review for days: not due today
  const lapsed = scheduler.next(learned, "again", now - 2 * HOUR);
  const overdue = { ...learned, due: now - 3 * 24 * HOUR };
  const progress = { a: null, b: learning, c: learned, d: lapsed, e: overdue, f: null };
  assert.equal(isLearned(learned, params), true);
  assert.equal(isLearned(learning, params), false);
  assert.ok(learned.due >= dayStart(now, 1) && learning.due < dayStart(now, 1));
  const sections = [
    { key: "one", label: "One", cards: ["a", "b", "c"] },
    { key: "two", label: "Two", cards: ["d", "e", "f"] },
    { key: "empty", label: "Empty", cards: [] },
  ];
  const counts = sectionCounts(sections, (id) => progress[id], params, now);
  const expected = (key, label, cards) => {
    const of = cards.map((id) => progress[id]);
    const learnedHere = of.filter((p) => isLearned(p, params)).length;
    const fresh = of.filter((p) => p === null).length;
    return {
      key,
      label,
      total: cards.length,
      new: fresh,
      learned: learnedHere,
      learning: cards.length - fresh - learnedHere,
      dueToday: of.filter((p) => p !== null && p.due < dayStart(now, 1)).length,
    };
  };
  assert.deepEqual(
    counts.sections,
    sections.map(({ key, label, cards }) => expected(key, label, cards)),
  );
  assert.deepEqual(counts.all, expected("", "All sections", Object.keys(progress)));
  // Spelled out once: b (learning step) and d (relearning) and e (overdue) are today's reviews.
  assert.deepEqual(
    [counts.all.new, counts.all.learning, counts.all.learned, counts.all.dueToday],
    [2, 2, 2, 3],
  );
});

test("the forecast: overdue reviews fall on today, each day's reviews on it, later ones out", () => {
  const days = forecast(
    [
      now - 5 * 24 * HOUR, // overdue
      now + HOUR, // later today
      dayStart(now, 1) + 9 * HOUR, // tomorrow morning
      dayStart(now, 1) + 23 * HOUR,
      dayStart(now, 29) + HOUR, // the 30th day
      dayStart(now, 30), // the day after: out
    ],
    now,
    30,
  );
  assert.equal(days.length, 30);
  assert.deepEqual(
    days.map((day) => day.day),
    Array.from({ length: 30 }, (_, index) => dayStart(now, index)),
  );
  const counts = days.map((day) => day.count);
  assert.deepEqual([counts[0], counts[1], counts[29]], [2, 2, 1]);
  assert.equal(
    counts.reduce((sum, count) => sum + count, 0),
    5,
  );
  assert.deepEqual(
    forecast([], now, 3).map((day) => day.count),
    [0, 0, 0],
  );
});

const steps = [
  { number: 1, name: "Clarify", low: 1, high: 2, timebox: "1\u20132 min" },
  { number: 2, name: "Estimate", low: 1, high: 2, timebox: "1\u20132 min" },
  { number: 3, name: "Design", low: 1, high: 2, timebox: "1\u20132 min" },
];
const MINUTE = 60_000;

/** A session started at `start` spending `minutes[i]` in step i; abandoned after the last one
 * given when fewer than the steps. */
function session(start, minutes) {
  let s = mock.start({ id: "p", title: `Prompt ${start}` }, steps, start);
  let at = start;
  minutes.forEach((spent, index) => {
    at += spent * MINUTE;
    if (index < minutes.length - 1 || minutes.length === steps.length) s = mock.next(s, at);
  });
  return mock.isLive(s) ? mock.abandon(s, at) : s;
}

test("mock interviews in figures, and the steps that ran over most often among those reached", () => {
  const sessions = [
    session(3 * HOUR, [3, 1.5, 3]), // finished: steps 1 and 3 over
    session(2 * HOUR, [2.5]), // abandoned in step 1, over
    session(HOUR, [1, 1, 1]), // finished within every timebox
  ];
  const report = mockReport(sessions);
  assert.deepEqual(
    report.sessions,
    sessions.map((s) => mock.summary(s)),
  );
  assert.equal(report.finished, 2);
  assert.deepEqual(
    report.overrun.map((step) => [step.number, step.over, step.reached]),
    [
      [1, 2, 3],
      [3, 1, 2],
    ],
  );
  assert.equal(report.overrun[0].timebox, "1\u20132 min");
  assert.deepEqual(mockReport([]), { sessions: [], finished: 0, overrun: [] });
});

test("dates read as Date's own toLocale*String would write them, in the reader's language", () => {
  const moments = [
    now,
    new Date(2027, 11, 31, 23, 59, 59).getTime(),
    new Date(2028, 1, 29, 0, 0, 1).getTime(),
  ];
  for (const ms of moments) {
    const date = new Date(ms);
    assert.equal(formatDate(ms, "moment"), date.toLocaleString());
    assert.equal(formatDate(ms, "date"), date.toLocaleDateString(undefined, { dateStyle: "medium" }));
    assert.equal(
      formatDate(ms, "day"),
      date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" }),
    );
  }
  assert.notEqual(formatDate(now, "day"), formatDate(now, "date"));
});
