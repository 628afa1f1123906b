// The flashcards' schedule and saved progress, with no DOM: FSRS through ts-fsrs (its maintained
// reference implementation, served with the plugin's assets), what is due and learned, the
// conversion of progress the SM-2 scheduler saved before, and the progress store (kept-storage.js:
// localStorage in the page, a Map in tests). The parameters are the build's
// (plugins/mkdocs_playbook/flashcards/scheduling.py), read from the page.
//
// Saved progress: one entry per card, key `${prefix}fsrs/${cardId}`, value a JSON object of FSRS's
// card fields (scheduling.py's PROGRESS_FIELDS), and the section filter and shuffle under
// `${prefix}settings`. SM-2 progress (key `${prefix}${cardId}`, LEGACY_PROGRESS_FIELDS) is
// converted the first time its card is read, and left where it is: a page still open from before
// the upgrade (which drops what it cannot read) never meets the new entries. An entry that cannot
// be read is ignored, never removed: its card counts as new until it is graded. Without a
// storage, study works for the visit.

import { KeptStorage } from "./kept-storage.js";
import { createEmptyCard, fsrs, Rating } from "./vendor/ts-fsrs/index.mjs";

export const GRADES = ["again", "hard", "good", "easy"];
/** Where each card's FSRS progress is kept, under the store's prefix. */
export const PROGRESS_KEY = "fsrs/";
const RATINGS = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
/** ts-fsrs's card states, by number (State.New is 0). A new card has no saved entry. */
const STATES = ["new", "learning", "review", "relearning"];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Where the study settings are kept, under the store's prefix. */
export const SETTINGS = "settings";
/** The recall odds SM-2's intervals are taken to aim at when its progress is converted. */
const SM2_RETENTION = 0.9;

/** FSRS with the build's parameters: the next progress of a card for each grade. */
export class Scheduler {
  constructor(params) {
    this.params = params;
    this.fsrs = fsrs({
      request_retention: params.target_retention,
      maximum_interval: params.maximum_interval_days,
      w: params.weights,
      enable_fuzz: params.fuzz,
      enable_short_term: true,
      learning_steps: params.learning_steps,
      relearning_steps: params.relearning_steps,
    });
  }

  /** The progress of a card after `grade` at `now` (ms since the epoch); `progress` is its
   * saved progress, null for a new card. Pure: the same arguments give the same answer. */
  next(progress, grade, now) {
    if (!GRADES.includes(grade)) throw new RangeError(`unknown grade ${grade}`);
    const at = new Date(now);
    const card = progress === null ? createEmptyCard(at) : toCard(progress, now);
    return fromCard(this.fsrs.next(card, at, RATINGS[grade]).card);
  }
}

/** A ts-fsrs card; a last review after `now` (a clock set wrong, then right) counts as now. */
function toCard(progress, now) {
  return {
    due: new Date(progress.due),
    stability: progress.stability,
    difficulty: progress.difficulty,
    elapsed_days: 0, // deprecated in ts-fsrs, which works it out from last_review
    scheduled_days: progress.scheduled_days,
    learning_steps: progress.learning_steps,
    reps: progress.reps,
    lapses: progress.lapses,
    state: STATES.indexOf(progress.state),
    last_review: new Date(Math.min(progress.last_review, now)),
  };
}

function fromCard(card) {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    state: STATES[card.state],
    last_review: card.last_review.getTime(),
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learning_steps,
    scheduled_days: card.scheduled_days,
  };
}

export function isDue(progress, now) {
  return progress === null || progress.due <= now;
}

/** Learned: in review (past its learning steps) and remembered for `learned_stability_days`. */
export function isLearned(progress, params) {
  return (
    progress !== null && progress.state === "review" && progress.stability >= params.learned_stability_days
  );
}

/**
 * FSRS progress from SM-2's, as Anki converts SM-2 cards when it switches to FSRS (with SM-2
 * taken to aim at 90% recall): the interval becomes the stability, and the ease the difficulty
 * at which a Good review would grow the stability by that ease. The due date and the last
 * review stay. A card whose last grade was Again (interval 0) is relearning, with the stability
 * FSRS gives a first Again. So a card SM-2 counted as learned (interval >= 4 days) is in review
 * with a stability of 4 days or more: learned.
 */
