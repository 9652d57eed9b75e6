"""Smoke tests of the benchmark's pure helpers (the ``benchmark`` package: no build, no browser)."""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import benchmark.lighthouse
import benchmark.pages
import benchmark.startup
from benchmark.cli import parse_args
from benchmark.hosts import (
    TEXT_HOST,
    WASM_HOST,
    HostRuns,
    PageBytes,
    Transfer,
    is_stdlib,
    is_wasm,
    transferred,
)
from benchmark.lighthouse import (
    LighthouseRuns,
    LighthouseScores,
    accessibility_median,
    failed_runs,
    fmt_score,
    fmt_score_stats,
    fmt_tbt_stats,
    lighthouse_metrics,
    lighthouse_presets,
    lighthouse_schedule,
    measure_lighthouse,
    median_run,
    parse_lighthouse,
    performance_stats,
    tbt_stats,
)
from benchmark.output import embed_report, render
from benchmark.pages import (
    bare_runtime_sources,
    has_compressed_binary,
    home_with_scorer,
    write_bare_page,
)
from benchmark.paths import (
    BARE_DIR,
    BARE_PAGE,
    BARE_RUNTIME,
    COMPILE_GZ_PAGE,
    COMPILE_PAGE,
    HOME_PROBE,
    HOME_SCORER_PAGE,
    PLAIN_FILES,
    SITE_FILES,
)
from benchmark.report import Report
from benchmark.sections import fmt_snapshot
from benchmark.startup import (
    Startup,
    StartupRuns,
    SubmitTiming,
    measure_startup,
    paired_ratios,
    phase_ms,
    phases,
    startup_steps,
)
from benchmark.stats import (
    fmt_bytes,
    fmt_ms,
    fmt_ratio,
    markdown_table,
    median_of,
    ratio,
    summarize,
)
from benchmark.targets import (
    Target,
    at_most,
    lighthouse_targets,
    no_wasm,
    target_result,
    targets,
    verdict,
)
from benchmark.team import TeamRuns, TeamTiming, team_text
from benchmark.visits import VisitRuns
from harness import GZIP_TYPES, GZIP_TYPES_AND_WASM, SUB_PATH, rebase_sitemap, serve_site

#: Stands in for the browser and the expected result, which the faked runs never use.
UNUSED: Any = None


def test_summarize_gives_median_min_max_and_none_for_nothing() -> None:
    stats = summarize([30.0, 10.0, 20.0, 50.0])
    assert stats is not None
    assert (stats.median, stats.low, stats.high, stats.count) == (25.0, 10.0, 50.0, 4)
    assert summarize([]) is None
    assert median_of(None) is None


def test_ratio_handles_missing_values() -> None:
    assert ratio(230.0, 200.0) == pytest.approx(1.15)
    assert ratio(None, 200.0) is None
    assert ratio(1.0, None) is None
    assert ratio(1.0, 0.0) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "n/a"), (12.34, "12.3 ms"), (1234.4, "1234 ms")],
)
def test_fmt_ms(value: float | None, text: str) -> None:
    assert fmt_ms(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "n/a"),
        (0, "0 B"),
        (463_494, "463.5 kB (463,494 B)"),
        (9_598_218, "9.60 MB (9,598,218 B)"),
    ],
)
def test_fmt_bytes(value: int | None, text: str) -> None:
    assert fmt_bytes(value) == text


def test_markdown_table_escapes_pipes() -> None:
    table = markdown_table(["A", "B"], [["x|y", "2"]])
    assert table.splitlines() == ["| A | B |", "| --- | --- |", "| x\\|y | 2 |"]


def test_is_wasm_counts_the_binary_plain_or_compressed_and_ignores_query_and_fragment() -> None:
    assert is_wasm("http://h/p/pyodide/pyodide.asm.wasm?v=1#x")
    assert is_wasm("http://h/p/pyodide/pyodide.asm.wasm.gz#x")
    assert not is_wasm("http://h/p/pyodide/pyodide.asm.mjs")
    assert not is_wasm("http://h/p/pyodide/python_stdlib.zip")
    assert is_stdlib("http://h/p/pyodide/python_stdlib.zip?v=2")
    assert not is_stdlib("http://h/p/pyodide/ex_quiz-1.0.0-py3-none-any.whl")


