// @ts-check
// The progress page (assessment/history/): the results saved in this browser (saved.mjs), each
// a link that opens it, the level over time in each area, deleting, and export and import as
// a JSON file, which carries the plan's owners and due dates too. The levels come from the scorer (`quiz.progress.history`, the worker's "history"
// request); this module keeps the list and places what the scorer says.

import { ScorerError } from "../scorer/scorer.mjs";
import { chartBox, timeCharts } from "../shared/charts.mjs";
import { button, el, headRow, link } from "../shared/dom.mjs";
import { readText, saveFile } from "../shared/files.mjs";
import { counted, countedNodes, formatDate, message, messageNodes } from "../shared/messages.mjs";
import { resultUrl } from "../shared/result-text.mjs";
import {
  checkStorage,
  clearHistory,
  deleteEntry,
  HISTORY_KEY,
  historyFile,
  loadHistory,
  loadPlan,
  MAX_ENTRIES,
  mergeHistory,
  mergePlan,
  readHistoryFile,
  saveHistory,
  savePlan,
  storageProblem,
} from "../shared/saved.mjs";
import { scorerStatusNodes } from "../shared/status.mjs";
import { forgetEverything, kept } from "./forget.mjs";

/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../shared/saved.mjs").Entry} Entry */

/** @typedef {import("../scorer/protocol.mjs").ReadEntry} ReadEntry */
/** @typedef {import("../scorer/protocol.mjs").BadEntry} BadEntry */
/** @typedef {import("../scorer/protocol.mjs").History} History */

/**
 * @param {ReadEntry | BadEntry} entry
 * @returns {entry is BadEntry}
 */
const unreadable = (entry) => "error" in entry;

/** @param {number} count */
const results = (count) => counted("history_results", count);

/**
 * The entries as they are shown, each with how many identical ones (same code and date) come
 * before it, so that Delete removes that very entry whatever another tab did meanwhile.
 *
 * @param {{code: string, date: string}[]} entries
 */
function occurrences(entries) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  return entries.map((entry) => {
    const key = `${entry.date} ${entry.code}`;
    const count = seen.get(key) || 0;
    seen.set(key, count + 1);
    return count;
  });
}

/**
 * Wire up the progress page. Safe to call again for the same element (it does nothing).
 *
 * @param {HTMLElement} root #ex-history
 * @param {Scorer} scorer
 */
export function init(root, scorer) {
  if (root.dataset.ready) return;
  root.dataset.ready = "true";
  new ProgressPage(root, scorer).start();
}

/** The progress page's parts and what they do; one per page (`init`). */
class ProgressPage {
  /**
   * @param {HTMLElement} root #ex-history
   * @param {Scorer} scorer
   */
  constructor(root, scorer) {
    this.root = root;
    this.scorer = scorer;
    this.storage = el("p", { className: "ex-status__error ex-history__storage" });
    this.scorerPart = el("div", { className: "ex-status__scorer" });
    this.message = el("div", { className: "ex-status__message", role: "status" });
    this.list = el("div", { className: "ex-history__results" });
    this.chart = el("div", { className: "ex-history__chart" });
    this.confirm = el("div", { className: "ex-history__confirm" });
    this.importer = el("input", {
      type: "file",
      id: "ex-history-import",
      accept: ".json,application/json",
    });
    this.deleteButton = button(message("history_delete_all"), () => this.deleteAll());
    this.forgetButton = button(message("history_forget"), () => this.forget());
    this.forgetConfirm = el("div", { className: "ex-history__confirm" });
    /** Counts the renderings, so that only the latest one shows what the scorer says. */
    this.generation = 0;
    /**
     * Where keyboard focus goes once the list is shown again after a delete: the Delete button
     * now at that place in the list (the one after the deleted result), else the heading.
     *
     * @type {number | null}
     */
    this.focusAt = null;
    this.retry = () => {
      scorer.start();
      this.render();
    };
  }

  /** @param {Node[]} nodes */
  say(nodes) {
    this.message.replaceChildren(...nodes);
  }

