// The mock interview's session model: pure functions of a session object and the time, plus the
// store that keeps sessions in localStorage. No DOM: mock-interview.js draws what this computes,
// and any other page (the progress page) can read the history through SessionStore and
// `summary`.
//
// Time is wall-clock: a step's time is what it had when it was last left or paused (`spent`)
// plus, while it runs, `now - since`, both from Date.now() timestamps. A background tab, a
// throttled timer or a sleeping laptop never makes it drift, and a reload resumes it exactly.
//
// Stored (JSON, under the widget's data-storage-prefix): `current`, the session in progress or
// just finished; `history`, the last HISTORY_SIZE finished or abandoned sessions, newest first;
// `chime`, "on" when the reader asked for a chime on overtime. A session (version 2) carries the
// steps it was timed against, so it reads on its own, whatever the flow page says later:
//
//   { v: 2, id: "s<start in base 36>", prompt: { id, title },
//     status: "running" | "paused" | "done" | "abandoned",
//     startedAt, endedAt (ms since 1970, endedAt null while live),
//     step (index of the current step), since (ms; null unless running),
//     steps: [{ number, name, low, high, timebox }] (minutes, and "2–3 min"),
//     spent: [ms per step], notes: [text per step],
//     checks: { id: true } (ticked self-check items, and key points: see pointId) }
//
// Version 1 sessions (no `steps`) are read with the page's steps and written back as version 2
// by the mock's page (SessionStore.upgrade). Anything else that is not a valid session is left
// out when read: foreign or corrupt data never breaks the page, and without localStorage the mock
// still works for the visit.

import { KeptStorage } from "./kept-storage.js";

export const HISTORY_SIZE = 100;
const VERSION = 2;
const STATUSES = ["running", "paused", "done", "abandoned"];
const MINUTE = 60_000;

/** The steps as a session keeps them: number, name, timebox in minutes and as the page writes
 * it ("2–3 min"). */
export function planOf(steps) {
  return steps.map(({ number, name, low, high, timebox }) => ({ number, name, low, high, timebox }));
}

/** A new session of `steps`, running its first step from `now`. */
export function start(prompt, steps, now) {
  return {
    v: VERSION,
    id: `s${now.toString(36)}`,
    prompt: { id: String(prompt.id), title: String(prompt.title) },
    status: "running",
    startedAt: now,
    endedAt: null,
    step: 0,
    since: now,
    steps: planOf(steps),
    spent: Array(steps.length).fill(0),
    notes: Array(steps.length).fill(""),
    checks: {},
  };
}

