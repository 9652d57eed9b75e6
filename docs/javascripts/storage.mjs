// @ts-check
// The reader's saved answers in localStorage. Storage may be missing, full, turned off or hold
// something unreadable: no function here ever throws, each says what went wrong instead.

import { storageKey } from "./site.mjs";

const KEY = storageKey("answers:v1");

/** @typedef {Record<string, string>} SavedAnswers  question id -> "1".."N" or "unsure" */

/**
 * @returns {{answers: SavedAnswers, problem: string | null}}
 */
export function loadAnswers() {
  let raw;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return { answers: {}, problem: "Your browser is not letting this page save answers." };
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
    return { answers: {}, problem: "Saved answers could not be read, so the form starts empty." };
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

export function clearAnswers() {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing could be saved, so there is nothing to clear.
  }
}
