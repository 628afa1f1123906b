// What search.js makes of a query, given the words the index has.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tolerateTypos } from "../../plugins/mkdocs_playbook/assets/search-typos.js";

const LUNR_SYNTAX = "+kafak -strem kafak~2 kafak^2 kaf* *afka title:kafak";
const QUERIES = [
  ["kafak", [], "kafak kafak~1"],
  ["Kafak", [], "Kafak kafak~1"],
  ["kafka", ["kafka"], "kafka"],
  ["shrd", [], "shrd"], // four letters
  ["kafak outbox", ["outbox"], "kafak kafak~1 outbox"],
  ["dedupe/idempotncy", ["dedupe"], "dedupe/idempotncy idempotncy~1"],
  ["idempotenc", ["idempotency"], "idempotenc"], // a prefix: Material finds it as typed
  ['"kafak streams" shrd', [], '"kafak streams" shrd'],
  ['outbox "kafak', [], 'outbox outbox~1 "kafak'], // a phrase still being typed
  [LUNR_SYNTAX, [], LUNR_SYNTAX],
];

test("only long words the index lacks get a fuzzy alternative", () => {
  for (const [query, words, expected] of QUERIES) {
    const isIndexed = (word) => words.some((known) => known.startsWith(word));
    assert.equal(tolerateTypos(query, isIndexed), expected, query);
  }
});
