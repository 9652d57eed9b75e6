// @ts-check
// The result panel's sections about the reader's own progress and work (panel.mjs lists them
// in SECTIONS): "Since your last result" (the worker's "compare" request on the results saved
// in this browser), "Your plan" (areas to work on, the level pages' steps for each, an owner
// and a due date per step, saved in this browser) and "Compare with your team".

import { ScorerError } from "../scorer/scorer.mjs";
import { button, el, headRow, link, pageUrl } from "../shared/dom.mjs";
import { printOnly, saveFile } from "../shared/files.mjs";
import { formatDate, formatList, message, messageNodes } from "../shared/messages.mjs";
import { downloadFailure, levelText, resultUrl } from "../shared/result-text.mjs";
import { loadHistory, loadPlan, savePlan, storageProblem } from "../shared/saved.mjs";
import { languageRoot } from "../shared/site.mjs";

/** @typedef {import("../scorer/protocol.mjs").Result} Result */
/** @typedef {import("../scorer/protocol.mjs").Area} Area */
/** @typedef {import("../scorer/protocol.mjs").PlanItem} PlanItem */
/** @typedef {import("./panel.mjs").PanelContext} PanelContext */
/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../shared/saved.mjs").Plan} Plan */
/** @typedef {{title: string, steps: string[]}} StepSection  a level page section's steps */

/** Written at build time by hooks/steps_index.py for each language: each level page section's
 * steps, in the current page's language (`fr/assets/steps.json` on a French page). */
const stepsUrl = () => new URL("assets/steps.json", languageRoot()).href;
export const HISTORY_PAGE = "assessment/history.md";
export const TEAM_PAGE = "assessment/team.md";

// ------------------------------------------------------------------ Since your last result

/** @type {(result: Result, context: PanelContext) => Node | null} */
export const sinceLast = (result, { scorer }) => {
  const entries = loadHistory();
  const problem = storageProblem();
  const warning = problem ? el("p", { className: "ex-result__storage", text: problem }) : null;
  let at = -1;
  entries.forEach((entry, index) => {
    if (entry.code === result.code) at = index;
  });
  if (at < 0 || !scorer) return warning;
  const heading = el("h3", { text: message("since_title") });
  const progress = link(HISTORY_PAGE, message("since_all_results"));
  if (at === 0) {
    if (warning) return warning; // nothing is really saved: no "first result" to speak of
    return el(
      "div",
      { className: "ex-since-section" },
      heading,
      el("p", {}, ...messageNodes("since_first", { link: progress })),
    );
  }
  const previous = entries[at - 1];
  const body = el(
    "div",
    { className: "ex-since", "aria-live": "polite" },
    el("p", { text: message("since_comparing", { date: formatDate(previous.date) }) }),
  );
  scorer.request("compare", { previous: previous.code, current: result.code }).then(
    (reply) => {
      if (!reply.ok) {
        body.replaceChildren(el("p", { text: reply.error }));
        return;
      }
      const comparison = reply.result;
      const { before, after } = comparison.level;
      body.replaceChildren(
        el("p", {
          className: "ex-since__level",
          text: message("since_levels", {
            date: formatDate(previous.date),
            before: levelText(before),
            after: levelText(after),
          }),
        }),
        comparison.note ? el("p", { className: "ex-since__note", text: comparison.note }) : "",
        el(
          "ul",
          { className: "ex-since__areas" },
          comparison.dimensions.map((area) =>
            el("li", {
              className:
                area.change === null || area.change === 0
                  ? "ex-since--same"
                  : area.change > 0
                    ? "ex-since--up"
                    : "ex-since--down",
              text: area.sentence,
            }),
          ),
        ),
        el("p", {}, progress),
      );
    },
    (error) => {
      if (!(error instanceof ScorerError)) throw error;
      body.replaceChildren(el("p", { text: error.message }));
    },
  );
  return el("div", { className: "ex-since-section" }, heading, warning, body);
};

// ------------------------------------------------------------------ Compare with your team

