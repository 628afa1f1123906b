// The site's service worker: every page and everything pages load, precached on the first visit,
// so the site keeps working offline. The playbook plugin writes this file to the site's root at
// each `mkdocs build`, with the placeholder below replaced by that build's file list as JSON
// (plugins/mkdocs_playbook/offline/worker.py): each file's URL, content hash and whether it is precached
// or kept once fetched (PDFs, .apkg, Mermaid's in-browser fallback). Under `mkdocs serve` the
// list is replaced by {"retire": true, ...}: a worker left by an earlier build on the same address
// removes itself and its caches and reloads its pages, so an author never sees a stale page.
//
// Cache entries are keyed by URL and hash: a new build downloads only the files whose hash
// changed, alongside the old version's entries, which keep serving the pages open until the new
// version is activated (by the reader's Reload, offered by offline.js); then the old entries, and
// any cache of another format of this site, are deleted. Cache names start with the site's own
// prefix (its name and path), so two sites on one origin never touch each other's caches.
//
// Only the file the build listed is kept: each response's SHA-256 must match the list's before
// it is stored, and a redirected or opaque response never is. A stale CDN edge or a captive
// portal's page is asked for once more past every cache; if it is still wrong, the install
// fails (the browser tries again later) rather than keep it under this version's hash.
//
// Paths in the list are the files' names, not encoded: a request's path is decoded before it is
// looked up, and encoded again, segment by segment, to fetch it (c++/, a b.html, 100%.pdf).

const CONFIG = "__PLAYBOOK_OFFLINE_CONFIG__";

const SCOPE = new URL(self.registration.scope);
const PRECACHE = `${CONFIG.cachePrefix}v${CONFIG.format} precache`;
const KEPT = `${CONFIG.cachePrefix}v${CONFIG.format} kept`;
const PARALLEL = 6;

// URL relative to the scope -> {digest, precache}
const FILES = new Map(
  (CONFIG.files ?? []).map(([url, digest, precache]) => [url, { digest, precache: precache === 1 }]),
);

/** Where a listed file is fetched from: its path encoded segment by segment, under the scope. */
const hrefOf = (path) => new URL(path.split("/").map(encodeURIComponent).join("/"), SCOPE);
const keyOf = (path, digest) => `${hrefOf(path).href}?__rev=${digest}`;

/** A request's path as the list names it: relative to the scope, decoded, index.html dropped. */
function pathOf(url) {
  const encoded = url.pathname.slice(SCOPE.pathname.length);
  let path;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    path = encoded; // not valid percent-encoding: no listed file has that name
  }
  return path.replace(/(^|\/)index\.html$/, "$1");
}

/** The first characters of the SHA-256 of a response's body, as the build writes them. */
async function digestOf(response, length) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  return [...hash]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, length);
}

/** Whether a response is the listed file itself: same origin, not redirected, its hash. */
async function isListed(response, digest) {
  if (!response.ok || response.redirected || response.type !== "basic") return false;
  return (await digestOf(response.clone(), digest.length)) === digest;
}

/** The listed file from the network, asked for again past every cache if the first answer is
 * not it; null when even that is not it. */
async function fetchListed(path, digest) {
  for (const cache of ["no-cache", "reload"]) {
    try {
      const response = await fetch(hrefOf(path), { cache });
      if (await isListed(response, digest)) return response;
    } catch {
      // the network failed: try once more, then give up
    }
  }
  return null;
}

self.addEventListener("install", (event) => {
  if (CONFIG.retire) self.skipWaiting();
  else event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(CONFIG.retire ? retire() : activate());
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  if (CONFIG.retire) return;
  const request = event.request;
  const url = new URL(request.url);
  // Range requests (media, some PDF viewers) cannot be answered from a whole cached body.
  if (request.method !== "GET" || request.headers.has("range")) return;
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const path = pathOf(url);
  const file = FILES.get(path);
  if (file?.precache) event.respondWith(fromCache(PRECACHE, request, path, file));
  else if (file) event.respondWith(fromCache(KEPT, request, path, file));
  else event.respondWith(fromNetwork(request));
});

// Downloads every precached file that no earlier version already holds, a few at a time, each
// checked against its hash; one that cannot be had fails the install, and the browser tries
// again later.
async function precache() {
  const cache = await caches.open(PRECACHE);
  const held = new Set((await cache.keys()).map((request) => request.url));
  const missing = [...FILES].filter(([path, file]) => file.precache && !held.has(keyOf(path, file.digest)));
  const next = async () => {
    for (let item = missing.pop(); item; item = missing.pop()) {
      const [path, { digest }] = item;
      const response = await fetchListed(path, digest);
      if (!response) throw new Error(`${path}: the server does not answer with the file this version lists`);
      await cache.put(keyOf(path, digest), response);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, next));
}

// The new version serves every page from now on: drop what only older versions used.
async function activate() {
  const ours = new Set([PRECACHE, KEPT]);
  for (const name of await caches.keys()) {
    if (name.startsWith(CONFIG.cachePrefix) && !ours.has(name)) await caches.delete(name);
  }
  const current = new Set([...FILES].map(([url, file]) => keyOf(url, file.digest)));
  for (const name of ours) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!current.has(request.url)) await cache.delete(request);
    }
  }
  await self.clients.claim();
}

async function retire() {
  for (const name of await caches.keys()) {
    if (name.startsWith(CONFIG.cachePrefix)) await caches.delete(name);
  }
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
}

// A precached file (or one kept once fetched) answers at once, without the network; pages are
// refreshed in the background by the browser's update check of this worker, which fetches the
// whole new version at once, so a page never mixes versions. A file not yet kept is fetched, and
// kept only if it is the file the list names.
async function fromCache(name, request, path, file) {
  const cache = await caches.open(name);
  const key = keyOf(path, file.digest);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fromNetwork(request);
  if (await isListed(response.clone(), file.digest)) await cache.put(key, response.clone());
  return response;
}

// Anything else goes to the network; a page that cannot be fetched offline gets the site's 404
// page with a note saying the reader is offline.
async function fromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const page = await offlinePage();
      if (page) return page;
    }
    throw error;
  }
}

async function offlinePage() {
  const file = FILES.get(CONFIG.notFound);
  if (!file) return null;
  const cached = await caches.match(keyOf(CONFIG.notFound, file.digest), { cacheName: PRECACHE });
  if (!cached) return null;
  const html = await cached.text();
  const withNote = /<\/h1>/i.test(html)
    ? html.replace(/<\/h1>/i, (end) => end + CONFIG.offlineNote)
    : html.replace(/<body[^>]*>/i, (start) => start + CONFIG.offlineNote);
  return new Response(withNote, {
    status: 404,
    statusText: "Not Found",
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}
