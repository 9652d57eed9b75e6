"""Smoke tests of scripts/benchmark.py's pure helpers (no build, no browser)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
        lighthouse=[("Home", "mobile", bench.LighthouseScores(error="Chrome exited"))],
    )
    text = bench.render(report)
    assert (
        "| Scorer ready ≤ 1.15x bare loadPyodide (median) | 1.10x (2200 ms vs 2000 ms) | PASS |"
        in text
    )
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
