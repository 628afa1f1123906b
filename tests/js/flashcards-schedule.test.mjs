// flashcards-schedule.js: SM-2 with the build's parameters, saved progress and its store.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeDelay,
  isDue,
  isLearned,
  parseProgress,
  ProgressStore,
  schedule,
} from "../../plugins/mkdocs_playbook/assets/flashcards-schedule.js";
import { fixtures, MemoryStorage } from "./fixtures.mjs";

const params = fixtures.scheduler;
const day = 86400000;
const now = 1e12;
const run = (grades) => grades.reduce((s, g, i) => schedule(s, g, now + i * day, params), null);
const pick = (s) => s && [s.interval, s.ease, s.reps, s.lapses];

test("the scheduling maths", () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => pick(run(Array(n).fill("good")))),
    [
      [1, 2.5, 1, 0],
      [6, 2.5, 2, 0],
      [15, 2.5, 3, 0],
      [38, 2.5, 4, 0],
    ],
  );
  assert.deepEqual(pick(run(["easy"])), [4, 2.65, 1, 0]);
  assert.deepEqual(pick(run(["good", "good", "hard"])), [7, 2.35, 3, 0]);
  assert.deepEqual(pick(run(["good", "good", "again"])), [0, 2.3, 0, 1]);
  assert.equal(run(["again"]).due - now, 10 * 60_000);
  assert.deepEqual(pick(run(["good", "good", "again", "good"])), [1, 2.3, 1, 1]);
  assert.equal(run(Array(20).fill("again")).ease, 1.3);
  assert.equal(run(Array(12).fill("easy")).interval, 365);
  assert.throws(() => schedule(null, "perfect", now, params), RangeError);
});

test("saved progress is read back, and anything else is refused", () => {
  const parsed = ["{", "null", "[]", '{"due":1}', JSON.stringify(run(["good"]))].map(parseProgress);
  assert.deepEqual(parsed.slice(0, 4), [null, null, null, null]);
  assert.equal(parsed[4].interval, 1);
  assert.equal(parseProgress(JSON.stringify({ ...run(["good"]), reps: 1.5 })), null);
  assert.equal(parseProgress(JSON.stringify({ ...run(["good"]), ease: 0 })), null);
});

test("delays in words, what is due and what is learned", () => {
  assert.deepEqual([60000, 3600000 * 5, day, day * 6, day * 60, day * 400].map(describeDelay), [
    "1 min",
    "5 h",
    "1 day",
    "6 days",
    "2 mo",
    "1.1 yr",
  ]);
  assert.deepEqual(
    [isDue(null, now), isDue(run(["good"]), now), isDue(run(["good"]), now + 2 * day)],
    [true, false, true],
  );
  assert.equal(isLearned(null, params), false);
  assert.equal(isLearned(run(Array(4).fill("good")), params), true);
});

test("the store keeps progress per card under its prefix and drops an unreadable entry alone", () => {
  const storage = new MemoryStorage();
  const store = new ProgressStore("site/", () => storage);
  assert.equal(store.persistent, true);
  store.set("a", run(["good"]));
  storage.setItem("site/b", "{broken");
  const again = new ProgressStore("site/", () => storage);
  assert.equal(again.get("a").interval, 1);
  assert.equal(again.get("b"), null);
  assert.equal(storage.getItem("site/b"), null);
  assert.equal(storage.getItem("site/a") !== null, true);
  again.saveSettings({ shuffle: true });
  assert.deepEqual(new ProgressStore("site/", () => storage).settings(), { shuffle: true });
  again.reset(["a"]);
  assert.equal(storage.getItem("site/a"), null);
});

test("without storage, progress lasts for the visit", () => {
  const store = new ProgressStore("site/", () => {
    throw new Error("SecurityError");
  });
  assert.equal(store.persistent, false);
  store.set("a", run(["good"]));
  assert.equal(store.get("a").interval, 1);
});
