// Building DOM nodes without HTML strings, for every widget: text is set as text, never parsed.

/**
 * A `tag` element with `attributes` (`text` sets its text; `true` an empty attribute; `false` and
 * `null` leave it out) and `children` (nodes or strings) appended.
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false && value !== null) node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}

/** A table (`head`: its header row; `rows`: its body's) in a box of class `className` that
 * scrolls sideways where the screen is too narrow, and can then be scrolled by keyboard. */
export function scrollingTable(name, head, rows, className) {
  return element(
    "div",
    { class: className, role: "region", "aria-label": name, tabindex: "0" },
    element("table", {}, element("thead", {}, head), element("tbody", {}, ...rows)),
  );
}
