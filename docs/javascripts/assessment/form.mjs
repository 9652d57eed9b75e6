// @ts-check
// The assessment form: saved answers, the answered count, the scorer's loading state, and
// submitting. Answers given in another tab appear here as they are saved (storage.mjs). Every message appears in the status area next to the submit button; a message
// the reader caused (by submitting, starting over or retrying) is scrolled into view and
// announced there.

import { ScorerError } from "../scorer/scorer.mjs";
import { button, el } from "../shared/dom.mjs";
import { counted, messageNodes, message as sentence } from "../shared/messages.mjs";
import { recordResult } from "../shared/saved.mjs";
import { scorerStatusNodes } from "../shared/status.mjs";
import { ANSWERS_KEY, clearAnswers, loadAnswers, updateAnswers } from "./storage.mjs";

/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../scorer/scorer.mjs").ScorerStatus} ScorerStatus */
/** @typedef {import("../scorer/protocol.mjs").Result} Result */
/**
 * @template {import("../scorer/protocol.mjs").RequestType} T
 * @typedef {import("../scorer/protocol.mjs").ReplyTo<T>} ReplyTo
 */

const NOT_SURE = "unsure";
const NOT_APPLICABLE = "na"; // quiz/form.py NA_VALUE: the answer JSON's own value

/**
 * Wire up the assessment form. Safe to call again for the same form (it does nothing).
 *
 * @param {HTMLElement} root the element holding the questions (#ex-assessment)
 * @param {Scorer} scorer
 * @param {(result: Result, saved: boolean) => Promise<void>} onResult called with a result that
 *   has a level, and whether it is saved in this browser; settles once the result is shown (on
 *   its level page, or on this one when that page could not be opened)
 */
export function initAssessment(root, scorer, onResult) {
  if (root.dataset.ready) return;
  root.dataset.ready = "true";
  new AssessmentForm(root, scorer, onResult).start();
}

