// The site offline after one visit: registers the service worker the build wrote at the site's
// root (plugins/mkdocs_playbook/offline/), says when a new version is ready without ever reloading by
// itself, says when the network is gone, and marks the links to files that cannot open offline.
//
// The build links the manifest from every page, with the worker's address and the texts on the
// link. A page without that link comes from `mkdocs serve` (or a site that turned the feature
// off): a worker an earlier build registered for this site is removed, so no page is stale.
// <html data-playbook-offline="ready"> says the page is controlled by a worker whose precache is
// complete (an install finishes its precache before the worker activates); "off" that no worker
// is left. Instant navigation keeps this module: one subscription to document$, guarded.

import { onEveryPage } from "./on-every-page.js";

// This file is served as assets/playbook/offline.js (ASSETS_URI in mkdocs_glue/assets.py).
const SITE_ROOT = new URL("../../", import.meta.url);
const UPDATE_EVERY_MS = 10 * 60 * 1000;

const state = {
  active: false,
  texts: {},
  region: null,
  updateCheck: 0,
  registration: null,
  reloading: false,
  marking: 0,
};

function region() {
  if (!state.region?.isConnected) {
    state.region = document.createElement("div");
    state.region.className = "playbook-offline";
    state.region.setAttribute("role", "status");
    document.body.append(state.region);
  }
  return state.region;
}

// One message per kind (offline, update, missing), each a line of the status region.
function say(kind, text, button) {
  const box = region();
  box.querySelector(`[data-kind="${kind}"]`)?.remove();
  if (!text) return;
  const line = document.createElement("p");
  line.dataset.kind = kind;
  line.className = "playbook-offline__message";
  line.append(text);
  if (button) line.append(" ", button);
  box.append(line);
}

function offerUpdate(waiting) {
  if (!navigator.serviceWorker.controller) return; // the first install: nothing to update
  const button = document.createElement("button");
  button.type = "button";
  button.className = "playbook-offline__reload";
  button.textContent = state.texts.reload;
  button.addEventListener("click", () => {
    state.reloading = true;
    const worker = state.registration?.waiting ?? waiting;
    if (worker && worker.state === "installed") worker.postMessage({ type: "SKIP_WAITING" });
    else location.reload();
  });
  say("update", state.texts.new_version, button);
}

function watchUpdates(registration) {
  state.registration = registration;
  if (registration.waiting) offerUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offerUpdate(worker);
    });
  });
}

function markReady() {
  navigator.serviceWorker.ready.then(() => {
    if (navigator.serviceWorker.controller) document.documentElement.dataset.playbookOffline = "ready";
  });
}

function register(link) {
  const worker = new URL(link.dataset.playbookWorker, location.href);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only the reader's Reload reloads; another tab's Reload only makes this one controlled.
    if (state.reloading) location.reload();
    else markReady();
  });
  navigator.serviceWorker
    .register(worker, { scope: SITE_ROOT.pathname })
    .then((registration) => {
      watchUpdates(registration);
      markReady();
    })
    .catch((error) => console.warn("The offline copy of this site is unavailable:", error));
}

async function retire() {
  for (const registration of await navigator.serviceWorker.getRegistrations()) {
    if (registration.scope === SITE_ROOT.href) await registration.unregister();
  }
  document.documentElement.dataset.playbookOffline = "off";
}

// Links to files of this site that no cache holds (a PDF never opened) say they need the network.
// <html data-playbook-offline-links> says the links of the page shown have been checked.
async function markLinks() {
  const run = ++state.marking; // a later call (a page shown, the network back) supersedes this one
  delete document.documentElement.dataset.playbookOfflineLinks;
  const files = [...document.querySelectorAll("a[href]")].filter((link) => {
    const url = new URL(link.href);
    const file = /\.[a-z0-9]+$/i.test(url.pathname) && !/\.html?$/i.test(url.pathname);
    return file && url.origin === SITE_ROOT.origin && url.pathname.startsWith(SITE_ROOT.pathname);
  });
  for (const link of files) {
    link.querySelector(".playbook-offline-missing")?.remove();
    delete link.dataset.playbookOfflineMissing;
  }
  if (navigator.onLine) {
    document.documentElement.dataset.playbookOfflineLinks = "";
    return;
  }
  for (const link of files) {
    const kept = await caches.match(link.href, { ignoreSearch: true });
    if (run !== state.marking) return;
    if (kept) continue;
    link.dataset.playbookOfflineMissing = "";
    const note = document.createElement("span");
    note.className = "playbook-offline-missing";
    note.textContent = ` (${state.texts.missing})`;
    link.append(note);
  }
  document.documentElement.dataset.playbookOfflineLinks = "";
}

function onNetworkChange() {
  say("offline", navigator.onLine ? "" : state.texts.offline);
  if (navigator.onLine) say("missing", "");
  markLinks();
}

function onPage() {
  if (!state.active) return;
  markLinks();
  const now = Date.now();
  if (state.registration && now - state.updateCheck > UPDATE_EVERY_MS) {
    state.updateCheck = now;
    state.registration.update().catch(() => null); // offline: the next page tries again
  }
}

function start() {
  const link = document.querySelector('link[rel="manifest"][data-playbook-worker]');
  if (!link) {
    retire();
    return;
  }
  state.active = true;
  state.texts = JSON.parse(link.dataset.playbookTexts || "{}");
  // After the page has loaded and the browser is idle: precaching never competes with the page.
  const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 0));
  const begin = () => idle(() => register(link), { timeout: 5000 });
  if (document.readyState === "complete") begin();
  else window.addEventListener("load", begin, { once: true });
  window.addEventListener("online", onNetworkChange);
  window.addEventListener("offline", onNetworkChange);
  document.addEventListener("click", (event) => {
    const missing = event.target.closest?.("a[data-playbook-offline-missing]");
    if (!missing || navigator.onLine) return;
    event.preventDefault();
    say("missing", state.texts.missing_file);
  });
  if (!navigator.onLine) onNetworkChange();
  state.updateCheck = Date.now(); // the browser checks for an update on every full page load
}

if ("serviceWorker" in navigator) onEveryPage("offline", onPage, start);
