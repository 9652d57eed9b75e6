// @ts-check
// The result panel on a level page (#ex-result, written into the page at build time). Every
// string comes from the Python engine and is rendered as text. The panel is a list of
// sections, each a function of the result: to add a section, add a function to SECTIONS.

import { button, el, headRow, link, scrollToTop } from "../shared/dom.mjs";
import { saveFile } from "../shared/files.mjs";
import { message, messageNodes } from "../shared/messages.mjs";
import { downloadFailure, levelLabel, levelText, resultUrl } from "../shared/result-text.mjs";
import { unsupportedSentence } from "../shared/status.mjs";
import { compareWithTeam, currentPlan, sinceLast, yourPlan } from "./panel-extras.mjs";

/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../scorer/scorer.mjs").ScorerStatus} ScorerStatus */

/** @typedef {import("../scorer/protocol.mjs").Area} Area */
/** @typedef {import("../scorer/protocol.mjs").Result} Result */

/**
 * @typedef {{
 *   scorer: Scorer, here: boolean, pageLevel: number, levelCount: number, note: HTMLElement
 * }} PanelContext
 * @typedef {(result: Result, context: PanelContext) => Node | Node[] | null} Section
 */

/** @type {Section} */
const statement = (result) =>
  [
    result.level_statement
      ? el("p", { className: "ex-result__statement", text: result.level_statement })
      : null,
    result.summary ? el("p", { text: result.summary }) : null,
    result.why ? el("p", { className: "ex-result__why", text: result.why }) : null,
  ].filter((node) => node !== null);

/** @type {Section} */
const legacy = (result) =>
  result.legacy
    ? el(
        "p",
        { className: "ex-result__legacy" },
        result.legacy.message,
        " ",
        link("assessment/index.md", message("retake")),
      )
    : null;

/** @type {Section} */
const elsewhere = (result, { here, pageLevel }) =>
  here
    ? null
    : el(
        "p",
        { className: "ex-result__elsewhere" },
        ...messageNodes("result_elsewhere", {
          level: levelText(result.level),
          page: levelText(pageLevel),
          link: link(
            result.page,
            message("result_elsewhere_link", { level: levelText(result.level) }),
          ),
        }),
      );

/** @type {Section} */
const profile = (result, { levelCount }) => {
  const rows = result.profile.map((area) => {
    const bar = el("span", { className: "ex-bar" });
    if (area.level !== null && levelCount > 0) {
      bar.style.width = `${(100 * area.level) / levelCount}%`; // CSSOM: allowed by the CSP
    }
    return el(
      "tr",
      {},
      el("th", { scope: "row", text: area.name }),
      el("td", {
        className: area.level === null ? "ex-unknown" : null,
        text: area.label || levelLabel(area.level),
      }),
      el("td", { className: "ex-bar-cell", "aria-hidden": "true" }, bar),
    );
  });
  return el(
    "table",
    { className: "ex-profile" },
    el("caption", { text: message("profile_caption") }),
    headRow(
      message("profile_area"),
      message("profile_level"),
      el("th", {
        scope: "col",
        className: "ex-bar-cell",
        text: message("profile_chart"),
        "aria-hidden": "true",
      }),
    ),
    el("tbody", {}, rows),
  );
};

/** @type {Section} */
const answers = (result) => {
  const areas = result.profile.filter((area) => Array.isArray(area.answers) && area.answers.length);
  if (!areas.length) return null;
  return el(
    "div",
    { className: "ex-answers-section" },
    el("h3", { text: message("answers_title") }),
    areas.map((area) =>
      el(
        "details",
        { className: "ex-answers" },
        el("summary", {
          text: message("area_level", {
            area: area.name,
            level: area.label || levelLabel(area.level),
          }),
        }),
        el(
          "ul",
          {},
          (area.answers || []).map((answer) =>
            el(
              "li",
              {},
              el("span", {
                className: "ex-answers__question",
                text: message("answers_question", { number: answer.number, text: answer.text }),
              }),
              " ",
              el("span", {
                className: "ex-answers__choice",
                // A "Not sure" answer has no statement to quote (its statement is "Not sure").
                text: answer.label, // the engine's own words (quiz/report.py)
              }),
            ),
          ),
        ),
      ),
    ),
  );
};

