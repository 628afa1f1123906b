// Starting a widget on every page Material shows. Instant navigation swaps the page without
// reloading scripts, and Material's document$ emits each page it shows (replaying the current one
// to a new subscriber), so a widget subscribes once and starts again on each page. A module can be
// evaluated twice (two URLs for one file, a test importing it): the name keeps it to one
// subscription per document. Without Material (another theme), the page is started once.

/**
 * Run `start` on the current page and on every page instant navigation shows after it; `once`,
 * if given, runs the first time only (document-wide listeners).
 */
export function onEveryPage(name, start, once = () => {}) {
  const subscribed = Symbol.for(`playbook.${name}`);
  if (window[subscribed]) return;
  window[subscribed] = true;
  once();
  if (typeof document$ !== "undefined") document$.subscribe(() => start());
  else start();
}
