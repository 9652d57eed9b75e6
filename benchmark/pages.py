"""The benchmark's own pages, written into the site it measures (``__bench__/``): the bare page
(plain ``loadPyodide()`` in a module worker, with its own runtime folder), the compile-only
pages, and the control (the home page starting the scorer as the assessment page does). Also
the site to measure itself: a fresh build, or a copy of one already built (``--site``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmark.paths import (
    BARE_DIR,
    BARE_RUNTIME,
    COMPILE_GZ_PAGE,
    COMPRESSED_BINARY,
    HOME_PROBE,
    HOME_SCORER_PAGE,
    NPM_PYODIDE,
    PLAIN_FILES,
    SCORER_MODULE,
    SCORER_START_MODULE,
    SITE_FILES,
    SITE_RUNTIME,
)
from benchmark.probes import log
from harness import BuildError, build_site

BARE_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare loadPyodide (benchmark)</title></head>
<body>
<p id="ex-status" data-scorer="loading">Loading…</p>
<script type="module">
  const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), {type: "module"});
  worker.onmessage = (event) => {
    const status = document.getElementById("ex-status");
    status.textContent = event.data.ok ? "Ready." : "Failed: " + event.data.error;
    status.dataset.scorer = event.data.ok ? "ready" : "failed";
  };
</script>
</body>
</html>
"""


# Only loadPyodide, with an indexURL and no-op stdout/stderr as the app's worker has: plain
# Pyodide from the benchmark's own runtime folder (BARE_RUNTIME).
BARE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";

const indexURL = new URL("./pyodide/", import.meta.url).href;
loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} }).then(
  () => self.postMessage({ ok: true }),
  (error) => self.postMessage({ ok: false, error: String((error && error.message) || error) }),
);
"""


# Imports scorer-start.mjs first, so its DOMContentLoaded timer (which creates the scorer) runs
# before this one, which only listens; "Ready" then shows as on the bare page.
HOME_PROBE_JS = (
    f'import "../{SCORER_START_MODULE}";\n'
    f'import {{ getScorer }} from "../{SCORER_MODULE}";\n'
    """
const listen = () =>
  setTimeout(() => {
    getScorer().subscribe((status) => {
      if (status.state === "ready" && !document.getElementById("ex-status")) {
        const note = document.createElement("p");
        note.id = "ex-status";
        note.dataset.scorer = "ready";
        document.body.append(note);
      }
    });
  }, 0);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen);
else listen();
"""
)


def home_with_scorer(html: str) -> str:
    """The home page's HTML with the assessment page's scorer start and the status probe."""
    if html.count("</head>") != 1:
        raise RuntimeError("the home page has no single </head> to add the scorer to")
    added = (
        '<meta name="ex-scorer" content="assessment">'
        f'<script type="module" async src="{HOME_PROBE}"></script>'
    )
    return html.replace("</head>", added + "</head>")


# Only fetching and compiling the WebAssembly binary: how much of a start-up that is. The plain
# binary (the browser can keep its compiled code with the cached file) ...
COMPILE_WORKER = """const url = new URL("./pyodide/pyodide.asm.wasm", import.meta.url);
WebAssembly.compileStreaming(fetch(url)).then(
  () => self.postMessage({ ok: true }),
  (error) => self.postMessage({ ok: false, error: String((error && error.message) || error) }),
);
"""


# ... and the site's compressed one, when it ships one: decompressed as a stream into the
# compile, as the site's worker does (a compile from a stream has no cached code to reuse).
COMPILE_GZ_WORKER = """const url = new URL("../pyodide/pyodide.asm.wasm.gz", import.meta.url);
fetch(url)
  .then((response) => {
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const body = response.body.pipeThrough(new DecompressionStream("gzip"));
    const headers = { "Content-Type": "application/wasm" };
    return WebAssembly.compileStreaming(new Response(body, { headers }));
  })
  .then(
    () => self.postMessage({ ok: true }),
    (error) => self.postMessage({ ok: false, error: String((error && error.message) || error) }),
  );
"""


def bare_runtime_sources(site_dir: Path) -> dict[str, Path]:
    """Where each file of the bare page's runtime comes from: Pyodide's own JavaScript and
    uncompressed binary from the npm package, the standard library and lock file from the
    site (the lock file from the package when the site has none)."""
    sources = {name: NPM_PYODIDE / name for name in PLAIN_FILES}
    for name in SITE_FILES:
        built = site_dir / SITE_RUNTIME / name
        sources[name] = built if built.is_file() else NPM_PYODIDE / name
    return sources


def write_bare_runtime(site_dir: Path) -> None:
    """Copy plain Pyodide into the site's ``__bench__/pyodide/`` for the bare page."""
    runtime = site_dir / BARE_RUNTIME
    runtime.mkdir(parents=True, exist_ok=True)
    for name, source in bare_runtime_sources(site_dir).items():
        shutil.copyfile(source, runtime / name)


def write_worker_page(folder: Path, name: str, worker_js: str) -> None:
    """``name``.html and its worker ``name``-worker.mjs (the page posts "Ready" for it)."""
    html = BARE_HTML.replace("bare-worker.mjs", f"{name}-worker.mjs")
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    (folder / f"{name}-worker.mjs").write_text(worker_js, encoding="utf-8")


def write_bare_page(site_dir: Path) -> None:
    """Add the bare ``loadPyodide`` page with its own runtime, the compile-only pages, their
    workers and the home page with the scorer (the control) to the site."""
    bare = site_dir / BARE_DIR
    bare.mkdir(exist_ok=True)
    write_bare_runtime(site_dir)
    write_worker_page(bare, "bare", BARE_WORKER)
    write_worker_page(bare, "compile", COMPILE_WORKER)
    if (site_dir / SITE_RUNTIME / COMPRESSED_BINARY).is_file():
        write_worker_page(bare, "compile-gz", COMPILE_GZ_WORKER)
    (site_dir / HOME_PROBE).write_text(HOME_PROBE_JS, encoding="utf-8")
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    (site_dir / HOME_SCORER_PAGE).write_text(home_with_scorer(home), encoding="utf-8")


def has_compressed_binary(site_dir: Path) -> bool:
    """Whether the served site ships its binary gzip-compressed (the compile-gz page exists)."""
    return (site_dir / COMPILE_GZ_PAGE).is_file()


def site_to_measure(built: Path | None, target: Path) -> Path:
    """A fresh build of the site into ``target``, or a copy of the ``built`` one (the benchmark
    adds its pages to the site and points its sitemap at the local server)."""
    if built is None:
        log("building the site (mkdocs build --strict)")
        return build_site(target)
    if not (built / "index.html").is_file():
        raise BuildError(f"{built} is not a built site (no index.html)")
    log(f"measuring a copy of {built}")
    shutil.copytree(built, target, ignore=shutil.ignore_patterns(BARE_DIR, f"{BARE_DIR}-*"))
    return target
