// @ts-check
// The assessment on a page: wires up whatever the page holds, the form (#ex-assessment) and the
// result panel (#ex-result, on level pages). Loaded by assessment.mjs only on pages that have
// either. Nothing here scores anything.

import { el } from "./dom.mjs";
import { initAssessment } from "./form.mjs";
import {
  keepPlaceNext,
  renderBadLink,
  renderLoadFailure,
  renderLoading,
  renderResult,
  shareUrl,
} from "./panel.mjs";
import { RESULT_PREFIX } from "./result-link.mjs";
import { getScorer, ScorerError } from "./scorer.mjs";
import { scorerStatusNodes } from "./status.mjs";

/** @typedef {import("./panel.mjs").Result} Result */

/**
 * Whether the reader is moving through the browser's history (Back or Forward), where the
 * browser, or Material's instant navigation, puts them back where they were: the panel then
 * keeps their place. Told by the Navigation API where the browser has it (a `popstate` will
 * not do: a link to a fragment fires one too); elsewhere the panel always lands.
 */
let traversing =
  /** @type {PerformanceNavigationTiming | undefined} */ (
    performance.getEntriesByType("navigation")[0]
  )?.type === "back_forward";
/** @type {EventTarget | undefined} */
const navigation = /** @type {any} */ (window).navigation;
navigation?.addEventListener("navigate", (event) => {
  const type = /** @type {any} */ (event).navigationType;
  // Material saves the scroll position with history.replaceState (100 ms after each scroll,
  // including its own restoring scroll on Back): a "replace" leaves the reader where they are,
  // so it must not undo a traversal that the new page has not yet seen (on a busy machine the
  // page arrived after it, and the panel landed instead of keeping the reader's place).
  if (type !== "replace") traversing = type === "traverse";
});

/** The result being carried from the assessment to its level page. */
/** @type {Result | null} */
let carried = null;

/** The code in a `#result=` address, or null. */
export function resultCode() {
  const hash = window.location.hash;
  if (!hash.startsWith(RESULT_PREFIX)) return null;
  const raw = hash.slice(RESULT_PREFIX.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Go to the result's level page. A click on a real link lets Material's instant navigation
 * take over, so the worker and the result in memory survive the trip; without instant
 * navigation it is an ordinary page load and the level page decodes the code itself.
 *
 * @param {Result} result
 */
function goToResult(result) {
  carried = result;
  const anchor = el("a", { href: shareUrl(result).href, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** Show the result named by the address on this level page, if there is one. */
export async function showResult() {
  keepPlaceNext(traversing);
  traversing = false;
  const panel = document.getElementById("ex-result");
  const code = resultCode();
  if (!panel) {
    document.body.classList.remove("ex-has-result");
    return;
  }
  if (panel.dataset.state !== "result") document.body.classList.remove("ex-has-result");
  // An in-page link (#step-1) leaves the panel as it is.
  if (code === null || panel.dataset.code === code) return;
  const scorer = getScorer();
  if (carried && carried.code === code) {
    renderResult(panel, carried, scorer);
    return;
  }
  panel.dataset.code = code;
  const retry = () => {
    scorer.start();
    showResult();
  };
  const unsubscribe = scorer.subscribe((status) => {
    if (status.state === "loading") renderLoading(panel, scorerStatusNodes(status, retry));
  });
  try {
    const reply = await scorer.request("decode", { code });
    if (resultCode() !== code || !panel.isConnected) return; // the reader has moved on
    if (!reply.ok) renderBadLink(panel, reply.error);
    else if (reply.result.level === null) renderBadLink(panel, reply.result.reason);
    else {
      carried = reply.result;
      renderResult(panel, reply.result, scorer);
    }
  } catch (error) {
    if (!(error instanceof ScorerError)) throw error;
    if (resultCode() !== code || !panel.isConnected) return;
    renderLoadFailure(panel, scorerStatusNodes(scorer.status, retry), error.kind === "unsupported");
    delete panel.dataset.code;
  } finally {
    unsubscribe();
  }
}

/** Wire up the current page (Material's `document$` fires for every page, instant or not). */
export function onPage() {
  const form = document.getElementById("ex-assessment");
  if (form) initAssessment(form, getScorer(), goToResult);
  showResult();
}
