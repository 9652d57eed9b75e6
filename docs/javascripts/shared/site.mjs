// @ts-check
// What this copy of the site calls the things it keeps in the reader's browser. Several copies of
// the playbook can share one origin (org.github.io/playbook/ and org.github.io/draft/, say):
// each keeps its own answers, results, plan, ticks and scorer snapshot, because every
// name starts with the site's path, as Material names its own settings. The path is where the
// site is served, site.json's site_url; for the playbook's own site the keys are the ones it has
// always used ("ex-maturity-playbook:answers:v1"), so readers keep what they saved. The
// languages of one copy (its French pages under `fr/`) share its keys: see languageRoot below.

/** The site's root URL: this module is served from `<root>/javascripts/shared/`. The one place
 * that knows how deep the browser code sits: everything else asks here. */
export const SITE_ROOT = new URL("../../", import.meta.url);

/** The path the site is served under: "/ex-maturity-playbook/", or "/" at a domain's root. */
export const SITE_PATH = SITE_ROOT.pathname;

/** The start of every key this site keeps: its path without the outer slashes, then ":". */
export const KEY_PREFIX = `${SITE_PATH.replace(/^\/|\/$/g, "").replaceAll(":", "%3A")}:`;

/**
 * The key this site keeps `name` under in localStorage or sessionStorage.
 *
 * @param {string} name such as "answers:v1"
 */
export const storageKey = (name) => `${KEY_PREFIX}${name}`;

/** The Cache Storage cache that holds this site's scorer snapshot. */
export const SNAPSHOT_CACHE = storageKey("scorer-snapshot");

// ------------------------------------------------------------------ The page's language
// The site is built in several languages (mkdocs-static-i18n, mkdocs.yml): English at the root,
// French under `fr/`. The browser code (javascripts/, pyodide/) is shared at the site's root, and
// so is everything the reader keeps (KEY_PREFIX above: answers, results, plan): result codes
// say nothing of a language, so one reader's results are theirs in every language. What
// depends on the language is the page's <meta name="ex-language"> (overrides/main.html): its
// code, and the prefix of its language's pages ("" or "fr/", hooks/languages.py).
//
// It is read anew every time, never kept: Material's instant navigation changes pages without
// loading them, and brings the new page's <head> along (it adds the elements that differ and
// removes the old ones), so after the reader follows a link to another language, or uses the
// language switcher, the meta is the new page's while this module, and every value it computed
// when it first ran, stay. A constant would send a reader who started in English to English
// pages forever.

/** The current page's <meta name="ex-language">, or null (in a worker, or an older page). */
const languageMeta = () =>
  typeof document === "object" ? document.querySelector('meta[name="ex-language"]') : null;

/** The current page's language ("en", "fr"): its meta, else `<html lang>`, else "en". Not
 * `<html lang>` first: instant navigation leaves <html> as the first page had it. */
export function pageLanguage() {
  const code = languageMeta()?.getAttribute("content");
  if (code) return code;
  return (typeof document === "object" && document.documentElement.lang) || "en";
}

/**
 * The root of the current page's language: where its pages are, such as `<root>/fr/` (the
 * site's root for the default language). Links to the site's pages and the language's own
 * files (assets/steps.json) start here; the shared code and the scorer's files (javascripts/,
 * pyodide/) stay at SITE_ROOT. A prefix that would lead out of the site gives SITE_ROOT.
 */
export function languageRoot() {
  const prefix = languageMeta()?.getAttribute("data-prefix") || "";
  const root = new URL(prefix, SITE_ROOT);
  if (root.origin !== SITE_ROOT.origin || !root.pathname.startsWith(SITE_PATH)) {
    return new URL(SITE_ROOT);
  }
  return root;
}

/**
 * Keep `<html lang>` the current page's: instant navigation swaps the page's content and
 * <head> but not <html>, so after a change of language a screen reader would read the new
 * page's text with the old language's voice, and the browser hyphenate it by the old
 * language's rules. Called for every page (pages.mjs).
 */
export function followPageLanguage() {
  const code = languageMeta()?.getAttribute("content");
  if (code && document.documentElement.lang !== code) document.documentElement.lang = code;
}
