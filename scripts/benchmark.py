"""Performance benchmark for the playbook: prints a Markdown report (paste it into the docs).

Run from the repository root::

    .venv/bin/python scripts/benchmark.py [--runs N] [--lighthouse mobile|desktop|both|none]
        [--lighthouse-runs N]

It builds the site into a temporary directory (``mkdocs build --strict``), serves it on
127.0.0.1 under the GitHub Pages-style sub-path with the test harness's handler, and measures
in Debian's Chromium (Playwright):

1. time from navigation start to the scorer being ready on the assessment page (``#ex-status``
   says it is ready), against a bare ``loadPyodide({indexURL})`` of the same runtime in a module
   worker on a minimal page written into the temporary site (worker against worker); median of
   N runs, each in a fresh browser context (cold cache), app and bare runs interleaved, with
   a control: the home page starting the scorer the same way (Material's own page cost);
2. time from the click on "See my level" to the result panel showing the level, measured in
   the page (``performance.timeOrigin + performance.now()``, so it holds across documents);
3. bytes transferred per page type, and how many of them are WebAssembly;
4. Lighthouse performance and accessibility scores: N runs of each page and preset
   (``--lighthouse-runs``, default 5) in interleaved rounds, reported as medians;
5. comparing a team of 50 people on the team page once the scorer is ready: the worker's
   "team" request alone, and the click on "Compare" to the "Team result" region drawn.

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
    Request,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from quiz import load_bank  # noqa: E402
from quiz.web import score_json  # noqa: E402
from tests.harness import (  # noqa: E402
    SUB_PATH,
    BuildError,
    build_site,
    chromium_executable,
    launch_chromium,
    launch_profile,
    serve_site,
    watch,
)

READY_RATIO_TARGET = 1.15
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

# Only loadPyodide, with the same indexURL and no-op stdout/stderr as the app's worker.
BARE_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
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


def body_bytes(body_size: int, headers: dict[str, str]) -> int:
    """Bytes of a response body: Playwright's size, else Content-Length.

    Playwright reports 0 for a worker's own script, so fall back to the header then.
    """
    if body_size > 0:
        return body_size
    try:
        return max(int(headers.get("content-length", "0")), 0)
    except ValueError:
        return 0


def is_wasm(url: str) -> bool:
    """Whether a URL names a WebAssembly file (query and fragment ignored)."""
    return url.split("#", 1)[0].split("?", 1)[0].endswith(".wasm")


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


def verdict(passed: bool | None) -> str:
    """PASS, FAIL or NOT MEASURED."""
    return {True: "PASS", False: "FAIL", None: "NOT MEASURED"}[passed]


def lighthouse_presets(choice: str) -> list[str]:
    """The Lighthouse presets to run for a ``--lighthouse`` choice."""
    return {"both": ["mobile", "desktop"], "none": []}.get(choice, [choice])


# ---------------------------------------------------------------------------------------------
# Build and serve.


# Only fetching and compiling the WebAssembly binary: how much of a start-up that is.
COMPILE_WORKER = """const url = new URL("../pyodide/pyodide.asm.wasm", import.meta.url);
WebAssembly.compileStreaming(fetch(url)).then(
  () => self.postMessage({ ok: true }),
  (error) => self.postMessage({ ok: false, error: String((error && error.message) || error) }),
);
"""
COMPILE_PAGE = f"{BARE_DIR}/compile.html"


def write_bare_page(site_dir: Path) -> None:
    """Add the bare ``loadPyodide`` page, the compile-only page, their workers and the home
    page with the scorer (the control) to the site."""
    bare = site_dir / BARE_DIR
    bare.mkdir(exist_ok=True)
    (bare / "bare.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
    compile_html = BARE_HTML.replace("bare-worker.mjs", "compile-worker.mjs")
    (bare / "compile.html").write_text(compile_html, encoding="utf-8")
    (bare / "compile-worker.mjs").write_text(COMPILE_WORKER, encoding="utf-8")
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
    """Every run of the start-up comparison, and the errors of runs that failed."""

    app: list[Startup] = field(default_factory=list)
    bare: list[Startup] = field(default_factory=list)
    home: list[Startup] = field(default_factory=list)
    submit: list[SubmitTiming] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # One app/bare ratio per round in which both runs succeeded: back-to-back runs share the
    # machine's state at that moment, so their ratio drifts less than a ratio of medians.
    paired: list[float] = field(default_factory=list)
    home_paired: list[float] = field(default_factory=list)


def app_run(browser: Browser, base: str, expected: Expected, runs: StartupRuns, keep: bool) -> None:
    """One cold run of the assessment page: ready time, then the submit timing."""
    page, startup = open_ready(browser, base + "assessment/")
    try:
        if keep:
            runs.app.append(startup)
        timing = submit_and_time(page, expected)
        if keep:
            runs.submit.append(timing)
    finally:
        page.context.close()


def bare_run(browser: Browser, base: str, runs: StartupRuns, keep: bool) -> None:
    """One cold run of the bare ``loadPyodide`` page."""
    page, startup = open_ready(browser, base + BARE_PAGE)
    page.context.close()
    if keep:
        runs.bare.append(startup)


def home_run(browser: Browser, base: str, runs: StartupRuns, keep: bool) -> None:
    """One cold run of the control: the home page starting the scorer."""
    page, startup = open_ready(browser, base + HOME_SCORER_PAGE)
    page.context.close()
    if keep:
        runs.home.append(startup)


def measure_startup(
    browser: Browser, base: str, expected: Expected, count: int, warmup: int
) -> StartupRuns:
    """Interleaved app, bare and control runs (the order rotating from round to round); the
    first ``warmup`` rounds are dropped."""
    runs = StartupRuns()
    for index in range(warmup + count):
        keep = index >= warmup
        steps: list[tuple[str, Callable[[], None]]] = [
            ("app", functools.partial(app_run, browser, base, expected, runs, keep)),
            ("bare", functools.partial(bare_run, browser, base, runs, keep)),
            ("home", functools.partial(home_run, browser, base, runs, keep)),
        ]
        turn = index % len(steps)
        steps = steps[turn:] + steps[:turn]
        before = (len(runs.app), len(runs.bare), len(runs.home))
        for name, step in steps:
            label = f"run {index + 1 - warmup}/{count}" if keep else f"warm-up {index + 1}"
            log(f"start-up {label}: {name}")
            try:
                step()
            except (PlaywrightError, RuntimeError, KeyError) as error:
                runs.errors.append(f"{name} {label}: {first_line(error)}")
        bare_ok = len(runs.bare) > before[1]
        if keep and bare_ok and len(runs.app) > before[0]:
            paired = ratio(runs.app[-1].ready, runs.bare[-1].ready)
            if paired is not None:
                runs.paired.append(paired)
        if keep and bare_ok and len(runs.home) > before[2]:
            paired = ratio(runs.home[-1].ready, runs.bare[-1].ready)
            if paired is not None:
                runs.home_paired.append(paired)
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


def transferred(requests: Sequence[Request]) -> tuple[int, int]:
    """Total and WebAssembly response-body bytes of finished requests."""
    total = wasm = 0
    for request in requests:
        response = request.response()
        headers = response.headers if response else {}
        size = body_bytes(request.sizes()["responseBodySize"], headers)
        total += size
        wasm += size if is_wasm(request.url) else 0
    return total, wasm


def measure_bytes(browser: Browser, label: str, kind: str, url: str) -> PageBytes:
    """Bytes transferred by a cold load of ``url``, once ``settle`` says the page is done."""
    context = browser.new_context()
    context.add_init_script(MARKS_SCRIPT)
    watched = watch(context)
    finished: list[Request] = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        watched.page.goto(url, timeout=TIMEOUT_MS)
        SETTLE[kind](watched.page)
        watched.page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        total, wasm = transferred(finished)
        foreign = len(watched.foreign_requests)
        return PageBytes(label, kind, total, wasm, len(finished), foreign)
    except (PlaywrightError, RuntimeError) as error:
        return PageBytes(label, kind, error=first_line(error))
    finally:
        context.close()


def settle_nothing(page: Page) -> None:
    """Plain pages: the load event and network idle are enough."""


def settle_ready(page: Page) -> None:
    wait_for_mark(page, "ready")


def settle_panel(page: Page) -> None:
    wait_for_mark(page, "panel_frame")


SETTLE: dict[str, Callable[[Page], None]] = {
    "home": settle_nothing,
    "level": settle_nothing,
    "assessment": settle_ready,
    "result": settle_panel,
}


def measure_all_bytes(browser: Browser, base: str, expected: Expected) -> list[PageBytes]:
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
        results.append(measure_bytes(browser, label, kind, base + path))
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
    """Times in ms from navigation start, cold (empty cache) and repeat (same browser cache)."""

    link_cold: list[float] = field(default_factory=list)
    link_repeat: list[float] = field(default_factory=list)
    slow_cold: list[float] = field(default_factory=list)
    slow_repeat: list[float] = field(default_factory=list)
    ready_repeat_app: list[float] = field(default_factory=list)
    ready_repeat_bare: list[float] = field(default_factory=list)
    compile_repeat: list[float] = field(default_factory=list)
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


def cold_and_repeat(
    pw: Playwright, url: str, mark: str, throttle: dict[str, Any] | None = None
) -> tuple[float, float]:
    """A first visit with a new browser profile, then a second visit in a new tab of it.

    The profile lives on disk, as a reader's does: a Playwright context of the shared browser
    is an incognito one, whose in-memory HTTP cache keeps no file larger than about a tenth of
    its size, so Python's 9.6 MB WebAssembly binary would be downloaded again on every
    "repeat" visit, which no reader's browser does.
    """
    with tempfile.TemporaryDirectory(prefix="ex-bench-profile-") as profile:
        context = launch_profile(pw, profile)
        context.add_init_script(MARKS_SCRIPT)
        try:
            first = time_in_page(context.new_page(), url, mark, throttle)
            second = time_in_page(context.new_page(), url, mark, throttle)
        finally:
            context.close()
    return first, second


def measure_visits(
    pw: Playwright, base: str, expected: Expected, count: int, slow_runs: int
) -> VisitRuns:
    """Result link to panel (cold and repeat, also on slow 4G); repeat-visit readiness."""
    runs = VisitRuns()
    link = f"{base}{expected.page}#result={expected.code}"
    steps: list[tuple[str, Callable[[], None]]] = []
    for index in range(count):

        def link_run() -> None:
            cold, repeat = cold_and_repeat(pw, link, "panel_frame")
            runs.link_cold.append(cold)
            runs.link_repeat.append(repeat)

        def ready_run() -> None:
            runs.ready_repeat_app.append(cold_and_repeat(pw, base + "assessment/", "ready")[1])
            runs.ready_repeat_bare.append(cold_and_repeat(pw, base + BARE_PAGE, "ready")[1])
            runs.compile_repeat.append(cold_and_repeat(pw, base + COMPILE_PAGE, "ready")[1])

        steps += [(f"result link {index + 1}/{count}", link_run)]
        steps += [(f"repeat visit {index + 1}/{count}", ready_run)]
    for index in range(slow_runs):

        def slow_run() -> None:
            cold, repeat = cold_and_repeat(pw, link, "panel_frame", SLOW_4G)
            runs.slow_cold.append(cold)
            runs.slow_repeat.append(repeat)

        steps.append((f"slow 4G result link {index + 1}/{slow_runs}", slow_run))
    for label, step in steps:
        log(label)
        try:
            step()
        except (PlaywrightError, RuntimeError, KeyError) as error:
            runs.errors.append(f"{label}: {first_line(error)}")
    return runs


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


def environment(browser_version: str) -> list[tuple[str, str]]:
    return [
        ("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Commit", git_revision()),
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
    page_bytes: list[PageBytes]
    lighthouse: list[LighthouseRuns]
    visits: VisitRuns = field(default_factory=VisitRuns)
    elapsed_s: float = 0.0
    team: TeamRuns = field(default_factory=TeamRuns)


def phases(starts: Sequence[Startup]) -> dict[str, Stats | None]:
    """Stats of each start-up phase: before the worker, in the worker, and in total."""
    split = [(s.ready, s.worker_start) for s in starts if s.worker_start is not None]
    return {
        "before": summarize([worker for _, worker in split]),
        "worker": summarize([ready - worker for ready, worker in split]),
        "total": summarize([s.ready for s in starts]),
    }


def fmt_ratio(value: float | None) -> str:
    """A ratio such as ``1.08x``, or ``n/a``."""
    return "n/a" if value is None else f"{value:.2f}x"


def fmt_ratio_stats(stats: Stats | None) -> str:
    """Ratios as ``median (min-max, n=N)``: ``1.10x (1.05x-1.20x, n=3)``."""
    if stats is None:
        return "n/a"
    low, high = fmt_ratio(stats.low), fmt_ratio(stats.high)
    return f"{fmt_ratio(stats.median)} ({low}-{high}, n={stats.count})"


def startup_section(report: Report) -> list[str]:
    app, bare = phases(report.startup.app), phases(report.startup.bare)
    home = phases(report.startup.home)
    labels = {
        "before": "Navigation start → worker script requested",
        "worker": "Worker script requested → ready (in the worker, plus the message back)",
        "total": "**Navigation start → ready**",
    }
    rows = [
        [
            label,
            fmt_stats(app[key]),
            fmt_stats(bare[key]),
            fmt_ratio(ratio(median_of(app[key]), median_of(bare[key]))),
        ]
        for key, label in labels.items()
    ]
    rows.append(
        [
            "App ÷ bare, round by round (each round's two runs back to back)",
            "",
            "",
            fmt_ratio_stats(summarize(report.startup.paired)),
        ]
    )
    control = [
        [
            "Home page, the same scorer start (control)",
            fmt_stats(home["before"]),
            fmt_stats(home["total"]),
            fmt_ratio_stats(summarize(report.startup.home_paired)),
        ],
        [
            "Assessment page",
            fmt_stats(app["before"]),
            fmt_stats(app["total"]),
            fmt_ratio_stats(summarize(report.startup.paired)),
        ],
    ]
    return [
        "## Scorer start-up (cold cache)",
        "",
        f"Median (min-max) of {report.runs} runs, each in a fresh browser context; "
        f"{report.warmup} warm-up run(s) of each dropped; app, bare and control runs "
        "interleaved. "
        "Both load Pyodide in a module Web Worker from the same self-hosted `pyodide/` files, so "
        "the ratio is the page's own cost: the site's HTML/CSS/JS, the `ex-quiz` wheel and "
        "`import quiz.web`. Served from 127.0.0.1 with no network throttling. “Ready” is "
        "`#ex-status[data-scorer=ready]` on both pages (the bare page sets it when its "
        "worker's `loadPyodide({indexURL})` resolves). The worker's request time comes from the "
        "page's resource timing; the phases' medians need not add up to the total's. The "
        "ratios are of the medians, except the last row's: the median of each round's app ÷ "
        "bare, which the target uses because a round's two runs share the machine's load.",
        "",
        markdown_table(["Phase", "Assessment page", "Bare page", "Ratio"], rows),
        "",
        "The control is the home page (Material's page with no assessment: no form, no module "
        "preloads) starting the scorer exactly as the assessment page does, and run in the "
        "same rounds: what any page of the site pays before its worker can start.",
        "",
        markdown_table(
            [
                "Page",
                "Navigation start → worker script requested",
                "Navigation start → ready",
                "÷ bare, round by round",
            ],
            control,
        ),
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


def visits_section(report: Report) -> list[str]:
    visits = report.visits
    rows = [
        ["Result link → panel, first visit", fmt_stats(summarize(visits.link_cold))],
        ["Result link → panel, repeat visit", fmt_stats(summarize(visits.link_repeat))],
        ["Result link → panel, first visit, slow 4G", fmt_stats(summarize(visits.slow_cold))],
        ["Result link → panel, repeat visit, slow 4G", fmt_stats(summarize(visits.slow_repeat))],
        ["Assessment → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_app))],
        ["Bare loadPyodide → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_bare))],
        [
            "Fetch and compile the WebAssembly binary only, repeat visit",
            fmt_stats(summarize(visits.compile_repeat)),
        ],
    ]
    return [
        "## Result links and repeat visits",
        "",
        "From navigation start to the result panel showing a result (one frame after it is in "
        "the DOM), opening a result link with a new browser profile on disk (“first visit”), "
        "then again in a new tab of the same profile (“repeat visit”: the browser's HTTP cache "
        "is warm, and the scorer restores Python from the memory snapshot the first visit "
        "saved in Cache Storage). "
        "“Slow 4G” is Chrome's network emulation at 1.6 Mbps down, 750 kbps up and 150 ms "
        "round trip, set through the DevTools protocol (Network.emulateNetworkConditions); it "
        "covers the scorer's worker too. The last three rows split a repeat visit's start-up: "
        "the whole assessment page, a bare `loadPyodide()`, and only `compileStreaming()` of "
        "the WebAssembly binary from the cache.",
        "",
        markdown_table(["Measure", "Time"], rows),
    ]


def bytes_section(report: Report) -> list[str]:
    rows = [
        [
            page.label,
            f"error: {page.error}" if page.error else fmt_bytes(page.total),
            fmt_bytes(page.wasm),
            str(page.requests),
            str(page.foreign),
        ]
        for page in report.page_bytes
    ]
    return [
        "## Bytes transferred per page (cold cache)",
        "",
        "Sum of response bodies until the page settles (network idle; the assessment once the "
        "scorer is ready), worker requests included. The local server gzips text assets "
        "(HTML, CSS, JavaScript, JSON, SVG) as GitHub Pages does, and sends WebAssembly, the "
        "Python standard library zip and the wheel as they are.",
        "",
        markdown_table(
            ["Page", "Total", "WebAssembly", "Requests", "Requests leaving 127.0.0.1"], rows
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


def targets(report: Report) -> list[Target]:
    app = summarize([s.ready for s in report.startup.app])
    bare = summarize([s.ready for s in report.startup.bare])
    overhead = median_of(summarize(report.startup.paired))
    of_medians = ratio(median_of(app), median_of(bare))
    submit = summarize([t.to_frame for t in report.startup.submit])
    plain = [p for p in report.page_bytes if p.kind in {"home", "level"}]
    wasm_text = "; ".join(f"{p.label}: {fmt_bytes(p.wasm)}" for p in plain)
    team = summarize([t.to_frame for t in report.team.runs])
    return [
        Target(
            f"Scorer ready ≤ {READY_RATIO_TARGET:.2f}x bare loadPyodide "
            "(median of the rounds' ratios)",
            f"{fmt_ratio(overhead)} (ratio of the medians {fmt_ratio(of_medians)}: "
            f"{fmt_ms(median_of(app))} vs {fmt_ms(median_of(bare))}; the home page starting "
            f"the scorer: {fmt_ratio(median_of(summarize(report.startup.home_paired)))})",
            None if overhead is None else overhead <= READY_RATIO_TARGET,
        ),
        Target(
            f"Submit → result panel < {SUBMIT_TARGET_MS:.0f} ms (median, to the painted frame)",
            fmt_ms(median_of(submit)),
            None if submit is None else submit.median < SUBMIT_TARGET_MS,
        ),
        *lighthouse_targets(report),
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


def render(report: Report) -> str:
    sections = [
        ["# EX Maturity Playbook: performance benchmark"],
        ["## Environment", "", markdown_table(["Item", "Value"], report.env)],
        startup_section(report),
        submit_section(report),
        visits_section(report),
        bytes_section(report),
        lighthouse_section(report),
        team_section(report),
        [
            "## Targets",
            "",
            markdown_table(
                ["Target", "Measured", "Result"],
                [[t.name, t.measured, verdict(t.passed)] for t in targets(report)],
            ),
        ],
    ]
    errors = report.startup.errors + report.visits.errors + lighthouse_errors(report)
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
        help="result-link runs on throttled slow 4G, about a minute each (default 1)",
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


def measure(args: argparse.Namespace, site_dir: Path, started: float) -> Report:
    """Serve the built site and run every measurement."""
    expected = expected_result()
    lighthouse_pages = [
        ("Home", ""),
        (expected.page, expected.page),
        ("assessment/", "assessment/"),
    ]
    with serve_site(site_dir) as served, sync_playwright() as pw:
        base = served.base_url
        browser = launch_chromium(pw)
        try:
            env = environment(browser.version)
            startup = measure_startup(browser, base, expected, args.runs, args.warmup)
            visits = measure_visits(pw, base, expected, args.runs, args.slow_runs)
            page_bytes = measure_all_bytes(browser, base, expected)
            team = measure_team(browser, base, args.runs, args.warmup)
        finally:
            browser.close()
        presets = lighthouse_presets(args.lighthouse)
        lighthouse = measure_lighthouse(
            base, presets, lighthouse_pages, site_dir.parent, args.lighthouse_runs
        )
    report = Report(args.runs, args.warmup, env, startup, page_bytes, lighthouse, visits)
    report.elapsed_s = time.monotonic() - started
    report.team = team
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ex-bench-") as tmp:
        log("building the site (mkdocs build --strict)")
        try:
            site_dir = build_site(Path(tmp) / "site")
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
