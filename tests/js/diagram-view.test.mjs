// diagram-view.js: the full-size viewer's geometry.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fittedView,
  keepInSight,
  LEGIBLE_SCALE,
  MAX_SCALE,
  MIN_SCALE,
  zoomAround,
} from "../../plugins/mkdocs_playbook/assets/diagram-view.js";

// A Moto G Power's screen (412 x 823) less the viewer's bar, and a laptop's window.
const PHONE = { width: 412, height: 700 };
const LAPTOP = { width: 1248, height: 600 };

/** Where the drawing's left and right edges are on the surface, in px. */
function edges(view, natural) {
  return { left: view.x, right: view.x + natural.width * view.scale };
}

test("zoom stays within its bounds", () => {
  assert.equal(zoomAround({ scale: MAX_SCALE, x: 0, y: 0 }, 2, 50, 50).scale, MAX_SCALE);
  assert.equal(zoomAround({ scale: 0.3, x: 0, y: 0 }, 0.5, 50, 50).scale, MIN_SCALE);
  assert.equal(zoomAround({ scale: 1, x: 0, y: 0 }, 1.5, 50, 50).scale, 1.5);
});

test("zooming keeps the point under the pointer where it is", () => {
  const view = { scale: 1, x: 10, y: 20 };
  const after = zoomAround(view, 2, 110, 220);
  // The drawing point under (110, 220) was (100, 200); at scale 2 it is still at (110, 220).
  assert.deepEqual(after, { scale: 2, x: -90, y: -180 });
});

test("a view fitted below the least zoom stays there, and zooming out never zooms in", () => {
  const fitted = { scale: 0.19, x: 0, y: 0 };
  assert.equal(zoomAround(fitted, 1 / 1.25, 0, 0).scale, 0.19);
  assert.ok(zoomAround(fitted, 1.25, 0, 0).scale > 0.19);
});

test("a drawing wider than a phone opens with both sides on the screen", () => {
  // The site's widest drawings: the reference diagram and the deep dives' write path.
  for (const natural of [
    { width: 602, height: 1004 },
    { width: 962, height: 1591 },
    { width: 2000, height: 500 },
  ]) {
    const view = fittedView(natural, PHONE);
    const { left, right } = edges(view, natural);
    assert.ok(left >= 16 && right <= PHONE.width - 16, `${natural.width} px: ${left}..${right}`);
    assert.ok(view.scale < LEGIBLE_SCALE, "the width wins over legibility");
  }
});

test("a drawing opens whole when it fits, at natural size at most", () => {
  const small = fittedView({ width: 200, height: 100 }, { width: 1000, height: 800 });
  assert.deepEqual(small, { scale: 1, x: 400, y: 350 });
  const wide = fittedView({ width: 1500, height: 500 }, { width: 1000, height: 800 });
  assert.equal(wide.scale, (1000 - 32) / 1500, "the whole width, whatever the labels");
  assert.equal(wide.x, 16);
});

test("fitting a tall drawing's height stops at legible labels, and it opens from its top", () => {
  const reference = fittedView({ width: 602, height: 1004 }, LAPTOP);
  assert.equal(reference.scale, LEGIBLE_SCALE);
  assert.equal(reference.y, 16);
  assert.equal(reference.x, (LAPTOP.width - 602 * LEGIBLE_SCALE) / 2);
  const tall = fittedView({ width: 400, height: 4000 }, { width: 1000, height: 800 });
  assert.equal(tall.scale, LEGIBLE_SCALE);
  assert.equal(tall.y, 16, "a drawing taller than the screen opens from its top");
  const nearly = fittedView({ width: 400, height: 900 }, { width: 1000, height: 800 });
  assert.equal(nearly.scale, (800 - 32) / 900, "shrunk a little to show it whole");
});

test("a surface smaller than the margins still gives a finite view", () => {
  const view = fittedView({ width: 600, height: 400 }, { width: 10, height: 10 });
  assert.ok(Number.isFinite(view.scale) && view.scale > 0);
});

test("panning always leaves part of the drawing on screen", () => {
  const natural = { width: 400, height: 300 };
  const surface = { width: 800, height: 600 };
  const far = keepInSight({ scale: 1, x: 5000, y: -5000 }, natural, surface);
  assert.deepEqual(far, { scale: 1, x: 800 - 48, y: 48 - 300 });
  const inside = { scale: 1, x: 100, y: 100 };
  assert.deepEqual(keepInSight(inside, natural, surface), inside);
});
