// Accessibility fixes that only a script can make, because Material builds the markup in the
// browser. Runs on every page view, including Material's instant navigation (document$).

const SUBSCRIBED = Symbol.for("playbook.accessibility");

// Material wraps each code block's copy button in a <nav> with no name; a page with several
// code blocks then has several identical navigation landmarks (axe: landmark-unique).
function nameCodeBlockToolbars() {
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `Code block ${index + 1} tools`);
  });
}

if (!window[SUBSCRIBED]) {
  window[SUBSCRIBED] = true;
  document$.subscribe(nameCodeBlockToolbars);
}
