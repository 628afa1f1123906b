// The flashcards' schedule and saved progress, with no DOM: SM-2 with four grades, what is due and
// learned, and the progress store (kept-storage.js: localStorage in the page, a Map in tests).
// The parameters are the build's (plugins/mkdocs_playbook/flashcards/scheduling.py), read from the page.
//
// Saved progress: one entry per card, key `${prefix}${cardId}`, value a JSON object
// {due, interval, ease, reps, lapses, last} (scheduling.py's PROGRESS_FIELDS), and the section
// filter and shuffle under `${prefix}settings`. An entry that cannot be read is dropped on its
// own, settings that cannot be read are ignored; without a storage, study works for the visit.

import { KeptStorage } from "./kept-storage.js";

export const GRADES = ["again", "hard", "good", "easy"];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SETTINGS = "settings";

/**
 * SM-2 with four grades. Pure: the next progress of a card from its current progress (null for
 * a new card), the grade, the time (ms since the epoch) and the build's parameters.
 *
 * - again: start over (reps 0, one more lapse), due in `again_minutes`.
 * - first review: `first_interval_days[grade]`; second: `second_interval_days[grade]`.
 * - later: interval × hard_factor (hard), × ease (good), × ease × easy_bonus (easy), rounded.
 * - after the first review the interval never shrinks (hard) or grows by at least a day.
 * - ease += ease_change[grade], never below minimum_ease; intervals capped at
 *   maximum_interval_days.
 */
export function schedule(progress, grade, now, params) {
  if (!GRADES.includes(grade)) throw new RangeError(`unknown grade ${grade}`);
  const previous = progress ?? {
    due: now,
    interval: 0,
    ease: params.initial_ease,
    reps: 0,
    lapses: 0,
    last: 0,
  };
  const ease = Math.max(
    params.minimum_ease,
    Math.round((previous.ease + params.ease_change[grade]) * 100) / 100,
  );
  if (grade === "again") {
    return {
      due: now + params.again_minutes * MINUTE,
      interval: 0,
      ease,
      reps: 0,
      lapses: previous.lapses + 1,
      last: now,
    };
  }
  let interval;
  if (previous.reps === 0) interval = params.first_interval_days[grade];
  else if (previous.reps === 1) interval = params.second_interval_days[grade];
  else {
    const factor = { hard: params.hard_factor, good: previous.ease, easy: previous.ease * params.easy_bonus }[
      grade
    ];
    interval = Math.round(previous.interval * factor);
  }
  if (previous.reps > 0) {
    interval = Math.max(interval, grade === "hard" ? previous.interval : previous.interval + 1);
  }
  interval = Math.min(Math.max(interval, 1), params.maximum_interval_days);
  return {
    due: now + interval * DAY,
    interval,
    ease,
    reps: previous.reps + 1,
    lapses: previous.lapses,
    last: now,
  };
}

export function isDue(progress, now) {
  return progress === null || progress.due <= now;
}

export function isLearned(progress, params) {
  return progress !== null && progress.interval >= params.learned_interval_days;
}

/** A saved entry, or null when it is not valid progress (it is then dropped, alone). */
export function parseProgress(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const numbers = ["due", "interval", "ease", "reps", "lapses", "last"];
  if (!numbers.every((key) => typeof value[key] === "number" && Number.isFinite(value[key]))) return null;
  if (value.interval < 0 || value.ease <= 0 || value.reps < 0 || value.lapses < 0) return null;
  if (!Number.isInteger(value.reps) || !Number.isInteger(value.lapses)) return null;
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
   * disabled); `onTrouble(kind)` is told once if it is refused or full (see kept-storage.js). */
  constructor(prefix, openStorage, onTrouble) {
    this.kept = new KeptStorage(prefix, openStorage, onTrouble);
    this.progress = new Map(); // card id -> parsed progress, or null
  }

  get persistent() {
    return this.kept.persistent;
  }

  get(id) {
    if (this.progress.has(id)) return this.progress.get(id);
    const raw = this.kept.get(id);
    let progress = null;
    if (raw !== null) {
      progress = parseProgress(raw);
      if (progress === null) this.kept.remove(id); // unreadable: dropped on its own
    }
    this.progress.set(id, progress);
    return progress;
  }

  set(id, progress) {
    this.progress.set(id, progress);
    this.kept.set(id, JSON.stringify(progress));
  }

  settings() {
    try {
      const value = JSON.parse(this.kept.get(SETTINGS) ?? "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch {
      return {};
    }
  }

  saveSettings(settings) {
    this.kept.set(SETTINGS, JSON.stringify(settings));
  }

  reset(ids) {
    for (const id of ids) {
      this.progress.set(id, null);
      this.kept.remove(id);
    }
  }
}
