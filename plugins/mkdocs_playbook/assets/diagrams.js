// Full-size viewer for the diagrams drawn at build time (playbook/diagrams/markup.py, drawn_html).
//
// Each [data-diagram] has a hidden "Full size" button; this module reveals it and marks the
// diagram data-ready once the button works. The button opens one modal <dialog>, shared by every
// diagram of the document and built on first use, that shows the drawing fitted to the screen
// (both sides of it, on a phone too), with pan (drag, arrow keys) and zoom (wheel, pinch, + and
// -, buttons); Fit, 0 or F fits it again, and so does turning the phone while it is fitted.
//
// The SVGs are moved, never cloned: they carry ids that ARIA and url(#...) refer to. Both palette
// SVGs move into the dialog, so the CSS palette switch keeps working while it is open, and go back
// to their view when it closes, however it closes (Escape, the Close button, a click on the
// backdrop, instant navigation). Meanwhile the emptied view keeps its height: the page never jumps.
// While the page prints, the drawing goes home for the printout (the dialog never prints).
//
// A diagram wider than its place on the page scrolls sideways: it then says so under it, and
// fades the edge that more of it lies beyond (diagrams.css), for as long as it is that wide.

import { fittedView, keepInSight, PAN_STEP, ZOOM_STEP, zoomAround } from "./diagram-view.js";
import { element } from "./dom.js";
import { onEveryPage } from "./on-every-page.js";

// What moves the drawing: keys and a wheel, or fingers on a touch screen (playbook.css shows one).
function keyHint() {
  const kbd = (text) => element("kbd", {}, text);
  const keys = element(
    "span",
    { class: "playbook-keys-hint" },
    "Drag or ",
    kbd("\u2190"),
    kbd("\u2191"),
    kbd("\u2192"),
    kbd("\u2193"),
    " to move; wheel, pinch, ",
    kbd("+"),
    " or ",
    kbd("\u2212"),
    " to zoom; ",
    kbd("0"),
    " or ",
    kbd("F"),
    " fits; ",
    kbd("Esc"),
    " closes.",
  );
  const fingers = element(
    "span",
    { class: "playbook-touch-hint" },
    "Drag to move, pinch to zoom; Fit and Close are above.",
  );
  return element("p", { class: "playbook-viewer__hint", id: "playbook-viewer-hint" }, keys, fingers);
}

function titleOf(view) {
  const label = view.getAttribute("aria-label") ?? "";
  return label.replace(/^Diagram:\s*/, "") || "Diagram";
}

function naturalSize(svgs) {
  const svg = svgs.find((node) => node instanceof SVGSVGElement);
  if (!svg) return { width: 1, height: 1 };
  return { width: svg.width.baseVal.value || 1, height: svg.height.baseVal.value || 1 };
}

