// @ts-check
// Page entry for the assessment's own pages besides the questionnaire, loaded on every page (an
// async module in <head>) and so kept tiny: the team comparison (assessment/team/) and the
// progress page (assessment/history/). Each holds an element whose `data-ex-page` names its
// module; that module, and the scorer, load only there. It also keeps what a reader types into
// a template for as long as the tab is open (template-fields.mjs, loaded only on a template),
// marks the templates' empty date fields, which print as a bare line, keeps the ticks of the
// level pages' checklists
// (checklists.mjs, loaded only where there is one), and, in browsers without CSS `field-sizing`,
// lets the templates' text fields grow with their text (grow.mjs, loaded only then). It makes
// tables that scroll sideways reachable from the keyboard (tables.mjs) and, after instant
// navigation, moves focus to the new page and keeps <html lang> the new page's (site.mjs). The
// language switcher leads to the same page in the other language (language-switch.mjs).
// Material's `document$` fires for the first page and for every page reached by instant
// navigation.

import { RESULT_PREFIX, TEAM_PREFIX } from "../shared/result-link.mjs";
import { followPageLanguage } from "../shared/site.mjs";
import { followLanguageLinks, pointLanguageLinks } from "./language-switch.mjs";

/** @typedef {{init: (root: HTMLElement, scorer: import("../scorer/scorer.mjs").Scorer) => void}} PageModule */

/** @type {Record<string, () => Promise<PageModule>>} */
const PAGES = {
  team: () => import("../team/team.mjs"),
  history: () => import("../progress/history.mjs"),
};

const EMPTY_DATE = ".ex-template input[type=date]";
const TEXT_FIELD = ".ex-template textarea";
const GROWS_BY_ITSELF = typeof CSS === "object" && CSS.supports("field-sizing", "content");

/** Mark a template's empty date field, so it prints as a bare line (extra.css). */
const markDate = (/** @type {Element} */ input) =>
  input.toggleAttribute("data-empty", !(/** @type {HTMLInputElement} */ (input).value));

/** @param {Event} event */
const onDateChange = (event) => {
  if (event.target instanceof Element && event.target.matches(EMPTY_DATE)) markDate(event.target);
};

let firstPage = true;

/**
 * After instant navigation (Material swaps the page without a load), move focus to the new page
 * as a page load would: to the heading a link's #anchor names, else to the page's <h1>. Without
 * it, focus stayed on <body>: the next Tab started in the sidebar, and a screen reader said
 * nothing. A result or team address (#result=, #team=) is left to its panel, which takes focus.
 */
function focusNewPage() {
  const hash = location.hash;
  if (hash.startsWith(RESULT_PREFIX) || hash.startsWith(TEAM_PREFIX)) return;
  let id = "";
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    // a malformed address names no heading
  }
  const target = (id && document.getElementById(id)) || document.querySelector("article h1");
  if (!(target instanceof HTMLElement)) return;
  if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

function onPage() {
  followPageLanguage();
  pointLanguageLinks();
  for (const input of document.querySelectorAll(EMPTY_DATE)) markDate(input);
  if (document.querySelector(".ex-template")) {
    import("./template-fields.mjs").then(({ keepTemplateFields }) => keepTemplateFields());
  }
  const boxes = /** @type {HTMLInputElement[]} */ ([
    ...document.querySelectorAll("article .task-list-item input[type=checkbox]"),
  ]);
  if (boxes.length) import("./checklists.mjs").then(({ initChecklists }) => initChecklists(boxes));
  if (document.querySelector(".md-typeset__scrollwrap")) {
    import("./tables.mjs").then(({ initTables }) => initTables());
  }
  if (firstPage) firstPage = false;
  else focusNewPage();
  if (!GROWS_BY_ITSELF && document.querySelector(TEXT_FIELD)) {
    import("./grow.mjs").then(({ initGrow }) => initGrow());
  }
  for (const root of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll("[data-ex-page]")
  )) {
    const name = root.dataset.exPage || "";
    if (!Object.hasOwn(PAGES, name)) continue;
    Promise.all([PAGES[name](), import("../scorer/scorer.mjs")]).then(([page, { getScorer }]) =>
      page.init(root, getScorer()),
    );
  }
}

function hook() {
  document.addEventListener("input", onDateChange);
  document.addEventListener("change", onDateChange);
  followLanguageLinks();
  const material = /** @type {any} */ (window).document$;
  if (material && typeof material.subscribe === "function") material.subscribe(onPage);
  else onPage();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hook);
else hook();
