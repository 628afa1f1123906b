// Loads each widget's module only on the pages that have its markup, so the other pages never
// download it. Material's instant navigation swaps pages without reloading scripts: on every page
// it shows (document$ emits), the markup is looked for again and the module imported when first
// needed. An imported module subscribes to document$ itself and starts on the current page, since
// document$ replays the page it last emitted.

import { onEveryPage } from "./on-every-page.js";

const WIDGETS = [
  ["form[data-calculator]", "./calculators.js"],
  [".playbook-cards-study[data-flashcards]", "./flashcards.js"],
  ["button.playbook-print", "./cheatsheet.js"],
  ["[data-diagram]", "./diagrams.js"],
  ["div.mermaid[data-mermaid-module]", "./diagrams-in-browser.js"],
  ["[data-mock-interview]", "./mock-interview.js"],
  [".playbook-progress[data-progress]", "./progress.js"],
  ["[data-progress-visit]", "./progress-track.js"],
];

function loadWidgets() {
  for (const [markup, module] of WIDGETS) {
    if (document.querySelector(markup)) {
      import(module).catch((error) => console.error(`${module} could not load:`, error));
    }
  }
}

onEveryPage("widgets", loadWidgets);
