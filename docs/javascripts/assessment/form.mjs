// @ts-check
// The assessment form: saved answers, the answered count, the scorer's loading state, and
// submitting. Answers given in another tab appear here as they are saved (storage.mjs). Every message appears in the status area next to the submit button; a message
// the reader caused (by submitting, starting over or retrying) is scrolled into view and
// announced there.

import { ScorerError } from "../scorer/scorer.mjs";
import { button, el } from "../shared/dom.mjs";
import { message as sentence } from "../shared/messages.mjs";
import { recordResult } from "../shared/saved.mjs";
import { scorerStatusNodes } from "../shared/status.mjs";
import { ANSWERS_KEY, clearAnswers, loadAnswers, updateAnswers } from "./storage.mjs";

/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../scorer/scorer.mjs").ScorerStatus} ScorerStatus */
/** @typedef {import("../scorer/protocol.mjs").Result} Result */

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
  const status = /** @type {HTMLElement} */ (root.querySelector("#ex-status"));
  const submit = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ex-action=submit]"));
  const reset = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ex-action=reset]"));
  const progress = /** @type {HTMLElement} */ (root.querySelector(".ex-progress"));
  const count = /** @type {HTMLElement} */ (root.querySelector("#ex-progress-count"));
  const bar = /** @type {HTMLProgressElement} */ (root.querySelector("#ex-progress-bar"));
  const radios = () =>
    /** @type {HTMLInputElement[]} */ ([...root.querySelectorAll("input[type=radio]")]);

  // The status area: the scorer's state (not announced: it changes as bytes arrive), and the
  // message about the reader's last action (a live region).
  const scorerPart = el("div", { className: "ex-status__scorer", tabindex: "-1" });
  const message = el("div", { className: "ex-status__message", role: "status" });
  status.replaceChildren(scorerPart, message);

  /** @param {Node[]} nodes @param {boolean} reveal scroll into view (the reader caused it) */
  const say = (nodes, reveal) => {
    message.replaceChildren(...nodes);
    if (!reveal) return;
    status.scrollIntoView({ block: "nearest" });
    keepInView(status);
  };

  const { answers, problem } = loadAnswers();
  for (const input of radios()) {
    if (answers[input.name] === input.value) input.checked = true;
  }
  const restored = radios().filter((input) => input.checked).length;
  if (problem) say([el("p", { text: problem })], false);
  // Above the first question, where a returning reader starts: why answers are already there.
  const restoredNote = restored
    ? el("p", {
        className: "ex-restored",
        text:
          `Your earlier ${restored === 1 ? "answer is" : `${restored} answers are`} filled in` +
          " (saved in this browser). Change any of them, or press Start over at the end to" +
          " clear them.",
      })
    : null;
  if (restoredNote) root.querySelector(".ex-question")?.before(restoredNote);

  /** @returns {Record<string, string>} */
  const chosen = () => {
    /** @type {Record<string, string>} */
    const given = {};
    for (const input of radios()) if (input.checked) given[input.name] = input.value;
    return given;
  };

  const updateProgress = () => {
    const answered = Object.keys(chosen()).length;
    count.textContent = String(answered);
    bar.value = answered;
    for (const fieldset of root.querySelectorAll(".ex-question")) {
      fieldset.classList.toggle("ex-question--answered", !!fieldset.querySelector(":checked"));
    }
  };
  progress.hidden = false;
  updateProgress();

  let storageWarned = false;
  /** "Undo" after "Start over": only until the reader answers again (it would undo that). */
  /** @type {HTMLElement | null} */
  let undo = null;
  root.addEventListener("change", (event) => {
    undo?.remove();
    undo = null;
    updateProgress();
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    // Only this question: another tab's answers to the others stay as they are.
    if (!updateAnswers({ [input.name]: input.value }) && !storageWarned) {
      storageWarned = true;
      say(
        [
          el("p", {
            text:
              "This browser is not saving your answers (storage is full or turned off). " +
              "You can still finish the assessment in this visit.",
          }),
        ],
        false,
      );
    }
  });

  // A failure is the reader's business: it goes into the announced message, with "Try again".
  let retried = false;
  const retry = () => {
    retried = true;
    scorer.start();
  };
  scorer.subscribeWhile(root, (state) => {
    status.dataset.scorer = state.state;
    // How Python started (tests and the benchmark read it): "snapshot" on a repeat visit.
    if (state.state === "ready") status.dataset.scorerStart = state.restored ? "snapshot" : "fresh";
    if (state.state === "failed") {
      scorerPart.replaceChildren();
      say(scorerStatusNodes(state, retry), retried);
      return;
    }
    scorerPart.replaceChildren(...scorerStatusNodes(state, retry));
    if (retried) {
      retried = false;
      message.replaceChildren();
      scorerPart.focus({ preventScroll: true });
      status.scrollIntoView({ block: "nearest" });
    }
  });

  // Each submit is a round; "Start over" ends the current one, so a reply still on its way
  // (the scorer may be loading) is dropped instead of opening a result for cleared answers.
  let round = 0;
  let busy = false;
  const endRound = () => {
    round += 1;
    busy = false;
    submit.removeAttribute("aria-disabled");
  };

  /** @param {Record<string, string>} given */
  const fill = (given) => {
    for (const input of radios()) input.checked = given[input.name] === input.value;
    updateProgress();
  };
  reset.addEventListener("click", () => {
    endRound();
    const cleared = chosen();
    restoredNote?.remove();
    fill({});
    clearAnswers();
    const count = Object.keys(cleared).length;
    undo = count
      ? button(`Undo: bring back ${count === 1 ? "1 answer" : `${count} answers`}`, () => {
          undo = null;
          fill(cleared);
          updateAnswers(cleared);
          say([el("p", { text: "Your answers are back." })], false);
          reset.focus();
        })
      : null;
    say([el("p", { text: "Your answers have been cleared." }), ...(undo ? [undo] : [])], true);
  });

  // Another tab or window changed the saved answers: per question, the newest answer wins, so
  // this form shows what is saved now, and says so.
  const onStorage = (/** @type {StorageEvent} */ event) => {
    if (!root.isConnected) {
      window.removeEventListener("storage", onStorage);
      return;
    }
    if (event.key !== ANSWERS_KEY && event.key !== null) return;
    const before = JSON.stringify(chosen());
    fill(loadAnswers().answers);
    if (JSON.stringify(chosen()) === before) return;
    restoredNote?.remove();
    undo?.remove();
    undo = null;
    say([el("p", { text: sentence("answers_elsewhere") })], false);
  };
  window.addEventListener("storage", onStorage);

  submit.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    const mine = round;
    submit.setAttribute("aria-disabled", "true");
    /** @type {Record<string, number | null | "na">} */
    const payload = {};
    for (const [name, value] of Object.entries(chosen())) {
      payload[name] = value === NOT_SURE ? null : value === NOT_APPLICABLE ? "na" : Number(value);
    }
    const waiting = scorer.status.state !== "ready";
    say(
      [
        el("p", {
          text: waiting
            ? "Your answers will be scored as soon as the scorer has loaded."
            : "Scoring your answers…",
        }),
      ],
      true,
    );
    try {
      const reply = await scorer.request("score", { answers: payload });
      if (mine !== round) return; // started over meanwhile
      // The reader went to another page while the scorer loaded: they chose where to be, so
      // no result pulls them away. Their answers are saved; the form scores them on return.
      if (!root.isConnected) return;
      if (!reply.ok) {
        say([el("p", { className: "ex-status__error", text: reply.error })], true);
      } else if (reply.result.level === null) {
        say(notEnough(root, reply.result), true);
      } else {
        say([el("p", { text: "Opening your result…" })], false);
        // Progress on this device: the code and the date, saved before the page changes.
        const saved = recordResult(reply.result.code);
        await onResult(reply.result, saved);
        // Still here: the level page did not arrive, and the result is shown below the form.
        if (root.isConnected && mine === round) message.replaceChildren();
      }
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      if (mine === round) say(scorerStatusNodes(scorer.status, retry), true);
    } finally {
      if (mine === round) endRound();
    }
  });

  submit.disabled = false;
  reset.disabled = false;
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
    const link = el("a", { href: `#${target.id}`, text: `Go to question ${index + 1}` });
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return; // a new tab or window
      event.preventDefault();
      event.stopPropagation(); // not Material's instant navigation: it would move focus away
      goToQuestion(target);
    });
    nodes.push(el("p", {}, link, ", the first in an area you have not answered yet."));
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
