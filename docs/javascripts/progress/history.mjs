// @ts-check
// The progress page (assessment/history/): the results saved in this browser (saved.mjs), each
// a link that opens it, the level over time in each area, deleting, and export and import as
// a JSON file, which carries the plan's owners and due dates too. The levels come from the scorer (`quiz.progress.history`, the worker's "history"
// request); this module keeps the list and places what the scorer says.

import { ScorerError } from "../scorer/scorer.mjs";
import { chartBox, timeCharts } from "../shared/charts.mjs";
import { button, el, headRow, link, pageUrl } from "../shared/dom.mjs";
import { readText, saveFile } from "../shared/files.mjs";
import { messageNodes } from "../shared/messages.mjs";
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
import { forgetEverything, KEPT } from "./forget.mjs";

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
const results = (count) => (count === 1 ? "1 result" : `${count} results`);

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
  const storage = el("p", { className: "ex-status__error ex-history__storage" });
  const scorerPart = el("div", { className: "ex-status__scorer" });
  const message = el("div", { className: "ex-status__message", role: "status" });
  const list = el("div", { className: "ex-history__results" });
  const chart = el("div", { className: "ex-history__chart" });
  const confirm = el("div", { className: "ex-history__confirm" });
  const importer = el("input", {
    type: "file",
    id: "ex-history-import",
    accept: ".json,application/json",
  });
  /** @param {Node[]} nodes */
  const say = (nodes) => message.replaceChildren(...nodes);
  /** @param {string} text @param {boolean} [error] */
  const sayText = (text, error = false) =>
    say([el("p", { className: error ? "ex-status__error" : null, text })]);

  let generation = 0;
  const retry = () => {
    scorer.start();
    render();
  };

  /**
   * Where keyboard focus goes once the list is shown again after a delete: the Delete button
   * now at that place in the list (the one after the deleted result), else the heading.
   *
   * @type {number | null}
   */
  let focusAt = null;
  const heading = () => el("h2", { id: "ex-history-title", tabindex: "-1", text: "Saved results" });
  const placeFocus = () => {
    if (focusAt === null) return;
    const buttons = list.querySelectorAll(".ex-history__delete");
    const target = buttons[Math.min(focusAt, buttons.length - 1)] || list.querySelector("h2");
    focusAt = null;
    if (target instanceof HTMLElement) target.focus();
  };

  async function render() {
    const mine = ++generation;
    const entries = loadHistory();
    checkStorage(); // storage that reads but will not write (full) is a problem too
    const problem = storageProblem();
    storage.textContent = problem || "";
    storage.hidden = !problem;
    if (confirm.contains(document.activeElement)) deleteButton.focus();
    confirm.replaceChildren();
    if (!entries.length) {
      list.classList.remove("ex-history__results--reading");
      list.replaceChildren(
        heading(),
        problem
          ? el("p", {
              text: "No results are saved in this browser, and it cannot save new ones now: see the message above. Your next result will show what changed only if storage works again.",
            })
          : el(
              "p",
              {},
              "No results are saved in this browser yet. ",
              link("assessment/index.md", "Take the assessment"),
              " and your result will appear here.",
            ),
      );
      chart.replaceChildren();
      placeFocus();
      return;
    }
    list.replaceChildren(
      heading(),
      el("p", { text: `${results(entries.length)} saved in this browser. Reading them…` }),
    );
    // The list and charts' place while the scorer reads them (assessment.css).
    list.classList.add("ex-history__results--reading");
    try {
      const reply = await scorer.request("history", { entries });
      if (mine !== generation || !root.isConnected) return;
      list.classList.remove("ex-history__results--reading");
      if (!reply.ok) {
        list.replaceChildren(el("h2", { text: "Saved results" }));
        sayText(reply.error, true);
        return;
      }
      show(entries, reply.result);
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      if (mine !== generation) return;
      list.classList.remove("ex-history__results--reading");
      say(scorerStatusNodes(scorer.status, retry));
    }
  }

  /**
   * @param {Entry[]} entries
   * @param {History} history
   */
  function show(entries, history) {
    const nth = occurrences(history.entries);
    const items = history.entries.map((entry, index) => {
      const remove = el("button", {
        type: "button",
        className: "md-button ex-history__delete",
        text: "Delete",
        "aria-label": `Delete result ${index + 1} (${entry.date})`,
        onclick: () => {
          const deleted = deleteEntry({ code: entry.code, date: entry.date }, nth[index]);
          sayText(
            deleted
              ? `Deleted the result of ${entry.date}.`
              : `The result of ${entry.date} had already been deleted (in another tab or window).`,
          );
          focusAt = index;
          render();
        },
      });
      if (unreadable(entry)) {
        return el(
          "li",
          {},
          el("span", { text: `${entry.date}: this result could not be read. ${entry.error}` }),
          " ",
          remove,
        );
      }
      const legacy = entry.legacy ? " (made with an earlier version of the assessment)" : "";
      if (entry.level === null) {
        // Only a result with a level has a page that shows it.
        return el(
          "li",
          {},
          el("span", {
            text: `${entry.date}: no level (too few answers), so there is no result page to open.`,
          }),
          legacy,
          " ",
          remove,
        );
      }
      const url = pageUrl(entry.page);
      url.hash = `result=${entry.code}`;
      return el(
        "li",
        {},
        el("a", { href: url.href, text: `${entry.date}: ${entry.level_statement}` }),
        legacy,
        " ",
        remove,
      );
    });
    list.replaceChildren(
      heading(),
      el("p", {
        text: `${results(entries.length)} saved in this browser, oldest first. Each link opens the result.`,
      }),
      el("ol", { className: "ex-history__list" }, items),
    );
    chart.replaceChildren(...overTime(history));
    placeFocus();
  }

  const deleteAll = () => {
    const count = loadHistory().length;
    if (!count) {
      sayText("There are no saved results to delete.");
      return;
    }
    const all = count === 1 ? "the 1 result" : `all ${results(count)}`;
    const yes = button(`Yes, delete ${all}`, () => {
      clearHistory();
      sayText("Deleted every saved result.");
      focusAt = 0;
      render();
    });
    const no = button("Cancel", () => {
      confirm.replaceChildren();
      deleteButton.focus();
    });
    confirm.replaceChildren(
      el("p", {
        text: `Delete ${all} saved in this browser? This cannot be undone.`,
      }),
      el("div", { className: "ex-result__actions" }, yes, no),
    );
    no.focus(); // the safe choice first: Enter does not delete
  };
  const deleteButton = button("Delete all saved results", deleteAll);

  const forget = () => {
    const yes = button("Yes, forget everything", async () => {
      const reached = await forgetEverything();
      sayText(
        reached
          ? "Everything this site kept in this browser is gone."
          : "What could be reached is gone; this browser is not letting the page use its storage.",
      );
      focusAt = 0;
      render();
    });
    const no = button("Cancel", () => {
      forgetConfirm.replaceChildren();
      forgetButton.focus();
    });
    forgetConfirm.replaceChildren(
      el("p", {
        text: "Forget your answers, results, plan, checklist ticks and settings on this site? This cannot be undone.",
      }),
      el("div", { className: "ex-result__actions" }, yes, no),
    );
    no.focus(); // the safe choice first
  };
  const forgetButton = button("Forget everything", forget);
  const forgetConfirm = el("div", { className: "ex-history__confirm" });

  importer.addEventListener("change", async () => {
    const file = importer.files?.[0];
    if (!file) return;
    importer.value = "";
    let text;
    try {
      text = await readText(file);
    } catch (error) {
      sayText(
        `${error instanceof Error ? error.message : String(error)} Nothing was changed.`,
        true,
      );
      return;
    }
    const parsed = readHistoryFile(text);
    if ("error" in parsed) {
      sayText(`${parsed.error} Nothing was changed.`, true);
      return;
    }
    try {
      const reply = await scorer.request("history", { entries: parsed.entries });
      if (!reply.ok) {
        sayText(`${reply.error} Nothing was changed.`, true);
        return;
      }
      /** @type {History} */
      const checked = reply.result;
      const bad = checked.entries.findIndex(unreadable);
      if (bad >= 0) {
        const entry = /** @type {BadEntry} */ (checked.entries[bad]);
        sayText(
          `Result ${bad + 1} in this file could not be read: ${entry.error} Nothing was changed.`,
          true,
        );
        return;
      }
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      sayText(`${error.message} The file can be imported once the scorer has loaded.`, true);
      return;
    }
    const { entries, added, dropped } = mergeHistory(loadHistory(), parsed.entries);
    saveHistory(entries);
    const steps = mergePlan(loadPlan(), parsed.plan);
    if (steps.added || Object.keys(steps.plan.areas).length) savePlan(steps.plan);
    // The file's name as the reader's system gave it, isolated: a name written right to left
    // (or holding a direction mark) cannot turn the rest of the sentence around.
    const name = el("bdi", { text: file.name });
    const imported = added
      ? [`Imported ${results(added)} from `, name, "."]
      : dropped
        ? ["No result from ", name, " was added."]
        : ["Every result in ", name, " was already saved here."];
    const capped = dropped
      ? ` This browser keeps at most ${MAX_ENTRIES} results, so the ${results(dropped)} with the oldest dates (saved or imported) were not kept.`
      : null;
    const planned = [
      ...(steps.added ? [" ", ...messageNodes("history_plan_added", { count: steps.added })] : []),
      ...(steps.kept ? [" ", ...messageNodes("history_plan_kept", { count: steps.kept })] : []),
    ];
    say([
      el("p", { className: dropped > 0 ? "ex-status__error" : null }, imported, capped, planned),
    ]);
    render();
  });

  /** Another tab or window changed the saved results: show them as they are now. */
  const onStorage = (/** @type {StorageEvent} */ event) => {
    if (!root.isConnected) {
      window.removeEventListener("storage", onStorage);
      return;
    }
    if (event.key === null || event.key === HISTORY_KEY) render();
  };
  window.addEventListener("storage", onStorage);

  scorer.subscribeWhile(root, (state) => {
    scorerPart.replaceChildren(...(state.state === "ready" ? [] : scorerStatusNodes(state, retry)));
  });

  root.replaceChildren(
    storage,
    el("div", { className: "ex-status" }, scorerPart, message),
    list,
    chart,
    el("h2", { text: "Keep, move or delete your results" }),
    el(
      "div",
      { className: "ex-result__actions" },
      button("Download history (JSON)", () => {
        const saved = loadHistory();
        if (!saved.length) {
          // An empty file would only be refused by "Import a history file".
          sayText("There are no saved results to download yet.");
          return;
        }
        const file = historyFile(saved);
        saveFile(file);
        sayText(`Downloaded ${file.filename}.`);
      }),
      deleteButton,
    ),
    confirm,
    el(
      "div",
      { className: "ex-field ex-history__import" },
      el("label", { for: "ex-history-import", text: "Import a history file" }),
      el("p", {
        className: "ex-field__hint",
        id: "ex-history-import-hint",
        text: "A file downloaded from this page, on this or another browser. Its results are added to the ones saved here.",
      }),
      importer,
    ),
    el("h2", { id: "ex-history-kept", text: "What this site keeps in your browser" }),
    el(
      "p",
      {},
      "Only in this browser, never sent anywhere: ",
      KEPT.join("; "),
      ". You can forget all of it at once.",
    ),
    el("div", { className: "ex-result__actions" }, forgetButton),
    forgetConfirm,
  );
  importer.setAttribute("aria-describedby", "ex-history-import-hint");
  render();
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
  const labels = readable.map((entry) => entry.date);
  const series = [
    { label: "Overall level", values: readable.map((entry) => entry.level) },
    ...history.dimensions.map((area) => ({
      label: area.name,
      values: readable.map((entry) => entry.dimensions[area.id] ?? null),
    })),
  ];
  const table = el(
    "table",
    { className: "ex-profile ex-chart-table" },
    el("caption", { text: "Your level in each area, result by result" }),
    headRow("Area", ...labels.map((label, index) => `${index + 1}. ${label}`)),
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
    el("h2", { text: "Your level over time" }),
    el("p", {
      className: "ex-chart-legend",
      text: "One chart per area, the overall level first: each dot is a saved result, oldest on the left; the height is the level.",
    }),
    chartBox((width) => timeCharts(series, labels, history.levels.count, width)),
    el("div", { className: "ex-chart-data" }, table),
  ];
}
