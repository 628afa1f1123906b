// Draws the diagrams the build could not draw (no Chromium where the site was built), in the
// reader's browser, with the site's own copy of Mermaid. The build names that copy and the
// Mermaid configuration on each diagram (data-mermaid-module, data-mermaid-config), so both
// have one source: the plugin's options. Runs on every page view, including Material's instant
// navigation (document$), and redraws when the reader switches palette. Paper is always light:
// in the dark scheme each diagram is also drawn in the light theme, shown while printing.

import { onEveryPage } from "./on-every-page.js";

const DIAGRAMS = "div.mermaid[data-mermaid-module]";
const PRINT = window.matchMedia("print");

let mermaidModule = null;
let renderCount = 0;
let rendering = Promise.resolve();
// Each diagram's SVG per theme: switching palette or printing swaps, never redraws.
const drawn = new WeakMap();

// The module's URL is relative to the page that names it; instant navigation keeps the
// module loaded, so later pages reuse it.
function loadMermaid(diagram) {
  const url = new URL(diagram.dataset.mermaidModule, document.baseURI).href;
  mermaidModule ??= import(url).then((module) => module.default);
  return mermaidModule;
}

function mermaidConfig(diagram, theme) {
  return { ...JSON.parse(diagram.dataset.mermaidConfig), theme };
}

// Paper is always light; the screen follows Material's palette.
function mermaidTheme(diagram, medium = PRINT.matches ? "print" : "screen") {
  const themes = JSON.parse(diagram.dataset.mermaidThemes);
  const dark = medium === "screen" && document.body.dataset.mdColorScheme === "slate";
  return dark ? themes.dark : themes.light;
}

async function svgFor(mermaid, diagram, theme) {
  const svgs = drawn.get(diagram) ?? {};
  drawn.set(diagram, svgs);
  svgs[theme] ??= (await mermaid.render(`playbook-mermaid-${++renderCount}`, diagram.dataset.source)).svg;
  return svgs[theme];
}

function show(diagram, svg, theme) {
  diagram.innerHTML = svg; // sanitised by Mermaid (securityLevel "strict")
  diagram.dataset.theme = theme;
}

// Synchronous, so that the page being printed already shows the light copies.
function showThemeOfMedium() {
  for (const diagram of document.querySelectorAll(DIAGRAMS)) {
    const theme = mermaidTheme(diagram);
    const svg = drawn.get(diagram)?.[theme];
    if (svg && diagram.dataset.theme !== theme) show(diagram, svg, theme);
  }
}

function showError(diagram, error) {
  const message = document.createElement("p");
  message.className = "playbook-diagram-error";
  message.textContent = `This diagram could not be drawn: ${error.message ?? error}`;
  const source = document.createElement("pre");
  source.textContent = diagram.dataset.source;
  diagram.replaceChildren(message, source);
}

async function renderDiagrams() {
  const diagrams = [...document.querySelectorAll(DIAGRAMS)];
  if (diagrams.length === 0) return;
  const theme = mermaidTheme(diagrams[0]);
  const mermaid = await loadMermaid(diagrams[0]);
  mermaid.initialize(mermaidConfig(diagrams[0], theme));
  for (const diagram of diagrams) {
    diagram.dataset.source ??= diagram.textContent.trim();
    if (diagram.dataset.theme === theme) continue;
    try {
      show(diagram, await svgFor(mermaid, diagram, theme), theme);
    } catch (error) {
      showError(diagram, error);
    }
  }
  const printTheme = mermaidTheme(diagrams[0], "print");
  if (theme === printTheme) return;
  mermaid.initialize(mermaidConfig(diagrams[0], printTheme));
  for (const diagram of diagrams) {
    if (diagram.dataset.theme) await svgFor(mermaid, diagram, printTheme).catch(() => {});
  }
  showThemeOfMedium(); // printing may have started meanwhile
}

// One render pass at a time: a palette switch during a page's first render waits its turn.
function scheduleRender() {
  rendering = rendering
    .then(renderDiagrams)
    .catch((error) => console.error("Mermaid could not be loaded:", error));
}

onEveryPage("diagrams-in-browser", scheduleRender, () => {
  new MutationObserver(scheduleRender).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
  window.addEventListener("beforeprint", showThemeOfMedium);
  window.addEventListener("afterprint", showThemeOfMedium);
  PRINT.addEventListener("change", showThemeOfMedium);
});
