// Material's search index, requested once the page has loaded instead of while it loads.
//
// Material's bundle requests search/search_index.json (200 KB gzipped on a site of forty pages)
// the moment it runs, in the middle of the page's own loading: on a phone that download shares
// the network with what the page shows first, and Lighthouse counts it against the page's
// largest paint. Nothing in it is needed until a reader searches. So the request waits until
// the first of:
// - a reader turns to search: focus enters Material's search form (a click or tap on the
//   search icon, or its "/", "s" and "f" keys, all of which focus the search box);
// - the address asks for search at once (Material's ?q= to open a shared search, ?h= to
//   highlight the words a result was found by);
// - the browser is idle after the page's load event, so that search is ready by the time a
//   reader looks for it.
// Every other request goes as it came.
//
// Material has no option for this. This classic script is the one place that relies on how
// Material requests its index: from its bundle, which runs once per document (instant
// navigation keeps it), with XMLHttpRequest (Material 9.8) or fetch (9.2). The build puts it
// just before the bundle's script tag, so it is in place before the bundle runs.
// tests/test_search.py fails if the index is requested before the load event, or if search
// stops working.
(() => {
  const STATE = Symbol.for("playbook.searchIndexWait");
  if (window[STATE]) return;
  window[STATE] = true;
  let open;
  const opened = new Promise((resolve) => {
    open = resolve;
  });
  const isSearchIndex = (url) =>
    new URL(url, document.baseURI).pathname.endsWith("/search/search_index.json");

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

  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) open();
  document.addEventListener("focusin", (event) => {
    if (event.target.closest?.("form[name=search]")) open();
  });
  window.addEventListener("load", () => {
    if ("requestIdleCallback" in window) requestIdleCallback(open, { timeout: 2000 });
    else setTimeout(open);
  });
})();
