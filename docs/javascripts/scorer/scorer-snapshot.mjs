// @ts-check
// Runs in the scorer's worker: keeps a memory snapshot of the started scorer in the browser's
// Cache Storage, so that a repeat visit restores Python in a few hundred milliseconds instead
// of starting the interpreter and importing the scorer again (about two seconds).
//
// The snapshot is Pyodide's own (`makeMemorySnapshot`, restored with `_loadSnapshot`), taken
// once `quiz.web` is imported and before the worker answers any request, so it holds no
// answers. It is stored as it is (31 MB: gzip would shrink it to 7 MB but cost about 200 ms on
// every repeat visit) under a key made of the Pyodide version, the wheel's hash and the
// runtime files' hashes: a new deployment or a Pyodide upgrade never restores an old snapshot,
// and saving one deletes every other.
// Where Cache Storage is missing or refuses (private modes, storage turned off), the scorer
// simply starts the long way every time. Each copy of the site keeps its snapshot in its own
// cache (named after its path, site.mjs), so copies on one origin never delete each other's.

import { SITE_PATH, SNAPSHOT_CACHE } from "../shared/site.mjs";

const CACHE = SNAPSHOT_CACHE;

/** Set once the reader forgets everything while this worker runs (the page tells it, see
 * scorer.mjs `forgetSnapshots`): a scorer still starting must not save its snapshot afterwards,
 * undoing it. */
let forgotten = false;

/** Save no snapshot from now on, and drop one being saved. */
export function stopSaving() {
  forgotten = true;
}
const SKIPPED = "Scorer: no start-up snapshot kept: this site's data was forgotten meanwhile.";
/** The cache every copy shared before snapshots were kept per site: this site's entries in it
 * (addresses under its own path) are deleted when it saves one of its own. */
const SHARED_CACHE = "ex-scorer-snapshot";

/**
 * The snapshot's address in the cache: a made-up URL under the site, one per key.
 *
 * @param {string} indexURL the site's `pyodide/` folder
 * @param {string[]} parts what the snapshot depends on
 */
export function snapshotURL(indexURL, parts) {
  return `${indexURL}snapshot/${parts.map(encodeURIComponent).join("/")}`;
}

/** Cache Storage, or null where this browser or its settings do not offer it. */
async function openCache() {
  try {
    return typeof caches === "object" ? await caches.open(CACHE) : null;
  } catch {
    return null;
  }
}

/**
 * The snapshot saved under `url`, or null when there is none or it cannot be read.
 *
 * @param {string} url
 * @returns {Promise<Uint8Array | null>}
 */
export async function readSnapshot(url) {
  /** @type {Response | undefined} */
  let saved;
  try {
    // Looked up by the cache's name: opening the cache would create it, and an empty cache
    // left behind after "Forget everything" is still something kept.
    saved = typeof caches === "object" ? await caches.match(url, { cacheName: CACHE }) : undefined;
  } catch {
    return null; // Cache Storage refuses (private modes, storage turned off)
  }
  if (!saved?.body) return null;
  try {
    return new Uint8Array(await saved.arrayBuffer());
  } catch (error) {
    console.warn(`Scorer: the saved start-up snapshot could not be read (${String(error)}).`);
    await deleteSnapshots();
    return null;
  }
}

/**
 * Save `snapshot` under `url` and delete every other snapshot. Never throws.
 *
 * @param {string} url
 * @param {Uint8Array} snapshot
 */
export async function saveSnapshot(url, snapshot) {
  if (forgotten) return console.info(SKIPPED);
  const cache = await openCache();
  if (!cache) return;
  try {
    const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (snapshot);
    const headers = { "Content-Type": "application/octet-stream" };
    await cache.put(url, new Response(new Blob([bytes]), { headers }));
    if (forgotten) {
      await deleteSnapshots(); // the reader forgot everything while it was being saved
      return console.info(SKIPPED);
    }
    for (const request of await cache.keys()) {
      if (request.url !== url) await cache.delete(request);
    }
    await forgetSharedSnapshot();
  } catch (error) {
    console.warn(`Scorer: the start-up snapshot was not saved (${String(error)}).`);
  }
}

/** Delete this site's snapshot from the cache all copies once shared (the 31 MB it kept there
 * before each site had its own), and the cache itself once nobody's is left. Never throws. */
async function forgetSharedSnapshot() {
  try {
    if (!(await caches.has(SHARED_CACHE))) return;
    const shared = await caches.open(SHARED_CACHE);
    const mine = `${self.location.origin}${SITE_PATH}pyodide/snapshot/`;
    for (const request of await shared.keys()) {
      if (request.url.startsWith(mine)) await shared.delete(request);
    }
    if ((await shared.keys()).length === 0) await caches.delete(SHARED_CACHE);
  } catch {
    // the old cache stays; it is never read again
  }
}

/** Forget every saved snapshot (one could not be used). Never throws. */
export async function deleteSnapshots() {
  try {
    if (typeof caches === "object") await caches.delete(CACHE);
    if (typeof caches === "object") await forgetSharedSnapshot();
  } catch {
    // nothing saved, nothing to forget
  }
}
