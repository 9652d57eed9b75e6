// @ts-check
// Runs in the scorer's worker: downloads the Python runtime and the quiz wheel with progress,
// fails at once on any HTTP error or network failure, and starts Pyodide from what it
// downloaded.
//
// Every file goes through a Download, which reads the response body as it arrives, counts the
// bytes and keeps them. Pyodide fetches the WebAssembly binary and the standard library itself,
// so `fetch` is wrapped in this worker to hand it those Downloads' bytes (streamed, so the
// binary still compiles while it downloads) instead of making second requests. The binary
// travels gzip-compressed (`pyodide.asm.wasm.gz`, since not every host compresses
// `application/wasm`): its Download decompresses it with DecompressionStream as it arrives,
// and what Pyodide compiles is the decompressed stream. When something
// fails, what had arrived stays: the next `load()` downloads only what is missing and, if
// Python itself had started, only installs the wheel again. On a repeat visit Python is
// restored from the memory snapshot the first visit saved (scorer-snapshot.mjs).
//
// A file that arrives but is not the one built (a captive portal's or a filter's HTML page, a
// truncated or garbled copy) is named as damaged, not left to look like a stalled download:
// `hashes.json`, written at build time, gives the SHA-256 and size of each runtime file as the
// worker uses it (the binary once decompressed), and `sizes.json` its size as it travels. The
// binary is handed to Pyodide only once its first bytes are right, and a file is complete only
// when its hash matches: the stream Pyodide compiles ends only then, so no binary that differs
// from the one built is ever instantiated. "Try again" after that starts a new worker
// that downloads the damaged file afresh (`cache: "reload"`: past the browser's cache too).
//
// No Content Security Policy reaches this worker (a <meta> policy covers only its page), so it
// keeps to its own origin itself: `fetch` and XMLHttpRequest refuse any address outside the
// site's `pyodide/` folder, which is all the worker ever needs, and WebSocket and EventSource
// are gone.

import { SITE_ROOT } from "../shared/site.mjs";
import { deleteSnapshots, readSnapshot, saveSnapshot, snapshotURL } from "./scorer-snapshot.mjs";

/** @typedef {import("./protocol.mjs").LoadEvent} LoadEvent */
/** @typedef {import("./protocol.mjs").FailureKind} FailureKind */
/** @typedef {import("pyodide").PyodideInterface} Pyodide */
/** @typedef {import("pyodide").PyodideConfig} PyodideConfig */
/** @typedef {import("./protocol.mjs").QuizWeb} QuizWeb */

const PACKAGE = "ex-quiz";
const SIZES = "sizes.json"; // written at build time: the bytes of every file as it travels
const HASHES = "hashes.json"; // written at build time: SHA-256 and size of each runtime file
const LOCK = "pyodide-lock.json";
const RUNTIME = "pyodide.mjs";
const RUNTIME_CORE = "pyodide.asm.mjs";
/** The binary as Pyodide asks for it, and as the site serves it. */
const WASM = "pyodide.asm.wasm";
const WASM_GZ = `${WASM}.gz`;
const STDLIB = "python_stdlib.zip";
/**
 * A language pack (hooks/pyodide_assets.py PACK): the catalog and the bank's text of one
 * language other than the bank's own, which the wheel leaves out. It is unpacked beside the
 * wheel on that language's pages only: a reader downloads no language they do not read.
 *
 * @param {string} language
 */
export const packName = (language) => `ex_quiz-lang-${language}.zip`;
const PACK_NAME = /^ex_quiz-lang-(.+)\.zip$/;
const PROGRESS_EVERY_MS = 100;
/** How each runtime file starts once decoded: WebAssembly's "\0asm", a zip's "PK\3\4". */
const MAGIC = /** @type {Record<string, number[]>} */ ({
  [WASM_GZ]: [0x00, 0x61, 0x73, 0x6d],
  [STDLIB]: [0x50, 0x4b, 0x03, 0x04],
});

/** The only folder this worker fetches from: the site's `pyodide/`. */
export const OWN_FILES = new URL("pyodide/", SITE_ROOT).href;

