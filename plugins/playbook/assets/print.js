// Marks links to other sites so that print.css can print their address after them (unless the
// link's text already is the address).
// Runs on every page view (Material's document$), including after instant navigation.

const SUBSCRIBED = Symbol.for("playbook.print");

function markExternalLinks() {
  for (const link of document.querySelectorAll(".md-content a[href]")) {
    const target = new URL(link.href, location.href);
    const spelled = link.textContent.trim().replace(/\/$/, "") === link.href.replace(/\/$/, "");
    if (/^https?:$/.test(target.protocol) && target.origin !== location.origin && !spelled) {
      link.dataset.playbookExternal = "";
    }
  }
}

if (!window[SUBSCRIBED]) {
  window[SUBSCRIBED] = true;
  document$.subscribe(markExternalLinks);
}
