// The progress page: what the reader has studied on this site, read from this browser's storage
// with the stores the flashcards and the mock interview keep it in, and the backup (export to a
// file, import one). The build draws each block's heading and an empty body, and the root's
// data-progress says where each feature keeps its entries (playbook/progress/render.py); the
// figures are progress-data.js's, the backup progress-backup.js's. Nothing is fetched: the
// export is a Blob, the import a file the reader chooses.
//
// The root has data-mounted once every block is drawn and the page has said whether the
// browser keeps the site's storage.

import { element, scrollingTable } from "./dom.js";
import { ProgressStore } from "./flashcards-schedule.js";
import { askToKeep, isKept, KeptStorage } from "./kept-storage.js";
import { clock, pacing, SessionStore } from "./mock-session.js";
import { onEveryPage } from "./on-every-page.js";
import {
  BLOCKS,
  describeCounts,
  MAX_LENGTH,
  makeBackup,
  mergeBackup,
  readBackup,
  restoredMessage,
  writeAll,
} from "./progress-backup.js";
import { forecast, formatDate, mockReport, sectionCounts } from "./progress-data.js";
import { parseVisit, VISIT_KEY } from "./progress-visits.js";

const FORECAST_DAYS = 30;
const NOTHING_CHANGED = "Nothing was changed.";
const KEEP = {
  kept: "This browser keeps what this site stores until you clear it yourself.",
  mayClear:
    "This browser may clear what this site stores when it runs short of space: export a backup " +
    "now and then.",
  unavailable:
    "This browser does not let this site store anything (a private window, or storage turned " +
    "off): what you study lasts until you leave the page, and there is nothing here to back up.",
  full:
    "This browser's storage for this site is full: what you study from now on lasts until you " +
    "leave the page. Export a backup, then free some space in the browser's settings for this site.",
};
const IMPORT_FULL =
  "This browser's storage for this site is full, so the backup could not be written. Free some " +
  "space in the browser's settings for this site, then import again.";
const IMPORT_UNAVAILABLE =
  "This browser does not let this site store anything (a private window, or storage turned off), " +
  "so there is nowhere to restore the backup.";
const COLUMNS = [
  ["total", "Cards"],
  ["new", "New"],
  ["learning", "Learning"],
  ["learned", "Learned"],
  ["dueToday", "Due today"],
];

const openStorage = () => window.localStorage;

