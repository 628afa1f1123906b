// flashcards-schedule.js: FSRS through ts-fsrs with the build's parameters, SM-2 progress
// converted, what is learned, saved progress and its store.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeDelay,
  fromSm2,
  isDue,
  isLearned,
  PROGRESS_KEY,
  ProgressStore,
  parseLegacy,
  parseProgress,
  Scheduler,
} from "../../plugins/mkdocs_playbook/assets/flashcards-schedule.js";
import {
  createEmptyCard,
  default_w,
  fsrs,
  Rating,
} from "../../plugins/mkdocs_playbook/assets/vendor/ts-fsrs/index.mjs";
import { fixtures, MemoryStorage } from "./fixtures.mjs";

const params = fixtures.scheduler;
const scheduler = new Scheduler(params);
const minute = 60_000;
const day = 86400000;
const now = Date.UTC(2026, 0, 5, 9);
/** Grade at each card's due time (or `gap` after the last grade), saving and reading back the
 * progress in between as the page does; the progress after each grade. */
function run(grades, gap = null) {
  const steps = [];
  let progress = null;
  let at = now;
  for (const grade of grades) {
    progress = parseProgress(JSON.stringify(scheduler.next(progress, grade, at)));
    steps.push(progress);
    at = gap === null ? progress.due : at + gap;
  }
  return steps;
}
const legacyLearned = (legacy) => legacy.interval >= params.legacy_learned_interval_days;

test("the build declares FSRS-6 with ts-fsrs's own weights and the documented defaults", () => {
  assert.equal(params.algorithm, "fsrs");
  assert.deepEqual(params.weights, [...default_w]);
  assert.equal(params.target_retention, 0.9);
  assert.deepEqual([params.learning_steps, params.relearning_steps], [["1m", "10m"], ["10m"]]);
  assert.equal(params.learned_stability_days, params.legacy_learned_interval_days);
});

test("each grade schedules the card as ts-fsrs does, the saved progress losing nothing", () => {
  const reference = fsrs({
    request_retention: params.target_retention,
    maximum_interval: params.maximum_interval_days,
    enable_fuzz: false,
  });
  const ratings = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
  const history = ["good", "good", "hard", "good", "again", "good", "easy", "good"];
  const ours = run(history);
  let card = createEmptyCard(new Date(now));
  let at = now;
  history.forEach((grade, i) => {
    card = reference.next(card, new Date(at), ratings[grade]).card;
    assert.equal(ours[i].due, card.due.getTime(), `due after grade ${i + 1} (${grade})`);
    assert.equal(ours[i].stability, card.stability);
    assert.equal(ours[i].difficulty, card.difficulty);
    assert.equal(ours[i].reps, card.reps);
    assert.equal(ours[i].lapses, card.lapses);
    at = card.due.getTime();
  });
  assert.throws(() => scheduler.next(null, "perfect", now), RangeError);
});

test("the schedule a reader meets: learning steps, then days, and when a card is learned", () => {
  const delays = (steps) => steps.map((s, i) => s.due - (i === 0 ? now : steps[i - 1].due));
  const good = run(["good", "good", "good"]);
  assert.deepEqual(
    good.map((s) => s.state),
    ["learning", "review", "review"],
  );
  assert.deepEqual(delays(good).slice(0, 2), [10 * minute, 2 * day]);
  assert.deepEqual(
    good.map((s) => isLearned(s, params)),
    [false, false, true],
    "learned at its first Good on a later day",
  );
  const [easy] = run(["easy"]);
  assert.equal(easy.state, "review");
  assert.equal(easy.due - now, 8 * day);
  assert.equal(isLearned(easy, params), true, "Easy: learned at once");
  assert.equal(run(["again"])[0].due - now, minute);
  const lapsed = run(["easy", "again"]);
  assert.deepEqual(
    [lapsed[1].state, lapsed[1].lapses, isLearned(lapsed[1], params)],
    ["relearning", 1, false],
  );
  assert.equal(lapsed[1].due - lapsed[0].due, 10 * minute);
  const capped = run(Array(12).fill("easy")).map((s) => s.scheduled_days);
  assert.ok(capped.at(-1) === capped.at(-2) && capped.at(-1) <= params.maximum_interval_days + 2, capped);
});

