// @ts-check
// Page entry on the pages that may need the scorer at once (the template adds it where the page
// has <meta name="ex-scorer">): the assessment page, and a level page opened with a result
// link. It starts the scorer's worker while the rest of the page is still being parsed. It
// imports only the scorer's client, statically, so the worker starts in the same task that
// runs this module, before the form's and the panel's modules are even needed.

import { getScorer } from "./scorer.mjs";

const wanted = document.querySelector('meta[name="ex-scorer"]')?.getAttribute("content");
if (wanted === "assessment" || (wanted === "result-link" && location.hash.startsWith("#result="))) {
  getScorer();
}
