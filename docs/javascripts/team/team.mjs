// @ts-check
// The team comparison page (assessment/team/): the "Result links" box, "Compare", and the
// "Team result" region. Every number and sentence comes from the scorer (`quiz.team_report`,
// the worker's "team" request); this module only places them. A `#team=` address (made by
// "Copy team link", or by "Compare with your team" on a result) fills the box and compares.

import { ScorerError } from "../scorer/scorer.mjs";
import { chartBox, spreadChart } from "../shared/charts.mjs";
import { button, el, headRow, link, scrollToTop } from "../shared/dom.mjs";
import { printOnly, saveFile } from "../shared/files.mjs";
import { counted, formatNumber, listNodes, message, messageNodes } from "../shared/messages.mjs";
import { hashValue, TEAM_PREFIX } from "../shared/result-link.mjs";
import { scorerStatusNodes } from "../shared/status.mjs";

/** @typedef {import("../scorer/scorer.mjs").Scorer} Scorer */
/** @typedef {import("../shared/files.mjs").TextFile} TextFile */

/** @typedef {import("../scorer/protocol.mjs").Agenda} Agenda */
/** @typedef {import("../scorer/protocol.mjs").Team} Team */

/** The text a `#team=` address carries, or null. */
export const teamText = () => hashValue(TEAM_PREFIX);

/**
 * Text typed in the box (a name, or a line that could not be read), set apart from the text
 * around it: a name written right to left, or holding an unclosed right-to-left override
 * (U+202E), keeps its direction to itself instead of turning the rest of the line around.
 * (The scorer's sentences set each name apart the same way, with U+2068 and U+2069.)
 *
 * @param {string} text
 */
const typed = (text) => el("bdi", { text });

/** @param {number | null} level */
const levelText = (level) =>
  level === null ? message("team_no_level") : message("level_label", { level });

/** @param {number} count */
const peopleCount = (count) => counted("team_people", count);

/** @param {number | null} value @param {number} [digits] */
const figure = (value, digits) =>
  value === null
    ? "-"
    : formatNumber(
        value,
        digits ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {},
      );

/**
 * Put `fragment` (without "#") in the address without a new history entry, so a reload or
 * a bookmark opens what the page shows. An empty fragment takes the hash away.
 *
 * @param {string} fragment
 */
function setAddress(fragment) {
  const url = new URL(window.location.href);
  url.hash = fragment;
  const href = fragment ? url.href : url.href.replace(/#.*$/, "");
  if (href !== window.location.href) window.history.replaceState(window.history.state, "", href);
}

/**
 * Wire up the team page. Safe to call again for the same element (it does nothing).
 *
 * @param {HTMLElement} root #ex-team
 * @param {Scorer} scorer
 */
export function init(root, scorer) {
  if (root.dataset.ready) return;
  root.dataset.ready = "true";
  const box = /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea"));
  const button = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ex-action=compare]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("#ex-team-status"));
  const region = /** @type {HTMLElement} */ (root.querySelector("#ex-team-result"));
  const levelCount = Number(root.dataset.levelCount) || 0;

  const scorerPart = el("div", { className: "ex-status__scorer" });
  const messageBox = el("div", { className: "ex-status__message", role: "status" });
  status.replaceChildren(scorerPart, messageBox);
  /** @param {Node[]} nodes */
  const say = (nodes) => messageBox.replaceChildren(...nodes);

  const retry = followScorer(root, scorer, scorerPart, say);

  const clearResult = () => clearComparison(region);

  let busy = false;
  const compare = async () => {
    if (busy) return;
    const text = box.value;
    if (!text.trim()) {
      clearResult();
      setAddress("");
      say([el("p", { className: "ex-status__error", text: message("team_paste_one") })]);
      box.focus();
      return;
    }
    busy = true;
    button.setAttribute("aria-disabled", "true");
    // The result's place is kept while the scorer works it out (team.css), so the page under
    // it does not jump when it arrives: seconds later on a first visit or from a team link.
    region.setAttribute("aria-busy", "true");
    say([
      el("p", {
        text: scorer.status.state === "ready" ? message("team_comparing") : message("team_waiting"),
      }),
    ]);
    try {
      const reply = await scorer.request("team", { text });
      if (!root.isConnected) return;
      if (!reply.ok) {
        clearResult();
        say([el("p", { className: "ex-status__error", text: reply.error })]);
        return;
      }
      showComparison(reply.result, region, levelCount, say);
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      say(scorerStatusNodes(scorer.status, retry));
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
      region.removeAttribute("aria-busy");
    }
  };
  button.addEventListener("click", compare);

  const fromAddress = () => {
    if (!root.isConnected) {
      window.removeEventListener("hashchange", fromAddress);
      return;
    }
    const text = teamText();
    if (text === null || text === box.value) return;
    box.value = text;
    compare();
  };
  window.addEventListener("hashchange", fromAddress);
  button.disabled = false;
  fromAddress();
}

