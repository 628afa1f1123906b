// The cheat sheet's Print button: shown only where JavaScript can print.
// Runs on every page view (Material's document$), including after instant navigation.

import { onEveryPage } from "./on-every-page.js";

function enablePrint() {
  for (const button of document.querySelectorAll("button.playbook-print")) {
    if (button.dataset.ready) continue;
    button.dataset.ready = "true";
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

onEveryPage("cheatsheet", enablePrint);
