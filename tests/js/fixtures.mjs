// Python's answers for the pure modules (tests/js_fixtures.py), written before these tests run:
// `python -m tests.js_fixtures PATH`, PATH in PARITY_FIXTURES (tests/test_js_modules.py does both).
import { readFileSync } from "node:fs";

const path = process.env.PARITY_FIXTURES ?? new URL("../../.cache/js-fixtures/parity.json", import.meta.url);
export const fixtures = JSON.parse(readFileSync(path, "utf8"));

/** A Storage kept in a Map, as localStorage behaves. */
export class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }
  get length() {
    return this.items.size;
  }
}
