// @ts-check
// The messages between the page (scorer.mjs) and the scorer's module worker (quiz-worker.mjs),
// and what each reply holds. Types only: nothing here runs, and no page loads this file.
//
// Page -> worker
//   requests  {id, type, lang, ...fields}: one of `Requests` below, e.g.
//             {id, type: "score", lang: "fr", answers}. `lang` is the language of the page that
//             asks (the worker survives instant navigation, which may change the language):
//             the worker switches Python to it first when it differs from the last one.
//   control   {type: "load"} (start, or retry what failed), {type: "abort"} (stop downloading),
//             {type: "forget"} (the reader forgot everything: save no start-up snapshot)
//   The worker's name is a query string (scorer.mjs `workerName`): `lang=fr` is the first
//   page's language, which the worker gives Python once it has started (quiz.web.use_language,
//   before the first request; `en` without it), and `reload=FILE,FILE` names files that
//   arrived damaged in the worker before it, to download afresh.
// Worker -> page
//   replies   {id, ok: true, result} | {id, ok: false, error, detail?}  error: Python's sentence
//             | {id, ok: false, kind, detail?}  the worker's own failure (`WorkerFault`)
//   events    {type: "progress", received, total}  bytes of the scorer downloaded so far
//             {type: "starting"}                   everything is downloaded; Python starts
//             {type: "ready", restored}           restored: from the saved memory snapshot
//             {type: "failed", kind, detail?, file?}  file: the one that arrived damaged
// The worker writes no sentence of its own: it names the kind of failure, and the page says it
// in its language (scorer.mjs `failureSentence`, the catalog's `page.failed_*` messages).
// `error` is Python's sentence for the reader; `detail` (a Python traceback or the failed
// request) is for the console only.
//
// A new request type is one entry in `Requests` (its fields and its result), one handler in
// quiz-worker.mjs (tsc checks it takes those fields), one method of `QuizWeb`, and one request
// in hooks/scorer_flow.py.

/** @typedef {import("../shared/files.mjs").TextFile} TextFile */

// ------------------------------------------------------------------ What the replies hold

/**
 * A result (quiz/report.py `result_to_dict`, and `opened_to_dict` for a result link). Fields
 * marked optional may be missing from older engines. A result with no level (not enough
 * answers, or a link that cannot be read) says why in `reason`.
 *
 * @typedef {{question: string, number: number, text: string, level: number | "na" | null, statement: string, label: string}} AreaAnswer
 * @typedef {{id: string, name: string, level: number | null, guide: string, label?: string, answered?: number, answers?: AreaAnswer[]}} Area
 * @typedef {{
 *   id: string, name: string, level: number, lift: string[], open: string[], guide: string,
 *   guide_label?: string, goal?: string, open_sentence?: string | null, label: string,
 *   unanswered?: boolean, caps?: boolean
 * }} Blocker
 * @typedef {{dimension: string, dimension_name: string, questions: string[], levels: number[], statements: string[], sentence: string}} Contrast
 * @typedef {{
 *   level: number | null, level_name: string | null, summary: string | null, reason: string | null,
 *   code: string, page: string, why?: string | null, next_level: number | null,
 *   level_statement?: string, possible_level?: number | null, open_questions?: number,
 *   profile: Area[], blockers: Blocker[], weakest: Area[], plan_areas: string[],
 *   focus_areas: string[],
 *   themes: {id: string, title: string, anchor: string}[], contrasts?: Contrast[],
 *   legacy?: {version: number, message: string} | null,
 * }} Result
 */

/**
 * One item of the plan as the scorer takes it for the downloads (quiz/plan.py), and the files
 * it makes (quiz/web.py `export_json`): `plan_csv` comes only with a plan.
 *
 * @typedef {{dimension: string, guide: string, steps: {step: string, owner: string, due: string}[]}} PlanItem
 * @typedef {{json: TextFile, csv: TextFile, plan_csv: TextFile}} ExportFiles
 */

/**
 * The change per area between two results (quiz/progress.py `compare`).
 *
 * @typedef {{id: string, name: string, before: number | null, after: number | null,
 *   change: number | null, sentence: string}} Change
 * @typedef {{comparable: boolean, note: string | null,
 *   level: {before: number | null, after: number | null}, dimensions: Change[]}} Comparison
 */

/**
 * The levels of the results saved in this browser (quiz/progress.py `history`).
 *
 * @typedef {import("../shared/saved.mjs").Entry} SavedEntry  a result saved here: code and date
 * @typedef {{code: string, date: string, level: number | null, possible_level: number | null,
 *   level_statement: string | null, page: string, legacy: boolean,
 *   dimensions: Record<string, number | null>}} ReadEntry
 * @typedef {{code: string, date: string, error: string}} BadEntry
 * @typedef {{dimensions: {id: string, name: string}[], levels: {count: number, names: string[]},
 *   entries: (ReadEntry | BadEntry)[]}} History
 */

