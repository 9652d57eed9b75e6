// Main-thread glue for the maturity assessment. It only handles the form, messages and
// navigation: the Python scorer (the `quiz` package under Pyodide) runs in a module Web Worker,
// started only on pages that need it (the assessment page, or a level page opened with a
// result link). Nothing here scores anything, and everything Python returns is rendered as
// text (textContent), never as markup.
//
// It hooks Material's `document$`, so it works with instant navigation: arriving from another
// page, leaving and coming back, and the back button.

const SITE_ROOT = new URL("../", import.meta.url);
const STORAGE_KEY = "ex-maturity-playbook:answers:v1";
const RESULT_PREFIX = "#result=";
const NOT_SURE = "unsure";
const DEFAULT_LOAD_TIMEOUT_MS = 30000;

// ---------------------------------------------------------------------------------------------
// The scorer: one module worker, id-matched requests, a load timeout.

class Scorer {
  constructor() {
    this.pending = new Map();
    this.nextId = 1;
    this.failure = null;
    // The page's head may already have started the worker (overrides/main.html): adopt it,
    // replaying the messages it sent before this module loaded.
    const early = window.__exEarlyScorer;
    window.__exEarlyScorer = undefined;
    const adopt = early && !early.failed;
    if (early && early.failed) early.worker.terminate();
    this.worker = adopt
      ? early.worker
      : new Worker(new URL("./quiz-worker.mjs", import.meta.url), { type: "module" });
    const timeoutMs = Number(globalThis.EX_QUIZ_LOAD_TIMEOUT_MS) || DEFAULT_LOAD_TIMEOUT_MS;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("Loading Python in your browser took too long.")),
        timeoutMs,
      );
      this.settleReady = (error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(this);
      };
    });
    this.ready.catch((error) => this.fail(error));
    this.worker.onmessage = (event) => this.onMessage(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error("Python could not be loaded in your browser."));
    };
    if (adopt) for (const message of early.messages) this.onMessage(message);
  }

  onMessage(message) {
    if (message.type === "ready") {
      this.settleReady(null);
    } else if (message.type === "failed") {
      this.settleReady(new Error("Python could not be loaded in your browser."));
    } else if (this.pending.has(message.id)) {
      const { resolve } = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve(message);
    }
  }

  fail(error) {
    if (this.failure) return;
    this.failure = error;
    this.settleReady(error);
    this.worker.terminate();
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  // Resolves with the worker's reply: {ok: true, result} or {ok: false, error}.
  async request(type, payload) {
    await this.ready;
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload });
    });
  }
}

let scorer = null;

function getScorer() {
  if (!scorer || scorer.failure) scorer = new Scorer();
  return scorer;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only).

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A docs-relative Markdown path from the engine ("levels/level-3.md#step-1") as a site URL.
function pageUrl(docsPath) {
  const [path, fragment] = String(docsPath).split("#");
  const page = path.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
  const url = new URL(page, SITE_ROOT);
  if (url.origin !== SITE_ROOT.origin || !url.pathname.startsWith(SITE_ROOT.pathname)) {
    return new URL(SITE_ROOT);
  }
  if (fragment) url.hash = fragment;
  return url;
}

function link(docsPath, text) {
  return el("a", { href: pageUrl(docsPath).href, text });
}

// ---------------------------------------------------------------------------------------------
// Saved answers: {questionId: "1".."5" | "unsure"}. Storage may be full, disabled or corrupt.

function loadSaved() {
  let raw;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { answers: {}, problem: "Your browser is not letting this page save answers." };
  }
  if (raw === null) return { answers: {}, problem: null };
  try {
    const parsed = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
    const answers = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") answers[key] = value;
    }
    return { answers, problem: null };
  } catch {
    return { answers: {}, problem: "Saved answers could not be read, so the form starts empty." };
  }
}

function save(answers) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(answers));
    return true;
  } catch {
    return false;
  }
}

function clearSaved() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was saved, so there is nothing to clear.
  }
}

// ---------------------------------------------------------------------------------------------
// The assessment page.

let lastResult = null; // {code, result}: the result being carried to the level page

function formAnswers(form) {
  const answers = {};
  for (const input of form.querySelectorAll("input[type=radio]:checked")) {
    answers[input.name] = input.value;
  }
  return answers;
}

function setStatus(status, text, ...extra) {
  status.replaceChildren(el("p", { text }), ...extra);
}

function levelsFallback() {
  return el(
    "p",
    {},
    "Your answers are kept in this browser. You can also find your level from the descriptions in ",
    link("levels/index.md#self-identify", "the levels overview"),
    ".",
  );
}

