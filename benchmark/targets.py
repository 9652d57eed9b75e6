"""The targets (issue 25's first, then the site's others): what each is, what was measured for
it, and its verdict; and the report's "Targets" table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmark.hosts import TEXT_HOST, WASM_HOST, HostRuns, PageBytes, host_of
from benchmark.lighthouse import (
    failed_runs,
    fmt_score,
    fmt_tbt,
    performance_stats,
    successful,
    tbt_stats,
)
from benchmark.report import Report
from benchmark.startup import paired_ratios
from benchmark.stats import (
    fmt_bytes,
    fmt_ms,
    fmt_ratio,
    fmt_ratio_stats,
    markdown_table,
    median_of,
    plural,
    summarize,
)
from benchmark.team import TEAM_SIZE

# Issue 25's targets.
CONTROL_RATIO_TARGET = 1.05  # assessment ÷ control page, ready, median of the rounds' ratios
CONTROL_RATIO_ROUNDS = 7  # ... of at least this many interleaved rounds
WORKER_RATIO_TARGET = 1.10  # worker phase ÷ bare, median of the rounds' ratios
BYTES_TARGET = 5_000_000  # the assessment's first visit, host that compresses text only
SLOW_LINK_TARGET_MS = 30_000.0  # result link → panel, first visit, slow 4G, same host
REPEAT_LINK_TARGET_MS = 700.0  # result link → panel, repeat visit
TEST_TARGETS = ("`make test` ≤ 180 s (quiet 2-core machine)", "`make test-fast` ≤ 30 s")
SUBMIT_TARGET_MS = 300.0
TEAM_TARGET_MS = 200.0
LIGHTHOUSE_PERFORMANCE_TARGET = 95
TBT_TARGET_MS = 50.0


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
