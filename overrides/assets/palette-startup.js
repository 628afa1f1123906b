// Material's palette, started without restyling the whole page when nothing changes.
//
// As its bundle starts, on every full page load, Material's palette sets the reader's palette
// on <body> again: it marks the body data-md-color-switching (its stylesheet then turns every
// transition off: `[data-md-color-switching] *`), sets data-md-color-scheme, -primary and
// -accent, reads the header's computed colours for the browser's theme colour, and removes the
// mark a frame later. Each of those attribute writes invalidates the style of every element,
// even when the value is the one already there, so the read forces a style recalculation of
// the whole page and the removal another: about 100 ms of a 4x-throttled phone's main thread on
// a long worked solution, every time a page opens.
//
// So, on <body> only:
// - a data-md-color-* write that would not change the value is skipped;
// - Material's switching mark is set only once a palette attribute that styles the page really
//   changes (a reader toggling the palette, or a dark reader's first load), just before that
//   change, and removed when Material removes it: transitions stay off while colours change.
// data-md-color-media records which toggle is on; no stylesheet selects it, so changing it
// needs no mark (tests/test_palette_startup.py holds the built site's stylesheets to that).
//
// Material has no option for this. This classic script is the one place that relies on how
// Material's palette writes to <body> (Material 9.8); overrides/main.html loads it just before
// the bundle. Instant navigation keeps <body>, so it is set up once per full load.
// tests/test_palette_startup.py fails if Material no longer marks the switch at startup (then
// this script has nothing left to do), or if switching the palette stops working.
(() => {
  const STATE = Symbol.for("playbook.paletteStartup");
  if (window[STATE]) return;
  const body = document.body;
  const state = { markAsked: 0, writesSkipped: 0 };
  window[STATE] = state;
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
