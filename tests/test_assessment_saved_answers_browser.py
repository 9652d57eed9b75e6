"""The reader's answers in the browser: saved across a reload, cleared by "Start over" with an
undo, safe from corrupt or disabled storage, and kept with the scorer across instant
navigation; pages without the assessment download no Python.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness import SiteServer, WatchedPage, instant_goto, storage_key
from tests.assessment_support import (
    LEVELS,
    QUESTION_IDS,
    answer_all,
    cli_score,
    pattern,
    submit,
    wait_for_panel,
    wait_ready,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Saved answers.


def test_answers_survive_a_reload_and_start_over_clears_them_with_an_undo(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    assert page.locator(".ex-restored").count() == 0  # nothing saved: nothing to explain
    picked = {QUESTION_IDS[0]: "2", QUESTION_IDS[3]: str(LEVELS[-1]), QUESTION_IDS[5]: "unsure"}
    for qid, value in picked.items():
        page.locator(f"label[for='q-{qid}-{value}']").click()
    page.reload()
    page.locator("#ex-assessment[data-ready]").wait_for()
    for qid, value in picked.items():
        assert page.locator(f"#q-{qid}-{value}").is_checked()
    assert page.locator("#ex-progress-count").inner_text() == "3"
    # Above the first question, a returning reader learns why answers are already there.
    note = page.locator(".ex-restored")
    assert note.inner_text().startswith("Your earlier 3 answers are filled in")
    assert note.evaluate("(n) => n.nextElementSibling.classList.contains('ex-question')")
    page.get_by_role("button", name=ui("build.form.reset")).click()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 0
    assert note.count() == 0
    # A slip of the finger is not final: "Undo" brings the answers back, saved again; but
    # only until the reader answers anew, which Undo would throw away.
    page.locator(f"label[for='q-{QUESTION_IDS[1]}-4']").click()
    assert page.get_by_role("button", name=ui("page.undo_other", count=3)).count() == 0
    page.get_by_role("button", name=ui("build.form.reset")).click()
    page.get_by_role("button", name=ui("page.undo_one")).click()
    assert page.locator("#ex-progress-count").inner_text() == "1"
    page.get_by_role("button", name=ui("build.form.reset")).click()
    for qid, value in picked.items():
        page.locator(f"label[for='q-{qid}-{value}']").click()
    page.get_by_role("button", name=ui("build.form.reset")).click()
    page.get_by_role("button", name=ui("page.undo_other", count=3)).click()
    for qid, value in picked.items():
        assert page.locator(f"#q-{qid}-{value}").is_checked()
    assert page.locator("#ex-progress-count").inner_text() == "3"
    page.reload()
    page.locator("#ex-assessment[data-ready]").wait_for()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 3
    page.get_by_role("button", name=ui("build.form.reset")).click()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 0
    page.reload()
    page.locator("#ex-assessment[data-ready]").wait_for()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 0


def test_corrupt_saved_answers_do_not_break_the_page(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.add_init_script(f"localStorage.setItem('{storage_key('answers:v1')}', '{{not json')")
    page.goto(site.url("assessment/"))
    page.locator("#ex-status", has_text=ui("page.answers_unreadable")).wait_for()
    page.locator(f"label[for='q-{QUESTION_IDS[0]}-4']").click()
    assert page.locator("#ex-progress-count").inner_text() == "1"


def test_disabled_storage_still_lets_the_reader_finish(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no'); }})"
    )
    page.goto(site.url("assessment/"))
    answer_all(page, pattern("all-3"))
    assert "not saving" in page.locator("#ex-status").inner_text()
    submit(page)
    expected = cli_score(pattern("all-3"))
    page.wait_for_url(f"**/{expected['page'].removesuffix('.md')}/#result=*")
    wait_for_panel(page)


# ---------------------------------------------------------------------------------------------
# Navigation, and pages that do not need Python.


def test_pages_without_the_assessment_download_no_python(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    for path in ["", "levels/level-3/", "conversations/", "assessment/how-scoring-works/"]:
        page.goto(site.url(path), wait_until="networkidle")
    assert [url for url in fetched if "/pyodide/" in url or url.endswith(".whl")] == []


def test_instant_navigation_to_and_from_the_assessment_keeps_answers_and_scorer(
    warm: Any, site: SiteServer
) -> None:
    page = warm
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    instant_goto(page, site.url())
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="maturity assessment").first.click()
    page.wait_for_url("**/assessment/")
    wait_ready(page)
    page.locator(f"label[for='q-{QUESTION_IDS[1]}-3']").click()
    page.locator(".md-nav__link", has_text="Metrics glossary").first.click()
    page.wait_for_url("**/metrics/")
    page.go_back()
    page.wait_for_url("**/assessment/")
    wait_ready(page)
    assert page.locator(f"#q-{QUESTION_IDS[1]}-3").is_checked()
    answer_all(page, dict.fromkeys(QUESTION_IDS, LEVELS[-1]))
    submit(page)
    page.wait_for_url("**/#result=*")
    wait_for_panel(page)
    assert page.evaluate("window.__sameDocument") is True  # every step was instant navigation
    page.go_back()
    page.wait_for_url("**/assessment/")
    assert page.locator(f"#q-{QUESTION_IDS[1]}-{LEVELS[-1]}").is_checked()
    assert [url for url in fetched if "/pyodide/" in url] == []  # the worker stayed
