// @ts-check
// Runs in the scorer's worker: downloads the Python runtime and the quiz wheel with progress,
// fails at once on any HTTP error or network failure, and starts Pyodide from what it
// downloaded.
//
// Every file goes through a Download, which reads the response body as it arrives, counts the
// bytes and keeps them. Pyodide fetches the WebAssembly binary and the standard library itself,
// so `fetch` is wrapped in this worker to hand it those Downloads' bytes (streamed, so the
// binary still compiles while it downloads) instead of making second requests. When something
// fails, what had arrived stays: the next `load()` downloads only what is missing and, if
// Python itself had started, only installs the wheel again. On a repeat visit Python is
// restored from the memory snapshot the first visit saved (scorer-snapshot.mjs).

import { deleteSnapshots, readSnapshot, saveSnapshot, snapshotURL } from "./scorer-snapshot.mjs";

/** @typedef {import("./protocol.mjs").LoadEvent} LoadEvent */
/** @typedef {import("./protocol.mjs").FailureKind} FailureKind */
/** @typedef {import("pyodide").PyodideInterface} Pyodide */
/** @typedef {import("pyodide").PyodideConfig} PyodideConfig */
/** @typedef {import("pyodide/ffi").PyProxy} PyProxy */

const PACKAGE = "ex-quiz";
const SIZES = "sizes.json"; // written at build time: the bytes of every file below
const LOCK = "pyodide-lock.json";
const RUNTIME = "pyodide.mjs";
const RUNTIME_CORE = "pyodide.asm.mjs";
const WASM = "pyodide.asm.wasm";
const STDLIB = "python_stdlib.zip";
const PROGRESS_EVERY_MS = 100;

/** A loading failure, with a short message for the reader and details for the console. */
export class LoadError extends Error {
  /**
   * @param {FailureKind} kind
   * @param {string} message
   * @param {string} [detail]
   */
  constructor(kind, message, detail) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }
}

const DOWNLOAD_FAILED =
  "Part of the scorer could not be downloaded. Check your connection and try again.";

/** The worker's own fetch; the wrapped one below serves Pyodide from the Downloads. */
const nativeFetch = globalThis.fetch.bind(globalThis);
/** @type {Map<string, () => Promise<Response>>} */
const served = new Map();
/** @type {typeof fetch} */
const servingFetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const serve = served.get(url);
  return serve ? serve() : nativeFetch(input, init);
};
globalThis.fetch = servingFetch;

/** A promise that never settles: what a consumer of a failed download is left waiting on. */
const never = () => new Promise(() => {});

/** One file, downloaded once and kept, readable as a stream or as bytes. */
class Download {
  /**
   * @param {string} url
   * @param {RequestInit} init
   * @param {(done: boolean) => void} onBytes called whenever bytes arrive, and at the end
   * @param {boolean} keepOriginal keep the browser's response for `response` (costs memory
   *   until it is read)
   */
  constructor(url, init, onBytes, keepOriginal) {
    this.url = url;
    this.received = 0;
    this.failed = false;
    /** @type {Uint8Array[]} */
    this.chunks = [];
    /** @type {Set<ReadableStreamDefaultController<Uint8Array>>} */
    this.readers = new Set();
    this.controller = new AbortController();
    this.onBytes = onBytes;
    /** The browser's own response, kept unread for one consumer (see `response`). */
    /** @type {Response | null} */
    this.original = null;
    /** @type {() => void} */
    this.opened = () => {};
    /** Settles once the response's headers are in (or the request failed). */
    this.headers = new Promise((resolve) => {
      this.opened = () => resolve(undefined);
    });
    this.done = this.run(init, keepOriginal);
    this.done.catch(() => {}); // each consumer handles the failure
  }

