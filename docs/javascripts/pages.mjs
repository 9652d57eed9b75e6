// @ts-check
// Page entry for the assessment's own pages besides the questionnaire, loaded on every page (an
// async module in <head>) and so kept tiny: the team comparison (assessment/team/) and the
// progress page (assessment/history/). Each holds an element whose `data-ex-page` names its
// module; that module, and the scorer, load only there. It also marks the templates' empty
// date fields, which print as a bare line, and keeps the ticks of the level pages' checklists
// (checklists.mjs, loaded only where there is one). Material's `document$` fires for the first page and
// for every page reached by instant navigation.

/** @typedef {{init: (root: HTMLElement, scorer: import("./scorer.mjs").Scorer) => void}} PageModule */

/** @type {Record<string, () => Promise<PageModule>>} */
const PAGES = {
  team: () => import("./team.mjs"),
  history: () => import("./history.mjs"),
};

/** Mark the templates' empty date fields, so they print as a bare line (extra.css). */
function markEmptyDates() {
  for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (
    document.querySelectorAll(".ex-template input[type=date]")
  )) {
    input.toggleAttribute("data-empty", !input.value);
  }
}

function onPage() {
  markEmptyDates();
  const boxes = /** @type {HTMLInputElement[]} */ ([
    ...document.querySelectorAll("article .task-list-item input[type=checkbox]"),
  ]);
  if (boxes.length) import("./checklists.mjs").then(({ initChecklists }) => initChecklists(boxes));
  for (const root of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll("[data-ex-page]")
  )) {
    const name = root.dataset.exPage || "";
    if (!Object.hasOwn(PAGES, name)) continue;
    Promise.all([PAGES[name](), import("./scorer.mjs")]).then(([page, { getScorer }]) =>
      page.init(root, getScorer()),
    );
  }
}

function hook() {
  document.addEventListener("input", markEmptyDates);
  document.addEventListener("change", markEmptyDates);
  const material = /** @type {any} */ (window).document$;
  if (material && typeof material.subscribe === "function") material.subscribe(onPage);
  else onPage();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hook);
else hook();