/** A loading failure: its kind (the page writes the reader's sentence for it) and details for
 * the console. */
export class LoadError extends Error {
  /**
   * @param {FailureKind} kind
   * @param {string} [detail]
   * @param {string} [file] the file at fault, when one is
   */
  constructor(kind, detail, file) {
    super(detail ? `${kind}: ${detail}` : kind);
    this.kind = kind;
    this.detail = detail;
    this.file = file;
  }
}

/**
 * A file that arrived but is not the one built.
 *
 * @param {string} name
 * @param {string} why
 */
const damaged = (name, why) => new LoadError("damaged", `${name}: ${why}`, name);

/**
 * The address `input` names, absolute, or null when it is none.
 *
 * @param {RequestInfo | URL | string} input
 */
function address(input) {
  try {
    return new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
  } catch {
    return null;
  }
}

/** @param {string | null} url */
const ownFile = (url) => !!url?.startsWith(OWN_FILES);

/** @param {string | null} url */
const refusal = (url) =>
  new TypeError(`The scorer fetches only its own files; ${url ?? "that address"} was refused.`);

/** The worker's own fetch; the wrapped one below serves Pyodide from the Downloads. */
const nativeFetch = globalThis.fetch.bind(globalThis);
/** @type {Map<string, () => Promise<Response>>} */
const served = new Map();
/** @type {typeof fetch} */
const servingFetch = (input, init) => {
  const url = address(input);
  if (!ownFile(url)) return Promise.reject(refusal(url));
  const serve = served.get(/** @type {string} */ (url));
  return serve ? serve() : nativeFetch(input, init);
};
globalThis.fetch = servingFetch;
if (typeof XMLHttpRequest === "function") {
  const open = XMLHttpRequest.prototype.open;
  /** @param {string} method @param {string | URL} target @param {unknown[]} rest */
  XMLHttpRequest.prototype.open = function (method, target, ...rest) {
    const url = address(target);
    if (!ownFile(url)) throw refusal(url);
    return /** @type {Function} */ (open).call(this, method, target, ...rest);
  };
}
for (const name of ["WebSocket", "EventSource", "WebTransport"]) {
  Reflect.deleteProperty(globalThis, name);
}

/** A promise that never settles: what a consumer of a failed download is left waiting on. */
const never = () => new Promise(() => {});

/**
 * What a file should be, from the build, each when known: its size as it travels
 * (`transfer`), and once decoded its size, SHA-256 (base64) and first bytes; `gzip` when the
 * site serves it gzip-compressed.
 *
 * @typedef {{transfer?: number, size?: number, sha256?: string, magic?: number[],
 *   gzip?: boolean}} Expected
 */

/** gzip's first two bytes. */
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The SHA-256 of `bytes`, base64.
 *
 * @param {Uint8Array} bytes
 */
async function sha256(bytes) {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", /** @type {Uint8Array<ArrayBuffer>} */ (bytes)),
  );
  return btoa(String.fromCharCode(...digest));
}

/** One file, downloaded once and kept (decoded), readable as a stream or as bytes. */
class Download {
  /**
   * @param {string} url
   * @param {RequestInit} init
   * @param {(done: boolean) => void} onBytes called whenever bytes arrive, and at the end
   * @param {Promise<Expected>} expected what the file should be (checked as it arrives)
   */
  constructor(url, init, onBytes, expected) {
    this.url = url;
    this.name = url.slice(url.lastIndexOf("/") + 1).split("?")[0];
    this.expected = expected;
    /** Bytes that came over the network (what the progress bar counts). */
    this.transferred = 0;
    /** Bytes of the file as it is used: decompressed when it travels compressed. */
    this.received = 0;
    this.failed = false;
    /** Whether reading the network failed (rather than decoding what came). */
    this.networkFailed = false;
    /** @type {Uint8Array[]} */
    this.chunks = [];
    /** @type {Set<ReadableStreamDefaultController<Uint8Array>>} */
    this.readers = new Set();
    this.controller = new AbortController();
    this.onBytes = onBytes;
    /** @type {() => void} */
    this.opened = () => {};
    /** Settles once the response's headers and first bytes are checked (or it failed). */
    this.headers = new Promise((resolve) => {
      this.opened = () => resolve(undefined);
    });
    this.done = this.run(init);
    this.done.catch(() => {}); // each consumer handles the failure
  }