/** @type {Section} */
const contrasts = (result) => {
  if (!Array.isArray(result.contrasts) || !result.contrasts.length) return null;
  return [
    el("h3", { className: "ex-contrasts__title", text: message("contrasts_title") }),
    ...result.contrasts.map((contrast) =>
      el(
        "div",
        { className: "ex-contrast" },
        el("h4", { text: contrast.dimension_name }),
        el(
          "div",
          { className: "ex-contrast__pair" },
          contrast.statements.map((text, index) =>
            el(
              "blockquote",
              { className: "ex-contrast__statement" },
              el("p", {
                className: "ex-contrast__level",
                text: levelLabel(contrast.levels[index]),
              }),
              el("p", { text: message("quoted", { text }) }),
            ),
          ),
        ),
        el("p", { text: contrast.sentence }),
      ),
    ),
  ];
};

/** @type {Section} */
const blockers = (result) => {
  if (!result.next_level || !result.blockers.length) return null;
  const named = new Set(result.plan_areas);
  return [
    el("h3", { text: message("blockers_title", { level: result.next_level }) }),
    el(
      "ul",
      { className: "ex-blockers" },
      result.blockers.map((blocker) =>
        el(
          "li",
          {
            className: [
              "ex-blocker",
              named.has(blocker.id) ? "ex-blocker--named" : "",
              // An area with no answer: its first step is answering its open questions.
              blocker.unanswered ? "ex-blocker--open" : "",
            ]
              .filter(Boolean)
              .join(" "),
            "data-area": blocker.id,
          },
          el("strong", {
            text: `${blocker.name} (${blocker.label})`,
          }),
          ". ",
          blocker.open_sentence && blocker.unanswered
            ? el(
                "span",
                { className: "ex-lift__open" },
                blocker.open_sentence,
                " ",
                quoted(blocker.open),
              )
            : null,
          blocker.goal ? el("span", { className: "ex-lift", text: blocker.goal }) : null,
          blocker.open_sentence && !blocker.unanswered
            ? el(
                "span",
                { className: "ex-lift__open" },
                " ",
                blocker.open_sentence,
                " ",
                quoted(blocker.open),
              )
            : null,
          " ",
          link(blocker.guide, blocker.guide_label || message("steps_for", { area: blocker.name })),
        ),
      ),
    ),
  ];
};

/** @param {string[]} texts */
const quoted = (texts) => texts.map((text) => message("quoted", { text })).join(" ");

/** @type {Section} */
const weakest = (result) =>
  result.weakest.length === 0
    ? null
    : el(
        "div",
        // At the top level the weakest areas are what to do next, and they are printed.
        { className: result.next_level ? "ex-weakest" : "ex-weakest ex-weakest--next" },
        el("h3", { text: message("weakest_title") }),
        el(
          "ul",
          {},
          result.weakest.map((area) =>
            el("li", {}, link(area.guide, area.name), ` (${levelLabel(area.level)})`),
          ),
        ),
      );

/** @type {Section} */
const focusAreas = (result) =>
  el(
    "div",
    { className: "ex-focus" },
    el("h3", { text: message("focus_title") }),
    el(
      "ul",
      {},
      result.focus_areas.map((area) => el("li", { text: area })),
    ),
  );

/** @type {Section} */
const themes = (result) =>
  el(
    "div",
    { className: "ex-themes-section" },
    el("h3", { text: message("themes_title") }),
    el(
      "ul",
      { className: "ex-themes" },
      result.themes.map((theme) => el("li", {}, link(theme.anchor, theme.title))),
    ),
  );

/** @type {Section} */
const printedLink = (result) =>
  el(
    "p",
    { className: "ex-result__print-link" },
    message("share_link_printed", { link: resultUrl(result).href }),
  );

/** @type {Section} */
const actions = (result, { scorer, note }) => {
  const say = (/** @type {string} */ text) => {
    note.textContent = text;
  };
  const share = resultUrl(result).href;
  const exportAs = async (/** @type {"json" | "csv"} */ kind) => {
    try {
      const plan = await currentPlan(result);
      const reply = await scorer.request("export", { code: result.code, plan });
      if (!reply.ok) return say(reply.error);
      const file = reply.result[kind];
      saveFile(file);
      say(message("downloaded", { file: file.filename }));
    } catch (error) {
      say(downloadFailure(error));
    }
  };
  return [
    el(
      "div",
      { className: "ex-result__actions" },
      button(
        message("copy_share_link"),
        async () => {
          try {
            await navigator.clipboard.writeText(share);
            say(message("share_link_copied"));
          } catch {
            say(message("copy_this_link", { link: share }));
          }
        },
        true,
      ),
      button(message("print_or_pdf"), () => window.print()),
      button(message("download_answers_json"), () => exportAs("json")),
      button(message("download_answers_csv"), () => exportAs("csv")),
      link("assessment/index.md", message("retake")),
    ),
    note,
  ];
};

