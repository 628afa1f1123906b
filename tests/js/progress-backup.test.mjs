// progress-backup.js: the backup file, valid, merged, corrupt, foreign, too new, and written all
// or nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Scheduler } from "../../plugins/mkdocs_playbook/assets/flashcards-schedule.js";
import * as mock from "../../plugins/mkdocs_playbook/assets/mock-session.js";
import {
  FORMAT,
  MAX_LENGTH,
  makeBackup,
  mergeBackup,
  readBackup,
  restoredMessage,
  VERSION,
  writeAll,
} from "../../plugins/mkdocs_playbook/assets/progress-backup.js";
import { fixtures, MemoryStorage } from "./fixtures.mjs";

const params = fixtures.scheduler;
const scheduler = new Scheduler(params);
const HOUR = 3_600_000;
const now = Date.UTC(2027, 0, 15, 10);
const steps = [
  { number: 1, name: "Clarify", low: 1, high: 2, timebox: "1\u20132 min" },
  { number: 2, name: "Design", low: 1, high: 2, timebox: "1\u20132 min" },
];
const site = {
  name: "Someone's notes",
  flashcards: { storage: "notes/flashcards/v1/", scheduler: params, sections: [] },
  mock: { storage: "notes/mock-interview/v1/", steps },
  progress: { storage: "notes/progress/v1/" },
};

function finished(start) {
  const s = mock.start({ id: "p", title: "A prompt" }, steps, start);
  return mock.next(mock.next(s, start + 60_000), start + 120_000);
}

const card = (grade, at) => JSON.stringify(scheduler.next(null, grade, at));
const older = card("good", now - 2 * HOUR);
const newer = card("easy", now - HOUR);
const sessionA = finished(now - 3 * HOUR);
const sessionB = finished(now - 2 * HOUR);
const visit = (first, last) => JSON.stringify({ first, last });

/** What a browser keeps for the site: two cards, settings, a session, the chime, a visit. */
function storedHere() {
  return {
    flashcards: {
      "fsrs/aaa": newer,
      "fsrs/bbb": older,
      settings: JSON.stringify({ section: "", shuffle: true }),
    },
    mock: { history: JSON.stringify([sessionA]), chime: "on" },
    progress: { "visited/solutions/chat.md": visit(now - 5 * HOUR, now - 4 * HOUR) },
  };
}

const exported = (stored = storedHere(), at = now) => makeBackup(stored, site, at).backup;
const fileOf = (backup) => JSON.stringify(backup);

test("a backup carries every readable entry of each feature, with its format, version and site", () => {
  const { backup, counts, left } = makeBackup(storedHere(), site, now);
  assert.deepEqual(
    [backup.format, backup.version, backup.site, backup.exported],
    [FORMAT, VERSION, site.name, new Date(now).toISOString()],
  );
  assert.deepEqual(
    { flashcards: backup.flashcards, mock: backup.mock, progress: backup.progress },
    storedHere(),
  );
  assert.deepEqual(counts, { cards: 2, sessions: 1, pages: 1 });
  assert.equal(left, 0);
});

test("entries the features cannot read are left out of a backup, and counted", () => {
  const stored = storedHere();
  stored.flashcards["fsrs/broken"] = "{not json";
  stored.mock.history = JSON.stringify([sessionA, { id: "x", v: 9 }]);
  stored.progress["visited/a.md"] = visit(5, 1); // first after last
  const { backup, counts, left } = makeBackup(stored, site, now);
  assert.equal(left, 3);
  assert.deepEqual(backup, exported());
  assert.deepEqual(counts, { cards: 2, sessions: 1, pages: 1 });
  assert.equal(readBackup(fileOf(backup), site).ok, true, "a backup always reads back");
});

test("a valid file into an empty browser restores everything in it", () => {
  const read = readBackup(fileOf(exported()), site);
  assert.equal(read.ok, true);
  assert.deepEqual(read.ignored, []);
  const { writes, counts } = mergeBackup({}, read.blocks, site);
  assert.deepEqual(counts, { cards: 2, sessions: 1, pages: 1 });
  for (const [block, entries] of Object.entries(storedHere())) {
    assert.deepEqual(Object.fromEntries(writes[block]), entries, block);
  }
  assert.equal(
    restoredMessage(counts, read.ignored, site),
    "Restored 2 cards, 1 mock interview and 1 page opened.",
  );
});

test("merged card by card keeping the most recent review; sessions joined; settings kept", () => {
  const here = storedHere();
  here.flashcards["fsrs/aaa"] = older; // the file's is newer: restored
  here.flashcards["fsrs/bbb"] = newer; // this browser's is newer: kept
  here.flashcards.settings = JSON.stringify({ section: "mine", shuffle: false });
  here.mock = { history: JSON.stringify([sessionB]) };
  here.progress["visited/solutions/chat.md"] = visit(now - 6 * HOUR, now - 5.5 * HOUR);
  const file = exported();
  const read = readBackup(fileOf(file), site);
  const { writes, counts } = mergeBackup(here, read.blocks, site);
  assert.deepEqual(Object.fromEntries(writes.flashcards), { "fsrs/aaa": newer });
  const history = JSON.parse(writes.mock.get("history"));
  assert.deepEqual(
    history.map((s) => s.id),
    [sessionB.id, sessionA.id],
    "newest first",
  );
  assert.equal(writes.mock.get("chime"), "on", "no chime setting here: the file's");
  assert.deepEqual(JSON.parse(writes.progress.get("visited/solutions/chat.md")), {
    first: now - 6 * HOUR,
    last: now - 4 * HOUR,
  });
  assert.deepEqual(counts, { cards: 1, sessions: 1, pages: 0 });
  assert.equal(restoredMessage(counts, [], site), "Restored 1 card and 1 mock interview.");
  // Once merged, the same file again changes nothing.
  const merged = structuredClone(here);
  for (const block of Object.keys(writes)) Object.assign(merged[block], Object.fromEntries(writes[block]));
  const again = mergeBackup(merged, read.blocks, site);
  assert.deepEqual(again.counts, { cards: 0, sessions: 0, pages: 0 });
  assert.deepEqual(
    Object.values(again.writes).map((entries) => entries.size),
    [0, 0, 0],
  );
  assert.match(restoredMessage(again.counts, [], site), /already had everything/);
});

