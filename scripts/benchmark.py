"""Performance benchmark for the playbook: prints a Markdown report (paste it into the docs).

Run from the repository root::

    .venv/bin/python scripts/benchmark.py [--runs N] [--warmup N] [--slow-runs N]
        [--lighthouse mobile|desktop|both|none] [--lighthouse-runs N] [--site DIR]
        [--write FILE]

It builds the site into a temporary directory (``mkdocs build --strict``), serves it on
127.0.0.1 under the GitHub Pages-style sub-path with the test harness's handler, and measures
in Debian's Chromium (Playwright):

1. time from navigation start to the scorer being ready on the assessment page (``#ex-status``
   says it is ready), against a control (the home page starting the scorer the same way: what
   any page of the site pays) and a bare ``loadPyodide({indexURL})`` of plain Pyodide (the npm
   package's uncompressed binary, with the site's standard library) in a module worker on a
   minimal page written into the temporary site; median of N rounds, each run in a fresh
   browser context (cold cache), the three pages interleaved, with each round's ratios;
2. time from the click on "See my level" to the result panel showing the level, measured in
   the page (``performance.timeOrigin + performance.now()``, so it holds across documents);
3. result links and repeat visits, with the memory snapshot's size;
4. on two hosts, one that compresses text only and one that also compresses WebAssembly:
   bytes transferred per page type (WebAssembly and the standard library apart), and a result
   link's first visit on slow 4G;
5. Lighthouse performance and accessibility scores: N runs of each page and preset
   (``--lighthouse-runs``, default 5) in interleaved rounds, reported as medians;
6. comparing a team of 50 people on the team page once the scorer is ready: the worker's
   "team" request alone, and the click on "Compare" to the "Team result" region drawn.

It ends with the targets of issue 25, each with its verdict.

Progress goes to stderr, the report to stdout. The exit status is 0 even when a target is
missed (it is a benchmark, not a test); it is non-zero only when nothing can be measured (the
build fails or the browser does not start).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Playwright,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from harness import (  # noqa: E402
    GZIP_TYPES,
    GZIP_TYPES_AND_WASM,
    SNAPSHOT_CACHE,
    SUB_PATH,
    BuildError,
    SiteServer,
    build_site,
    chromium_executable,
    launch_chromium,
    launch_profile,
    serve_site,
    watch,
)
from quiz import load_bank  # noqa: E402
from quiz.web import score_json  # noqa: E402

# Issue 25's targets.
CONTROL_RATIO_TARGET = 1.05  # assessment ÷ control page, ready, median of the rounds' ratios
CONTROL_RATIO_ROUNDS = 7  # ... of at least this many interleaved rounds
WORKER_RATIO_TARGET = 1.10  # worker phase ÷ bare, median of the rounds' ratios
BYTES_TARGET = 5_000_000  # the assessment's first visit, host that compresses text only
SLOW_LINK_TARGET_MS = 30_000.0  # result link → panel, first visit, slow 4G, same host
REPEAT_LINK_TARGET_MS = 700.0  # result link → panel, repeat visit
TEST_TARGETS = ("`make test` ≤ 180 s (quiet 2-core machine)", "`make test-fast` ≤ 30 s")
SUBMIT_TARGET_MS = 300.0
TIMEOUT_MS = 120_000
LIGHTHOUSE_TIMEOUT_S = 300
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
LIGHTHOUSE_METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
)
BARE_DIR = "__bench__"
BARE_PAGE = f"{BARE_DIR}/bare.html"
# Plain Pyodide for the bare page: the npm package's own files (its uncompressed binary) with
# the site's standard library and lock file, so "bare" starts the same Python the site does.
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
SITE_RUNTIME = "pyodide"
BARE_RUNTIME = f"{BARE_DIR}/pyodide"
PLAIN_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
SITE_FILES = ("python_stdlib.zip", "pyodide-lock.json")
COMPRESSED_BINARY = "pyodide.asm.wasm.gz"
# The control: the site's home page (Material's page, no assessment) starting the scorer exactly
# as the assessment page does. At the site's root so that its relative links still resolve.
HOME_SCORER_PAGE = f"{BARE_DIR}-home.html"
HOME_PROBE = f"{BARE_DIR}/home-scorer.mjs"
ANSWER_LEVEL = 3  # every question answered "3": a deterministic result on levels/level-3/
TEAM_SIZE = 50
TEAM_TARGET_MS = 200.0
TEAM_PAGE = "assessment/team/"

# Installed in every page before its own scripts. It records, once per tab:
#   ready        ms from navigation start until #ex-status[data-scorer=ready];
#   click        wall-clock ms (timeOrigin + now) of the click on the submit button;
#   panel        wall-clock ms when #ex-result shows a result (data-state=result);
#   panel_frame  the same, one animation frame (and task) later: about when it is painted.
# Marks live in sessionStorage so they survive a full page load as well as instant navigation.
MARKS_SCRIPT = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const key = (name) => "bench:" + name;
  const mark = (name, value) => {
    if (sessionStorage.getItem(key(name)) === null) {
      sessionStorage.setItem(key(name), String(value));
    }
  };
  const check = () => {
    const status = document.querySelector("#ex-status[data-scorer=ready]");
    if (status) mark("ready", performance.now());
    const panel = document.querySelector("#ex-result[data-state=result]");
    if (panel && sessionStorage.getItem(key("panel")) === null) {
      mark("panel", now());
      requestAnimationFrame(() => setTimeout(() => mark("panel_frame", now()), 0));
    }
  };
  const watched = {subtree: true, childList: true, characterData: true};
  new MutationObserver(check).observe(document, watched);
  const onClick = (event) => {
    const target = event.target;
    const submit = target instanceof Element && target.closest("[data-ex-action=submit]");
    if (submit) mark("click", now());
  };
  addEventListener("click", onClick, {capture: true});
})();
"""

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
HOME_PROBE_JS = """import "../javascripts/scorer-start.mjs";
import { getScorer } from "../javascripts/scorer.mjs";

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


def home_with_scorer(html: str) -> str:
    """The home page's HTML with the assessment page's scorer start and the status probe."""
    if html.count("</head>") != 1:
        raise RuntimeError("the home page has no single </head> to add the scorer to")
    added = (
        '<meta name="ex-scorer" content="assessment">'
        f'<script type="module" async src="{HOME_PROBE}"></script>'
    )
    return html.replace("</head>", added + "</head>")


def log(message: str) -> None:
    """Progress for the person running the benchmark (stderr keeps stdout pure Markdown)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Pure helpers (tested in tests/test_benchmark_script.py).


@dataclass(frozen=True)
class Stats:
    """Median, minimum and maximum of a series of measurements."""

    median: float
    low: float
    high: float
    count: int


def summarize(values: Sequence[float]) -> Stats | None:
    """Stats of ``values``, or None when there are none."""
    if not values:
        return None
    return Stats(statistics.median(values), min(values), max(values), len(values))


def median_of(stats: Stats | None) -> float | None:
    """The median, or None when nothing was measured."""
    return None if stats is None else stats.median


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def fmt_ms(value: float | None) -> str:
    """Milliseconds for the report: ``1234 ms``, ``12.3 ms``, or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_bytes(value: int | None) -> str:
    """Bytes for the report in kB/MB (SI) with the exact count: ``9.60 MB (9,598,218 B)``."""
    if value is None:
        return "n/a"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB ({value:,} B)"
    if value >= 1_000:
        return f"{value / 1_000:.1f} kB ({value:,} B)"
    return f"{value} B"


def fmt_stats(stats: Stats | None) -> str:
    """``median (min-max, n=N)`` in ms."""
    if stats is None:
        return "n/a"
    return f"{fmt_ms(stats.median)} ({fmt_ms(stats.low)}-{fmt_ms(stats.high)}, n={stats.count})"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; pipes inside cells are escaped."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([line(headers), line(["---"] * len(headers)), *(line(row) for row in rows)])


def url_path(url: str) -> str:
    """A URL without its query and fragment."""
    return url.split("#", 1)[0].split("?", 1)[0]


def is_wasm(url: str) -> bool:
    """Whether a URL names a WebAssembly binary, as it is or gzip-compressed (``.wasm.gz``)."""
    return url_path(url).endswith((".wasm", ".wasm.gz"))


def is_stdlib(url: str) -> bool:
    """Whether a URL names Python's standard library zip."""
    return url_path(url).endswith("/python_stdlib.zip")


