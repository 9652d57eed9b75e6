"""Smoke tests of the benchmark's small pure helpers (the ``benchmark`` package: no build, no
browser): statistics and formatting, transfer sizes, the local sitemap, Lighthouse's scores,
presets and verdicts, the snapshot size and the targets timed outside the benchmark.
"""

from __future__ import annotations

import pytest

from benchmark.hosts import PageBytes, Transfer, is_stdlib, is_wasm, transferred
from benchmark.lighthouse import fmt_score, lighthouse_presets, parse_lighthouse
from benchmark.sections import fmt_snapshot
from benchmark.stats import fmt_bytes, fmt_ms, markdown_table, median_of, ratio, summarize
from benchmark.targets import Target, at_most, no_wasm, target_result, verdict
from harness import rebase_sitemap


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
