// The mock interview page: choose a prompt, Start, then one step at a time with its timebox,
// a countdown and notes, and a review at the end, beside the worked solution's key points when
// the prompt has one (see playbook/mock/render.py for the markup the build writes, and
// mock-session.js for the session model and its storage).
//
// The root ([data-mock-interview]) says where the reader is: data-state = idle | running |
// paused | done | review (a past session opened), and data-overtime once the current step is
// past its timebox. The run panel's heading has data-step (the step's number) and the countdown
// data-remaining (whole seconds). Step changes are announced through a polite live region; the
// countdown is not announced. When the overtime chime is scheduled, the root dispatches a
// "playbook-mock-chime" event (detail: the step's number).
//
// While a session runs, no keystroke is lost: a step starts with the focus in its notes (on a
// touch screen, on its title, so that no on-screen keyboard covers the step), a letter typed
// outside a text field goes into the notes, and Material's own single keys (search, previous and
// next page) stay quiet.

import { element, scrollingTable } from "./dom.js";
import { askToKeep } from "./kept-storage.js";
import { onEveryPage } from "./on-every-page.js";
import {
  abandon,
  back,
  clock,
  elapsedIn,
  fileName,
  isLive,
  markdown,
  next,
  pacing,
  pointId,
  remaining,
  SessionStore,
  solutionSteps,
  start,
  summary,
  togglePause,
  totalElapsed,
  withCheck,
  withNote,
} from "./mock-session.js";

const TICK_MS = 250;
const KEYS = { n: "next", b: "back", p: "pause" };
/** Material's single-key shortcuts: f, s and / open its search, "," and "." the previous and next
 * page. Material listens on window; the mock stops them before they get there. */
const MATERIAL_KEYS = new Set(["f", "s", "/", ",", "."]);
const TOUCH = "(hover: none) and (pointer: coarse)";
const NOT_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"]);
const STORAGE_OFF =
  "This browser does not let the page keep your session: it lasts until you leave the page " +
  "(download your notes from the review).";
const STORAGE_FULL =
  "This browser's storage for this site is full: your session and notes from now on last until " +
  "you leave the page (download them from the review). What was saved before is kept.";

/** Whether typing into `target` writes text (so its keys are the reader's, not shortcuts). */
function isTextField(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.matches("textarea, select")) return true;
  return target.matches("input") && !NOT_TEXT_INPUTS.has(target.type);
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

function checkbox(id, checked, label, onChange, ...after) {
  const box = element("input", { type: "checkbox", id, checked });
  box.addEventListener("change", () => onChange(box.checked));
  return element(
    "div",
    { class: "playbook-mock-check" },
    box,
    " ",
    element("label", { for: id }, ...label),
    ...after,
  );
}

/** A short two-note chime made with the Web Audio API: no file, nothing fetched. Browsers let a
 * page play sound only after the reader did something on it, so the context is made (or woken)
 * from their clicks and keys, and a chime that cannot play is skipped. */
class Chime {
  static get supported() {
    return typeof window.AudioContext === "function";
  }

  constructor() {
    this.context = null;
  }

  /** Make or wake the audio context; call it from the reader's own click or key. */
  prepare() {
    if (!Chime.supported) return;
    this.context ??= new window.AudioContext();
    if (this.context.state === "suspended") this.context.resume().catch(() => {});
  }

  /** Schedule the chime now; false when the browser does not let the page play sound. */
  play() {
    const context = this.context;
    if (context?.state !== "running") return false;
    const now = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.2, 660],
    ]) {
      const tone = context.createOscillator();
      const volume = context.createGain();
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, now + offset);
      volume.gain.exponentialRampToValueAtTime(0.2, now + offset + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.4);
      tone.connect(volume).connect(context.destination);
      tone.start(now + offset);
      tone.stop(now + offset + 0.45);
    }
    return true;
  }
}

/** One audio context for the visit, whichever page instant navigation shows. */
const chime = new Chime();

