// Search that ranks what matters: between Material's search box and its search worker, each
// query is rewritten (search-query.js: stop words left out, whole words before prefixes, a word
// with one typo corrected) and the pages of each result are ranked (rankPages: pages with every
// word first, then by how much of each page is about the query).
//
// Material 9 has no hook for either (9.0.0 "Removed support for custom search transforms"): its
// search box and its worker talk in messages, and this module is the one place that reads them.
// - Queries: Material sends {type: 2 (QUERY), data: "the query"} with worker.postMessage. This
//   module wraps Worker.prototype.postMessage and rewrites those messages only. Material's bundle
//   is a classic script: it has run, and created the worker, before this deferred module runs,
//   but it calls worker.postMessage for every message, which finds the wrapper on the prototype
//   then, and it sends no query before the worker is ready, so even the first query is rewritten.
// - Results: the worker answers {type: 3 (RESULT), data: {items: [[section, ...], ...]}}, which
//   Material reads, as event.data, in the "message" listener it added to the worker when it
//   created it, before this module ran (a listener added now would run after it, even one for
//   the capture phase). So this module wraps the getter of MessageEvent.prototype.data: read on
//   a message from a worker that Material sent a query to, a result has its pages reordered in
//   place, once, before Material lists them. Every other message is returned as it came.
// The wrapper lasts as long as the document, which instant navigation keeps: there is nothing to
// redo per page, so no document$ subscription; the guard stops a second copy wrapping it again.
// window[Symbol.for("playbook.search")] counts the messages it handled and says whether the
// index's words were read (tests/test_search.py).

import { planQuery, rankPages, Vocabulary } from "./search-query.js";

const QUERY = 2; // Material's SearchMessageType.QUERY
const RESULT = 3; // Material's SearchMessageType.RESULT
const STATE = Symbol.for("playbook.search");
// This file is served as assets/playbook/search.js (ASSETS_URI in mkdocs_glue/assets.py).
const SEARCH_INDEX = new URL("../../search/search_index.json", import.meta.url);

// The index's words, as Material's worker splits them, and its separator. Without the index
// (it could not be read), stop words are still left out and the rest goes as typed.
async function readIndex(state) {
  state.indexRead = true;
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
  const state = { queries: 0, results: 0, sent: "", indexRead: false };
  window[STATE] = state;
  const searchWorkers = new WeakSet(); // the workers Material sent a query to
  const ranked = new WeakSet(); // the results already reordered
  // What each query sent and not yet answered stands for: the worker answers in order.
  const pending = [];
  const post = Worker.prototype.postMessage;
  let index = null; // read on the first query: a promise of readIndex()'s answer
  Worker.prototype.postMessage = function (message, ...transfer) {
    if (message?.type !== QUERY || typeof message.data !== "string") {
      post.call(this, message, ...transfer);
      return;
    }
    searchWorkers.add(this);
    // Material sends an empty query as each page loads: it goes as it came, with nothing read,
    // so no page pays for the index's words (a long task on a phone) before a reader searches.
    // Once a query has asked for them, every query waits its turn behind it.
    if (index === null && message.data.trim() === "") {
      pending.push([]);
      state.queries += 1;
      post.call(this, message, ...transfer);
      return;
    }
    // Queries wait for the index's words, read once on the first query with words (normally
    // from the browser's cache: Material fetched the same file when the page loaded), then go
    // on in the order they were typed.
    index ??= readIndex(state);
    index.then(({ vocabulary, separator }) => {
      const { query, groups } = planQuery(message.data, vocabulary, separator);
      pending.push(groups);
      Object.assign(state, { queries: state.queries + 1, sent: query });
      post.call(this, { ...message, data: query }, ...transfer);
    });
  };
  const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data");
  Object.defineProperty(MessageEvent.prototype, "data", {
    ...data,
    get() {
      const value = data.get.call(this);
      if (value?.type !== RESULT || !searchWorkers.has(this.target) || ranked.has(value)) return value;
      ranked.add(value);
      const groups = pending.shift();
      if (Array.isArray(value.data?.items)) {
        rankPages(value.data.items, groups);
        state.results += 1;
      }
      return value;
    },
  });
}
