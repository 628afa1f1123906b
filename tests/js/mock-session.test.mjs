// mock-session.js on its own: wall-clock arithmetic, transitions, validation, Markdown, storage.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as m from "../../plugins/mkdocs_playbook/assets/mock-session.js";
import { MemoryStorage } from "./fixtures.mjs";

const steps = [
  { number: 1, name: "A | B", low: 0.5, high: 1, timebox: "0.5\u20131 min" },
  { number: 2, name: "C", low: 1, high: 2, timebox: "1\u20132 min" },
];

test("the session model", () => {
  let s = m.start({ id: "p", title: "A prompt!" }, 2, 0);
  assert.deepEqual(
    [500, 60_000, 60_001, 61_500].map((t) => m.remaining(s, steps, t)),
    [
      { seconds: 60, overtime: false },
      { seconds: 0, overtime: false },
      { seconds: 0, overtime: true },
      { seconds: -1, overtime: true },
    ],
  );
  s = m.pause(s, 10_000);
  assert.equal(m.remaining(s, steps, 99_999).seconds, 50);
  s = m.resume(s, 100_000);
  assert.equal(m.remaining(s, steps, 110_000).seconds, 40);
  assert.equal(m.elapsedIn(s, 0, 50_000), 10_000, "a clock that went back counts no time");
  s = m.next(s, 110_000);
  assert.deepEqual([s.step, s.spent[0], m.remaining(s, steps, 140_000).seconds], [1, 20_000, 90]);
  const reloaded = m.validSession(JSON.parse(JSON.stringify(s)), 2);
  assert.equal(JSON.stringify(reloaded), JSON.stringify(s));
  const invalid = [
    m.validSession(s, 3),
    m.validSession({ ...s, step: 2 }, 2),
    m.validSession({ ...s, v: 2 }, 2),
    m.validSession({ ...m.pause(s, 1), since: 5 }, 2),
    m.validSession({ ...s, spent: [-1, 0] }, 2),
    m.validSession({ ...s, checks: { a: "yes" } }, 2),
    m.validSession(null, 2),
    m.validSession([], 2),
    m.validSession({ ...s, notes: [1, 2] }, 2),
  ];
  assert.deepEqual(invalid, Array(9).fill(null));
  const done = m.next(m.back(s, 150_000), 150_000);
  assert.deepEqual([done.step, done.spent], [1, [20_000, 40_000]]);
  const finished = m.next(done, 170_000);
  assert.deepEqual(
    [finished.status, finished.endedAt, m.next(finished, 999_999) === finished],
    ["done", 170_000, true],
  );
  const markdown = m.markdown(
    m.withCheck(m.withNote(finished, 1, "note"), "x", true),
    {
      steps,
      checks: [
        {
          title: "Checks",
          items: [
            { id: "x", text: "X" },
            { id: "y", text: "Y" },
          ],
        },
      ],
    },
    999_999,
  );
  assert.ok(markdown.includes("| 1. A \\| B | 0.5\u20131 min | 0:20 | under by 0:10 |"), markdown);
  assert.ok(markdown.includes("| 2. C | 1\u20132 min | 1:00 | within |"), markdown);
  assert.ok(markdown.includes("### 2. C\n\nnote\n"), markdown);
  assert.ok(markdown.includes("- [x] X\n- [ ] Y"), markdown);
  assert.equal(m.fileName(finished), "a-prompt-1970-01-01.md");
});

test("the store keeps the session in memory when storage throws, and the last 20 in history", () => {
  const s = m.start({ id: "p", title: "A prompt!" }, 2, 0);
  const broken = {
    setItem() {
      throw new Error("quota");
    },
    getItem() {
      throw new Error("no");
    },
  };
  const memory = new m.SessionStore("t/", 2, () => broken);
  memory.save(s);
  assert.deepEqual([memory.persistent, memory.current()?.id === s.id], [false, true]);
  const finished = m.next(m.next(s, 1000), 2000);
  const local = new m.SessionStore("model-test/", 2, () => new MemoryStorage());
  for (let i = 0; i < 25; i++) local.archive({ ...finished, id: `s${i}` });
  const history = local.history();
  assert.deepEqual(
    history
      .map((entry) => entry.id)
      .slice(0, 2)
      .concat(history.length),
    ["s24", "s23", 20],
  );
});
