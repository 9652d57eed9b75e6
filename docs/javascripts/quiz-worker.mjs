// Module Web Worker that runs the assessment's Python scorer (the `quiz` wheel) under Pyodide,
// off the main thread. Messages follow Pyodide's web-worker pattern: every request carries an
// id, and the reply carries the same id.
//
//   request:  {id, type: "score", answers: {questionId: level|null}}
//             {id, type: "decode", code: "..."}
//             {id, type: "export", code: "..."}
//   reply:    {id, ok: true, result: {...}} | {id, ok: false, error: "message"}
// The worker also posts {type: "ready"} once Python and the scorer are loaded, or
// {type: "failed", error} if loading fails.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
const PACKAGE = "ex-quiz";

async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

function hexToBase64(hex) {
  const bytes = hex.match(/../g).map((pair) => parseInt(pair, 16));
  return btoa(String.fromCharCode(...bytes));
}

// The lock file (written at build time by pyodide-build's `lockfile add-wheels`) names the quiz
// wheel and its sha256. The wheel is fetched with that hash as its integrity check, in parallel
// with the runtime's own start-up, then unpacked straight into site-packages.
async function fetchWheel(lock) {
  const entry = (await lock).packages[PACKAGE];
  const response = await fetchOk(indexURL + entry.file_name, {
    integrity: `sha256-${hexToBase64(entry.sha256)}`,
  });
  return response.arrayBuffer();
}

async function start() {
  const lock = fetchOk(indexURL + "pyodide-lock.json").then((response) => response.json());
  const wheel = fetchWheel(lock);
  wheel.catch(() => {}); // awaited below; avoid an unhandled rejection while Python starts
  const pyodide = await loadPyodide({
    indexURL,
    lockFileContents: lock,
    stdout: () => {},
    stderr: () => {},
  });
  const [major, minor] = (await lock).info.python.split(".");
  const sitePackages = `/lib/python${major}.${minor}/site-packages`;
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return pyodide.pyimport("quiz.web");
}

const scorer = start();
scorer.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", error: String(error && error.message || error) }),
);

const handlers = {
  score: (web, message) => web.score_json(JSON.stringify({ answers: message.answers })),
  decode: (web, message) => web.decode_json(String(message.code)),
  export: (web, message) => web.export_json(String(message.code)),
};

self.onmessage = async (event) => {
  const message = event.data || {};
  const handler = handlers[message.type];
  if (!handler) {
    self.postMessage({ id: message.id, ok: false, error: "Unknown request." });
    return;
  }
  try {
    const web = await scorer;
    const reply = JSON.parse(handler(web, message));
    self.postMessage({ id: message.id, ...reply });
  } catch (error) {
    self.postMessage({ id: message.id, ok: false, error: String(error && error.message || error) });
  }
};
