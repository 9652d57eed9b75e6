// @ts-check
// What a reader types into a template (docs/forms/) is kept for as long as the tab is open: a
// link to another page of the site and back, the browser's Back, or a reload no longer empties
// the form. It is kept in sessionStorage, under the page's path (named like everything the
// site keeps, site.mjs), so it is gone when the tab closes and never leaves the browser;
// "Forget everything" removes it too. pages.mjs loads this module only on pages with a template.

import { storageKey } from "../shared/site.mjs";

const FIELDS = ".ex-template :is(input, textarea, select)";

/** @typedef {Record<string, string | boolean>} Values  field -> text, or whether it is ticked */

const key = () => storageKey(`template:${window.location.pathname}`);

/** @returns {Values} */
function load() {
  try {
    const parsed = JSON.parse(window.sessionStorage.getItem(key()) || "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {}; // storage off or unreadable: the form works for this page only
  }
}

/** @param {Values} values */
function save(values) {
  try {
    window.sessionStorage.setItem(key(), JSON.stringify(values));
  } catch {
    // storage off or full: nothing is kept, as before
  }
}

/** @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} field */
const ticks = (field) =>
  field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio");

/** Restore what was typed on this page during this tab's visit, and keep what is typed now. */
export function keepTemplateFields() {
  const fields = /** @type {(HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[]} */ ([
    ...document.querySelectorAll(FIELDS),
  ]);
  const values = load();
  fields.forEach((field, index) => {
    if (field.dataset.exKept) return;
    field.dataset.exKept = "true";
    const name = field.id || `${field.name}#${index}`;
    const keep = () => {
      const now = load();
      now[name] = ticks(field) ? /** @type {HTMLInputElement} */ (field).checked : field.value;
      save(now);
    };
    field.addEventListener("input", keep);
    field.addEventListener("change", keep);
    if (!Object.hasOwn(values, name)) return;
    const value = values[name];
    if (ticks(field)) /** @type {HTMLInputElement} */ (field).checked = value === true;
    else if (typeof value === "string") field.value = value;
    else return;
    // As if typed: the page's other helpers (a growing text box, an empty date's mark) follow.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
