// On a page the progress page tracks (the build marks it with data-progress-visit: the progress
// feature's storage prefix and the page's path under docs/), note that the reader opened it, on
// every page instant navigation shows. widgets.js loads this module only on such pages.

import { KeptStorage } from "./kept-storage.js";
import { onEveryPage } from "./on-every-page.js";
import { recordVisit } from "./progress-visits.js";

function noteVisit() {
  const marker = document.querySelector("[data-progress-visit]");
  if (!marker) return;
  const { storage, page } = JSON.parse(marker.dataset.progressVisit);
  // A storage refused or full loses only this visit's note: the progress page says when storage
  // cannot be kept, so a solution page stays quiet about it.
  recordVisit(new KeptStorage(storage, () => window.localStorage), page, Date.now());
}

onEveryPage("progress-track", noteVisit);
