"""Smoke tests of the benchmark's Lighthouse runs (the ``benchmark`` package: no build, no
browser): the median run and its ties, failed runs, the mobile target judged on the median, the
schedule that runs every page and preset once per round, and how many runs there are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import benchmark.lighthouse
from benchmark.cli import parse_args
from benchmark.lighthouse import (
    LighthouseRuns,
    LighthouseScores,
    accessibility_median,
    failed_runs,
    fmt_score,
    fmt_score_stats,
    fmt_tbt_stats,
    lighthouse_metrics,
    lighthouse_schedule,
    measure_lighthouse,
    median_run,
    performance_stats,
    tbt_stats,
)
from benchmark.output import render
from benchmark.report import Report
from benchmark.startup import StartupRuns
from benchmark.stats import median_of
from benchmark.targets import lighthouse_targets


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