/**
 * Take the last comparison off the page: it no longer matches the box.
 *
 * @param {HTMLElement} region #ex-team-result
 */
function clearComparison(region) {
  region.replaceChildren();
  region.hidden = true;
}

/**
 * Show the scorer's state next to the Compare button, and a failure as the message, with "Try
 * again".
 *
 * @param {HTMLElement} root
 * @param {Scorer} scorer
 * @param {HTMLElement} scorerPart
 * @param {(nodes: Node[]) => void} say
 * @returns {() => void} "Try again"
 */
function followScorer(root, scorer, scorerPart, say) {
  let retried = false;
  const retry = () => {
    retried = true;
    scorer.start();
  };
  scorer.subscribeWhile(root, (state) => {
    if (state.state === "failed") {
      scorerPart.replaceChildren();
      say(scorerStatusNodes(state, retry));
      return;
    }
    scorerPart.replaceChildren(...scorerStatusNodes(state, retry));
    if (retried) {
      retried = false;
      say([]);
    }
  });
  return retry;
}

/**
 * @param {Team} team the scorer's comparison
 * @param {HTMLElement} region #ex-team-result
 * @param {number} levelCount
 * @param {(nodes: Node[]) => void} say
 */
function showComparison(team, region, levelCount, say) {
  say([el("p", { text: summary(team) })]);
  // The address holds the list compared, as "Copy team link" gives it (no new history
  // entry), so a reload or a bookmark shows this comparison; the box is left as typed.
  setAddress(team.members.length ? team.fragment : "");
  renderTeam(region, team, levelCount);
}

/** @param {Team} team */
function summary(team) {
  const people = peopleCount(team.members.length);
  const bad = team.invalid.length;
  if (!bad) return message("team_compared", { people });
  if (!team.members.length) return counted("team_none_compared", bad);
  return counted("team_some_compared", bad, { people });
}

/**
 * @param {HTMLElement} region
 * @param {Team} team
 * @param {number} levelCount
 */
export function renderTeam(region, team, levelCount) {
  const note = el("p", { className: "ex-result__note", role: "status" });
  const heading = el("h2", {
    id: "ex-team-result-title",
    tabindex: "-1",
    text: message("team_result_title"),
  });
  /** @type {Node[]} */
  const body = [heading, ...invalidLines(team), ...repeatedLines(team)];
  if (!team.members.length) {
    body.push(el("p", { text: team.level_statement }));
  } else {
    body.push(
      ...level(team),
      ...people(team),
      ...spread(team, levelCount),
      ...disagreements(team),
      ...themes(team),
      agenda(team),
      actions(team, note),
    );
  }
  region.replaceChildren(...body);
  region.hidden = false;
  scrollToTop(region);
  heading.focus({ preventScroll: true });
}

/**
 * Lines with exactly the same answers as an earlier line: still compared (two people can answer
 * alike), but named, since a link pasted twice counts one person twice.
 *
 * @param {Team} team
 */
function repeatedLines(team) {
  if (!team.repeated.length) return [];
  return [
    el(
      "div",
      { className: "ex-team__invalid ex-team__repeated" },
      team.repeated.map((text) => el("p", { text })),
    ),
  ];
}

/** @param {Team} team */
function invalidLines(team) {
  if (!team.invalid.length) return [];
  return [
    el(
      "div",
      { className: "ex-team__invalid" },
      el("p", {
        className: "ex-status__error",
        text: counted("team_invalid", team.invalid.length),
      }),
      el(
        "ul",
        {},
        team.invalid.map((line) =>
          el(
            "li",
            {},
            ...messageNodes("team_invalid_line", {
              line: el("strong", { text: message("team_line", { number: line.line }) }),
              text: typed(line.text),
              reason: line.reason,
            }),
          ),
        ),
      ),
    ),
  ];
}

/** @param {Team} team */
function level(team) {
  return [
    el("p", {
      className: "ex-result__statement",
      text: team.level_statement,
    }),
    el("p", { className: "ex-team__basis", text: team.level_basis }),
  ];
}

/** @param {Team} team */
function people(team) {
  return [
    el("h3", { text: message("team_who") }),
    el(
      "table",
      { className: "ex-profile ex-team__people" },
      el("caption", { text: counted("team_results", team.members.length) }),
      headRow(message("team_person"), message("team_line_heading"), message("team_result")),
      el(
        "tbody",
        {},
        team.members.map((member) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, typed(member.name)),
            el("td", { text: formatNumber(member.line) }),
            el("td", {
              text: member.legacy
                ? message("legacy_note", {
                    text: member.level_statement || levelText(member.level),
                  })
                : member.level_statement || levelText(member.level),
            }),
          ),
        ),
      ),
    ),
  ];
}

/**
 * @param {Team} team
 * @param {number} levelCount
 */
