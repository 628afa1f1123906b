// kept-storage.js: a store that keeps working when the browser's storage is refused or full.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeptStorage } from "../../plugins/mkdocs_playbook/assets/kept-storage.js";
import { MemoryStorage } from "./fixtures.mjs";

test("values round-trip through storage under the prefix", () => {
  const storage = new MemoryStorage();
  const kept = new KeptStorage("site/", () => storage);
  kept.set("a", "1");
  assert.equal(storage.getItem("site/a"), "1");
  assert.equal(new KeptStorage("site/", () => storage).get("a"), "1");
  kept.remove("a");
  assert.equal(storage.getItem("site/a"), null);
  assert.equal(kept.get("a"), null);
});

test("a full storage: told once, values kept for the visit, nothing stored before lost", () => {
  const storage = new MemoryStorage();
  storage.setItem("site/old", "kept");
  storage.setItem("other-app/key", "theirs");
  const told = [];
  const kept = new KeptStorage(
    "site/",
    () => storage,
    (kind) => told.push(kind),
  );
  storage.setItem = () => {
    throw new DOMException("full", "QuotaExceededError");
  };
  kept.set("a", "1");
  kept.set("b", "2");
  assert.deepEqual(told, ["full"]);
  assert.equal(kept.get("a"), "1");
  assert.equal(kept.get("b"), "2");
  assert.equal(storage.getItem("site/old"), "kept");
  assert.equal(storage.getItem("other-app/key"), "theirs");
  assert.equal(kept.persistent, true, "what was saved before is still there");
});

test("a refused storage: not persistent, values kept for the visit, no exception", () => {
  const told = [];
  const kept = new KeptStorage(
    "site/",
    () => {
      throw new DOMException("denied", "SecurityError");
    },
    (kind) => told.push(kind),
  );
  assert.equal(kept.persistent, false);
  kept.set("a", "1");
  assert.equal(kept.get("a"), "1");
  assert.deepEqual(told, [], "the widget says so from `persistent`, once, when it starts");
});

test("a storage full from the start: what it holds is read, and the first write says so", () => {
  const storage = new MemoryStorage();
  storage.setItem("site/old", "kept");
  storage.setItem = () => {
    throw new DOMException("full", "QuotaExceededError");
  };
  const told = [];
  const kept = new KeptStorage(
    "site/",
    () => storage,
    (kind) => told.push(kind),
  );
  assert.equal(kept.persistent, true, "what was saved before is there");
  assert.equal(kept.get("old"), "kept");
  assert.deepEqual([...kept.names()], ["old"]);
  assert.deepEqual(told, []);
  kept.set("a", "1");
  assert.deepEqual(told, ["full"]);
  assert.equal(kept.get("a"), "1");
});
