// Search that forgives one typo: a word of five letters or more that starts no word of the search
// index is also looked up with lunr's edit distance of one (`kafak` -> `kafak kafak~1`), so
// "idempotncy" finds idempotency. A word the index has is searched exactly as Material searches
// it: lunr scores a near word as high as the word itself, and a title a thousand times a
// paragraph, so "cheap~1" would put the page titled Cheat sheet above the one page that says
// "cheap". Quoted phrases, short words and lunr's syntax (+ - * ~ ^ :) are left as typed.
//
// Material 9 has no hook for this any more (9.0.0 "Removed support for custom search
// transforms"): its search box sends each query to its search worker as a message,
// {type: 2 (QUERY), data: "the query"}, and the worker applies Material's own transform. So this
// module wraps Worker.prototype.postMessage and rewrites those messages only. Material's bundle
// is a classic script: it has run, and created the worker, before this deferred module runs, but
// it calls worker.postMessage for every message, which finds the wrapper on the prototype then,
// and it sends no query before the worker is ready, so even the first query is rewritten.
// The wrapper lasts as long as the document, which instant navigation keeps: there is nothing to
// redo per page, so no document$ subscription; the guard stops a second copy wrapping it again.

import { tolerateTypos } from "./search-typos.js";

const QUERY = 2; // Material's SearchMessageType.QUERY
const WRAPPED = Symbol.for("playbook.search");
// This file is served as assets/playbook/search.js (ASSETS_URI in mkdocs_glue/assets.py).
const SEARCH_INDEX = new URL("../../search/search_index.json", import.meta.url);

const MARKUP = /<[^>]*>/;
// Whether a word of the index starts with a given word, as Material's worker splits the index:
// the text between tags, at the index's separator, lower-cased. Null when the index cannot be
// read (e.g. from file://): every long word then gets its alternative, so typos are still found.
async function readIndex() {
  try {
    const response = await fetch(SEARCH_INDEX);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const { config, docs } = await response.json();
    const separator = new RegExp(config.separator);
    const words = new Set();
    for (const doc of docs) {
      for (const field of [doc.title, doc.text, ...(doc.tags ?? [])]) {
        for (const text of String(field ?? "").split(MARKUP)) {
          for (const word of text.split(separator)) if (word) words.add(word.toLowerCase());
        }
      }
    }
    const vocabulary = [...words];
    return (word) => vocabulary.some((indexed) => indexed.startsWith(word));
  } catch (error) {
    console.warn("search.js: could not read the search index; all long words allow a typo", error);
    return null;
  }
}

if (!window[WRAPPED]) {
  window[WRAPPED] = true;
  const post = Worker.prototype.postMessage;
  let isIndexed = null; // read on the first query: a promise of readIndex()'s answer
  Worker.prototype.postMessage = function (message, ...transfer) {
    if (message?.type !== QUERY || typeof message.data !== "string") {
      post.call(this, message, ...transfer);
      return;
    }
    // Queries wait for the index's words, read once on the first query (normally from the
    // browser's cache: Material fetched the same file when the page loaded), then go on in the
    // order they were typed.
    isIndexed ??= readIndex();
    isIndexed.then((known) => {
      const data = tolerateTypos(message.data, known ?? undefined);
      post.call(this, { ...message, data }, ...transfer);
    });
  };
}
