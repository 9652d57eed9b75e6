// @ts-check
// The playbook's action checklists (task lists in the level pages): what a reader ticks is kept
// in this browser, per page and per item, so the list still shows their progress next time.
// Items are matched by their text, so a list that gains, loses or reorders items keeps the
// other ticks. Without JavaScript, or when storage is off, the boxes still tick for the visit.

import { message } from "../shared/messages.mjs";
import { read, write } from "../shared/saved.mjs";
import { storageKey } from "../shared/site.mjs";

const KEY = storageKey("checklists:v1");

/** @typedef {Record<string, string[]>} Ticks  page path -> texts of its ticked items */

/** @returns {Ticks} */
function load() {
  try {
    const parsed = JSON.parse(read(KEY) || "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    /** @type {Ticks} */
    const ticks = {};
    for (const [page, items] of Object.entries(parsed)) {
      if (Array.isArray(items)) ticks[page] = items.filter((item) => typeof item === "string");
    }
    return ticks;
  } catch {
    return {};
  }
}

/** @param {Ticks} ticks @returns {boolean} whether storage took them */
const save = (ticks) => write(KEY, JSON.stringify(ticks));

/** @param {HTMLInputElement} box */
const itemText = (box) =>
  (box.closest(".task-list-item")?.querySelector(".task-list-text")?.textContent || "").trim();

/**
 * Restore and keep the ticks of the checklists on this page.
 *
 * @param {HTMLInputElement[]} boxes the page's task-list checkboxes
 */
export function initChecklists(boxes) {
  const page = window.location.pathname;
  const ticked = new Set(load()[page] || []);
  for (const box of boxes) {
    if (box.dataset.exKept) continue;
    box.dataset.exKept = "true";
    box.checked = ticked.has(itemText(box));
    box.addEventListener("change", () => {
      const ticks = load();
      const items = new Set(ticks[page] || []);
      if (box.checked) items.add(itemText(box));
      else items.delete(itemText(box));
      if (items.size) ticks[page] = [...items];
      else delete ticks[page];
      if (!save(ticks)) {
        const list = box.closest("ul");
        if (list && !list.nextElementSibling?.classList.contains("ex-checklist-note")) {
          list.after(
            Object.assign(document.createElement("p"), {
              className: "ex-checklist-note",
              textContent: message("checklist_not_saved"),
            }),
          );
        }
      }
    });
  }
}