export function isLive(session) {
  return session?.status === "running" || session?.status === "paused";
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
export function remaining(session, now) {
  const left = session.steps[session.step].high * MINUTE - elapsedIn(session, session.step, now);
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

/** The next step; on the last one, the end of the interview. */
export function next(session, now) {
  if (!isLive(session)) return session;
  if (session.step === session.spent.length - 1) return finish(session, now);
  return { ...settle(session, now), step: session.step + 1 };
}

export function back(session, now) {
  if (!isLive(session) || session.step === 0) return session;
  return { ...settle(session, now), step: session.step - 1 };
}

export function finish(session, now) {
  if (!isLive(session)) return session;
  return { ...settle(session, now), status: "done", since: null, endedAt: now };
}

export function abandon(session, now) {
  if (!isLive(session)) return session;
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

function validPlan(steps) {
  if (!Array.isArray(steps) || steps.length === 0) return null;
  const valid = steps.every(
    (step) =>
      step !== null &&
      typeof step === "object" &&
      Number.isInteger(step.number) &&
      typeof step.name === "string" &&
      typeof step.timebox === "string" &&
      isTime(step.low) &&
      isTime(step.high) &&
      step.low <= step.high,
  );
  return valid ? planOf(steps) : null;
}

/** A stored session, or null unless it is a valid one. A version 1 session (before sessions
 * kept their steps) is read as one of `pageSteps`, the steps of the mock's page, when given. */
export function validSession(value, pageSteps = null) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  if (typeof value.id !== "string" || !STATUSES.includes(value.status)) return null;
  let steps;
  if (value.v === VERSION) steps = validPlan(value.steps);
  else if (value.v === 1 && pageSteps) steps = validPlan(pageSteps);
  else return null;
  if (steps === null) return null;
  const count = steps.length;
  const prompt = value.prompt;
  if (!prompt || typeof prompt.id !== "string" || typeof prompt.title !== "string") return null;
  if (!isTime(value.startedAt) || !(value.endedAt === null || isTime(value.endedAt))) return null;
  if (!Array.isArray(value.spent) || value.spent.length !== count || !value.spent.every(isTime)) return null;
  if (!Array.isArray(value.notes) || value.notes.length !== count) return null;
  if (!value.notes.every((note) => typeof note === "string")) return null;
  if (!Number.isInteger(value.step) || value.step < 0 || value.step >= count) return null;
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
    steps,
    spent: value.spent.slice(),
    notes: value.notes.slice(),
    checks: { ...checks },
  };
}

/** Whether `session` was timed against the same steps as `steps` (names and count). */
export function samePlan(session, steps) {
  return (
    session.steps.length === steps.length &&
    session.steps.every(
      (step, index) => step.number === steps[index].number && step.name === steps[index].name,
    )
  );
}

/** The session in progress, the past ones and the reader's settings, kept through a
 * KeptStorage. */
export class SessionStore {
  /** `pageSteps`: the mock page's steps (null on another page: then version 1 sessions are left
   * out); `openStorage()` returns the Storage to keep sessions in (it may throw: storage
   * disabled); `onTrouble(kind)` is told once if it is refused or full (see kept-storage.js). */
  constructor(prefix, pageSteps, openStorage, onTrouble) {
    this.pageSteps = pageSteps;
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

  /** The session in progress or just done, or null. One that cannot be read is forgotten; a live
   * one timed against other steps than the page's (the flow page changed) is kept among the past
   * sessions, abandoned where it was left. */
  current() {
    const stored = this.read("current");
    const session = validSession(stored, this.pageSteps);
    if (session === null) {
      if (stored !== null) this.write("current", null);
      return null;
    }
    if (this.pageSteps && !samePlan(session, this.pageSteps)) {
      if (isLive(session)) this.archive(abandon(session, session.since ?? session.startedAt));
      this.write("current", null);
      return null;
    }
    return session;
  }

  save(session) {
    this.write("current", session);
  }

  /** Past sessions, newest first; the entries that are not valid sessions are left out. */
  history() {
    const list = this.read("history");
    if (!Array.isArray(list)) return [];
    return list.map((entry) => validSession(entry, this.pageSteps)).filter((entry) => entry !== null);
  }

  /** Keep `session` among the past ones: in its place if it is there already, else first. Entries
   * this version cannot read stay as they are (a newer version's, say), and only the oldest
   * beyond HISTORY_SIZE go. */
  archive(session) {
    const stored = this.read("history");
    const list = Array.isArray(stored) ? stored.slice() : [];
    const at = list.findIndex((entry) => entry?.id === session.id);
    if (at >= 0) list[at] = session;
    else list.unshift(session);
    this.write("history", list.slice(0, HISTORY_SIZE));
  }

  /** Write version 1 sessions back as version 2 (the mock's page, which knows their steps). */
  upgrade() {
    const stored = this.read("history");
    if (!Array.isArray(stored) || !stored.some((entry) => entry?.v === 1)) return;
    const upgraded = stored.map((entry) =>
      entry?.v === 1 ? (validSession(entry, this.pageSteps) ?? entry) : entry,
    );
    this.write("history", upgraded);
  }

  /** Whether the reader asked for a chime when a step runs over (off until they do). */
  get chime() {
    return this.kept.get("chime") === "on";
  }

  set chime(on) {
    this.kept.set("chime", on ? "on" : "off");
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

/** Whole seconds by which `spentMs` passes the step's timebox (its upper bound), or 0. */
export function overBy(spentMs, step) {
  return Math.max(0, Math.floor(spentMs / 1000) - step.high * 60);
}

/** How a step's time compares with its timebox, in words. */
export function pacing(spentMs, step) {
  spentMs = Math.floor(spentMs / 1000) * 1000; // whole seconds, as shown
  if (spentMs > step.high * MINUTE) return `over by ${clock(spentMs - step.high * MINUTE)}`;
  if (spentMs < step.low * MINUTE) return `under by ${clock(step.low * MINUTE - spentMs)}`;
  return "within";
}

/** A past session in figures, for a review or the progress page: when, which prompt, how it
 * ended, the total and each step's time against its timebox (the steps it reached). */
export function summary(session) {
  const end = session.endedAt ?? session.startedAt;
  return {
    id: session.id,
    date: localDate(session.startedAt),
    startedAt: session.startedAt,
    prompt: { ...session.prompt },
    finished: session.status === "done",
    totalMs: totalElapsed(session, end),
    steps: session.steps.map((step, index) => {
      const spentMs = elapsedIn(session, index, end);
      return { ...step, spentMs, overSeconds: overBy(spentMs, step), reached: index <= session.step };
    }),
  };
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

/** What the page says of step `index` of `session` (what to cover, why), when the session was
 * timed against the page's steps; null otherwise. */
function pageStep(session, data, index) {
  const step = data.steps[index];
  const own = session.steps[index];
  return step && step.number === own.number && step.name === own.name ? step : null;
}

/** The id of a key point ([lead-in, text]) among a session's ticks: its step and a digest of its
 * words (32-bit FNV-1a), so an edited point starts unticked and an unchanged one keeps its tick
 * wherever it moves. */
export function pointId(stepNumber, [lead, text]) {
  let hash = 0x811c9dc5;
  for (const char of `${lead}\n${text}`) {
    hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193);
  }
  return `k${stepNumber}-${(hash >>> 0).toString(16).padStart(8, "0")}`;
}

/** The worked solution's key points for each step of `session`'s prompt, by step number (empty
 * when the prompt has no solution laid out by steps). */
export function solutionSteps(session, data) {
  const prompt = data.prompts.find((candidate) => candidate.id === session.prompt.id);
  return new Map((prompt?.solutionSteps ?? []).map((step) => [step.number, step]));
}

/** The whole session as Markdown: timings against the timeboxes, each step's notes under what
 * it was to cover and why and beside the worked solution's key points, the self-check. A ticked
 * box always says what it means ("Covered: …", "Avoided: …"), so it cannot read as its opposite.
 * `base` is the page's address, to make the solution's links whole. */
export function markdown(session, data, now, base = null) {
  const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\s+/g, " ");
  const tick = (checked, statement, text) => `- [${checked ? "x" : " "}] ${statement}: ${text}`;
  const link = (href) => (base ? new URL(href, base).href : href);
  const ended = session.status === "abandoned" ? ` · abandoned at step ${session.step + 1}` : "";
  const lines = [
    `# Mock interview: ${session.prompt.title}`,
    "",
    `${localDate(session.startedAt)} · ${clock(totalElapsed(session, now))} in all${ended}`,
    "",
    "| Step | Timebox | Time spent | Pacing |",
    "| --- | --- | --- | --- |",
  ];
  session.steps.forEach((step, index) => {
    const spent = elapsedIn(session, index, now);
    lines.push(
      `| ${step.number}. ${cell(step.name)} | ${step.timebox} | ${clock(spent)} | ${pacing(spent, step)} |`,
    );
  });
  const solution = solutionSteps(session, data);
  lines.push("", "## Notes", "");
  if (solution.size) {
    lines.push(
      "Under each step's notes, the worked solution's key points: a ticked box is one your notes covered.",
      "",
    );
  }
  session.steps.forEach((step, index) => {
    const page = pageStep(session, data, index);
    const quote = [];
    if (page?.bullets?.length) quote.push(`> Cover: ${page.bullets.join("; ")}`);
    if (page?.why) quote.push(`> Why: ${page.why}`);
    lines.push(`### ${step.number}. ${step.name}`, "");
    if (quote.length) lines.push(quote.join("\n>\n"), "");
    lines.push(session.notes[index].trim() || "_No notes._", "");
    const model = solution.get(step.number);
    if (model?.points.length) {
      const topic = model.topic ? ` (${model.topic})` : "";
      lines.push(`#### [The worked solution's key points](${link(model.href)})${topic}`, "");
      for (const [lead, text] of model.points) {
        const covered = session.checks[pointId(step.number, [lead, text])];
        lines.push(tick(covered, "Covered", lead ? `**${lead}** ${text}` : text));
      }
      lines.push("");
    }
  });
  for (const group of data.checks) {
    const statement = group.checked || "Done";
    lines.push(`## ${group.title}`, "");
    for (const item of group.items) lines.push(tick(session.checks[item.id], statement, item.text));
    lines.push("");
  }
  return lines.join("\n");
}
