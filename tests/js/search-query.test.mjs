// What search.js sends Material's search worker for a query, given the words the index has, and
// the order it puts the pages of the answer in.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  planQuery,
  rankPages,
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

// Material's answer for "kafka streams": one array of sections per page, the best first, each
// with its score and which of the query's terms it has; the page itself first, unscored.
function page(name, title, ...sections) {
  const found = sections.map(([score, ...terms]) => ({
    location: `${name}/#${terms.join("-")}`,
    title: "A section",
    score,
    terms: { kafka: terms.includes("kafka"), streams: terms.includes("streams") },
  }));
  return [...found.sort((a, b) => b.score - a.score), { location: `${name}/`, title, score: 0, terms: {} }];
}
const order = (items) => items.map((sections) => sections[0].location.split("/")[0]);
const KAFKA_STREAMS = [["kafka"], ["streams"]];

test("pages with a section that has every word come first, then those with every word", () => {
  const items = [
    page("kafka", "Kafka", [90, "kafka"]),
    page("spread", "Spread", [50, "kafka"], [40, "streams"]),
    page("together", "Together", [10, "kafka", "streams"]),
  ];
  rankPages(items, KAFKA_STREAMS);
  assert.deepEqual(order(items), ["together", "spread", "kafka"]);
  // A word of the page's title counts for each of its sections: a section about Kafka on the
  // page titled "Queues, streams…" ranks with the flashcards' section titled with it.
  const titled = [
    page("flashcards", "Flashcards", [99, "kafka", "streams"]),
    page("queues", "Q", [5, "kafka"]),
  ];
  titled[1].unshift({ location: "queues/", title: "Queues, <mark>streams</mark>", score: 900, terms: {} });
  titled[1].pop();
  rankPages(titled, KAFKA_STREAMS);
  assert.deepEqual(order(titled), ["queues", "flashcards"]);
});

test("pages rank by their best section, then half their second, a quarter of their third", () => {
  const items = [
    page("practice", "P", [18, "kafka"]),
    page("solution", "S", [15, "kafka"], [14, "kafka"], [13, "kafka"]),
    page("single", "One", [16, "kafka"]),
  ];
  rankPages(items, [["kafka"]]);
  assert.deepEqual(order(items), ["solution", "practice", "single"]);
  // Scaled to the page's total: a page's sections keep their order and their ratios.
  const total = 15 + 14 / 2 + 13 / 4;
  assert.deepEqual(
    items[0].map((section) => section.score),
    [total, 14 * (total / 15), 13 * (total / 15), 0],
  );
  assert.equal(items[1][0].score, 18);
  assert.deepEqual(rankPages([]), []);
});

test("a generated page ranks by its one section with the most words", () => {
  // The flashcards (boost 0.5) copy the rate limiter's questions, a "Rate limiter" title hit, and
  // the availability page's, which have both words: they must not add up to more than the page.
  const flashcards = page("flashcards", "Flashcards", [500, "kafka"], [6, "kafka", "streams"]);
  for (const section of flashcards) section.boost = 0.5;
  const items = [flashcards, page("source", "Source", [12, "kafka", "streams"], [11, "kafka", "streams"])];
  rankPages(items, KAFKA_STREAMS);
  assert.deepEqual(order(items), ["source", "flashcards"]);
});

test("a word with two corrections is missing only where neither is", () => {
  const section = (location, terms) => ({ location, title: "T", score: 1, terms });
  const items = [
    [section("a/", { cache: true, cached: false, shard: true })],
    [section("b/", { cache: false, cached: false, shard: true })],
  ];
  rankPages(items, [["cache", "cached"], ["shard"]]);
  assert.deepEqual(
    items.map(([first]) => first.terms),
    [
      { cache: true, shard: true },
      { cache: false, shard: true },
    ],
  );
});

test("the scores follow the new order, so Enter (the highest score) opens the first page", () => {
  const items = [page("loud", "L", [100, "kafka"]), page("both", "B", [1, "kafka", "streams"])];
  rankPages(items, KAFKA_STREAMS);
  assert.deepEqual(order(items), ["both", "loud"]);
  assert.ok(items[0][0].score > items[1][0].score);
});

test("without the query's words, each term the answer names is a word", () => {
  const items = [page("kafka", "Kafka", [90, "kafka"]), page("together", "T", [10, "kafka", "streams"])];
  rankPages(items);
  assert.deepEqual(order(items), ["together", "kafka"]);
});