/** @type {(result: Result) => Node} */
export const compareWithTeam = (result) => {
  const url = pageUrl(TEAM_PAGE);
  const line = `${message("team_link_you")}: ${resultUrl(result).href}`;
  url.hash = `team=${encodeURIComponent(line)}`;
  const teamLink = el("a", { href: url.href, text: message("team_compare_link") });
  return el(
    "p",
    { className: "ex-result__team" },
    ...messageNodes("team_compare", { link: teamLink }),
  );
};

// ------------------------------------------------------------------ Your plan

/** The steps fetched for each language, by their file's address. */
/** @type {Map<string, Promise<Record<string, StepSection>>>} */
const stepsIndex = new Map();

/** The level pages' steps in the page's language, fetched once (again after a failure): a
 * reader who changes language by instant navigation gets the new language's. */
export function loadSteps() {
  const url = stepsUrl();
  let steps = stepsIndex.get(url);
  if (!steps) {
    steps = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    steps.catch(() => stepsIndex.delete(url));
    stepsIndex.set(url, steps);
  }
  return steps;
}

/**
 * The areas picked for the plan: the reader's choice for this result, else its blockers,
 * else its weakest areas.
 *
 * @param {Result} result
 * @param {Plan} plan
 * @returns {string[]}
 */
function pickedAreas(result, plan) {
  const saved = plan.areas[result.code];
  if (saved) return saved;
  return result.plan_areas; // the scorer's pick (quiz/report.py, plan_areas)
}

/**
 * @param {Area} area
 * @param {number} index
 */
const legacyKey = (area, index) => `${area.id}|${area.guide}|${index}`;

/**
 * Where a step's owner and due date are kept: by the playbook section and the step, so areas
 * that share a section share one set of fields.
 *
 * @param {string} guide
 * @param {number} index
 */
const stepKey = (guide, index) => `${guide}|${index}`;

/**
 * A step's saved owner and due date (also where an earlier version kept them, per area).
 *
 * @param {Plan} plan
 * @param {Area[]} areas the areas that share the step's section
 * @param {number} index
 */
function savedStep(plan, areas, index) {
  const own = plan.steps[stepKey(areas[0].guide, index)];
  if (own) return own;
  for (const area of areas) {
    const old = plan.steps[legacyKey(area, index)];
    if (old) return old;
  }
  return { owner: "", due: "" };
}

/**
 * The picked areas grouped by the playbook section their steps come from, in profile order:
 * areas that share a section are planned together, not twice.
 *
 * @param {Area[]} areas
 * @returns {Area[][]}
 */
function bySection(areas) {
  /** @type {Map<string, Area[]>} */
  const groups = new Map();
  for (const area of areas) groups.set(area.guide, [...(groups.get(area.guide) || []), area]);
  return [...groups.values()];
}

/**
 * The steps of an area's guide; the guide itself when the index has none.
 *
 * @param {Area} area
 * @param {Record<string, StepSection> | null} index
 * @returns {StepSection}
 */
function stepsFor(area, index) {
  const section = index?.[area.guide];
  if (section?.steps.length) return section;
  const label = /** @type {{guide_label?: string}} */ (area).guide_label || area.guide;
  return {
    title: section?.title || label,
    steps: [message("plan_step_fallback", { guide: label })],
  };
}

/**
 * The plan as the scorer takes it for the downloads, or null when no area is picked.
 *
 * @param {Result} result
 * @returns {Promise<PlanItem[] | null>}
 */
export async function currentPlan(result) {
  const plan = loadPlan();
  const picked = new Set(pickedAreas(result, plan));
  if (!picked.size) return null;
  /** @type {Record<string, StepSection> | null} */
  let index = null;
  try {
    index = await loadSteps();
  } catch {
    // Without the index each area is one step: its guide.
  }
  return result.profile
    .filter((area) => picked.has(area.id))
    .map((area) => ({
      dimension: area.id,
      guide: pageUrl(area.guide).href, // an address a reader of the downloaded file can open
      steps: stepsFor(area, index).steps.map((step, at) => ({
        step,
        owner: savedStep(plan, [area], at).owner || "",
        due: savedStep(plan, [area], at).due || "",
      })),
    }));
}