/** The panel's sections, in order. */
export const SECTIONS = /** @type {Section[]} */ ([
  elsewhere,
  statement,
  legacy,
  profile,
  sinceLast,
  answers,
  contrasts,
  blockers,
  weakest,
  focusAreas,
  themes,
  yourPlan,
  compareWithTeam,
  actions,
  printedLink,
]);

/**
 * Put the panel at the top of the viewport, below the site header, with focus on its heading.
 *
 * @param {HTMLElement} panel
 */
export function land(panel) {
  const heading = panel.querySelector("h2");
  scrollToTop(panel);
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/** Whether the next panel shown keeps the reader's place (see `keepPlaceNext`). */
let keepPlace = false;

/**
 * Say whether the next panel shown should keep the reader's place instead of landing on the
 * panel: true when the reader came back through the browser's history, where the browser
 * (or Material's instant navigation) puts them back where they were.
 *
 * @param {boolean} keep
 */
export function keepPlaceNext(keep) {
  keepPlace = keep;
}

/**
 * Show the panel's new content and land on it, unless the reader's place is to be kept: they
 * came back through history, or they scrolled past the panel while it was loading (the
 * browser's scroll anchoring then keeps what they are reading still as the panel grows).
 *
 * @param {HTMLElement} panel
 * @param {string} state
 * @param {Node[]} children
 */
function show(panel, state, children) {
  const scrolledPast = !panel.hidden && panel.getBoundingClientRect().bottom < 0;
  const stay = keepPlace || scrolledPast;
  keepPlace = false;
  panel.replaceChildren(...children);
  panel.dataset.state = state;
  panel.hidden = false;
  document.body.classList.toggle("ex-has-result", state === "result");
  if (!stay) land(panel);
}

/**
 * @param {HTMLElement} panel
 * @param {Result} result
 * @param {Scorer} scorer
 */
export function renderResult(panel, result, scorer) {
  /** @type {PanelContext} */
  const context = {
    scorer,
    here: Number(panel.dataset.level) === result.level,
    pageLevel: Number(panel.dataset.level),
    levelCount: Number(panel.dataset.levelCount) || 0,
    note: el("p", { className: "ex-result__note", role: "status" }),
  };
  const heading = el("h2", {
    id: "ex-result-title",
    text: message("result_heading", {
      level: levelLabel(result.level),
      name: result.level_name ?? "",
    }),
  });
  const body = SECTIONS.flatMap((section) => section(result, context) ?? []);
  show(panel, "result", [heading, ...body.filter((node) => node !== null)]);
  // Printed, a result shown on another level's page leaves out that page's title.
  document.body.classList.toggle("ex-result-elsewhere", !context.here);
  panel.dataset.code = result.code;
}

/**
 * @param {HTMLElement} panel
 * @param {Node[]} status what the scorer is doing
 */
export function renderLoading(panel, status) {
  const current = panel.dataset.state === "loading" && panel.querySelector(".ex-result__loading");
  if (current) {
    current.replaceChildren(...status);
    return;
  }
  show(panel, "loading", [
    el("h2", { id: "ex-result-title", text: message("result_title") }),
    el("div", { className: "ex-result__loading" }, status),
  ]);
}

/**
 * A result link the engine cannot read.
 *
 * @param {HTMLElement} panel
 * @param {string} problem the engine's own words
 */
export function renderBadLink(panel, problem) {
  show(panel, "error", [
    el("h2", { id: "ex-result-title", text: message("bad_link_title") }),
    el("p", { className: "ex-result__error", text: problem }),
    el(
      "p",
      {},
      ...messageNodes("bad_link_retake", {
        link: link("assessment/index.md", message("take_assessment")),
      }),
    ),
  ]);
}

/**
 * The scorer could not load, so the result cannot be shown.
 *
 * @param {HTMLElement} panel
 * @param {Node[]} status what went wrong, with "Try again"
 * @param {boolean} unsupported
 */
export function renderLoadFailure(panel, status, unsupported) {
  show(panel, "error", [
    el("h2", { id: "ex-result-title", text: message("result_failed_title") }),
    ...(unsupported ? [unsupportedSentence()] : status),
  ]);
}
