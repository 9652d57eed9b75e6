// @ts-check
// What this copy of the site calls the things it keeps in the reader's browser. Several copies of
// the playbook can share one origin (an English and a French one under org.github.io/en/ and
// /fr/): each keeps its own answers, results, plan, ticks and scorer snapshot, because every
// name starts with the site's path, as Material names its own settings. The path is where the
// site is served, site.json's site_url; for the playbook's own site the keys are the ones it has
// always used ("ex-maturity-playbook:answers:v1"), so readers keep what they saved.

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
