"""Copies of the playbook served from one origin (an organisation's English and French copies
under one github.io address) keep what each reader saved apart: answers, results, and the
scorer's snapshot. Each name starts with its site's path (docs/javascripts/shared/site.mjs).

The copy is a real one: the project copied, its site.json given another name, address and
repository (harness.make_copy), and built."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from harness import (
    SUB_PATH,
    SiteServer,
    make_copy,
    run_mkdocs_build,
    serve_site,
    watch,
)
from quiz import load_bank
from quiz.build import site
from quiz.web import score_json
from tests.ui_text import ui
from tests.waits import wait_until

pytestmark = pytest.mark.browser

BANK = load_bank()
READY_TIMEOUT_MS = 60_000
#: The copy's path on the same origin.
COPY_PATH = "/ex-playbook-copy/"


def key(path: str, name: str) -> str:
    """A site's storage key, as site.mjs names it (harness.storage_key for this site)."""
    return path.strip("/") + ":" + name


@pytest.fixture(scope="module")
def two_copies(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """This site's build, and a copy of the project under another identity on the same
    origin, built."""
    tmp = tmp_path_factory.mktemp("copies")
    project = make_copy(
        tmp / "project",
        {
            "site_name": "EX Playbook, our copy",
            "site_url": urljoin(site().url, COPY_PATH),
            "repo_url": "https://github.com/example-org/ex-playbook-copy",
        },
    )
    built = run_mkdocs_build(tmp / "copy", project)
    assert built.returncode == 0, built.stdout + built.stderr
    # Served from its own folder: serving rewrites the sitemap for the local origin.
    return shutil.copytree(site_dir, tmp / "original"), tmp / "copy"


def answer_all(page: Any, level: int) -> dict[str, Any]:
    for question in BANK.questions:
        page.locator(f"label[for='q-{question.id}-{level}']").click()
    page.get_by_role("button", name=ui("build.form.submit")).click()
    result: dict[str, Any] = json.loads(
        score_json(json.dumps({"answers": {question.id: level for question in BANK.questions}}))
    )["result"]
    page.wait_for_url(f"**#result={result['code']}")
    return result


def open_assessment(page: Any, served: SiteServer) -> str:
    """Open the assessment; once the scorer is ready, say how it started."""
    page.goto(served.url("assessment/"))
    status = page.locator("#ex-status[data-scorer=ready]")
    status.wait_for(timeout=READY_TIMEOUT_MS)
    return str(status.get_attribute("data-scorer-start"))


def wait_for_snapshot(page: Any, cache: str) -> None:
    # wait_until, not wait_for_function: that takes an async check's pending promise for true.
    wait_until(
        page,
        "async (name) => (await caches.has(name))"
        " && (await (await caches.open(name)).keys()).length === 1",
        cache,
        f"a snapshot is saved in {cache}",
        timeout_ms=READY_TIMEOUT_MS,
    )


def stored(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """async () => ({
                keys: Object.keys(localStorage).sort(),
                caches: (await caches.keys()).sort(),
            })"""
        )
    )


def test_two_copies_on_one_origin_keep_their_own_answers_history_and_snapshots(
    two_copies: tuple[Path, Path], fresh_context: Any
) -> None:
    original_dir, copy_dir = two_copies
    with serve_site(original_dir, {COPY_PATH: copy_dir}) as original:
        copy = SiteServer(copy_dir, original.origin, original.origin + COPY_PATH)
        watched = watch(fresh_context)
        page = watched.page
        first = BANK.questions[0].id
        mine, theirs = SUB_PATH, COPY_PATH

        # A reader starts the original's assessment: one answer, and its scorer's snapshot.
        assert open_assessment(page, original) == "fresh"
        page.locator(f"label[for='q-{first}-2']").click()
        wait_for_snapshot(page, key(mine, "scorer-snapshot"))

        # The copy on the same origin starts empty: no answer, no snapshot of the other's.
        assert open_assessment(page, copy) == "fresh"
        assert page.locator("#ex-assessment input:checked").count() == 0
        result = answer_all(page, 4)
        assert page.url.startswith(copy.base_url)
        wait_for_snapshot(page, key(theirs, "scorer-snapshot"))
        history = json.loads(page.evaluate(f"localStorage.getItem('{key(theirs, 'history:v1')}')"))
        assert [entry["code"] for entry in history] == [result["code"]]

        # Back on the original: its answer and its snapshot are still there, its history
        # holds nothing of the copy's. The snapshot is checked in the cache itself: whether the
        # 31 MB restore then succeeds on a loaded machine is Pyodide's (issue 25), not the
        # copies', and a failed restore falls back to a fresh start by design.
        wait_for_snapshot(page, key(mine, "scorer-snapshot"))
        assert open_assessment(page, original) in ("snapshot", "fresh")
        wait_for_snapshot(page, key(mine, "scorer-snapshot"))
        assert page.locator(f"#q-{first}-2").is_checked()
        assert page.locator("#ex-assessment input:checked").count() == 1
        kept = stored(page)
        assert key(mine, "history:v1") not in kept["keys"]
        assert {key(mine, "answers:v1"), key(theirs, "history:v1")} <= set(kept["keys"])
        assert {key(mine, "scorer-snapshot"), key(theirs, "scorer-snapshot")} <= set(kept["caches"])

        # "Forget everything" on the copy forgets the copy's, and nothing of the original's.
        page.goto(copy.url("assessment/history/"))
        root = page.locator("#ex-history")
        root.get_by_role("button", name=ui("page.history_forget")).click()
        root.get_by_role("button", name=ui("page.history_forget_yes")).click()
        root.get_by_text(ui("page.history_forgotten")).wait_for()
        left = stored(page)
        assert not [name for name in left["keys"] if name.startswith(key(theirs, ""))], left
        assert key(theirs, "scorer-snapshot") not in left["caches"]
        assert key(mine, "answers:v1") in left["keys"]
        assert key(mine, "scorer-snapshot") in left["caches"]
        assert watched.foreign_requests == []
        assert watched.console_errors == []
