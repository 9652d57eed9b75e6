// @ts-check
// The reader's saved answers in localStorage. Storage may be missing, full, turned off or hold
// something unreadable: no function here ever throws, each says what went wrong instead.
//
// Two tabs may hold the form at once. Each change writes only the question it changed into what
// is saved now (`updateAnswers`), so neither tab overwrites the other's answers: per question,
// the newest answer wins. Another tab's change fires a `storage` event under `ANSWERS_KEY`,
// and the form then shows what is saved.

import { message } from "../shared/messages.mjs";
import { storageKey } from "../shared/site.mjs";

/** Where the answers are kept (another tab changing them fires a `storage` event). */
export const ANSWERS_KEY = storageKey("answers:v1");
const KEY = ANSWERS_KEY;

/** @typedef {Record<string, string>} SavedAnswers  question id -> "1".."N" or "unsure" */

/**
 * @returns {{answers: SavedAnswers, problem: string | null}}
 */
export function loadAnswers() {
  let raw;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return { answers: {}, problem: message("answers_storage_blocked") };
  }
  if (raw === null) return { answers: {}, problem: null };
  try {
    const parsed = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("shape");
    /** @type {SavedAnswers} */
    const answers = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") answers[key] = value;
    }
    return { answers, problem: null };
  } catch {
    return { answers: {}, problem: message("answers_unreadable") };
  }
}

/**
 * @param {SavedAnswers} answers
 * @returns {boolean} whether they were saved
 */
export function saveAnswers(answers) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(answers));
    return true;
  } catch {
    return false;
  }
}

/**
 * Change some answers in what is saved now, leaving every other question as it is (another tab
 * may have answered it): a value sets the answer, null removes it.
 *
 * @param {Record<string, string | null>} changes
 * @returns {boolean} whether they were saved
 */
export function updateAnswers(changes) {
  const { answers } = loadAnswers(); // unreadable: these answers start it afresh
  for (const [question, value] of Object.entries(changes)) {
    if (value === null) delete answers[question];
    else answers[question] = value;
  }
  return saveAnswers(answers);
}

export function clearAnswers() {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing could be saved, so there is nothing to clear.
  }
}
