// @ts-check
// What this browser keeps besides the answers: the results the reader has taken (code and
// date only) and their plan (the areas picked, and an owner and a due date per step).
//
// Storage may be missing, full, turned off or hold something unreadable. No function here ever
// throws: each keeps working in memory for this visit, and `storageProblem()` gives the one
// line to show the reader.

import { formatDate, message } from "./messages.mjs";
import { storageKey } from "./site.mjs";

/** Where the saved results are kept (another tab changing it fires a `storage` event). */
export const HISTORY_KEY = storageKey("history:v1");
const PLAN_KEY = storageKey("plan:v1");
const PROBE_KEY = storageKey("probe");

/** The most results kept (the scorer reads at most this many). */
export const MAX_ENTRIES = 500;
/** A result code: version, dot, base64url. */
const CODE = /^v[0-9]{1,3}\.[A-Za-z0-9_-]{1,400}$/;
/** The shape of a calendar date, YYYY-MM-DD (`isDate` also checks the day exists). */
const DATE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/**
 * Whether `value` is a real calendar date written YYYY-MM-DD (not 2023-02-31).
 *
 * @param {unknown} value
 * @returns {value is string}
 */
export function isDate(value) {
  if (typeof value !== "string") return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why results are not kept, in the reader's words (read when it is said, not at import). */
const storageSentence = () => message("storage_results");

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
 * A value kept in this browser (in memory when storage refuses it); never throws.
 *
 * @param {string} key
 * @returns {string | null}
 */
export function read(key) {
  try {
    const value = window.localStorage.getItem(key);
    return value === null ? (memory[key] ?? null) : value;
  } catch {
    problem = storageSentence();
    return memory[key] ?? null;
  }
}

/**
 * Keep a value in this browser; never throws.
 *
 * @param {string} key
 * @param {string | null} value null removes it
 * @returns {boolean} whether storage took it (memory always does)
 */
export function write(key, value) {
  if (value === null) delete memory[key];
  else memory[key] = value;
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
    delete memory[key];
    return true;
  } catch {
    problem = storageSentence();
    return false;
  }
}

/**
 * Whether storage takes a write now (a test write, removed at once). Storage that reads but
 * is full fails here, and `storageProblem()` then says so.
 *
 * @returns {boolean}
 */
export function checkStorage() {
  try {
    window.localStorage.setItem(PROBE_KEY, "1");
    window.localStorage.removeItem(PROBE_KEY);
    return true;
  } catch {
    problem = storageSentence();
    return false;
  }
}

/**
 * A date in the reader's calendar, YYYY-MM-DD: today, or `days` after it.
 *
 * @param {number} [days]
 */
export function today(days = 0) {
  const now = new Date();
  now.setDate(now.getDate() + days);
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
  return typeof code === "string" && CODE.test(code) && isDate(date);
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

/**
 * Delete one saved result by what it is (code and date), not by where it was in a list that
 * another tab may have changed since. `occurrence` picks among identical entries (0: the
 * first); when there are fewer, the last is deleted.
 *
 * @param {Entry} entry
 * @param {number} [occurrence]
 * @returns {boolean} whether it was still saved (and is now deleted)
 */
export function deleteEntry(entry, occurrence = 0) {
  const entries = loadHistory();
  const matches = entries.flatMap((one, index) =>
    one.code === entry.code && one.date === entry.date ? [index] : [],
  );
  if (!matches.length) return false;
  const at = matches[Math.min(occurrence, matches.length - 1)];
  saveHistory(entries.filter((_, index) => index !== at));
  return true;
}

/** Forget every saved result. */
export function clearHistory() {
  return write(HISTORY_KEY, null);
}

/**
 * Merge imported results into the saved ones: new ones added, duplicates (same code and date)
 * dropped, ordered by date (results of the same day keep their order). At most MAX_ENTRIES
 * are kept, the newest: `dropped` counts the oldest that were not (saved or imported), and
 * `added` the imported ones that were kept.
 *
 * @param {Entry[]} current
 * @param {Entry[]} imported
 * @returns {{entries: Entry[], added: number, dropped: number}}
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
  const all = [...current, ...fresh]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) =>
      a.entry.date === b.entry.date ? a.index - b.index : a.entry.date < b.entry.date ? -1 : 1,
    );
  const kept = all.slice(-MAX_ENTRIES);
  return {
    entries: kept.map(({ entry }) => entry),
    added: kept.filter(({ index }) => index >= current.length).length,
    dropped: all.length - kept.length,
  };
}

export const HISTORY_FORMAT = "ex-maturity-playbook/history";
/** Version 2 carries the plan; version 1 files (results only) still import. */
const HISTORY_VERSION = 2;

/**
 * The saved results and the plan (each result's areas, and every step's owner and due date)
 * as the content of a history file.
 *
 * @param {Entry[]} entries
 * @param {Plan} [plan]
 */
export function historyFile(entries, plan = loadPlan()) {
  const data = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    exported: today(),
    entries,
    plan,
  };
  return {
    filename: "ex-maturity-history.json",
    media_type: "application/json",
    content: `${JSON.stringify(data, null, 2)}\n`,
  };
}

