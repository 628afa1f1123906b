// The visits the progress page reports, with no DOM: a tracked page notes when the reader first
// and last opened it (progress-track.js), the progress page lists them (progress.js), and a backup
// carries and merges them (progress-backup.js).
//
// Stored under the progress feature's prefix, one entry per page: key `visited/<path under docs/>`,
// value `{"first": ms, "last": ms}` (milliseconds since 1970).

export const VISIT_KEY = "visited/";

const isTime = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** A stored visit, or null when the text is not one. */
export function parseVisit(text) {
  if (typeof text !== "string") return null;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  if (!isTime(value.first) || !isTime(value.last) || value.first > value.last) return null;
  return { first: value.first, last: value.last };
}

/** The visit once the page is opened at `now`; `previous` is the stored one, or null. A clock
 * set back never moves the first visit later nor the last one earlier. */
export function visitedAt(previous, now) {
  if (previous === null) return { first: now, last: now };
  return { first: Math.min(previous.first, now), last: Math.max(previous.last, now) };
}

/** Two records of the same page's visits as one: the earliest first, the latest last. */
export function mergeVisits(one, other) {
  return { first: Math.min(one.first, other.first), last: Math.max(one.last, other.last) };
}

/** Note a visit to `page` at `now` in a KeptStorage under the progress prefix. */
export function recordVisit(kept, page, now) {
  const visit = visitedAt(parseVisit(kept.get(VISIT_KEY + page)), now);
  kept.set(VISIT_KEY + page, JSON.stringify(visit));
}