def test_a_transfer_counts_every_response_and_the_binary_and_stdlib_apart() -> None:
    log = [
        ("/p/", 100),
        ("/p/pyodide/pyodide.asm.wasm.gz", 3_000),
        ("/p/pyodide/python_stdlib.zip", 800),
        ("/p/pyodide/pyodide.asm.wasm", 9_000),
        ("/p/pyodide/python_stdlib.zip", 0),  # a 304
    ]
    assert transferred(log) == Transfer(total=12_900, wasm=12_000, stdlib=800)
    assert transferred([]) == Transfer()


def test_rebase_sitemap_keeps_paths_and_uses_the_local_origin() -> None:
    xml = "<url><loc>https://example.github.io/repo/levels/</loc></url>"
    assert (
        rebase_sitemap(xml, "http://127.0.0.1:8123")
        == "<url><loc>http://127.0.0.1:8123/repo/levels/</loc></url>"
    )


def test_parse_lighthouse_scores_metrics_and_errors() -> None:
    report = {
        "categories": {"performance": {"score": 0.925}, "accessibility": {"score": 1}},
        "audits": {"total-blocking-time": {"displayValue": "40 ms"}},
    }
    scores = parse_lighthouse(report)
    assert (scores.performance, scores.accessibility, scores.error) == (92, 100, None)
    assert scores.metrics == {"TBT": "40 ms"}
    failed = parse_lighthouse({"runtimeError": {"code": "NO_FCP", "message": "No paint"}})
    assert failed.error == "NO_FCP: No paint"
    assert fmt_score(failed.performance) == "n/a"


def test_presets_verdicts_and_wasm_target() -> None:
    assert lighthouse_presets("both") == ["mobile", "desktop"]
    assert lighthouse_presets("none") == []
    assert lighthouse_presets("desktop") == ["desktop"]
    assert [verdict(v) for v in (True, False, None)] == ["PASS", "FAIL", "NOT MEASURED"]
    home = PageBytes("Home", "home", total=10, wasm=0)
    assert no_wasm([home]) is True
    assert no_wasm([home, PageBytes("L", "level", total=10, wasm=5)]) is False
    assert no_wasm([home, PageBytes("L", "level", error="boom")]) is None


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


def _lighthouse(performance: float, tbt: float, fcp: str = "1.6 s") -> Any:
    """One successful Lighthouse run with the given performance score and TBT."""
    return LighthouseScores(performance, 100, {"FCP": fcp, "TBT": f"{tbt:.0f} ms"})


def _lighthouse_report(*pages: Any) -> Any:
    return Report(1, 0, [], StartupRuns(), [], list(pages))


def _mobile_target(runs: list[Any]) -> Any:
    report = _lighthouse_report(LighthouseRuns("Home", "mobile", runs))
    [target] = lighthouse_targets(report)
    return target


def test_the_median_run_is_the_one_with_the_median_performance_not_the_best_tbt() -> None:
    runs = [_lighthouse(97, 110, "2.0 s"), _lighthouse(99, 20, "1.4 s"), _lighthouse(98, 40)]
    assert median_run(runs) is runs[2]
    assert fmt_score_stats(performance_stats(runs)) == "98 (97-99, n=3)"
    assert fmt_tbt_stats(tbt_stats(runs)) == "median 40 ms (20 ms-110 ms)"
    assert lighthouse_metrics(runs) == "FCP 1.6 s, TBT 40 ms"


def test_a_tie_on_performance_takes_the_run_with_the_median_tbt() -> None:
    runs = [_lighthouse(99, 40, "a"), _lighthouse(99, 20, "b"), _lighthouse(99, 30, "c")]
    assert median_run(runs) is runs[2]
    assert median_run(list(reversed(runs))) is runs[2]
    only_two_tied = [_lighthouse(97, 10), _lighthouse(99, 60), _lighthouse(99, 50)]
    assert median_run(only_two_tied) is only_two_tied[2]


