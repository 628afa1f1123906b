// Study mode for the flashcards page: flip, grade (keys, buttons or a swipe), undo, spaced
// repetition, progress in localStorage.
//
// The build lists every card on the page as sanitised HTML, each section's list naming its key
// and label, and draws the study panel showing the first card, question and (hidden) answer
// (exports.study_panel_html), so the page never shifts when this module brings the panel to life
// in place. The study root's data-flashcards attribute carries the scheduler's parameters
// (defined once, in playbook/flashcards/scheduling.py) and the deck's index: each section's key,
// label and size, and every card's id in the list's order. With that, study starts before a long
// deck's list has arrived: the page loads this module (async) right after the panel, and a card
// other than the one drawn shows once its part of the list has arrived. The schedule and the
// saved progress are flashcards-schedule.js; this module is the widget. Card content is only
// ever cloned from the page's own nodes: nothing is parsed from strings.
//
// Progress lives in localStorage under the study panel's data-storage-prefix: each site names its
// own, so two sites on one origin (any github.io user's) never share progress.

import { element } from "./dom.js";
import { describeDelay, GRADES, isDue, isLearned, ProgressStore, Scheduler } from "./flashcards-schedule.js";
import { askToKeep } from "./kept-storage.js";
import { onEveryPage } from "./on-every-page.js";

const GRADE_LABELS = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };
/** A swipe to the right grades Good, to the left Again: the two grades a thumb needs most. */
const SWIPES = { right: "good", left: "again" };
/** How far (px) a finger carries the card before letting go grades it, and before it moves. */
const SWIPE_GRADES = 80;
const SWIPE_STARTS = 12;
const STORAGE_FULL =
  "This browser's storage for this site is full: your progress from now on lasts until you " +
  "leave the page. What was saved before is kept.";
/** The prefix of pages built before the panel named its own: where their learners' progress is. */
const DEFAULT_PREFIX = "playbook-flashcards/v1/";

function cloneChildren(source, target) {
  target.replaceChildren(...[...source.childNodes].map((node) => node.cloneNode(true)));
}

function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** "1 card", "6 cards". */
function cardCount(count) {
  return count === 1 ? "1 card" : `${count} cards`;
}

/** The text of an answer as read aloud: without its "Source:" line. */
function answerText(back) {
  const answer = back.cloneNode(true);
  answer.querySelector(".playbook-cards-source")?.remove();
  return answer.textContent.trim();
}

/** The cards of the deck's index: each id in the list's order, with its section's key. */
function indexedCards(config) {
  const ids = config.cards ? config.cards.split(" ") : [];
  const sections = config.sections.flatMap((section) => Array(section.size).fill(section.key));
  if (sections.length !== ids.length) throw new Error("the deck's index does not add up");
  return ids.map((id, index) => ({ id, index, section: sections[index] }));
}

