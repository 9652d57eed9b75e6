// @ts-check
// The page's side of the scorer: one module worker for the whole visit (it survives Material's
// instant navigation), id-matched requests, and the loading state for the form and panel to
// show. A download that stops is given up after STALL_MS without any news from the worker; a
// slow one that keeps moving is never cut off. After a file arrived damaged, "Try again" starts
// a new worker that downloads it afresh: the old one may hold a half-started Python.

import { message, pageLanguage } from "../shared/messages.mjs";
import { storageKey } from "../shared/site.mjs";

/** @typedef {import("./protocol.mjs").Reply} Reply */
/** @typedef {import("./protocol.mjs").RequestType} RequestType */
/** @typedef {import("./protocol.mjs").WorkerMessage} WorkerMessage */
/** @typedef {import("./protocol.mjs").FailureKind} FailureKind */
/** @typedef {import("./protocol.mjs").WorkerFault} WorkerFault */

/**
 * @template {RequestType} T
 * @typedef {import("./protocol.mjs").Fields<T>} Fields
 */
/**
 * @template {RequestType} T
 * @typedef {import("./protocol.mjs").ReplyTo<T>} ReplyTo
 */

/**
 * @typedef {{state: "loading", received: number, total: number, starting: boolean}
 *   | {state: "ready", restored: boolean}
 *   | {state: "failed", kind: FailureKind, error: string, file?: string}} ScorerStatus
 */

export const STALL_MS = 30_000;

/**
 * The reader's sentence for what went wrong in the worker or around it: the worker writes
 * none itself (it has no page to read them from), it names the kind of failure.
 *
 * @param {WorkerFault | "stopped"} kind  stopped: the page has no worker any more
 * @param {string} [file] the file that arrived damaged
 */
export function failureSentence(kind, file) {
  if (kind === "damaged") {
    return file ? message("failed_damaged", { file }) : message("failed_damaged_unnamed");
  }
  if (kind === "stalled") return message("failed_stalled", { seconds: STALL_MS / 1000 });
  return message(`failed_${kind}`);
}

/** A failure to load, as the reader should read it. */
export class ScorerError extends Error {
  /**
   * @param {FailureKind} kind
   * @param {string} message
   */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

export class Scorer {
  constructor() {
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {ScorerStatus} */
    this.status = { state: "loading", received: 0, total: 0, starting: false };
    /** @type {Map<number, {resolve: (reply: Reply) => void, reject: (error: Error) => void}>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {Set<(status: ScorerStatus) => void>} */
    this.listeners = new Set();
    /** The listeners that last only while their element is in the page (`subscribeWhile`). */
    /** @type {Map<(status: ScorerStatus) => void, Node>} */
    this.owners = new Map();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.stallTimer = undefined;
    /** @type {Array<{resolve: (value?: unknown) => void, reject: (error: Error) => void}>} */
    this.waiting = [];
    /** Files that arrived damaged in an earlier worker (see protocol.mjs). */
    /** @type {Set<string>} */
    this.reload = new Set();
    this.start();
  }

  /** Whether this browser can run the scorer at all. */
  static supported() {
    return typeof Worker === "function" && typeof WebAssembly === "object";
  }

  /** Start loading, or after a failure try again (keeping what the worker already has). */
  start() {
    const status = this.status;
    if (status.state === "ready") return;
    if (status.state === "failed" && status.kind === "unsupported") return;
    if (!Scorer.supported()) {
      this.fail("unsupported");
      return;
    }
    if (status.state === "failed" && status.kind === "damaged" && this.worker) {
      if (status.file) this.reload.add(status.file);
      this.worker.terminate();
      this.worker = null;
    }
    this.setStatus({ state: "loading", received: 0, total: 0, starting: false });
    this.armStallTimer();
    if (this.worker) {
      this.worker.postMessage({ type: "load" });
      return;
    }
    try {
      /** @type {WorkerOptions} */
      const options = { type: "module", name: workerName(pageLanguage(), [...this.reload]) };
      const worker = new Worker(new URL("./quiz-worker.mjs", import.meta.url), options);
      worker.onmessage = (/** @type {MessageEvent<WorkerMessage>} */ event) =>
        this.onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        if (this.worker === worker) this.worker = null;
        this.fail("worker");
      };
      this.worker = worker;
      // Queued until the worker runs, so it never misses it (see `forgetSnapshots`).
      if (forgotten) worker.postMessage({ type: "forget" });
    } catch {
      this.fail("unsupported");
    }
  }

  /**
   * Subscribe to status changes; the listener is called at once with the current status.
   *
   * @param {(status: ScorerStatus) => void} listener
   * @returns {() => void} unsubscribe
   */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /**
   * Subscribe for as long as `node` is in the document. Instant navigation replaces a page's
   * elements without telling anyone: a listener whose element has left is dropped at the next
   * status change, or when another one subscribes, so pages visited again and again do not pile
   * up listeners (and keep their old elements alive).
   *
   * @param {Node} node
   * @param {(status: ScorerStatus) => void} listener
   * @returns {() => void} unsubscribe
   */
  subscribeWhile(node, listener) {
    for (const [old, owner] of this.owners) {
      if (!owner.isConnected) this.drop(old);
    }
    /** @param {ScorerStatus} status */
    const wrapped = (status) => {
      if (node.isConnected) listener(status);
      else this.drop(wrapped);
    };
    this.owners.set(wrapped, node);
    this.subscribe(wrapped);
    return () => this.drop(wrapped);
  }