def test_an_even_count_reports_the_half_median_and_the_lower_middle_run() -> None:
    runs = [_lighthouse(100, 10), _lighthouse(97, 60)]
    assert fmt_score_stats(performance_stats(runs)) == "98.5 (97-100, n=2)"
    assert median_run(runs) is runs[1]
    assert fmt_tbt_stats(tbt_stats(runs)) == "median 35 ms (10 ms-60 ms)"
    assert (fmt_score(98.0), fmt_score(None)) == ("98", "n/a")


def test_a_failed_run_is_left_out_of_the_medians_and_counted() -> None:
    runs = [_lighthouse(96, 30), LighthouseScores(error="Chrome exited"), _lighthouse(90, 70)]
    stats = performance_stats(runs)
    assert stats is not None
    assert (stats.median, stats.count) == (93, 2)
    assert median_of(tbt_stats(runs)) == 50
    assert accessibility_median(runs) == 100
    assert failed_runs(runs) == "1 of 3 runs failed: Chrome exited"
    assert failed_runs(runs[:1]) == ""
    text = render(_lighthouse_report(LighthouseRuns("Home", "mobile", runs)))
    assert "| Home | mobile | 93 (90-96, n=2) | 100 | median 50 ms (30 ms-70 ms) |" in text
    assert "; 1 of 3 runs failed: Chrome exited |" in text
    assert "- Lighthouse mobile, Home, run 2: Chrome exited" in text
    target = _mobile_target(runs)
    assert target.measured == (
        "performance 93, TBT 50 ms (median of 2 runs); 1 of 3 runs failed: Chrome exited"
    )
    assert target.passed is False


def test_all_runs_failed_shows_the_error_and_the_target_is_not_measured() -> None:
    runs = [LighthouseScores(error="NO_FCP"), LighthouseScores(error="timed out")]
    target = _mobile_target(runs)
    assert target.passed is None
    assert target.measured == "performance n/a, TBT n/a; 2 of 2 runs failed: NO_FCP"
    assert median_run(runs) is None
    assert lighthouse_metrics(runs) == "error: NO_FCP (all 2 runs failed)"
    assert lighthouse_metrics(runs[:1]) == "error: NO_FCP"
    text = render(_lighthouse_report(LighthouseRuns("Home", "mobile", runs)))
    assert "| Home | mobile | n/a | n/a | n/a | error: NO_FCP (all 2 runs failed) |" in text
    assert (
        "(median) | performance n/a, TBT n/a; 2 of 2 runs failed: NO_FCP | NOT MEASURED |" in text
    )


def test_the_target_passes_on_the_median_even_when_the_worst_run_misses() -> None:
    target = _mobile_target([_lighthouse(100, 10), _lighthouse(90, 200), _lighthouse(96, 40)])
    assert target.passed is True
    assert target.measured == "performance 96, TBT 40 ms (median of 3 runs)"
    assert target.name == "Lighthouse mobile, Home: performance ≥ 95, TBT ≤ 50 ms (median)"


def test_the_target_fails_on_the_median_even_when_the_best_run_passes() -> None:
    low_score = _mobile_target([_lighthouse(100, 0), _lighthouse(90, 0), _lighthouse(94, 0)])
    assert low_score.passed is False
    assert low_score.measured.startswith("performance 94, TBT 0 ms")
    slow = _mobile_target([_lighthouse(99, 20), _lighthouse(99, 60), _lighthouse(99, 70)])
    assert slow.passed is False
    assert slow.measured.startswith("performance 99, TBT 60 ms")


def test_desktop_runs_have_no_target() -> None:
    report = _lighthouse_report(LighthouseRuns("Home", "desktop", [_lighthouse(50, 900)]))
    assert lighthouse_targets(report) == []


