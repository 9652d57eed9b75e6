// @ts-check
// Material's language switcher (extra.alternate, hooks/languages.py) lists each language's home.
// This makes each of its links lead to the page the reader is on, in that language, with the
// part after `#` (a result, `#result=CODE`, or a step): every page is built in every language
// (the i18n plugin writes the default language's page where a translation is missing), at the
// same path under the language's root. The header is not replaced by instant navigation, so
// the links are pointed again on every page, and once more when one is followed, for the
// address's `#` part as it is then.

import { languageRoot } from "../shared/site.mjs";

const SWITCHER_LINKS = "a.md-select__link[hreflang]";
const NOT_FOUND = ".ex-not-found";

/** The language home each link was built with, kept on the link. */
const HOME = "exLanguageHome";

/**
 * The address of the current page in the language whose home is `home`, or null when the
 * current page is not under its own language's root, or is the 404 page (the link then stays
 * the language's home).
 *
 * @param {string} home
 * @returns {string | null}
 */
export function samePageIn(home) {
  // The 404 page (overrides/404.html) is served for any unknown address: the same address in
  // another language is unknown too, so its links stay the languages' homes.
  if (document.querySelector(NOT_FOUND)) return null;
  const root = languageRoot().href;
  const here = window.location.href;
  if (!here.startsWith(root)) return null;
  return new URL(here.slice(root.length), home).href;
}

/** Point every switcher link at the current page in its language. */
export function pointLanguageLinks() {
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (
    document.querySelectorAll(SWITCHER_LINKS)
  )) {
    if (!link.dataset[HOME]) link.dataset[HOME] = link.href;
    const target = samePageIn(link.dataset[HOME] || link.href);
    if (target) link.href = target;
  }
}

/** Point the links when the reader is about to follow one (before Material's own handler). */
export function followLanguageLinks() {
  /** @param {Event} event */
  const point = (event) => {
    if (event.target instanceof Element && event.target.closest(SWITCHER_LINKS)) {
      pointLanguageLinks();
    }
  };
  for (const type of ["click", "auxclick", "contextmenu", "focusin", "pointerover"]) {
    document.addEventListener(type, point, true);
  }
}
