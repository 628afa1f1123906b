// The mock interview's session model: pure functions of a session object and the time, plus the
// store that keeps sessions in localStorage. No DOM: mock-interview.js draws what this computes.
//
// Time is wall-clock: a step's time is what it had when it was last left or paused (`spent`)
// plus, while it runs, `now - since`, both from Date.now() timestamps. A background tab, a
// throttled timer or a sleeping laptop never makes it drift, and a reload resumes it exactly.
//
// Stored (JSON, under the widget's data-storage-prefix): `current`, the session in progress, and
// `history`, the last HISTORY_SIZE finished or abandoned sessions, newest first. Anything that is
// not a valid session for this page's steps is dropped on its own: foreign or corrupt data never
// breaks the page, and without localStorage the mock still works for the visit.

import { KeptStorage } from "./kept-storage.js";

export const HISTORY_SIZE = 20;
const VERSION = 1;
const STATUSES = ["running", "paused", "done", "abandoned"];
const MINUTE = 60_000;

/** A new session, running its first step from `now`. */
export function start(prompt, stepCount, now) {
  return {
    v: VERSION,
    id: `s${now.toString(36)}`,
    prompt: { id: String(prompt.id), title: String(prompt.title) },
    status: "running",
    startedAt: now,
    endedAt: null,
    step: 0,
    since: now,
    spent: Array(stepCount).fill(0),
    notes: Array(stepCount).fill(""),
    checks: {},
  };
}

/** Milliseconds spent in step `index` by `now` (a clock that went back counts as no time). */
export function elapsedIn(session, index, now) {
  const running = index === session.step && session.since !== null;
  return session.spent[index] + (running ? Math.max(0, now - session.since) : 0);
}

export function totalElapsed(session, now) {
  return session.spent.reduce((sum, _, index) => sum + elapsedIn(session, index, now), 0);
}

/** Whole seconds left in the current step's timebox (its upper bound); 0 or less once over. */
export function remaining(session, steps, now) {
  const left = steps[session.step].high * MINUTE - elapsedIn(session, session.step, now);
  const seconds = left > 0 ? Math.ceil(left / 1000) : -Math.floor(-left / 1000);
  return { seconds: seconds || 0, overtime: left < 0 };
}

/** The session with the running stretch of its current step added to `spent`. */
function settle(session, now) {
  const spent = session.spent.slice();
  spent[session.step] = elapsedIn(session, session.step, now);
  return { ...session, spent, since: session.status === "running" ? now : null };
}

export function pause(session, now) {
  if (session.status !== "running") return session;
  return { ...settle(session, now), status: "paused", since: null };
}

export function resume(session, now) {
  if (session.status !== "paused") return session;
  return { ...session, status: "running", since: now };
}

export function togglePause(session, now) {
  return session.status === "paused" ? resume(session, now) : pause(session, now);
}

function live(session) {
  return session.status === "running" || session.status === "paused";
}

/** The next step; on the last one, the end of the interview. */
export function next(session, now) {
  if (!live(session)) return session;
  if (session.step === session.spent.length - 1) return finish(session, now);
  return { ...settle(session, now), step: session.step + 1 };
}

export function back(session, now) {
  if (!live(session) || session.step === 0) return session;
  return { ...settle(session, now), step: session.step - 1 };
}

export function finish(session, now) {
  if (!live(session)) return session;
  return { ...settle(session, now), status: "done", since: null, endedAt: now };
}

export function abandon(session, now) {
  if (!live(session)) return session;
  return { ...settle(session, now), status: "abandoned", since: null, endedAt: now };
}

export function withNote(session, index, text) {
  const notes = session.notes.slice();
  notes[index] = String(text);
  return { ...session, notes };
}

export function withCheck(session, id, checked) {
  const checks = { ...session.checks };
  if (checked) checks[id] = true;
  else delete checks[id];
  return { ...session, checks };
}

const isTime = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** A stored session, or null unless it is a valid one for `stepCount` steps. */
export function validSession(value, stepCount) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  if (value.v !== VERSION || typeof value.id !== "string" || !STATUSES.includes(value.status)) return null;
  const prompt = value.prompt;
  if (!prompt || typeof prompt.id !== "string" || typeof prompt.title !== "string") return null;
  if (!isTime(value.startedAt) || !(value.endedAt === null || isTime(value.endedAt))) return null;
  if (!Array.isArray(value.spent) || value.spent.length !== stepCount || !value.spent.every(isTime))
    return null;
  if (!Array.isArray(value.notes) || value.notes.length !== stepCount) return null;
  if (!value.notes.every((note) => typeof note === "string")) return null;
  if (!Number.isInteger(value.step) || value.step < 0 || value.step >= stepCount) return null;
  const running = value.status === "running";
  if (running ? !isTime(value.since) : value.since !== null) return null;
  const checks = value.checks;
  if (!checks || typeof checks !== "object" || Array.isArray(checks)) return null;
  if (!Object.values(checks).every((checked) => checked === true)) return null;
  return {
    v: VERSION,
    id: value.id,
    prompt: { id: prompt.id, title: prompt.title },
    status: value.status,
    startedAt: value.startedAt,
    endedAt: value.endedAt,
    step: value.step,
    since: value.since,
    spent: value.spent.slice(),
    notes: value.notes.slice(),
    checks: { ...checks },
  };
}

