// mock-session.js on its own: wall-clock arithmetic, transitions, validation, Markdown, storage.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as m from "../../plugins/mkdocs_playbook/assets/mock-session.js";
import { MemoryStorage } from "./fixtures.mjs";

const steps = [
  { number: 1, name: "A | B", low: 0.5, high: 1, timebox: "0.5\u20131 min", bullets: ["x"], why: "y" },
  { number: 2, name: "C", low: 1, high: 2, timebox: "1\u20132 min" },
];
const data = {
  steps,
  prompts: [
    {
      id: "p",
      title: "A prompt!",
      solution: "../solutions/p/",
      solutionSteps: [
        {
          number: 2,
          href: "../solutions/p/#c",
          topic: "the topic",
          points: [
            ["Latency?", "Under 2 ms."],
            ["", "One round trip."],
          ],
        },
      ],
    },
  ],
  checks: [
    {
      title: "Pitfalls you avoided",
      checked: "Avoided",
      items: [
        { id: "x", text: "No idempotency on write APIs" },
        { id: "y", text: "No DLQ" },
      ],
    },
  ],
};

/** A finished session: 20 s in step 1, 40 s in step 2. */
function finished() {
  let s = m.start({ id: "p", title: "A prompt!" }, steps, 0);
  s = m.next(s, 20_000);
  return m.next(s, 60_000);
}

test("the session model", () => {
  let s = m.start({ id: "p", title: "A prompt!" }, steps, 0);
  assert.deepEqual(s.steps[0], { number: 1, name: "A | B", low: 0.5, high: 1, timebox: "0.5\u20131 min" });
  assert.deepEqual(
    [500, 60_000, 60_001, 61_500].map((t) => m.remaining(s, t)),
    [
      { seconds: 60, overtime: false },
      { seconds: 0, overtime: false },
      { seconds: 0, overtime: true },
      { seconds: -1, overtime: true },
    ],
  );
  s = m.pause(s, 10_000);
  assert.equal(m.remaining(s, 99_999).seconds, 50);
  s = m.resume(s, 100_000);
  assert.equal(m.remaining(s, 110_000).seconds, 40);
  assert.equal(m.elapsedIn(s, 0, 50_000), 10_000, "a clock that went back counts no time");
  s = m.next(s, 110_000);
  assert.deepEqual([s.step, s.spent[0], m.remaining(s, 140_000).seconds], [1, 20_000, 90]);
  const reloaded = m.validSession(JSON.parse(JSON.stringify(s)));
  assert.equal(JSON.stringify(reloaded), JSON.stringify(s));
  const invalid = [
    m.validSession({ ...s, step: 2 }),
    m.validSession({ ...s, v: 3 }),
    m.validSession({ ...m.pause(s, 1), since: 5 }),
    m.validSession({ ...s, spent: [-1, 0] }),
    m.validSession({ ...s, checks: { a: "yes" } }),
    m.validSession(null),
    m.validSession([]),
    m.validSession({ ...s, notes: [1, 2] }),
    m.validSession({ ...s, steps: [] }),
    m.validSession({ ...s, steps: [s.steps[0], { ...s.steps[1], low: 3 }] }),
    m.validSession({ ...s, steps: [s.steps[0]] }),
  ];
  assert.deepEqual(invalid, Array(invalid.length).fill(null));
  const done = m.next(m.back(s, 150_000), 150_000);
  assert.deepEqual([done.step, done.spent], [1, [20_000, 40_000]]);
  const over = m.next(done, 170_000);
  assert.deepEqual([over.status, over.endedAt, m.next(over, 999_999) === over], ["done", 170_000, true]);
  assert.equal(m.fileName(over), "a-prompt-1970-01-01.md");
});

test("a version 1 session is read with the page's steps, and only with them", () => {
  const { steps: _, ...v1 } = { ...finished(), v: 1 };
  assert.equal(m.validSession(v1), null, "no steps to read it with");
  assert.equal(m.validSession(v1, steps.slice(0, 1)), null, "a different number of steps");
  const read = m.validSession(v1, steps);
  assert.deepEqual([read.v, read.steps.map((step) => step.timebox)], [2, ["0.5\u20131 min", "1\u20132 min"]]);
});

test("the downloaded notes: a ticked box says what it means, notes beside the solution's points", () => {
  const session = m.withCheck(
    m.withCheck(m.withNote(finished(), 1, "my note"), "x", true),
    m.pointId(2, ["Latency?", "Under 2 ms."]),
    true,
  );
  const notes = m.markdown(session, data, 999_999, "https://example.org/mock-interview/");
  assert.ok(notes.includes("| 1. A \\| B | 0.5\u20131 min | 0:20 | under by 0:10 |"), notes);
  assert.ok(notes.includes("| 2. C | 1\u20132 min | 0:40 | under by 0:20 |"), notes);
  assert.ok(notes.includes("### 1. A | B\n\n> Cover: x\n>\n> Why: y\n\n_No notes._\n"), notes);
  assert.ok(
    notes.includes(
      "### 2. C\n\nmy note\n\n" +
        "#### [The worked solution's key points](https://example.org/solutions/p/#c) (the topic)\n\n" +
        "- [x] Covered: **Latency?** Under 2 ms.\n- [ ] Covered: One round trip.\n",
    ),
    notes,
  );
  assert.ok(notes.includes("a ticked box is one your notes covered"), notes);
  assert.ok(
    notes.includes(
      "## Pitfalls you avoided\n\n- [x] Avoided: No idempotency on write APIs\n- [ ] Avoided: No DLQ",
    ),
    notes,
  );
  assert.ok(!/\[x\] No idempotency/.test(notes), "a bare tick beside a pitfall reads as its opposite");
  const own = m.markdown({ ...session, prompt: { id: "custom", title: "Mine" } }, data, 999_999);
  assert.ok(!own.includes("key points"), "a prompt without a solution has no key points");
  const abandoned = m.markdown(m.abandon(m.start({ id: "p", title: "P" }, steps, 0), 5_000), data, 5_000);
  assert.ok(abandoned.includes("0:05 in all · abandoned at step 1"), abandoned);
  const group = { ...data.checks[0], checked: undefined };
  assert.ok(m.markdown(session, { ...data, checks: [group] }, 0).includes("- [x] Done: No idempotency"));
});

