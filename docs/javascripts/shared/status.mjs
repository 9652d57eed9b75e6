// @ts-check
// The scorer's state as the reader sees it: a progress bar with the bytes downloaded, "Ready",
// or what failed with "Try again". Used by the form and by the result panel.

import { button, el, levelsFallback } from "./dom.mjs";
import { formatNumber, message, messageNodes } from "./messages.mjs";

/** @typedef {import("../scorer/scorer.mjs").ScorerStatus} ScorerStatus */

/** @param {number} bytes */
const megabytes = (bytes) =>
  formatNumber(bytes / 1_000_000, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The scorer's state as a few nodes: a progress bar while it loads, "Ready", or what failed.
 *
 * @param {ScorerStatus} status
 * @param {() => void} retry
 * @returns {Node[]}
 */
export function scorerStatusNodes(status, retry) {
  if (status.state === "ready") {
    return [el("p", { text: message("status_ready") })];
  }
  if (status.state === "loading") {
    const bar = el("progress", {
      className: "ex-load__bar",
      "aria-label": message("status_download_label"),
    });
    let text = message("status_loading");
    if (status.starting) {
      // Busy, not full: Python takes a few seconds to start, and a full bar that sits still
      // for that long looked stuck. Without a value the bar is "indeterminate", and moves
      // (assessment.css).
      text = message("status_starting");
    } else if (status.total > 0) {
      bar.max = status.total;
      bar.value = status.received;
      text = message("status_loading_bytes", {
        received: megabytes(status.received),
        total: megabytes(status.total),
      });
    }
    return [el("p", { className: "ex-load__text", text }), bar];
  }
  if (status.kind === "unsupported") {
    return [unsupportedSentence()];
  }
  return [
    el("p", {
      className: "ex-status__error",
      text: message("status_failed", { error: status.error }),
    }),
    el("p", {}, button(message("try_again"), retry)),
    levelsFallback(),
  ];
}

/** The one sentence an unsupported browser gets. */
export function unsupportedSentence() {
  return el(
    "p",
    { className: "ex-status__error" },
    ...messageNodes("status_unsupported", { overview: levelsFallback().querySelector("a") || "" }),
  );
}