/** "2027-01-15": the local date, for the backup's file name. */
function localDate(ms) {
  const date = new Date(ms);
  const pad = (value) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function dayLabel(day, index) {
  if (index === 0) return "Today";
  if (index === 1) return "Tomorrow";
  return formatDate(day, "day");
}

/** The site as the backup knows it: its name and each feature's part of data-progress. */
function siteOf(data) {
  return {
    name: data.site,
    flashcards: data.flashcards ?? null,
    mock: data.mock ?? null,
    progress: { storage: data.storage },
  };
}

class ProgressPage {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.progress);
    this.site = siteOf(this.data);
    this.trouble = null; // "unavailable" or "full", once storage said so
    this.part = (selector) => {
      const node = root.querySelector(selector);
      if (!node) throw new Error(`the page has no ${selector}`);
      return node;
    };
    this.keep = this.part(".playbook-progress-keep");
    this.status = this.part(".playbook-progress-status");
    this.alert = this.part(".playbook-progress-alert");
    this.fileInput = this.part("#playbook-progress-file");
    this.importForm = this.part(".playbook-progress-import");
    this.part('[data-action="export"]').addEventListener("click", () => this.exportBackup());
    this.importForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.importBackup();
    });
    this.fill();
  }

  /** The store of a feature's entries (KeptStorage), telling the page of trouble. */
  kept(prefix) {
    const kept = new KeptStorage(prefix, openStorage, (kind) => this.storageTrouble(kind));
    if (!kept.persistent) this.trouble = "unavailable";
    return kept;
  }

  storageTrouble(kind) {
    this.trouble ??= kind;
    this.showKeep();
  }

  /** Draw every block from what the browser keeps now. */
  fill() {
    const now = Date.now();
    const visits = this.kept(this.data.storage);
    if (this.data.flashcards) this.fillFlashcards(now);
    if (this.data.mock) this.fillMock();
    this.fillPages(visits);
  }

  fillFlashcards(now) {
    const { storage, scheduler, sections } = this.data.flashcards;
    const store = new ProgressStore(storage, openStorage, (kind) => this.storageTrouble(kind), scheduler);
    if (!store.persistent) this.trouble = "unavailable";
    const deck = sections.map(({ key, label, cards }) => ({
      key,
      label,
      cards: cards ? cards.split(" ") : [],
    }));
    const progressOf = (id) => store.get(id);
    const counts = sectionCounts(deck, progressOf, scheduler, now);
    const { all } = counts;
    const studied = all.total - all.new;
    const summary =
      all.total === 0
        ? "The flashcards page has no cards yet."
        : `${studied} of ${plural(all.total, "card", "cards")} studied in this browser: ` +
          `${all.learned} learned, ${all.learning} learning; ${all.dueToday} due today.`;
    const head = element(
      "tr",
      {},
      element("th", { scope: "col", text: "Section" }),
      ...COLUMNS.map(([, text]) => element("th", { scope: "col", text })),
    );
    const row = (counted, total = false) =>
      element(
        "tr",
        { class: total ? "playbook-progress-total" : null, "data-section": total ? null : counted.key },
        element("th", { scope: "row", text: counted.label }),
        ...COLUMNS.map(([field]) => element("td", { "data-count": field, text: String(counted[field]) })),
      );
    const rows = [...counts.sections.map((counted) => row(counted)), row(all, true)];
    this.part('[data-fill="flashcards"]').replaceChildren(
      element("p", { class: "playbook-progress-summary", text: summary }),
      scrollingTable("Cards by section", head, rows, "playbook-progress-table"),
    );
    const dues = deck.flatMap((section) => section.cards.map(progressOf)).filter((p) => p !== null);
    this.fillForecast(
      forecast(
        dues.map((progress) => progress.due),
        now,
        FORECAST_DAYS,
      ),
    );
  }

  fillForecast(days) {
    const total = days.reduce((sum, day) => sum + day.count, 0);
    const most = Math.max(1, ...days.map((day) => day.count));
    const summary =
      total === 0
        ? `No review is due in the next ${FORECAST_DAYS} days.`
        : `${plural(total, "review", "reviews")} due in the next ${FORECAST_DAYS} days, ` +
          `${days[0].count} of them today (overdue ones included).`;
    const head = element(
      "tr",
      {},
      element("th", { scope: "col", text: "Day" }),
      element("th", { scope: "col", text: "Reviews due" }),
    );
    const rows = days.map((day, index) => {
      const bar = element("span", { class: "playbook-progress-bar", "aria-hidden": "true" });
      bar.style.setProperty("--playbook-progress-share", String(day.count / most));
      return element(
        "tr",
        { "data-count": day.count },
        element("th", { scope: "row", text: dayLabel(day.day, index) }),
        element(
          "td",
          {},
          bar,
          element("span", { class: "playbook-progress-number", text: String(day.count) }),
        ),
      );
    });
    this.part('[data-fill="forecast"]').replaceChildren(
      element("p", { class: "playbook-progress-summary", text: summary }),
      scrollingTable(
        "Reviews due each day",
        head,
        rows,
        "playbook-progress-table playbook-progress-forecast",
      ),
    );
  }

  fillMock() {
    const { storage, steps } = this.data.mock;
    const store = new SessionStore(storage, steps.length ? steps : null, openStorage, (kind) =>
      this.storageTrouble(kind),
    );
    if (!store.persistent) this.trouble = "unavailable";
    const report = mockReport(store.history());
    const body = this.part('[data-fill="mock"]');
    if (report.sessions.length === 0) {
      body.replaceChildren(
        element("p", { class: "playbook-progress-summary", text: "No mock interview in this browser yet." }),
      );
      return;
    }
    const abandoned = report.sessions.length - report.finished;
    const overrun = report.overrun.length
      ? [
          element("p", { text: "The steps that ran over their timebox most often:" }),
          element(
            "ul",
            { class: "playbook-progress-overrun" },
            ...report.overrun.map((step) =>
              element("li", {
                text:
                  `${step.number}. ${step.name} (${step.timebox}): over in ${step.over} of the ` +
                  `${plural(step.reached, "session", "sessions")} that reached it`,
              }),
            ),
          ),
        ]
      : [element("p", { text: "No step ran over its timebox." })];
    body.replaceChildren(
      element("p", {
        class: "playbook-progress-summary",
        text: `${plural(report.sessions.length, "mock interview", "mock interviews")} in this browser: ${report.finished} finished, ${abandoned} abandoned.`,
      }),
      ...overrun,
      element("ul", { class: "playbook-progress-sessions" }, ...report.sessions.map((s) => this.session(s))),
    );
  }

  /** One past session: when, which prompt, the total and how it ended; each step's time
   * against its timebox once opened. */
  session(figures) {
    const reached = figures.steps.filter((step) => step.reached).length;
    const ended = figures.finished ? "finished" : `abandoned at step ${reached}`;
    const date = formatDate(figures.startedAt, "moment");
    const steps = figures.steps.map((step) => {
      const time = step.reached
        ? `${clock(step.spentMs)} of ${step.timebox}, ${pacing(step.spentMs, step)}`
        : "not reached";
      return element("li", {
        "data-over": step.overSeconds > 0,
        text: `${step.number}. ${step.name}: ${time}`,
      });
    });
    return element(
      "li",
      { "data-session": figures.id },
      element(
        "details",
        {},
        element("summary", {
          text: `${date} · ${figures.prompt.title} · ${clock(figures.totalMs)} · ${ended}`,
        }),
        element("ul", {}, ...steps),
      ),
    );
  }

  fillPages(visits) {
    const items = [...this.root.querySelectorAll("li[data-page]")];
    if (items.length === 0) return;
    let opened = 0;
    for (const item of items) {
      const visit = parseVisit(visits.get(VISIT_KEY + item.dataset.page));
      if (visit) opened += 1;
      item.dataset.opened = String(visit !== null);
      const when = visit ? `last opened ${formatDate(visit.last, "date")}` : "not opened yet";
      item.querySelector(".playbook-progress-visit").textContent = `· ${when}`;
    }
    this.part('[data-fill="pages"]').textContent = `${opened} of ${items.length} opened in this browser.`;
  }

  /** Say whether the browser keeps the site's storage, or why it cannot keep anything. */
  async showKeep() {
    const kind = this.trouble ?? ((await isKept()) ? "kept" : "mayClear");
    this.keep.textContent = KEEP[kind];
    this.keep.dataset.kept = kind;
    this.keep.hidden = false;
  }

  /** Where each feature of the site keeps its entries, by block (none: not on this site). */
  prefixes() {
    return {
      flashcards: this.data.flashcards?.storage,
      mock: this.data.mock?.storage,
      progress: this.data.storage,
    };
  }

  /** What the browser keeps under each prefix of the site: `{block: {name: text}}`. */
  stored() {
    const prefixes = this.prefixes();
    const stored = {};
    for (const block of BLOCKS) {
      if (!prefixes[block]) continue;
      const kept = this.kept(prefixes[block]);
      stored[block] = Object.fromEntries([...kept.names()].map((name) => [name, kept.get(name)]));
    }
    return stored;
  }

  say(text) {
    this.alert.textContent = "";
    this.status.textContent = text;
  }

  refuse(text) {
    this.status.textContent = "";
    this.alert.textContent = text;
  }

  exportBackup() {
    const now = Date.now();
    const { backup, counts, left } = makeBackup(this.stored(), this.site, now);
    const name = `${this.data.file}-${localDate(now)}.json`;
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(backup, null, 2)}\n`], { type: "application/json" }),
    );
    const link = element("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const unread = left ? ` ${plural(left, "entry", "entries")} this site cannot read were left out.` : "";
    this.say(`Exported ${describeCounts(counts, this.site)} to ${name}.${unread}`);
    this.askToKeep();
  }

  async importBackup() {
    const file = this.fileInput.files[0];
    if (!file) {
      this.refuse("Choose a backup file first, then press Import progress.");
      return;
    }
    let text = null;
    try {
      text = file.size > MAX_LENGTH ? null : await file.text();
    } catch {
      this.refuse(`This file could not be read. ${NOTHING_CHANGED}`);
      return;
    }
    const read = readBackup(text, this.site);
    if (!read.ok) {
      this.refuse(`${read.message} ${NOTHING_CHANGED}`);
      return;
    }
    const stored = this.stored();
    if (this.trouble === "unavailable") {
      this.refuse(`${IMPORT_UNAVAILABLE} ${NOTHING_CHANGED}`);
      return;
    }
    const { writes, counts } = mergeBackup(stored, read.blocks, this.site);
    const prefixes = this.prefixes();
    const pairs = BLOCKS.flatMap((block) =>
      [...writes[block]].map(([name, text]) => [prefixes[block] + name, text]),
    );
    try {
      writeAll(window.localStorage, pairs);
    } catch {
      this.refuse(`${IMPORT_FULL} ${NOTHING_CHANGED}`);
      return;
    }
    this.fill();
    this.say(restoredMessage(counts, read.ignored, this.site));
    this.askToKeep();
  }

  /** The reader keeps a backup: ask the browser to keep the storage too, and say what it said. */
  askToKeep() {
    askToKeep().then(() => this.showKeep());
  }
}

let page = null;

function mount() {
  const root = document.querySelector(".playbook-progress[data-progress]");
  if (!root) {
    page = null;
    return;
  }
  if (root.dataset.mounted === "true" && page?.root === root) return;
  try {
    page = new ProgressPage(root);
    root.toggleAttribute("data-filled", true); // progress.css shows the blocks, all at once
    page.showKeep().then(() => {
      root.dataset.mounted = "true";
    });
  } catch (error) {
    page = null;
    root.toggleAttribute("data-filled", true);
    root.replaceChildren(
      element("p", {
        class: "playbook-progress-summary",
        text: `This page could not read your progress (${error.message}).`,
      }),
    );
  }
}

onEveryPage("progress", mount);
