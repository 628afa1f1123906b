// Renders the page's Mermaid diagrams from the site's own copy of Mermaid.
// Runs on every page view, including Material's instant navigation (document$), and
// re-renders when the reader switches palette, so diagrams stay readable in both schemes.
// Pages without a diagram never download Mermaid. Paper is always light: in the dark scheme
// each diagram is also drawn in the light theme, and that copy is shown while printing.

const MERMAID_URL = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const DIAGRAMS = "div.mermaid";
const SUBSCRIBED = Symbol.for("playbook.diagrams");
// The whole Mermaid configuration lives here, because after instant navigation the inline
// initialisation that mermaid2 writes into a page never runs. "dagre" keeps Mermaid 12 from
// downloading its 1.6 MB ELK layout engine for every flowchart.
const MERMAID_CONFIG = { startOnLoad: false, securityLevel: "strict", layout: "dagre" };
const PRINT_THEME = "default";
const PRINT = window.matchMedia("print");

let mermaidModule = null;
let renderCount = 0;
let rendering = Promise.resolve();
// Each diagram's SVG per theme: switching palette or printing swaps, never redraws.
const drawn = new WeakMap();

function loadMermaid() {
  mermaidModule ??= import(MERMAID_URL).then((module) => module.default);
  return mermaidModule;
}

function mermaidTheme() {
  if (PRINT.matches) return PRINT_THEME;
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
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
  const theme = mermaidTheme();
  for (const diagram of document.querySelectorAll(DIAGRAMS)) {
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
  const theme = mermaidTheme();
  const mermaid = await loadMermaid();
  mermaid.initialize({ ...MERMAID_CONFIG, theme });
  for (const diagram of diagrams) {
    diagram.dataset.source ??= diagram.textContent.trim();
    if (diagram.dataset.theme === theme) continue;
    try {
      show(diagram, await svgFor(mermaid, diagram, theme), theme);
    } catch (error) {
      showError(diagram, error);
    }
  }
  if (theme === PRINT_THEME) return;
  mermaid.initialize({ ...MERMAID_CONFIG, theme: PRINT_THEME });
  for (const diagram of diagrams) {
    if (diagram.dataset.theme) await svgFor(mermaid, diagram, PRINT_THEME).catch(() => {});
  }
  showThemeOfMedium(); // printing may have started meanwhile
}

// One render pass at a time: a palette switch during a page's first render waits its turn.
function scheduleRender() {
  rendering = rendering
    .then(renderDiagrams)
    .catch((error) => console.error("Mermaid could not be loaded:", error));
}

if (!window[SUBSCRIBED]) {
  window[SUBSCRIBED] = true;
  document$.subscribe(scheduleRender);
  new MutationObserver(scheduleRender).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
  window.addEventListener("beforeprint", showThemeOfMedium);
  window.addEventListener("afterprint", showThemeOfMedium);
  PRINT.addEventListener("change", showThemeOfMedium);
}
