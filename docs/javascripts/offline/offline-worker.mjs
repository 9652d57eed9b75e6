// @ts-check
// The site's offline copy: a service worker. The build (hooks/offline.py) serves it as
// `offline-worker.js` at the site's root, a classic script, with the build's manifest in front
// of this code as `self.EX_OFFLINE`: every file of the site a reader needs (the pages, their
// scripts and styles, the search index, the scorer's Pyodide files), each with its SHA-256,
// and a version made of them all. offline.mjs registers it once the scorer has started, so a
// reader who has opened the assessment once can take it, see a result, and open the level pages
// and the progress page without a network.
//
// - Install: every file of the manifest, fetched past the HTTP cache's freshness (revalidated)
//   and checked against its hash, into a cache named after the version. A file that does not
//   match fails the install: nothing half-made or from a captive portal is kept, and the next
//   visit tries again.
// - Activate: every older version's cache is deleted, and open pages are taken over: a new
//   deployment replaces the copy as a whole.
// - Fetch: the network first, always (what a reader sees online is what is deployed, and the
//   browser's HTTP cache works as before, except that a page is always checked with the server,
//   which answers "not modified" when it has not changed: a page is never older than the
//   deployment, even within the ten minutes GitHub Pages lets browsers keep it); the copy only
//   when the network fails, or, for a page, when it has not answered within three seconds. Only this site's own files: a request
//   to another origin, or outside the site's path, is left to the browser.
//
// It keeps nothing else: no answers, no results (those stay in localStorage, see saved.mjs).

/** @typedef {{url: string, size: number, integrity?: string}} OfflineFile */
/** @typedef {{version: string, files: OfflineFile[]}} OfflineManifest */
/**
 * The parts of a service worker's global scope used here (the site's code is checked against
 * the DOM's types, which do not describe service workers).
 *
 * @typedef {Event & {waitUntil(promise: Promise<unknown>): void}} InstallEvent
 * @typedef {InstallEvent & {request: Request, respondWith(response: Promise<Response>): void}}
 *   FetchEvent
 * @typedef {{
 *   EX_OFFLINE: OfflineManifest,
 *   location: Location,
 *   clients: {claim(): Promise<void>},
 *   skipWaiting(): Promise<void>,
 *   addEventListener(type: string, listener: (event: any) => void): void,
 * }} WorkerScope
 */

const worker = /** @type {WorkerScope} */ (/** @type {unknown} */ (self));
const { version, files } = worker.EX_OFFLINE;

/** The site's root: this worker is served there. */
const ROOT = new URL("./", worker.location.href).href;
/**
 * Where this site's copies live: named after the site's path, as site.mjs names everything
 * the site keeps, so copies of the playbook on one origin keep their own.
 */
const PREFIX = `${new URL(ROOT).pathname.replace(/^\/|\/$/g, "").replaceAll(":", "%3A")}:offline-`;
const CACHE = `${PREFIX}${version}`;
/** How long a page may take from the network before the copy is shown instead. */
const PAGE_WAIT_MS = 3_000;
/** How many files the install fetches at once. */
const AT_ONCE = 6;

/** The manifest's files, absolute, this site's own only. */
const OWN = files
  .map((file) => ({ ...file, url: new URL(file.url, ROOT).href }))
  .filter((file) => file.url.startsWith(ROOT));

/** @param {string} url */
const isPage = (url) => url.endsWith("/") || url.endsWith(".html");

/**
 * The address a copy is kept under: a page's folder, not its index.html; no query (the
 * scorer asks again for a runtime module with `?attempt=` or `?reload=`).
 *
 * @param {string} url
 */
function keyOf(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -10);
  return key.href;
}

/** Fetch every file of the manifest, checked against its hash, into this version's cache. */
async function install() {
  const cache = await caches.open(CACHE);
  const todo = [...OWN];
  const next = async () => {
    for (let file = todo.shift(); file; file = todo.shift()) {
      if (await cache.match(file.url)) continue; // an install tried again keeps what it has
      /** @type {RequestInit} */
      const init = { cache: "no-cache", credentials: "same-origin" };
      if (file.integrity) init.integrity = file.integrity;
      const response = await fetch(file.url, init);
      if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
      await cache.put(file.url, response);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, next));
  await worker.skipWaiting();
}

/** Delete every other version's copy, and take over the open pages. */
async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  await worker.clients.claim();
}

/**
 * The kept copy of `request`'s file, or undefined.
 *
 * @param {Request} request
 */
async function kept(request) {
  const cache = await caches.open(CACHE);
  return cache.match(keyOf(request.url));
}

/**
 * The network's answer; the copy when the network fails, or, for a page, when the network has
 * not answered in time.
 *
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function networkFirst(request) {
  const page = isPage(keyOf(request.url));
  const network = fetch(page ? new Request(request, { cache: "no-cache" }) : request);
  if (!page) {
    try {
      return await network;
    } catch (error) {
      const copy = await kept(request);
      if (copy) return copy;
      throw error;
    }
  }
  return new Promise((resolve, reject) => {
    let done = false;
    const answer = (/** @type {Response} */ response) => {
      if (done) return;
      done = true;
      resolve(response);
    };
    network.then(answer, async (error) => {
      const copy = await kept(request).catch(() => undefined);
      if (copy) answer(copy);
      else if (!done) {
        done = true;
        reject(error);
      }
    });
    setTimeout(async () => {
      if (done) return;
      const copy = await kept(request).catch(() => undefined);
      if (copy) answer(copy); // else the network's answer, whenever it comes
    }, PAGE_WAIT_MS);
  });
}

worker.addEventListener("install", (/** @type {InstallEvent} */ event) => {
  event.waitUntil(install());
});

worker.addEventListener("activate", (/** @type {InstallEvent} */ event) => {
  event.waitUntil(activate());
});

worker.addEventListener("fetch", (/** @type {FetchEvent} */ event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  event.respondWith(networkFirst(request));
});