/**
 * Read a history file. Anything but a history file this page wrote gives an error in plain
 * words, naming the first bad entry. A result dated after tomorrow (a day of leeway for clocks
 * and time zones) is refused: it would always count as the latest result.
 *
 * @param {string} text
 * @returns {{entries: Entry[], plan: Plan} | {error: string}}
 */
export function readHistoryFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: message("history_not_json") };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== HISTORY_FORMAT) {
    return { error: message("history_not_ours") };
  }
  if (data.version !== 1 && data.version !== HISTORY_VERSION) {
    return { error: message("history_newer") };
  }
  if (!Array.isArray(data.entries)) {
    return { error: message("history_no_list") };
  }
  if (!data.entries.length) {
    return { error: message("history_empty") };
  }
  if (data.entries.length > MAX_ENTRIES) {
    return { error: message("history_too_many", { count: MAX_ENTRIES }) };
  }
  const bad = data.entries.findIndex((/** @type {unknown} */ entry) => !isEntry(entry));
  if (bad >= 0) {
    return { error: message("history_bad_entry", { number: bad + 1 }) };
  }
  const latest = today(1);
  const future = data.entries.findIndex((/** @type {Entry} */ entry) => entry.date > latest);
  if (future >= 0) {
    return {
      error: message("history_future", {
        number: future + 1,
        date: formatDate(data.entries[future].date),
        today: formatDate(today()),
      }),
    };
  }
  const plan = data.version === 1 || data.plan === undefined ? emptyPlan() : readPlan(data.plan);
  if (!plan) return { error: message("history_plan_unreadable") };
  return {
    entries: data.entries.map((/** @type {Entry} */ { code, date }) => ({ code, date })),
    plan,
  };
}

/** @returns {Plan} */
const emptyPlan = () => ({ areas: {}, steps: {} });

/** The longest owner kept (the scorer shortens a plan's text to the same, quiz/plan.py). */
const MAX_OWNER = 300;

/**
 * A plan as this page keeps it, from whatever `parsed` holds: each result's areas (text), and
 * each step's owner (text) and due date (a real date); anything else is left out. Null when
 * `parsed` is not a plan at all.
 *
 * @param {unknown} parsed
 * @returns {Plan | null}
 */
function readPlan(parsed) {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const { areas, steps } = /** @type {Record<string, unknown>} */ (parsed);
  for (const part of [areas, steps]) {
    if (part !== undefined && (!part || typeof part !== "object" || Array.isArray(part))) {
      return null;
    }
  }
  const plan = emptyPlan();
  for (const [code, ids] of Object.entries(areas || {})) {
    if (Array.isArray(ids)) plan.areas[code] = ids.filter((id) => typeof id === "string");
  }
  for (const [key, fields] of Object.entries(steps || {})) {
    if (!fields || typeof fields !== "object") continue;
    const owner = typeof fields.owner === "string" ? fields.owner.slice(0, MAX_OWNER) : "";
    const due = isDate(fields.due) ? fields.due : "";
    if (owner || due) plan.steps[key] = { owner, due };
  }
  return plan;
}

/**
 * Merge an imported plan into the one kept here. A result's areas come in only where this
 * browser has none picked for it; a step's owner and due date only where this browser has
 * neither (what the reader wrote here is never overwritten).
 *
 * @param {Plan} current
 * @param {Plan} imported
 * @returns {{plan: Plan, added: number, kept: number}} added: steps whose owner or due date came
 *   in; kept: steps whose own differed and were kept
 */
export function mergePlan(current, imported) {
  const plan = { areas: { ...current.areas }, steps: { ...current.steps } };
  for (const [code, ids] of Object.entries(imported.areas)) {
    if (!Object.hasOwn(plan.areas, code)) plan.areas[code] = ids;
  }
  let added = 0;
  let kept = 0;
  for (const [key, fields] of Object.entries(imported.steps)) {
    const here = plan.steps[key];
    if (!here) {
      plan.steps[key] = fields;
      added += 1;
    } else if (here.owner !== fields.owner || here.due !== fields.due) {
      kept += 1;
    }
  }
  return { plan, added, kept };
}

/** @returns {Plan} the reader's plan (empty when none is saved or it cannot be read) */
export function loadPlan() {
  const raw = read(PLAN_KEY);
  if (raw === null) return emptyPlan();
  try {
    return readPlan(JSON.parse(raw)) || emptyPlan();
  } catch {
    return emptyPlan(); // an unreadable plan starts empty
  }
}

/**
 * @param {Plan} plan
 * @returns {boolean} whether it was saved in storage
 */
export function savePlan(plan) {
  return write(PLAN_KEY, JSON.stringify(plan));
}
