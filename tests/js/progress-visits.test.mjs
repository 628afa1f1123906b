// progress-visits.js: the first and last visit to a tracked page, kept under the progress prefix.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeptStorage } from "../../plugins/mkdocs_playbook/assets/kept-storage.js";
import {
  mergeVisits,
  parseVisit,
  recordVisit,
  VISIT_KEY,
  visitedAt,
} from "../../plugins/mkdocs_playbook/assets/progress-visits.js";
import { MemoryStorage } from "./fixtures.mjs";

test("a visit keeps the first and the last opening, even with a clock set back", () => {
  const storage = new MemoryStorage();
  const kept = new KeptStorage("site/progress/v1/", () => storage);
  recordVisit(kept, "solutions/chat.md", 2_000);
  recordVisit(kept, "solutions/chat.md", 5_000);
  recordVisit(kept, "solutions/chat.md", 1_000); // the clock went back
  const stored = storage.getItem(`site/progress/v1/${VISIT_KEY}solutions/chat.md`);
  assert.deepEqual(JSON.parse(stored), { first: 1_000, last: 5_000 });
  assert.deepEqual(visitedAt(null, 7), { first: 7, last: 7 });
  assert.deepEqual(mergeVisits({ first: 3, last: 4 }, { first: 1, last: 2 }), { first: 1, last: 4 });
});

test("what is not a visit reads as none", () => {
  for (const text of [
    null,
    "",
    "{",
    "[]",
    "null",
    '{"first": 1}',
    '{"first": 5, "last": 1}',
    '{"first": -1, "last": 1}',
  ]) {
    assert.equal(parseVisit(text), null, String(text));
  }
  assert.deepEqual(parseVisit('{"first": 1, "last": 2, "extra": true}'), { first: 1, last: 2 });
});