function initAssessment(form) {
  if (form.dataset.ready) return;
  form.dataset.ready = "true";
  const status = form.querySelector("#ex-status");
  const submit = form.querySelector("button[type=submit]");
  const reset = form.querySelector("[data-ex-action=reset]");
  const count = form.querySelector("#ex-progress-count");
  const bar = form.querySelector("#ex-progress-bar");
  const notes = [];

  const { answers, problem } = loadSaved();
  if (problem) notes.push(problem);
  for (const [name, value] of Object.entries(answers)) {
    const input = [...form.querySelectorAll("input[type=radio]")].find(
      (candidate) => candidate.name === name && candidate.value === value,
    );
    if (input) input.checked = true;
  }

  const updateProgress = () => {
    const answered = Object.keys(formAnswers(form)).length;
    count.textContent = String(answered);
    bar.value = answered;
    for (const fieldset of form.querySelectorAll(".ex-question")) {
      fieldset.classList.toggle("ex-question--answered", !!fieldset.querySelector(":checked"));
    }
  };
  updateProgress();

  let storageWarned = false;
  form.addEventListener("change", () => {
    updateProgress();
    if (!save(formAnswers(form)) && !storageWarned) {
      storageWarned = true;
      setStatus(
        status,
        "This browser is not saving your answers (storage is full or turned off). " +
          "You can still finish the assessment in this visit.",
      );
    }
  });

  reset.addEventListener("click", () => {
    for (const input of form.querySelectorAll("input[type=radio]:checked")) input.checked = false;
    clearSaved();
    updateProgress();
    setStatus(status, "Your answers have been cleared.");
    form.querySelector("input[type=radio]").focus();
  });

  const loading = () => {
    setStatus(status, "Loading the scorer (Python, running in your browser)…");
    getScorer().ready.then(
      () => setStatus(status, ["Ready.", ...notes].join(" ")),
      (error) => showLoadFailure(error),
    );
  };

  const showLoadFailure = (error) => {
    setStatus(
      status,
      `${error.message} Your answers are safe.`,
      el("p", {}, el("button", { type: "button", className: "md-button", text: "Try again", onclick: loading })),
      levelsFallback(),
    );
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const given = formAnswers(form);
    const payload = {};
    for (const [name, value] of Object.entries(given)) {
      payload[name] = value === NOT_SURE ? null : Number(value);
    }
    submit.disabled = true;
    setStatus(status, "Scoring your answers…");
    try {
      const reply = await getScorer().request("score", { answers: payload });
      if (!reply.ok) {
        setStatus(status, reply.error);
      } else if (reply.result.level === null) {
        setStatus(status, reply.result.reason);
        const first = [...form.querySelectorAll(".ex-question")].find(
          (fieldset) => !fieldset.querySelector(":checked"),
        );
        if (first) first.querySelector("input").focus();
      } else {
        goToResult(reply.result);
      }
    } catch (error) {
      showLoadFailure(error);
    } finally {
      submit.disabled = false;
    }
  });

  submit.disabled = false;
  reset.disabled = false;
  loading();
}