/** The session in progress and the past ones, kept through a KeptStorage. */
export class SessionStore {
  /** `openStorage()` returns the Storage to keep sessions in (it may throw: storage disabled);
   * `onTrouble(kind)` is told once if it is refused or full (see kept-storage.js). */
  constructor(prefix, stepCount, openStorage, onTrouble) {
    this.stepCount = stepCount;
    this.kept = new KeptStorage(prefix, openStorage, onTrouble);
  }

  get persistent() {
    return this.kept.persistent;
  }

  read(name) {
    try {
      return JSON.parse(this.kept.get(name) ?? "null");
    } catch {
      return null;
    }
  }

  write(name, value) {
    if (value === null) this.kept.remove(name);
    else this.kept.set(name, JSON.stringify(value));
  }

  /** The session in progress or just done, or null (an invalid one is forgotten). */
  current() {
    const session = validSession(this.read("current"), this.stepCount);
    if (session === null && this.read("current") !== null) this.write("current", null);
    return session;
  }

  save(session) {
    this.write("current", session);
  }

  /** Past sessions, newest first; the entries that are not valid sessions are left out. */
  history() {
    const list = this.read("history");
    if (!Array.isArray(list)) return [];
    return list.map((entry) => validSession(entry, this.stepCount)).filter((entry) => entry !== null);
  }

  /** Keep `session` among the past ones (replacing an older copy of it), and end it. */
  archive(session) {
    const others = this.history().filter((entry) => entry.id !== session.id);
    this.write("history", [session, ...others].slice(0, HISTORY_SIZE));
  }
}

/** "4:05", "12:00", "1:02:03"; negative durations get a minus sign. */
export function clock(ms) {
  const sign = ms < 0 ? "-" : "";
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours
    ? `${sign}${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${sign}${minutes}:${seconds}`;
}

/** How a step's time compares with its timebox, in words. */
export function pacing(spentMs, step) {
  spentMs = Math.floor(spentMs / 1000) * 1000; // whole seconds, as shown
  if (spentMs > step.high * MINUTE) return `over by ${clock(spentMs - step.high * MINUTE)}`;
  if (spentMs < step.low * MINUTE) return `under by ${clock(step.low * MINUTE - spentMs)}`;
  return "within";
}

function localDate(ms) {
  const date = new Date(ms);
  const pad = (value) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The notes' file name: the prompt as a slug and the session's (local) date. */
export function fileName(session) {
  const slug = session.prompt.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug || "mock-interview"}-${localDate(session.startedAt)}.md`;
}

/** The whole session as Markdown: timings against the timeboxes, each step's notes under what
 * it was to cover and why, the self-check. */
export function markdown(session, data, now) {
  const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\s+/g, " ");
  const lines = [
    `# Mock interview: ${session.prompt.title}`,
    "",
    `${localDate(session.startedAt)} · ${clock(totalElapsed(session, now))} in all`,
    "",
    "| Step | Timebox | Time spent | Pacing |",
    "| --- | --- | --- | --- |",
  ];
  data.steps.forEach((step, index) => {
    const spent = elapsedIn(session, index, now);
    lines.push(
      `| ${step.number}. ${cell(step.name)} | ${step.timebox} | ${clock(spent)} | ${pacing(spent, step)} |`,
    );
  });
  lines.push("", "## Notes", "");
  data.steps.forEach((step, index) => {
    const quote = [];
    if (step.bullets?.length) quote.push(`> Cover: ${step.bullets.join("; ")}`);
    if (step.why) quote.push(`> Why: ${step.why}`);
    lines.push(`### ${step.number}. ${step.name}`, "");
    if (quote.length) lines.push(quote.join("\n>\n"), "");
    lines.push(session.notes[index].trim() || "_No notes._", "");
  });
  for (const group of data.checks) {
    lines.push(`## ${group.title}`, "");
    for (const item of group.items) lines.push(`- [${session.checks[item.id] ? "x" : " "}] ${item.text}`);
    lines.push("");
  }
  return lines.join("\n");
}
