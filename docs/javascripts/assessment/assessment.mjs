// @ts-check
// Page entry for the maturity assessment, loaded on every page (an async module in <head>), so
// it stays small: the rest (page.mjs and what it imports) loads only on pages that need it.
//
// (Where a page needs the scorer at once, scorer-start.mjs has already started its worker.)
// This hooks Material's `document$`, which fires for the first page and for every page reached
// by instant navigation.

import { RESULT_PREFIX } from "../shared/result-link.mjs";

/** @typedef {typeof import("./page.mjs")} PageModule */

/** @type {Promise<PageModule> | null} */
let loaded = null;
const load = () => {
  loaded ??= import("./page.mjs");
  return loaded;
};

const hasResultLink = () =>
  !!document.getElementById("ex-result") && window.location.hash.startsWith(RESULT_PREFIX);

/** Wire up the page if it holds the assessment, or a result panel and a result link. */
function onPage() {
  // The place kept for a result (result-reserve.mjs), only while the address has one: the mark
  // stays on <html> as instant navigation changes pages.
  document.documentElement.classList.toggle("ex-result-link", hasResultLink());
  if (loaded || document.getElementById("ex-assessment") || hasResultLink()) {
    load().then((page) => page.onPage());
  }
}

function hook() {
  const material = /** @type {any} */ (window).document$;
  if (material && typeof material.subscribe === "function") material.subscribe(onPage);
  else onPage();
  window.addEventListener("hashchange", () => {
    if (loaded || hasResultLink()) load().then((page) => page.showResult());
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hook);
else hook();