  /** @param {(status: ScorerStatus) => void} listener */
  drop(listener) {
    this.listeners.delete(listener);
    this.owners.delete(listener);
  }

  /** Resolves once the scorer is ready; rejects with a ScorerError if loading fails. */
  ready() {
    const status = this.status;
    if (status.state === "ready") return Promise.resolve();
    if (status.state === "failed")
      return Promise.reject(new ScorerError(status.kind, status.error));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /**
   * Send a request and resolve with the worker's reply ({ok, result} or {ok: false, error}),
   * typed by the request's type (protocol.mjs `Requests`). Rejects with a ScorerError if the
   * scorer cannot load.
   *
   * @template {RequestType} T
   * @param {T} type
   * @param {Fields<T>} fields
   * @returns {Promise<ReplyTo<T>>}
   */
  async request(type, fields) {
    const lang = pageLanguage(); // the reply is for this page, in its language (protocol.mjs)
    await this.ready();
    const worker = this.worker;
    if (!worker) throw new ScorerError("worker", failureSentence("stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The worker answers with the request's id: the reply to this very request.
      const answered = (/** @type {Reply} */ reply) => resolve(/** @type {ReplyTo<T>} */ (reply));
      this.pending.set(id, { resolve: answered, reject });
      worker.postMessage({ ...fields, id, type, lang });
    });
  }

  /** @param {WorkerMessage} message */
  onMessage(message) {
    if ("id" in message) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      // The worker has logged any `detail` to the console; its own failures come as a kind.
      waiter.resolve(
        "kind" in message
          ? { id: message.id, ok: false, error: failureSentence(message.kind) }
          : message,
      );
      return;
    }
    const event = message;
    if (event.type === "ready") {
      clearTimeout(this.stallTimer);
      this.setStatus({ state: "ready", restored: event.restored });
      for (const waiter of this.waiting.splice(0)) waiter.resolve();
      // The scorer has what it needs: now the browser may keep the site for offline use.
      import("../offline/offline.mjs").then(({ keepOffline }) => keepOffline());
    } else if (event.type === "failed") {
      this.fail(event.kind, event.file); // the worker has logged `detail`
    } else if (this.status.state === "loading") {
      this.armStallTimer();
      if (event.type === "progress") {
        this.setStatus({ ...this.status, received: event.received, total: event.total });
      } else if (event.type === "starting") {
        this.setStatus({ ...this.status, starting: true });
      }
    }
  }

  armStallTimer() {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.worker?.postMessage({ type: "abort" });
      this.fail("stalled");
    }, STALL_MS);
  }

  /**
   * @param {FailureKind} kind
   * @param {string} [file] the file that arrived damaged
   */
  fail(kind, file) {
    if (this.status.state !== "loading") return;
    const error = failureSentence(kind, file);
    clearTimeout(this.stallTimer);
    this.setStatus(
      file ? { state: "failed", kind, error, file } : { state: "failed", kind, error },
    );
    const failure = new ScorerError(kind, error);
    for (const waiter of this.waiting.splice(0)) waiter.reject(failure);
    for (const waiter of this.pending.values()) waiter.reject(failure);
    this.pending.clear();
  }

  /** @param {ScorerStatus} status */
  setStatus(status) {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

/**
 * The worker's name: how the page tells it its language (`lang`) and which files arrived
 * damaged in the worker before it (`reload`), as a query string (see protocol.mjs).
 *
 * @param {string} language
 * @param {string[]} reload
 */
export function workerName(language, reload) {
  const fields = new URLSearchParams({ lang: language });
  if (reload.length) fields.set("reload", reload.join(","));
  return fields.toString();
}

/** @type {Scorer | null} */
let shared = null;

/** Where a page says "Forget everything" (forget.mjs) to the pages of this site in other tabs. */
export const FORGET_CHANNEL = storageKey("forget");
let forgotten = false;

/**
 * The reader forgot everything: this tab's scorer, and any it starts later in this visit, keep
 * no start-up snapshot (one still starting would save it afterwards, undoing the forgetting).
 * The page tells its worker in a message, which waits for the worker to run: a broadcast
 * straight to the worker is lost while the worker's modules are still downloading (a copy's
 * test saw the snapshot come back that way on a loaded machine).
 */
export function forgetSnapshots() {
  forgotten = true;
  shared?.worker?.postMessage({ type: "forget" });
}

if (typeof BroadcastChannel === "function") {
  new BroadcastChannel(FORGET_CHANNEL).onmessage = forgetSnapshots;
}

/** The visit's one scorer, created (and so started) on first use. */
export function getScorer() {
  if (!shared) shared = new Scorer();
  return shared;
}