@dataclass(frozen=True)
class LighthouseScores:
    """The scores (0-100) and key metrics of one Lighthouse run, or why it failed."""

    performance: float | None = None
    accessibility: float | None = None
    metrics: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def parse_lighthouse(report: dict[str, Any]) -> LighthouseScores:
    """Scores from a Lighthouse JSON report (a runtime error becomes ``error``)."""
    runtime_error = report.get("runtimeError")
    if runtime_error:
        parts = [runtime_error.get("code"), runtime_error.get("message")]
        return LighthouseScores(error=": ".join(str(p) for p in parts if p) or "runtime error")
    categories = report.get("categories", {})

    def score(name: str) -> float | None:
        value = categories.get(name, {}).get("score")
        return None if value is None else round(float(value) * 100)

    audits = report.get("audits", {})
    metrics = {
        label: str(audits[audit_id].get("displayValue", "n/a"))
        for audit_id, label in LIGHTHOUSE_METRICS
        if audit_id in audits
    }
    return LighthouseScores(score("performance"), score("accessibility"), metrics)


def fmt_score(value: float | None) -> str:
    """A Lighthouse score out of 100 (``98``; a median between two runs ``98.5``), or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def tbt_ms(scores: LighthouseScores) -> float | None:
    """Total Blocking Time in ms from Lighthouse's display value (``"40 ms"``, ``"1,230 ms"``)."""
    text = scores.metrics.get("TBT")
    if not text:
        return None
    match = re.match(r"([\d,.]+)\s*(ms|s)", text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    return value * 1000 if match.group(2) == "s" else value


@dataclass
class LighthouseRuns:
    """Every Lighthouse run of one page and preset, in the order they ran (failed ones too)."""

    label: str
    preset: str
    runs: list[LighthouseScores] = field(default_factory=list)


def successful(runs: Sequence[LighthouseScores]) -> list[LighthouseScores]:
    """The runs that produced a report: the ones the medians are taken over."""
    return [run for run in runs if run.error is None]


def performance_stats(runs: Sequence[LighthouseScores]) -> Stats | None:
    """Median, range and count of the performance scores of the successful runs."""
    return summarize([r.performance for r in successful(runs) if r.performance is not None])


def accessibility_median(runs: Sequence[LighthouseScores]) -> float | None:
    """Median accessibility score of the successful runs."""
    return median_of(
        summarize([r.accessibility for r in successful(runs) if r.accessibility is not None])
    )


def tbt_stats(runs: Sequence[LighthouseScores]) -> Stats | None:
    """Median, range and count of the Total Blocking Time (ms) of the successful runs."""
    return summarize([tbt for tbt in map(tbt_ms, successful(runs)) if tbt is not None])


def median_run(runs: Sequence[LighthouseScores]) -> LighthouseScores | None:
    """The successful run whose performance score is the median, or None.

    With an even count it is the lower of the two middle scores; among runs tied on that score,
    the one with the median TBT (again the lower middle one; a missing TBT sorts last).
    """
    scored = [(r.performance, r) for r in successful(runs) if r.performance is not None]
    if not scored:
        return None
    middle = statistics.median_low([performance for performance, _ in scored])

    def tbt_key(run: LighthouseScores) -> float:
        tbt = tbt_ms(run)
        return float("inf") if tbt is None else tbt

    tied = sorted((r for performance, r in scored if performance == middle), key=tbt_key)
    return tied[(len(tied) - 1) // 2]


def failed_runs(runs: Sequence[LighthouseScores]) -> str:
    """``1 of 3 runs failed: <first error>``, or "" when every run succeeded."""
    errors = [r.error for r in runs if r.error is not None]
    if not errors:
        return ""
    noun = "run" if len(runs) == 1 else "runs"
    return f"{len(errors)} of {len(runs)} {noun} failed: {errors[0]}"


def fmt_tbt(value: float | None) -> str:
    """Total Blocking Time in whole ms (Lighthouse rounds it to 10 ms), or ``n/a``."""
    return "n/a" if value is None else f"{value:.0f} ms"


def fmt_score_stats(stats: Stats | None) -> str:
    """Performance as ``median (min-max, n=N)``: ``99 (97-99, n=3)``."""
    if stats is None:
        return "n/a"
    low, high = fmt_score(stats.low), fmt_score(stats.high)
    return f"{fmt_score(stats.median)} ({low}-{high}, n={stats.count})"


def fmt_tbt_stats(stats: Stats | None) -> str:
    """TBT as ``median 30 ms (20 ms-40 ms)``."""
    if stats is None:
        return "n/a"
    return f"median {fmt_tbt(stats.median)} ({fmt_tbt(stats.low)}-{fmt_tbt(stats.high)})"


def lighthouse_schedule(
    pages: Sequence[tuple[str, str]], presets: Sequence[str], runs: int
) -> list[tuple[int, str, str, str]]:
    """Every Lighthouse run as (round, page label, page path, preset), in the order to run them.

    Each round runs every page and preset once, so a burst of noise on the machine spreads over
    the pages instead of falling on the runs of one.
    """
    return [
        (round_, label, path, preset)
        for round_ in range(1, runs + 1)
        for label, path in pages
        for preset in presets
    ]


@dataclass(frozen=True)
class Target:
    """One performance target: what it is, what was measured, and whether it was met."""

    name: str
    measured: str
    passed: bool | None  # None: could not be measured
    outside: bool = False  # measured outside the benchmark (a timed `make test`)


def verdict(passed: bool | None) -> str:
    """PASS, FAIL or NOT MEASURED."""
    return {True: "PASS", False: "FAIL", None: "NOT MEASURED"}[passed]


def target_result(target: Target) -> str:
    """The Result cell: the verdict, or where a target outside the benchmark is timed."""
    return "timed outside `make bench`" if target.outside else verdict(target.passed)


def at_most(value: float | None, limit: float) -> bool | None:
    """Whether ``value`` is at most ``limit``; None when it was not measured."""
    return None if value is None else value <= limit


def lighthouse_presets(choice: str) -> list[str]:
    """The Lighthouse presets to run for a ``--lighthouse`` choice."""
    return {"both": ["mobile", "desktop"], "none": []}.get(choice, [choice])


# ---------------------------------------------------------------------------------------------
# Build and serve.


# Only fetching and compiling the WebAssembly binary: how much of a start-up that is. The plain
# binary (the browser can keep its compiled code with the cached file) ...
COMPILE_WORKER = """const url = new URL("./pyodide/pyodide.asm.wasm", import.meta.url);
WebAssembly.compileStreaming(fetch(url)).then(
  () => self.postMessage({ ok: true }),
  (error) => self.postMessage({ ok: false, error: String((error && error.message) || error) }),
);
"""
COMPILE_PAGE = f"{BARE_DIR}/compile.html"
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
COMPILE_GZ_PAGE = f"{BARE_DIR}/compile-gz.html"


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


# ---------------------------------------------------------------------------------------------
# Browser measurements.


@dataclass(frozen=True)
class Expected:
    """The answers the benchmark gives and the result the CPython scorer gives for them."""

    answers: dict[str, int]
    level: int
    code: str
    page: str  # the level page's site path, such as "levels/level-3/"


def expected_result() -> Expected:
    """Every question answered ``ANSWER_LEVEL``, scored by the CPython scorer."""
    answers = {q.id: ANSWER_LEVEL for q in load_bank().questions}
    reply = json.loads(score_json(json.dumps({"answers": answers})))
    result = reply["result"]
    page = str(result["page"]).removesuffix(".md") + "/"
    return Expected(answers, int(result["level"]), str(result["code"]), page)


def read_marks(page: Page) -> dict[str, float]:
    """The marks MARKS_SCRIPT recorded in this tab."""
    raw: dict[str, str] = page.evaluate(
        "Object.fromEntries(Object.keys(sessionStorage).filter((k) => k.startsWith('bench:'))"
        ".map((k) => [k.slice(6), sessionStorage.getItem(k)]))"
    )
    return {name: float(value) for name, value in raw.items()}


def wait_for_mark(page: Page, name: str) -> None:
    page.wait_for_function(
        f"() => sessionStorage.getItem('bench:{name}') !== null", timeout=TIMEOUT_MS, polling=50
    )


@dataclass(frozen=True)
class Startup:
    """One cold start, in ms from navigation start: worker script requested, scorer ready."""

    ready: float
    worker_start: float | None


WORKER_START_JS = """
performance.getEntriesByType("resource")
  .find((entry) => /(quiz|bare)-worker\\.mjs$/.test(entry.name))?.startTime ?? null
"""


def open_ready(browser: Browser, url: str) -> tuple[Page, Startup]:
    """Open ``url`` in a fresh context and wait until it reads "Ready"; time the start-up."""
    context = browser.new_context()
    context.add_init_script(MARKS_SCRIPT)
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    wait_for_mark(page, "ready")
    worker_start = page.evaluate(WORKER_START_JS)
    ready = read_marks(page)["ready"]
    return page, Startup(ready, None if worker_start is None else float(worker_start))


@dataclass(frozen=True)
class SubmitTiming:
    """Click on "See my level" to the result panel, in ms; and whether the JS realm survived."""

    to_panel: float
    to_frame: float
    same_realm: bool


def submit_and_time(page: Page, expected: Expected) -> SubmitTiming:
    """Answer every question, submit, and time the result panel on the level page."""
    for question_id, level in expected.answers.items():
        page.locator(f"label[for='q-{question_id}-{level}']").click()
    page.evaluate("window.__benchRealm = true")
    page.get_by_role("button", name="See my level").click()
    page.wait_for_url(f"**/{expected.page}#result=*", timeout=TIMEOUT_MS)
    wait_for_mark(page, "panel_frame")
    marks = read_marks(page)
    heading = page.locator("#ex-result h2").inner_text()
    if f"Level {expected.level}" not in heading:
        raise RuntimeError(f"unexpected result heading: {heading!r}")
    same_realm = bool(page.evaluate("window.__benchRealm === true"))
    return SubmitTiming(
        marks["panel"] - marks["click"], marks["panel_frame"] - marks["click"], same_realm
    )


@dataclass
class StartupRuns:
    """Every round of the start-up comparison (page -> its run, for the runs that succeeded),
    the submit timings, and the errors of runs that failed."""

    rounds: list[dict[str, Startup]] = field(default_factory=list)
    submit: list[SubmitTiming] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def of(self, page: str) -> list[Startup]:
        """The successful runs of ``page`` ("app", "home" or "bare"), in order."""
        return [round_[page] for round_ in self.rounds if page in round_]


def phase_ms(start: Startup, phase: str) -> float | None:
    """One phase of a start-up in ms: "before" the worker script is requested, "worker" from
    then to ready, or "total"; None when the worker's request was not seen."""
    if phase == "total":
        return start.ready
    if start.worker_start is None:
        return None
    return start.worker_start if phase == "before" else start.ready - start.worker_start


def paired_ratios(runs: StartupRuns, top: str, bottom: str, phase: str = "total") -> list[float]:
    """``top`` ÷ ``bottom`` for ``phase``, round by round, over the rounds where both ran.

    A round's runs are back to back and share the machine's load at that moment, so their
    ratio drifts less than a ratio of medians.
    """
    found = []
    for round_ in runs.rounds:
        if top in round_ and bottom in round_:
            value = ratio(phase_ms(round_[top], phase), phase_ms(round_[bottom], phase))
            if value is not None:
                found.append(value)
    return found


def app_run(browser: Browser, base: str, expected: Expected) -> tuple[Startup, SubmitTiming]:
    """One cold run of the assessment page: ready time, then the submit timing."""
    page, startup = open_ready(browser, base + "assessment/")
    try:
        return startup, submit_and_time(page, expected)
    finally:
        page.context.close()


def page_run(browser: Browser, url: str) -> Startup:
    """One cold run of a page that only starts a scorer (bare or control) until "Ready"."""
    page, startup = open_ready(browser, url)
    page.context.close()
    return startup


def startup_steps(
    browser: Browser, base: str, expected: Expected, index: int
) -> list[tuple[str, Callable[[], Startup | tuple[Startup, SubmitTiming]]]]:
    """The round's three runs, the order rotating from round to round."""
    steps: list[tuple[str, Callable[[], Startup | tuple[Startup, SubmitTiming]]]] = [
        ("app", functools.partial(app_run, browser, base, expected)),
        ("bare", functools.partial(page_run, browser, base + BARE_PAGE)),
        ("home", functools.partial(page_run, browser, base + HOME_SCORER_PAGE)),
    ]
    turn = index % len(steps)
    return steps[turn:] + steps[:turn]


def measure_startup(
    browser: Browser, base: str, expected: Expected, count: int, warmup: int
) -> StartupRuns:
    """Interleaved app, bare and control runs in rounds; the first ``warmup`` rounds are
    dropped."""
    runs = StartupRuns()
    for index in range(warmup + count):
        keep = index >= warmup
        label = f"run {index + 1 - warmup}/{count}" if keep else f"warm-up {index + 1}"
        round_: dict[str, Startup] = {}
        for name, step in startup_steps(browser, base, expected, index):
            log(f"start-up {label}: {name}")
            try:
                result = step()
            except (PlaywrightError, RuntimeError, KeyError) as error:
                runs.errors.append(f"{name} {label}: {first_line(error)}")
                continue
            if isinstance(result, tuple):
                result, submit = result
                runs.submit += [submit] if keep else []
            round_[name] = result
        if keep:
            runs.rounds.append(round_)
    return runs


def first_line(error: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


@dataclass(frozen=True)
class PageBytes:
    """What one page load transferred."""

    label: str
    kind: str  # "home", "level", "assessment" or "result"
    total: int | None = None
    wasm: int | None = None
    requests: int = 0
    foreign: int = 0
    error: str | None = None
    stdlib: int | None = None
    offline: int | None = None  # sent after settling, until the site's offline copy was in


@dataclass(frozen=True)
class Transfer:
    """Response-body bytes of a page load: in all, of the WebAssembly binary, of the stdlib."""

    total: int = 0
    wasm: int = 0
    stdlib: int = 0


def add_transfer(sum_: Transfer, url: str, size: int) -> Transfer:
    """``sum_`` with one response of ``size`` bytes from ``url`` added."""
    return Transfer(
        sum_.total + size,
        sum_.wasm + (size if is_wasm(url) else 0),
        sum_.stdlib + (size if is_stdlib(url) else 0),
    )


def transferred(sent: Sequence[tuple[str, int]]) -> Transfer:
    """The response-body bytes the server sent, from its log of (path, bytes): compressed
    where the host compressed them, nothing for a 304."""
    found = Transfer()
    for path, size in sent:
        found = add_transfer(found, path, size)
    return found


# Resolves once the site's offline copy (its service worker) is installed and active, or at
# once when the page registered none; false after the time given.
OFFLINE_COPY_JS = """
async (timeout) => {
  if (!("serviceWorker" in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return false;
  const late = new Promise((resolve) => setTimeout(() => resolve(false), timeout));
  return Promise.race([navigator.serviceWorker.ready.then(() => true), late]);
}
"""


def measure_bytes(pw: Playwright, served: SiteServer, label: str, kind: str, url: str) -> PageBytes:
    """Bytes the server sent for a first visit of ``url`` with a new browser profile on disk
    (its HTTP cache keeps the large files, as a reader's does): until ``SETTLE`` says the page
    is done, then until the site's offline copy is in."""
    with tempfile.TemporaryDirectory(prefix="ex-bench-bytes-") as profile:
        context = launch_profile(pw, profile)
        context.add_init_script(MARKS_SCRIPT)
        try:
            return page_bytes(context, served.sent, label, kind, url)
        except (PlaywrightError, RuntimeError) as error:
            return PageBytes(label, kind, error=first_line(error))
        finally:
            context.close()


def page_bytes(
    context: Any, log_: list[tuple[str, int]], label: str, kind: str, url: str
) -> PageBytes:
    """What the server sent (``log_``) for a first visit of ``url`` in ``context``."""
    watched = watch(context)
    start = len(log_)
    watched.page.goto(url, timeout=TIMEOUT_MS)
    SETTLE[kind](watched.page)
    settled = log_[start:]
    sent = transferred(settled)
    watched.page.evaluate(OFFLINE_COPY_JS, TIMEOUT_MS)
    watched.page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    offline = transferred(log_[start:]).total - sent.total
    foreign = len(watched.foreign_requests)
    return PageBytes(
        label,
        kind,
        sent.total,
        sent.wasm,
        len(settled),
        foreign,
        stdlib=sent.stdlib,
        offline=offline,
    )


def settle_idle(page: Page) -> None:
    """Plain pages: the load event and network idle."""
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)


def settle_ready(page: Page) -> None:
    wait_for_mark(page, "ready")


def settle_panel(page: Page) -> None:
    wait_for_mark(page, "panel_frame")


SETTLE: dict[str, Callable[[Page], None]] = {
    "home": settle_idle,
    "level": settle_idle,
    "assessment": settle_ready,
    "result": settle_panel,
}


def measure_all_bytes(pw: Playwright, served: SiteServer, expected: Expected) -> list[PageBytes]:
    """Bytes for home, a level page, the assessment page and a level page with a result link."""
    level = expected.page
    pages = [
        ("Home", "home", ""),
        (f"Level page ({level})", "level", level),
        ("Assessment (until the scorer is ready)", "assessment", "assessment/"),
        (
            f"Level page from a result link ({level}#result=…)",
            "result",
            f"{level}#result={expected.code}",
        ),
    ]
    results = []
    for label, kind, path in pages:
        log(f"bytes: {label}")
        results.append(measure_bytes(pw, served, label, kind, served.base_url + path))
    return results


# ---------------------------------------------------------------------------------------------
# Result links and repeat visits, unthrottled and on slow 4G.

# Chrome DevTools' network emulation (it covers the page's workers too): "slow 4G".
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


@dataclass
class VisitRuns:
    """Times in ms from navigation start, cold (empty cache) and repeat (same browser cache),
    and the size of the memory snapshot the first visits saved."""

    link_cold: list[float] = field(default_factory=list)
    link_repeat: list[float] = field(default_factory=list)
    ready_repeat_app: list[float] = field(default_factory=list)
    ready_repeat_bare: list[float] = field(default_factory=list)
    compile_repeat: list[float] = field(default_factory=list)
    compile_gz_repeat: list[float] = field(default_factory=list)
    snapshot_bytes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def time_in_page(page: Page, url: str, mark: str, throttle: dict[str, Any] | None) -> float:
    """Open ``url`` in ``page`` and return ms from navigation start to ``mark``."""
    if throttle is not None:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", throttle)
    page.goto(url, timeout=TIMEOUT_MS * 5)
    page.wait_for_function(
        f"() => sessionStorage.getItem('bench:{mark}') !== null", timeout=TIMEOUT_MS * 5
    )
    marks = read_marks(page)
    if mark == "ready":
        return marks["ready"]
    origin = float(page.evaluate("performance.timeOrigin"))
    return marks[mark] - origin


# The largest entry of the scorer's snapshot cache in bytes, or null when it has none.
SNAPSHOT_SIZE_JS = """
async (name) => {
  if (typeof caches !== "object" || !(await caches.has(name))) return null;
  const cache = await caches.open(name);
  let largest = null;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const size = response ? (await response.blob()).size : 0;
    if (largest === null || size > largest) largest = size;
  }
  return largest;
}
"""


def snapshot_size(page: Page, tries: int = 40) -> int | None:
    """The scorer's memory snapshot in Cache Storage, in bytes (it is saved in the background
    after "ready", so wait a little for it), or None when none was saved."""
    for _ in range(tries):
        size = page.evaluate(SNAPSHOT_SIZE_JS, SNAPSHOT_CACHE)
        if size:
            return int(size)
        page.wait_for_timeout(250)
    return None


@dataclass(frozen=True)
class Visit:
    """A first and a repeat visit in ms, and the snapshot in the cache after them (bytes)."""

    first: float
    repeat: float
    snapshot: int | None = None


def cold_and_repeat(
    pw: Playwright,
    url: str,
    mark: str,
    throttle: dict[str, Any] | None = None,
    *,
    snapshot: bool = False,
) -> Visit:
    """A first visit with a new browser profile, then a second visit in a new tab of it.

    The profile lives on disk, as a reader's does: a Playwright context of the shared browser
    is an incognito one, whose in-memory HTTP cache keeps no file larger than about a tenth of
    its size, so Python's WebAssembly binary would be downloaded again on every "repeat"
    visit, which no reader's browser does. With ``snapshot``, the scorer's memory snapshot is
    weighed after the repeat visit.
    """
    with tempfile.TemporaryDirectory(prefix="ex-bench-profile-") as profile:
        context = launch_profile(pw, profile)
        context.add_init_script(MARKS_SCRIPT)
        try:
            first = time_in_page(context.new_page(), url, mark, throttle)
            page = context.new_page()
            repeat = time_in_page(page, url, mark, throttle)
            size = snapshot_size(page) if snapshot else None
        finally:
            context.close()
    return Visit(first, repeat, size)


def has_compressed_binary(site_dir: Path) -> bool:
    """Whether the served site ships its binary gzip-compressed (the compile-gz page exists)."""
    return (site_dir / COMPILE_GZ_PAGE).is_file()


def visit_steps(
    pw: Playwright, base: str, expected: Expected, runs: VisitRuns, site_dir: Path
) -> list[tuple[str, Callable[[], None]]]:
    """One result link's first and repeat visit, and one repeat visit of each start-up page."""
    link = f"{base}{expected.page}#result={expected.code}"
    gz = has_compressed_binary(site_dir)

    def link_run() -> None:
        visit = cold_and_repeat(pw, link, "panel_frame", snapshot=True)
        runs.link_cold.append(visit.first)
        runs.link_repeat.append(visit.repeat)
        runs.snapshot_bytes += [] if visit.snapshot is None else [visit.snapshot]

    def ready_run() -> None:
        runs.ready_repeat_app.append(cold_and_repeat(pw, base + "assessment/", "ready").repeat)
        runs.ready_repeat_bare.append(cold_and_repeat(pw, base + BARE_PAGE, "ready").repeat)
        runs.compile_repeat.append(cold_and_repeat(pw, base + COMPILE_PAGE, "ready").repeat)
        if gz:
            compile_gz = cold_and_repeat(pw, base + COMPILE_GZ_PAGE, "ready").repeat
            runs.compile_gz_repeat.append(compile_gz)

    return [("result link", link_run), ("repeat visit", ready_run)]


def measure_visits(
    pw: Playwright, base: str, expected: Expected, count: int, site_dir: Path
) -> VisitRuns:
    """Result link to panel (first and repeat visit); repeat-visit readiness."""
    runs = VisitRuns()
    for index in range(count):
        for name, step in visit_steps(pw, base, expected, runs, site_dir):
            label = f"{name} {index + 1}/{count}"
            log(label)
            try:
                step()
            except (PlaywrightError, RuntimeError, KeyError) as error:
                runs.errors.append(f"{label}: {first_line(error)}")
    return runs


# ---------------------------------------------------------------------------------------------
# Two hosts: bytes and a slow-4G first visit.


@dataclass(frozen=True)
class Host:
    """A static host, by what it compresses."""

    label: str
    compress: frozenset[str]


TEXT_HOST = Host("Host compresses text only", GZIP_TYPES)
WASM_HOST = Host("Host also compresses application/wasm", GZIP_TYPES_AND_WASM)


@dataclass
class HostRuns:
    """What one host's first visits transferred, and its slow-4G result links."""

    host: Host
    page_bytes: list[PageBytes] = field(default_factory=list)
    slow_cold: list[float] = field(default_factory=list)
    slow_repeat: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def measure_host(
    pw: Playwright, served: SiteServer, expected: Expected, host: Host, slow_runs: int
) -> HostRuns:
    """Bytes per page and ``slow_runs`` result links on slow 4G, served as ``host`` serves."""
    runs = HostRuns(host, measure_all_bytes(pw, served, expected))
    link = f"{served.base_url}{expected.page}#result={expected.code}"
    for index in range(slow_runs):
        label = f"{host.label}: slow 4G result link {index + 1}/{slow_runs}"
        log(label)
        try:
            visit = cold_and_repeat(pw, link, "panel_frame", SLOW_4G)
        except (PlaywrightError, RuntimeError, KeyError) as error:
            runs.errors.append(f"{label}: {first_line(error)}")
            continue
        runs.slow_cold.append(visit.first)
        runs.slow_repeat.append(visit.repeat)
    return runs


def host_of(report_hosts: Sequence[HostRuns], host: Host) -> HostRuns | None:
    """The runs of ``host``, or None when it was not measured."""
    return next((runs for runs in report_hosts if runs.host == host), None)


# ---------------------------------------------------------------------------------------------
# Lighthouse.


def run_lighthouse(url: str, preset: str, out_dir: Path, run: int = 1) -> LighthouseScores:
    """Lighthouse run number ``run`` (``preset`` is "mobile", Lighthouse's default, or "desktop").

    Each run writes its own report file, so a failed run can never read an earlier run's report.
    """
    if not LIGHTHOUSE.exists():
        return LighthouseScores(error=f"{LIGHTHOUSE.relative_to(ROOT)} not found (npm ci)")
    slug = "".join(c if c.isalnum() else "-" for c in url.split(SUB_PATH, 1)[-1]) or "home"
    out = out_dir / f"lighthouse-{preset}-{slug}-{run}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium_executable() or "/usr/bin/chromium"}
    try:
        proc = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=LIGHTHOUSE_TIMEOUT_S,
            check=False,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return LighthouseScores(error=f"timed out after {LIGHTHOUSE_TIMEOUT_S} s")
    except OSError as error:
        return LighthouseScores(error=first_line(error))
    if proc.returncode != 0 or not out.is_file():
        lines = (proc.stderr or proc.stdout or f"exit status {proc.returncode}").strip()
        return LighthouseScores(error=lines.splitlines()[-1] if lines else "failed")
    try:
        return parse_lighthouse(json.loads(out.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError) as error:
        return LighthouseScores(error=f"unreadable report: {first_line(error)}")


def measure_lighthouse(
    base: str,
    presets: Sequence[str],
    pages: Sequence[tuple[str, str]],
    out_dir: Path,
    runs: int,
) -> list[LighthouseRuns]:
    """``runs`` Lighthouse runs of each page and preset, in rounds (see lighthouse_schedule)."""
    results = {
        (label, preset): LighthouseRuns(label, preset) for label, _ in pages for preset in presets
    }
    for round_, label, path, preset in lighthouse_schedule(pages, presets, runs):
        log(f"lighthouse ({preset}) run {round_}/{runs}: {label}")
        scores = run_lighthouse(base + path, preset, out_dir, round_)
        results[(label, preset)].runs.append(scores)
    return list(results.values())


# ---------------------------------------------------------------------------------------------
# The team comparison.


def team_text(size: int = TEAM_SIZE, seed: int = 50) -> str:
    """The "Result links" box for ``size`` people with random answers (fixed seed)."""
    rng = random.Random(seed)
    questions = [q.id for q in load_bank().questions]
    lines = []
    for person in range(1, size + 1):
        answers = {qid: rng.choice([1, 2, 3, 4, 5, None]) for qid in questions}
        reply = json.loads(score_json(json.dumps({"answers": answers})))
        lines.append(f"Person {person}: {reply['result']['code']}")
    return "\n".join(lines)


# In the team page, once its scorer is ready: the worker's "team" request alone, then a click
# on "Compare" until the "Team result" region holds the whole comparison (its last part, the
# buttons, is drawn last) and one frame later. performance.now() in the page throughout.
TEAM_TIMING_JS = """
async ([scorerUrl, text, size]) => {
  const { getScorer } = await import(scorerUrl);
  const started = performance.now();
  const reply = await getScorer().request("team", { text });
  const request = performance.now() - started;
  if (!reply.ok || reply.result.members.length !== size) throw new Error("unexpected team reply");
  const region = document.getElementById("ex-team-result");
  region.replaceChildren();
  region.hidden = true;
  document.getElementById("ex-team-links").value = text;
  const drawn = () => !region.hidden && region.querySelector(".ex-agenda ~ div .md-button");
  const timing = new Promise((resolve) => {
    const click = performance.now();
    const observer = new MutationObserver(() => {
      if (!drawn()) return;
      observer.disconnect();
      const dom = performance.now() - click;
      requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - click])));
    });
    observer.observe(region, { childList: true, subtree: true, attributes: true });
    document.querySelector("[data-ex-action=compare]").click();
  });
  const [dom, frame] = await timing;
  return { request, dom, frame };
}
"""


@dataclass(frozen=True)
class TeamTiming:
    """One comparison of TEAM_SIZE people, in ms."""

    request: float
    to_dom: float
    to_frame: float


@dataclass
class TeamRuns:
    """Every timed comparison, and the errors of runs that failed."""

    runs: list[TeamTiming] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def measure_team(browser: Browser, base: str, count: int, warmup: int) -> TeamRuns:
    """Compare TEAM_SIZE people ``warmup + count`` times on one team page; keep the last."""
    result = TeamRuns()
    text = team_text()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + TEAM_PAGE, timeout=TIMEOUT_MS)
        page.locator("#ex-team-status").filter(has_text="Ready").wait_for(timeout=TIMEOUT_MS)
        for index in range(warmup + count):
            log(
                f"team comparison {index + 1 - warmup}/{count}"
                if index >= warmup
                else "team warm-up"
            )
            try:
                timing = page.evaluate(
                    TEAM_TIMING_JS, [base + "javascripts/scorer.mjs", text, TEAM_SIZE]
                )
            except PlaywrightError as error:
                result.errors.append(f"team run {index + 1}: {first_line(error)}")
                continue
            if index >= warmup:
                result.runs.append(
                    TeamTiming(
                        float(timing["request"]), float(timing["dom"]), float(timing["frame"])
                    )
                )
    except PlaywrightError as error:
        result.errors.append(f"team page: {first_line(error)}")
    finally:
        context.close()
    return result


def team_section(report: Report) -> list[str]:
    runs = report.team.runs
    rows = [
        ["Worker request (`team`, Python only)", fmt_stats(summarize([t.request for t in runs]))],
        [
            "Click on “Compare” → “Team result” drawn (DOM)",
            fmt_stats(summarize([t.to_dom for t in runs])),
        ],
        ["Click → one frame later (≈ painted)", fmt_stats(summarize([t.to_frame for t in runs]))],
    ]
    return [
        f"## Team comparison ({TEAM_SIZE} people)",
        "",
        f"The team page with its scorer ready; {TEAM_SIZE} result codes with random answers "
        "(fixed seed) in the “Result links” box. Each run first times the worker's `team` "
        "request on its own, then a click on “Compare” until the “Team result” region holds "
        "the whole comparison (MutationObserver; chart, tables, agenda and buttons), with "
        "`performance.now()` in the page; one warm-up run dropped.",
        "",
        markdown_table(["Measure", "Time"], rows),
        *(
            ["", "Failed runs:", "", *(f"- {e}" for e in report.team.errors)]
            if report.team.errors
            else []
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Environment and report.


def package_version(path: Path) -> str:
    """``version`` from an npm package.json, or ``unknown``."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"


def git_revision() -> str:
    """Short commit of the working tree, marked ``+dirty`` when it has changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def environment(browser_version: str, site: Path | None = None) -> list[tuple[str, str]]:
    built = "built from the working tree" if site is None else f"a copy of `{site}` (`--site`)"
    return [
        ("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Commit", git_revision()),
        ("Site measured", built),
        ("Chromium", f"{browser_version} ({chromium_executable() or 'Playwright bundled'})"),
        ("Pyodide", package_version(ROOT / "node_modules" / "pyodide" / "package.json")),
        ("Lighthouse", package_version(ROOT / "node_modules" / "lighthouse" / "package.json")),
        ("Playwright (Python)", importlib.metadata.version("playwright")),
        ("Python", platform.python_version()),
        ("Machine", f"{platform.platform()}, {os.cpu_count()} CPUs"),
    ]


@dataclass
class Report:
    """Everything measured, ready to print."""

    runs: int
    warmup: int
    env: list[tuple[str, str]]
    startup: StartupRuns
    hosts: list[HostRuns]
    lighthouse: list[LighthouseRuns]
    visits: VisitRuns = field(default_factory=VisitRuns)
    elapsed_s: float = 0.0
    team: TeamRuns = field(default_factory=TeamRuns)


PHASES = ("before", "worker", "total")


def phases(starts: Sequence[Startup]) -> dict[str, Stats | None]:
    """Stats of each start-up phase: before the worker, in the worker, and in total."""
    found = {}
    for phase in PHASES:
        values = [phase_ms(start, phase) for start in starts]
        found[phase] = summarize([value for value in values if value is not None])
    return found


def plural(count: int, noun: str) -> str:
    """``1 round``, ``7 rounds``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fmt_ratio(value: float | None) -> str:
    """A ratio such as ``1.08x``, or ``n/a``."""
    return "n/a" if value is None else f"{value:.2f}x"


def fmt_ratio_stats(stats: Stats | None) -> str:
    """Ratios as ``median (min-max, n=N)``: ``1.10x (1.05x-1.20x, n=3)``."""
    if stats is None:
        return "n/a"
    low, high = fmt_ratio(stats.low), fmt_ratio(stats.high)
    return f"{fmt_ratio(stats.median)} ({low}-{high}, n={stats.count})"


PHASE_LABELS = {
    "before": "Navigation start → worker script requested",
    "worker": "Worker script requested → ready (in the worker, plus the message back)",
    "total": "**Navigation start → ready**",
}
# (label, numerator page, denominator page, phase, what it is for)
CONTROL_USE = f"target ≤ {CONTROL_RATIO_TARGET:.2f}x"
WORKER_USE = f"target ≤ {WORKER_RATIO_TARGET:.2f}x"
RATIOS = (
    ("Assessment ÷ control, ready", "app", "home", "total", CONTROL_USE),
    ("Assessment ÷ bare, worker phase", "app", "bare", "worker", WORKER_USE),
    ("Control ÷ bare, worker phase", "home", "bare", "worker", "information"),
    ("Assessment ÷ bare, ready", "app", "bare", "total", "information"),
    ("Control ÷ bare, ready", "home", "bare", "total", "information"),
)


def ratio_rows(report: Report) -> list[list[str]]:
    """Each ratio of RATIOS: round by round, and of the medians."""
    runs = report.startup
    rows = []
    for label, top, bottom, phase, purpose in RATIOS:
        paired = summarize(paired_ratios(runs, top, bottom, phase))
        of_medians = ratio(
            median_of(phases(runs.of(top))[phase]), median_of(phases(runs.of(bottom))[phase])
        )
        rows.append([label, fmt_ratio_stats(paired), fmt_ratio(of_medians), purpose])
    return rows


def startup_section(report: Report) -> list[str]:
    app, home, bare = (phases(report.startup.of(page)) for page in ("app", "home", "bare"))
    rows = [
        [label, fmt_stats(app[key]), fmt_stats(home[key]), fmt_stats(bare[key])]
        for key, label in PHASE_LABELS.items()
    ]
    return [
        "## Scorer start-up (cold cache)",
        "",
        f"{plural(report.runs, 'round')} (after {plural(report.warmup, 'warm-up round')}, "
        "dropped); each round "
        "runs the three pages once, in an order that rotates from round to round, each in a "
        "fresh browser context. Served from 127.0.0.1 by the host that compresses text only, "
        "with no network throttling. “Ready” is `#ex-status[data-scorer=ready]`.",
        "",
        "- **Assessment page**: the site's own start, its worker downloading the site's "
        "runtime files, the `ex-quiz` wheel and `import quiz.web`.",
        "- **Control**: the home page (Material's page with no assessment: no form, no module "
        "preloads) starting the scorer exactly as the assessment page does. What any page of "
        "the site pays before its worker can start.",
        "- **Bare page**: a minimal page whose module worker runs only "
        "`loadPyodide({indexURL})` of plain Pyodide: the npm package's JavaScript and "
        "uncompressed binary, with the site's standard library (`__bench__/pyodide/`, "
        "written by the benchmark). The worker phases' ratio is what the site's worker adds "
        "to Pyodide, decompressing the binary included.",
        "",
        "Median (min-max, n) of the successful runs. The worker's request time comes from the "
        "page's resource timing; the phases' medians need not add up to the total's.",
        "",
        markdown_table(["Phase", "Assessment page", "Control (home page)", "Bare page"], rows),
        "",
        "The ratios. “Round by round” is the median of each round's ratio (a round's runs are "
        "back to back and share the machine's load, so this drifts less); the targets use it.",
        "",
        markdown_table(["Ratio", "Round by round", "Of the medians", "Use"], ratio_rows(report)),
    ]


def submit_section(report: Report) -> list[str]:
    timings = report.startup.submit
    to_panel = summarize([t.to_panel for t in timings])
    to_frame = summarize([t.to_frame for t in timings])
    realms = {t.same_realm for t in timings}
    realm = {frozenset({True}): "yes, every run", frozenset({False}): "no (full page load)"}.get(
        frozenset(realms), "mixed" if realms else "n/a"
    )
    rows = [
        ["Click → panel shows the level (DOM)", fmt_stats(to_panel)],
        ["Click → panel, one frame later (≈ painted)", fmt_stats(to_frame)],
        ["Instant navigation kept the same JS realm", realm],
    ]
    return [
        "## Submit → result",
        "",
        "Scorer already ready; every question answered by clicking its label; timed in the page "
        "from the click on “See my level” (capture listener) to `#ex-result` showing the level "
        "on the level page (MutationObserver), with `performance.timeOrigin + performance.now()`. "
        "It covers scoring in the worker, Material's instant navigation (fetching the level "
        "page) and rendering. The served copy's `sitemap.xml` points at the local origin: "
        "Material keeps the sitemap's port when matching links, so with the production "
        "`site_url` no link on `127.0.0.1:<port>` would use instant navigation.",
        "",
        markdown_table(["Measure", "Time"], rows),
    ]


INITIAL_HEAP = 30 * 1024 * 1024  # Pyodide's initial memory; a snapshot holds all of it


def fmt_snapshot(sizes: Sequence[int]) -> str:
    """The snapshot's size (the median of the runs) next to Pyodide's initial 30 MiB heap."""
    stats = summarize(sizes)
    if stats is None:
        return "n/a"
    size = int(stats.median)
    sign = "+" if size >= INITIAL_HEAP else "-"
    return f"{fmt_bytes(size)}: 30 MiB {sign} {abs(size - INITIAL_HEAP):,} B (n={stats.count})"


def visits_section(report: Report) -> list[str]:
    visits = report.visits
    rows = [
        ["Result link → panel, first visit", fmt_stats(summarize(visits.link_cold))],
        ["Result link → panel, repeat visit", fmt_stats(summarize(visits.link_repeat))],
        ["Assessment → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_app))],
        ["Bare loadPyodide → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_bare))],
        [
            "Fetch and compile the plain WebAssembly binary only, repeat visit",
            fmt_stats(summarize(visits.compile_repeat)),
        ],
        [
            "Fetch, decompress and compile the site's gzip binary only, repeat visit",
            fmt_stats(summarize(visits.compile_gz_repeat)),
        ],
        ["Memory snapshot in Cache Storage", fmt_snapshot(visits.snapshot_bytes)],
    ]
    return [
        "## Result links and repeat visits",
        "",
        "From navigation start to the result panel showing a result (one frame after it is in "
        "the DOM), opening a result link with a new browser profile on disk (“first visit”), "
        "then again in a new tab of the same profile (“repeat visit”: the browser's HTTP cache "
        "is warm, and the scorer restores Python from the memory snapshot the first visit "
        "saved in Cache Storage); served by the host that compresses text only, unthrottled. "
        "The next four rows split a repeat visit's start-up: the whole assessment page, a bare "
        "`loadPyodide()`, and only the WebAssembly compile: of the plain binary "
        "(`compileStreaming()` of the cached file, whose compiled code the browser may keep) "
        "and of the site's gzip binary through `DecompressionStream` (n/a when the site ships "
        "none). The snapshot's size is read from Cache Storage after a result link's repeat "
        "visit: it holds Pyodide's whole memory and a header, and Pyodide issue 6254 reports "
        "restores failing once that memory has grown past its initial 30 MiB.",
        "",
        markdown_table(["Measure", "Time"], rows),
    ]


def bytes_row(page: PageBytes) -> list[str]:
    return [
        page.label,
        f"error: {page.error}" if page.error else fmt_bytes(page.total),
        fmt_bytes(page.wasm),
        fmt_bytes(page.stdlib),
        str(page.requests),
        fmt_bytes(page.offline),
        str(page.foreign),
    ]


BYTES_HEADERS = (
    "Page",
    "Total",
    "WebAssembly",
    "Standard library",
    "Requests",
    "Then the offline copy",
    "Requests leaving 127.0.0.1",
)


def slow_rows(report: Report) -> list[list[str]]:
    return [
        [
            runs.host.label,
            fmt_stats(summarize(runs.slow_cold)),
            fmt_stats(summarize(runs.slow_repeat)),
        ]
        for runs in report.hosts
    ]


def hosts_section(report: Report) -> list[str]:
    tables: list[str] = []
    for runs in report.hosts:
        rows = [bytes_row(page) for page in runs.page_bytes]
        tables += [f"**{runs.host.label}**", "", markdown_table(BYTES_HEADERS, rows), ""]
    return [
        "## First visits on two hosts",
        "",
        "Whether a static host compresses `application/wasm` varies, so every first visit is "
        "measured on two: one that gzips text only (HTML, CSS, JavaScript, JSON, SVG, XML), and "
        "one that also gzips `.wasm` files. Neither compresses a `.gz`, `.zip` or `.whl` file. "
        "Both answer a browser's revalidation of an unchanged file with a 304. "
        "Each page is a first visit with a new browser profile on disk. Bytes are the response "
        "bodies as sent (compressed where the host compressed them), worker requests included, "
        "until the page settles: network idle for a plain page, the scorer ready on the "
        "assessment, the panel shown for a result link. “WebAssembly” counts the binary as it "
        "is or gzip-compressed (`.wasm.gz`). “Then the offline copy” is what was sent after "
        "that, until the site's service worker had installed its offline copy (it is "
        "registered once the scorer has started, and revalidates what the page already has).",
        "",
        *tables,
        "A result link, from navigation start to its panel, on slow 4G (Chrome's network "
        "emulation at 1.6 Mbps down, 750 kbps up and 150 ms round trip, set through the "
        "DevTools protocol; it covers the scorer's worker too), with a new browser profile on "
        "disk, then again in a new tab of it:",
        "",
        markdown_table(
            ["Host", "First visit, slow 4G", "Repeat visit, slow 4G"], slow_rows(report)
        ),
    ]


def lighthouse_metrics(runs: Sequence[LighthouseScores]) -> str:
    """The Metrics cell: the median run's metrics and the failed runs, or the error of all."""
    errors = [r.error for r in runs if r.error is not None]
    if runs and len(errors) == len(runs):
        return f"error: {errors[0]}" + (f" (all {len(runs)} runs failed)" if len(runs) > 1 else "")
    best = median_run(runs)
    metrics = ", ".join(f"{k} {v}" for k, v in best.metrics.items()) if best else "n/a"
    failures = failed_runs(runs)
    return f"{metrics}; {failures}" if failures else metrics


def lighthouse_section(report: Report) -> list[str]:
    if not report.lighthouse:
        return ["## Lighthouse", "", "Skipped (`--lighthouse none`)."]
    rows = [
        [
            page.label,
            page.preset,
            fmt_score_stats(performance_stats(page.runs)),
            fmt_score(accessibility_median(page.runs)),
            fmt_tbt_stats(tbt_stats(page.runs)),
            lighthouse_metrics(page.runs),
        ]
        for page in report.lighthouse
    ]
    count = max(len(page.runs) for page in report.lighthouse)
    runs = (
        "one run per page and preset"
        if count == 1
        else f"{count} runs per page and preset in {count} rounds (each round runs every page "
        "and preset once, so a burst of noise on the machine does not fall on one page's runs)"
    )
    return [
        "## Lighthouse",
        "",
        f"Lighthouse driving the same Chromium (`CHROME_PATH`, headless), {runs}, categories "
        "performance and accessibility. Performance is the median of the successful runs with "
        "its range and count, accessibility and TBT are medians, and the metrics are those of "
        "the median run (the median performance score, the lower one of an even count; on a tie, "
        "the median TBT). Failed runs are counted and left out of the medians. "
        "“mobile” is Lighthouse's default (simulated slow 4G and 4x CPU slowdown, moto g power "
        "viewport); “desktop” is `--preset=desktop` (simulated fast connection, no CPU slowdown).",
        "",
        markdown_table(
            ["Page", "Preset", "Performance", "Accessibility", "TBT", "Metrics (median run)"],
            rows,
        ),
    ]


def lighthouse_errors(report: Report) -> list[str]:
    """Each failed Lighthouse run, for the "Failed runs" list."""
    return [
        f"Lighthouse {page.preset}, {page.label}, run {number}: {run.error}"
        for page in report.lighthouse
        for number, run in enumerate(page.runs, 1)
        if run.error is not None
    ]


def page_of(runs: HostRuns | None, kind: str) -> PageBytes | None:
    """The measured page of ``kind`` on a host, or None."""
    pages = [] if runs is None else runs.page_bytes
    return next((page for page in pages if page.kind == kind and page.error is None), None)


def bytes_target(report: Report) -> Target:
    """The assessment's first visit on the text-only host, ≤ 5.0 MB."""
    text = page_of(host_of(report.hosts, TEXT_HOST), "assessment")
    other = page_of(host_of(report.hosts, WASM_HOST), "assessment")
    total = None if text is None else text.total
    measured = fmt_bytes(total)
    if text is not None:
        measured += f", of which WebAssembly {fmt_bytes(text.wasm)}"
        measured += f" and the standard library {fmt_bytes(text.stdlib)}"
    if other is not None:
        measured += f" (the host that also compresses WebAssembly: {fmt_bytes(other.total)})"
    return Target(
        f"Assessment first visit, bytes, host compresses text only ≤ {BYTES_TARGET / 1e6:.1f} MB",
        measured,
        at_most(total, BYTES_TARGET),
    )


def slow_link_target(report: Report) -> Target:
    """A result link's first visit on slow 4G, text-only host, ≤ 30 s."""
    text = host_of(report.hosts, TEXT_HOST)
    other = host_of(report.hosts, WASM_HOST)
    cold = median_of(summarize(text.slow_cold)) if text else None
    measured = fmt_ms(cold)
    if other is not None and other.slow_cold:
        measured += " (the host that also compresses WebAssembly: "
        measured += f"{fmt_ms(median_of(summarize(other.slow_cold)))})"
    return Target(
        "Result link → panel, first visit, slow 4G, host compresses text only "
        f"≤ {SLOW_LINK_TARGET_MS / 1000:.0f} s",
        measured,
        at_most(cold, SLOW_LINK_TARGET_MS),
    )


def control_target(report: Report) -> Target:
    """Assessment ÷ control page, ready, median of ≥ 7 rounds' ratios, ≤ 1.05x."""
    paired = summarize(paired_ratios(report.startup, "app", "home"))
    bare = median_of(summarize(paired_ratios(report.startup, "app", "bare")))
    measured = f"{fmt_ratio_stats(paired)}; against bare, for information: {fmt_ratio(bare)}"
    passed = None if paired is None else paired.median <= CONTROL_RATIO_TARGET
    if paired is not None and paired.count < CONTROL_RATIO_ROUNDS:
        measured += (
            f" (only {plural(paired.count, 'round')}; the target needs {CONTROL_RATIO_ROUNDS})"
        )
        passed = None
    return Target(
        f"Assessment ÷ control page, ready ≤ {CONTROL_RATIO_TARGET:.2f}x (median of "
        f"≥ {CONTROL_RATIO_ROUNDS} interleaved rounds' ratios)",
        measured,
        passed,
    )


def worker_target(report: Report) -> Target:
    """Worker phase (script requested → ready) ÷ bare ``loadPyodide()``, ≤ 1.10x."""
    paired = summarize(paired_ratios(report.startup, "app", "bare", "worker"))
    return Target(
        f"Worker phase ÷ bare ≤ {WORKER_RATIO_TARGET:.2f}x (median of the rounds' ratios)",
        fmt_ratio_stats(paired),
        None if paired is None else paired.median <= WORKER_RATIO_TARGET,
    )


def issue_targets(report: Report) -> list[Target]:
    """The figures of issue 25, in its order."""
    repeat = median_of(summarize(report.visits.link_repeat))
    return [
        bytes_target(report),
        slow_link_target(report),
        Target(
            f"Result link → panel, repeat visit ≤ {REPEAT_LINK_TARGET_MS / 1000:.1f} s (median)",
            fmt_ms(repeat),
            at_most(repeat, REPEAT_LINK_TARGET_MS),
        ),
        control_target(report),
        worker_target(report),
        *lighthouse_targets(report),
        *(
            Target(name, "a timed run, not the benchmark", None, outside=True)
            for name in TEST_TARGETS
        ),
    ]


def targets(report: Report) -> list[Target]:
    text = host_of(report.hosts, TEXT_HOST)
    submit = summarize([t.to_frame for t in report.startup.submit])
    plain = [p for p in (text.page_bytes if text else []) if p.kind in {"home", "level"}]
    wasm_text = "; ".join(f"{p.label}: {fmt_bytes(p.wasm)}" for p in plain)
    team = summarize([t.to_frame for t in report.team.runs])
    return [
        *issue_targets(report),
        Target(
            f"Submit → result panel < {SUBMIT_TARGET_MS:.0f} ms (median, to the painted frame)",
            fmt_ms(median_of(submit)),
            None if submit is None else submit.median < SUBMIT_TARGET_MS,
        ),
        Target(
            "No WebAssembly on the home page and a level page without a result",
            wasm_text or "n/a",
            no_wasm(plain),
        ),
        Target(
            f"Compare {TEAM_SIZE} people < {TEAM_TARGET_MS:.0f} ms (median, click → painted)",
            fmt_ms(median_of(team)),
            None if team is None else team.median < TEAM_TARGET_MS,
        ),
    ]


LIGHTHOUSE_PERFORMANCE_TARGET = 95
TBT_TARGET_MS = 50.0


def lighthouse_targets(report: Report) -> list[Target]:
    """Lighthouse mobile, each page: median performance ≥ 95 and median TBT ≤ 50 ms.

    The medians are over the successful runs; with none, the target is not measured.
    """
    found = []
    for page in report.lighthouse:
        if page.preset != "mobile":
            continue
        performance = median_of(performance_stats(page.runs))
        tbt = median_of(tbt_stats(page.runs))
        count = len(successful(page.runs))
        measured = f"performance {fmt_score(performance)}, TBT {fmt_tbt(tbt)}"
        if count:
            measured += f" (median of {count} run{'' if count == 1 else 's'})"
        if failures := failed_runs(page.runs):
            measured += f"; {failures}"
        passed = None
        if performance is not None and tbt is not None:
            passed = performance >= LIGHTHOUSE_PERFORMANCE_TARGET and tbt <= TBT_TARGET_MS
        found.append(
            Target(
                f"Lighthouse mobile, {page.label}: performance ≥ {LIGHTHOUSE_PERFORMANCE_TARGET}, "
                f"TBT ≤ {TBT_TARGET_MS:.0f} ms (median)",
                measured,
                passed,
            )
        )
    return found


def no_wasm(pages: Sequence[PageBytes]) -> bool | None:
    """Whether none of ``pages`` loaded WebAssembly; None if any was not measured."""
    if not pages or any(p.wasm is None for p in pages):
        return None
    return all(p.wasm == 0 for p in pages)


def targets_section(report: Report) -> list[str]:
    return [
        "## Targets",
        "",
        "Issue 25's figures first (the `make test` times are taken by a timed run, not here), "
        "then the site's other targets. Each is explained in its section below.",
        "",
        markdown_table(
            ["Target", "Measured", "Result"],
            [[t.name, t.measured, target_result(t)] for t in targets(report)],
        ),
    ]


def render(report: Report) -> str:
    sections = [
        ["# EX Maturity Playbook: performance benchmark"],
        ["## Environment", "", markdown_table(["Item", "Value"], report.env)],
        targets_section(report),
        startup_section(report),
        submit_section(report),
        visits_section(report),
        hosts_section(report),
        lighthouse_section(report),
        team_section(report),
    ]
    host_errors = [error for runs in report.hosts for error in runs.errors]
    errors = report.startup.errors + report.visits.errors + host_errors + lighthouse_errors(report)
    if errors:
        sections.append(["## Failed runs", "", *(f"- {e}" for e in errors)])
    sections.append([f"Benchmark wall time: {report.elapsed_s:.0f} s."])
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


# ---------------------------------------------------------------------------------------------
# Main.


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="cold runs per timing (default 7)")
    parser.add_argument(
        "--slow-runs",
        type=int,
        default=1,
        help="result-link runs on throttled slow 4G on each host, up to a minute each (default 1)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="dropped warm-up runs of each page (default 1)"
    )
    parser.add_argument(
        "--lighthouse",
        choices=["mobile", "desktop", "both", "none"],
        default="both",
        help="Lighthouse presets to run (default both)",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        metavar="N",
        help="Lighthouse runs of each page and preset, reported as medians (default 5)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="measure a copy of this built site instead of building one (while developing)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="also put the report into FILE, between its benchmark:start/end markers",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if args.lighthouse_runs < 1:
        parser.error("--lighthouse-runs must be at least 1")
    return args


@dataclass
class BrowserRuns:
    """What the benchmark measures with its Chromium, before Lighthouse."""

    env: list[tuple[str, str]]
    startup: StartupRuns
    visits: VisitRuns
    hosts: list[HostRuns]
    team: TeamRuns


def measure_in_browser(
    args: argparse.Namespace, pw: Playwright, site_dir: Path, expected: Expected
) -> BrowserRuns:
    """Start-up, visits, the team and the text-only host on one server, then the host that
    also compresses WebAssembly on another (one at a time: each points the sitemap at
    itself)."""
    browser = launch_chromium(pw)
    try:
        env = environment(browser.version, args.site)
        with serve_site(site_dir, compress=TEXT_HOST.compress) as served:
            base = served.base_url
            startup = measure_startup(browser, base, expected, args.runs, args.warmup)
            visits = measure_visits(pw, base, expected, args.runs, site_dir)
            text = measure_host(pw, served, expected, TEXT_HOST, args.slow_runs)
            team = measure_team(browser, base, args.runs, args.warmup)
        with serve_site(site_dir, compress=WASM_HOST.compress) as served:
            wasm = measure_host(pw, served, expected, WASM_HOST, args.slow_runs)
    finally:
        browser.close()
    return BrowserRuns(env, startup, visits, [text, wasm], team)


def measure(args: argparse.Namespace, site_dir: Path, started: float) -> Report:
    """Serve the built site and run every measurement."""
    expected = expected_result()
    lighthouse_pages = [
        ("Home", ""),
        (expected.page, expected.page),
        ("assessment/", "assessment/"),
    ]
    with sync_playwright() as pw:
        found = measure_in_browser(args, pw, site_dir, expected)
    with serve_site(site_dir) as served:
        presets = lighthouse_presets(args.lighthouse)
        lighthouse = measure_lighthouse(
            served.base_url, presets, lighthouse_pages, site_dir.parent, args.lighthouse_runs
        )
    report = Report(
        args.runs, args.warmup, found.env, found.startup, found.hosts, lighthouse, found.visits
    )
    report.elapsed_s = time.monotonic() - started
    report.team = found.team
    return report


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ex-bench-") as tmp:
        try:
            site_dir = site_to_measure(args.site, Path(tmp) / "site")
        except BuildError as error:
            print(error, file=sys.stderr)
            return 2
        write_bare_page(site_dir)
        try:
            report = measure(args, site_dir, started)
        except PlaywrightError as error:
            print(f"Could not drive Chromium: {error}", file=sys.stderr)
            return 3
    text = render(report)
    print(text, end="")
    if args.write:
        args.write.write_text(embed_report(args.write.read_text("utf-8"), text), "utf-8")
        log(f"wrote the report into {args.write}")
    return 0


MARKERS = ("<!-- benchmark:start -->", "<!-- benchmark:end -->")


def embed_report(document: str, report: str) -> str:
    """``document`` with ``report`` between its markers, headings demoted two levels."""
    start, end = MARKERS
    if start not in document or end not in document:
        raise SystemExit(f"the file has no {start} ... {end} block")
    demoted = re.sub(
        r"^(#+) ", lambda m: "#" * min(len(m.group(1)) + 2, 6) + " ", report, flags=re.M
    )
    before, rest = document.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{demoted.strip()}\n{end}{after}"


if __name__ == "__main__":
    sys.exit(main())