function spread(team, levelCount) {
  const table = el(
    "table",
    { className: "ex-profile ex-chart-table" },
    el("caption", { text: message("team_spread_caption") }),
    headRow(
      ...[
        "team_area",
        "team_people_heading",
        "team_median",
        "team_lowest",
        "team_highest",
        "team_spread",
        "team_each_person",
      ].map((name) => message(name)),
    ),
    el(
      "tbody",
      {},
      team.dimensions.map((area) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", text: area.name }),
          el("td", { text: figure(area.count) }),
          el("td", { text: figure(area.median) }),
          el("td", { text: figure(area.low) }),
          el("td", { text: figure(area.high) }),
          el("td", { text: figure(area.spread, 2) }),
          el(
            "td",
            {},
            area.points.length
              ? listNodes(
                  area.points.map((point) =>
                    messageNodes("team_point", { name: typed(point.name), level: point.level }),
                  ),
                )
              : "-",
          ),
        ),
      ),
    ),
  );
  return [
    el("h3", { text: message("team_spread_title") }),
    el("p", { className: "ex-chart-legend", text: message("team_spread_legend") }),
    chartBox((width) => spreadChart(team.dimensions, levelCount, width)),
    el("div", { className: "ex-chart-data" }, table),
  ];
}

/**
 * The areas whose levels differ most, each with the questions behind it and every person's
 * statement.
 *
 * @param {Team} team
 */
function disagreements(team) {
  return [
    el("h3", { text: message("team_disagree_title") }),
    ...team.disagreement_notes.map((note) =>
      el("p", { className: "ex-disagreement__note", text: note }),
    ),
    ...team.disagreements.map((area) =>
      el(
        "div",
        { className: "ex-disagreement" },
        el("h4", { text: area.name }),
        el("p", { className: "ex-disagreement__meta", text: area.sentence }),
        area.questions.map((question) =>
          el(
            "div",
            { className: "ex-disagreement__question" },
            el("h5", { text: question.title }),
            el("p", { className: "ex-disagreement__meta", text: question.sentence }),
            el(
              "ul",
              {},
              question.answers.map((answer) =>
                el(
                  "li",
                  {},
                  ...messageNodes(answer.level === null ? "team_answer" : "team_answer_level", {
                    name: el("strong", {}, typed(answer.name)),
                    level: answer.level ?? "",
                    statement: answer.statement,
                  }),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** @param {Team} team */
function themes(team) {
  if (!team.themes.length) return [];
  return [
    el("h3", { text: message("themes_title") }),
    el(
      "ul",
      {},
      team.themes.map((theme) =>
        el(
          "li",
          {},
          theme.why
            ? messageNodes("team_theme", { link: link(theme.anchor, theme.title), why: theme.why })
            : link(theme.anchor, theme.title),
        ),
      ),
    ),
  ];
}

/** @param {Team} team */
function agenda(team) {
  const section = el("section", { className: "ex-agenda", "aria-labelledby": "ex-agenda-title" });
  const rows = team.agenda.items.map((item) =>
    el(
      "tr",
      {},
      el("th", {
        scope: "row",
        text: message("agenda_time", { start: item.start, end: item.start + item.minutes }),
      }),
      el("td", {}, el("strong", { text: item.title })),
      el(
        "td",
        {},
        item.detail,
        item.link
          ? [" ", link(item.link, message("agenda_guidance", { title: item.title }))]
          : null,
      ),
    ),
  );
  section.append(
    el("h3", { id: "ex-agenda-title", text: team.agenda.title }),
    el("p", {
      className: "ex-agenda__team",
      text: [
        team.level_statement,
        message("agenda_people", { people: peopleCount(team.members.length) }),
      ]
        .filter(Boolean)
        .join(" "),
    }),
    el(
      "table",
      { className: "ex-agenda__table ex-stack" },
      el("caption", { text: message("agenda_caption", { minutes: team.agenda.minutes }) }),
      headRow(message("agenda_time_heading"), message("agenda_what"), message("agenda_how")),
      el("tbody", {}, rows),
    ),
    el(
      "div",
      { className: "ex-result__actions" },
      button(message("agenda_print"), () => printOnly(section)),
    ),
  );
  return section;
}

/**
 * @param {Team} team
 * @param {HTMLElement} note
 */
function actions(team, note) {
  const say = (/** @type {string} */ text) => {
    note.textContent = text;
  };
  return el(
    "div",
    {},
    el(
      "div",
      { className: "ex-result__actions" },
      button(
        message("team_copy_link"),
        async () => {
          setAddress(team.fragment);
          try {
            await navigator.clipboard.writeText(window.location.href);
            say(message("team_link_copied"));
          } catch {
            say(message("team_copy_from_address"));
          }
        },
        true,
      ),
      button(message("team_download_csv"), () => {
        saveFile(team.csv);
        say(message("team_downloaded", { file: team.csv.filename }));
      }),
    ),
    note,
  );
}
