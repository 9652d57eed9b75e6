// @ts-check
// Page entry on the pages that may need the scorer at once (the template adds it where the page
// has <meta name="ex-scorer">): the assessment page, and a level page opened with a result
// link. It imports only the scorer's client, so the worker does not wait for the form's and
// the panel's modules. It starts the worker just after the document is parsed, not during:
// compiling Python's WebAssembly takes every core for a moment, and doing that while the page
// is still being parsed and set up made the page slower to respond (Lighthouse's Total
// Blocking Time rose from about 110 ms to 130-250 ms) without making the scorer ready sooner.

import { RESULT_PREFIX } from "../shared/result-link.mjs";
import { getScorer } from "./scorer.mjs";

const wanted = document.querySelector('meta[name="ex-scorer"]')?.getAttribute("content");
if (
  wanted === "assessment" ||
  (wanted === "result-link" && location.hash.startsWith(RESULT_PREFIX))
) {
  const start = () => setTimeout(getScorer, 0);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