class Viewer {
  constructor() {
    this.title = element("h2", { class: "playbook-viewer__title", id: "playbook-viewer-title" });
    this.zoomLevel = element("output", { class: "playbook-viewer__zoom", "aria-label": "Zoom level" });
    const button = (label, action) => {
      const node = element("button", { type: "button", class: "playbook-viewer__button" }, label);
      node.addEventListener("click", action);
      return node;
    };
    this.closeButton = button("Close", () => this.dialog.close());
    const tools = element(
      "div",
      { class: "playbook-viewer__tools" },
      button("Zoom out", () => this.zoomBy(1 / ZOOM_STEP)),
      this.zoomLevel,
      button("Zoom in", () => this.zoomBy(ZOOM_STEP)),
      button("Fit", () => this.fit()),
      this.closeButton,
    );
    this.canvas = element("div", { class: "playbook-viewer__canvas" });
    this.surface = element(
      "div",
      {
        class: "playbook-viewer__surface",
        role: "application",
        tabindex: "0",
        "aria-describedby": "playbook-viewer-hint",
      },
      this.canvas,
    );
    this.dialog = element(
      "dialog",
      { class: "playbook-viewer", "aria-labelledby": "playbook-viewer-title", "data-search-exclude": "" },
      element("div", { class: "playbook-viewer__bar" }, this.title, tools, keyHint()),
      this.surface,
    );
    document.body.append(this.dialog);

    this.view = { scale: 1, x: 0, y: 0 };
    this.fitted = false; // until the reader zooms or pans: a resize (a phone turned) fits again
    this.natural = { width: 1, height: 1 };
    this.pointers = new Map(); // pointerId -> {x, y} in client px
    this.home = null; // where the drawing came from, while it is shown here
    this.backdropPress = false;

    this.dialog.addEventListener("close", () => this.restore());
    this.dialog.addEventListener("keydown", (event) => this.onKey(event));
    this.dialog.addEventListener("wheel", (event) => this.onWheel(event), { passive: false });
    this.dialog.addEventListener("pointerdown", (event) => {
      this.backdropPress = this.onBackdrop(event);
    });
    this.dialog.addEventListener("click", (event) => {
      if (this.backdropPress && this.onBackdrop(event)) this.dialog.close();
      this.backdropPress = false;
    });
    this.surface.addEventListener("pointerdown", (event) => this.onPointerDown(event));
    this.surface.addEventListener("pointermove", (event) => this.onPointerMove(event));
    for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
      this.surface.addEventListener(type, (event) => this.onPointerUp(event));
    }
    window.addEventListener("resize", () => {
      if (!this.home) return;
      if (this.fitted) this.fit();
      else this.apply(this.view);
    });
    window.addEventListener("beforeprint", () => this.home?.view.append(...this.home.svgs));
    window.addEventListener("afterprint", () => this.home && this.canvas.append(...this.home.svgs));
  }

  /** Show `diagram`'s drawing full size; `opener` gets the focus back on close. */
  open(diagram, opener) {
    if (this.home) this.dialog.close();
    const view = diagram.querySelector(".playbook-diagram__view");
    const svgs = [...view.children];
    this.home = { view, svgs, opener, height: view.style.height, scrollLeft: view.scrollLeft };
    view.style.height = `${view.getBoundingClientRect().height}px`;
    const title = titleOf(view);
    this.title.textContent = title;
    this.surface.setAttribute("aria-label", `Diagram: ${title}`);
    this.natural = naturalSize(svgs);
    this.canvas.style.width = `${this.natural.width}px`;
    this.canvas.style.height = `${this.natural.height}px`;
    this.canvas.replaceChildren(...svgs);
    this.dialog.showModal();
    this.fit();
    this.surface.focus();
  }

  /** Put the drawing back in its view (on the "close" event, however the dialog closed). */
  restore() {
    const home = this.home;
    if (!home) return;
    this.home = null;
    this.pointers.clear();
    home.view.append(...home.svgs);
    home.view.style.height = home.height;
    home.view.scrollLeft = home.scrollLeft;
    if (home.opener.isConnected) home.opener.focus();
  }

  /** Close without giving focus back: the page it came from is gone (instant navigation). */
  dismiss() {
    if (this.home && !this.home.opener.isConnected) this.dialog.close();
  }

  surfaceSize() {
    return { width: this.surface.clientWidth, height: this.surface.clientHeight };
  }

  apply(view) {
    this.view = keepInSight(view, this.natural, this.surfaceSize());
    const { scale, x, y } = this.view;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.zoomLevel.value = `${Math.round(scale * 100)}%`;
  }

  fit() {
    this.apply(fittedView(this.natural, this.surfaceSize()));
    this.fitted = true;
  }

  /** Zoom around a point of the surface, in client px (its centre by default). */
  zoomBy(factor, clientX, clientY) {
    this.fitted = false;
    const box = this.surface.getBoundingClientRect();
    const px = clientX === undefined ? box.width / 2 : clientX - box.left;
    const py = clientY === undefined ? box.height / 2 : clientY - box.top;
    this.apply(zoomAround(this.view, factor, px, py));
  }

  panBy(dx, dy) {
    this.fitted = false;
    this.apply({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  onBackdrop(event) {
    if (event.target !== this.dialog) return false;
    const box = this.dialog.getBoundingClientRect();
    return (
      event.clientX < box.left ||
      event.clientX > box.right ||
      event.clientY < box.top ||
      event.clientY > box.bottom
    );
  }

  onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || !this.home) return;
    const step = event.shiftKey ? 4 * PAN_STEP : PAN_STEP;
    switch (event.key) {
      case "+":
      case "=":
        this.zoomBy(ZOOM_STEP);
        break;
      case "-":
      case "_":
      case "\u2212":
        this.zoomBy(1 / ZOOM_STEP);
        break;
      case "0":
      case "f":
      case "F":
        this.fit();
        break;
      case "ArrowLeft":
        this.panBy(step, 0);
        break;
      case "ArrowRight":
        this.panBy(-step, 0);
        break;
      case "ArrowUp":
        this.panBy(0, step);
        break;
      case "ArrowDown":
        this.panBy(0, -step);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  // Every wheel turn over the dialog or its backdrop stays here (the page behind must not
  // scroll); over the drawing it zooms around the pointer. Pinching a trackpad sends ctrlKey.
  onWheel(event) {
    event.preventDefault();
    if (!this.home || !this.surface.contains(event.target)) return;
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.surface.clientHeight : 1;
    const speed = event.ctrlKey ? 0.01 : 0.002;
    this.zoomBy(Math.exp(-event.deltaY * unit * speed), event.clientX, event.clientY);
  }

  onPointerDown(event) {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    try {
      this.surface.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser no longer tracks (or a synthetic one): follow it uncaptured.
    }
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.surface.classList.add("playbook-viewer__surface--dragging");
  }

  // One pointer pans; two pinch: the zoom follows their distance, around their midpoint, and the
  // drawing follows the midpoint.
  onPointerMove(event) {
    const last = this.pointers.get(event.pointerId);
    if (!last) return;
    const [first, second] = [...this.pointers.entries()];
    const now = { x: event.clientX, y: event.clientY };
    if (!second) {
      this.pointers.set(event.pointerId, now);
      this.panBy(now.x - last.x, now.y - last.y);
      return;
    }
    const before = [first[1], second[1]];
    this.pointers.set(event.pointerId, now);
    const after = [this.pointers.get(first[0]), this.pointers.get(second[0])];
    const gap = ([a, b]) => Math.hypot(a.x - b.x, a.y - b.y);
    const middle = ([a, b]) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    const from = middle(before);
    const to = middle(after);
    if (gap(before) > 0) this.zoomBy(gap(after) / gap(before), from.x, from.y);
    this.panBy(to.x - from.x, to.y - from.y);
  }

  onPointerUp(event) {
    this.pointers.delete(event.pointerId);
    if (this.pointers.size === 0) this.surface.classList.remove("playbook-viewer__surface--dragging");
  }
}

let viewer = null;

// The inline views that may scroll sideways, watched for a change of width (a window resized, a
// closed <details> or tab opened): each says whether it scrolls.
const watched = new Set();
const resized = new ResizeObserver((entries) => showOverflow(...entries.map((entry) => entry.target)));
let hints = 0;

/** Say under each of `views` that it scrolls sideways, and mark which of its edges has more
 * beyond it (data-more-before, data-more-after: diagrams.css fades them), or nothing when it
 * fits. Every view is measured before any is changed: one layout, however many diagrams. */
function showOverflow(...views) {
  const measured = views
    .filter((view) => view.querySelector(":scope > svg")) // else the drawing is in the viewer
    .map((view) => {
      const room = view.clientWidth;
      const scrolls = room > 0 && view.scrollWidth > room + 1;
      return {
        view,
        scrolls,
        before: scrolls && view.scrollLeft > 1,
        after: scrolls && view.scrollLeft + room < view.scrollWidth - 1,
      };
    });
  for (const { view, scrolls, before, after } of measured) {
    const hint = view.parentElement.querySelector(":scope > .playbook-diagram__scroll-hint");
    hint.hidden = !scrolls;
    if (scrolls) view.setAttribute("aria-describedby", hint.id);
    else view.removeAttribute("aria-describedby");
    view.toggleAttribute("data-more-before", before);
    view.toggleAttribute("data-more-after", after);
  }
}

function watchOverflow(diagram, button) {
  const view = diagram.querySelector(":scope > .playbook-diagram__view");
  hints += 1;
  const hint = element(
    "p",
    { class: "playbook-diagram__scroll-hint", id: `playbook-diagram-scroll-${hints}`, hidden: true },
    element("span", { "aria-hidden": "true" }, "\u21c6 "),
    "Scroll sideways to see it all",
  );
  button.before(hint);
  view.addEventListener("scroll", () => showOverflow(view), { passive: true });
  // Far from the viewport the drawing is skipped (diagrams.css) and the view seems to fit:
  // measured again once it is drawn, whether or not that changed its size.
  view.addEventListener("contentvisibilityautostatechange", (event) => {
    if (!event.skipped) showOverflow(view);
  });
  watched.add(view);
  resized.observe(view);
}

function initDiagrams() {
  viewer?.dismiss();
  for (const view of watched) {
    if (view.isConnected) continue;
    resized.unobserve(view);
    watched.delete(view);
  }
  for (const diagram of document.querySelectorAll("[data-diagram]:not([data-ready])")) {
    const button = diagram.querySelector(":scope > .playbook-diagram__open");
    if (!button || !diagram.querySelector(":scope > .playbook-diagram__view > svg")) continue;
    button.addEventListener("click", () => {
      viewer ??= new Viewer();
      viewer.open(diagram, button);
    });
    button.hidden = false;
    watchOverflow(diagram, button);
    diagram.setAttribute("data-ready", "");
  }
}

onEveryPage("diagrams", initDiagrams);
