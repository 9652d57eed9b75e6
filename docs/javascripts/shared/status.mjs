// @ts-check
// The scorer's state as the reader sees it: a progress bar with the bytes downloaded, "Ready",
// or what failed with "Try again". Used by the form and by the result panel.

import { button, el, levelsFallback } from "./dom.mjs";
import { message } from "./messages.mjs";

/** @typedef {import("../scorer/scorer.mjs").ScorerStatus} ScorerStatus */

/** @param {number} bytes */
const megabytes = (bytes) => (bytes / 1_000_000).toFixed(1);

/**
 * The scorer's state as a few nodes: a progress bar while it loads, "Ready", or what failed.
 *
 * @param {ScorerStatus} status
 * @param {() => void} retry
 * @returns {Node[]}
 */
export function scorerStatusNodes(status, retry) {
  if (status.state === "ready") {
    return [el("p", { text: "Ready: your answers are scored here, in your browser." })];
  }
  if (status.state === "loading") {
    const bar = el("progress", { className: "ex-load__bar", "aria-label": "Scorer download" });
    let text = "Loading the scorer (Python, running in your browser)…";
    if (status.starting) {
      // Busy, not full: Python takes a few seconds to start, and a full bar that sits still
      // for that long looked stuck. Without a value the bar is "indeterminate", and moves
      // (assessment.css).
      text = "Starting the scorer (Python, running in your browser)…";
    } else if (status.total > 0) {
      bar.max = status.total;
      bar.value = status.received;
      text = `Loading the scorer (Python, running in your browser): ${megabytes(status.received)} of ${megabytes(status.total)} MB`;
    }
    return [el("p", { className: "ex-load__text", text }), bar];
  }
  if (status.kind === "unsupported") {
    return [unsupportedSentence()];
  }
  // A damaged file: the sentence written for it in Python (quiz/web.py), naming the file.
  const error =
    status.kind === "damaged" && status.file
      ? message("failed_damaged", { file: status.file })
      : status.error;
  return [
    el("p", { className: "ex-status__error", text: `${error} Your answers are safe.` }),
    el("p", {}, button("Try again", retry)),
    levelsFallback(),
  ];
}

/** The one sentence an unsupported browser gets. */
export function unsupportedSentence() {
  return el(
    "p",
    { className: "ex-status__error" },
    "This browser cannot run the assessment, but you can find your level from the descriptions in ",
    levelsFallback().querySelector("a") || "the levels overview",
    ".",
  );
}
