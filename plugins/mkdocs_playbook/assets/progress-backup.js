// The progress backup, with no DOM: one JSON file with everything the site keeps for the reader,
// read back only once every entry of it is known to be sound, and merged with what the browser
// has rather than written over it. progress.js offers it (Export progress, Import progress).
//
//   { "format": "mkdocs-playbook-progress", "version": 1, "site": <site_name>,
//     "exported": <ISO date>, "flashcards": {name: text}, "mock": {name: text},
//     "progress": {name: text} }
//
// Each block holds the entries kept under that feature's storage prefix, by their name under it
// and as the text stored (flashcards-schedule.js, mock-session.js and progress-visits.js say
// what they are); a site without a feature has no block for it. Every entry is read with the
// parser its feature reads it with: a file with one entry that does not parse is refused whole.

import {
  fromSm2,
  PROGRESS_KEY,
  parseLegacy,
  parseProgress,
  parseSettings,
  SETTINGS,
} from "./flashcards-schedule.js";
import { HISTORY_SIZE, validSession } from "./mock-session.js";
import { mergeVisits, parseVisit, VISIT_KEY } from "./progress-visits.js";

export const FORMAT = "mkdocs-playbook-progress";
export const VERSION = 1;
export const BLOCKS = ["flashcards", "mock", "progress"];
/** Far beyond any real backup (a deck of thousands of cards and 100 sessions with notes): a
 * larger file is not one. */
export const MAX_LENGTH = 20_000_000;
const CHIME = ["on", "off"];
const FEATURE_NAMES = { flashcards: "flashcards", mock: "mock interview", progress: "progress page" };

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isPlainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
/** An entry's text by its name, never a property every object has ("constructor"). */
const own = (entries, name) => (Object.hasOwn(entries, name) ? entries[name] : undefined);
const byName = ([a], [b]) => (a < b ? -1 : 1);

/**
 * One stored entry as its feature reads it: `{kind, id?, value}`, or null when it cannot be read.
 * `site` is what the page knows of the features (`flashcards.scheduler`, `mock.steps`).
 */
export function readEntry(block, name, text, site) {
  if (typeof text !== "string") return null;
  if (block === "flashcards") {
    if (name === SETTINGS) return parseSettings(text) && { kind: "setting", value: text };
    if (name.startsWith(PROGRESS_KEY)) {
      const value = parseProgress(text);
      return value && { kind: "card", id: name.slice(PROGRESS_KEY.length), value };
    }
    const value = parseLegacy(text);
    return value && { kind: "legacy", id: name, value: fromSm2(value, site.flashcards.scheduler) };
  }
  if (block === "mock") {
    const steps = site.mock.steps?.length ? site.mock.steps : null;
    if (name === "chime") return CHIME.includes(text) ? { kind: "setting", value: text } : null;
    if (name === "current") {
      const value = validSession(parseJson(text) ?? null, steps);
      return value && { kind: "current", value };
    }
    if (name === "history") {
      const list = parseJson(text);
      if (!Array.isArray(list)) return null;
      const sessions = list.map((entry) => validSession(entry, steps));
      return sessions.every((session) => session !== null) ? { kind: "history", value: sessions } : null;
    }
    return null;
  }
  if (block === "progress" && name.startsWith(VISIT_KEY)) {
    const value = parseVisit(text);
    return value && { kind: "visit", value };
  }
  return null;
}

/** Mock sessions' history as exported: the sessions the mock can read (others, a newer
 * version's, stay in the browser but cannot be restored anywhere). */
function exportedHistory(text, site) {
  const list = parseJson(text);
  if (!Array.isArray(list)) return null;
  const steps = site.mock.steps?.length ? site.mock.steps : null;
  const sessions = list.filter((entry) => validSession(entry, steps) !== null);
  return { text: JSON.stringify(sessions), left: list.length - sessions.length };
}

/**
 * The backup of `stored` (`{block: {name: text}}`, what the browser keeps under each prefix of
 * the site) at `now`: every entry its feature can read, and how many it could not (left out,
 * as the features themselves ignore them). Counts say what is in it.
 */
export function makeBackup(stored, site, now) {
  const backup = { format: FORMAT, version: VERSION, site: site.name, exported: new Date(now).toISOString() };
  let left = 0;
  for (const block of BLOCKS) {
    if (!site[block]) continue;
    const entries = [];
    for (const [name, text] of Object.entries(stored[block] ?? {}).sort(byName)) {
      if (block === "mock" && name === "history") {
        const history = exportedHistory(text, site);
        if (history === null) left += 1;
        else {
          entries.push([name, history.text]);
          left += history.left;
        }
      } else if (readEntry(block, name, text, site) === null) left += 1;
      else entries.push([name, text]);
    }
    backup[block] = Object.fromEntries(entries);
  }
  return { backup, counts: countsOf(backup, site), left };
}

