"""Lighthouse: runs of each page and preset in interleaved rounds, each run's scores read from
its JSON report, and the medians and metrics the report gives of them."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.paths import LIGHTHOUSE
from benchmark.probes import first_line, log
from benchmark.stats import Stats, median_of, summarize
from harness import ROOT, SUB_PATH, chromium_executable

LIGHTHOUSE_TIMEOUT_S = 300
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


def lighthouse_presets(choice: str) -> list[str]:
    """The Lighthouse presets to run for a ``--lighthouse`` choice."""
    return {"both": ["mobile", "desktop"], "none": []}.get(choice, [choice])


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


def lighthouse_metrics(runs: Sequence[LighthouseScores]) -> str:
    """The Metrics cell: the median run's metrics and the failed runs, or the error of all."""
    errors = [r.error for r in runs if r.error is not None]
    if runs and len(errors) == len(runs):
        return f"error: {errors[0]}" + (f" (all {len(runs)} runs failed)" if len(runs) > 1 else "")
    best = median_run(runs)
    metrics = ", ".join(f"{k} {v}" for k, v in best.metrics.items()) if best else "n/a"
    failures = failed_runs(runs)
    return f"{metrics}; {failures}" if failures else metrics
