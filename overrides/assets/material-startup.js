// Material's start, without restyling the whole page: what this does and why is in
// overrides/main.html, which puts this script inline just after the header (inline, so that the
// page's first paint waits for no download). Every comment here is sent with every page.
(() => {
  const STATE = Symbol.for("playbook.materialStartup");
  if (window[STATE]) return;
  const state = { markAsked: 0, writesSkipped: 0, colorSchemeMetasKept: 0, tablesLeftInPlace: 0 };
  window[STATE] = state;

  // 1. <html>'s classes, as Material's bundle and its focus-visible polyfill will set them.
  document.documentElement.classList.replace("no-js", "js");
  document.documentElement.classList.add("js-focus-visible");

  // 2. Stylesheets' addresses, absolute, as instant navigation makes them.
  const ABSOLUTE = /^(?:[a-z]+:)?\/\//i;
  for (const link of document.head.querySelectorAll("link[rel~=stylesheet][href]")) {
    if (!ABSOLUTE.test(link.getAttribute("href"))) link.setAttribute("href", link.href);
  }

  // 3. The page's colour scheme, in one meta that is in the page from here on.
  const head = document.head;
  const colorScheme = document.createElement("meta");
  colorScheme.name = "color-scheme";
  colorScheme.content = getComputedStyle(document.body).colorScheme;
  head.append(colorScheme);
  const copyContent = (meta) => () => {
    if (colorScheme.content !== meta.content) colorScheme.content = meta.content;
  };
  head.appendChild = (node) => {
    if (!(node instanceof HTMLMetaElement && node.name === "color-scheme")) {
      return Node.prototype.appendChild.call(head, node);
    }
    state.colorSchemeMetasKept += 1;
    new MutationObserver(copyContent(node)).observe(node, { attributeFilter: ["content"] });
    return node;
  };

  // 4. Tables: the build put each in Material's scroll wrapper (overrides/hooks/material_startup.py);
  // Material's content mount, which wraps every table:not([class]) it finds, skips those.
  const TABLES = "table:not([class])";
  const { querySelectorAll } = Element.prototype;
  Element.prototype.querySelectorAll = function (selectors) {
    const found = querySelectorAll.call(this, selectors);
    if (selectors !== TABLES) return found;
    const unwrapped = [...found].filter((table) => !table.matches(".md-typeset__table > *"));
    state.tablesLeftInPlace += found.length - unwrapped.length;
    return unwrapped;
  };

  // 5. The palette on <body>.
  const body = document.body;
  const SWITCHING = "data-md-color-switching";
  const UNSTYLED = new Set(["data-md-color-media"]);
  const { setAttribute, removeAttribute } = Element.prototype;
  let mark = "off"; // "asked" once Material asks for it, "on" once set

  body.setAttribute = (name, value) => {
    if (name === SWITCHING) {
      state.markAsked += 1;
      if (mark === "off") mark = "asked";
      return;
    }
    if (name.startsWith("data-md-color-")) {
      if (body.getAttribute(name) === String(value)) {
        state.writesSkipped += 1;
        return;
      }
      if (mark === "asked" && !UNSTYLED.has(name)) {
        setAttribute.call(body, SWITCHING, "");
        mark = "on";
      }
    }
    setAttribute.call(body, name, value);
  };
  body.removeAttribute = (name) => {
    if (name === SWITCHING) {
      const wasOn = mark === "on";
      mark = "off";
      if (!wasOn) return;
    }
    removeAttribute.call(body, name);
  };
})();
