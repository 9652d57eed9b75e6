// @ts-check
// The page's side of the site's offline copy (the service worker in offline-worker.mjs, served
// as offline-worker.js at the site's root): registered once the scorer has started on a page,
// so a reader who has opened the assessment once can use it, and their saved results, without
// a network, and only such a reader downloads the copy (about the size of the scorer, which
// their browser has just fetched anyway). Later visits ask the browser to check for a new
// deployment, which replaces the copy as a whole. "Forget everything" removes it.

import { SITE_PATH, storageKey } from "../shared/site.mjs";

/** The site's root, where the worker is served, and the scope it covers. */
const ROOT = new URL(SITE_PATH, window.location.origin);
const WORKER = new URL("offline-worker.js", ROOT);
/** The start of the copy's cache names (offline-worker.mjs names them the same way). */
const PREFIX = storageKey("offline-");

/**
 * Keep (or bring up to date) the offline copy. Never throws: where the browser has no service
 * workers, or does not let the site keep data, the site simply works online only.
 */
export async function keepOffline() {
  const workers = navigator.serviceWorker;
  if (!workers) return;
  try {
    const known = await workers.getRegistration(ROOT.href);
    const registration = await workers.register(WORKER.href, { scope: ROOT.pathname });
    // The same worker registered again is not checked for news: ask for it (a deployment since).
    if (known?.active) await registration.update();
  } catch (error) {
    console.warn(`Offline copy: not kept (${String(error)}).`);
  }
}

/**
 * Remove the offline copy: the worker, and every version of its files.
 *
 * @returns {Promise<boolean>} whether it could be reached
 */
export async function forgetOffline() {
  let reached = true;
  try {
    const registration = await navigator.serviceWorker?.getRegistration(ROOT.href);
    if (registration && new URL(registration.scope).pathname === ROOT.pathname) {
      await registration.unregister();
    }
  } catch {
    reached = false;
  }
  try {
    if (typeof caches === "object") {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX)) await caches.delete(name);
      }
    }
  } catch {
    reached = false;
  }
  return reached;
}