/** The assessment form's parts and what they do; one per form (`initAssessment`). */
class AssessmentForm {
  /**
   * @param {HTMLElement} root
   * @param {Scorer} scorer
   * @param {(result: Result, saved: boolean) => Promise<void>} onResult
   */
  constructor(root, scorer, onResult) {
    this.root = root;
    this.scorer = scorer;
    this.onResult = onResult;
    this.status = /** @type {HTMLElement} */ (root.querySelector("#ex-status"));
    this.submit = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ex-action=submit]"));
    this.reset = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ex-action=reset]"));
    this.progress = /** @type {HTMLElement} */ (root.querySelector(".ex-progress"));
    this.count = /** @type {HTMLElement} */ (root.querySelector("#ex-progress-count"));
    this.bar = /** @type {HTMLProgressElement} */ (root.querySelector("#ex-progress-bar"));
    // The status area: the scorer's state (not announced: it changes as bytes arrive), and the
    // message about the reader's last action (a live region).
    this.scorerPart = el("div", { className: "ex-status__scorer", tabindex: "-1" });
    this.message = el("div", { className: "ex-status__message", role: "status" });
    /** The note above the first question that answers were restored, while it is true. */
    /** @type {HTMLElement | null} */
    this.restoredNote = null;
    this.storageWarned = false;
    /** "Undo" after "Start over": only until the reader answers again (it would undo that). */
    /** @type {HTMLElement | null} */
    this.undo = null;
    // A failure is the reader's business: it goes into the announced message, with "Try again".
    this.retried = false;
    this.retry = () => {
      this.retried = true;
      scorer.start();
    };
    // Each submit is a round; "Start over" ends the current one, so a reply still on its way
    // (the scorer may be loading) is dropped instead of opening a result for cleared answers.
    this.round = 0;
    this.busy = false;
  }

  start() {
    const { root, status } = this;
    status.replaceChildren(this.scorerPart, this.message);
    this.restoreAnswers();
    this.progress.hidden = false;
    this.updateProgress();
    root.addEventListener("change", (event) => this.onChange(event));
    this.scorer.subscribeWhile(root, (state) => this.showScorer(state));
    this.reset.addEventListener("click", () => this.startOver());
    // Another tab or window changed the saved answers: per question, the newest answer wins,
    // so this form shows what is saved now, and says so.
    const onStorage = (/** @type {StorageEvent} */ event) => {
      if (!root.isConnected) {
        window.removeEventListener("storage", onStorage);
        return;
      }
      if (event.key !== ANSWERS_KEY && event.key !== null) return;
      this.showAnswersFromElsewhere();
    };
    window.addEventListener("storage", onStorage);
    this.submit.addEventListener("click", () => this.score());
    this.submit.disabled = false;
    this.reset.disabled = false;
  }

  radios() {
    return /** @type {HTMLInputElement[]} */ ([...this.root.querySelectorAll("input[type=radio]")]);
  }

  /** @param {Node[]} nodes @param {boolean} reveal scroll into view (the reader caused it) */
  say(nodes, reveal) {
    this.message.replaceChildren(...nodes);
    if (!reveal) return;
    this.status.scrollIntoView({ block: "nearest" });
    keepInView(this.status);
  }

  /** Check the answers saved in this browser, and say so above the first question. */
  restoreAnswers() {
    const { answers, problem } = loadAnswers();
    for (const input of this.radios()) {
      if (answers[input.name] === input.value) input.checked = true;
    }
    const restored = this.radios().filter((input) => input.checked).length;
    if (problem) this.say([el("p", { text: problem })], false);
    // Above the first question, where a returning reader starts: why answers are already there.
    this.restoredNote = restored
      ? el("p", {
          className: "ex-restored",
          text: counted("restored", restored),
        })
      : null;
    if (this.restoredNote) this.root.querySelector(".ex-question")?.before(this.restoredNote);
  }

  /** @returns {Record<string, string>} */
  chosen() {
    /** @type {Record<string, string>} */
    const given = {};
    for (const input of this.radios()) if (input.checked) given[input.name] = input.value;
    return given;
  }

  updateProgress() {
    const answered = Object.keys(this.chosen()).length;
    this.count.textContent = String(answered);
    this.bar.value = answered;
    for (const fieldset of this.root.querySelectorAll(".ex-question")) {
      fieldset.classList.toggle("ex-question--answered", !!fieldset.querySelector(":checked"));
    }
  }

  /** @param {Event} event */
  onChange(event) {
    this.undo?.remove();
    this.undo = null;
    this.updateProgress();
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    // Only this question: another tab's answers to the others stay as they are.
    if (!updateAnswers({ [input.name]: input.value }) && !this.storageWarned) {
      this.storageWarned = true;
      this.say(
        [
          el("p", {
            text: sentence("answers_not_saved"),
          }),
        ],
        false,
      );
    }
  }

  /** @param {ScorerStatus} state */
  showScorer(state) {
    const { status, scorerPart } = this;
    status.dataset.scorer = state.state;
    // How Python started (tests and the benchmark read it): "snapshot" on a repeat visit.
    if (state.state === "ready") status.dataset.scorerStart = state.restored ? "snapshot" : "fresh";
    if (state.state === "failed") {
      scorerPart.replaceChildren();
      this.say(scorerStatusNodes(state, this.retry), this.retried);
      return;
    }
    scorerPart.replaceChildren(...scorerStatusNodes(state, this.retry));
    if (this.retried) {
      this.retried = false;
      this.message.replaceChildren();
      scorerPart.focus({ preventScroll: true });
      status.scrollIntoView({ block: "nearest" });
    }
  }

  endRound() {
    this.round += 1;
    this.busy = false;
    this.submit.removeAttribute("aria-disabled");
  }

  /** @param {Record<string, string>} given */
  fill(given) {
    for (const input of this.radios()) input.checked = given[input.name] === input.value;
    this.updateProgress();
  }

  startOver() {
    this.endRound();
    const cleared = this.chosen();
    this.restoredNote?.remove();
    this.fill({});
    clearAnswers();
    const count = Object.keys(cleared).length;
    this.undo = count
      ? button(counted("undo", count), () => {
          this.undo = null;
          this.fill(cleared);
          updateAnswers(cleared);
          this.say([el("p", { text: sentence("answers_back") })], false);
          this.reset.focus();
        })
      : null;
    const undo = this.undo ? [this.undo] : [];
    this.say([el("p", { text: sentence("answers_cleared") }), ...undo], true);
  }

  showAnswersFromElsewhere() {
    const before = JSON.stringify(this.chosen());
    this.fill(loadAnswers().answers);
    if (JSON.stringify(this.chosen()) === before) return;
    this.restoredNote?.remove();
    this.undo?.remove();
    this.undo = null;
    this.say([el("p", { text: sentence("answers_elsewhere") })], false);
  }

  /** The chosen answers as the scorer takes them. */
  answers() {
    /** @type {Record<string, number | null | "na">} */
    const payload = {};
    for (const [name, value] of Object.entries(this.chosen())) {
      payload[name] = value === NOT_SURE ? null : value === NOT_APPLICABLE ? "na" : Number(value);
    }
    return payload;
  }

  /** Submit: score the answers, then open the result (or say why there is none). */
  async score() {
    const { scorer } = this;
    if (this.busy) return;
    this.busy = true;
    const mine = this.round;
    this.submit.setAttribute("aria-disabled", "true");
    const answers = this.answers();
    const waiting = scorer.status.state !== "ready";
    this.say(
      [
        el("p", {
          text: waiting ? sentence("scoring_waiting") : sentence("scoring"),
        }),
      ],
      true,
    );
    try {
      const reply = await scorer.request("score", { answers });
      if (mine !== this.round) return; // started over meanwhile
      // The reader went to another page while the scorer loaded: they chose where to be, so
      // no result pulls them away. Their answers are saved; the form scores them on return.
      if (!this.root.isConnected) return;
      await this.showReply(reply, mine);
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      if (mine === this.round) this.say(scorerStatusNodes(scorer.status, this.retry), true);
    } finally {
      if (mine === this.round) this.endRound();
    }
  }

  /**
   * @param {ReplyTo<"score">} reply
   * @param {number} mine the round it answers
   */
  async showReply(reply, mine) {
    if (!reply.ok) {
      this.say([el("p", { className: "ex-status__error", text: reply.error })], true);
    } else if (reply.result.level === null) {
      this.say(notEnough(this.root, reply.result), true);
    } else {
      this.say([el("p", { text: sentence("opening_result") })], false);
      // Progress on this device: the code and the date, saved before the page changes.
      const saved = recordResult(reply.result.code);
      await this.onResult(reply.result, saved);
      // Still here: the level page did not arrive, and the result is shown below the form.
      if (this.root.isConnected && mine === this.round) this.message.replaceChildren();
    }
  }
}

