"""Smoke tests of the benchmark's report (the ``benchmark`` package: no build, no browser): the
targets first with a verdict each, the start-up section with each page's phases and the paired
ratios, the team comparison, and the report embedded between its markers.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmark.hosts import TEXT_HOST, WASM_HOST, HostRuns, PageBytes
from benchmark.lighthouse import LighthouseRuns, LighthouseScores
from benchmark.output import embed_report, render
from benchmark.report import Report
from benchmark.startup import Startup, StartupRuns, SubmitTiming, paired_ratios, phase_ms, phases
from benchmark.stats import fmt_ratio, median_of
from benchmark.targets import targets
from benchmark.team import TeamRuns, TeamTiming, team_text
from benchmark.visits import VisitRuns


def _round(app: Any = None, home: Any = None, bare: Any = None) -> dict[str, Any]:
    """One start-up round: each page's (ready, worker requested) in ms, None for a failed run."""
    pages = {"app": app, "home": home, "bare": bare}
    return {name: Startup(*times) for name, times in pages.items() if times is not None}


def _startup(rounds: list[dict[str, Any]], submit: list[Any] | None = None) -> Any:
    return StartupRuns(rounds=rounds, submit=submit or [])


def _hosts(text_total: int, wasm_total: int, slow: tuple[float, float]) -> list[Any]:
    """Both hosts, each with its assessment page's bytes and one slow-4G result link."""
    found = []
    for host, total, cold in [
        (TEXT_HOST, text_total, slow[0]),
        (WASM_HOST, wasm_total, slow[1]),
    ]:
        page = PageBytes("Assessment", "assessment", total=total, wasm=total // 2, stdlib=830_000)
        home = PageBytes("Home", "home", total=150_000, wasm=0, stdlib=0)
        found.append(HostRuns(host, [home, page], slow_cold=[cold], slow_repeat=[700.0]))
    return found


SEVEN_ROUNDS = [
    _round(app=(2080.0 + n, 300.0), home=(2000.0, 280.0), bare=(1900.0, 60.0)) for n in range(7)
]


def _row(text: str, name: str) -> str:
    """The Targets table's row whose name starts with ``name``."""
    return next(line for line in text.splitlines() if line.startswith(f"| {name}"))


def test_render_reports_the_issue_targets_first_with_a_verdict_each() -> None:
    submit = [SubmitTiming(60.0, 70.0, True), SubmitTiming(400.0, 420.0, True)]
    visits = VisitRuns(link_repeat=[650.0, 640.0, 690.0], snapshot_bytes=[31_000_000])
    report = Report(
        runs=7,
        warmup=0,
        env=[("Date", "today")],
        startup=_startup(SEVEN_ROUNDS, submit),
        hosts=_hosts(4_600_000, 4_500_000, (24_000.0, 23_000.0)),
        lighthouse=[LighthouseRuns("Home", "mobile", [LighthouseScores(error="Chrome exited")])],
        visits=visits,
    )
    text = render(report)
    assert text.index("## Targets") < text.index("## Scorer start-up")
    assert _row(text, "Assessment first visit, bytes, host compresses text only ≤ 5.0 MB") == (
        "| Assessment first visit, bytes, host compresses text only ≤ 5.0 MB | 4.60 MB "
        "(4,600,000 B), of which WebAssembly 2.30 MB (2,300,000 B) and the standard library "
        "830.0 kB (830,000 B) (the host that also compresses WebAssembly: 4.50 MB (4,500,000 B)) "
        "| PASS |"
    )
    assert _row(text, "Result link → panel, first visit, slow 4G").endswith(
        "| 24000 ms (the host that also compresses WebAssembly: 23000 ms) | PASS |"
    )
    assert _row(text, "Result link → panel, repeat visit ≤ 0.7 s").endswith("| 650 ms | PASS |")
    # 2083 ms ÷ 2000 ms in the median round; against bare 2083 ÷ 1900, for information only.
    assert _row(text, "Assessment ÷ control page, ready ≤ 1.05x").endswith(
        "| 1.04x (1.04x-1.04x, n=7); against bare, for information: 1.10x | PASS |"
    )
    # (2083 - 300) ÷ (1900 - 60) in the median round.
    assert _row(text, "Worker phase ÷ bare ≤ 1.10x").endswith("| 0.97x (0.97x-0.97x, n=7) | PASS |")
    assert _row(text, "`make test` ≤ 180 s").endswith("| timed outside `make bench` |")
    assert _row(text, "Submit → result panel").endswith("| 245 ms | PASS |")
    assert "error: Chrome exited" in text
    assert "31.00 MB (31,000,000 B): 30 MiB - 457,280 B (n=1)" in text


def test_the_start_up_section_shows_each_page_s_phases_and_the_ratios() -> None:
    rounds = [
        _round(app=(2200.0, 400.0), home=(2150.0, 380.0), bare=(2000.0, 50.0)),
        _round(app=(2100.0, 300.0), home=(2050.0, 290.0), bare=(1900.0, 40.0)),
        _round(app=(2300.0, None), bare=(2100.0, 60.0)),
    ]
    text = render(Report(3, 0, [], _startup(rounds), [], []))
    assert (
        "| Navigation start → worker script requested | 350 ms (300 ms-400 ms, n=2) | "
        "335 ms (290 ms-380 ms, n=2) | 50.0 ms (40.0 ms-60.0 ms, n=3) |" in text
    )
    assert "| **Navigation start → ready** | 2200 ms (2100 ms-2300 ms, n=3) |" in text
    assert (
        "| Assessment ÷ control, ready | 1.02x (1.02x-1.02x, n=2) | 1.05x | target ≤ 1.05x |"
        in text
    )
    assert "| Assessment ÷ bare, ready | 1.10x (1.10x-1.11x, n=3) | 1.10x | information |" in text
    # Too few rounds for the control target: measured, but not judged.
    assert _row(text, "Assessment ÷ control page").endswith(
        "(only 2 rounds; the target needs 7) | NOT MEASURED |"
    )


def test_paired_ratios_take_each_round_s_phase_and_skip_what_is_missing() -> None:
    runs = _startup(
        [
            _round(app=(2000.0, 500.0), bare=(1600.0, 100.0)),
            _round(app=(2400.0, None), bare=(2000.0, 100.0)),
            _round(home=(1000.0, 200.0), bare=(1000.0, 100.0)),
        ]
    )
    assert paired_ratios(runs, "app", "bare") == pytest.approx([1.25, 1.2])
    assert paired_ratios(runs, "app", "bare", "worker") == pytest.approx([1.0])
    assert paired_ratios(runs, "app", "home") == []
    assert [s.ready for s in runs.of("bare")] == [1600.0, 2000.0, 1000.0]
    assert phase_ms(Startup(900.0, None), "before") is None


def test_a_slower_site_misses_the_byte_slow_4g_and_worker_targets() -> None:
    rounds = [_round(app=(2600.0, 300.0), home=(2000.0, 280.0), bare=(1900.0, 60.0))] * 7
    report = Report(
        7, 0, [], _startup(rounds), _hosts(12_670_000, 6_600_000, (66_000.0, 35_000.0)), []
    )
    verdicts = {t.name.split(" ≤")[0]: t.passed for t in targets(report)}
    assert verdicts["Assessment first visit, bytes, host compresses text only"] is False
    assert verdicts["Result link → panel, first visit, slow 4G, host compresses text only"] is False
    assert verdicts["Assessment ÷ control page, ready"] is False
    assert verdicts["Worker phase ÷ bare"] is False  # 2300 ÷ 1840
    assert verdicts["Result link → panel, repeat visit"] is None  # not measured
    nothing = {t.name: t.passed for t in targets(Report(1, 0, [], _startup([]), [], []))}
    assert set(nothing.values()) == {None}


def test_phases_split_start_up_at_the_worker_request() -> None:
    found = phases([Startup(2000.0, 500.0), Startup(1000.0, None)])
    assert median_of(found["before"]) == 500.0
    assert median_of(found["worker"]) == 1500.0
    assert median_of(found["total"]) == 1500.0
    assert fmt_ratio(None) == "n/a"
    assert fmt_ratio(1.083) == "1.08x"


def test_embed_report_replaces_only_the_marked_block_and_demotes_headings() -> None:
    doc = "# Guide\n\nintro\n\n<!-- benchmark:start -->\nold\n<!-- benchmark:end -->\n\nafter\n"
    report = "# Benchmark\n\n## Targets\n\n| a |\n"
    updated = embed_report(doc, report)
    assert updated.startswith("# Guide\n\nintro\n\n<!-- benchmark:start -->\n### Benchmark\n")
    assert "#### Targets" in updated
    assert "old" not in updated
    assert updated.endswith("<!-- benchmark:end -->\n\nafter\n")


def test_embed_report_refuses_a_file_without_markers() -> None:
    with pytest.raises(SystemExit):
        embed_report("# no markers\n", "# Benchmark\n")


def test_render_reports_the_team_comparison_and_its_target() -> None:
    team = TeamRuns(
        runs=[TeamTiming(30.0, 60.0, 70.0), TeamTiming(40.0, 180.0, 250.0)],
        errors=["team run 3: boom"],
    )
    report = Report(
        runs=2,
        warmup=1,
        env=[("Date", "today")],
        startup=StartupRuns(),
        hosts=[],
        lighthouse=[],
        team=team,
    )
    text = render(report)
    assert "## Team comparison (50 people)" in text
    assert "| Worker request (`team`, Python only) | 35.0 ms (30.0 ms-40.0 ms, n=2) |" in text
    assert "| Compare 50 people < 200 ms (median, click → painted) | 160 ms | PASS |" in text
    assert "- team run 3: boom" in text
    slow = Report(1, 0, [], StartupRuns(), [], [], team=TeamRuns([TeamTiming(1, 2, 201)]))
    assert "| 201 ms | FAIL |" in render(slow)
    nothing = render(Report(1, 0, [], StartupRuns(), [], []))
    assert (
        "| Compare 50 people < 200 ms (median, click → painted) | n/a | NOT MEASURED |" in nothing
    )


def test_the_team_text_has_one_named_code_per_person() -> None:
    lines = team_text(5).splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Person {n + 1}" for n in range(5)]
    assert all(line.split(": ")[1].startswith("v") for line in lines)
