// @ts-check
// The assessment's scorer: a module Web Worker that runs the `quiz` package under Pyodide, off
// the main thread. It starts loading as soon as it is created. See protocol.mjs for the
// messages; a new kind of request is one more line in `handlers`.

import { LoadError, Loader, OWN_FILES } from "./scorer-loader.mjs";
// scorer-loader.mjs imports it too; named here, the worker fetches both at once instead of one
// after the other (a round trip less before the downloads start).
import { stopSaving } from "./scorer-snapshot.mjs";
import "../shared/site.mjs";

/** @typedef {import("./protocol.mjs").QuizWeb} QuizWeb */
/** @typedef {import("./protocol.mjs").RequestType} RequestType */
/** @typedef {import("./protocol.mjs").Request} Request */
/** @typedef {import("./protocol.mjs").PageMessage} PageMessage */
/** @typedef {import("./protocol.mjs").WorkerMessage} WorkerMessage */

/**
 * @template {RequestType} T
 * @typedef {import("./protocol.mjs").RequestOf<T>} RequestOf
 */
/**
 * @template {RequestType} T
 * @typedef {import("./protocol.mjs").ReplyTo<T>} ReplyTo
 */

/**
 * Each handler calls one function of `quiz.web`, which returns the reply as JSON text.
 *
 * @type {{[T in RequestType]: (web: QuizWeb, request: RequestOf<T>) => string}}
 */
const handlers = {
  score: (web, request) => web.score_json(JSON.stringify({ answers: request.answers })),
  decode: (web, request) => web.decode_json(String(request.code)),
  export: (web, request) =>
    web.export_json(String(request.code), request.plan ? JSON.stringify(request.plan) : ""),
  team: (web, request) => web.team_json(String(request.text)),
  history: (web, request) => web.history_json(JSON.stringify(request.entries)),
  compare: (web, request) => web.compare_json(String(request.previous), String(request.current)),
};

/**
 * The reply to one request, as `quiz.web` wrote it (JSON text: the boundary with Python).
 *
 * @template {RequestType} T
 * @param {QuizWeb} web
 * @param {RequestOf<T>} request
 * @returns {ReplyTo<T>}
 */
function handle(web, request) {
  const handler = handlers[request.type];
  return { ...JSON.parse(handler(web, request)), id: request.id };
}

/** @param {WorkerMessage} message */
const post = (message) => self.postMessage(message);

/** The page's language, and the files the worker before this one found damaged (downloaded
 * afresh): both in the worker's name (see protocol.mjs). */
const named = new URLSearchParams(self.name);
const reload = named.get("reload")?.split(",").filter(Boolean) ?? [];
const loader = new Loader(OWN_FILES, post, reload, named.get("lang") || "en");

function load() {
  loader.load().then(
    () => {}, // the loader has reported "ready"
    (error) => {
      const failure = error instanceof LoadError ? error : new LoadError("python", String(error));
      if (failure.detail) console.warn(`Scorer: ${failure.detail}`);
      post({ type: "failed", kind: failure.kind, detail: failure.detail, file: failure.file });
    },
  );
}

/** @param {Request} request */
async function answer(request) {
  if (!Object.hasOwn(handlers, request.type)) {
    return post({ id: request.id, ok: false, kind: "unknown_request", detail: request.type });
  }
  try {
    const web = await loader.load();
    if (request.lang) await loader.speak(web, request.lang); // the language of the page that asks
    const reply = handle(web, request);
    if (!reply.ok && reply.detail) console.error(reply.detail);
    post(reply);
  } catch (error) {
    if (error instanceof LoadError) {
      post({ id: request.id, ok: false, kind: error.kind, detail: error.detail });
    } else {
      console.error(error); // a Python exception's message holds its traceback
      post({ id: request.id, ok: false, kind: "unexpected", detail: String(error) });
    }
  }
}

/** @param {MessageEvent<PageMessage>} event */
self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "load") {
    // The page may have given up on a load that has finished since: say so again.
    if (loader.ready) post({ type: "ready", restored: loader.restored });
    else load();
  } else if (message.type === "abort") loader.abortDownloads();
  else if (message.type === "forget")
    stopSaving(); // the reader forgot everything
  else answer(message);
};

load();