  /**
   * @param {RequestInit} init
   * @param {boolean} keepOriginal
   */
  async run(init, keepOriginal) {
    const name = this.url.slice(this.url.lastIndexOf("/") + 1);
    try {
      const response = await nativeFetch(this.url, { ...init, signal: this.controller.signal });
      if (!response.ok || !response.body) {
        throw new LoadError("network", DOWNLOAD_FAILED, `${name}: HTTP ${response.status}`);
      }
      if (keepOriginal) this.original = response.clone();
      this.opened();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.chunks.push(value);
        this.received += value.byteLength;
        for (const stream of this.readers) stream.enqueue(value);
        this.onBytes(false);
      }
    } catch (error) {
      this.failed = true;
      this.original = null;
      this.opened();
      this.readers.clear(); // their consumers wait forever; this attempt is over
      if (error instanceof LoadError) throw error;
      const reason = this.controller.signal.reason;
      if (reason instanceof LoadError) throw reason;
      throw new LoadError("network", DOWNLOAD_FAILED, `${name}: ${String(error)}`);
    }
    for (const stream of this.readers) stream.close();
    this.readers.clear();
    this.onBytes(true);
  }

  /** @param {LoadError} reason */
  abort(reason) {
    this.controller.abort(reason);
  }

  /** The body so far and as it arrives. */
  stream() {
    return new ReadableStream({
      start: (stream) => {
        for (const chunk of this.chunks) stream.enqueue(chunk);
        if (this.failed) return;
        this.readers.add(stream);
        this.done.then(
          () => {
            if (this.readers.delete(stream)) stream.close();
          },
          () => {},
        );
      },
    });
  }

  /**
   * A Response for Pyodide: streamed, or only once complete. Never settles if this fails.
   *
   * @param {string} type
   * @param {boolean} streamed
   */
  response(type, streamed) {
    // The first consumer gets a copy of the browser's own response when it can: for the
    // WebAssembly binary that lets the browser cache the compiled code with the file, so a
    // repeat visit skips compiling it. Later consumers (after a retry) get what was kept.
    const make = () => new Response(this.stream(), { headers: { "Content-Type": type } });
    if (!streamed) return this.done.then(make, never);
    return this.headers.then(() => {
      const original = this.original;
      this.original = null;
      return original && !this.failed ? original : make();
    });
  }

  async bytes() {
    await this.done;
    const bytes = new Uint8Array(this.received);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }

  async json() {
    return JSON.parse(new TextDecoder().decode(await this.bytes()));
  }
}

/**
 * @param {string} hex
 * @returns {string}
 */
function hexToBase64(hex) {
  const pairs = hex.match(/../g) || [];
  return btoa(String.fromCharCode(...pairs.map((pair) => Number.parseInt(pair, 16))));
}

/**
 * Have `quiz.web` read its question bank. A failure here is left for the request that needs
 * the bank to report.
 *
 * @param {PyProxy} web
 */
function warmUp(web) {
  try {
    web.warm_up();
  } catch (error) {
    console.warn(`Scorer: ${String(error)}`);
  }
}

export class Loader {
  /**
   * @param {string} indexURL the site's `pyodide/` folder, absolute
   * @param {(event: LoadEvent) => void} report
   */
  constructor(indexURL, report) {
    this.indexURL = indexURL;
    this.report = report;
    /** @type {Map<string, Download>} */
    this.downloads = new Map();
    /** @type {Map<string, {module: Promise<any>, done: boolean}>} */
    this.modules = new Map();
    /** @type {Record<string, number>} */
    this.sizes = {};
    this.attempt = 0;
    this.lastReport = 0;
    /** @type {Promise<Pyodide> | null} */
    this.python = null;
    /** @type {Promise<PyProxy> | null} */
    this.scorer = null;
    /** Whether Python was restored from a saved memory snapshot. */
    this.restored = false;
    /** Whether the scorer is ready (and has said so). */
    this.ready = false;
    /** Where to save a snapshot once the scorer is imported; null when restored from one. */
    /** @type {string | null} */
    this.snapshotTo = null;
  }

  /** The `quiz.web` module, loading what is missing first. */
  load() {
    if (!this.scorer) {
      this.attempt += 1;
      this.scorer = this.boot();
      this.scorer.catch(() => {
        this.scorer = null;
      });
    }
    return this.scorer;
  }

  /** Stop every download still running (the page saw no progress for too long). */
  abortDownloads() {
    const reason = new LoadError(
      "stalled",
      "The scorer stopped downloading: nothing arrived for 30 seconds.",
    );
    for (const download of this.downloads.values()) download.abort(reason);
  }