class MockInterview {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.dataset.mockData);
    this.steps = this.data.steps;
    if (!Array.isArray(this.steps) || this.steps.length === 0) throw new Error("no steps");
    this.store = new SessionStore(
      root.dataset.storagePrefix || "mock-interview/v1/",
      this.steps,
      () => window.localStorage,
      () => this.tellStorage(STORAGE_FULL),
    );
    this.store.upgrade();
    this.session = this.store.current();
    this.viewing = null; // a past session opened from the history
    this.shown = null; // the step whose content the run panel shows
    this.lastSecond = null;
    this.wasOvertime = null; // the shown step's overtime at the last tick (null: not ticked yet)
    this.chime = chime;
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
    this.choosePromptFromAddress();
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
    // The reader's own clicks and keys are what lets the page play the chime later.
    for (const kind of ["pointerdown", "keydown"]) {
      root.addEventListener(kind, () => this.store.chime && this.chime.prepare());
    }
    if (!this.store.persistent) this.tellStorage(STORAGE_OFF);
  }

  /** A link such as a worked solution's "Rehearse this prompt" (?prompt=<id>) chooses its prompt. */
  choosePromptFromAddress() {
    const wanted = new URLSearchParams(window.location.search).get("prompt");
    const choices = this.setup.querySelectorAll('input[name="playbook-mock-prompt"]');
    const choice = [...choices].find((input) => input.value === wanted);
    if (choice) choice.checked = true;
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
    this.abandonButton.setAttribute("aria-expanded", "false");
    this.abandonButton.setAttribute("aria-controls", "playbook-mock-confirm");
    this.backButton.addEventListener("click", () => this.act("back"));
    this.pauseButton.addEventListener("click", () => this.act("pause"));
    this.nextButton.addEventListener("click", () => this.act("next"));
    this.abandonButton.addEventListener("click", () => this.askToAbandon());
    const keys = element(
      "p",
      { class: "playbook-mock-keys" },
      element(
        "span",
        { class: "playbook-keys-hint" },
        "Keys: ",
        element("kbd", { text: "Esc" }),
        " leaves the notes, then ",
        element("kbd", { text: "N" }),
        " next step, ",
        element("kbd", { text: "B" }),
        " back, ",
        element("kbd", { text: "P" }),
        " pause or resume. Any other letter you type goes into the notes.",
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
        element("p", { class: "playbook-mock-step-clock" }, this.remainingLabel, " ", this.remaining),
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
      this.buildConfirm(),
      this.buildChimeChoice(),
      keys,
    );
  }

  /** Abandon asks first, in the page: keyboard reachable, Esc or "Keep going" says no. */
  buildConfirm() {
    const yes = button("Yes, abandon", "playbook-mock-abandon-yes");
    this.keepGoing = button("Keep going", "playbook-mock-keep-going", true);
    yes.addEventListener("click", () => this.abandon());
    this.keepGoing.addEventListener("click", () => this.closeConfirm(true));
    this.confirm = element(
      "div",
      {
        id: "playbook-mock-confirm",
        class: "playbook-mock-confirm",
        role: "group",
        "aria-labelledby": "playbook-mock-confirm-question",
        hidden: true,
      },
      element("p", {
        id: "playbook-mock-confirm-question",
        text: "Abandon this interview? It stops here and stays among your past sessions, marked abandoned.",
      }),
      this.keepGoing,
      yes,
    );
    this.confirm.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      this.closeConfirm(true);
    });
    return this.confirm;
  }

  buildChimeChoice() {
    const box = element("input", { type: "checkbox", id: "playbook-mock-chime", checked: this.store.chime });
    box.addEventListener("change", () => {
      this.store.chime = box.checked;
      if (box.checked) this.chime.prepare();
    });
    return element(
      "p",
      { class: "playbook-mock-chime", hidden: !Chime.supported },
      box,
      " ",
      element("label", { for: "playbook-mock-chime", text: "Chime once when a step runs over its timebox" }),
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
    if (this.store.chime) this.chime.prepare();
    this.update(start(this.chosenPrompt(), this.steps, Date.now()));
    askToKeep(); // a session and notes to keep
    this.focusStep();
  }

  /** A step has started: focus where the reader works (the notes; the title on a touch screen,
   * where focusing a text field would open the keyboard over the step), with the step's title
   * in sight below Material's header. */
  focusStep() {
    const touch = window.matchMedia(TOUCH).matches;
    (touch ? this.heading : this.notes).focus({ preventScroll: true });
    // Scrolling up shows Material's "Back to top" just under the header: leave it room.
    const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
    const top = this.promptLine.getBoundingClientRect().top;
    const room = 3 * Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (top < header || top > header + window.innerHeight / 3) {
      window.scrollBy({ top: top - header - room, behavior: "instant" });
    }
  }

  act(action) {
    const session = this.session;
    if (!isLive(session)) return;
    const changed = { next, back, pause: togglePause }[action](session, Date.now());
    this.closeConfirm(false);
    this.update(changed);
    if (changed.status === "done") this.reviewHeading?.focus();
    else if (changed.step !== session.step) this.focusStep();
  }

  askToAbandon() {
    this.confirm.hidden = false;
    this.abandonButton.setAttribute("aria-expanded", "true");
    this.keepGoing.focus();
  }

  closeConfirm(refocus) {
    if (this.confirm.hidden) return;
    this.confirm.hidden = true;
    this.abandonButton.setAttribute("aria-expanded", "false");
    if (refocus) this.abandonButton.focus();
  }

  abandon() {
    this.closeConfirm(false);
    this.store.archive(abandon(this.session, Date.now()));
    this.update(null);
    this.announce("Interview abandoned; it is kept among the past sessions, where you can open it.");
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
    const state = this.viewing ? "review" : (session?.status ?? "idle");
    this.root.dataset.state = state;
    this.setup.hidden = state !== "idle";
    this.history.hidden = state !== "idle";
    this.run.hidden = !isLive(session);
    this.review.hidden = state !== "done" && state !== "review";
    if (!isLive(session)) {
      this.root.removeAttribute("data-overtime");
      this.heading.removeAttribute("data-step");
      this.shown = null;
    }
    if (state === "idle") {
      this.renderHistory();
      this.reviewed = null;
    } else if (state === "done" || state === "review") {
      const shown = this.viewing ?? session;
      if (this.reviewed !== shown.id) this.renderReview(shown);
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
      this.backButton.disabled = session.step === 0;
      this.nextButton.textContent = session.step === this.steps.length - 1 ? "Finish" : "Next step";
      if (this.ready) {
        this.announce(`Step ${step.number} of ${this.steps.length}: ${step.name}, ${step.timebox}.`);
      }
      this.shown = session.step;
      this.overtimeAnnounced = false;
      this.wasOvertime = null;
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
    if (!isLive(session)) return;
    const now = Date.now();
    const { seconds, overtime } = remaining(session, now);
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
    // A step that goes over while the reader watches chimes once, if they asked for it; one
    // shown already over (a reload, a step gone back to) does not.
    if (overtime && this.wasOvertime === false && session.status === "running" && this.store.chime) {
      this.ring(step);
    }
    this.wasOvertime = overtime;
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

  ring(step) {
    this.chime.prepare();
    if (this.chime.play()) {
      this.root.dispatchEvent(new CustomEvent("playbook-mock-chime", { detail: step.number }));
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
      ...["Date", "Prompt", "Result", "Total", "Per step", "Notes"].map((text) =>
        element("th", { scope: "col", text }),
      ),
    );
    const rows = past.map((session) => {
      const figures = summary(session);
      const date = new Date(session.startedAt).toLocaleString();
      const open = element(
        "button",
        { type: "button", class: "md-button playbook-mock-open", "data-session": session.id },
        "Open",
        element("span", {
          class: "playbook-visually-hidden",
          text: ` the session of ${date}, ${session.prompt.title}`,
        }),
      );
      open.addEventListener("click", () => this.open(session.id));
      return element(
        "tr",
        {},
        element("td", { text: date }),
        element("td", { text: session.prompt.title }),
        element("td", { text: figures.finished ? "finished" : `abandoned at step ${session.step + 1}` }),
        element("td", { text: clock(figures.totalMs) }),
        element("td", {
          text: figures.steps
            .map((step) => `${clock(step.spentMs)}${step.overSeconds ? " (over)" : ""}`)
            .join(" · "),
        }),
        element("td", {}, open),
      );
    });
    this.history.replaceChildren(
      element("h2", { id: "playbook-mock-history-title", text: "Past sessions" }),
      element("p", {
        text: "Open a session to review its notes and timings, tick its self-check or download it again.",
      }),
      scrollingTable("Past sessions", head, rows, "playbook-mock-table"),
    );
  }

  /** Show a past session's review. */
  open(id) {
    this.viewing = this.store.history().find((session) => session.id === id) ?? null;
    this.render();
    this.reviewHeading?.focus();
  }

  /** Leave the review: back to the start, with the focus where the reader was. */
  closeReview() {
    const id = this.viewing?.id;
    if (this.viewing) this.viewing = null;
    else this.update(null);
    this.render();
    const from = id && this.history.querySelector(`[data-session="${CSS.escape(id)}"]`);
    (from || this.startButton).focus();
  }

  /** Tick a box of the review: kept with the session it belongs to. */
  check(id, checked) {
    if (this.viewing) {
      this.viewing = withCheck(this.viewing, id, checked);
      this.store.archive(this.viewing);
    } else {
      this.update(withCheck(this.session, id, checked), false);
    }
  }

  renderReview(session) {
    const end = session.endedAt ?? Date.now();
    this.reviewed = session.id;
    this.reviewHeading = element("h2", { id: "playbook-mock-review-title", tabindex: "-1", text: "Review" });
    const head = element(
      "tr",
      {},
      ...["Step", "Timebox", "Time spent", "Pacing"].map((text) => element("th", { scope: "col", text })),
    );
    const rows = session.steps.map((step, index) => {
      const spent = elapsedIn(session, index, end);
      return element(
        "tr",
        { class: spent > step.high * 60_000 ? "playbook-mock-over" : null },
        element("td", { text: `${step.number}. ${step.name}` }),
        element("td", { text: step.timebox }),
        element("td", { text: clock(spent) }),
        element("td", {}, element("span", { class: "playbook-mock-pacing", text: pacing(spent, step) })),
      );
    });
    const when = new Date(session.startedAt).toLocaleString();
    const ended = session.status === "abandoned" ? ` · abandoned at step ${session.step + 1}` : "";
    const download = button("Download notes", "playbook-mock-download", true);
    download.addEventListener("click", () => this.download(session.id));
    const close = button(this.viewing ? "Back to past sessions" : "New interview", "playbook-mock-new");
    close.addEventListener("click", () => this.closeReview());
    this.review.replaceChildren(
      this.reviewHeading,
      element(
        "p",
        {},
        "Prompt: ",
        element("strong", { text: session.prompt.title }),
        ` · ${when} · ${clock(totalElapsed(session, end))} in all${ended}`,
      ),
      scrollingTable("Time per step", head, rows, "playbook-mock-table"),
      ...this.notesReview(session),
      ...this.selfCheck(session),
      element("div", { class: "playbook-mock-controls" }, download, close),
    );
  }

  /** Each step's notes; beside them, when the prompt has a worked solution laid out by steps,
   * that step's key points to tick off. */
  notesReview(session) {
    const solution = solutionSteps(session, this.data);
    const prompt = this.data.prompts.find((candidate) => candidate.id === session.prompt.id);
    const intro = [];
    if (solution.size) {
      intro.push(
        element(
          "p",
          {},
          "Each step's notes beside the key points of the ",
          element("a", { href: prompt.solution, text: "worked solution" }),
          ": tick the ones your notes covered.",
        ),
      );
    } else if (prompt?.solution) {
      intro.push(
        element(
          "p",
          {},
          "Compare them with the ",
          element("a", { href: prompt.solution, text: "worked solution" }),
          ".",
        ),
      );
    }
    const steps = session.steps.map((step, index) => {
      const title = `${step.number}. ${step.name}`;
      const notes = element("p", {
        class: "playbook-mock-note",
        text: session.notes[index].trim() || "No notes.",
      });
      const model = solution.get(step.number);
      if (!model?.points.length)
        return element("div", { class: "playbook-mock-step-notes" }, element("h4", { text: title }), notes);
      const topic = model.topic ? `: ${model.topic}` : "";
      const points = model.points.map(([lead, text], number) => {
        const id = pointId(step.number, [lead, text]);
        return checkbox(
          `playbook-mock-point-${step.number}-${number}`,
          Boolean(session.checks[id]),
          lead ? [element("strong", { text: lead }), ` ${text}`] : [text],
          (checked) => this.check(id, checked),
        );
      });
      return element(
        "div",
        { class: "playbook-mock-step-notes playbook-mock-compare" },
        element("h4", { text: title }),
        element(
          "div",
          { class: "playbook-mock-compare-notes" },
          element("p", { class: "playbook-mock-compare-title", text: "Your notes" }),
          notes,
        ),
        element(
          "fieldset",
          { class: "playbook-mock-key-points" },
          element("legend", { text: `The worked solution's key points${topic}` }),
          ...points,
          element(
            "p",
            { class: "playbook-mock-section-link" },
            element("a", { href: model.href, text: `Step ${step.number} of the worked solution` }),
          ),
        ),
      );
    });
    const heading = solution.size ? "Your notes and the worked solution" : "Your notes";
    return [element("h3", { text: heading }), ...intro, ...steps];
  }

  selfCheck(session) {
    const groups = this.data.checks.map((group, number) =>
      element(
        "fieldset",
        { class: "playbook-mock-checks" },
        element("legend", { text: group.title }),
        ...group.items.map((item, index) => {
          const detail = item.detail
            ? [" ", element("span", { class: "playbook-mock-detail", text: `— ${item.detail}` })]
            : [];
          return checkbox(
            `playbook-mock-check-${number}-${index}`,
            Boolean(session.checks[item.id]),
            [item.text],
            (checked) => this.check(item.id, checked),
            ...detail,
          );
        }),
      ),
    );
    return groups.length ? [element("h3", { text: "Self-check" }), ...groups] : [];
  }

  download(id) {
    const session = this.viewing?.id === id ? this.viewing : this.session;
    const text = markdown(session, this.data, session.endedAt ?? Date.now(), window.location.href);
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    const link = element("a", { href: url, download: fileName(session), hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Before anything else sees a key (capture, on window): while a session runs, a letter typed
   * outside a text field goes into the notes, and Material's single keys stay quiet. */
  guardKey(event) {
    if (!isLive(this.session) || this.run.hidden) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    if (isTextField(event.target)) return;
    const key = event.key;
    if (MATERIAL_KEYS.has(key)) event.stopPropagation();
    if (key.length === 1 && key !== " " && !KEYS[key.toLowerCase()]) this.notes.focus();
  }

  /** N, B and P drive the run wherever focus is but in a text field; Esc leaves the notes. */
  onKey(event) {
    if (!isLive(this.session)) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing || event.defaultPrevented) return;
    const target = event.target;
    if (target === this.notes && event.key === "Escape") {
      this.nextButton.focus();
      return;
    }
    if (isTextField(target)) return;
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

onEveryPage("mock-interview", mount, () => {
  window.addEventListener("keydown", (event) => widget?.root.isConnected && widget.guardKey(event), true);
  document.addEventListener("keydown", (event) => widget?.root.isConnected && widget.onKey(event));
});
