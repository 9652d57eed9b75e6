// @ts-check
// The messages between the page (scorer.mjs) and the scorer's module worker (quiz-worker.mjs).
// Types only: nothing here runs, and no page loads this file.
//
// Page -> worker
//   requests  {id, type, ...}: one of the worker's handlers, e.g. {id, type: "score", answers}
//   control   {type: "load"} (start, or retry what failed), {type: "abort"} (stop downloading)
//   A worker started with the name "reload:FILE,FILE" downloads those files afresh (they
//   arrived damaged in the worker before it).
// Worker -> page
//   replies   {id, ok: true, result} | {id, ok: false, error, detail?}
//   events    {type: "progress", received, total}  bytes of the scorer downloaded so far
//             {type: "starting"}                   everything is downloaded; Python starts
//             {type: "ready", restored}           restored: from the saved memory snapshot
//             {type: "failed", kind, error, detail?, file?}  file: the one that arrived damaged
// `error` is a short sentence for the reader; `detail` (a Python traceback or the failed
// request) is for the console only.

/**
 * @typedef {"network" | "stalled" | "damaged" | "unsupported" | "python" | "worker"} FailureKind
 *
 * @typedef {{id: number, type: string, [field: string]: unknown}} Request
 * @typedef {{type: "load"} | {type: "abort"}} Control
 *
 * @typedef {{id: number, ok: true, result: any}} OkReply
 * @typedef {{id: number, ok: false, error: string, detail?: string}} ErrorReply
 * @typedef {OkReply | ErrorReply} Reply
 *
 * @typedef {{type: "progress", received: number, total: number}} ProgressEvent
 * @typedef {{type: "starting"}} StartingEvent
 * @typedef {{type: "ready", restored: boolean}} ReadyEvent
 * @typedef {{type: "failed", kind: FailureKind, error: string, detail?: string, file?: string}}
 *   FailedEvent
 * @typedef {ProgressEvent | StartingEvent | ReadyEvent | FailedEvent} LoadEvent
 */

export {};
