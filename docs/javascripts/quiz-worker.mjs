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

async function start() {
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    packages: ["ex-quiz"],
    stdout: () => {},
    stderr: () => {},
  });
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
