"""Offline once visited: the site's offline copy (a service worker, docs/javascripts/offline/
offline-worker.mjs, registered by offline.mjs once the scorer has started) in a reader's own
browser (``reader_profile``: a profile on disk with service workers allowed).

Offline means the browser context's own offline switch, as a reader's lost connection: every
request fails, the service worker's included. A deployment is a changed build served at the
same address.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness import (
    ROOT,
    SiteServer,
    WatchedPage,
    load_hook,
    serve_site,
    site_pages,
    storage_key,
    watch,
)
from quiz import load_bank
from quiz.web import score_json
from tests.test_offline_copy import built_manifest
from tests.ui_text import ui
from tests.waits import wait_until

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
READY_TIMEOUT_MS = 60_000
OFFLINE_PREFIX = storage_key("offline-")


def wait_ready(page: Any) -> None:
    page.locator("#ex-status[data-scorer=ready]").wait_for(
        state="attached", timeout=READY_TIMEOUT_MS
    )


COPY_STATE = """async (prefix) => {
    const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
    const counts = [];
    for (const name of names) counts.push((await (await caches.open(name)).keys()).length);
    const registrations = await navigator.serviceWorker.getRegistrations();
    return {
        names,
        counts,
        controlled: !!navigator.serviceWorker.controller,
        registrations: registrations.map((r) => r.scope),
    };
}"""


def wait_for_copy(page: Any, site_dir: Path) -> str:
    """Wait until the page is controlled by the offline worker and its copy is complete;
    return the copy's cache name."""
    manifest = built_manifest(site_dir)
    name = f"{OFFLINE_PREFIX}{manifest['version']}"
    wait_until(
        page,
        """async ([prefix, name, count]) => {
            const names = (await caches.keys()).filter((n) => n.startsWith(prefix));
            if (names.length !== 1 || names[0] !== name) return false;
            const kept = (await (await caches.open(name)).keys()).length;
            return kept === count && !!navigator.serviceWorker.controller;
        }""",
        [OFFLINE_PREFIX, name, len(manifest["files"])],
        "the offline copy is complete and controls the page",
    )
    return name


def answer_and_submit(page: Any, level: int) -> dict[str, Any]:
    answers = dict.fromkeys(QUESTION_IDS, level)
    for qid in QUESTION_IDS:
        page.locator(f"label[for='q-{qid}-{level}']").click()
    page.get_by_role("button", name=ui("build.form.submit")).click()
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result


def offline_errors(watched: WatchedPage) -> list[str]:
    return [e for e in watched.console_errors if "ERR_INTERNET_DISCONNECTED" not in e]


def test_after_one_visit_the_assessment_a_result_the_level_pages_and_progress_work_offline(
    site: SiteServer, reader_profile: Any
) -> None:
    watched = watch(reader_profile)
    page = watched.page
    page.goto(site.url("assessment/"))
    wait_ready(page)
    wait_for_copy(page, site.root)
    reader_profile.set_offline(True)
    try:
        page.goto(site.url("assessment/"))  # a new visit, without a network
        wait_ready(page)
        result = answer_and_submit(page, 3)
        level_page = site.url(str(result["page"]).removesuffix(".md") + "/")
        page.wait_for_url(f"{level_page}#result={result['code']}", timeout=READY_TIMEOUT_MS)
        panel = page.locator("#ex-result[data-state=result]")
        panel.wait_for(timeout=READY_TIMEOUT_MS)
        assert f"Level {result['level']}" in panel.locator("h2").inner_text()
        assert page.locator("#ex-result .ex-result__unopened").count() == 0
        # Another level page.
        page.goto(site.url("levels/level-5/"))
        assert page.locator("article h1").inner_text()
        # The progress page reads the saved result, and its link opens it.
        page.goto(site.url("assessment/history/"))
        saved = page.locator(".ex-history__list a")
        saved.first.wait_for(timeout=READY_TIMEOUT_MS)
        assert saved.count() == 1
        saved.first.click()
        page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
        assert page.url == f"{level_page}#result={result['code']}"
    finally:
        reader_profile.set_offline(False)
    assert offline_errors(watched) == []
    assert watched.foreign_requests == []


