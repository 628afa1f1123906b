// The full-size diagram viewer's geometry, with no DOM: a view is {scale, x, y}, the drawing's
// natural size and the surface's are {width, height} in CSS px.

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
export const ZOOM_STEP = 1.25; // per key press or button
export const PAN_STEP = 48; // px per arrow key press; four times that with Shift
// Mermaid draws labels at 16 px: the viewer opens at no less than 0.8 (12.8 px labels), at most at
// natural size, and in between just small enough to show the whole drawing.
export const OPEN_MIN_SCALE = 0.8;
const KEEP_VISIBLE = 48; // px of the drawing that panning always leaves on screen
const MARGIN = 16; // px around the drawing when it opens

/** A zoom level within [MIN_SCALE, MAX_SCALE]. */
export function clampScale(scale) {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The view ({scale, x, y}) after zooming by `factor` around the surface point (px, py), which
 * stays where it is on screen. */
export function zoomAround(view, factor, px, py) {
  const scale = clampScale(view.scale * factor);
  const ratio = scale / view.scale;
  return { scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/** The view the viewer opens with, for a drawing of `natural` size on a `surface` (both
 * {width, height} in CSS px): centred across, and down too when it fits, else from its top,
 * MARGIN px below the surface's edge. */
export function openingView(natural, surface) {
  const room = { width: surface.width - 2 * MARGIN, height: surface.height - 2 * MARGIN };
  const fit = Math.min(room.width / natural.width, room.height / natural.height);
  const scale = Math.min(1, Math.max(OPEN_MIN_SCALE, fit));
  const height = natural.height * scale;
  return {
    scale,
    x: (surface.width - natural.width * scale) / 2,
    y: height <= room.height ? (surface.height - height) / 2 : MARGIN,
  };
}

/** The view moved back, if needed, so at least KEEP_VISIBLE px of the drawing stay on screen. */
export function keepInSight(view, natural, surface) {
  const width = natural.width * view.scale;
  const height = natural.height * view.scale;
  const keepX = Math.min(KEEP_VISIBLE, width);
  const keepY = Math.min(KEEP_VISIBLE, height);
  return {
    scale: view.scale,
    x: Math.min(surface.width - keepX, Math.max(keepX - width, view.x)),
    y: Math.min(surface.height - keepY, Math.max(keepY - height, view.y)),
  };
}