def test_the_lighthouse_section_says_how_many_runs_and_that_it_reports_medians() -> None:
    runs = [_lighthouse(99, 20), _lighthouse(98, 30), _lighthouse(99, 40)]
    text = render(_lighthouse_report(LighthouseRuns("Home", "mobile", runs)))
    assert "3 runs per page and preset in 3 rounds" in text
    assert "Performance is the median of the successful runs" in text
    assert "| Page | Preset | Performance | Accessibility | TBT | Metrics (median run) |" in text
    assert "| Home | mobile | 99 (98-99, n=3) | 100 | median 30 ms (20 ms-40 ms) |" in text
    assert "## Failed runs" not in text
    single = render(_lighthouse_report(LighthouseRuns("Home", "mobile", runs[:1])))
    assert "one run per page and preset" in single


def test_the_lighthouse_schedule_runs_every_page_and_preset_once_per_round() -> None:
    pages = [("Home", ""), ("Level", "levels/")]
    schedule = lighthouse_schedule(pages, ["mobile", "desktop"], 2)
    assert schedule == [
        (1, "Home", "", "mobile"),
        (1, "Home", "", "desktop"),
        (1, "Level", "levels/", "mobile"),
        (1, "Level", "levels/", "desktop"),
        (2, "Home", "", "mobile"),
        (2, "Home", "", "desktop"),
        (2, "Level", "levels/", "mobile"),
        (2, "Level", "levels/", "desktop"),
    ]


def test_measure_lighthouse_groups_interleaved_runs_by_page_and_preset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[str, str, int]] = []

    def fake_run(url: str, preset: str, out_dir: Path, run: int = 1) -> Any:
        calls.append((url, preset, run))
        return _lighthouse(90 + run, 10 * run)

    monkeypatch.setattr(benchmark.lighthouse, "run_lighthouse", fake_run)
    pages = [("Home", ""), ("Level", "levels/")]
    results = measure_lighthouse("http://h/", ["mobile"], pages, tmp_path, 3)
    assert [url for url, _, _ in calls] == ["http://h/", "http://h/levels/"] * 3
    assert [run for _, _, run in calls] == [1, 1, 2, 2, 3, 3]
    assert [(r.label, r.preset) for r in results] == [("Home", "mobile"), ("Level", "mobile")]
    assert [s.performance for s in results[1].runs] == [91, 92, 93]


def test_lighthouse_runs_default_to_five_and_must_be_at_least_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert parse_args([]).lighthouse_runs == 5
    assert parse_args(["--lighthouse-runs", "7"]).lighthouse_runs == 7
    for bad in ("0", "-2"):
        with pytest.raises(SystemExit) as exit_info:
            parse_args(["--lighthouse-runs", bad])
        assert exit_info.value.code == 2
        assert "--lighthouse-runs must be at least 1" in capsys.readouterr().err


def test_start_up_rounds_keep_each_page_s_run_and_skip_a_failed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Warm-up round, then three rounds; the app's run fails in the second of them. The control
    # (the home page starting the scorer) is paired with the bare run of its own round.
    app_times = iter([900.0, 2400.0, None, 2200.0])
    times = {
        BARE_PAGE: iter([800.0, 2000.0, 2000.0, 2000.0]),
        HOME_SCORER_PAGE: iter([850.0, 2200.0, 2300.0, 2100.0]),
    }

    def fake_app(browser: Any, base: str, expected: Any) -> Any:
        ready = next(app_times)
        if ready is None:
            raise RuntimeError("boom")
        return Startup(ready, None), SubmitTiming(50.0, 60.0, True)

    def fake_page(browser: Any, url: str) -> Any:
        return Startup(next(times[url]), None)

    monkeypatch.setattr(benchmark.startup, "app_run", fake_app)
    monkeypatch.setattr(benchmark.startup, "page_run", fake_page)
    runs = measure_startup(UNUSED, "", UNUSED, count=3, warmup=1)
    assert [s.ready for s in runs.of("app")] == [2400.0, 2200.0]
    assert len(runs.rounds) == 3
    assert len(runs.submit) == 2  # none from the warm-up round
    assert paired_ratios(runs, "app", "bare") == pytest.approx([1.2, 1.1])
    assert paired_ratios(runs, "home", "bare") == pytest.approx([1.1, 1.15, 1.05])
    assert paired_ratios(runs, "app", "home") == pytest.approx([2400 / 2200, 2200 / 2100])
    assert len(runs.errors) == 1
    assert "boom" in runs.errors[0]


