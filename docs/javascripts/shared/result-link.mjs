// @ts-check
// How a result link marks its code: a level page's address, then `#result=CODE` (quiz/codes.py
// reads the same mark); and how a team link marks its list, `#team=…` (quiz/team_report.py).
// A module of its own so that the small entries on every page can share them.

export const RESULT_PREFIX = "#result=";
export const TEAM_PREFIX = "#team=";

/**
 * What the page's address carries after `prefix` (RESULT_PREFIX or TEAM_PREFIX), decoded, or
 * null when it has no such mark.
 *
 * @param {string} prefix
 */
export function hashValue(prefix) {
  const hash = window.location.hash;
  if (!hash.startsWith(prefix)) return null;
  const raw = hash.slice(prefix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