/**
 * Keep `node` in view for a moment while the page settles: questions drawn for the first time
 * as the page scrolls (content-visibility) take their real height, which may differ from the
 * one reserved for them, and can push the node out of view. Stops after a second, or at once
 * when the reader scrolls, clicks or types, so it never fights them.
 *
 * @param {HTMLElement} node
 */
function keepInView(node) {
  const form = node.closest(".ex-assessment") || document.body;
  const observer = new ResizeObserver(() => {
    const box = node.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) node.scrollIntoView({ block: "nearest" });
  });
  const stop = () => {
    observer.disconnect();
    for (const type of ["wheel", "touchstart", "pointerdown", "keydown"])
      removeEventListener(type, stop);
  };
  for (const type of ["wheel", "touchstart", "pointerdown", "keydown"]) {
    addEventListener(type, stop, { once: true, passive: true });
  }
  for (const question of form.querySelectorAll(".ex-question")) observer.observe(question);
  setTimeout(stop, 1000);
}

/**
 * The engine's "not enough answers" reason, with a link to the first question that can help:
 * one in an area the engine counts as unanswered ("Not sure" counts for nothing there), since
 * more answers in an area already covered would not lift the count it asks for.
 *
 * @param {HTMLElement} root
 * @param {Result} result the engine's result without a level
 * @returns {Node[]}
 */
function notEnough(root, result) {
  const nodes = [el("p", { className: "ex-status__error", text: result.reason || "" })];
  const covered = new Set(
    result.profile.filter((area) => (area.answered ?? 0) > 0).map((area) => area.id),
  );
  const fieldsets = /** @type {HTMLElement[]} */ ([...root.querySelectorAll(".ex-question")]);
  const index = fieldsets.findIndex((fieldset) => !covered.has(fieldset.dataset.area || ""));
  if (index >= 0) {
    const target = fieldsets[index];
    const link = el("a", {
      href: `#${target.id}`,
      text: sentence("go_to_question", { number: index + 1 }),
    });
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return; // a new tab or window
      event.preventDefault();
      event.stopPropagation(); // not Material's instant navigation: it would move focus away
      goToQuestion(target);
    });
    nodes.push(el("p", {}, ...messageNodes("go_to_question_why", { link })));
  }
  return nodes;
}

/**
 * Bring a question into view below the sticky header and progress bar (its scroll margin
 * says how far), and put the keyboard on its first choice.
 *
 * @param {HTMLElement} fieldset
 */
function goToQuestion(fieldset) {
  fieldset.scrollIntoView({ block: "start" });
  const first = /** @type {HTMLInputElement | null} */ (fieldset.querySelector("input"));
  first?.focus({ preventScroll: true });
}
