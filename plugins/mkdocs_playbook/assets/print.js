// Marks links to other sites so that print.css can print their address after them (unless the
// link's text already is the address).
// Runs on every page view (Material's document$), including after instant navigation.

import { onEveryPage } from "./on-every-page.js";

function markExternalLinks() {
  for (const link of document.querySelectorAll(".md-content a[href]")) {
    let target;
    try {
      target = new URL(link.getAttribute("href"), location.href);
    } catch {
      continue; // not a URL: nothing to print after it
    }
    const spelled = link.textContent.trim().replace(/\/$/, "") === target.href.replace(/\/$/, "");
    if (/^https?:$/.test(target.protocol) && target.origin !== location.origin && !spelled) {
      link.dataset.playbookExternal = "";
    }
  }
}

onEveryPage("print", markExternalLinks);