  async boot() {
    if (typeof WebAssembly !== "object") {
      throw new LoadError("unsupported", "This browser cannot run WebAssembly in a worker.");
    }
    const sizes = this.download(SIZES).json();
    const lock = this.download(LOCK).json();
    sizes.then((value) => {
      this.sizes = value;
      this.progress(true);
    }, never);
    const wheel = lock.then((lockfile) => {
      const entry = lockfile.packages[PACKAGE];
      const integrity = `sha256-${hexToBase64(entry.sha256)}`;
      return this.download(entry.file_name, { integrity }).bytes();
    });
    if (!this.python) {
      this.python = this.startPython(lock);
      this.python.catch(() => {
        this.python = null;
      });
    }
    const [pyodide, wheelBytes, lockfile] = await Promise.all([this.python, wheel, lock, sizes]);
    this.report({ type: "starting" });
    try {
      const [major, minor] = String(lockfile.info.python).split(".");
      const sitePackages = `/lib/python${major}.${minor}/site-packages`;
      pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });
      // Forget the folder's cached listing so the new files are found. (Not
      // importlib.invalidate_caches(): it imports importlib.metadata, 30 ms under Pyodide.)
      pyodide.runPython(
        `__import__("sys").path_importer_cache.pop(${JSON.stringify(sitePackages)}, None)`,
      );
      const web = pyodide.pyimport("quiz.web");
      this.ready = true;
      this.report({ type: "ready", restored: this.restored });
      // Before any request is answered (they wait for this function to return): read the
      // question bank, which the first request needs anyway, then take the snapshot, so it
      // holds the parsed bank but no answers. After "ready": the reader waits for neither.
      warmUp(web);
      this.snapshot(pyodide);
      return web;
    } catch (error) {
      throw new LoadError("python", "The scorer could not be started.", String(error));
    }
  }

  /**
   * Take the memory snapshot now and save it in the background. Only the first time Python
   * starts the long way.
   *
   * @param {Pyodide} pyodide
   */
  snapshot(pyodide) {
    const url = this.snapshotTo;
    this.snapshotTo = null;
    if (!url) return;
    try {
      saveSnapshot(url, pyodide.makeMemorySnapshot());
    } catch (error) {
      console.warn(`Scorer: no start-up snapshot this time (${String(error)}).`);
    }
  }

  /**
   * Start Pyodide from this loader's downloads. Rejects as soon as one of them fails.
   *
   * @param {Promise<import("pyodide").Lockfile>} lock
   * @returns {Promise<Pyodide>}
   */
  async startPython(lock) {
    const wasm = this.download(WASM);
    const stdlib = this.download(STDLIB);
    served.set(this.indexURL + WASM, () => wasm.response("application/wasm", true));
    served.set(this.indexURL + STDLIB, () => stdlib.response("application/zip", false));
    const runtime = this.module(RUNTIME);
    const core = this.module(RUNTIME_CORE);
    const failure = Promise.all([wasm.done, stdlib.done, lock, runtime, core]).then(never);
    // The snapshot is looked up while the runtime's modules download.
    const snapshotAt = Promise.all([runtime, lock, this.download(SIZES).json()]).then(
      ([{ version }, lockfile, sizes]) =>
        snapshotURL(this.indexURL, [
          String(version),
          lockfile.packages[PACKAGE].sha256,
          String(sizes[WASM]),
          String(sizes[STDLIB]),
        ]),
    );
    const saved = snapshotAt.then(readSnapshot);
    const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.race([
      Promise.all([runtime, core]),
      failure,
    ]);
    /** @type {PyodideConfig} */
    const config = { indexURL: this.indexURL, lockFileContents: lock, createPyodideModule };
    const snapshot = await Promise.race([saved, failure]);
    if (snapshot) {
      try {
        const restored = await Promise.race([
          loadPyodide({ ...config, _loadSnapshot: snapshot }),
          failure,
        ]);
        this.restored = true;
        return restored;
      } catch (error) {
        if (error instanceof LoadError) throw error;
        console.warn(`Scorer: the start-up snapshot did not restore (${String(error)}).`);
        await deleteSnapshots();
      }
    }
    try {
      const pyodide = await Promise.race([
        loadPyodide({ ...config, _makeSnapshot: true }),
        failure,
      ]);
      this.snapshotTo = await snapshotAt;
      return pyodide;
    } catch (error) {
      if (error instanceof LoadError) throw error;
      throw new LoadError("python", "Python could not be started in your browser.", String(error));
    }
  }

  /**
   * The Download of a file in `pyodide/`: the one already made unless it failed.
   *
   * @param {string} name
   * @param {RequestInit} [init]
   */
  download(name, init = {}) {
    let download = this.downloads.get(name);
    if (!download || download.failed) {
      const onBytes = (/** @type {boolean} */ done) => this.progress(done);
      download = new Download(this.indexURL + name, init, onBytes, name === WASM);
      this.downloads.set(name, download);
      this.progress(false);
    }
    return download;
  }

  /**
   * A module of the Pyodide runtime, imported once; after a failure, imported again under a
   * new address (a failed import may be remembered under the old one).
   *
   * @param {string} name
   * @returns {Promise<any>}
   */
  module(name) {
    let entry = this.modules.get(name);
    if (!entry) {
      const url = this.indexURL + name + (this.attempt > 1 ? `?attempt=${this.attempt}` : "");
      const module = import(url).then(
        (value) => {
          if (entry) entry.done = true;
          this.progress(true);
          return value;
        },
        (error) => {
          this.modules.delete(name);
          throw new LoadError("network", DOWNLOAD_FAILED, `${name}: ${String(error)}`);
        },
      );
      entry = { module, done: false };
      this.modules.set(name, entry);
    }
    return entry.module;
  }

  /** @param {boolean} force report even if the last report was very recent */
  progress(force) {
    const now = Date.now();
    if (!force && now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    let received = 0;
    for (const [name, download] of this.downloads) {
      if (name !== SIZES) received += download.received;
    }
    for (const [name, entry] of this.modules) {
      if (entry.done) received += this.sizes[name] || 0;
    }
    let total = 0;
    for (const size of Object.values(this.sizes)) total += size;
    this.report({ type: "progress", received, total: Math.max(total, received) });
  }
}