function goToResult(result) {
  lastResult = { code: result.code, result };
  const url = pageUrl(result.page);
  url.hash = RESULT_PREFIX.slice(1) + result.code;
  // A click on a real link lets Material's instant navigation take over (it intercepts link
  // clicks), so this page's worker and the result in memory survive the trip; without instant
  // navigation the click is an ordinary page load and the level page decodes the code itself.
  const anchor = el("a", { href: url.href, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

// ---------------------------------------------------------------------------------------------
// The result panel on a level page.

function resultCode() {
  if (!window.location.hash.startsWith(RESULT_PREFIX)) return null;
  try {
    return decodeURIComponent(window.location.hash.slice(RESULT_PREFIX.length));
  } catch {
    return window.location.hash.slice(RESULT_PREFIX.length);
  }
}

function panelShell() {
  const article = document.querySelector("article.md-content__inner");
  if (!article) return null;
  let panel = document.getElementById("ex-result");
  if (!panel) {
    panel = el("section", {
      id: "ex-result",
      className: "ex-result",
      "aria-labelledby": "ex-result-title",
      tabindex: "-1",
    });
    const heading = article.querySelector("h1");
    if (heading) heading.after(panel);
    else article.prepend(panel);
  }
  document.body.classList.add("ex-has-result");
  return panel;
}

function removePanel() {
  document.getElementById("ex-result")?.remove();
  document.body.classList.remove("ex-has-result");
}

function levelLabel(level) {
  return level === null || level === undefined ? "not answered" : `Level ${level}`;
}

function profile(result) {
  const rows = result.profile.map((dimension) =>
    el(
      "tr",
      {},
      el("th", { scope: "row", text: dimension.name }),
      el("td", { text: levelLabel(dimension.level) }),
      el(
        "td",
        { className: "ex-bar-cell", "aria-hidden": "true" },
        el("span", {
          className: `ex-bar ex-bar--${dimension.level ?? 0}`,
          style: `--ex-level: ${Number(dimension.level) || 0}`,
        }),
      ),
    ),
  );
  return el(
    "table",
    { className: "ex-profile" },
    el("caption", { text: "Your level in each area (1 to 5)" }),
    el(
      "thead",
      {},
      el("tr", {}, el("th", { scope: "col", text: "Area" }), el("th", { scope: "col", text: "Level" }),
        el("th", { scope: "col", className: "ex-bar-cell", text: "Chart", "aria-hidden": "true" })),
    ),
    el("tbody", {}, rows),
  );
}

function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = el("a", { href: url, download: filename });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function actions(result, note) {
  const shareUrl = pageUrl(result.page);
  shareUrl.hash = RESULT_PREFIX.slice(1) + result.code;
  const say = (text) => {
    note.textContent = text;
  };
  const exportAs = async (kind) => {
    try {
      const reply = await getScorer().request("export", { code: result.code });
      if (!reply.ok) return say(reply.error);
      const file = reply.result[kind];
      download(file.filename, file.media_type, file.content);
      say(`Downloaded ${file.filename}.`);
    } catch (error) {
      say(`${error.message} The download needs Python; try again later.`);
    }
  };
  return el(
    "div",
    { className: "ex-result__actions" },
    el("button", {
      type: "button",
      className: "md-button md-button--primary",
      text: "Copy share link",
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(shareUrl.href);
          say("Link copied. Anyone who opens it sees this result; it contains your answers.");
        } catch {
          say(`Copy this link: ${shareUrl.href}`);
        }
      },
    }),
    el("button", { type: "button", className: "md-button", text: "Print or save as PDF", onclick: () => window.print() }),
    el("button", { type: "button", className: "md-button", text: "Download answers (JSON)", onclick: () => exportAs("json") }),
    el("button", { type: "button", className: "md-button", text: "Download answers (CSV)", onclick: () => exportAs("csv") }),
    link("assessment/index.md", "Retake the assessment"),
  );
}

function renderResult(panel, result) {
  const note = el("p", { className: "ex-result__note", role: "status" });
  const here = pageUrl(result.page).pathname === new URL(window.location.href).pathname;
  const children = [
    el("h2", { id: "ex-result-title", text: `Your result: Level ${result.level}, ${result.level_name}` }),
    el("p", { text: result.summary }),
    result.why ? el("p", { className: "ex-result__why", text: result.why }) : null,
    here ? null : el("p", {}, "This result belongs to another level: ", link(result.page, `go to Level ${result.level}`), "."),
    profile(result),
  ];
  if (result.next_level) {
    children.push(
      el("h3", { text: `What holds you below Level ${result.next_level}` }),
      el(
        "ul",
        {},
        result.blockers.map((blocker) =>
          el(
            "li",
            {},
            el("strong", { text: `${blocker.name} (${levelLabel(blocker.level)})` }),
            `. Level ${blocker.level + 1} here looks like: `,
            blocker.lift.map((statement) => `“${statement}”`).join(" "),
            " ",
            link(blocker.guide, `Steps for ${blocker.name}`),
          ),
        ),
      ),
    );
  }
  children.push(
    el("h3", { text: "Your weakest areas" }),
    el(
      "ul",
      {},
      result.weakest.map((dimension) =>
        el("li", {}, link(dimension.guide, dimension.name), ` (${levelLabel(dimension.level)})`),
      ),
    ),
    el("h3", { text: "Focus areas" }),
    el("ul", {}, result.focus_areas.map((area) => el("li", { text: area }))),
    el("h3", { text: "Conversations to start with" }),
    el("ul", {}, result.themes.map((theme) => el("li", {}, link(theme.anchor, theme.title)))),
    actions(result, note),
    note,
  );
  panel.replaceChildren(...children.filter(Boolean));
  panel.dataset.level = String(result.level);
  panel.focus({ preventScroll: true });
}

function renderError(panel, message) {
  panel.replaceChildren(
    el("h2", { id: "ex-result-title", text: "This result link could not be opened" }),
    el("p", { className: "ex-result__error", text: message }),
    el("p", {}, link("assessment/index.md", "Take the assessment"), " to get a fresh result."),
  );
  panel.dataset.state = "error";
}

async function showResult() {
  const code = resultCode();
  if (code === null || !/\/levels\/level-\d+\/$/.test(window.location.pathname)) {
    removePanel();
    return;
  }
  const panel = panelShell();
  if (!panel) return;
  if (lastResult && lastResult.code === code) {
    renderResult(panel, lastResult.result);
    return;
  }
  panel.replaceChildren(
    el("h2", { id: "ex-result-title", text: "Your result" }),
    el("p", { role: "status", text: "Loading your result (Python, running in your browser)…" }),
  );
  try {
    const reply = await getScorer().request("decode", { code });
    if (resultCode() !== code) return; // the reader has moved on
    if (!reply.ok) renderError(panel, reply.error);
    else if (reply.result.level === null) renderError(panel, reply.result.reason);
    else {
      lastResult = { code, result: reply.result };
      renderResult(panel, reply.result);
    }
  } catch (error) {
    panel.replaceChildren(
      el("h2", { id: "ex-result-title", text: "Your result could not be shown" }),
      el("p", { className: "ex-result__error", text: `${error.message}` }),
      el("p", {}, el("button", { type: "button", className: "md-button", text: "Try again", onclick: showResult })),
      levelsFallback(),
    );
  }
}

// ---------------------------------------------------------------------------------------------

function onPage() {
  const form = document.getElementById("ex-assessment");
  if (form) initAssessment(form);
  showResult();
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
window.addEventListener("hashchange", showResult);