class StudySession {
  constructor(root) {
    const config = JSON.parse(root.dataset.flashcards);
    this.root = root;
    this.params = config.scheduler;
    this.scheduler = new Scheduler(this.params);
    this.panel = this.part(".playbook-cards-app");
    // An empty prefix would spread card ids over the origin's storage, among other apps' keys.
    this.store = new ProgressStore(
      this.panel.dataset.storagePrefix || DEFAULT_PREFIX,
      () => window.localStorage,
      () => this.storageFull(),
      this.params,
    );
    this.sections = config.sections.map(({ key, label }) => ({ key, label }));
    this.cards = indexedCards(config);
    const settings = this.store.settings();
    this.section = this.sections.some((s) => s.key === settings.section) ? settings.section : "";
    this.shuffle = settings.shuffle === true;
    this.order = new Map(shuffled(this.cards).map((card, rank) => [card.id, rank]));
    this.current = null;
    this.flipped = false;
    this.undoable = []; // {card, previous}: the grades of this visit, the last one last
    this.swipe = null;
    this.waiting = false; // or, waiting for a card to arrive, what to say then (waitForList)
    // Whether the learner last moved in the panel with a pointer (true) or with Tab (false):
    // see `leavesKeyToStudy`.
    this.pointerMoved = false;
    this.build();
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => this.lookAgain(), { once: true });
    }
    this.show();
    this.timer = window.setInterval(() => this.tick(), 30_000);
  }

  part(selector) {
    const node = this.root.querySelector(selector);
    if (!node) throw new Error(`the page has no ${selector}`);
    return node;
  }

  /** Find the panel the build drew (exports.study_panel_html) and bring it to life in place. */
  build() {
    const part = (selector) => this.part(selector);
    this.select = part("#playbook-cards-section");
    this.select.value = this.section;
    this.shuffleBox = part("#playbook-cards-shuffle");
    this.shuffleBox.checked = this.shuffle;
    this.resetButton = part('[data-action="reset"]');
    this.confirmReset = part('[data-action="confirm"]');
    this.cancelReset = part('[data-action="cancel"]');
    this.confirmBox = part(".playbook-cards-confirm");
    this.confirmQuestion = part("#playbook-cards-confirm-question");
    this.dueCount = part("[data-due]");
    this.learnedCount = part("[data-learned]");
    this.totalCount = part("[data-total]");
    this.bar = part("#playbook-cards-bar");
    this.view = part(".playbook-cards-view");
    this.position = part(".playbook-cards-position");
    this.frontView = part(".playbook-cards-view-front");
    this.backView = part(".playbook-cards-view-back");
    this.swipeHint = part(".playbook-cards-swipe");
    this.empty = part(".playbook-cards-empty");
    this.emptyText = part(".playbook-cards-empty > p");
    this.ahead = part('[data-action="ahead"]');
    this.flipButton = part(".playbook-cards-flip");
    this.undoButton = part('[data-action="undo"]');
    this.gradeButtons = GRADES.map((grade) => part(`.playbook-cards-grade[data-grade="${grade}"]`));
    this.grades = part(".playbook-cards-grades");
    this.actions = part(".playbook-cards-actions");
    this.status = part(".playbook-cards-status");
    part("[data-storage]").hidden = this.store.persistent;
    this.root.dataset.mounted = "true";

    // Mouse, pen or finger: the next Space on a checkbox is for the card (leavesKeyToStudy).
    this.panel.addEventListener("pointerdown", () => {
      this.pointerMoved = true;
    });
    this.select.addEventListener("change", () => {
      this.section = this.select.value;
      this.saveSettings();
      this.confirmQuestion.textContent = this.resetQuestion(); // in case it is open
      this.show(`Showing ${this.select.selectedOptions[0].textContent}.`);
    });
    this.shuffleBox.addEventListener("change", () => {
      this.shuffle = this.shuffleBox.checked;
      this.saveSettings();
      this.show(this.shuffle ? "Cards shuffled." : "Cards in page order.");
    });
    this.resetButton.addEventListener("click", () => {
      this.confirmQuestion.textContent = this.resetQuestion();
      this.confirmBox.hidden = false;
      this.cancelReset.focus();
    });
    this.cancelReset.addEventListener("click", () => {
      this.confirmBox.hidden = true;
      this.resetButton.focus();
    });
    this.confirmReset.addEventListener("click", () => {
      // Only the cards the filter shows; the filter itself (a setting, not progress) stays.
      const cards = this.selection();
      this.store.reset(cards.map((card) => card.id));
      const reset = new Set(cards);
      this.undoable = this.undoable.filter((step) => !reset.has(step.card));
      this.confirmBox.hidden = true;
      this.resetButton.focus();
      const verb = cards.length === 1 ? "is" : "are";
      this.show(`Progress reset: ${this.selectionName()} ${verb} new again.`);
    });
    this.flipButton.addEventListener("click", () => this.flip());
    this.undoButton.addEventListener("click", () => this.undo());
    this.view.addEventListener("click", (event) => {
      if (!event.target.closest("a")) this.flip();
    });
    for (const button of this.gradeButtons) {
      button.addEventListener("click", () => this.grade(button.dataset.grade));
    }
    this.ahead.addEventListener("click", () => {
      const next = this.selection().sort((a, b) => this.dueAt(a) - this.dueAt(b))[0];
      if (next) this.present(next, "Studying ahead.");
    });
    this.view.addEventListener("pointerdown", (event) => this.swipeStart(event));
    this.view.addEventListener("pointermove", (event) => this.swipeMove(event));
    this.view.addEventListener("pointerup", (event) => this.swipeEnd(event));
    this.view.addEventListener("pointercancel", () => this.swipeEnd(null));
  }

  sectionLabel(key) {
    return this.sections.find((s) => s.key === key)?.label ?? "";
  }

  /** The cards the filter shows, in words: "all 61 cards", "6 cards in Common Pitfalls". */
  selectionName() {
    const count = this.selection().length;
    if (this.section) return `${cardCount(count)} in ${this.sectionLabel(this.section)}`;
    return count > 1 ? `all ${cardCount(count)}` : cardCount(count);
  }

  resetQuestion() {
    return `Forget progress on ${this.selectionName()}?`;
  }

  saveSettings() {
    this.store.saveSettings({ section: this.section, shuffle: this.shuffle });
  }

  selection() {
    return this.section ? this.cards.filter((card) => card.section === this.section) : [...this.cards];
  }

  dueAt(card) {
    return this.store.get(card.id)?.due ?? 0;
  }

  queue(now) {
    const due = this.selection().filter((card) => isDue(this.store.get(card.id), now));
    const rank = (card) => (this.shuffle ? this.order.get(card.id) : card.index);
    const reviews = due.filter((card) => this.store.get(card.id) !== null);
    const fresh = due.filter((card) => this.store.get(card.id) === null);
    reviews.sort((a, b) => this.dueAt(a) - this.dueAt(b) || rank(a) - rank(b));
    fresh.sort((a, b) => rank(a) - rank(b));
    return this.shuffle ? shuffledByRank([...reviews, ...fresh], rank) : [...reviews, ...fresh];
  }

  /** The counts the panel shows, and the queue they were counted from. */
  counts(now) {
    const cards = this.selection();
    const learned = cards.filter((card) => isLearned(this.store.get(card.id), this.params)).length;
    const queue = this.queue(now);
    return { total: cards.length, learned, due: queue.length, queue };
  }

  updateStats(now) {
    const { total, learned, due, queue } = this.counts(now);
    this.dueCount.textContent = String(due);
    this.learnedCount.textContent = String(learned);
    this.totalCount.textContent = String(total);
    this.bar.max = Math.max(total, 1);
    this.bar.value = learned;
    return queue;
  }

  /** Show the first due card of the selection (or say that nothing is due). */
  show(message = "") {
    const now = Date.now();
    const queue = this.updateStats(now);
    if (queue.length > 0) {
      this.present(queue[0], message, queue.length);
      return;
    }
    this.noCard();
    this.empty.hidden = this.selection().length === 0;
    this.ahead.hidden = false;
    const upcoming = this.selection()
      .map((card) => this.dueAt(card))
      .filter((due) => due > now);
    const soonest = upcoming.length ? Math.min(...upcoming) : null;
    this.emptyText.textContent =
      soonest === null
        ? "No cards in this selection."
        : `Nothing is due. The next card is due in ${describeDelay(soonest - now)}.`;
    this.announce(`${message} ${this.emptyText.textContent}`);
  }

  /** No card in the view (the empty box says why). */
  noCard() {
    this.current = null;
    this.flipped = false;
    this.view.hidden = true;
    this.flipButton.hidden = true;
    this.grades.hidden = true;
  }

  /**
   * Put the card's question and answer in the view: cloned from the list, or as the build drew
   * them. False while the card's part of the list has not arrived (a long deck, still loading):
   * a card is whole once the parser has gone past it.
   */
  draw(card) {
    const node = document.getElementById(`card-${card.id}`);
    const whole = document.readyState !== "loading" || Boolean(node?.nextSibling);
    if (!node || !whole) {
      if (document.readyState !== "loading") throw new Error(`the page has no card ${card.id}`);
      return this.view.dataset.card === card.id;
    }
    cloneChildren(node.querySelector(".playbook-cards-front"), this.frontView);
    cloneChildren(node.querySelector(".playbook-cards-back"), this.backView);
    this.view.dataset.card = card.id;
    return true;
  }

  /** Until the card has arrived: say so, and look again every 50 ms and once the page has
   * loaded. */
  waitForList(message) {
    if (this.waiting === false) window.setTimeout(() => this.lookAgain(), 50);
    this.waiting = message;
    this.noCard();
    this.empty.hidden = false;
    this.ahead.hidden = true;
    this.emptyText.textContent = "Loading the cards…";
  }

  lookAgain() {
    const message = this.waiting;
    if (message === false) return;
    this.waiting = false;
    this.show(message);
  }

  /** Show `card`, question side; `due` is how many cards are due now. */
  present(card, message = "", due = this.queue(Date.now()).length) {
    if (!this.draw(card)) {
      this.waitForList(message);
      return;
    }
    this.current = card;
    this.flipped = false;
    this.view.hidden = false;
    this.empty.hidden = true;
    this.backView.hidden = true;
    this.swipeHint.hidden = true;
    this.grades.hidden = true;
    this.flipButton.hidden = false;
    this.flipButton.replaceChildren("Show answer ", element("kbd", { text: "Space" }));
    this.panel.dataset.side = "question";
    this.undoButton.hidden = this.undoable.length === 0;
    const section = this.sectionLabel(card.section);
    this.position.textContent = `${due} due · ${section}`;
    this.view.setAttribute("aria-label", `Flashcard, question side. ${section}`);
    if (!this.firstShown) {
      this.firstShown = true;
      performance.mark("playbook-flashcards:first-card");
    }
    this.announce(`${message} Question: ${this.frontView.textContent.trim()}`);
  }

  /** Show the answer, or hide it again; `message` comes before what is read aloud. */
  flip(message = "") {
    if (!this.current) return;
    this.flipped = !this.flipped;
    this.backView.hidden = !this.flipped;
    this.swipeHint.hidden = !this.flipped;
    this.grades.hidden = !this.flipped;
    this.flipButton.replaceChildren(
      this.flipped ? "Hide answer " : "Show answer ",
      element("kbd", { text: "Space" }),
    );
    this.view.setAttribute("aria-label", `Flashcard, ${this.flipped ? "answer" : "question"} side`);
    this.panel.dataset.side = this.flipped ? "answer" : "question";
    // The focus goes to the card, or stays in it, but never on a link of the answer just hidden
    // (it would fall back on <body>).
    const focus = document.activeElement;
    if (!this.view.contains(focus) || focus.closest("[hidden]")) {
      this.view.focus({ preventScroll: true });
    }
    if (this.flipped) {
      const now = Date.now();
      const progress = this.store.get(this.current.id);
      for (const button of this.gradeButtons) {
        const next = this.scheduler.next(progress, button.dataset.grade, now);
        button.querySelector("small").textContent = describeDelay(next.due - now);
      }
      this.announce(`${message} Answer: ${answerText(this.backView)}`);
      this.bringAnswerIntoSight();
    } else {
      this.announce(`${message} Question: ${this.frontView.textContent.trim()}`);
    }
  }

  /** Scroll the answer out from under the buttons (which stay at the bottom of the screen),
   * never the card's top under Material's header. */
  bringAnswerIntoSight() {
    const card = this.view.getBoundingClientRect();
    const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
    const under = card.bottom - this.actions.getBoundingClientRect().top;
    const by = Math.min(under, card.top - header - 8);
    if (by > 0) window.scrollBy(0, by);
  }

  grade(grade) {
    if (!this.current || !this.flipped) return;
    const now = Date.now();
    const card = this.current;
    const previous = this.store.get(card.id);
    const next = this.scheduler.next(previous, grade, now);
    this.store.set(card.id, next);
    if (this.undoable.length === 0) askToKeep(); // the visit's first grade: progress to keep
    this.undoable.push({ card, previous });
    const message = `Graded ${GRADE_LABELS[grade]}: back in ${describeDelay(next.due - now)}.`;
    this.show(message);
    this.undoButton.hidden = false;
    if (!this.view.hidden) this.view.focus({ preventScroll: true });
    else if (!this.empty.hidden) this.ahead.focus({ preventScroll: true });
  }

  /** Take the last grade back: the card's progress as it was, and the card, answer showing, to
   * grade again. */
  undo() {
    const step = this.undoable.pop();
    if (!step) return;
    const { card, previous } = step;
    if (previous === null) this.store.forget(card.id);
    else this.store.set(card.id, previous);
    this.updateStats(Date.now());
    this.present(card, "Last grade undone.");
    if (this.current === card) {
      this.flip("Last grade undone.");
      this.view.focus({ preventScroll: true });
    }
  }

  /** A finger (or pen) on the card, once the answer shows: follow it, and grade where it lets
   * go (SWIPES); a short move is a tap, which flips the card as a click does. */
  swipeStart(event) {
    if (!this.flipped || event.pointerType === "mouse" || !event.isPrimary) return;
    this.swipe = { pointer: event.pointerId, x: event.clientX, y: event.clientY, grade: null };
  }

  swipeMove(event) {
    const swipe = this.swipe;
    if (!swipe || event.pointerId !== swipe.pointer) return;
    const dx = event.clientX - swipe.x;
    if (Math.abs(dx) < SWIPE_STARTS || Math.abs(dx) < Math.abs(event.clientY - swipe.y)) return;
    swipe.grade = Math.abs(dx) >= SWIPE_GRADES ? SWIPES[dx > 0 ? "right" : "left"] : null;
    this.view.style.transform = `translateX(${dx}px) rotate(${dx / 40}deg)`;
    if (swipe.grade) this.view.dataset.swipe = swipe.grade;
    else delete this.view.dataset.swipe;
  }

  swipeEnd(event) {
    const swipe = this.swipe;
    if (!swipe || (event && event.pointerId !== swipe.pointer)) return;
    this.swipe = null;
    this.view.style.transform = "";
    delete this.view.dataset.swipe;
    if (event && swipe.grade) this.grade(swipe.grade);
  }

  tick() {
    if (!this.root.isConnected) {
      window.clearInterval(this.timer);
      return;
    }
    const queue = this.updateStats(Date.now());
    if (!this.current && this.waiting === false && queue.length > 0) this.show();
  }

  announce(text) {
    // Replacing the text (not appending) makes screen readers read each message once.
    this.status.textContent = text.trim();
  }

  /** Told once by the store when a write was refused: say so where the page says storage is
   * off, and aloud; study goes on, the progress from here on kept for the visit. */
  storageFull() {
    const note = this.part("[data-storage]");
    note.textContent = STORAGE_FULL;
    note.hidden = false;
    this.announce(STORAGE_FULL);
  }

  /**
   * Whether the focused element leaves `key` to the study mode. The study keys work wherever the
   * focus is in the panel, except where the focused control's own use of the key is what the
   * learner means:
   * - text fields, selects and editable text keep every key: typing there is never hijacked;
   * - buttons and <summary> keep Space and Enter, which activate them;
   * - links keep Enter, which follows them (Space, which would only scroll the page, flips);
   * - a checkbox keeps Space (toggle) only when the learner reached it with Tab. Who has just
   *   clicked "Shuffle" looks at the card, not at the box the click left the focus on, and
   *   expects Space to flip the card as it did before the click; who tabbed to the box means
   *   the box, and must be able to toggle it without a mouse. Enter, which a checkbox ignores,
   *   always flips.
   * The grade keys 1-4 and U (undo) mean nothing to buttons, links or checkboxes: they work
   * there too. With no card to flip (or before the answer shows, for the grade keys), every key
   * does what it would do without the study mode.
   */
  leavesKeyToStudy(target, key) {
    if (target.isContentEditable || target.matches("select, textarea")) return false;
    if (target instanceof HTMLInputElement) {
      if (target.type !== "checkbox" && target.type !== "radio") return false;
      return key !== " " || this.pointerMoved;
    }
    if (key === " " || key === "Enter") {
      if (target.closest("button, summary")) return false;
      if (key === "Enter" && target.closest("a[href]")) return false;
    }
    return true;
  }

  onKey(event) {
    if (event.key === "Tab") this.pointerMoved = false;
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (event.isComposing) return;
    const target = event.target;
    const inWidget = this.root.contains(target);
    if (!inWidget && target !== document.body && target !== document.documentElement) return;
    const flipKey = event.key === " " || event.key === "Enter";
    const gradeKey = /^[1-4]$/.test(event.key);
    const undoKey = event.key === "u" || event.key === "U";
    if (!(flipKey || gradeKey || undoKey) || !this.leavesKeyToStudy(target, event.key)) return;
    if (flipKey && this.current) {
      event.preventDefault();
      if (!event.repeat) this.flip(); // holding the key flips once
    } else if (gradeKey && this.flipped) {
      event.preventDefault();
      this.grade(GRADES[Number(event.key) - 1]);
    } else if (undoKey && this.undoable.length > 0) {
      event.preventDefault();
      if (!event.repeat) this.undo();
    }
  }
}

function shuffledByRank(cards, rank) {
  return [...cards].sort((a, b) => rank(a) - rank(b));
}

let session = null;

function mount() {
  const root = document.querySelector(".playbook-cards-study[data-flashcards]");
  if (!root) {
    session = null;
    return;
  }
  if (root.dataset.mounted === "true" && session?.root === root) return;
  performance.mark("playbook-flashcards:start");
  try {
    session = new StudySession(root);
  } catch (error) {
    session = null;
    const note = document.createElement("p");
    note.className = "playbook-cards-note";
    note.textContent = `Study mode could not start (${error.message}); every card is listed below.`;
    root.replaceChildren(note);
  }
}

function listenToKeys() {
  document.addEventListener("keydown", (event) => session?.root.isConnected && session.onKey(event));
}

if (document.readyState === "loading" && typeof document$ === "undefined") {
  // Loaded by the page itself, mid-way: start on the panel now; Material's document$, which
  // shows each later page, is defined at the end of the page.
  listenToKeys();
  mount();
  document.addEventListener("DOMContentLoaded", () => onEveryPage("flashcards", mount), { once: true });
} else {
  onEveryPage("flashcards", mount, listenToKeys);
}
