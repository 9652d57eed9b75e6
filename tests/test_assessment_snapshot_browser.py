"""The scorer's start-up snapshot in the browser: the first visit saves one, a repeat visit
restores it, a new deployment replaces it and a damaged one is dropped for a fresh start.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness import SNAPSHOT_CACHE, SiteServer, WatchedPage, watch
from tests.assessment_support import (
    answer_all,
    cli_score,
    pattern,
    planted_wheel,
    result_url,
    submit,
    wait_for_panel,
    wait_ready,
)
from tests.waits import wait_until

pytestmark = pytest.mark.browser


def saved_snapshots(page: Any) -> list[dict[str, Any]]:
    """The snapshots in the page's Cache Storage: address and size in bytes."""
    result: list[dict[str, Any]] = page.evaluate(
        """async (name) => {
            const cache = await caches.open(name);
            const out = [];
            for (const request of await cache.keys()) {
                const body = await (await cache.match(request)).arrayBuffer();
                out.push({url: request.url, size: body.byteLength});
            }
            return out;
        }""",
        SNAPSHOT_CACHE,
    )
    return result


def wait_for_snapshot(page: Any) -> list[dict[str, Any]]:
    """Wait until the first visit has saved its snapshot (it is written in the background)."""
    wait_until(
        page,
        "async (name) => (await (await caches.open(name)).keys()).length > 0",
        SNAPSHOT_CACHE,
        "a snapshot is saved",
    )
    return saved_snapshots(page)


def take_and_check(page: Any, site: SiteServer, name: str) -> None:
    answer_all(page, pattern(name))
    submit(page)
    expected = cli_score(pattern(name))
    page.wait_for_url(result_url(site, expected))
    assert f"Level {expected['level']}" in wait_for_panel(page).locator("h2").inner_text()


def test_waiting_on_an_async_check_waits_for_true_and_fails_when_it_never_comes(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url("pyodide/sizes.json"))
    page.evaluate("() => { window.readyAt = Date.now() + 600; }")
    wait_until(page, "async () => Date.now() >= window.readyAt", None, "later", timeout_ms=5_000)
    assert page.evaluate("Date.now() >= window.readyAt")
    with pytest.raises(AssertionError, match="timed out waiting until never"):
        wait_until(page, "async () => false", None, "never", timeout_ms=500)


def test_a_repeat_visit_restores_the_snapshot_and_a_new_deployment_replaces_it(
    site: SiteServer, fresh_context: Any
) -> None:
    """The first visit starts Python afresh and saves a snapshot; the next visit restores it
    and scores as usual. A snapshot is only restored by the scorer it was taken of: after a
    deployment with a different wheel the scorer starts afresh, and its snapshot replaces the
    old one."""
    first = watch(fresh_context)
    first.page.goto(site.url("assessment/"))
    wait_ready(first.page)
    assert first.page.locator("#ex-status").get_attribute("data-scorer-start") == "fresh"
    snapshots = wait_for_snapshot(first.page)
    assert len(snapshots) == 1
    [old] = snapshots
    assert old["url"].startswith(site.url("pyodide/snapshot/"))
    assert old["size"] > 1_000_000
    second = watch(fresh_context)
    second.page.goto(site.url("assessment/"))
    wait_ready(second.page)
    assert second.page.locator("#ex-status").get_attribute("data-scorer-start") == "snapshot"
    take_and_check(second.page, site, "mixed-with-unsure")
    # The next deployment.
    wheel, lock = planted_wheel(site)
    third = watch(fresh_context)
    third.page.route(
        "**/*.whl", lambda route: route.fulfill(body=wheel, content_type="application/zip")
    )
    third.page.route(
        "**/pyodide-lock.json",
        lambda route: route.fulfill(body=lock, content_type="application/json"),
    )
    third.page.goto(site.url("assessment/"))
    wait_ready(third.page)
    assert third.page.locator("#ex-status").get_attribute("data-scorer-start") == "fresh"
    wait_until(
        third.page,
        """async ([name, old]) => {
            const keys = await (await caches.open(name)).keys();
            return keys.length === 1 && keys[0].url !== old;
        }""",
        [SNAPSHOT_CACHE, old["url"]],
        "the new deployment's snapshot replaces the old one",
    )
    assert first.console_errors == second.console_errors == third.console_errors == []


def test_a_damaged_snapshot_is_dropped_and_python_starts_afresh(
    site: SiteServer, context: Any
) -> None:
    first = watch(context)
    first.page.goto(site.url("assessment/"))
    wait_ready(first.page)
    [saved] = wait_for_snapshot(first.page)
    first.page.evaluate(
        """async ([name, url]) => {
            const junk = new Uint8Array(4_000_000).fill(7);
            await (await caches.open(name)).put(url, new Response(junk));
        }""",
        [SNAPSHOT_CACHE, saved["url"]],
    )
    second = watch(context)
    warnings: list[str] = []
    second.page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else 0)
    second.page.goto(site.url("assessment/"))
    wait_ready(second.page)
    assert second.page.locator("#ex-status").get_attribute("data-scorer-start") == "fresh"
    assert any("snapshot" in text for text in warnings), warnings
    take_and_check(second.page, site, "mixed")
    # A good snapshot replaces the damaged one.
    wait_until(
        second.page,
        """async ([name, size]) => {
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            if (!request) return false;
            return (await (await cache.match(request)).arrayBuffer()).byteLength === size;
        }""",
        [SNAPSHOT_CACHE, saved["size"]],
        "a good snapshot replaces the damaged one",
    )
    assert second.console_errors == []