/** What a backup holds, as the reader counts it: cards, mock interviews, pages opened. */
function countsOf(backup, site) {
  const counts = { cards: new Set(), sessions: 0, pages: 0 };
  for (const block of BLOCKS) {
    for (const [name, text] of Object.entries(backup[block] ?? {})) {
      const entry = site[block] ? readEntry(block, name, text, site) : null;
      if (entry?.kind === "card" || entry?.kind === "legacy") counts.cards.add(entry.id);
      else if (entry?.kind === "history") counts.sessions += entry.value.length;
      else if (entry?.kind === "visit") counts.pages += 1;
    }
  }
  return { cards: counts.cards.size, sessions: counts.sessions, pages: counts.pages };
}

function refused(reason, message) {
  return { ok: false, reason, message };
}

/**
 * A backup file's text, read for this site, or why it is refused (`{ok: false, reason,
 * message}`; reason: "not-json", "foreign", "newer", "other-site", "damaged"). Every entry is
 * read before the answer: `{ok: true, blocks: {block: {name: text}}, ignored: [block]}`, the
 * blocks of features this site does not have being left out (ignored).
 */
export function readBackup(text, site) {
  if (typeof text !== "string" || text.length > MAX_LENGTH) {
    return refused("foreign", "This file is too large to be a progress backup.");
  }
  const file = parseJson(text);
  if (file === undefined) return refused("not-json", "This file is not a progress backup: it is not JSON.");
  if (!isPlainObject(file) || file.format !== FORMAT) {
    return refused("foreign", `This file is not a progress backup: it has no "format": "${FORMAT}".`);
  }
  if (!Number.isInteger(file.version) || file.version < 1) {
    return refused("damaged", "This backup is damaged: its version is not a whole number.");
  }
  if (file.version > VERSION) {
    return refused(
      "newer",
      `This backup was made by a newer version of the site (backup version ${file.version}; this ` +
        `page reads version ${VERSION}). Import it once this site is updated.`,
    );
  }
  if (
    typeof file.site !== "string" ||
    typeof file.exported !== "string" ||
    Number.isNaN(Date.parse(file.exported))
  ) {
    return refused(
      "damaged",
      "This backup is damaged: it does not say which site it is of, or when it was made.",
    );
  }
  if (file.site !== site.name) {
    return refused("other-site", `This backup is of another site, "${file.site}", not of "${site.name}".`);
  }
  const blocks = {};
  const ignored = [];
  for (const block of BLOCKS) {
    const entries = file[block];
    if (entries === undefined) continue;
    if (!isPlainObject(entries)) {
      return refused("damaged", `This backup is damaged: its "${block}" part is not a set of entries.`);
    }
    if (!site[block]) {
      if (Object.keys(entries).length > 0) ignored.push(block);
      continue;
    }
    for (const [name, value] of Object.entries(entries)) {
      if (readEntry(block, name, value, site) === null) {
        return refused("damaged", `This backup is damaged: its ${block} entry "${name}" cannot be read.`);
      }
    }
    blocks[block] = { ...entries };
  }
  return { ok: true, blocks, ignored };
}

/** The newest of the card's entries by their last review: which of `here` and `there` to keep. */
function newerCard(here, there) {
  return here === null || there.value.last_review > here.value.last_review;
}

function sessionTime(entry) {
  return Number.isFinite(entry?.startedAt) ? entry.startedAt : 0;
}

/** What the browser keeps of a card (its FSRS entry, else its SM-2 one), read. */
function storedCard(local, id, site) {
  const fsrs = readEntry("flashcards", PROGRESS_KEY + id, own(local, PROGRESS_KEY + id), site);
  return fsrs ?? readEntry("flashcards", id, own(local, id), site);
}

function mergeFlashcards(local, incoming, site, writes, restored) {
  for (const [name, text] of Object.entries(incoming)) {
    const entry = readEntry("flashcards", name, text, site);
    if (entry.kind === "setting") {
      if (own(local, name) === undefined) writes.set(name, text); // the reader's own settings stay
    } else if (entry.kind === "card") {
      if (newerCard(storedCard(local, entry.id, site), entry) && own(local, name) !== text) {
        writes.set(name, text);
        restored.add(entry.id);
      }
    } else if (storedCard(local, entry.id, site) === null) {
      writes.set(name, text); // SM-2 progress of a card this browser never studied
      restored.add(entry.id);
    }
  }
}

