"""Scorer start-up on a cold cache: the assessment page, the control (the home page starting
the scorer) and the bare page, in interleaved rounds, each run in a fresh browser context;
and, on the assessment page, the click on "See my level" to the result panel."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from benchmark.paths import BARE_PAGE, HOME_SCORER_PAGE
from benchmark.probes import (
    MARKS_SCRIPT,
    TIMEOUT_MS,
    Expected,
    first_line,
    log,
    read_marks,
    wait_for_mark,
)
from benchmark.stats import Stats, ratio, summarize


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


PHASES = ("before", "worker", "total")


def phases(starts: Sequence[Startup]) -> dict[str, Stats | None]:
    """Stats of each start-up phase: before the worker, in the worker, and in total."""
    found = {}
    for phase in PHASES:
        values = [phase_ms(start, phase) for start in starts]
        found[phase] = summarize([value for value in values if value is not None])
    return found
