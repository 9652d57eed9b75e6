// @ts-check
// The assessment on a page: wires up whatever the page holds, the form (#ex-assessment) and the
// result panel (#ex-result, on level pages). Loaded by assessment.mjs only on pages that have
// either. Nothing here scores anything.

import { getScorer, ScorerError } from "../scorer/scorer.mjs";
import { el } from "../shared/dom.mjs";
import { messageNodes, pageLanguage } from "../shared/messages.mjs";
import { hashValue, RESULT_PREFIX } from "../shared/result-link.mjs";
import { resultUrl } from "../shared/result-text.mjs";
import { scorerStatusNodes } from "../shared/status.mjs";
import { initAssessment } from "./form.mjs";
import {
  keepPlaceNext,
  renderBadLink,
  renderLoadFailure,
  renderLoading,
  renderResult,
} from "./panel.mjs";

/** @typedef {import("../scorer/protocol.mjs").Result} Result */

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
/** The language of the carried result's sentences: a level page in another language (reached
 * by instant navigation) asks the scorer for the result again, in its own. */
let carriedLanguage = "";

/** @param {Result} result */
const carry = (result) => {
  carried = result;
  carriedLanguage = pageLanguage();
};

/**
 * How long the result's level page may take to arrive before the result is shown on the
 * assessment page instead (the reader hears within five seconds either way).
 */
const OPEN_WITHIN_MS = 4_000;

/** Called when a level page shows the carried result (`navigate` waits for it). */
/** @type {((code: string) => void) | null} */
let arrived = null;

/**
 * After a result page that did not arrive, Material's instant navigation still believes it is
 * on that page and would only change the address on a link to it: such a link loads the page
 * the ordinary way instead, until the next page arrives.
 *
 * @type {((event: MouseEvent) => void) | null}
 */
let staleGuard = null;

/** @typedef {"offline" | "slow" | "failed"} Unopened why a level page did not arrive */

/** Why a fetch that failed failed, as far as the browser tells. */
const failure = () => /** @type {Unopened} */ (navigator.onLine === false ? "offline" : "failed");

/** The code in a `#result=` address, or null. */
export const resultCode = () => hashValue(RESULT_PREFIX);

/**
 * Fetch `url` (a page of the site), body and all, within `ms`. The browser keeps it, so the
 * instant navigation that follows finds it at once.
 *
 * @param {URL} url
 * @param {number} ms
 * @returns {Promise<Unopened | null>} null when it arrived
 */
