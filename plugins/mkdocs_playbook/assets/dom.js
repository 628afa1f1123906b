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

/** Show `text` in `node`, leaving it alone when it already shows it: setting the same text
 * replaces the text node, and the page is restyled and laid out again for nothing. */
export function showText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Set `node`'s data-`key` to `value`, leaving it alone when it already holds it. */
export function showData(node, key, value) {
  if (node.dataset[key] !== value) node.dataset[key] = value;
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
