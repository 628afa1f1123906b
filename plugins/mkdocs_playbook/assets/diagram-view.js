// The full-size diagram viewer's geometry, with no DOM: a view is {scale, x, y}, the drawing's
// natural size and the surface's are {width, height} in CSS px.

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
export const ZOOM_STEP = 1.25; // per key press or button
export const PAN_STEP = 48; // px per arrow key press; four times that with Shift
// Mermaid draws labels at 16 px: fitting a tall drawing's height never takes them below 12.8 px.
export const LEGIBLE_SCALE = 0.8;
const KEEP_VISIBLE = 48; // px of the drawing that panning always leaves on screen
const MARGIN = 16; // px around the fitted drawing

/** The view ({scale, x, y}) after zooming by `factor` around the surface point (px, py), which
 * stays where it is on screen. A view fitted below MIN_SCALE (a very wide drawing on a phone)
 * may stay there, but zooming never takes it further out. */
export function zoomAround(view, factor, px, py) {
  const floor = Math.min(MIN_SCALE, view.scale);
  const scale = Math.min(MAX_SCALE, Math.max(floor, view.scale * factor));
  const ratio = scale / view.scale;
  return { scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio };
}

/** The view the viewer opens with and its Fit button restores, for a drawing of `natural` size
 * on a `surface` (both {width, height} in CSS px): the drawing's whole width on screen, both
 * sides MARGIN px inside it however narrow the screen (a phone), and its whole height too unless
 * that would take labels below LEGIBLE_SCALE; never larger than natural size. Centred across,
 * and down too when it fits, else from its top. */
export function fittedView(natural, surface) {
  const room = {
    width: Math.max(1, surface.width - 2 * MARGIN),
    height: Math.max(1, surface.height - 2 * MARGIN),
  };
  const across = Math.min(1, room.width / natural.width);
  const whole = Math.min(across, room.height / natural.height);
  const scale = Math.max(whole, Math.min(across, LEGIBLE_SCALE));
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
