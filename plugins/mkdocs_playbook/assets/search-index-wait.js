// Material's search index, handed to Material when a reader turns to search, not on every page.
//
// Material's bundle requests search/search_index.json (200 KB gzipped on a site of forty pages)
// the moment it runs, and its worker builds the whole index from it: 0.25 s of CPU on a desktop,
// about a second on a phone, on every full page load, for readers who mostly never search on
// that page. So Material's request waits until the first of:
// - a reader reaches for search: the pointer or a finger on Material's search box or search
//   button, or focus in its search form (its "/", "s" and "f" keys focus the search box);
// - the address asks for search at once (Material's ?q= to open a shared search, ?h= to
//   highlight the words a result was found by).
// Meanwhile, once the page has loaded and the browser is idle, the file's bytes are fetched into
// the browser's cache (no parsing, no index), so that a reader's first search waits for no
// network: only for the index to be built, which Material shows as "Initializing search".
// Every other request goes as it came.
//
// Material has no option for this. This classic script is the one place that relies on how
// Material requests its index: from its bundle, which runs once per document (instant
// navigation keeps it, and the index with it), with XMLHttpRequest (Material 9.8) or fetch
// (9.2). The build puts it just before the bundle's script tag, so it is in place before the
// bundle runs. window[Symbol.for("playbook.searchIndexWait")] says whether the bytes were
// fetched and what handed the index to Material. tests/test_search.py fails if the index is
// requested before the load event, built before a reader turns to search, or if search stops
// working.
(() => {
  const STATE = Symbol.for("playbook.searchIndexWait");
  if (window[STATE]) return;
  const state = { prefetched: false, handedOver: null };
  window[STATE] = state;
  let open;
  const opened = new Promise((resolve) => {
    open = resolve;
  });
  const SEARCH = 'form[name=search], label[for="__search"]';
  const reachingForSearch = (event) => {
    if (event.target.closest?.(SEARCH)) handOver("search");
  };
  const handOver = (reason) => {
    if (state.handedOver !== null) return;
    state.handedOver = reason;
    document.removeEventListener("focusin", reachingForSearch);
    document.removeEventListener("pointerover", reachingForSearch);
    open();
  };
  let indexUrl = null; // the address Material asks for, once it has asked
  const isSearchIndex = (url) => {
    const address = new URL(url, document.baseURI);
    if (!address.pathname.endsWith("/search/search_index.json")) return false;
    indexUrl ??= address.href;
    return true;
  };

  const fetch = window.fetch;
  window.fetch = function (input, ...rest) {
    if (!isSearchIndex(input instanceof Request ? input.url : String(input))) {
      return fetch.call(this, input, ...rest);
    }
    return opened.then(() => fetch.call(this, input, ...rest));
  };
  const { open: openRequest, send } = XMLHttpRequest.prototype;
  const waiting = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (isSearchIndex(String(url))) waiting.add(this);
    else waiting.delete(this);
    return openRequest.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!waiting.has(this)) return send.apply(this, body);
    opened.then(() => send.apply(this, body));
  };

  document.addEventListener("focusin", reachingForSearch);
  document.addEventListener("pointerover", reachingForSearch, { passive: true });
  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) handOver("address");

  // The bytes only, into the browser's cache, from the address Material asked for (it asks as
  // its bundle runs, long before the page has loaded).
  const prefetch = () => {
    if (state.handedOver !== null || indexUrl === null) return;
    fetch(indexUrl, { priority: "low" })
      .then((response) => (response.ok ? response.arrayBuffer() : null))
      .then((bytes) => {
        state.prefetched = bytes !== null;
      })
      .catch(() => {});
  };
  window.addEventListener("load", () => {
    if ("requestIdleCallback" in window) requestIdleCallback(prefetch, { timeout: 2000 });
    else setTimeout(prefetch);
  });
})();