  /** @param {RequestInit} init */
  async run(init) {
    const name = this.name;
    let decoding = false;
    try {
      const response = await nativeFetch(this.url, { ...init, signal: this.controller.signal });
      if (!response.ok || !response.body) {
        throw new LoadError("network", `${name}: HTTP ${response.status}`);
      }
      // What a captive portal, a filtering proxy or a truncated copy sends is told by its
      // headers and first bytes, before Pyodide sees any of it.
      const type = response.headers.get("Content-Type") || "";
      if (/text\/html/i.test(type)) throw damaged(name, `an HTML page came instead (${type})`);
      const expected = await this.expected;
      // A host may compress a file again on the way: then only what arrives can be checked.
      const encoded = !!response.headers.get("Content-Encoding");
      const length = response.headers.get("Content-Length");
      if (expected.transfer !== undefined && length !== null && !encoded) {
        if (Number(length) !== expected.transfer) {
          throw damaged(name, `${length} bytes on the way instead of ${expected.transfer}`);
        }
      }
      const body = await this.decoded(response.body, expected, encoded);
      decoding = body.decoding;
      await this.receive(body.stream, expected);
    } catch (error) {
      this.failed = true;
      this.opened();
      this.readers.clear(); // their consumers wait forever; this attempt is over
      const reason = this.controller.signal.reason;
      const aborted = this.controller.signal.aborted;
      if (!aborted) this.controller.abort(error); // stop downloading
      if (error instanceof LoadError) throw error;
      if (reason instanceof LoadError) throw reason;
      if (decoding && !aborted && !this.networkFailed) {
        throw damaged(name, `it does not decompress (${String(error)})`);
      }
      throw new LoadError("network", `${name}: ${String(error)}`);
    }
    for (const stream of this.readers) stream.close();
    this.readers.clear();
    this.onBytes(true);
  }

