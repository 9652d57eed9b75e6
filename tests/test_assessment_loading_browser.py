"""The scorer's download and start in the browser: a failed download said at once with "Try
again" (which reuses what arrived), a stalled one given up after 30 seconds without bytes, a
slow one never cut off while bytes arrive, browsers that cannot run the scorer, a wheel that
does not match its lock file, and a failure inside Python.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness import BINARY, STDLIB, SiteServer, watch
from tests.assessment_support import (
    QUESTION_IDS,
    READY_TIMEOUT_MS,
    cli_score,
    in_viewport,
    pattern,
    planted_wheel,
    submit,
    wait_for_panel,
    wait_ready,
)
from tests.ui_text import CUT, ui, ui_upto

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------

# Problems 3 and 4: loading progress, immediate failure, stalls, "Try again".


def failure_message(page: Any) -> Any:
    message = page.locator("#ex-status [role=status]")
    message.get_by_role("button", name=ui("page.try_again")).wait_for(timeout=15_000)
    return message


@pytest.mark.parametrize(
    ("file", "how"),
    [
        (BINARY, "abort"),
        (STDLIB, "404"),
        ("pyodide-lock.json", "abort"),
        ("*.whl", "404"),
        ("pyodide.asm.mjs", "404"),
    ],
)
def test_a_failed_download_says_so_at_once(
    site: SiteServer, context: Any, file: str, how: str
) -> None:
    """No waiting out a timer: the failure shows within seconds, with "Try again"."""
    page = watch(context).page
    page.route(
        f"**/pyodide/{file}",
        lambda route: route.abort() if how == "abort" else route.fulfill(status=404, body="no"),
    )
    page.goto(site.url("assessment/"))
    page.locator(f"label[for='q-{QUESTION_IDS[0]}-4']").click()
    message = failure_message(page)
    assert "Your answers are safe" in message.inner_text()
    assert message.get_by_role("link", name=ui("page.levels_overview")).is_visible()
    assert page.locator(f"#q-{QUESTION_IDS[0]}-4").is_checked()


def test_try_again_reuses_what_was_downloaded(site: SiteServer, context: Any) -> None:
    page = watch(context).page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    page.route(f"**/pyodide/{BINARY}", lambda route: route.abort())
    page.goto(site.url("assessment/"))
    submit(page)  # the reader is waiting for a score
    message = failure_message(page)
    assert in_viewport(page, "#ex-status [role=status]")
    page.unroute(f"**/pyodide/{BINARY}")
    message.get_by_role("button", name=ui("page.try_again")).click()
    wait_ready(page)
    for name in (STDLIB, "pyodide-lock.json"):
        assert requested.count(name) == 1, requested
    assert requested.count(BINARY) == 2


def test_a_download_that_stops_fails_after_30_seconds_without_bytes(
    site: SiteServer, context: Any
) -> None:
    page = watch(context).page
    page.clock.install()
    page.route(f"**/pyodide/{BINARY}", lambda route: None)  # never answered
    page.goto(site.url("assessment/"))
    wasm = json.loads((site.root / "pyodide" / "sizes.json").read_text("utf-8"))[BINARY]
    page.wait_for_function(
        "(wasm) => { const bar = document.querySelector('.ex-load__bar');"
        " return bar && bar.max > 0 && bar.value >= bar.max - wasm; }",
        arg=wasm,
        timeout=READY_TIMEOUT_MS,
    )
    page.clock.run_for(29_000)
    assert page.locator("#ex-status[data-scorer=loading]").count() == 1
    page.clock.run_for(31_000)  # the last progress message may have come a moment late
    page.clock.resume()
    message = failure_message(page)
    assert "nothing arrived for 30 seconds" in message.inner_text()
    page.unroute(f"**/pyodide/{BINARY}")
    message.get_by_role("button", name=ui("page.try_again")).click()
    wait_ready(page)


def test_a_slow_download_shows_its_bytes_and_is_never_cut_off_while_it_moves(
    site: SiteServer, fresh_context: Any
) -> None:
    """At 1.5 MB/s the binary takes over 2 s (slow enough that a loaded machine still sees
    the bar move several times). The progress bar counts the bytes received of the total of
    every file the scorer needs (in this page's language). Fake time runs 10 s ahead each time
    new bytes have arrived (as soon as the bar shows them), so the page sees well over a minute pass
    (far beyond the 30 s stall limit) while bytes keep arriving, and the download is never
    given up. Each step leaves 20 s of the limit for the next bytes to arrive, so a machine
    busy with other tests does not trip it."""
    page = watch(fresh_context).page
    page.clock.install()
    sizes = json.loads((site.root / "pyodide" / "sizes.json").read_text("utf-8"))
    # An English page's scorer needs no other language's pack (ex_quiz-lang-fr.zip).
    total = sum(size for name, size in sizes.items() if not name.startswith("ex_quiz-lang-"))
    assert total < sum(sizes.values())
    seen: set[float] = set()
    with site.throttled(BINARY, 1_500_000):
        page.goto(site.url("assessment/"))
        page.locator(
            "#ex-status .ex-load__text",
            has_text=ui("page.status_loading_bytes", received=CUT, total=CUT).rpartition(CUT)[2],
        ).wait_for()
        passed = 0
        last = -1.0
        while True:
            # The next news: more bytes than at the last step (starting Python is no download),
            # or the end of loading; read in one go, as loading may end between two reads.
            state = page.wait_for_function(
                """(last) => {
                    const status = document.querySelector("#ex-status");
                    const bar = status && status.querySelector(".ex-load__bar");
                    const state = {
                        scorer: status ? status.dataset.scorer : null,
                        max: bar ? bar.max : 0,
                        value: bar ? bar.value : 0,
                        text: status ? status.textContent.trim().slice(0, 200) : "",
                    };
                    const more = state.max > 0 && last < state.value && state.value < state.max;
                    return state.scorer !== "loading" || more ? state : null;
                }""",
                arg=last,
                timeout=READY_TIMEOUT_MS,
            ).json_value()
            if state["scorer"] != "loading":
                break
            assert state["max"] == total
            seen.add(state["value"])
            last = state["value"]
            page.clock.run_for(10_000)
            passed += 10
            assert passed < 2_000
    assert state["scorer"] == "ready", state
    assert len(seen) >= 3, seen  # the bar moved
    assert passed > 60


# ---------------------------------------------------------------------------------------------
# Problem 6: browsers that cannot run the scorer.


def test_without_workers_one_sentence_points_to_the_levels(site: SiteServer, context: Any) -> None:
    watched = watch(context)
    watched.page.add_init_script("delete window.Worker")
    page = watched.page
    page.goto(site.url("assessment/"))
    message = page.locator("#ex-status [role=status]")
    message.filter(has_text=ui_upto("page.status_unsupported", overview=CUT)).wait_for()
    assert message.get_by_role("link", name=ui("page.levels_overview")).is_visible()
    assert message.get_by_role("button").count() == 0
    code = cli_score(pattern("all-3"))["code"]
    page.goto(site.url(f"levels/level-3/#result={code}"))
    panel = wait_for_panel(page)
    assert ui_upto("page.status_unsupported", overview=CUT) in panel.inner_text()
    assert watched.console_errors == []


def test_without_webassembly_in_the_worker_it_says_so(site: SiteServer, context: Any) -> None:
    def strip_wasm(route: Any) -> None:
        response = route.fetch()
        body = "delete globalThis.WebAssembly;\n" + response.text()
        route.fulfill(response=response, body=body)

    watched = watch(context)
    page = watched.page
    page.route("**/javascripts/scorer/quiz-worker.mjs", strip_wasm)
    page.goto(site.url("assessment/"))
    message = page.locator("#ex-status [role=status]")
    message.filter(has_text=ui_upto("page.status_unsupported", overview=CUT)).wait_for()
    assert message.get_by_role("link", name=ui("page.levels_overview")).is_visible()
    assert [e for e in watched.console_errors if "uncaught" in e] == []


def test_a_wheel_that_does_not_match_its_lock_hash_is_refused_at_once(
    site: SiteServer, context: Any
) -> None:
    page = watch(context).page
    page.route(
        "**/*.whl",
        lambda route: route.fulfill(
            status=200, body=b"PK\x03\x04 not the built wheel", content_type="application/zip"
        ),
    )
    page.goto(site.url("assessment/"))
    assert "could not be downloaded" in failure_message(page).inner_text()


def test_a_python_failure_logs_its_traceback_and_shows_the_short_message(
    site: SiteServer, fresh_context: Any
) -> None:
    wheel, lock = planted_wheel(site)
    watched = watch(fresh_context)
    page = watched.page
    page.route("**/*.whl", lambda route: route.fulfill(body=wheel, content_type="application/zip"))
    page.route(
        "**/pyodide-lock.json",
        lambda route: route.fulfill(body=lock, content_type="application/json"),
    )
    code = cli_score(pattern("all-3"))["code"]
    page.goto(site.url(f"levels/level-3/#result={code}"))
    panel = wait_for_panel(page)
    assert "Something went wrong while working out your result" in panel.inner_text()
    assert "Traceback" not in panel.inner_text()
    [logged] = [e for e in watched.console_errors if "planted failure" in e]
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: planted failure" in logged
