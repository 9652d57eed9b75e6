"""Failures named truly, and nothing lost, in the scorer's files: one that arrives damaged (or a
network's page in its place) is named within five seconds and "Try again" downloads it
afresh, an aborted runtime module is reported without an uncaught error, and the scorer's
worker fetches only its own files.

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness import BINARY, STDLIB, SiteServer, launch_profile, watch
from quiz.web import page_messages
from tests.assessment_support import QUESTION_IDS, READY_TIMEOUT_MS, wait_ready
from tests.failures_support import answer
from tests.ui_text import ui

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Problem 3: a file of the scorer arrives damaged (or a network's page comes in its place).

CAPTIVE_PORTAL = (
    b"<!doctype html><html><head><title>Sign in to Hotel Wi-Fi</title></head>"
    b"<body><form><p>Accept the terms to continue.</p></form></body></html>"
)


def damage(site: SiteServer, name: str, how: str) -> tuple[bytes, str]:
    """The bytes a filtering proxy or a captive portal sends instead of the built file."""
    body = (site.root / "pyodide" / name).read_bytes()
    content_type = {".gz": "application/gzip", ".zip": "application/zip"}.get(
        Path(name).suffix, "text/javascript"
    )
    if how == "garbage":
        return bytes(random.Random(name).randrange(256) for _ in range(4096)) * (
            len(body) // 4096
        ), content_type
    if how == "half":
        return body[: len(body) // 2], content_type
    if how == "corrupt":  # the right size and start, damaged in the middle
        middle = len(body) // 2
        return body[:middle] + bytes(b ^ 0xFF for b in body[middle : middle + 64]) + body[
            middle + 64 :
        ], content_type
    return CAPTIVE_PORTAL, "text/html; charset=utf-8"


@pytest.fixture
def disk_profile(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A new browser profile on disk (its HTTP cache keeps even the 9.6 MB binary), without
    the site's service worker: what the browser keeps is the HTTP cache alone."""
    ctx = launch_profile(playwright, tmp_path / "disk", service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("name", "how"),
    [
        (BINARY, "garbage"),
        (BINARY, "half"),
        (BINARY, "html"),
        (BINARY, "corrupt"),
        (STDLIB, "corrupt"),
        (STDLIB, "html"),
        ("pyodide.mjs", "html"),
    ],
)
def test_a_damaged_file_is_named_within_five_seconds_and_try_again_downloads_it_afresh(
    site: SiteServer, disk_profile: Any, name: str, how: str
) -> None:
    """The server sends the file garbled, cut in half, or as a sign-in page, with the headers
    a real file gets (the browser keeps it for ten minutes). The reader hears within five
    seconds that it arrived damaged or blocked, and what to do; "Try again" then downloads it
    past the browser's cache, and the scorer starts. Before, the bar sat at "13.5 of 13.5 MB"
    for 31 s, then said nothing had arrived, and "Try again" reused the same bad bytes."""
    watched = watch(disk_profile)
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    body, content_type = damage(site, name, how)
    with site.replacing(name, body, content_type):
        started = time.monotonic()
        page.goto(site.url("assessment/"))
        message = page.locator("#ex-status [role=status]")
        retry = message.get_by_role("button", name=ui("page.try_again"))
        retry.wait_for(timeout=5_000)
        assert time.monotonic() - started < 5
        said = page_messages()["failed_damaged"].format(file=name)
        assert message.locator(".ex-status__error").inner_text() == f"{said} Your answers are safe."
    # The network is right again; the browser still holds the damaged copy.
    before = sum(url.split("?")[0].endswith("/" + name) for url in requested)
    retry.click()
    wait_ready(page)
    assert sum(url.split("?")[0].endswith("/" + name) for url in requested) == before + 1
    answer(page, dict.fromkeys(QUESTION_IDS, 2))
    page.get_by_role("button", name=ui("build.form.submit")).click()
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    assert [e for e in watched.console_errors if "Failed to load resource" not in e] == []


def test_an_aborted_runtime_module_is_reported_without_an_uncaught_error(
    site: SiteServer, context: Any
) -> None:
    watched = watch(context)
    page = watched.page
    page.route("**/pyodide/pyodide.mjs", lambda route: route.abort())
    page.goto(site.url("assessment/"))
    retry = page.locator("#ex-status [role=status]").get_by_role(
        "button", name=ui("page.try_again")
    )
    retry.wait_for(timeout=15_000)
    page.unroute("**/pyodide/pyodide.mjs")
    retry.click()
    wait_ready(page)
    assert [e for e in watched.console_errors if "Failed to load resource" not in e] == []


# ---------------------------------------------------------------------------------------------
# The worker keeps to its own origin: no <meta> policy reaches it.


def test_the_scorers_worker_fetches_only_its_own_files(site: SiteServer, context: Any) -> None:
    watched = watch(context)
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url("assessment/"))
    wait_ready(page)
    [worker] = [w for w in page.workers if w.url.endswith("/javascripts/scorer/quiz-worker.mjs")]
    elsewhere = [
        site.url("index.html"),  # the same origin, outside the scorer's folder
        site.url("pyodide/../index.html"),
        site.origin + "/",
        "https://cdn.jsdelivr.net/pyodide/v0.27.0/full/pyodide.mjs",
        "http://127.0.0.2/",
        "data:text/plain,hello",
    ]
    outcomes = worker.evaluate(
        """async ([urls, own]) => {
            const out = {};
            for (const url of urls) {
                try { await fetch(url); out[url] = "fetched"; }
                catch (error) { out[url] = String(error); }
            }
            try { new XMLHttpRequest().open("GET", urls[0]); out.xhr = "opened"; }
            catch (error) { out.xhr = String(error); }
            out.websocket = typeof WebSocket;
            out.eventsource = typeof EventSource;
            out.own = (await fetch(own)).ok;
            return out;
        }""",
        [elsewhere, site.url("pyodide/sizes.json")],
    )
    for url in elsewhere:
        assert "was refused" in outcomes[url], (url, outcomes[url])
    assert "was refused" in outcomes["xhr"]
    assert outcomes["websocket"] == outcomes["eventsource"] == "undefined"
    assert outcomes["own"] is True
    assert not [url for url in requested if url.endswith("/index.html") or url == site.origin + "/"]
    assert watched.foreign_requests == []
