// @ts-check
// What this browser keeps besides the answers: the results the reader has taken (code and
// date only) and their plan (the areas picked, and an owner and a due date per step).
//
// Storage may be missing, full, turned off or hold something unreadable. No function here ever
// throws: each keeps working in memory for this visit, and `storageProblem()` gives the one
// line to show the reader.

const HISTORY_KEY = "ex-maturity-playbook:history:v1";
const PLAN_KEY = "ex-maturity-playbook:plan:v1";

/** The most results kept (the scorer reads at most this many). */
export const MAX_ENTRIES = 500;
/** A result code: version, dot, base64url. */
const CODE = /^v[0-9]{1,3}\.[A-Za-z0-9_-]{1,400}$/;
/** A calendar date, YYYY-MM-DD. */
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export const STORAGE_PROBLEM =
  "This browser is not saving your results or plan (storage is turned off or full): they last only until you leave the site.";

/** @typedef {{code: string, date: string}} Entry */
/** @typedef {{owner: string, due: string}} StepFields */
/** @typedef {{areas: Record<string, string[]>, steps: Record<string, StepFields>}} Plan */

/** What could not be read or written, or null. */
let problem = /** @type {string | null} */ (null);
/** This visit's copy, used when storage fails. */
const memory = /** @type {Record<string, string>} */ ({});

/** The one line to show when storage is not working, or null. */
export function storageProblem() {
  return problem;
}

/**
 * @param {string} key
 * @returns {string | null}
 */
function read(key) {
  try {
    const value = window.localStorage.getItem(key);
    return value === null ? (memory[key] ?? null) : value;
  } catch {
    problem = STORAGE_PROBLEM;
    return memory[key] ?? null;
  }
}

/**
 * @param {string} key
 * @param {string | null} value null removes it
 * @returns {boolean} whether storage took it (memory always does)
 */
function write(key, value) {
  if (value === null) delete memory[key];
  else memory[key] = value;
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
    delete memory[key];
    return true;
  } catch {
    problem = STORAGE_PROBLEM;
    return false;
  }
}

/** Today's date in the reader's calendar, YYYY-MM-DD. */
export function today() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Whether `value` is a saved result: a code and a date, nothing else needed.
 *
 * @param {unknown} value
 * @returns {value is Entry}
 */
export function isEntry(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const { code, date } = /** @type {Record<string, unknown>} */ (value);
  return typeof code === "string" && CODE.test(code) && typeof date === "string" && DATE.test(date);
}

/** @returns {Entry[]} the saved results, oldest first (unreadable ones left out) */
export function loadHistory() {
  const raw = read(HISTORY_KEY);
  if (raw === null) return [];
  try {
    const parsed = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new Error("shape");
    return parsed.filter(isEntry).map(({ code, date }) => ({ code, date }));
  } catch {
    return [];
  }
}

/**
 * @param {Entry[]} entries
 * @returns {boolean} whether they were saved in storage
 */
export function saveHistory(entries) {
  return write(HISTORY_KEY, JSON.stringify(entries.slice(-MAX_ENTRIES)));
}

/**
 * Save a result the reader has just taken. Taking the same result again on the same day
 * does not add a second entry.
 *
 * @param {string} code
 * @returns {boolean} whether it was saved in storage
 */
export function recordResult(code) {
  const entry = { code, date: today() };
  if (!isEntry(entry)) return false;
  const entries = loadHistory();
  const last = entries.at(-1);
  if (last && last.code === entry.code && last.date === entry.date) return !problem;
  return saveHistory([...entries, entry]);
}

/** Forget every saved result. */
export function clearHistory() {
  return write(HISTORY_KEY, null);
}

/**
 * Merge imported results into the saved ones: new ones added, duplicates (same code and date)
 * dropped, ordered by date (results of the same day keep their order).
 *
 * @param {Entry[]} current
 * @param {Entry[]} imported
 * @returns {{entries: Entry[], added: number}}
 */
export function mergeHistory(current, imported) {
  const seen = new Set(current.map((entry) => `${entry.date} ${entry.code}`));
  const fresh = [];
  for (const entry of imported) {
    const key = `${entry.date} ${entry.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push({ code: entry.code, date: entry.date });
  }
  const entries = [...current, ...fresh]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) =>
      a.entry.date === b.entry.date ? a.index - b.index : a.entry.date < b.entry.date ? -1 : 1,
    )
    .map(({ entry }) => entry);
  return { entries, added: fresh.length };
}

export const HISTORY_FORMAT = "ex-maturity-playbook/history";

/**
 * The saved results as the content of a history file.
 *
 * @param {Entry[]} entries
 */
export function historyFile(entries) {
  const data = { format: HISTORY_FORMAT, version: 1, exported: today(), entries };
  return {
    filename: "ex-maturity-history.json",
    media_type: "application/json",
    content: `${JSON.stringify(data, null, 2)}\n`,
  };
}

/**
 * Read a history file. Anything but a history file this page wrote gives an error in plain
 * words, naming the first bad entry.
 *
 * @param {string} text
 * @returns {{entries: Entry[]} | {error: string}}
 */
export function readHistoryFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "This file is not a history file: it is not JSON." };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== HISTORY_FORMAT) {
    return { error: "This file is not a history saved from this page." };
  }
  if (data.version !== 1) {
    return { error: "This history file was made by a newer version of this page." };
  }
  if (!Array.isArray(data.entries)) {
    return { error: "This history file has no list of results." };
  }
  if (data.entries.length > MAX_ENTRIES) {
    return { error: `This history file holds more than ${MAX_ENTRIES} results.` };
  }
  const bad = data.entries.findIndex((/** @type {unknown} */ entry) => !isEntry(entry));
  if (bad >= 0) {
    return {
      error: `Result ${bad + 1} in this file is not a result code with a date (YYYY-MM-DD).`,
    };
  }
  return {
    entries: data.entries.map((/** @type {Entry} */ { code, date }) => ({ code, date })),
  };
}

/** @returns {Plan} the reader's plan (empty when none is saved or it cannot be read) */
export function loadPlan() {
  /** @type {Plan} */
  const plan = { areas: {}, steps: {} };
  const raw = read(PLAN_KEY);
  if (raw === null) return plan;
  try {
    const parsed = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object") return plan;
    for (const [code, areas] of Object.entries(parsed.areas || {})) {
      if (Array.isArray(areas)) plan.areas[code] = areas.filter((id) => typeof id === "string");
    }
    for (const [key, fields] of Object.entries(parsed.steps || {})) {
      if (!fields || typeof fields !== "object") continue;
      const owner = typeof fields.owner === "string" ? fields.owner : "";
      const due = typeof fields.due === "string" && DATE.test(fields.due) ? fields.due : "";
      if (owner || due) plan.steps[key] = { owner, due };
    }
  } catch {
    // An unreadable plan starts empty.
  }
  return plan;
}

/**
 * @param {Plan} plan
 * @returns {boolean} whether it was saved in storage
 */
export function savePlan(plan) {
  return write(PLAN_KEY, JSON.stringify(plan));
}