  /** @param {string} text @param {boolean} [error] */
  sayText(text, error = false) {
    this.say([el("p", { className: error ? "ex-status__error" : null, text })]);
  }

  heading() {
    return el("h2", { id: "ex-history-title", tabindex: "-1", text: message("history_title") });
  }

  placeFocus() {
    if (this.focusAt === null) return;
    const buttons = this.list.querySelectorAll(".ex-history__delete");
    const target =
      buttons[Math.min(this.focusAt, buttons.length - 1)] || this.list.querySelector("h2");
    this.focusAt = null;
    if (target instanceof HTMLElement) target.focus();
  }

  /** Lay the page out, keep it up to date, and show the saved results. */
  start() {
    const { root, scorer } = this;
    /** Another tab or window changed the saved results: show them as they are now. */
    const onStorage = (/** @type {StorageEvent} */ event) => {
      if (!root.isConnected) {
        window.removeEventListener("storage", onStorage);
        return;
      }
      if (event.key === null || event.key === HISTORY_KEY) this.render();
    };
    window.addEventListener("storage", onStorage);
    this.importer.addEventListener("change", () => this.importFile());
    scorer.subscribeWhile(root, (state) => {
      this.scorerPart.replaceChildren(
        ...(state.state === "ready" ? [] : scorerStatusNodes(state, this.retry)),
      );
    });
    root.replaceChildren(...this.layout());
    this.importer.setAttribute("aria-describedby", "ex-history-import-hint");
    this.render();
  }

  /** The page's parts, in order. */
  layout() {
    return [
      this.storage,
      el("div", { className: "ex-status" }, this.scorerPart, this.message),
      this.list,
      this.chart,
      el("h2", { text: message("history_keep_title") }),
      el(
        "div",
        { className: "ex-result__actions" },
        button(message("history_download"), () => this.download()),
        this.deleteButton,
      ),
      this.confirm,
      el(
        "div",
        { className: "ex-field ex-history__import" },
        el("label", { for: "ex-history-import", text: message("history_import") }),
        el("p", {
          className: "ex-field__hint",
          id: "ex-history-import-hint",
          text: message("history_import_hint"),
        }),
        this.importer,
      ),
      el("h2", { id: "ex-history-kept", text: message("history_kept_title") }),
      el("p", { text: message("history_kept", { items: kept() }) }),
      el("div", { className: "ex-result__actions" }, this.forgetButton),
      this.forgetConfirm,
    ];
  }

  /** Show the saved results as they are now, read by the scorer. */
  async render() {
    const { list, scorer } = this;
    const mine = ++this.generation;
    const entries = loadHistory();
    checkStorage(); // storage that reads but will not write (full) is a problem too
    const problem = storageProblem();
    this.storage.textContent = problem || "";
    this.storage.hidden = !problem;
    if (this.confirm.contains(document.activeElement)) this.deleteButton.focus();
    this.confirm.replaceChildren();
    if (!entries.length) {
      this.showNone(problem);
      return;
    }
    list.replaceChildren(
      this.heading(),
      el("p", { text: message("history_reading", { results: results(entries.length) }) }),
    );
    // The list and charts' place while the scorer reads them (assessment.css).
    list.classList.add("ex-history__results--reading");
    try {
      const reply = await scorer.request("history", { entries });
      if (mine !== this.generation || !this.root.isConnected) return;
      list.classList.remove("ex-history__results--reading");
      if (!reply.ok) {
        list.replaceChildren(el("h2", { text: message("history_title") }));
        this.sayText(reply.error, true);
        return;
      }
      this.show(entries, reply.result);
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      if (mine !== this.generation) return;
      list.classList.remove("ex-history__results--reading");
      this.say(scorerStatusNodes(scorer.status, this.retry));
    }
  }

  /** @param {string | null} problem why storage does not work, if it does not */
  showNone(problem) {
    this.list.classList.remove("ex-history__results--reading");
    this.list.replaceChildren(
      this.heading(),
      problem
        ? el("p", {
            text: message("history_none_no_storage"),
          })
        : el(
            "p",
            {},
            ...messageNodes("history_none", {
              link: link("assessment/index.md", message("take_assessment")),
            }),
          ),
    );
    this.chart.replaceChildren();
    this.placeFocus();
  }

