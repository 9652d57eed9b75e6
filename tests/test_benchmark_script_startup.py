"""Smoke tests of the benchmark's start-up measurement (the ``benchmark`` package: no build, no
browser): the rounds keep each page's run and skip a failed one, rotate the order of the pages, and
measure a control page (the home page starting the scorer) and a bare page running plain Pyodide on
the site's standard library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import benchmark.pages
import benchmark.startup
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
from benchmark.startup import Startup, SubmitTiming, measure_startup, paired_ratios, startup_steps

#: Stands in for the browser and the expected result, which the faked runs never use.
UNUSED: Any = None


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
