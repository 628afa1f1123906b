// diagram-view.js: the full-size viewer's geometry.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  clampScale,
  keepInSight,
  MAX_SCALE,
  MIN_SCALE,
  OPEN_MIN_SCALE,
  openingView,
  zoomAround,
} from "../../plugins/mkdocs_playbook/assets/diagram-view.js";

test("zoom stays within its bounds", () => {
  assert.equal(clampScale(100), MAX_SCALE);
  assert.equal(clampScale(0.01), MIN_SCALE);
  assert.equal(clampScale(1.5), 1.5);
});

test("zooming keeps the point under the pointer where it is", () => {
  const view = { scale: 1, x: 10, y: 20 };
  const after = zoomAround(view, 2, 110, 220);
  // The drawing point under (110, 220) was (100, 200); at scale 2 it is still at (110, 220).
  assert.deepEqual(after, { scale: 2, x: -90, y: -180 });
  assert.equal(zoomAround({ scale: MAX_SCALE, x: 0, y: 0 }, 2, 50, 50).scale, MAX_SCALE);
});

test("a drawing opens whole when it fits, at natural size at most", () => {
  const small = openingView({ width: 200, height: 100 }, { width: 1000, height: 800 });
  assert.deepEqual(small, { scale: 1, x: 400, y: 350 });
  const wide = openingView({ width: 2000, height: 500 }, { width: 1000, height: 800 });
  assert.equal(wide.scale, OPEN_MIN_SCALE, "never below a legible scale");
  assert.equal(wide.x, (1000 - 2000 * OPEN_MIN_SCALE) / 2);
  const tall = openingView({ width: 400, height: 4000 }, { width: 1000, height: 800 });
  assert.equal(tall.y, 16, "a drawing taller than the screen opens from its top");
});

test("panning always leaves part of the drawing on screen", () => {
  const natural = { width: 400, height: 300 };
  const surface = { width: 800, height: 600 };
  const far = keepInSight({ scale: 1, x: 5000, y: -5000 }, natural, surface);
  assert.deepEqual(far, { scale: 1, x: 800 - 48, y: 48 - 300 });
  const inside = { scale: 1, x: 100, y: 100 };
  assert.deepEqual(keepInSight(inside, natural, surface), inside);
});
