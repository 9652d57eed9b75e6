// @ts-check
// Tables wider than the screen scroll sideways inside Material's wrapper. A wrapper with nothing
// focusable in it cannot be scrolled from the keyboard in every browser (WCAG 2.1.1), so while
// its table overflows it becomes a named, focusable region (axe: scrollable-region-focusable);
// when it fits again, it is an ordinary box once more. pages.mjs loads this module where a page
// has such a wrapper.

import { message } from "../shared/messages.mjs";

const WRAP = ".md-typeset__scrollwrap";
const HEADING = "H1, H2, H3, H4, H5, H6";

/**
 * A name for the region: the table's caption, else the heading above it, else the summary of
 * the collapsed section it sits in.
 *
 * @param {Element} wrap
 */
function regionName(wrap) {
  const caption = wrap.querySelector("caption")?.textContent?.trim();
  if (caption) return message("table_named", { name: caption });
  for (let node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
    if (node.matches(HEADING)) {
      return message("table_named", { name: (node.textContent || "").replace(/¶$/, "").trim() });
    }
  }
  const summary = wrap.closest("details")?.querySelector(":scope > summary")?.textContent?.trim();
  return summary ? message("table_named", { name: summary }) : message("table");
}

/** Each wrapper's region name, unique on the page ("Table: Targets", "Table: Targets (2)"). */
let names = new WeakMap();

/** @param {Element} wrap */
function update(wrap) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  if (scrolls === wrap.hasAttribute("tabindex")) return;
  if (scrolls) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", names.get(wrap) || message("table"));
  } else {
    for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
  }
}

const watcher =
  typeof ResizeObserver === "function"
    ? new ResizeObserver((entries) => {
        for (const entry of entries) update(entry.target);
      })
    : null;

/** Watch the page's table wrappers (called for every page; the old page's are gone). */
export function initTables() {
  watcher?.disconnect();
  names = new WeakMap();
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const wrap of document.querySelectorAll(WRAP)) {
    const name = regionName(wrap);
    const count = (seen.get(name) || 0) + 1;
    seen.set(name, count);
    names.set(wrap, count > 1 ? `${name} (${count})` : name);
    update(wrap);
    watcher?.observe(wrap);
  }
}