test("a key point's id is its step and its words", () => {
  const id = m.pointId(2, ["Latency?", "Under 2 ms."]);
  assert.match(id, /^k2-[0-9a-f]{8}$/);
  assert.equal(m.pointId(2, ["Latency?", "Under 2 ms."]), id, "the same words, the same id");
  assert.notEqual(m.pointId(3, ["Latency?", "Under 2 ms."]), id);
  assert.notEqual(m.pointId(2, ["Latency?", "Under 3 ms."]), id);
  assert.notEqual(m.pointId(2, ["", "Latency? Under 2 ms."]), id, "the lead-in counts apart");
  assert.equal(m.pointId(1, ["", ""]), "k1-0f0c6cdd", "32-bit FNV-1a of a line feed");
});

test("a session's summary, for the review and the progress page", () => {
  const summary = m.summary(m.next(m.next(m.start({ id: "p", title: "P" }, steps, 0), 80_000), 80_000));
  assert.deepEqual(summary, {
    id: "s0",
    date: "1970-01-01",
    startedAt: 0,
    prompt: { id: "p", title: "P" },
    finished: true,
    totalMs: 80_000,
    steps: [
      {
        number: 1,
        name: "A | B",
        low: 0.5,
        high: 1,
        timebox: "0.5\u20131 min",
        spentMs: 80_000,
        overSeconds: 20,
        reached: true,
      },
      {
        number: 2,
        name: "C",
        low: 1,
        high: 2,
        timebox: "1\u20132 min",
        spentMs: 0,
        overSeconds: 0,
        reached: true,
      },
    ],
  });
  const left = m.summary(m.abandon(m.start({ id: "p", title: "P" }, steps, 0), 1_000));
  assert.deepEqual([left.finished, left.steps.map((step) => step.reached)], [false, [true, false]]);
});

test("the store keeps the session in memory when storage throws, and the last 100 in history", () => {
  const s = m.start({ id: "p", title: "A prompt!" }, steps, 0);
  const broken = {
    setItem() {
      throw new Error("quota");
    },
    getItem() {
      throw new Error("no");
    },
  };
  const memory = new m.SessionStore("t/", steps, () => broken);
  memory.save(s);
  assert.deepEqual([memory.persistent, memory.current()?.id === s.id], [false, true]);
  const local = new m.SessionStore("model-test/", steps, () => new MemoryStorage());
  for (let i = 0; i < 105; i++) local.archive({ ...finished(), id: `s${i}` });
  const history = local.history();
  assert.deepEqual([history[0].id, history[1].id, history.length], ["s104", "s103", m.HISTORY_SIZE]);
  // A ticked box on a past session keeps it in its place.
  local.archive(m.withCheck(history[5], "x", true));
  assert.deepEqual(
    local
      .history()
      .map((entry) => entry.id)
      .slice(4, 7),
    ["s100", "s99", "s98"],
  );
  assert.equal(local.history()[5].checks.x, true);
});

test("the store upgrades version 1 history, keeps what it cannot read, and remembers the chime", () => {
  const storage = new MemoryStorage();
  const { steps: _, ...v1 } = { ...finished(), v: 1, id: "old" };
  const future = { v: 3, id: "future" };
  storage.setItem("u/history", JSON.stringify([v1, future]));
  const page = new m.SessionStore("u/", steps, () => storage);
  page.upgrade();
  const stored = JSON.parse(storage.getItem("u/history"));
  assert.deepEqual([stored[0].v, stored[0].steps.length, stored[1]], [2, 2, future]);
  page.archive({ ...finished(), id: "new" });
  assert.deepEqual(
    JSON.parse(storage.getItem("u/history")).map((entry) => entry.id),
    ["new", "old", "future"],
  );
  // Another page (the progress page) reads the history without the mock's steps.
  const other = new m.SessionStore("u/", null, () => storage);
  assert.deepEqual(
    other.history().map((entry) => entry.id),
    ["new", "old"],
  );
  assert.equal(page.chime, false, "off until the reader asks");
  page.chime = true;
  assert.equal(new m.SessionStore("u/", steps, () => storage).chime, true);
});

test("a session in progress timed against other steps is kept among the past ones", () => {
  const storage = new MemoryStorage();
  const before = new m.SessionStore("w/", steps, () => storage);
  before.save(m.next(m.start({ id: "p", title: "P" }, steps, 0), 30_000));
  const renamed = [steps[0], { ...steps[1], name: "D" }];
  const after = new m.SessionStore("w/", renamed, () => storage);
  assert.equal(after.current(), null);
  const [kept] = after.history();
  assert.deepEqual(
    [kept.status, kept.step, kept.spent, kept.steps[1].name],
    ["abandoned", 1, [30_000, 0], "C"],
  );
  assert.equal(storage.getItem("w/current"), null);
});
