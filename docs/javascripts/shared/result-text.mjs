// @ts-check
// How a result is named and linked wherever it is shown: the result panel and its extra
// sections, the progress page and the team page all use these, so a level reads the same way
// and a result link is built once.

import { pageUrl } from "./dom.mjs";
import { message } from "./messages.mjs";
import { RESULT_PREFIX } from "./result-link.mjs";

/**
 * A level as a heading or label gives it.
 *
 * @param {number | null | undefined} level
 */
export function levelLabel(level) {
  return level === null || level === undefined
    ? message("level_label_none")
    : message("level_label", { level });
}

/**
 * A level inside a sentence or beside an area's name.
 *
 * @param {number | null | undefined} level
 */
export const levelText = (level) =>
  level === null || level === undefined
    ? message("level_text_none")
    : message("level_text", { level });

/**
 * The result link: the result's level page with `#result=CODE`.
 *
 * @param {{page: string, code: string}} result
 */
export function resultUrl(result) {
  const url = pageUrl(result.page);
  url.hash = RESULT_PREFIX.slice(1) + result.code;
  return url;
}

/**
 * The text after the failing part of a download's sentence: what went wrong, and that the
 * download needs the scorer.
 *
 * @param {unknown} error
 */
export const downloadFailure = (error) =>
  message("download_failed", { error: error instanceof Error ? error.message : String(error) });
