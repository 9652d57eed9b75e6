// @ts-check
// The sentences a page shows without asking the scorer (before it has started, or about what
// happens around it), and every label, heading and button the browser code writes. Python
// writes them (the `page.` messages of quiz/catalog/<language>/, quiz.web.page_messages); the
// build puts them into every page as a JSON data block, #ex-messages (hooks/page_messages.py).
// This module only places them: `{name}` in a sentence takes a value or a link. Numbers and
// dates are written for the page's language (site.mjs `pageLanguage`) with Intl.
//
// A name with no sentence is a bug (tests/test_page_messages.py checks every name the code
// asks for): it throws, so it cannot go unnoticed as an empty or half-written sentence.

import { pageLanguage } from "./site.mjs";

export { pageLanguage };

/** The page's sentences, and the data block they were read from. */
/** @type {{block: Element | null, table: Record<string, string>} | null} */
let read = null;

/**
 * The current page's sentences. Read again when the block is another one: instant navigation
 * replaces it when the reader moves to a page in another language (it brings the new page's
 * <head> along), and keeps it, the same element, between pages of one language.
 *
 * @returns {Record<string, string>}
 */
function sentences() {
  const block = typeof document === "object" ? document.getElementById("ex-messages") : null;
  if (!read || read.block !== block) {
    /** @type {Record<string, string>} */
    let table = {};
    try {
      const parsed = JSON.parse(block?.textContent || "{}");
      if (parsed && typeof parsed === "object") table = parsed;
    } catch {
      // no sentences: asking for one throws, naming it
    }
    read = { block, table };
  }
  return read.table;
}

/**
 * The sentence called `name`; throws when the page has none.
 *
 * @param {string} name
 */
function sentence(name) {
  const text = sentences()[name];
  if (typeof text !== "string") {
    throw new Error(`No page message "${name}": add "page.${name}" to quiz/catalog/*/ui.toml`);
  }
  return text;
}

/**
 * A number as the page's language writes it.
 *
 * @param {number} value
 * @param {Intl.NumberFormatOptions} [options]
 */
export const formatNumber = (value, options) =>
  new Intl.NumberFormat(pageLanguage(), options).format(value);

/**
 * Items as one phrase, "A, B and C" in the page's language.
 *
 * @param {string[]} items
 */
export const formatList = (items) =>
  new Intl.ListFormat(pageLanguage(), { type: "conjunction" }).format(items);

/**
 * Items that hold markup (a name in <bdi>), listed the way the page's language lists units
 * ("A, B, C"), as nodes and text for `el`.
 *
 * @template T
 * @param {T[][]} items each item's nodes
 * @returns {(T | string)[]}
 */
export function listNodes(items) {
  const format = new Intl.ListFormat(pageLanguage(), { type: "unit", style: "short" });
  return format
    .formatToParts(items.map((_, index) => String(index)))
    .flatMap(
      (part) =>
        /** @type {(T | string)[]} */ (
          part.type === "element" ? items[Number(part.value)] : [part.value]
        ),
    );
}

/**
 * A date given as `YYYY-MM-DD`, as the page's language writes it (the text itself when it is
 * not such a date): in full in sentences, shorter where room is short (a chart's axis).
 *
 * @param {string} iso
 * @param {"long" | "medium"} [style]
 */
export function formatDate(iso, style = "long") {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!found) return String(iso);
  const date = new Date(Date.UTC(Number(found[1]), Number(found[2]) - 1, Number(found[3])));
  return new Intl.DateTimeFormat(pageLanguage(), { dateStyle: style, timeZone: "UTC" }).format(
    date,
  );
}

/**
 * A sentence as nodes, each `{name}` replaced by its field: text, or a node (a link). A number
 * is written for the page's language.
 *
 * @param {string} name
 * @param {Record<string, string | number | Node>} [fields]
 * @returns {(string | Node)[]}
 */
export function messageNodes(name, fields = {}) {
  /** @type {(string | Node)[]} */
  const nodes = [];
  for (const [index, part] of sentence(name)
    .split(/\{(\w+)\}/)
    .entries()) {
    if (index % 2 === 0) {
      if (part) nodes.push(part);
    } else if (Object.hasOwn(fields, part)) {
      const value = fields[part];
      if (value instanceof Node) nodes.push(value);
      else nodes.push(typeof value === "number" ? formatNumber(value) : String(value));
    } else {
      throw new Error(`Page message "${name}" has a place {${part}} that was given no value`);
    }
  }
  return nodes;
}

/**
 * A sentence as text (a node field gives its text).
 *
 * @param {string} name
 * @param {Record<string, string | number | Node>} [fields]
 */
export function message(name, fields = {}) {
  return messageNodes(name, fields)
    .map((part) => (typeof part === "string" ? part : part.textContent || ""))
    .join("");
}

/**
 * The form of a sentence that `count` takes, as nodes: the catalog writes it twice,
 * `NAME_one` (a count the language treats as one: 1 in English, 0 and 1 in French) and
 * `NAME_other`; `{count}` takes the count.
 *
 * @param {string} name
 * @param {number} count
 * @param {Record<string, string | number | Node>} [fields]
 */
export function countedNodes(name, count, fields = {}) {
  const form = new Intl.PluralRules(pageLanguage()).select(count) === "one" ? "one" : "other";
  return messageNodes(`${name}_${form}`, { ...fields, count });
}

/**
 * The form of a sentence that `count` takes, as text (see `countedNodes`).
 *
 * @param {string} name
 * @param {number} count
 * @param {Record<string, string | number | Node>} [fields]
 */
export function counted(name, count, fields = {}) {
  return countedNodes(name, count, fields)
    .map((part) => (typeof part === "string" ? part : part.textContent || ""))
    .join("");
}