  /**
   * @param {Entry[]} entries
   * @param {History} history
   */
  show(entries, history) {
    const nth = occurrences(history.entries);
    const items = history.entries.map((entry, index) => this.item(entry, index, nth[index]));
    this.list.replaceChildren(
      this.heading(),
      el("p", {
        text: message("history_list_intro", { results: results(entries.length) }),
      }),
      el("ol", { className: "ex-history__list" }, items),
    );
    this.chart.replaceChildren(...overTime(history));
    this.placeFocus();
  }

  /**
   * One saved result in the list, with its Delete button.
   *
   * @param {ReadEntry | BadEntry} entry
   * @param {number} index
   * @param {number} nth how many identical entries come before it
   */
  item(entry, index, nth) {
    const date = formatDate(entry.date);
    const remove = el("button", {
      type: "button",
      className: "md-button ex-history__delete",
      text: message("history_delete"),
      "aria-label": message("history_delete_label", { number: index + 1, date }),
      onclick: () => {
        const deleted = deleteEntry({ code: entry.code, date: entry.date }, nth);
        this.sayText(
          deleted
            ? message("history_deleted", { date })
            : message("history_already_deleted", { date }),
        );
        this.focusAt = index;
        this.render();
      },
    });
    if (unreadable(entry)) {
      return el(
        "li",
        {},
        el("span", {
          text: message("history_entry_unreadable", { date, error: entry.error }),
        }),
        " ",
        remove,
      );
    }
    const legacy = entry.legacy ? [" ", message("history_legacy")] : "";
    if (entry.level === null) {
      // Only a result with a level has a page that shows it.
      return el(
        "li",
        {},
        el("span", {
          text: message("history_entry_no_level", { date }),
        }),
        legacy,
        " ",
        remove,
      );
    }
    return el(
      "li",
      {},
      el("a", {
        href: resultUrl(entry).href,
        text: message("history_entry", {
          date,
          statement: entry.level_statement ?? "",
        }),
      }),
      legacy,
      " ",
      remove,
    );
  }

  download() {
    const saved = loadHistory();
    if (!saved.length) {
      // An empty file would only be refused by "Import a history file".
      this.sayText(message("history_nothing_to_download"));
      return;
    }
    const file = historyFile(saved);
    saveFile(file);
    this.sayText(message("downloaded", { file: file.filename }));
  }

  deleteAll() {
    const count = loadHistory().length;
    if (!count) {
      this.sayText(message("history_nothing_to_delete"));
      return;
    }
    const yes = button(counted("history_delete_yes", count), () => {
      clearHistory();
      this.sayText(message("history_deleted_all"));
      this.focusAt = 0;
      this.render();
    });
    const question = counted("history_delete_question", count);
    ask(this.confirm, question, yes, this.deleteButton);
  }

  forget() {
    const yes = button(message("history_forget_yes"), async () => {
      const reached = await forgetEverything();
      this.sayText(reached ? message("history_forgotten") : message("history_forgotten_partly"));
      this.focusAt = 0;
      this.render();
    });
    const question = message("history_forget_question");
    ask(this.forgetConfirm, question, yes, this.forgetButton);
  }

  /** Import the history file the reader picked, once the scorer has read every result in it. */
  async importFile() {
    const importer = this.importer;
    const file = importer.files?.[0];
    if (!file) return;
    importer.value = "";
    let text;
    try {
      text = await readText(file);
    } catch (error) {
      const error_ = error instanceof Error ? error.message : String(error);
      this.sayText(message("history_unchanged", { error: error_ }), true);
      return;
    }
    const parsed = readHistoryFile(text);
    if ("error" in parsed) {
      this.sayText(message("history_unchanged", { error: parsed.error }), true);
      return;
    }
    if (!(await this.readable(parsed.entries))) return;
    const { entries, added, dropped } = mergeHistory(loadHistory(), parsed.entries);
    saveHistory(entries);
    const steps = mergePlan(loadPlan(), parsed.plan);
    if (steps.added || Object.keys(steps.plan.areas).length) savePlan(steps.plan);
    this.sayImported(file.name, added, dropped, steps);
    this.render();
  }

