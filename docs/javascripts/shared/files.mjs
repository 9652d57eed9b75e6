// @ts-check
// Files and printouts made in the page: a download of text the scorer wrote, reading a file
// the reader picked, and printing one part of a page on its own.

import { el } from "./dom.mjs";
import { message } from "./messages.mjs";

/** @typedef {{filename: string, media_type: string, content: string}} TextFile */

/**
 * Save a file (the browser's download).
 *
 * @param {TextFile} file
 */
export function saveFile(file) {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.media_type }));
  const anchor = el("a", { href: url, download: file.filename, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Above this, a picked file is refused unread. */
export const MAX_FILE_BYTES = 2_000_000;

/**
 * The text of a file the reader picked.
 *
 * @param {File} file
 * @returns {Promise<string>}
 */
export async function readText(file) {
  if (file.size > MAX_FILE_BYTES) throw new Error(message("history_too_large"));
  return file.text();
}

const PRINTING = "ex-print-one";
const TARGET = "ex-print-target";

/** Back to printing the whole page. */
function printWholePage() {
  document.body.classList.remove(PRINTING);
  for (const node of document.querySelectorAll(`.${TARGET}`)) node.classList.remove(TARGET);
}

/**
 * Print `part` of the page and nothing else (team.css hides the rest while the body is
 * marked). The marks stay until the browser says printing is over.
 *
 * @param {Element} part
 */
export function printOnly(part) {
  printWholePage();
  part.classList.add(TARGET);
  document.body.classList.add(PRINTING);
  window.addEventListener("afterprint", printWholePage, { once: true });
  window.print();
}