  /**
   * The body as the worker uses it: counted as it travels, and decompressed when the site sends
   * it gzip-compressed and it still is (a host may have decoded it on the way).
   *
   * @param {ReadableStream<Uint8Array>} body
   * @param {Expected} expected
   * @param {boolean} encoded whether the host compressed it again (sizes unknown on the way)
   */
  async decoded(body, expected, encoded) {
    const reader = body.getReader();
    const next = async () => {
      /** @type {ReadableStreamReadResult<Uint8Array>} */
      let part;
      try {
        part = await reader.read();
      } catch (error) {
        this.networkFailed = true;
        throw error;
      }
      const planned = encoded ? undefined : expected.transfer;
      if (part.done) {
        if (planned !== undefined && this.transferred !== planned) {
          throw damaged(this.name, `${this.transferred} bytes arrived instead of ${planned}`);
        }
        return part;
      }
      this.transferred += part.value.byteLength;
      if (planned !== undefined && this.transferred > planned) {
        throw damaged(this.name, `more than the ${planned} bytes of the file arrived`);
      }
      this.onBytes(false);
      return part;
    };
    /** @type {Uint8Array[]} */
    const head = [];
    let seen = 0;
    let ended = false;
    while (expected.gzip && seen < GZIP_MAGIC.length) {
      const part = await next();
      if (part.done) {
        ended = true;
        break;
      }
      head.push(part.value);
      seen += part.value.byteLength;
    }
    const stream = new ReadableStream({
      start(output) {
        for (const chunk of head) output.enqueue(chunk);
        if (ended) output.close();
      },
      async pull(output) {
        const part = await next();
        if (part.done) output.close();
        else output.enqueue(part.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const first = new Uint8Array(GZIP_MAGIC.length);
    let at = 0;
    for (const chunk of head) {
      const part = chunk.subarray(0, first.length - at);
      first.set(part, at);
      at += part.byteLength;
      if (at >= first.length) break;
    }
    const gzipped = at === first.length && GZIP_MAGIC.every((byte, i) => first[i] === byte);
    if (!expected.gzip || !gzipped) return { stream, decoding: false };
    return { stream: stream.pipeThrough(new DecompressionStream("gzip")), decoding: true };
  }

  /**
   * Read the decoded body, keeping it, handing it on as it arrives and checking it against
   * what the build says it is.
   *
   * @param {ReadableStream<Uint8Array>} body
   * @param {Expected} expected
   */
  async receive(body, expected) {
    const name = this.name;
    const magic = expected.magic || [];
    if (!magic.length) this.opened();
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      this.chunks.push(value);
      const before = this.received;
      this.received += value.byteLength;
      if (before < magic.length && this.received >= magic.length) {
        const start = this.start(magic.length);
        if (magic.some((byte, at) => start[at] !== byte)) {
          throw damaged(name, "it does not start the way the file does");
        }
        this.opened();
      }
      if (expected.size !== undefined && this.received > expected.size) {
        throw damaged(name, `more than the ${expected.size} bytes of the file came out`);
      }
      for (const stream of this.readers) stream.enqueue(value);
    }
    if (this.received < magic.length || (expected.size ?? this.received) !== this.received) {
      throw damaged(name, `${this.received} bytes came out instead of ${expected.size}`);
    }
    if (expected.sha256 && (await sha256(this.joined())) !== expected.sha256) {
      throw damaged(name, "its SHA-256 is not the built file's");
    }
  }

  /**
   * The first `count` bytes received.
   *
   * @param {number} count
   */
  start(count) {
    const start = new Uint8Array(count);
    let at = 0;
    for (const chunk of this.chunks) {
      const part = chunk.subarray(0, count - at);
      start.set(part, at);
      at += part.byteLength;
      if (at >= count) break;
    }
    return start;
  }

  /** Every byte received, in one array. */
  joined() {
    const bytes = new Uint8Array(this.received);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
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
   * A Response for Pyodide: streamed (from once the first bytes are checked), or only once
   * complete. Never settles if this fails.
   *
   * @param {string} type
   * @param {boolean} streamed
   */
  response(type, streamed) {
    const make = () => new Response(this.stream(), { headers: { "Content-Type": type } });
    return (streamed ? this.headers : this.done).then(make, never);
  }

  async bytes() {
    await this.done;
    return this.joined();
  }

  async json() {
    const bytes = await this.bytes();
    const name = this.url.slice(this.url.lastIndexOf("/") + 1);
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw damaged(name, "it is not the JSON file the site wrote");
    }
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
 * @param {QuizWeb} web
 */
function warmUp(web) {
  try {
    web.warm_up();
  } catch (error) {
    console.warn(`Scorer: ${String(error)}`);
  }
}

/**
 * Write every later reply in the page's language (quiz.web.use_language). Called once Python
 * has started, fresh or restored from its snapshot (the language is not the snapshot's to
 * keep), before "ready" and so before any request; again before a request from a page in
 * another language (`Loader.speak`).
 *
 * @param {QuizWeb} web
 * @param {string} language
 */
function useLanguage(web, language) {
  /** @type {{ok: boolean, error?: string, detail?: string}} */
  const reply = JSON.parse(web.use_language(language));
  if (!reply.ok) {
    throw new LoadError("language", `${language}: ${reply.detail || reply.error || ""}`);
  }
}

export class Loader {
  /**
   * @param {string} indexURL the site's `pyodide/` folder, absolute
   * @param {(event: LoadEvent) => void} report
   * @param {string[]} [reload] files that arrived damaged last time: downloaded afresh, past
   *   the browser's cache
   * @param {string} [language] the page's language, for Python's replies
   */
  constructor(indexURL, report, reload = [], language = "en") {
    this.indexURL = indexURL;
    this.language = language;
    this.report = report;
    this.reload = new Set(reload);
    /** What each file should be, once sizes.json and hashes.json are in. */
    /** @type {Promise<(name: string) => Expected> | null} */
    this.expectations = null;
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
    /** @type {Promise<QuizWeb> | null} */
    this.scorer = null;
    /** Whether Python was restored from a saved memory snapshot. */
    this.restored = false;
    /** Whether the scorer is ready (and has said so). */
    this.ready = false;
    /** Where to save a snapshot once the scorer is imported; null when restored from one. */
    /** @type {string | null} */
    this.snapshotTo = null;
    /** Where Python finds the wheel's files, and the language packs unpacked there. */
    /** @type {{pyodide: Pyodide, sitePackages: string, checks: Record<string, unknown>, packs: Set<string>} | null} */
    this.installed = null;
  }

  /**
   * The bytes of `language`'s pack, or null when the site has none for it (the bank's own
   * language, which the wheel holds).
   *
   * @param {Record<string, unknown>} checks hashes.json
   * @param {string} language
   * @returns {Promise<Uint8Array | null>}
   */
  async pack(checks, language) {
    const name = packName(language);
    return Object.hasOwn(checks, name) ? this.download(name).bytes() : null;
  }

  /** Whether a file of sizes.json is one this loader downloads: every file but the packs of
   * other languages than its own.
   *
   * @param {string} name
   */
  counted(name) {
    const pack = PACK_NAME.exec(name);
    return !pack || pack[1] === this.language;
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
    const reason = new LoadError("stalled", "the page saw no progress for too long");
    for (const download of this.downloads.values()) download.abort(reason);
  }

  async boot() {
    if (typeof WebAssembly !== "object") {
      throw new LoadError("unsupported", "no WebAssembly in this worker");
    }
    const sizes = this.download(SIZES).json();
    const hashes = this.download(HASHES).json();
    // Only the runtime files are checked here: the wheel and the lock file vouch for each
    // other (the lock holds the wheel's hash, which the browser checks as it downloads it).
    this.expectations = Promise.all([sizes, hashes]).then(
      ([size, check]) =>
        (/** @type {string} */ name) =>
          Object.hasOwn(check, name)
            ? {
                transfer: size[name],
                size: check[name].size,
                sha256: check[name].sha256,
                magic: MAGIC[name],
                gzip: name.endsWith(".gz"),
              }
            : {},
    );
    this.expectations.catch(() => {}); // reported by the downloads that wait for it
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
    const pack = hashes.then((checks) => this.pack(checks, this.language));
    const [pyodide, wheelBytes, lockfile, , checks, packBytes] = await Promise.all([
      this.python,
      wheel,
      lock,
      sizes,
      hashes,
      pack,
    ]);
    this.report({ type: "starting" });
    try {
      const [major, minor] = String(lockfile.info.python).split(".");
      const sitePackages = `/lib/python${major}.${minor}/site-packages`;
      pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });
      const packs = new Set();
      if (packBytes) {
        pyodide.unpackArchive(packBytes, "zip", { extractDir: sitePackages });
        packs.add(this.language);
      }
      this.installed = { pyodide, sitePackages, checks, packs };
      // Forget the folder's cached listing so the new files are found. (Not
      // importlib.invalidate_caches(): it imports importlib.metadata, 30 ms under Pyodide.)
      pyodide.runPython(
        `__import__("sys").path_importer_cache.pop(${JSON.stringify(sitePackages)}, None)`,
      );
      /** @type {QuizWeb} */
      const web = pyodide.pyimport("quiz.web");
      useLanguage(web, this.language);
      this.ready = true;
      this.report({ type: "ready", restored: this.restored });
      // Before any request is answered (they wait for this function to return): read the
      // question bank, which the first request needs anyway, then take the snapshot, so it
      // holds the parsed bank but no answers. After "ready": the reader waits for neither.
      warmUp(web);
      this.snapshot(pyodide);
      return web;
    } catch (error) {
      if (error instanceof LoadError) throw error;
      throw new LoadError("python", String(error));
    }
  }

  /**
   * Write the replies from now on in `language`, when a request asks for another one than the
   * last: one worker serves the whole visit, and instant navigation can take the reader to a
   * page in another language (the language switcher, a link to the other language's pages).
   *
   * @param {QuizWeb} web
   * @param {string} language
   */
  async speak(web, language) {
    if (language === this.language) return;
    const installed = this.installed;
    if (installed && !installed.packs.has(language)) {
      const bytes = await this.pack(installed.checks, language);
      if (bytes) {
        installed.pyodide.unpackArchive(bytes, "zip", { extractDir: installed.sitePackages });
        installed.packs.add(language);
      }
    }
    useLanguage(web, language);
    this.language = language;
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
    const wasm = this.download(WASM_GZ);
    const stdlib = this.download(STDLIB);
    served.set(this.indexURL + WASM, () => wasm.response("application/wasm", true));
    served.set(this.indexURL + STDLIB, () => stdlib.response("application/zip", false));
    const runtime = this.module(RUNTIME);
    const core = this.module(RUNTIME_CORE);
    const failure = Promise.all([wasm.done, stdlib.done, lock, runtime, core]).then(never);
    // The snapshot is looked up while the runtime's modules download.
    const snapshotAt = Promise.all([runtime, lock, this.download(HASHES).json()]).then(
      ([{ version }, lockfile, checks]) =>
        snapshotURL(this.indexURL, [
          String(version),
          lockfile.packages[PACKAGE].sha256,
          checks[WASM_GZ].sha256,
          checks[STDLIB].sha256,
        ]),
    );
    const saved = snapshotAt.then(readSnapshot);
    // Raced below: when a file fails first, no one else waits on these.
    snapshotAt.catch(() => {});
    saved.catch(() => {});
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
      // Pyodide may fail on a damaged file before its download is over: name the file.
      for (const result of await Promise.allSettled([wasm.done, stdlib.done])) {
        if (result.status === "rejected" && result.reason instanceof LoadError) throw result.reason;
      }
      throw new LoadError("python", String(error));
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
      const fresh = this.reload.has(name) ? { cache: /** @type {RequestCache} */ ("reload") } : {};
      const checked = name === SIZES || name === HASHES || !this.expectations;
      const expected = checked
        ? Promise.resolve({})
        : /** @type {Promise<(name: string) => Expected>} */ (this.expectations).then((of) =>
            of(name),
          );
      download = new Download(this.indexURL + name, { ...init, ...fresh }, onBytes, expected);
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
      const query = this.reload.has(name)
        ? `?reload=${Date.now()}`
        : this.attempt > 1
          ? `?attempt=${this.attempt}`
          : "";
      const url = this.indexURL + name + query;
      const module = import(url).then(
        (value) => {
          if (entry) entry.done = true;
          this.progress(true);
          return value;
        },
        async (error) => {
          this.modules.delete(name);
          throw await this.moduleFailure(name, url, error);
        },
      );
      entry = { module, done: false };
      this.modules.set(name, entry);
    }
    return entry.module;
  }

  /**
   * Why a module of the runtime did not import: damaged when it arrived but is not the file
   * built (it does not parse, it is an HTML page, or its size is wrong), else the network.
   *
   * @param {string} name
   * @param {string} url
   * @param {unknown} error
   */
  async moduleFailure(name, url, error) {
    if (error instanceof SyntaxError) return damaged(name, String(error));
    try {
      const response = await nativeFetch(url);
      const type = response.headers.get("Content-Type") || "";
      const size = (await response.arrayBuffer()).byteLength;
      const expected = this.sizes[name];
      if (response.ok && (/text\/html/i.test(type) || (expected && size !== expected))) {
        return damaged(name, `${size} bytes of ${type} arrived`);
      }
    } catch {
      // not there at all: the network
    }
    return new LoadError("network", `${name}: ${String(error)}`);
  }

  /** @param {boolean} force report even if the last report was very recent */
  progress(force) {
    const now = Date.now();
    if (!force && now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    let received = 0;
    for (const [name, download] of this.downloads) {
      if (name !== SIZES) received += download.transferred;
    }
    for (const [name, entry] of this.modules) {
      if (entry.done) received += this.sizes[name] || 0;
    }
    let total = 0;
    for (const [name, size] of Object.entries(this.sizes)) if (this.counted(name)) total += size;
    this.report({ type: "progress", received, total: Math.max(total, received) });
  }
}
