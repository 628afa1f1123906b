// Search that finds what readers mean: between Material's search box and its search worker, each
// query is rewritten (search-query.js: stop words left out, whole words before prefixes, a word
// with one typo corrected).
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
// window[Symbol.for("playbook.search")] counts the queries it rewrote (tests/test_search.py).

import { planQuery, Vocabulary } from "./search-query.js";

const QUERY = 2; // Material's SearchMessageType.QUERY
const STATE = Symbol.for("playbook.search");
// This file is served as assets/playbook/search.js (ASSETS_URI in mkdocs_glue/assets.py).
const SEARCH_INDEX = new URL("../../search/search_index.json", import.meta.url);

// The index's words, as Material's worker splits them, and its separator. Without the index
// (it could not be read), stop words are still left out and the rest goes as typed.
async function readIndex() {
  try {
    const response = await fetch(SEARCH_INDEX);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const { config, docs } = await response.json();
    return { vocabulary: new Vocabulary(docs, config.separator), separator: config.separator };
  } catch (error) {
    console.warn("search.js: could not read the search index; queries go as typed", error);
    return { vocabulary: null, separator: "[\\s\\-]+" };
  }
}

if (!window[STATE]) {
  const state = { queries: 0, sent: "" };
  window[STATE] = state;
  const post = Worker.prototype.postMessage;
  let index = null; // read on the first query: a promise of readIndex()'s answer
  Worker.prototype.postMessage = function (message, ...transfer) {
    if (message?.type !== QUERY || typeof message.data !== "string") {
      post.call(this, message, ...transfer);
      return;
    }
    // Queries wait for the index's words, read once on the first query (normally from the
    // browser's cache: Material fetched the same file when the page loaded), then go on in the
    // order they were typed.
    index ??= readIndex();
    index.then(({ vocabulary, separator }) => {
      const { query } = planQuery(message.data, vocabulary, separator);
      Object.assign(state, { queries: state.queries + 1, sent: query });
      post.call(this, { ...message, data: query }, ...transfer);
    });
  };
}