/**
 * What a field holds, as text for paper: printed in the field's place (assessment.css), where
 * a long owner's name wraps between words instead of being cut off at the field's edge, and an
 * empty date is a blank line to write on, not the browser's "mm/dd/yyyy". Kept up to date as the
 * field changes; hidden from screen readers, which read the field.
 *
 * @param {HTMLInputElement} field
 */
function printed(field) {
  const copy = el("bdi", { className: "ex-plan__printed", "aria-hidden": "true", dir: "auto" });
  const update = () => {
    copy.textContent = field.type === "date" ? formatDate(field.value) : field.value;
  };
  field.addEventListener("input", update);
  field.addEventListener("change", update);
  update();
  return copy;
}

/** @type {(result: Result, context: PanelContext) => Node} */
export const yourPlan = (result, { scorer }) => {
  const section = el("section", { className: "ex-plan", "aria-labelledby": "ex-plan-title" });
  const areasBox = el("div", { className: "ex-plan__areas" });
  const note = el("p", { className: "ex-result__note", role: "status" });
  /** @type {Say} */
  const say = (text) => {
    note.textContent = text;
  };
  /** Say that storage is not working, unless the panel already does. */
  const notSaved = () => {
    if (!document.querySelector(".ex-result__storage")) say(storageProblem() || "");
  };

  const checkboxes = result.profile.map((area) =>
    el("input", { type: "checkbox", id: `ex-plan-pick-${area.id}`, value: area.id }),
  );
  const picker = planPicker(result, checkboxes);
  const drawAreas = () => drawPlanAreas(result, checkboxes, areasBox, say, notSaved);
  picker.addEventListener("change", () => {
    const plan = loadPlan();
    plan.areas[result.code] = checkboxes.filter((box) => box.checked).map((box) => box.value);
    if (!savePlan(plan)) notSaved();
    drawAreas();
  });

  section.append(
    el("h3", { id: "ex-plan-title", text: message("plan_title") }),
    el("p", {
      className: "ex-plan__intro",
      text: result.next_level
        ? message("plan_intro_next", { level: result.next_level })
        : message("plan_intro_top"),
    }),
    el("p", {
      className: "ex-plan__for ex-print-only",
      text: message("plan_for", { level: levelText(result.level), link: resultUrl(result).href }),
    }),
    picker,
    areasBox,
    el(
      "div",
      { className: "ex-result__actions" },
      button(message("plan_print"), () => printOnly(section)),
      button(message("plan_download"), () => downloadPlan(result, scorer, say)),
    ),
    note,
  );
  drawAreas();
  return section;
};

/** @typedef {(text: string) => void} Say  puts a sentence in the plan's note */

/**
 * The plan's area checkboxes, one per area of the result.
 *
 * @param {Result} result
 * @param {HTMLInputElement[]} checkboxes
 */
function planPicker(result, checkboxes) {
  return el(
    "fieldset",
    { className: "ex-plan__pick" },
    el("legend", { text: message("plan_pick_legend") }),
    result.profile.map((area, index) =>
      el(
        "div",
        { className: "ex-check" },
        checkboxes[index],
        " ",
        el("label", {
          for: `ex-plan-pick-${area.id}`,
          text: message("plan_area_level", { area: area.name, level: levelText(area.level) }),
        }),
      ),
    ),
  );
}

/**
 * Tick the picked areas and list each one's steps.
 *
 * @param {Result} result
 * @param {HTMLInputElement[]} checkboxes
 * @param {HTMLElement} areasBox
 * @param {Say} say
 * @param {() => void} notSaved
 */
async function drawPlanAreas(result, checkboxes, areasBox, say, notSaved) {
  const plan = loadPlan();
  const picked = new Set(pickedAreas(result, plan));
  for (const box of checkboxes) box.checked = picked.has(box.value);
  /** @type {Record<string, StepSection> | null} */
  let index = null;
  try {
    index = await loadSteps();
  } catch {
    say(message("plan_steps_unloaded"));
  }
  const areas = result.profile.filter((area) => picked.has(area.id));
  if (!areas.length) {
    areasBox.replaceChildren(el("p", { text: message("plan_pick_one") }));
    return;
  }
  areasBox.replaceChildren(
    ...bySection(areas).map((group, groupIndex) => planArea(group, groupIndex, index, notSaved)),
  );
}