async function fetchPage(url, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) return "failed";
    await response.text();
    return null;
  } catch {
    return controller.signal.aborted ? "slow" : failure();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Follow a link to `url` as a reader's click does, so that Material's instant navigation takes
 * over (the worker and the result in memory survive the trip), and wait until the level page
 * shows the carried result. Material fetches the page with an XMLHttpRequest, made during the
 * click: it is caught here so that its failure is seen at once, and so that it can be called
 * off when the page is too slow (Material would otherwise change the page later, under an
 * address put back meanwhile).
 *
 * @param {URL} url
 * @param {number} ms
 * @returns {Promise<Unopened | null>} null when the level page shows the result
 */
function navigate(url, ms) {
  return new Promise((resolve) => {
    /** @type {XMLHttpRequest | null} */
    let request = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const finish = (/** @type {Unopened | null} */ problem) => {
      if (!arrived) return;
      arrived = null;
      clearTimeout(timer);
      resolve(problem);
    };
    arrived = (code) => {
      if (code === carried?.code) finish(null);
    };
    timer = setTimeout(() => {
      request?.abort();
      finish("slow");
    }, ms);
    // Caught as it opens, so that its listeners here run before Material's own: once Material
    // has the page it ends the request, and its status then reads 0. A failure is acted on
    // only after Material's own handler has run: it sets the address it has already shown
    // (nothing happens), where after the address was put back it would load the level page
    // the ordinary way, and the browser would show its error page instead of the result.
    const failed = (/** @type {Unopened} */ problem) => setTimeout(() => finish(problem), 0);
    const open = XMLHttpRequest.prototype.open;
    /** @param {string} method @param {string | URL} address */
    XMLHttpRequest.prototype.open = function (method, address) {
      if (!request) {
        request = this;
        this.addEventListener("error", () => failed(failure()));
        this.addEventListener("load", () => {
          if (this.status < 200 || this.status > 299) {
            failed("failed");
            return;
          }
          // Material has the page and is putting it in place: wait for that, not the clock
          // (called off now, it would change the page under the address put back). Should
          // the page's own wiring not follow, the panel is drawn from here.
          clearTimeout(timer);
          timer = setTimeout(showResult, 2000);
        });
      }
      open.call(this, method, address, true);
    };
    try {
      const anchor = el("a", { href: url.href, hidden: true });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    } finally {
      XMLHttpRequest.prototype.open = open;
    }
  });
}

/**
 * Go to the result's level page: through Material's instant navigation when the page can be
 * fetched in time, so the worker and the result in memory survive the trip (without instant
 * navigation it is an ordinary page load, and the level page decodes the code itself). When the
 * page does not arrive (offline, too slow, or the site did not send it), the result is shown
 * here, under the form, with one sentence that says so and the link that opens it on its page;
 * the address stays this page's.
 *
 * @param {Result} result
 * @param {boolean} saved whether the result is saved in this browser
 * @returns {Promise<void>}
 */
async function goToResult(result, saved) {
  carry(result);
  const start = Date.now();
  const here = window.location.href;
  const target = resultUrl(result);
  const page = new URL(target.href);
  page.hash = "";
  let problem = await fetchPage(page, OPEN_WITHIN_MS);
  const left = Math.max(OPEN_WITHIN_MS - (Date.now() - start), 1000);
  if (!problem) problem = await navigate(target, left);
  if (!problem) return;
  if (window.location.href !== here) {
    window.history.replaceState(window.history.state, "", here);
    guardStaleLinks(page.pathname);
  }
  showHere(result, problem, saved, target);
}

/**
 * Until the next page arrives, a click on a link to `pathname` loads it the ordinary way.
 *
 * @param {string} pathname
 */
function guardStaleLinks(pathname) {
  if (staleGuard) document.removeEventListener("click", staleGuard, true);
  staleGuard = (event) => {
    const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(anchor instanceof HTMLAnchorElement) || anchor.target) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin || url.pathname !== pathname) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    window.location.assign(url.href);
  };
  document.addEventListener("click", staleGuard, true);
}

/**
 * The result on the assessment page itself, in a panel after the form (where printing finds
 * it), its first line the sentence that says why and links to its page.
 *
 * @param {Result} result
 * @param {Unopened} problem
 * @param {boolean} saved
 * @param {URL} target the result's link
 */
function showHere(result, problem, saved, target) {
  const form = document.getElementById("ex-assessment");
  if (!form?.isConnected) return;
  let panel = document.getElementById("ex-result");
  if (!panel) {
    panel = el("section", {
      id: "ex-result",
      className: "ex-result ex-result--here",
      "aria-labelledby": "ex-result-title",
      tabindex: "-1",
    });
    form.after(panel);
  }
  const levels = [...form.querySelectorAll(".ex-question input[type=radio]")]
    .map((input) => Number(/** @type {HTMLInputElement} */ (input).value))
    .filter(Number.isInteger);
  panel.dataset.level = String(result.level);
  panel.dataset.levelCount = String(Math.max(0, ...levels));
  renderResult(panel, result, getScorer());
  const reason = messageNodes(`reason_${problem}`, { seconds: OPEN_WITHIN_MS / 1000 });
  const link = el("a", { href: target.href, target: "_self", text: target.href });
  const sentence = el(
    "p",
    { className: "ex-result__unopened", role: "alert" },
    messageNodes(saved ? "result_unopened" : "result_unopened_unsaved", {
      level: String(result.level),
      reason: el("span", {}, reason),
      link,
    }),
  );
  panel.querySelector("h2")?.after(sentence);
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
  if (carried && carried.code === code && carriedLanguage === pageLanguage()) {
    renderResult(panel, carried, scorer);
    arrived?.(code);
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
    else if (reply.result.level === null) renderBadLink(panel, reply.result.reason ?? "");
    else {
      carry(reply.result);
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
  if (staleGuard) {
    document.removeEventListener("click", staleGuard, true); // a page arrived: all is in step
    staleGuard = null;
  }
  const form = document.getElementById("ex-assessment");
  if (form) initAssessment(form, getScorer(), goToResult);
  showResult();
}