export function fromSm2(legacy, params) {
  const w = params.weights;
  const reviewing = legacy.interval > 0;
  const stability = reviewing ? legacy.interval : w[0];
  // FSRS-6, Good at 90% recall: S' = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1 - 0.9)) - 1)).
  const growth = Math.exp(w[8]) * stability ** -w[9] * Math.expm1(w[10] * (1 - SM2_RETENTION));
  const difficulty = Math.min(10, Math.max(1, 11 - (legacy.ease - 1) / growth));
  return {
    due: legacy.due,
    stability,
    difficulty,
    state: reviewing ? "review" : "relearning",
    last_review: legacy.last > 0 ? legacy.last : legacy.due - legacy.interval * DAY,
    reps: legacy.reps + legacy.lapses,
    lapses: legacy.lapses,
    learning_steps: 0,
    scheduled_days: legacy.interval,
  };
}

function parseObject(text) {
  if (typeof text !== "string") return null;
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

const finite = (value) => typeof value === "number" && Number.isFinite(value);
const count = (value) => Number.isInteger(value) && value >= 0;

/** A saved FSRS entry, or null when it is not valid progress (it is then ignored). */
export function parseProgress(text) {
  const value = parseObject(text);
  if (value === null) return null;
  const times = ["due", "last_review"];
  const counts = ["reps", "lapses", "learning_steps", "scheduled_days"];
  if (![...times, "stability", "difficulty"].every((key) => finite(value[key]))) return null;
  if (!counts.every((key) => count(value[key]))) return null;
  if (!STATES.includes(value.state) || value.state === "new") return null;
  if (value.stability <= 0 || value.difficulty < 1 || value.difficulty > 10) return null;
  return Object.fromEntries(
    [...times, "stability", "difficulty", "state", ...counts].map((key) => [key, value[key]]),
  );
}

/** The saved study settings (section filter, shuffle), or null when the text is not an object. */
export function parseSettings(text) {
  return parseObject(text);
}

/** A saved SM-2 entry, or null when it is not one. */
export function parseLegacy(text) {
  const value = parseObject(text);
  if (value === null) return null;
  const numbers = ["due", "interval", "ease", "reps", "lapses", "last"];
  if (!numbers.every((key) => finite(value[key]))) return null;
  if (value.interval < 0 || value.ease <= 0 || !count(value.reps) || !count(value.lapses)) return null;
  return Object.fromEntries(numbers.map((key) => [key, value[key]]));
}

/** "10 min", "1 day", "6 days", "2 mo", "1.2 yr": how long until `ms` from now. */
export function describeDelay(ms) {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(ms / (60 * MINUTE));
  if (hours < 24) return `${hours} h`;
  const days = Math.round(ms / DAY);
  if (days < 31) return days === 1 ? "1 day" : `${days} days`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${Math.round((days / 365) * 10) / 10} yr`;
}

/** Each card's progress and the study settings, kept through a KeptStorage. */
export class ProgressStore {
  /** `openStorage()` returns the Storage to keep progress in (it may throw: storage
   * disabled); `onTrouble(kind)` is told once if it is refused or full (see kept-storage.js);
   * `params` are the scheduler's, which SM-2 progress is converted with. */
  constructor(prefix, openStorage, onTrouble, params) {
    this.kept = new KeptStorage(prefix, openStorage, onTrouble);
    this.params = params;
    this.progress = new Map(); // card id -> progress, or null for a new card
    this.stored = this.kept.names(); // what there is to read: a new card costs no lookup
  }

  get persistent() {
    return this.kept.persistent;
  }

  get(id) {
    if (this.progress.has(id)) return this.progress.get(id);
    if (!this.stored.has(PROGRESS_KEY + id) && !this.stored.has(id)) {
      this.progress.set(id, null);
      return null;
    }
    const saved = this.kept.get(PROGRESS_KEY + id);
    let progress = parseProgress(saved);
    if (progress === null) {
      const legacy = parseLegacy(this.kept.get(id));
      if (legacy !== null) {
        progress = fromSm2(legacy, this.params);
        // Converted once; an unreadable FSRS entry is left alone until the card is graded.
        if (saved === null) this.kept.set(PROGRESS_KEY + id, JSON.stringify(progress));
      }
    }
    this.progress.set(id, progress);
    return progress;
  }

  set(id, progress) {
    this.progress.set(id, progress);
    this.kept.set(PROGRESS_KEY + id, JSON.stringify(progress));
  }

  /** The card is new again (its first grade undone). */
  forget(id) {
    this.progress.set(id, null);
    this.kept.remove(PROGRESS_KEY + id);
  }

  settings() {
    return parseSettings(this.kept.get(SETTINGS) ?? "{}") ?? {};
  }

  saveSettings(settings) {
    this.kept.set(SETTINGS, JSON.stringify(settings));
  }

  /** Forget the cards' progress, the SM-2 entries too (they would be converted again). */
  reset(ids) {
    for (const id of ids) {
      this.progress.set(id, null);
      this.kept.remove(PROGRESS_KEY + id);
      this.kept.remove(id);
    }
  }
}
