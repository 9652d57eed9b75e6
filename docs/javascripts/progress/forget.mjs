// @ts-check
// Everything this site keeps in the reader's browser, and a way to forget all of it at once:
// the answers in progress, the saved results, the plan, the checklists' ticks (localStorage,
// keys named after the site's path, site.mjs), Material's own settings for this site such as the
// colour scheme (keys that start with the site's path), the page's session marks (the text typed
// into a template), the scorer's start-up snapshot (Cache Storage), and the offline copy of the
// site (a service worker and its cache, offline.mjs). Nothing of it ever leaves the browser, and
// nothing another copy of the playbook on the same origin keeps is touched.

import { forgetOffline } from "../offline/offline.mjs";
import { FORGET_CHANNEL, forgetSnapshots } from "../scorer/scorer.mjs";
import { deleteSnapshots } from "../scorer/scorer-snapshot.mjs";
import { message } from "../shared/messages.mjs";
import { KEY_PREFIX, SITE_PATH } from "../shared/site.mjs";

const OWN = KEY_PREFIX;
/** Material's keys for this site: "<site path>.<name>" (its __md_scope). */
const MATERIAL = `${SITE_PATH}.`;

/** What the site keeps, in the reader's words: one phrase. */
export const kept = () =>
  [
    "kept_answers",
    "kept_results",
    "kept_ticks",
    "kept_templates",
    "kept_scheme",
    "kept_snapshot",
    "kept_offline",
  ]
    .map((name) => message(name))
    .reduce((first, rest) => message("kept_join", { first, rest }));

/** @param {Storage} store */
function forgetIn(store) {
  const keys = [];
  for (let index = 0; index < store.length; index += 1) {
    const key = store.key(index);
    if (key && (key.startsWith(OWN) || key.startsWith(MATERIAL))) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
  return keys.length;
}

/**
 * Forget everything the site keeps in this browser.
 *
 * @returns {Promise<boolean>} whether every store could be reached (storage may be off)
 */
export async function forgetEverything() {
  let reached = true;
  for (const name of /** @type {const} */ (["localStorage", "sessionStorage"])) {
    try {
      forgetIn(window[name]);
    } catch {
      reached = false;
    }
  }
  // Scorers still starting, in this tab or another, keep no snapshot after this.
  forgetSnapshots();
  if (typeof BroadcastChannel === "function") {
    const channel = new BroadcastChannel(FORGET_CHANNEL);
    channel.postMessage("forget");
    channel.close();
  }
  await deleteSnapshots();
  if (!(await forgetOffline())) reached = false;
  return reached;
}
