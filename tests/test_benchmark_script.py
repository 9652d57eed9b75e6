"""Smoke tests of scripts/benchmark.py's pure helpers (no build, no browser)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.harness import rebase_sitemap

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "benchmark.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_summarize_gives_median_min_max_and_none_for_nothing() -> None:
    stats = bench.summarize([30.0, 10.0, 20.0, 50.0])
    assert (stats.median, stats.low, stats.high, stats.count) == (25.0, 10.0, 50.0, 4)
    assert bench.summarize([]) is None
    assert bench.median_of(None) is None


def test_ratio_handles_missing_values() -> None:
    assert bench.ratio(230.0, 200.0) == pytest.approx(1.15)
    assert bench.ratio(None, 200.0) is None
    assert bench.ratio(1.0, None) is None
    assert bench.ratio(1.0, 0.0) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "n/a"), (12.34, "12.3 ms"), (1234.4, "1234 ms")],
)
def test_fmt_ms(value: float | None, text: str) -> None:
    assert bench.fmt_ms(value) == text


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
    assert bench.fmt_bytes(value) == text


def test_markdown_table_escapes_pipes() -> None:
    table = bench.markdown_table(["A", "B"], [["x|y", "2"]])
    assert table.splitlines() == ["| A | B |", "| --- | --- |", "| x\\|y | 2 |"]


def test_body_bytes_falls_back_to_content_length() -> None:
    assert bench.body_bytes(10, {"content-length": "99"}) == 10
    assert bench.body_bytes(0, {"content-length": "99"}) == 99
    assert bench.body_bytes(0, {}) == 0
    assert bench.body_bytes(0, {"content-length": "junk"}) == 0


def test_is_wasm_ignores_query_and_fragment() -> None:
    assert bench.is_wasm("http://h/p/pyodide/pyodide.asm.wasm?v=1#x")
    assert not bench.is_wasm("http://h/p/pyodide/pyodide.asm.mjs")


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
    scores = bench.parse_lighthouse(report)
    assert (scores.performance, scores.accessibility, scores.error) == (92, 100, None)
    assert scores.metrics == {"TBT": "40 ms"}
    failed = bench.parse_lighthouse({"runtimeError": {"code": "NO_FCP", "message": "No paint"}})
    assert failed.error == "NO_FCP: No paint"
    assert bench.fmt_score(failed.performance) == "n/a"


def test_presets_verdicts_and_wasm_target() -> None:
    assert bench.lighthouse_presets("both") == ["mobile", "desktop"]
    assert bench.lighthouse_presets("none") == []
    assert bench.lighthouse_presets("desktop") == ["desktop"]
    assert [bench.verdict(v) for v in (True, False, None)] == ["PASS", "FAIL", "NOT MEASURED"]
    home = bench.PageBytes("Home", "home", total=10, wasm=0)
    assert bench.no_wasm([home]) is True
    assert bench.no_wasm([home, bench.PageBytes("L", "level", total=10, wasm=5)]) is False
    assert bench.no_wasm([home, bench.PageBytes("L", "level", error="boom")]) is None


def test_render_reports_targets() -> None:
    startup = bench.StartupRuns(
        app=[
            bench.Startup(2200.0, 400.0),
            bench.Startup(2100.0, 300.0),
            bench.Startup(2300.0, None),
        ],
        bare=[
            bench.Startup(2000.0, 50.0),
            bench.Startup(1900.0, 40.0),
            bench.Startup(2100.0, 60.0),
        ],
        submit=[bench.SubmitTiming(60.0, 70.0, True), bench.SubmitTiming(400.0, 420.0, True)],
        paired=[1.1, 1.2, 1.05],
        home=[bench.Startup(2150.0, 380.0), bench.Startup(2050.0, 290.0)],
        home_paired=[1.075, 1.08],
    )
    report = bench.Report(
        runs=3,
        warmup=0,
        env=[("Date", "today")],
        startup=startup,
        page_bytes=[
            bench.PageBytes("Home", "home", total=100, wasm=0),
            bench.PageBytes("Level", "level", total=100, wasm=0),
        ],
        lighthouse=[
            bench.LighthouseRuns("Home", "mobile", [bench.LighthouseScores(error="Chrome exited")])
        ],
    )
    text = bench.render(report)
    assert (
        "| Scorer ready ≤ 1.15x bare loadPyodide (median of the rounds' ratios) | 1.10x "
        "(ratio of the medians 1.10x: 2200 ms vs 2000 ms; the home page starting the scorer: "
        "1.08x) | PASS |" in text
    )
    assert (
        "| Home page, the same scorer start (control) | 335 ms (290 ms-380 ms, n=2) | "
        "2100 ms (2050 ms-2150 ms, n=2) | 1.08x (1.07x-1.08x, n=2) |" in text
    )
    assert "| 1.10x (1.05x-1.20x, n=3) |" in text
    assert "245 ms | PASS |" in text
    assert "error: Chrome exited" in text
    assert "| Navigation start → worker script requested | 350 ms (300 ms-400 ms, n=2) |" in text


def test_phases_split_start_up_at_the_worker_request() -> None:
    phases = bench.phases([bench.Startup(2000.0, 500.0), bench.Startup(1000.0, None)])
    assert phases["before"].median == 500.0
    assert phases["worker"].median == 1500.0
    assert phases["total"].median == 1500.0
    assert bench.fmt_ratio(None) == "n/a"
    assert bench.fmt_ratio(1.083) == "1.08x"


def test_embed_report_replaces_only_the_marked_block_and_demotes_headings() -> None:
    doc = "# Guide\n\nintro\n\n<!-- benchmark:start -->\nold\n<!-- benchmark:end -->\n\nafter\n"
    report = "# Benchmark\n\n## Targets\n\n| a |\n"
    updated = bench.embed_report(doc, report)
    assert updated.startswith("# Guide\n\nintro\n\n<!-- benchmark:start -->\n### Benchmark\n")
    assert "#### Targets" in updated
    assert "old" not in updated
    assert updated.endswith("<!-- benchmark:end -->\n\nafter\n")


def test_embed_report_refuses_a_file_without_markers() -> None:
    with pytest.raises(SystemExit):
        bench.embed_report("# no markers\n", "# Benchmark\n")


def test_render_reports_the_team_comparison_and_its_target() -> None:
    team = bench.TeamRuns(
        runs=[bench.TeamTiming(30.0, 60.0, 70.0), bench.TeamTiming(40.0, 180.0, 250.0)],
        errors=["team run 3: boom"],
    )
    report = bench.Report(
        runs=2,
        warmup=1,
        env=[("Date", "today")],
        startup=bench.StartupRuns(),
        page_bytes=[],
        lighthouse=[],
        team=team,
    )
    text = bench.render(report)
    assert "## Team comparison (50 people)" in text
    assert "| Worker request (`team`, Python only) | 35.0 ms (30.0 ms-40.0 ms, n=2) |" in text
    assert "| Compare 50 people < 200 ms (median, click → painted) | 160 ms | PASS |" in text
    assert "- team run 3: boom" in text
    slow = bench.Report(
        1, 0, [], bench.StartupRuns(), [], [], team=bench.TeamRuns([bench.TeamTiming(1, 2, 201)])
    )
    assert "| 201 ms | FAIL |" in bench.render(slow)
    nothing = bench.render(bench.Report(1, 0, [], bench.StartupRuns(), [], []))
    assert (
        "| Compare 50 people < 200 ms (median, click → painted) | n/a | NOT MEASURED |" in nothing
    )


def test_the_team_text_has_one_named_code_per_person() -> None:
    lines = bench.team_text(5).splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Person {n}" for n in range(1, 6)]
    assert all(line.split(": ")[1].startswith("v") for line in lines)


def _lighthouse(performance: float, tbt: float, fcp: str = "1.6 s") -> Any:
    """One successful Lighthouse run with the given performance score and TBT."""
    return bench.LighthouseScores(performance, 100, {"FCP": fcp, "TBT": f"{tbt:.0f} ms"})


def _lighthouse_report(*pages: Any) -> Any:
    return bench.Report(1, 0, [], bench.StartupRuns(), [], list(pages))


def _mobile_target(runs: list[Any]) -> Any:
    report = _lighthouse_report(bench.LighthouseRuns("Home", "mobile", runs))
    [target] = bench.lighthouse_targets(report)
    return target


def test_the_median_run_is_the_one_with_the_median_performance_not_the_best_tbt() -> None:
    runs = [_lighthouse(97, 110, "2.0 s"), _lighthouse(99, 20, "1.4 s"), _lighthouse(98, 40)]
    assert bench.median_run(runs) is runs[2]
    assert bench.fmt_score_stats(bench.performance_stats(runs)) == "98 (97-99, n=3)"
    assert bench.fmt_tbt_stats(bench.tbt_stats(runs)) == "median 40 ms (20 ms-110 ms)"
    assert bench.lighthouse_metrics(runs) == "FCP 1.6 s, TBT 40 ms"


def test_a_tie_on_performance_takes_the_run_with_the_median_tbt() -> None:
    runs = [_lighthouse(99, 40, "a"), _lighthouse(99, 20, "b"), _lighthouse(99, 30, "c")]
    assert bench.median_run(runs) is runs[2]
    assert bench.median_run(list(reversed(runs))) is runs[2]
    only_two_tied = [_lighthouse(97, 10), _lighthouse(99, 60), _lighthouse(99, 50)]
    assert bench.median_run(only_two_tied) is only_two_tied[2]


def test_an_even_count_reports_the_half_median_and_the_lower_middle_run() -> None:
    runs = [_lighthouse(100, 10), _lighthouse(97, 60)]
    assert bench.fmt_score_stats(bench.performance_stats(runs)) == "98.5 (97-100, n=2)"
    assert bench.median_run(runs) is runs[1]
    assert bench.fmt_tbt_stats(bench.tbt_stats(runs)) == "median 35 ms (10 ms-60 ms)"
    assert (bench.fmt_score(98.0), bench.fmt_score(None)) == ("98", "n/a")


def test_a_failed_run_is_left_out_of_the_medians_and_counted() -> None:
    runs = [_lighthouse(96, 30), bench.LighthouseScores(error="Chrome exited"), _lighthouse(90, 70)]
    stats = bench.performance_stats(runs)
    assert (stats.median, stats.count) == (93, 2)
    assert bench.tbt_stats(runs).median == 50
    assert bench.accessibility_median(runs) == 100
    assert bench.failed_runs(runs) == "1 of 3 runs failed: Chrome exited"
    assert bench.failed_runs(runs[:1]) == ""
    text = bench.render(_lighthouse_report(bench.LighthouseRuns("Home", "mobile", runs)))
    assert "| Home | mobile | 93 (90-96, n=2) | 100 | median 50 ms (30 ms-70 ms) |" in text
    assert "; 1 of 3 runs failed: Chrome exited |" in text
    assert "- Lighthouse mobile, Home, run 2: Chrome exited" in text
    target = _mobile_target(runs)
    assert target.measured == (
        "performance 93, TBT 50 ms (median of 2 runs); 1 of 3 runs failed: Chrome exited"
    )
    assert target.passed is False


def test_all_runs_failed_shows_the_error_and_the_target_is_not_measured() -> None:
    runs = [bench.LighthouseScores(error="NO_FCP"), bench.LighthouseScores(error="timed out")]
    target = _mobile_target(runs)
    assert target.passed is None
    assert target.measured == "performance n/a, TBT n/a; 2 of 2 runs failed: NO_FCP"
    assert bench.median_run(runs) is None
    assert bench.lighthouse_metrics(runs) == "error: NO_FCP (all 2 runs failed)"
    assert bench.lighthouse_metrics(runs[:1]) == "error: NO_FCP"
    text = bench.render(_lighthouse_report(bench.LighthouseRuns("Home", "mobile", runs)))
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
    report = _lighthouse_report(bench.LighthouseRuns("Home", "desktop", [_lighthouse(50, 900)]))
    assert bench.lighthouse_targets(report) == []


def test_the_lighthouse_section_says_how_many_runs_and_that_it_reports_medians() -> None:
    runs = [_lighthouse(99, 20), _lighthouse(98, 30), _lighthouse(99, 40)]
    text = bench.render(_lighthouse_report(bench.LighthouseRuns("Home", "mobile", runs)))
    assert "3 runs per page and preset in 3 rounds" in text
    assert "Performance is the median of the successful runs" in text
    assert "| Page | Preset | Performance | Accessibility | TBT | Metrics (median run) |" in text
    assert "| Home | mobile | 99 (98-99, n=3) | 100 | median 30 ms (20 ms-40 ms) |" in text
    assert "## Failed runs" not in text
    single = bench.render(_lighthouse_report(bench.LighthouseRuns("Home", "mobile", runs[:1])))
    assert "one run per page and preset" in single


def test_the_lighthouse_schedule_runs_every_page_and_preset_once_per_round() -> None:
    pages = [("Home", ""), ("Level", "levels/")]
    schedule = bench.lighthouse_schedule(pages, ["mobile", "desktop"], 2)
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

    monkeypatch.setattr(bench, "run_lighthouse", fake_run)
    pages = [("Home", ""), ("Level", "levels/")]
    results = bench.measure_lighthouse("http://h/", ["mobile"], pages, tmp_path, 3)
    assert [url for url, _, _ in calls] == ["http://h/", "http://h/levels/"] * 3
    assert [run for _, _, run in calls] == [1, 1, 2, 2, 3, 3]
    assert [(r.label, r.preset) for r in results] == [("Home", "mobile"), ("Level", "mobile")]
    assert [s.performance for s in results[1].runs] == [91, 92, 93]


def test_lighthouse_runs_default_to_five_and_must_be_at_least_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.parse_args([]).lighthouse_runs == 5
    assert bench.parse_args(["--lighthouse-runs", "7"]).lighthouse_runs == 7
    for bad in ("0", "-2"):
        with pytest.raises(SystemExit) as exit_info:
            bench.parse_args(["--lighthouse-runs", bad])
        assert exit_info.value.code == 2
        assert "--lighthouse-runs must be at least 1" in capsys.readouterr().err


def test_start_up_ratios_are_paired_by_round_and_skip_rounds_with_a_failed_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Warm-up round, then three rounds; the app's run fails in the second of them. The control
    # (the home page starting the scorer) is paired with the bare run of its own round.
    app_times = iter([900.0, 2400.0, None, 2200.0])
    bare_times = iter([800.0, 2000.0, 2000.0, 2000.0])
    home_times = iter([850.0, 2200.0, 2300.0, 2100.0])

    def fake_app(browser, base, expected, runs, keep):  # type: ignore[no-untyped-def]
        ready = next(app_times)
        if ready is None:
            raise RuntimeError("boom")
        if keep:
            runs.app.append(bench.Startup(ready, None))

    def fake_bare(browser, base, runs, keep):  # type: ignore[no-untyped-def]
        ready = next(bare_times)
        if keep:
            runs.bare.append(bench.Startup(ready, None))

    def fake_home(browser, base, runs, keep):  # type: ignore[no-untyped-def]
        ready = next(home_times)
        if keep:
            runs.home.append(bench.Startup(ready, None))

    monkeypatch.setattr(bench, "app_run", fake_app)
    monkeypatch.setattr(bench, "bare_run", fake_bare)
    monkeypatch.setattr(bench, "home_run", fake_home)
    runs = bench.measure_startup(None, "", None, count=3, warmup=1)
    assert [s.ready for s in runs.app] == [2400.0, 2200.0]
    assert runs.paired == pytest.approx([1.2, 1.1])  # the round without an app run has none
    assert runs.home_paired == pytest.approx([1.1, 1.15, 1.05])  # the control in every round
    assert len(runs.errors) == 1
    assert "boom" in runs.errors[0]


def test_the_control_page_is_the_home_page_with_the_scorer_start_added() -> None:
    home = '<html><head><meta charset="utf-8"><title>Home</title></head><body>x</body></html>'
    page = bench.home_with_scorer(home)
    assert (
        page.replace(
            '<meta name="ex-scorer" content="assessment">'
            f'<script type="module" async src="{bench.HOME_PROBE}"></script>',
            "",
        )
        == home
    )
    assert page.index('name="ex-scorer"') < page.index("</head>")
    with pytest.raises(RuntimeError, match="</head>"):
        bench.home_with_scorer("<html><body>no head</body></html>")
