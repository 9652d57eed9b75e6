"""What the site keeps in the browser, and what happens when the browser will not keep it:
storage that throws or cannot write is said in one line and everything else works, and
"Forget everything" clears what the site kept (even a snapshot the scorer is still making)
and nothing else.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from harness import BINARY, SNAPSHOT_CACHE, SiteServer, storage_key, watch
from tests.progress_support import (
    READY_TIMEOUT_MS,
    STORAGE_PROBLEM,
    mixed,
    open_history,
    saved_history,
    take,
)
from tests.ui_text import ui
from tests.waits import next_frames, wait_until

pytestmark = pytest.mark.browser
THROWING_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "clear", "key"]) {
  Storage.prototype[name] = function () {
    throw new DOMException("The storage is blocked.", "SecurityError");
  };
}
"""


def test_storage_that_throws_gives_one_line_and_everything_else_works(
    site: SiteServer, context: Any
) -> None:
    watched = watch(context)
    watched.page.add_init_script(THROWING_STORAGE)
    page = watched.page
    stacks: list[str] = []
    page.on("pageerror", lambda error: stacks.append(f"{error.message}\n{error.stack}"))
    result = take(site, page, mixed())
    panel = page.locator("#ex-result")
    assert panel.get_by_text(STORAGE_PROBLEM, exact=True).count() == 1
    assert f"Level {result['level']}" in panel.locator("h2").inner_text()
    # The plan still takes an owner, and the downloads still work.
    owner = panel.locator(".ex-plan__steps input[type=text]").first
    owner.fill("Priya")
    with page.expect_download() as download:
        panel.get_by_role("button", name=ui("page.download_answers_json")).click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["code"] == result["code"]
    assert saved["plan"][0]["steps"][0]["owner"] == "Priya"
    # The team page compares.
    page.get_by_role("link", name=ui("page.team_compare_link")).click()
    page.get_by_role("region", name=ui("page.team_result_title")).locator(
        ".ex-result__statement"
    ).wait_for(timeout=READY_TIMEOUT_MS)
    # The progress page, loaded afresh, says so in one line and still offers its tools.
    page.goto(site.url("assessment/history/"))
    line = page.locator(".ex-history__storage")
    line.wait_for()
    assert line.inner_text() == STORAGE_PROBLEM
    assert page.get_by_text(STORAGE_PROBLEM, exact=True).count() == 1
    assert page.get_by_role("button", name=ui("page.history_download")).is_enabled()
    assert page.get_by_label(ui("page.history_import")).is_enabled()
    # Material's own inline scripts read storage without a guard, so they throw too (with no
    # stack); nothing of the site's own modules may.
    assert [stack for stack in stacks if ".mjs" in stack] == []
    # Material's own scripts read the storage without catching (uncaught errors, or logged
    # as the bare exception); none of the stacks above is the site's own code.
    blocked = "SecurityError: The storage is blocked."
    assert [
        e for e in watched.console_errors if not e.startswith("uncaught: ") and e != blocked
    ] == []


QUOTA_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def test_storage_that_reads_but_cannot_write_is_reported_instead_of_an_empty_promise(
    site: SiteServer, context: Any
) -> None:
    page = context.new_page()
    page.add_init_script(QUOTA_FULL)
    page.goto(site.url("assessment/history/"))
    line = page.locator(".ex-history__storage")
    line.filter(has_text=STORAGE_PROBLEM).wait_for(timeout=READY_TIMEOUT_MS)
    results = page.locator(".ex-history__results")
    assert "will appear here" not in results.inner_text()
    assert "cannot save new ones" in results.inner_text()


def test_forget_everything_clears_what_the_site_kept_and_nothing_else(
    site: SiteServer, fresh_context: Any
) -> None:
    """Answers in progress, saved results, the plan, checklist ticks, the colour scheme and the
    scorer's start-up snapshot all go, after a confirmation whose first choice is Cancel;
    another site's storage on the same origin stays."""
    watched = watch(fresh_context)
    page = watched.page
    result = take(site, page, mixed())  # saves a result, and the scorer saves its snapshot
    page.goto(site.url("levels/level-2/"))
    page.locator("article .task-list-item label").first.click()  # a checklist tick
    page.locator("label[for=__palette_1]").click()  # the dark scheme, kept by Material
    page.evaluate("localStorage.setItem('someone-else', 'keep me')")
    # wait_until, not wait_for_function: that takes an async check's pending promise for true.
    wait_until(
        page,
        "async (name) => (await caches.keys()).includes(name)",
        SNAPSHOT_CACHE,
        "the scorer's snapshot is saved",
    )
    root = open_history(site, page)
    assert result["code"] in json.dumps(saved_history(page))
    kept = page.get_by_role("heading", name=ui("page.history_kept_title"))
    assert kept.is_visible()
    root.get_by_role("button", name=ui("page.history_forget")).click()
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    root.get_by_role("button", name=ui("page.history_forget_yes")).click()
    root.get_by_text(ui("page.history_forgotten")).wait_for()
    left = page.evaluate(
        """async (prefix) => ({
            keys: Object.keys(localStorage),
            session: Object.keys(sessionStorage).filter((k) => k.startsWith(prefix)),
            caches: await caches.keys(),
        })""",
        storage_key(""),
    )
    assert left["keys"] == ["someone-else"], left
    assert left["session"] == []
    assert SNAPSHOT_CACHE not in left["caches"]
    assert watched.console_errors == []


def forget_while_the_scorer_starts(
    site: SiteServer, fresh_context: Any, slow_file: str, bytes_per_second: int
) -> None:
    """Open the progress page (it starts the scorer) while ``slow_file`` arrives slowly, forget
    everything at once, then wait for the scorer to say it kept no snapshot."""
    watched = watch(fresh_context)
    page = watched.page
    said: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: said.append(m.text)))
    with site.throttled(slow_file, bytes_per_second):
        root = open_history(site, page)
        root.get_by_role("button", name=ui("page.history_forget")).click()
        root.get_by_role("button", name=ui("page.history_forget_yes")).click()
        root.get_by_text(ui("page.history_forgotten")).wait_for()
    deadline = time.monotonic() + 90
    while not any("no start-up snapshot kept" in text for text in said):
        assert time.monotonic() < deadline, f"the scorer never said it kept none: {said}"
        next_frames(page)
    assert SNAPSHOT_CACHE not in page.evaluate("caches.keys()")
    assert watched.console_errors == []


def test_a_scorer_still_starting_keeps_no_snapshot_once_everything_is_forgotten(
    site: SiteServer, fresh_context: Any
) -> None:
    """The progress page starts the scorer; the reader forgets everything while it is still
    downloading. Before, the scorer saved its snapshot once it had started, a few seconds
    after the page said everything was gone (a copy's test caught it on a loaded machine,
    where a failed restore made the scorer start afresh and save again)."""
    forget_while_the_scorer_starts(site, fresh_context, BINARY, 700_000)  # binary: about 5 s


def test_a_scorer_whose_code_has_not_arrived_yet_keeps_no_snapshot_once_forgotten(
    site: SiteServer, fresh_context: Any
) -> None:
    """The reader forgets everything before the worker's own code has even arrived. Before,
    the page broadcast the forgetting to workers, and one whose modules were still downloading
    missed it and saved its snapshot afterwards (a copy's CI run saw it at load 10)."""
    forget_while_the_scorer_starts(site, fresh_context, "quiz-worker.mjs", 400)  # about 8 s