/**
 * A team comparison (quiz/team_report.py `team_report`, built on the team engine quiz/team.py
 * that `python -m quiz team` prints too).
 *
 * @typedef {{line: number, name: string, code: string, legacy: boolean, level: number | null,
 *   possible_level: number | null, level_statement: string | null,
 *   dimensions: Record<string, number | null>}} Member
 * @typedef {{line: number, text: string, reason: string}} InvalidLine
 * @typedef {{member: number, name: string, level: number}} DotPoint
 * @typedef {{id: string, name: string, count: number, median: number | null,
 *   mean: number | null, spread: number | null, min: number | null, max: number | null,
 *   levels: (number | null)[], low: number | null, high: number | null,
 *   points: DotPoint[]}} TeamArea
 * @typedef {{member: number, name: string, level: number | null, statement: string}} Answer
 * @typedef {{question: string, number: number, text: string, title: string, range: number,
 *   sentence: string, answers: Answer[]}} DisagreementQuestion
 * @typedef {TeamArea & {sentence: string, questions: DisagreementQuestion[]}} Disagreement
 * @typedef {{id: string, title: string, anchor: string, why: string}} Theme
 * @typedef {{start: number, minutes: number, title: string, detail: string,
 *   link: string | null}} AgendaItem
 * @typedef {{title: string, minutes: number, items: AgendaItem[]}} Agenda
 * @typedef {{members: Member[], invalid: InvalidLine[], repeated: string[], level: number | null,
 *   possible_level: number | null, level_statement: string, level_basis: string,
 *   dimensions: TeamArea[], disagreements: Disagreement[], disagreement_notes: string[],
 *   themes: Theme[], agenda: Agenda, csv: TextFile, fragment: string}} Team
 */

// ------------------------------------------------------------------ Requests and replies

/**
 * Each request type: the fields the page sends, and the result of a reply that is `ok`.
 *
 * @typedef {{
 *   score: {fields: {answers: Record<string, number | null | "na">}, result: Result},
 *   decode: {fields: {code: string}, result: Result},
 *   export: {fields: {code: string, plan: PlanItem[] | null}, result: ExportFiles},
 *   team: {fields: {text: string}, result: Team},
 *   history: {fields: {entries: SavedEntry[]}, result: History},
 *   compare: {fields: {previous: string, current: string}, result: Comparison},
 * }} Requests
 * @typedef {keyof Requests} RequestType
 */

/**
 * @template {RequestType} T
 * @typedef {Requests[T]["fields"]} Fields
 */

/**
 * One request as the worker receives it.
 *
 * @template {RequestType} T
 * @typedef {{id: number, type: T, lang?: string} & Fields<T>} RequestOf
 */

/** @typedef {{[T in RequestType]: RequestOf<T>}[RequestType]} Request */
/** @typedef {{type: "load"} | {type: "abort"} | {type: "forget"}} Control */
/** @typedef {Request | Control} PageMessage  what the page posts to the worker */

/**
 * @template R
 * @typedef {{id: number, ok: true, result: R}} OkReply
 */
/** @typedef {{id: number, ok: false, error: string, detail?: string}} ErrorReply */
/**
 * A failure of the worker's own, not Python's answer: the page writes its sentence.
 *
 * @typedef {FailureKind | "unexpected" | "unknown_request"} WorkerFault
 * @typedef {{id: number, ok: false, kind: WorkerFault, detail?: string}} FaultReply
 */

/**
 * The reply to a request of type T (of each type in T, where T is a union).
 *
 * @template {RequestType} T
 * @typedef {T extends RequestType ? OkReply<Requests[T]["result"]> | ErrorReply : never} ReplyTo
 */

/** @typedef {ReplyTo<RequestType>} Reply  a reply to any request, as the page reads it */

/**
 * @typedef {{type: "progress", received: number, total: number}} ProgressEvent
 * @typedef {{type: "starting"}} StartingEvent
 * @typedef {{type: "ready", restored: boolean}} ReadyEvent
 * @typedef {"network" | "stalled" | "damaged" | "unsupported" | "python" | "language"
 *   | "worker"} FailureKind  language: Python refused the page's language (use_language)
 * @typedef {{type: "failed", kind: FailureKind, detail?: string, file?: string}} FailedEvent
 * @typedef {ProgressEvent | StartingEvent | ReadyEvent | FailedEvent} LoadEvent
 * @typedef {Reply | FaultReply | LoadEvent} WorkerMessage  what the worker posts to the page
 */

/**
 * The `quiz.web` module as the worker calls it (a Pyodide proxy): each function takes text
 * and returns the reply as JSON text, `{ok: true, result} | {ok: false, error, detail?}`.
 *
 * @typedef {{
 *   warm_up(): void,
 *   use_language(lang: string): string,
 *   score_json(answers: string): string,
 *   decode_json(code: string): string,
 *   export_json(code: string, plan: string): string,
 *   team_json(text: string): string,
 *   history_json(entries: string): string,
 *   compare_json(previous: string, current: string): string,
 * }} QuizWeb
 */

export {};
