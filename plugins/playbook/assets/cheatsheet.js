// The cheat sheet's Print button: shown only where JavaScript can print.
// Runs on every page view (Material's document$), including after instant navigation.

const SUBSCRIBED = Symbol.for("playbook.cheatsheet");

function enablePrint() {
  for (const button of document.querySelectorAll("button.playbook-print")) {
    if (button.dataset.ready) continue;
    button.dataset.ready = "true";
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

if (!window[SUBSCRIBED]) {
  window[SUBSCRIBED] = true;
  document$.subscribe(enablePrint);
}
