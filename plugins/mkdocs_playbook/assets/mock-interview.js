// The mock interview page: choose a prompt, Start, then one step at a time with its timebox,
// a countdown and notes, and a review at the end (see playbook/mock/render.py for the markup the
// build writes, and mock-session.js for the session model and its storage).
//
// The root ([data-mock-interview]) says where the reader is: data-state = idle | running |
// paused | done, and data-overtime once the current step is past its timebox. The run panel's
// heading has data-step (the step's number) and the countdown data-remaining (whole seconds).
// Step changes are announced through a polite live region; the countdown is not announced.

import { element } from "./dom.js";
import { onEveryPage } from "./on-every-page.js";
import {
  abandon,
  back,
  clock,
  elapsedIn,
  fileName,
  markdown,
  next,
  pacing,
  remaining,
  SessionStore,
  start,
  togglePause,
  totalElapsed,
  withCheck,
  withNote,
} from "./mock-session.js";

const TICK_MS = 250;
const KEYS = { n: "next", b: "back", p: "pause" };
const STORAGE_OFF =
  "This browser does not let the page keep your session: it lasts until you leave the page " +
  "(download your notes from the review).";
const STORAGE_FULL =
  "This browser's storage for this site is full: your session and notes from now on last until " +
  "you leave the page (download them from the review). What was saved before is kept.";

/** A table in a box that scrolls sideways on a phone, and can then be scrolled by keyboard. */
function table(name, head, rows) {
  return element(
    "div",
    { class: "playbook-mock-table", role: "region", "aria-label": name, tabindex: "0" },
    element("table", {}, element("thead", {}, head), element("tbody", {}, ...rows)),
  );
}

/** Copies of the page's own nodes (never HTML parsed from strings), without their ids. */
function cloneInto(target, source) {
  target.replaceChildren(...[...(source?.childNodes ?? [])].map((node) => node.cloneNode(true)));
  for (const node of target.querySelectorAll("[id]")) node.removeAttribute("id");
}

function button(text, className, primary = false) {
  const classes = `md-button ${primary ? "md-button--primary " : ""}${className}`;
  return element("button", { type: "button", class: classes, text });
}