def test_the_rounds_rotate_the_order_of_the_three_pages() -> None:
    orders = [[name for name, _ in startup_steps(UNUSED, "", UNUSED, n)] for n in range(4)]
    assert orders == [
        ["app", "bare", "home"],
        ["bare", "home", "app"],
        ["home", "app", "bare"],
        ["app", "bare", "home"],
    ]


def test_the_control_page_is_the_home_page_with_the_scorer_start_added() -> None:
    home = '<html><head><meta charset="utf-8"><title>Home</title></head><body>x</body></html>'
    page = home_with_scorer(home)
    assert (
        page.replace(
            '<meta name="ex-scorer" content="assessment">'
            f'<script type="module" async src="{HOME_PROBE}"></script>',
            "",
        )
        == home
    )
    assert page.index('name="ex-scorer"') < page.index("</head>")
    with pytest.raises(RuntimeError, match="</head>"):
        home_with_scorer("<html><body>no head</body></html>")


def _fake_runtime(folder: Path, names: tuple[str, ...], text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"{text} {name}", encoding="utf-8")
    return folder


def _fake_site(tmp_path: Path, *, compressed: bool) -> Path:
    site = tmp_path / "site"
    shipped = ("pyodide.mjs", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json")
    binary = ("pyodide.asm.wasm.gz",) if compressed else ("pyodide.asm.wasm",)
    _fake_runtime(site / "pyodide", shipped + binary, "site")
    (site / "index.html").write_text("<html><head></head><body></body></html>", "utf-8")
    (site / "__bench__").mkdir()
    return site


@pytest.mark.parametrize("compressed", [False, True])
def test_the_bare_page_runs_plain_pyodide_on_the_site_s_standard_library(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compressed: bool
) -> None:
    npm = _fake_runtime(tmp_path / "npm", (*PLAIN_FILES, *SITE_FILES), "npm")
    monkeypatch.setattr(benchmark.pages, "NPM_PYODIDE", npm)
    site = _fake_site(tmp_path, compressed=compressed)
    write_bare_page(site)
    runtime = site / BARE_RUNTIME
    read = {path.name: path.read_text("utf-8") for path in runtime.iterdir()}
    assert read == {
        "pyodide.mjs": "npm pyodide.mjs",
        "pyodide.asm.mjs": "npm pyodide.asm.mjs",
        "pyodide.asm.wasm": "npm pyodide.asm.wasm",  # the uncompressed binary, whatever ships
        "python_stdlib.zip": "site python_stdlib.zip",  # the site's (cut) standard library
        "pyodide-lock.json": "site pyodide-lock.json",
    }
    worker = (site / BARE_DIR / "bare-worker.mjs").read_text("utf-8")
    assert 'from "./pyodide/pyodide.mjs"' in worker
    assert 'new URL("./pyodide/", import.meta.url)' in worker
    assert "compile-worker.mjs" in (site / COMPILE_PAGE).read_text("utf-8")
    # The compressed binary's compile page exists only where the site ships that binary.
    assert (site / COMPILE_GZ_PAGE).is_file() is compressed
    assert has_compressed_binary(site) is compressed


def test_the_bare_runtime_takes_pyodide_s_lock_file_when_the_site_has_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    npm = _fake_runtime(tmp_path / "npm", (*PLAIN_FILES, *SITE_FILES), "npm")
    monkeypatch.setattr(benchmark.pages, "NPM_PYODIDE", npm)
    site = _fake_site(tmp_path, compressed=True)
    (site / "pyodide" / "pyodide-lock.json").unlink()
    sources = bare_runtime_sources(site)
    assert sources["pyodide-lock.json"] == npm / "pyodide-lock.json"
    assert sources["python_stdlib.zip"] == site / "pyodide" / "python_stdlib.zip"


def _get(url: str, **headers: str) -> tuple[str | None, bytes]:
    """(Content-Encoding, body) of a GET that accepts gzip; ("304", b"") for Not Modified."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Content-Encoding"), response.read()
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return "304", b""
        raise


def _log_of(served: Any, count: int) -> list[tuple[str, int]]:
    """The server's log once it holds ``count`` responses (a response is logged just after
    its last byte is written, so the client may read it a moment before)."""
    deadline = time.monotonic() + 5
    while len(served.sent) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return list(served.sent)


def _last_modified(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(response.headers["Last-Modified"])


@pytest.mark.parametrize(
    ("compress", "wasm_compressed"), [(GZIP_TYPES, False), (GZIP_TYPES_AND_WASM, True)]
)
def test_the_two_hosts_differ_only_in_compressing_webassembly(
    tmp_path: Path, compress: frozenset[str], wasm_compressed: bool
) -> None:
    site = tmp_path / "site"
    (site / "pyodide").mkdir(parents=True)
    files = {
        "index.html": b"<html>" + b"x" * 2000,
        "pyodide/pyodide.asm.wasm": b"\0asm" + b"\1" * 5000,
        "pyodide/pyodide.asm.wasm.gz": gzip.compress(b"\0asm" + b"\1" * 5000),
        "pyodide/python_stdlib.zip": b"PK" + b"\2" * 3000,
    }
    for name, body in files.items():
        (site / name).write_bytes(body)
    with serve_site(site, compress=compress) as served:
        sent = {name: _get(served.url(name)) for name in files}
        # A browser revalidating what it has (the offline copy does) gets a 304 for every
        # file, compressed or not, as from a real host.
        revalidated = {
            name: _get(served.url(name), **{"If-Modified-Since": _last_modified(served.url(name))})
            for name in files
        }
        changed = _get(
            served.url("index.html"), **{"If-Modified-Since": "Thu, 01 Jan 1981 00:00:00 GMT"}
        )
        log = _log_of(served, 3 * len(files) + 1)
    assert set(revalidated.values()) == {("304", b"")}
    assert changed[0] == "gzip"
    # The server's log holds each response's body as it travelled: compressed or not, and
    # nothing for a 304 (the benchmark's bytes per page).
    # Each file twice in full (the first GET, the one that read Last-Modified), once as a 304,
    # and index.html once more: changed since 1981. (Threads may log them in any order.)
    full = [(SUB_PATH + name, len(body)) for name, (_, body) in sent.items()]
    not_modified = [(SUB_PATH + name, 0) for name in files]
    expected = [*full, *full, *not_modified, full[0]]
    assert Counter(log) == Counter(expected)
    assert sent["index.html"][0] == "gzip"
    assert sent["pyodide/pyodide.asm.wasm"][0] == ("gzip" if wasm_compressed else None)
    # Already compressed: sent as it is by either host, never compressed twice.
    for name in ("pyodide/pyodide.asm.wasm.gz", "pyodide/python_stdlib.zip"):
        assert sent[name] == (None, files[name])
    for name, (encoding, body) in sent.items():
        assert (gzip.decompress(body) if encoding else body) == files[name]


def test_the_snapshot_size_is_read_against_pyodide_s_heap_and_outside_targets_are_named() -> None:
    assert fmt_snapshot([]) == "n/a"
    assert fmt_snapshot([31_457_424, 31_457_000, 40_000_000]) == (
        "31.46 MB (31,457,424 B): 30 MiB + 144 B (n=3)"
    )
    outside = Target("`make test-fast` ≤ 30 s", "a timed run", None, outside=True)
    assert target_result(outside) == "timed outside `make bench`"
    assert target_result(Target("x", "1", False)) == "FAIL"
    assert (at_most(None, 1.0), at_most(1.0, 1.0), at_most(1.1, 1.0)) == (
        None,
        True,
        False,
    )