  /**
   * Whether the scorer reads every result of an imported file; if not, says why.
   *
   * @param {Entry[]} entries
   */
  async readable(entries) {
    try {
      const reply = await this.scorer.request("history", { entries });
      if (!reply.ok) {
        this.sayText(message("history_unchanged", { error: reply.error }), true);
        return false;
      }
      const checked = reply.result;
      const bad = checked.entries.findIndex(unreadable);
      if (bad >= 0) {
        const entry = /** @type {BadEntry} */ (checked.entries[bad]);
        this.sayText(
          message("history_import_bad_entry", { number: bad + 1, error: entry.error }),
          true,
        );
        return false;
      }
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      this.sayText(message("history_import_waiting", { error: error.message }), true);
      return false;
    }
    return true;
  }

  /**
   * Say what an import added.
   *
   * @param {string} fileName
   * @param {number} added
   * @param {number} dropped
   * @param {{added: number, kept: number}} steps the plan's steps added and kept
   */
  sayImported(fileName, added, dropped, steps) {
    // The file's name as the reader's system gave it, isolated: a name written right to left
    // (or holding a direction mark) cannot turn the rest of the sentence around.
    const name = el("bdi", { text: fileName });
    const imported = added
      ? countedNodes("history_imported", added, { file: name })
      : messageNodes(dropped ? "history_none_added" : "history_all_there", { file: name });
    const capped = dropped
      ? [" ", ...countedNodes("history_capped", dropped, { most: MAX_ENTRIES })]
      : null;
    const planned = [
      ...(steps.added ? [" ", ...messageNodes("history_plan_added", { count: steps.added })] : []),
      ...(steps.kept ? [" ", ...messageNodes("history_plan_kept", { count: steps.kept })] : []),
    ];
    this.say([
      el("p", { className: dropped > 0 ? "ex-status__error" : null }, imported, capped, planned),
    ]);
  }
}

/**
 * Ask in `box` before something that cannot be undone. The safe choice, Cancel, has the focus
 * (Enter does not delete); it empties the box and gives the focus back to `back`.
 *
 * @param {HTMLElement} box
 * @param {string} question
 * @param {HTMLButtonElement} yes
 * @param {HTMLElement} back the button that asked
 */
function ask(box, question, yes, back) {
  const no = button(message("history_cancel"), () => {
    box.replaceChildren();
    back.focus();
  });
  box.replaceChildren(
    el("p", { text: question }),
    el("div", { className: "ex-result__actions" }, yes, no),
  );
  no.focus();
}

/**
 * The level over time: one small chart per area (the overall level first), and the same
 * numbers as a table.
 *
 * @param {History} history
 * @returns {Node[]}
 */
function overTime(history) {
  const readable = /** @type {ReadEntry[]} */ (history.entries.filter((e) => !unreadable(e)));
  if (!readable.length) return [];
  const labels = readable.map((entry) => formatDate(entry.date, "medium"));
  const series = [
    { label: message("history_overall"), values: readable.map((entry) => entry.level) },
    ...history.dimensions.map((area) => ({
      label: area.name,
      values: readable.map((entry) => entry.dimensions[area.id] ?? null),
    })),
  ];
  const table = el(
    "table",
    { className: "ex-profile ex-chart-table" },
    el("caption", { text: message("history_table_caption") }),
    headRow(
      message("profile_area"),
      ...labels.map((date, index) => message("history_numbered", { number: index + 1, date })),
    ),
    el(
      "tbody",
      {},
      series.map((one) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", text: one.label }),
          one.values.map((value) => el("td", { text: value === null ? "-" : String(value) })),
        ),
      ),
    ),
  );
  return [
    el("h2", { text: message("history_over_time") }),
    el("p", { className: "ex-chart-legend", text: message("history_chart_legend") }),
    chartBox((width) => timeCharts(series, labels, history.levels.count, width)),
    el("div", { className: "ex-chart-data" }, table),
  ];
}