@pytest.fixture
def deployed(tmp_path: Path, site_dir: Path) -> Iterator[tuple[SiteServer, Path]]:
    """A copy of the built site, served on its own address, that a test may deploy over."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    with serve_site(copy) as served:
        yield served, copy


def deploy_changed_build(site_dir: Path, marker: str) -> str:
    """Deploy a changed build over ``site_dir``: a page's text changed, and the offline worker
    written again for the new files (the build's own step, hooks/offline.py). Returns the new
    version."""
    page = site_dir / "levels" / "level-2" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", f" {marker}</h1>", 1), encoding="utf-8")
    source = site_dir / "javascripts" / "offline" / "offline-worker.mjs"
    shutil.copy(ROOT / "docs" / "javascripts" / "offline" / "offline-worker.mjs", source)
    manifest: dict[str, Any] = load_hook("offline").write_offline_worker(site_dir)
    return str(manifest["version"])


def test_a_new_deployment_shows_its_pages_and_replaces_the_offline_copy(
    deployed: tuple[SiteServer, Path], reader_profile: Any
) -> None:
    served, site_dir = deployed
    watched = watch(reader_profile)
    page = watched.page
    page.goto(served.url("assessment/"))
    wait_ready(page)
    old = wait_for_copy(page, site_dir)
    page.goto(served.url("levels/level-2/"))
    assert "(deployed again)" not in page.locator("article h1").inner_text()

    version = deploy_changed_build(site_dir, "(deployed again)")
    # Online, the new page at once (the old copy still controls the page, or the browser is
    # already installing the new one: either way the network comes first).
    page.goto(served.url("levels/level-2/"))
    assert "(deployed again)" in page.locator("article h1").inner_text()
    # The next page that starts the scorer brings the copy up to date, as a whole.
    page.goto(served.url("assessment/"))
    wait_ready(page)
    new = wait_for_copy(page, site_dir)
    assert new == f"{OFFLINE_PREFIX}{version}" != old
    reader_profile.set_offline(True)
    try:
        page.goto(served.url("levels/level-2/"))
        assert "(deployed again)" in page.locator("article h1").inner_text()
    finally:
        reader_profile.set_offline(False)
    assert offline_errors(watched) == []


def test_forget_everything_removes_the_offline_copy(site: SiteServer, reader_profile: Any) -> None:
    watched = watch(reader_profile)
    page = watched.page
    page.goto(site.url("assessment/history/"))
    page.locator("#ex-history").get_by_role("heading", name=ui("page.history_title")).wait_for(
        timeout=READY_TIMEOUT_MS
    )
    wait_for_copy(page, site.root)
    kept = page.locator("#ex-history-kept + p")
    assert "an offline copy of the playbook and its scorer" in kept.inner_text()
    page.get_by_role("button", name=ui("page.history_forget")).click()
    page.get_by_role("button", name=ui("page.history_forget_yes")).click()
    page.get_by_text(ui("page.history_forgotten")).wait_for()
    wait_until(
        page,
        f"async (prefix) => {{ const s = await ({COPY_STATE})(prefix); "
        "return s.names.length === 0 && s.registrations.length === 0; }",
        OFFLINE_PREFIX,
        "the offline copy is gone",
    )
    assert watched.console_errors == []


def test_every_page_keeps_its_policy_and_origin_with_the_offline_copy_in_place(
    site: SiteServer, reader_profile: Any
) -> None:
    """The walk of every page, controlled by the offline worker: no Content Security Policy
    violation (a console error on a watched page), no request to another origin."""
    watched = watch(reader_profile)
    page = watched.page
    page.goto(site.url("assessment/"))
    wait_ready(page)
    name = wait_for_copy(page, site.root)
    kept = page.evaluate(
        "async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", name
    )
    assert kept
    assert [url for url in kept if not url.startswith(site.base_url)] == []  # its own files only
    for path in site_pages(site.root):
        page.goto(site.url(path))
        assert page.evaluate("!!navigator.serviceWorker.controller"), path
    page.goto(site.url("assessment/"))
    wait_ready(page)
    result = answer_and_submit(page, 2)
    page.wait_for_url(f"**/#result={result['code']}", timeout=READY_TIMEOUT_MS)
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    # (404.html is served with its status, which the browser logs.)
    assert [e for e in watched.console_errors if "status of 404" not in e] == []
    assert watched.foreign_requests == []