test("SM-2 progress converts as Anki converts it: due date kept, learned cards still learned", () => {
  const legacy = (interval, ease, extra = {}) => ({
    due: now + 3 * day,
    interval,
    ease,
    reps: 3,
    lapses: 1,
    last: now + 3 * day - interval * day,
    ...extra,
  });
  const reviewed = fromSm2(legacy(15, 2.5), params);
  assert.deepEqual(
    [reviewed.due, reviewed.last_review, reviewed.state, reviewed.stability, reviewed.lapses, reviewed.reps],
    [now + 3 * day, now + 3 * day - 15 * day, "review", 15, 1, 4],
  );
  assert.ok(parseProgress(JSON.stringify(reviewed)), "a valid entry");
  // The difficulty is the one at which a Good review on the due date grows the stability by the
  // card's ease, as SM-2 grew its interval.
  const next = scheduler.next(reviewed, "good", reviewed.due);
  assert.ok(Math.abs(next.stability / reviewed.stability - 2.5) < 1e-6, next.stability);
  const eases = [1.3, 1.8, 2.5, 3.2].map((ease) => fromSm2(legacy(10, ease), params).difficulty);
  assert.deepEqual(
    [...eases].sort((a, b) => b - a),
    eases,
    "a higher ease, an easier card",
  );
  assert.ok(eases.every((d) => d >= 1 && d <= 10));
  const again = fromSm2(legacy(0, 2.3, { reps: 0, due: now + 10 * minute, last: now }), params);
  assert.deepEqual(
    [again.state, again.due, isLearned(again, params)],
    ["relearning", now + 10 * minute, false],
  );
  assert.ok(scheduler.next(again, "good", again.due).due > again.due, "and it schedules");
  const skewed = { ...reviewed, last_review: reviewed.due + day }; // a clock set wrong, then right
  assert.ok(scheduler.next(skewed, "good", reviewed.due).due > reviewed.due);
  // A reader's whole deck: the same cards count as learned before and after.
  const deck = [0, 1, 3, 4, 5, 6, 30, 200].flatMap((interval) =>
    [1.3, 2.5, 2.9].map((ease) => legacy(interval, ease, { reps: interval ? 2 : 0 })),
  );
  assert.deepEqual(
    deck.map((entry) => isLearned(fromSm2(entry, params), params)),
    deck.map(legacyLearned),
  );
  assert.equal(deck.filter(legacyLearned).length, 15);
});

test("saved progress is read back, and anything else is refused", () => {
  const [saved] = run(["good"]);
  const parsed = ["{", "null", "[]", '{"due":1}', JSON.stringify(saved)].map(parseProgress);
  assert.deepEqual(parsed.slice(0, 4), [null, null, null, null]);
  assert.deepEqual(parsed[4], saved);
  for (const broken of [
    { reps: 1.5 },
    { stability: 0 },
    { difficulty: 11 },
    { state: "new" },
    { state: "mastered" },
    { due: "soon" },
    { lapses: -1 },
  ]) {
    assert.equal(parseProgress(JSON.stringify({ ...saved, ...broken })), null, JSON.stringify(broken));
  }
  const sm2 = { due: now, interval: 6, ease: 2.5, reps: 2, lapses: 0, last: now - 6 * day };
  assert.deepEqual(parseLegacy(JSON.stringify(sm2)), sm2);
  assert.equal(parseLegacy(JSON.stringify(saved)), null, "an FSRS entry is not SM-2's");
  assert.equal(parseLegacy(JSON.stringify({ ...sm2, ease: 0 })), null);
  assert.equal(parseLegacy(null), null);
});

test("delays in words and what is due", () => {
  assert.deepEqual([60000, 3600000 * 5, day, day * 6, day * 60, day * 400].map(describeDelay), [
    "1 min",
    "5 h",
    "1 day",
    "6 days",
    "2 mo",
    "1.1 yr",
  ]);
  const [saved] = run(["easy"]);
  assert.deepEqual([isDue(null, now), isDue(saved, now), isDue(saved, now + 8 * day)], [true, false, true]);
  assert.equal(isLearned(null, params), false);
});