function mergeMock(local, incoming, site, writes) {
  let sessions = 0;
  for (const [name, text] of Object.entries(incoming)) {
    if (name === "history") {
      const stored = parseJson(own(local, name) ?? "[]");
      const list = Array.isArray(stored) ? stored : [];
      const known = new Set(list.map((entry) => entry?.id));
      const added = readEntry("mock", name, text, site).value.filter((session) => !known.has(session.id));
      if (added.length === 0) continue;
      const merged = [...list, ...added]
        .sort((a, b) => sessionTime(b) - sessionTime(a))
        .slice(0, HISTORY_SIZE);
      sessions = added.filter((session) => merged.includes(session)).length;
      writes.set(name, JSON.stringify(merged));
    } else if (own(local, name) === undefined) {
      writes.set(name, text); // the session in progress and the chime: this browser's own win
    }
  }
  return sessions;
}

function mergeVisitsBlock(local, incoming, site, writes) {
  let pages = 0;
  for (const [name, text] of Object.entries(incoming)) {
    const there = readEntry("progress", name, text, site).value;
    const here = readEntry("progress", name, own(local, name), site)?.value ?? null;
    const merged = JSON.stringify(here === null ? there : mergeVisits(here, there));
    if (merged !== own(local, name)) {
      writes.set(name, merged);
      if (here === null) pages += 1;
    }
  }
  return pages;
}

/**
 * A read backup's blocks merged into what the browser keeps (`local`: `{block: {name: text}}`):
 * each card keeps its most recently reviewed state; mock sessions are joined by id (the
 * newest HISTORY_SIZE kept); visits span both records; settings, the session in progress and
 * anything else without a date stay as they are here, taken from the file only where this
 * browser has none. Returns the writes (`{block: Map name -> text}`) and what they restore.
 */
export function mergeBackup(local, blocks, site) {
  const writes = { flashcards: new Map(), mock: new Map(), progress: new Map() };
  const cards = new Set();
  let sessions = 0;
  let pages = 0;
  if (blocks.flashcards)
    mergeFlashcards(local.flashcards ?? {}, blocks.flashcards, site, writes.flashcards, cards);
  if (blocks.mock) sessions = mergeMock(local.mock ?? {}, blocks.mock, site, writes.mock);
  if (blocks.progress) pages = mergeVisitsBlock(local.progress ?? {}, blocks.progress, site, writes.progress);
  return { writes, counts: { cards: cards.size, sessions, pages } };
}

/**
 * Write `[key, text]` pairs to a Storage all or nothing: when one write fails (the storage is
 * full, or refused), the keys already written get their old values back and the error is
 * thrown again.
 */
export function writeAll(storage, writes) {
  const before = writes.map(([key]) => [key, storage.getItem(key)]);
  let done = 0;
  try {
    for (const [key, text] of writes) {
      storage.setItem(key, text);
      done += 1;
    }
  } catch (error) {
    // The write that failed changed nothing; those before it are undone, each removed first
    // so that the space its new value took is free for the old one.
    for (const [key, text] of before.slice(0, done).reverse()) {
      try {
        storage.removeItem(key);
        if (text !== null) storage.setItem(key, text);
      } catch {
        // The old value fitted before: nothing more can be done if even that fails.
      }
    }
    throw error;
  }
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function joined(parts) {
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts.join("");
}

/** "42 cards, 3 mock interviews and 5 pages opened": what `counts` hold of the features `site`
 * has (the pages opened only when there are some). */
export function describeCounts(counts, site) {
  const parts = [];
  if (site.flashcards) parts.push(plural(counts.cards, "card", "cards"));
  if (site.mock) parts.push(plural(counts.sessions, "mock interview", "mock interviews"));
  if (counts.pages > 0 || parts.length === 0) parts.push(plural(counts.pages, "page opened", "pages opened"));
  return joined(parts);
}

/** What an import did, in a sentence or two: "Restored 42 cards and 3 mock interviews." */
export function restoredMessage(counts, ignored, site) {
  const total = counts.cards + counts.sessions + counts.pages;
  const done =
    total === 0
      ? "Nothing to restore: this browser already had everything in the file."
      : `Restored ${describeCounts(counts, site)}.`;
  const left = ignored.map((block) => FEATURE_NAMES[block]);
  return left.length ? `${done} This site has no ${joined(left)}: that part of the file was left out.` : done;
}
