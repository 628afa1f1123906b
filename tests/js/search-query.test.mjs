// What search.js sends Material's search worker for a query, given the words the index has.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  planQuery,
  rewriteQuery,
  STOP_WORDS,
  Vocabulary,
  withinOneEdit,
} from "../../plugins/mkdocs_playbook/assets/search-query.js";

// The site's separator (mkdocs.yml), shortened: spaces, hyphens, slashes and parentheses.
const SEPARATOR = "[\\s\\-/()]+|\\.(?!\\d)";
// Sections, as Material's index holds them: markup, a title and the text.
const DOCS = [
  { location: "solutions/rate-limiter/", title: "Rate limiter", text: "<p>Tokens and buckets in Redis.</p>" },
  {
    location: "solutions/rate-limiter/#algo",
    title: "The algorithm",
    text: "<p>A token bucket refills.</p>",
  },
  { location: "fundamentals/consensus/#fencing", title: "Fencing tokens", text: "<p>A token per lease.</p>" },
  { location: "fundamentals/consistency/", title: "CAP theorem", text: "<p>Under a partition.</p>" },
  { location: "capacity/", title: "Capacity", text: "<p>How to shard by capacity (Kafka/idempotency).</p>" },
  { location: "pitfalls/", title: "Pitfalls", text: "<p>No idempotency on write APIs; no Kafka.</p>" },
];
const words = new Vocabulary(DOCS, SEPARATOR);
const rewrite = (query) => rewriteQuery(query, words, SEPARATOR);

test("the vocabulary holds the index's words as Material's worker splits them", () => {
  for (const word of ["token", "tokens", "buckets", "kafka", "idempotency", "cap", "theorem"]) {
    assert.ok(words.has(word), word);
  }
  for (const left of ["p", "a", "in", "to", "how", "</p>", "token bucket"]) assert.ok(!words.has(left), left);
  assert.deepEqual(words.startingWith("tok"), ["token", "tokens"]);
  assert.ok(words.hasPrefix("idem") && !words.hasPrefix("idemp0"));
});

test("stop words are left out, unless the query has nothing else", () => {
  assert.equal(rewrite("how to shard"), "shard");
  assert.equal(rewrite("back of envelope"), "back^1 envelope");
  assert.equal(rewrite("to"), "to");
  assert.equal(rewrite("how to "), "how to ");
  assert.ok(STOP_WORDS.has("of") && STOP_WORDS.has("to") && !STOP_WORDS.has("shard"));
});

test("finished words match whole words, the word being typed also as a prefix", () => {
  assert.equal(rewrite("cap theorem"), "cap^1 theorem");
  assert.equal(rewrite("cap theorem "), "cap^1 theorem^1");
  assert.equal(rewrite("cap"), "cap");
  assert.equal(rewrite("cap "), "cap^1");
  // A finished word the index has only as the start of longer words is still found as one.
  assert.equal(rewrite("theo cap"), "theo cap");
  assert.equal(rewrite("token token "), "token^1");
  assert.equal(rewrite("R + W > N"), "+ r w n"); // no ">"; Material drops the lone +
});

test("a long word the index lacks becomes the indexed words one typo away", () => {
  assert.equal(rewrite("idempotncy"), "idempotency");
  assert.equal(rewrite("idempotncy "), "idempotency^1");
  assert.equal(rewrite("kafak idempotncy"), "kafka^1 idempotency");
  assert.equal(rewrite("idempotnc"), "idempotenc"); // the start of a word, while it is typed
  assert.equal(rewrite("shrd"), "shrd"); // four letters are too few to guess from
  assert.equal(rewrite("zzzzzz"), "zzzzzz"); // nothing near: Material lists it as missing
  // The terms each word stands for, for ranking the pages by the words they have.
  assert.deepEqual(planQuery("how to shard kafak", words, SEPARATOR).groups, [["shard"], ["kafka"]]);
  const typos = new Vocabulary([{ location: "", title: "Shard sharding shards", text: "" }], SEPARATOR);
  assert.deepEqual(planQuery("shardign", typos, SEPARATOR).groups, [["sharding"]]); // not "shardin"
  const caches = new Vocabulary([{ location: "", title: "Cache cached caches", text: "" }], SEPARATOR);
  assert.deepEqual(planQuery("cachee", caches, SEPARATOR).groups, [["cache"]]); // "cache" finds all
  assert.deepEqual(planQuery("cachee ", caches, SEPARATOR).groups, [["cache", "cached", "caches"]]);
});

test("quoted phrases and lunr's syntax are sent as typed", () => {
  const syntax = "+kafak -strem kafak~2 kafak^2 kaf* *afka title:kafak";
  assert.equal(rewrite(syntax), syntax);
  assert.equal(rewrite('"kafak streams" shrd'), '"kafak streams" shrd');
  assert.equal(rewrite('outbox "kafak'), '"kafak" outbox^1');
  assert.equal(rewrite("kafka/+idempotency "), "kafka^1 idempotency^1"); // a + inside is no syntax
});

test("without the index's words, only the stop words are left out", () => {
  assert.equal(rewriteQuery("how to shard", null, SEPARATOR), "shard");
  assert.equal(rewriteQuery("CAP theorem", null, SEPARATOR), "cap theorem");
});

test("one edit: a letter added, left out, changed, or two neighbours swapped", () => {
  for (const [a, b] of [
    ["kafka", "kafka"],
    ["kafka", "kafkas"],
    ["kafka", "kafa"],
    ["kafka", "kafke"],
    ["kafka", "kafak"],
    ["kafka", "akfka"],
  ]) {
    assert.ok(withinOneEdit(a, b), `${a} ${b}`);
  }
  for (const [a, b] of [
    ["kafka", "kafkass"],
    ["kafka", "kfak"],
    ["kafka", "fakka"],
    ["kafka", "akfak"],
  ]) {
    assert.ok(!withinOneEdit(a, b), `${a} ${b}`);
  }
});
