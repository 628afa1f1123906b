// Accessibility fixes that only a script can make, because Material builds the markup in the
// browser. Runs on every page view, including Material's instant navigation (document$).

import { onEveryPage } from "./on-every-page.js";

// Material wraps each code block's copy button in a <nav> with no name; a page with several
// code blocks then has several identical navigation landmarks (axe: landmark-unique).
function nameCodeBlockToolbars() {
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `Code block ${index + 1} tools`);
  });
}

// Material wraps each table in a scrolling box; on a narrow screen a wide table scrolls sideways,
// and a keyboard can only scroll what it can focus (axe: scrollable-region-focusable). A box that
// overflows becomes a named, focusable region; one that fits is left out of the tab order.
function makeWideTablesScrollable() {
  // Measure every box first, then change them: a change between two measurements would make
  // the browser lay out the whole page again for the next one.
  const boxes = [...document.querySelectorAll(".md-typeset__scrollwrap")];
  const overflowing = boxes.map((box) => box.scrollWidth > box.clientWidth);
  boxes.forEach((box, index) => {
    if (overflowing[index]) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `Table ${index + 1}, scrolls sideways`);
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) box.removeAttribute(name);
    }
  });
}

onEveryPage(
  "accessibility",
  () => {
    nameCodeBlockToolbars();
    makeWideTablesScrollable();
  },
  () => window.addEventListener("resize", makeWideTablesScrollable, { passive: true }),
);
