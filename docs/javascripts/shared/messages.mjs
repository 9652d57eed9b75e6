// @ts-check
// The sentences a page shows without asking the scorer (before it has started, or about what
// happens around it). Python writes them (quiz/web.py PAGE_MESSAGES); the build puts them into
// every page as a JSON data block, #ex-messages (hooks/page_messages.py). This module only
// places them: `{name}` in a sentence takes a value or a link.

/** @type {Record<string, string> | null} */
let table = null;

/** @returns {Record<string, string>} */
function sentences() {
  if (!table) {
    try {
      const parsed = JSON.parse(document.getElementById("ex-messages")?.textContent || "{}");
      table = parsed && typeof parsed === "object" ? parsed : {};
    } catch {
      table = {};
    }
  }
  return /** @type {Record<string, string>} */ (table);
}

/**
 * A sentence as nodes, each `{name}` replaced by its field: text, or a node (a link).
 *
 * @param {string} name
 * @param {Record<string, string | number | Node>} [fields]
 * @returns {(string | Node)[]}
 */
export function messageNodes(name, fields = {}) {
  const text = sentences()[name] ?? name;
  /** @type {(string | Node)[]} */
  const nodes = [];
  for (const [index, part] of text.split(/\{(\w+)\}/).entries()) {
    if (index % 2 === 0) {
      if (part) nodes.push(part);
    } else if (Object.hasOwn(fields, part)) {
      const value = fields[part];
      nodes.push(value instanceof Node ? value : String(value));
    } else {
      nodes.push(`{${part}}`);
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