class MockInterview {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.mockData);
    this.steps = this.data.steps;
    if (!Array.isArray(this.steps) || this.steps.length === 0) throw new Error("no steps");
    this.store = new SessionStore(
      root.dataset.storagePrefix || "mock-interview/v1/",
      this.steps.length,
      () => window.localStorage,
      () => this.tellStorage(STORAGE_FULL),
    );
    this.session = this.store.current();
    this.shown = null; // the step whose content the run panel shows
    this.lastSecond = null;
    this.build();
    this.timer = window.setInterval(() => this.tick(), TICK_MS);
    this.render();
    this.ready = true; // from now on, step changes are announced
    root.dataset.mounted = "true";
  }

  build() {
    const root = this.root;
    this.setup = root.querySelector(".playbook-mock-setup");
    this.startButton = this.setup.querySelector(".playbook-mock-start");
    this.startButton.hidden = false;
    this.setup.addEventListener("submit", (event) => {
      event.preventDefault();
      this.start();
    });
    this.customText = this.setup.querySelector(".playbook-mock-custom-text");
    this.customText.addEventListener("input", () => {
      this.setup.querySelector('input[value="custom"]').checked = true;
    });
    this.live = element("p", { class: "playbook-visually-hidden", role: "status" });
    this.storageNote = element("p", { class: "playbook-mock-storage", hidden: true });
    this.history = element("section", {
      class: "playbook-mock-history",
      "aria-labelledby": "playbook-mock-history-title",
    });
    this.run = this.buildRun();
    this.review = element("section", {
      class: "playbook-mock-review",
      "aria-labelledby": "playbook-mock-review-title",
    });
    root.append(this.live, this.storageNote, this.run, this.review, this.history);
    if (!this.store.persistent) this.tellStorage(STORAGE_OFF);
  }

  /** What the reader needs to know about where the session is kept, once, in sight and aloud. */
  tellStorage(text) {
    this.storageNote.textContent = text;
    this.storageNote.hidden = false;
    this.announce(text);
  }

  buildRun() {
    this.promptLine = element("p", { class: "playbook-mock-prompt-line" });
    this.progress = element("p", { class: "playbook-mock-progress" });
    this.heading = element("h2", {
      id: "playbook-mock-run-title",
      class: "playbook-mock-step-title",
      tabindex: "-1",
    });
    this.remainingLabel = element("span", { class: "playbook-mock-label" });
    this.remaining = element("span", { class: "playbook-mock-remaining", role: "timer" });
    this.total = element("span", { class: "playbook-mock-total", role: "timer" });
    this.overtime = element("p", { class: "playbook-mock-overtime", hidden: true });
    this.pausedNote = element("p", {
      class: "playbook-mock-paused-note",
      text: "Paused: the clock is stopped.",
      hidden: true,
    });
    this.cover = element("div", { class: "playbook-mock-cover" });
    this.why = element("div", { class: "playbook-mock-why" });
    this.notesLabel = element("label", { for: "playbook-mock-notes" });
    this.notes = element("textarea", { id: "playbook-mock-notes", class: "playbook-mock-notes", rows: "5" });
    this.notes.addEventListener("input", () => {
      this.update(withNote(this.session, this.session.step, this.notes.value), false);
    });
    this.backButton = button("Back", "playbook-mock-back");
    this.pauseButton = button("Pause", "playbook-mock-pause");
    this.nextButton = button("Next step", "playbook-mock-next", true);
    this.abandonButton = button("Abandon", "playbook-mock-abandon");
    this.backButton.addEventListener("click", () => this.act("back"));
    this.pauseButton.addEventListener("click", () => this.act("pause"));
    this.nextButton.addEventListener("click", () => this.act("next"));
    this.abandonButton.addEventListener("click", () => this.abandon());
    const keys = element(
      "p",
      { class: "playbook-mock-keys" },
      element(
        "span",
        { class: "playbook-keys-hint" },
        "Keys: ",
        element("kbd", { text: "N" }),
        " next step, ",
        element("kbd", { text: "B" }),
        " back, ",
        element("kbd", { text: "P" }),
        " pause or resume; ",
        element("kbd", { text: "Esc" }),
        " leaves the notes.",
      ),
      element("span", { class: "playbook-touch-hint", text: "Tap Next step when you are done with a step." }),
    );
    return element(
      "section",
      { class: "playbook-mock-run", "aria-labelledby": "playbook-mock-run-title" },
      this.promptLine,
      this.progress,
      this.heading,
      element(
        "div",
        { class: "playbook-mock-clocks" },
        element("p", {}, this.remainingLabel, " ", this.remaining),
        element(
          "p",
          {},
          element("span", { class: "playbook-mock-label", text: "Interview so far" }),
          " ",
          this.total,
        ),
      ),
      this.overtime,
      this.pausedNote,
      element("h3", { text: "What to cover" }),
      this.cover,
      this.why,
      this.notesLabel,
      this.notes,
      element(
        "div",
        { class: "playbook-mock-controls" },
        this.backButton,
        this.pauseButton,
        this.nextButton,
        this.abandonButton,
      ),
      keys,
    );
  }

  /** The prompt the form has chosen: one of the page's, or the reader's own text. */
  chosenPrompt() {
    const choice = this.setup.querySelector('input[name="playbook-mock-prompt"]:checked')?.value ?? "custom";
    const prompt = this.data.prompts.find((candidate) => candidate.id === choice);
    if (prompt) return prompt;
    return { id: "custom", title: this.customText.value.trim() || "My own prompt" };
  }

  start() {
    this.session = start(this.chosenPrompt(), this.steps.length, Date.now());
    this.update(this.session);
    this.nextButton.focus();
  }

  act(action) {
    const now = Date.now();
    const session = this.session;
    if (!session || (session.status !== "running" && session.status !== "paused")) return;
    const changed = { next, back, pause: togglePause }[action](session, now);
    this.update(changed);
    if (changed.status === "done") this.reviewHeading?.focus();
  }

  abandon() {
    this.store.archive(abandon(this.session, Date.now()));
    this.session = null;
    this.update(null);
    this.announce("Interview abandoned; it is kept among the past sessions.");
    this.startButton.focus();
  }

  /** Keep a changed session (saved at once; null: none in progress) and redraw, unless typing
   * in the notes or ticking a box. */
  update(session, redraw = true) {
    this.session = session;
    this.store.save(session);
    if (session?.status === "done") this.store.archive(session);
    if (redraw) this.render();
  }

  announce(text) {
    this.live.textContent = text;
  }

  render() {
    const session = this.session;
    const state = session === null ? "idle" : session.status;
    this.root.dataset.state = state;
    this.setup.hidden = state !== "idle";
    this.history.hidden = state !== "idle";
    this.run.hidden = state !== "running" && state !== "paused";
    this.review.hidden = state !== "done";
    if (state === "idle") {
      this.root.removeAttribute("data-overtime");
      this.renderHistory();
      this.shown = null;
      this.reviewed = null;
    } else if (state === "done") {
      this.root.removeAttribute("data-overtime");
      this.heading.removeAttribute("data-step");
      if (this.reviewed !== session.id) this.renderReview();
      this.shown = null;
    } else {
      this.renderStep();
    }
  }

  renderStep() {
    const session = this.session;
    const step = this.steps[session.step];
    const paused = session.status === "paused";
    if (this.shown !== session.step) {
      const source = document.querySelector(`[data-mock-step="${step.number}"]`);
      cloneInto(this.cover, source?.querySelector(".playbook-mock-cover"));
      cloneInto(this.why, source?.querySelector(".playbook-mock-why"));
      this.heading.textContent = step.name;
      this.heading.dataset.step = String(step.number);
      this.progress.textContent = `Step ${step.number} of ${this.steps.length} · timebox ${step.timebox}`;
      this.notesLabel.textContent = `Notes for step ${step.number}, ${step.name}`;
      this.notes.value = session.notes[session.step];
      const backHadFocus = document.activeElement === this.backButton;
      this.backButton.disabled = session.step === 0;
      if (this.backButton.disabled && backHadFocus) this.nextButton.focus();
      this.nextButton.textContent = session.step === this.steps.length - 1 ? "Finish" : "Next step";
      if (this.ready) {
        this.announce(`Step ${step.number} of ${this.steps.length}: ${step.name}, ${step.timebox}.`);
      }
      this.shown = session.step;
      this.overtimeAnnounced = false;
    }
    this.promptLine.replaceChildren("Prompt: ", element("strong", { text: session.prompt.title }));
    this.pauseButton.textContent = paused ? "Resume" : "Pause";
    this.pausedNote.hidden = !paused;
    this.lastSecond = null;
    this.tick();
  }

  /** Redraw the clocks when a second has passed; wall-clock time, so nothing drifts. */
  tick() {
    if (!this.root.isConnected) {
      window.clearInterval(this.timer);
      return;
    }
    const session = this.session;
    if (!session || (session.status !== "running" && session.status !== "paused")) return;
    const now = Date.now();
    const { seconds, overtime } = remaining(session, this.steps, now);
    const total = Math.floor(totalElapsed(session, now) / 1000);
    const key = `${seconds}/${total}/${overtime}`;
    if (key === this.lastSecond) return;
    this.lastSecond = key;
    const step = this.steps[session.step];
    this.remaining.dataset.remaining = String(seconds);
    this.remaining.textContent = overtime ? `+${clock(-seconds * 1000)}` : clock(seconds * 1000);
    this.remainingLabel.textContent = overtime ? "Overtime in this step" : "Left in this step";
    this.total.textContent = clock(total * 1000);
    this.root.toggleAttribute("data-overtime", overtime);
    this.overtime.hidden = !overtime;
    if (overtime) {
      const last = session.step === this.steps.length - 1;
      const move = last ? "wrap up and press Finish" : `wrap up and move on to step ${step.number + 1}`;
      this.overtime.textContent = `Overtime: past this step's ${step.timebox} timebox. When you can, ${move}.`;
      if (!this.overtimeAnnounced) {
        this.overtimeAnnounced = true;
        this.announce(`Step ${step.number} is past its timebox.`);
      }
    }
  }

  renderHistory() {
    const past = this.store.history();
    if (past.length === 0) {
      this.history.replaceChildren();
      return;
    }
    const head = element(
      "tr",
      {},
      ...["Date", "Prompt", "Result", "Total", "Per step"].map((text) =>
        element("th", { scope: "col", text }),
      ),
    );
    const rows = past.map((session) =>
      element(
        "tr",
        {},
        element("td", { text: new Date(session.startedAt).toLocaleString() }),
        element("td", { text: session.prompt.title }),
        element("td", {
          text: session.status === "done" ? "finished" : `abandoned at step ${session.step + 1}`,
        }),
        element("td", { text: clock(totalElapsed(session, session.endedAt ?? session.startedAt)) }),
        element("td", { text: session.spent.map((ms) => clock(ms)).join(" · ") }),
      ),
    );
    this.history.replaceChildren(
      element("h2", { id: "playbook-mock-history-title", text: "Past sessions" }),
      table("Past sessions", head, rows),
    );
  }

  renderReview() {
    const session = this.session;
    const end = session.endedAt ?? Date.now();
    this.reviewed = session.id;
    this.reviewHeading = element("h2", { id: "playbook-mock-review-title", tabindex: "-1", text: "Review" });
    const head = element(
      "tr",
      {},
      ...["Step", "Timebox", "Time spent", "Pacing"].map((text) => element("th", { scope: "col", text })),
    );
    const rows = this.steps.map((step, index) => {
      const spent = elapsedIn(session, index, end);
      return element(
        "tr",
        { class: spent > step.high * 60_000 ? "playbook-mock-over" : null },
        element("td", { text: `${step.number}. ${step.name}` }),
        element("td", { text: step.timebox }),
        element("td", { text: clock(spent) }),
        element("td", { text: pacing(spent, step) }),
      );
    });
    const notes = this.steps.flatMap((step, index) => [
      element("h4", { text: `${step.number}. ${step.name}` }),
      element("p", { class: "playbook-mock-note", text: session.notes[index].trim() || "No notes." }),
    ]);
    const checks = this.data.checks.map((group, number) =>
      element(
        "fieldset",
        { class: "playbook-mock-checks" },
        element("legend", { text: group.title }),
        ...group.items.map((item, index) => {
          const id = `playbook-mock-check-${number}-${index}`;
          const box = element("input", { type: "checkbox", id, checked: Boolean(session.checks[item.id]) });
          box.addEventListener("change", () =>
            this.update(withCheck(this.session, item.id, box.checked), false),
          );
          const detail = item.detail
            ? [" ", element("span", { class: "playbook-mock-detail", text: `— ${item.detail}` })]
            : [];
          return element(
            "div",
            { class: "playbook-mock-check" },
            box,
            " ",
            element("label", { for: id, text: item.text }),
            ...detail,
          );
        }),
      ),
    );
    const download = button("Download notes", "playbook-mock-download", true);
    download.addEventListener("click", () => this.download());
    const again = button("New interview", "playbook-mock-new");
    again.addEventListener("click", () => {
      this.update(null);
      this.startButton.focus();
    });
    this.review.replaceChildren(
      this.reviewHeading,
      element(
        "p",
        {},
        "Prompt: ",
        element("strong", { text: session.prompt.title }),
        ` · ${clock(totalElapsed(session, end))} in all`,
      ),
      table("Time per step", head, rows),
      element("h3", { text: "Your notes" }),
      ...notes,
      ...(checks.length ? [element("h3", { text: "Self-check" }), ...checks] : []),
      element("div", { class: "playbook-mock-controls" }, download, again),
    );
  }

  download() {
    const text = markdown(this.session, this.data, this.session.endedAt ?? Date.now());
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    const link = element("a", { href: url, download: fileName(this.session), hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** N, B and P drive the run wherever focus is but in a text field; Esc leaves the notes. */
  onKey(event) {
    const session = this.session;
    if (!session || (session.status !== "running" && session.status !== "paused")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing || event.defaultPrevented) return;
    const target = event.target;
    if (target === this.notes && event.key === "Escape") {
      this.nextButton.focus();
      return;
    }
    if (target.isContentEditable || target.matches?.("input, textarea, select")) return;
    const action = KEYS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation(); // Material's own keys (N, P: next and previous page) stay quiet
    if (!event.repeat) this.act(action);
  }
}

let widget = null;

function mount() {
  const root = document.querySelector("[data-mock-interview]");
  if (!root) {
    widget = null;
    return;
  }
  if (root.dataset.mounted === "true" && widget?.root === root) return;
  try {
    widget = new MockInterview(root);
  } catch (error) {
    widget = null;
    root.append(
      element("p", {
        class: "playbook-mock-error",
        text: `The mock interview could not start (${error.message}); the steps are listed below.`,
      }),
    );
  }
}

onEveryPage("mock-interview", mount, () =>
  document.addEventListener("keydown", (event) => widget?.root.isConnected && widget.onKey(event)),
);
