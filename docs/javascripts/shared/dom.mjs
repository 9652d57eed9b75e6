// @ts-check
// Small DOM helpers for the assessment's modules. Everything is built as elements and text
// (textContent), never as markup, so nothing the scorer returns can inject HTML.

import { message, messageNodes } from "./messages.mjs";
import { languageRoot } from "./site.mjs";

/** The levels overview, where a reader can find their level without the scorer. */
export const LEVELS_OVERVIEW = "levels/index.md#self-identify";

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Child | Child[]} Children
 * @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>} Attrs
 */

/**
 * An element with attributes and children. `className` and `text` set those properties,
 * `on<event>` adds a listener, `true` gives an empty attribute; null, undefined and false
 * leave an attribute out.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") {
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    } else if (key === "className") node.className = String(value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A table's header row: each heading a column header cell (text), or a ready <th> element.
 *
 * @param {...(string | HTMLElement | HTMLElement[])} headings
 * @returns {HTMLTableSectionElement}
 */
export function headRow(...headings) {
  const cells = headings
    .flat()
    .map((heading) =>
      typeof heading === "string" ? el("th", { scope: "col", text: heading }) : heading,
    );
  return el("thead", {}, el("tr", {}, cells));
}

/**
 * A Material-styled button that runs `onclick`.
 *
 * @param {string} text
 * @param {() => void} onclick
 * @param {boolean} [primary]
 * @returns {HTMLButtonElement}
 */
export function button(text, onclick, primary = false) {
  const className = primary ? "md-button md-button--primary" : "md-button";
  return el("button", { type: "button", className, text, onclick });
}

/**
 * A docs-relative Markdown path from the engine (a level page with a step anchor, say) as a
 * URL on this site, in the current page's language (under `fr/` on a French page).
 * Anything that would leave the language's pages gives its home page instead.
 *
 * @param {string} docsPath
 * @returns {URL}
 */
export function pageUrl(docsPath) {
  const [path, fragment] = String(docsPath).split("#");
  const page = path.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
  const root = languageRoot();
  const url = new URL(page, root);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return root;
  if (fragment) url.hash = fragment;
  return url;
}

/**
 * A link to a page of the site, by its docs-relative path.
 *
 * @param {string} docsPath
 * @param {string} text
 */
export function link(docsPath, text) {
  return el("a", { href: pageUrl(docsPath).href, text });
}

/** "Find your level from the descriptions in the levels overview." as a paragraph. */
export function levelsFallback() {
  const overview = link(LEVELS_OVERVIEW, message("levels_overview"));
  return el("p", {}, ...messageNodes("levels_fallback", { overview }));
}

/**
 * Scroll `node` to the top of the viewport, below the site's fixed header, with Material's
 * "Back to top" kept out of its way.
 *
 * @param {Element} node
 */
export function scrollToTop(node) {
  const header = document.querySelector(".md-header");
  const offset = header ? header.getBoundingClientRect().bottom : 0;
  const top = window.scrollY + node.getBoundingClientRect().top - Math.max(offset, 0);
  window.scrollTo({ top: Math.max(top, 0), behavior: "instant" });
  keepBackToTopHidden();
}

/**
 * Keep Material's "Back to top" button hidden after the script scrolled the page: Material
 * shows it on any upward scroll, and after a landing it sat over the heading that had just
 * been given focus. Material's own scroll listener runs first (it was added first), so the
 * button is hidden again just after Material showed it; it comes back the next time the reader
 * scrolls up.
 */
function keepBackToTopHidden() {
  const button = document.querySelector(".md-top");
  if (!(button instanceof HTMLElement)) return;
  const hide = () => {
    button.hidden = true;
    button.tabIndex = -1;
  };
  hide();
  window.addEventListener("scroll", hide, { once: true });
  setTimeout(() => window.removeEventListener("scroll", hide), 1000);
}