/**
 * @param {Area[]} group areas whose steps come from one section of the playbook
 * @param {number} areaIndex
 * @param {Record<string, StepSection> | null} index
 * @param {() => void} notSaved
 */
function planArea(group, areaIndex, index, notSaved) {
  const area = group[0];
  const names = formatList(group.map((member) => member.name));
  const { title, steps } = stepsFor(area, index);
  const plan = loadPlan();
  const rows = steps.map((step, at) => {
    const where = message("plan_where", { number: at + 1, areas: names });
    const [owner, due] = stepFields(group, areaIndex, at, where, plan, notSaved);
    return el(
      "tr",
      {},
      el("th", { scope: "row", text: message("plan_numbered_step", { number: at + 1, step }) }),
      el("td", { "data-label": message("plan_owner") }, owner, printed(owner)),
      el("td", { "data-label": message("plan_due") }, due, printed(due)),
    );
  });
  return el(
    "div",
    { className: "ex-plan__area" },
    el("h4", {
      text: formatList(
        group.map((member) =>
          message("plan_area_level", { area: member.name, level: levelText(member.level) }),
        ),
      ),
    }),
    group.length > 1
      ? el("p", {
          text: message("plan_same_steps"),
        })
      : null,
    el(
      "p",
      { className: "ex-plan__guide" },
      ...messageNodes("plan_from_playbook", { link: link(area.guide, title) }),
    ),
    el(
      "table",
      { className: "ex-plan__steps ex-stack" },
      el("caption", {
        className: "ex-sr-only",
        text: message("plan_steps_caption", { areas: names }),
      }),
      headRow(message("plan_step"), message("plan_owner"), message("plan_due")),
      el("tbody", {}, rows),
    ),
  );
}

/**
 * A step's owner and due date fields, filled in from the plan and saved as they change.
 *
 * @param {Area[]} group the areas that share the step's section
 * @param {number} areaIndex
 * @param {number} at the step's index
 * @param {string} where the step, as the fields' labels name it
 * @param {Plan} plan
 * @param {() => void} notSaved
 * @returns {[HTMLInputElement, HTMLInputElement]}
 */
function stepFields(group, areaIndex, at, where, plan, notSaved) {
  const key = stepKey(group[0].guide, at);
  const saved = savedStep(plan, group, at);
  /** @param {"owner" | "due"} field @param {HTMLInputElement} input */
  const keep = (field, input) => () => {
    const current = loadPlan();
    const fields = savedStep(current, group, at);
    fields[field] = input.value;
    for (const member of group) delete current.steps[legacyKey(member, at)];
    if (fields.owner || fields.due) current.steps[key] = fields;
    else delete current.steps[key];
    if (!savePlan(current)) notSaved();
  };
  const owner = el("input", {
    type: "text",
    id: `ex-plan-${areaIndex}-${at}-owner`,
    autocomplete: "off",
    dir: "auto", // a name written right to left reads as its writer meant
    "aria-label": message("plan_owner_label", { step: where }),
  });
  owner.value = saved.owner;
  owner.addEventListener("input", keep("owner", owner));
  const due = el("input", {
    type: "date",
    id: `ex-plan-${areaIndex}-${at}-due`,
    "aria-label": message("plan_due_label", { step: where }),
  });
  due.value = saved.due;
  due.addEventListener("change", keep("due", due));
  return [owner, due];
}

/**
 * Download the plan as CSV (the scorer writes it).
 *
 * @param {Result} result
 * @param {Scorer} scorer
 * @param {Say} say
 */
async function downloadPlan(result, scorer, say) {
  try {
    const plan = await currentPlan(result);
    if (!plan) return say(message("plan_pick_first"));
    const reply = await scorer.request("export", { code: result.code, plan });
    if (!reply.ok) return say(reply.error);
    saveFile(reply.result.plan_csv);
    say(message("downloaded", { file: reply.result.plan_csv.filename }));
  } catch (error) {
    say(downloadFailure(error));
  }
}