test("SM-2 progress of an unstudied card is restored, never over a card studied here", () => {
  const legacy = JSON.stringify({
    due: now,
    interval: 6,
    ease: 2.5,
    reps: 3,
    lapses: 0,
    last: now - 6 * 24 * HOUR,
  });
  const file = exported({ flashcards: { constructor: legacy, aaa: legacy }, mock: {}, progress: {} });
  const read = readBackup(fileOf(file), site);
  assert.equal(read.ok, true);
  const { writes, counts } = mergeBackup({ flashcards: { "fsrs/aaa": newer } }, read.blocks, site);
  assert.deepEqual([...writes.flashcards.keys()], ["constructor"], "a name no object property shadows");
  assert.equal(counts.cards, 1);
});

function refusal(text, reason, pattern) {
  const read = readBackup(text, site);
  assert.equal(read.ok, false, text.slice(0, 80));
  assert.equal(read.reason, reason);
  assert.match(read.message, pattern);
}

test("a corrupt file is refused, naming what is wrong", () => {
  refusal('{"format": ', "not-json", /not JSON/);
  refusal("", "not-json", /not JSON/);
  const damaged = (change) => {
    const file = exported();
    change(file);
    return fileOf(file);
  };
  refusal(
    damaged((f) => {
      f.flashcards["fsrs/ccc"] = JSON.stringify({ due: "soon" });
    }),
    "damaged",
    /flashcards entry "fsrs\/ccc"/,
  );
  refusal(
    damaged((f) => {
      f.mock.history = JSON.stringify([sessionA, { ...sessionB, spent: [1] }]);
    }),
    "damaged",
    /mock entry "history"/,
  );
  refusal(
    damaged((f) => {
      f.mock.current = "{}";
    }),
    "damaged",
    /mock entry "current"/,
  );
  refusal(
    damaged((f) => {
      f.progress.unknown = "1";
    }),
    "damaged",
    /progress entry "unknown"/,
  );
  refusal(
    damaged((f) => {
      f.flashcards = [];
    }),
    "damaged",
    /"flashcards" part/,
  );
  refusal(
    damaged((f) => {
      f.flashcards.settings = 42;
    }),
    "damaged",
    /"settings"/,
  );
  refusal(
    damaged((f) => {
      f.version = "1";
    }),
    "damaged",
    /version/,
  );
  refusal(
    damaged((f) => {
      delete f.exported;
    }),
    "damaged",
    /when it was made/,
  );
});

test("a foreign file is refused: not a backup, or another site's", () => {
  refusal("[1, 2]", "foreign", /not a progress backup/);
  refusal(JSON.stringify({ format: "anki", version: 1 }), "foreign", /"format": "mkdocs-playbook-progress"/);
  refusal(
    JSON.stringify({ ...exported(), site: "Another site" }),
    "other-site",
    /another site, "Another site"/,
  );
  refusal("x".repeat(MAX_LENGTH + 1), "foreign", /too large/);
});

test("a file made by a newer version is refused, saying so", () => {
  refusal(
    fileOf({ ...exported(), version: VERSION + 1 }),
    "newer",
    /newer version .* version 2; this page reads version 1/,
  );
});

test("a part of the file this site has no feature for is left out, and the message says so", () => {
  const plain = { name: site.name, flashcards: site.flashcards, mock: null, progress: site.progress };
  const read = readBackup(fileOf(exported()), plain);
  assert.equal(read.ok, true);
  assert.deepEqual(read.ignored, ["mock"]);
  assert.equal(read.blocks.mock, undefined);
  const { counts } = mergeBackup({}, read.blocks, plain);
  assert.equal(
    restoredMessage(counts, read.ignored, plain),
    "Restored 2 cards and 1 page opened. This site has no mock interview: that part of the file was left out.",
  );
});

/** A Storage that holds `quota` characters of keys and values, as a browser's does. */
class SmallStorage extends MemoryStorage {
  constructor(quota) {
    super();
    this.quota = quota;
  }
  setItem(key, value) {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) {
      throw new DOMException("full", "QuotaExceededError");
    }
    super.setItem(key, value);
  }
}

test("writes go in all or nothing: a full storage gets its old values back", () => {
  const storage = new SmallStorage(30);
  storage.setItem("p/a", "old");
  storage.setItem("other", "theirs");
  const before = [...storage.items];
  const writes = [
    ["p/a", "new value"],
    ["p/b", "b"],
    ["p/c", "a value too long to fit"],
  ];
  assert.throws(() => writeAll(storage, writes), { name: "QuotaExceededError" });
  assert.deepEqual([...storage.items].sort(), before.sort());
  writeAll(storage, writes.slice(0, 2));
  assert.deepEqual([storage.getItem("p/a"), storage.getItem("p/b")], ["new value", "b"]);
});
