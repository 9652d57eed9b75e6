// @ts-check
// The team comparison page (assessment/team/): the "Result links" box, "Compare", and the
// "Team result" region. Every number and sentence comes from the scorer (`quiz.team_report`,
// the worker's "team" request); this module only places them. A `#team=` address (made by
// "Copy team link", or by "Compare with your team" on a result) fills the box and compares.

import { ScorerError } from "../scorer/scorer.mjs";
import { chartBox, spreadChart } from "../shared/charts.mjs";
import { button, el, headRow, link, scrollToTop } from "../shared/dom.mjs";
import { printOnly, saveFile } from "../shared/files.mjs";
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
const levelText = (level) => (level === null ? "No level" : `Level ${level}`);

/**
 * @param {number} count
 * @param {string} one
 * @param {string} many
 */
const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

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
  const message = el("div", { className: "ex-status__message", role: "status" });
  status.replaceChildren(scorerPart, message);
  /** @param {Node[]} nodes */
  const say = (nodes) => message.replaceChildren(...nodes);

  const retry = followScorer(root, scorer, scorerPart, say);

  const clearResult = () => clearComparison(region);

  let busy = false;
  const compare = async () => {
    if (busy) return;
    const text = box.value;
    if (!text.trim()) {
      clearResult();
      setAddress("");
      say([el("p", { className: "ex-status__error", text: "Paste at least one result link." })]);
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
        text:
          scorer.status.state === "ready"
            ? "Comparing…"
            : "The links will be compared as soon as the scorer has loaded.",
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
  const people = plural(team.members.length, "person", "people");
  const bad = team.invalid.length;
  if (!bad) return `Compared ${people}.`;
  if (!team.members.length) {
    return bad === 1
      ? "The line could not be compared."
      : `None of the ${bad} lines could be compared.`;
  }
  return `Compared ${people}; ${plural(bad, "line", "lines")} could not be compared.`;
}

/**
 * @param {HTMLElement} region
 * @param {Team} team
 * @param {number} levelCount
 */
export function renderTeam(region, team, levelCount) {
  const note = el("p", { className: "ex-result__note", role: "status" });
  const heading = el("h2", { id: "ex-team-result-title", tabindex: "-1", text: "Team result" });
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
        text:
          team.invalid.length === 1
            ? "This line could not be compared:"
            : `These ${team.invalid.length} lines could not be compared:`,
      }),
      el(
        "ul",
        {},
        team.invalid.map((line) =>
          el(
            "li",
            {},
            el("strong", { text: `Line ${line.line}` }),
            " (“",
            typed(line.text),
            `”): ${line.reason}`,
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
    el("h3", { text: "Who is compared" }),
    el(
      "table",
      { className: "ex-profile ex-team__people" },
      el("caption", { text: plural(team.members.length, "result", "results") }),
      headRow("Person", "Line", "Result"),
      el(
        "tbody",
        {},
        team.members.map((member) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, typed(member.name)),
            el("td", { text: String(member.line) }),
            el(
              "td",
              {},
              member.level_statement || levelText(member.level),
              member.legacy ? " (made with an earlier version of the assessment)" : "",
            ),
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
    el("caption", { text: "Spread per area: each person's level, the median and the range" }),
    headRow("Area", "People", "Median", "Lowest", "Highest", "Spread", "Each person"),
    el(
      "tbody",
      {},
      team.dimensions.map((area) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", text: area.name }),
          el("td", { text: String(area.count) }),
          el("td", { text: area.median === null ? "-" : String(area.median) }),
          el("td", { text: area.low === null ? "-" : String(area.low) }),
          el("td", { text: area.high === null ? "-" : String(area.high) }),
          el("td", { text: area.spread === null ? "-" : area.spread.toFixed(2) }),
          el(
            "td",
            {},
            area.points.length
              ? area.points.flatMap((point, index) => [
                  index ? "; " : null,
                  typed(point.name),
                  `: ${point.level}`,
                ])
              : "-",
          ),
        ),
      ),
    ),
  );
  return [
    el("h3", { text: "Spread per area" }),
    el("p", {
      className: "ex-chart-legend",
      text: "Each dot is one person's level in the area; the band runs from the lowest to the highest level and the upright mark is the median.",
    }),
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
    el("h3", { text: "Where you disagree most" }),
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
                  el("strong", {}, typed(answer.name)),
                  answer.level === null
                    ? `: ${answer.statement}`
                    : ` (Level ${answer.level}): “${answer.statement}”`,
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
    el("h3", { text: "Conversations to start with" }),
    el(
      "ul",
      {},
      team.themes.map((theme) =>
        el("li", {}, link(theme.anchor, theme.title), theme.why ? `: ${theme.why}` : ""),
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
      el("th", { scope: "row", text: `${item.start} to ${item.start + item.minutes} min` }),
      el("td", {}, el("strong", { text: item.title })),
      el(
        "td",
        {},
        item.detail,
        item.link ? [" ", link(item.link, `Guidance for “${item.title}”`)] : null,
      ),
    ),
  );
  section.append(
    el("h3", { id: "ex-agenda-title", text: team.agenda.title }),
    el("p", {
      className: "ex-agenda__team",
      text: [team.level_statement, `${plural(team.members.length, "person", "people")} compared.`]
        .filter(Boolean)
        .join(" "),
    }),
    el(
      "table",
      { className: "ex-agenda__table ex-stack" },
      el("caption", { text: `Agenda: ${team.agenda.minutes} minutes` }),
      headRow("Time", "What happens", "How"),
      el("tbody", {}, rows),
    ),
    el(
      "div",
      { className: "ex-result__actions" },
      button("Print the agenda", () => printOnly(section)),
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
        "Copy team link",
        async () => {
          setAddress(team.fragment);
          try {
            await navigator.clipboard.writeText(window.location.href);
            say(
              "Team link copied. Anyone who opens it sees this comparison; it holds everyone's answers.",
            );
          } catch {
            say(`Copy this link from the address bar: it reopens this comparison.`);
          }
        },
        true,
      ),
      button("Download CSV", () => {
        saveFile(team.csv);
        say(`Downloaded ${team.csv.filename}: one row per person and question.`);
      }),
    ),
    note,
  );
}