test("the store converts SM-2 entries once, keeps them, and ignores what it cannot read", () => {
  const storage = new MemoryStorage();
  const learned = { due: now + day, interval: 12, ease: 2.5, reps: 3, lapses: 0, last: now - 11 * day };
  const learning = { ...learned, interval: 1, reps: 1 };
  storage.setItem("site/a", JSON.stringify(learned));
  storage.setItem("site/b", JSON.stringify(learning));
  storage.setItem("site/c", "{broken");
  storage.setItem(`site/${PROGRESS_KEY}d`, JSON.stringify({ due: "soon" }));
  storage.setItem("site/d", JSON.stringify(learned));
  const store = new ProgressStore("site/", () => storage, undefined, params);
  assert.equal(store.persistent, true);
  const [a, b, c, d] = ["a", "b", "c", "d"].map((id) => store.get(id));
  assert.deepEqual(
    [a, b, d].map((p) => [p.state, p.due, isLearned(p, params)]),
    [
      ["review", now + day, true],
      ["review", now + day, false],
      ["review", now + day, true],
    ],
  );
  assert.equal(c, null, "an unreadable entry is a new card");
  assert.deepEqual(parseProgress(storage.getItem(`site/${PROGRESS_KEY}a`)), a, "converted once");
  assert.equal(storage.getItem("site/a"), JSON.stringify(learned), "the SM-2 entry stays");
  assert.equal(storage.getItem("site/c"), "{broken", "nothing unreadable is removed");
  assert.equal(storage.getItem(`site/${PROGRESS_KEY}d`), JSON.stringify({ due: "soon" }));
  // A second visit reads the FSRS entries.
  storage.setItem("site/a", JSON.stringify({ ...learned, due: 1 }));
  assert.equal(new ProgressStore("site/", () => storage, undefined, params).get("a").due, now + day);

  const [graded] = run(["good"]);
  store.set("c", graded);
  assert.deepEqual(parseProgress(storage.getItem(`site/${PROGRESS_KEY}c`)), graded);
  store.forget("c");
  assert.equal(store.get("c"), null);
  assert.equal(storage.getItem(`site/${PROGRESS_KEY}c`), null);
  store.saveSettings({ shuffle: true });
  assert.deepEqual(new ProgressStore("site/", () => storage, undefined, params).settings(), {
    shuffle: true,
  });
  store.reset(["a", "b"]);
  const again = new ProgressStore("site/", () => storage, undefined, params);
  assert.deepEqual([again.get("a"), again.get("b")], [null, null], "reset forgets SM-2's entries too");
  assert.equal(storage.getItem("site/a"), null);
});

test("without storage, progress lasts for the visit", () => {
  const store = new ProgressStore(
    "site/",
    () => {
      throw new Error("SecurityError");
    },
    undefined,
    params,
  );
  assert.equal(store.persistent, false);
  const [saved] = run(["good"]);
  store.set("a", saved);
  assert.equal(store.get("a").state, "learning");
});

test("the store looks up only the cards it has something saved for", () => {
  const storage = new MemoryStorage();
  const [saved] = run(["good"]);
  storage.setItem(`site/${PROGRESS_KEY}a`, JSON.stringify(saved));
  storage.setItem(
    "site/b",
    JSON.stringify({ due: now, interval: 6, ease: 2.5, reps: 2, lapses: 0, last: now }),
  );
  storage.setItem("other-site/c", JSON.stringify(saved));
  const looked = [];
  const getItem = storage.getItem.bind(storage);
  storage.getItem = (key) => {
    looked.push(key);
    return getItem(key);
  };
  const store = new ProgressStore("site/", () => storage, undefined, params);
  const ids = ["a", "b", "c", ...Array.from({ length: 1000 }, (_, n) => `new${n}`)];
  const found = ids.map((id) => store.get(id));
  assert.deepEqual(
    found.slice(0, 3).map((p) => p?.state ?? null),
    ["learning", "review", null],
  );
  assert.ok(found.slice(3).every((p) => p === null));
  assert.deepEqual(looked.sort(), ["site/b", `site/${PROGRESS_KEY}a`, `site/${PROGRESS_KEY}b`]);
});
