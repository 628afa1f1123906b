// What search.js sends Material's search worker for the query a reader typed, and the order it
// puts the pages of the answer in, with no DOM. From the words the index has (read from
// search_index.json as the worker splits it), the query is rewritten in lunr's syntax so that
// - stop words are ignored ("how to shard" is a search for "shard", and "to" never matches
//   "token" as a prefix);
// - a finished word matches whole words only ("CAP theorem" never matches "capacity"), and only
//   the word still being typed, the last one, matches as a prefix;
// - a word the index lacks, of five letters or more, is replaced by the indexed words one typo
//   away ("idempotncy" is a search for "idempotency"), so Material lists it as found.
// Then the pages of the answer are ranked (rankPages): first those with a section that has every
// word (with the page's title), then those that have every word somewhere, then the rest; and
// within each, by how much of the page is about the query.

// lunr's English stop words, which Material's index leaves out (its `stopWordFilter`, the
// default pipeline): a query word in this list can only ever match other words as a prefix.
export const STOP_WORDS = new Set(
  (
    "a able about across after all almost also am among an and any are as at be because been " +
    "but by can cannot could dear did do does either else ever every for from get got had has " +
    "have he her hers him his how however i if in into is it its just least let like likely may " +
    "me might most must my neither no nor not of off often on only or other our own rather said " +
    "say says she should since so some than that the their them then there these they this tis " +
    "to too twas us wants was we were what when where which while who whom why will with would " +
    "yet you your"
  ).split(" "),
);

const MARKUP = /<[^>]*>/;
// Presence (+word, -word), wildcards, edit distance, boosts, fields and escapes: a part of the
// query with any of these is lunr syntax the reader wrote, and is sent as typed.
const LUNR_SYNTAX = /^[+-]|[*~^:\\]/;
const TYPO_MIN_LENGTH = 5;
const MAX_CORRECTIONS = 4;

// The words of the index and the documents (sections) each is in, as Material's worker splits
// them: the text between tags of each field, cut at the index's separator, lower-cased, stop
// words left out.
export class Vocabulary {
  constructor(docs, separator) {
    const split = new RegExp(separator);
    this.postings = new Map();
    docs.forEach((doc, id) => {
      for (const field of [doc.title, doc.text, ...(doc.tags ?? [])]) {
        for (const text of String(field ?? "").split(MARKUP)) {
          for (const piece of text.split(split)) {
            const word = piece.toLowerCase();
            if (!word || STOP_WORDS.has(word)) continue;
            if (!this.postings.has(word)) this.postings.set(word, new Set());
            this.postings.get(word).add(id);
          }
        }
      }
    });
    this.words = [...this.postings.keys()].sort();
  }

  has(word) {
    return this.postings.has(word);
  }

  // The indexed words that start with `prefix`, in order.
  startingWith(prefix) {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.words[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const found = [];
    for (let i = low; i < this.words.length && this.words[i].startsWith(prefix); i++) {
      found.push(this.words[i]);
    }
    return found;
  }

  hasPrefix(prefix) {
    return this.startingWith(prefix).length > 0;
  }

  // Indexed words one typo away (a letter added, left out, changed or two letters swapped),
  // most widespread first; with `prefix`, the beginnings of indexed words one typo away.
  corrections(word, { prefix = false } = {}) {
    const found = new Map();
    for (const indexed of this.words) {
      const candidates = prefix
        ? [word.length - 1, word.length, word.length + 1].map((n) => indexed.slice(0, n))
        : [indexed];
      for (const candidate of candidates) {
        if (candidate.length < 2 || !withinOneEdit(word, candidate)) continue;
        const count = (found.get(candidate) ?? 0) + this.postings.get(indexed).size;
        found.set(candidate, count);
      }
    }
    // Of two beginnings where one continues the other, one is enough: the shorter where it finds
    // more words ("cache" for "cachee" finds "cached" and "caches" too), else the longer, which
    // reads as the word ("kafka", not "kafk", for "kafak").
    const reach = (start) => this.startingWith(start).length;
    const covered = (candidate) =>
      prefix &&
      [...found.keys()].some(
        (other) =>
          (other !== candidate && candidate.startsWith(other) && reach(other) > reach(candidate)) ||
          (other.length > candidate.length &&
            other.startsWith(candidate) &&
            reach(other) === reach(candidate)),
      );
    return [...found]
      .filter(([candidate]) => !covered(candidate))
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, MAX_CORRECTIONS)
      .map(([candidate]) => candidate);
  }
}

// Whether `a` becomes `b` with at most one insertion, deletion, substitution or transposition
// of neighbours (lunr's edit distance of one).
export function withinOneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// The words of one part of the query (between spaces), as Material's worker splits a query term;
// a + that starts a word (after a /, say) would read as lunr's "required", and is dropped, as is
// a "word" with no letter or digit (">" in "R + W > N").
function wordsOf(part, separator) {
  return part
    .split(new RegExp(separator))
    .map((word) => word.replace(/^\++/, "").toLowerCase())
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

// The terms a query word stands for: itself, whole, if the index has it; the words it begins if
// it is still being typed, or if the index has no such whole word; otherwise, for a long word,
// the indexed words (or beginnings of words) one typo away.
function termsFor(word, typing, vocabulary) {
  if (!typing && vocabulary.has(word)) return [{ word, prefix: false }];
  if (vocabulary.hasPrefix(word)) return [{ word, prefix: true }];
  if (word.length >= TYPO_MIN_LENGTH) {
    const corrected = vocabulary.corrections(word, { prefix: typing });
    if (corrected.length) return corrected.map((c) => ({ word: c, prefix: typing }));
  }
  return [{ word, prefix: typing }]; // matches nothing: Material lists it as missing
}

// A term in lunr's syntax that Material's worker sends on unchanged: it appends `*` to a term
// with no presence, edit distance or boost, so a whole word carries a neutral boost (`^1`).
function lunrTerm({ word, prefix }) {
  return prefix ? word : `${word}^1`;
}

// The query Material's worker gets for what the reader typed, and the terms each word of it
// stands for (one group per word: a corrected word may stand for more than one). `vocabulary`
// is null when the index could not be read: stop words are then still left out, and the rest is
// sent as typed.
export function planQuery(query, vocabulary, separator) {
  const pieces = query.split('"');
  // Text between quotes (odd pieces, including an unclosed phrase still being typed) is kept:
  // Material requires each of its words.
  const plain = pieces.filter((_, index) => index % 2 === 0).join(" ");
  const quoted = pieces.filter((_, index) => index % 2 === 1);
  const parts = plain.split(/\s+/).filter(Boolean);
  const typed = parts.filter((part) => LUNR_SYNTAX.test(part));
  const words = parts.filter((part) => !LUNR_SYNTAX.test(part)).flatMap((p) => wordsOf(p, separator));
  const content = words.filter((word) => !STOP_WORDS.has(word));
  if (!content.length) return { query, groups: [] }; // only stop words: Material's search, as typed
  const last = words.at(-1);
  const stillTyping = pieces.length % 2 === 1 && !/\s$/.test(query) && !LUNR_SYNTAX.test(parts.at(-1) ?? "");
  const rebuilt = [...quoted.map((phrase) => `"${phrase}"`), ...typed];
  if (vocabulary === null) {
    return { query: [...rebuilt, ...content].join(" "), groups: content.map((word) => [word]) };
  }
  const groups = new Map();
  content.forEach((word, index) => {
    const typing = stillTyping && index === content.length - 1 && word === last;
    const key = `${word}${typing ? "*" : ""}`;
    if (!groups.has(key)) groups.set(key, termsFor(word, typing, vocabulary));
  });
  for (const terms of groups.values()) rebuilt.push(...terms.map(lunrTerm));
  return {
    query: rebuilt.join(" "),
    groups: [...groups.values()].map((terms) => terms.map((term) => term.word)),
  };
}

export function rewriteQuery(query, vocabulary, separator) {
  return planQuery(query, vocabulary, separator).query;
}

const MARKED = /<mark>(.*?)<\/mark>/g;

// Material lists each page at the rank of its best section, a section scoring by its words with
// one in a title worth a thousand in the text, and a page's introduction five times a section
// further down. So a page that names one of the words in a heading, or the words once near its
// top, comes before the page about them all; and a section that lacks a word cannot borrow it
// from its page's title. Here the pages are put in this order instead:
// 1. pages with a section that has every word of the query, counting the page's title as part
//    of each of its sections ("kafka streams": the page titled "Queues, streams and delivery
//    semantics" with a section on Kafka, as the flashcards' section titled with it has);
// 2. pages that have every word somewhere;
// 3. the others, by how many of the words they have;
// and within each, by the best section, plus half the second, a quarter of the third and so on
// (at most twice the best), so a page that treats the words in section after section comes
// before one that mentions them once. A page the index weighs less (search.boost below 1: a
// page the build generates from other pages, a section from each, or one its author put out of
// the learners' way) ranks by its one section with the most words, on its own: a generated
// page's sections come from different pages, and must not add up to what none of them has.
// `items` is Material's result, one array of sections per page with the best first, each with
// the query's terms it has, and `groups` the terms each word of the query stands for (planQuery). The pages are reordered in
// place, and each page's scores scaled so that the first page has the highest score (which Enter
// opens) and each section keeps its share.
export function rankPages(items, groups = []) {
  // A word that stands for more than one term (a typo with two corrections) is missing from a
  // section only when none of them is there, and then Material lists the first as missing.
  for (const { terms } of items.flat()) {
    for (const group of groups) {
      const listed = group.filter((term) => terms && term in terms);
      if (listed.length < 2) continue;
      const found = listed.filter((term) => terms[term]);
      for (const term of listed) if (!terms[term]) delete terms[term];
      if (!found.length) terms[listed[0]] = false;
    }
  }
  const keys = new Set(items.flat().flatMap((section) => Object.keys(section.terms ?? {})));
  const words = groups.filter((terms) => terms.some((term) => keys.has(term)));
  for (const key of keys) if (!words.some((terms) => terms.includes(key))) words.push([key]);
  const share = (found) =>
    words.length ? words.filter((terms) => terms.some((term) => found.has(term))).length / words.length : 1;
  const ranked = items.map((sections, index) => {
    const page = sections.find((section) => !section.location.includes("#"));
    const marked = [...(page?.title ?? "").matchAll(MARKED)].map(([, word]) => word.toLowerCase());
    const titled = [...keys].filter((key) => marked.some((word) => word.startsWith(key)));
    const everywhere = new Set(titled);
    const shares = sections.map((section) => {
      const found = new Set(titled);
      for (const [key, matched] of Object.entries(section.terms ?? {})) if (matched) found.add(key);
      for (const key of found) everywhere.add(key);
      return share(found);
    });
    const near = Math.max(0, ...shares);
    const scores = sections.map((section) => section.score);
    if (sections.some((section) => (section.boost ?? 1) < 1)) {
      const best = Math.max(0, ...scores.filter((_, i) => shares[i] === near));
      return { sections, index, near, all: near, score: best };
    }
    const score = scores.sort((a, b) => b - a).reduce((sum, value, i) => sum + value / 2 ** i, 0);
    return { sections, index, near, all: share(everywhere), score };
  });
  ranked.sort((a, b) => b.near - a.near || b.all - a.all || b.score - a.score || a.index - b.index);
  let below = 0; // the best score of the page listed after the current one
  for (let i = ranked.length - 1; i >= 0; i--) {
    const { sections, score } = ranked[i];
    const best = Math.max(...sections.map((section) => section.score));
    const target = Math.max(score, below * 1.01 + 0.01);
    if (best > 0) for (const section of sections) section.score *= target / best;
    if (best > 0) below = target;
  }
  items.splice(0, items.length, ...ranked.map(({ sections }) => sections));
  return items;
}
