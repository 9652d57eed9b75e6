"""Failures named truly, and nothing lost, in the browser's storage: site data blocked in the
browser's settings (nothing throws, the palette, search and the assessment still work), and
two tabs editing the same answers (every answer kept, each tab showing the newest).

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness import SiteServer, watch
from quiz.web import page_messages
from tests.assessment_support import QUESTION_IDS, READY_TIMEOUT_MS, wait_ready
from tests.failures_support import answer
from tests.ui_text import ui

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Site data blocked in the browser's settings.


def test_with_site_data_blocked_nothing_throws_and_the_palette_and_search_still_work(
    site: SiteServer, blocked_profile: Any
) -> None:
    """Chrome's "Don't allow sites to save data" makes reading localStorage throw. Material's
    inline scripts read it on every page: they threw three uncaught errors, the palette toggle
    never appeared and search never started."""
    watched = watch(blocked_profile)
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url("levels/level-2/"), wait_until="networkidle")
    assert page.evaluate("() => { try { localStorage; return false } catch { return true } }")
    to_dark = page.locator("label[title='Switch to dark mode']")
    to_dark.click()
    page.locator("body[data-md-color-scheme=slate]").wait_for()
    page.locator("label[title='Switch to light mode']").click()
    page.locator("body[data-md-color-scheme=default]").wait_for()
    box = page.get_by_role("textbox", name=ui("build.search"))
    box.click()
    box.press_sequentially("NPS", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    # The assessment still runs for this visit (its own code copes), with no uncaught error.
    page.goto(site.url("assessment/"))
    wait_ready(page)
    answer(page, dict.fromkeys(QUESTION_IDS, 3))
    page.get_by_role("button", name=ui("build.form.submit")).click()
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    assert watched.console_errors == []
    assert watched.foreign_requests == []


# ---------------------------------------------------------------------------------------------
# Problem 2: two tabs with the same form.


def checked(page: Any) -> dict[str, str]:
    found: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
            "#ex-assessment input[type=radio]:checked")].map((i) => [i.name, i.value]))"""
    )
    return found


def test_answers_given_in_two_tabs_are_all_kept_and_each_tab_shows_the_newest(
    site: SiteServer, context: Any
) -> None:
    """Questions 1-10 answered in one tab, 11 and 12 in another (the same browser): before,
    each change wrote its tab's whole form, so reloading the first tab showed only 11 and 12.
    Now each question keeps its newest answer, whichever tab gave it, and the other tab shows
    it at once."""
    first, second = watch(context), watch(context)
    for tab in (first.page, second.page):
        tab.goto(site.url("assessment/"))
        tab.locator("#ex-assessment[data-ready]").wait_for()
    ten, two = QUESTION_IDS[:10], QUESTION_IDS[10:12]
    first.page.bring_to_front()
    answer(first.page, dict.fromkeys(ten, 3))
    second.page.bring_to_front()
    answer(second.page, dict.fromkeys(two, 4))
    answer(second.page, {ten[0]: 1})  # the newest answer to question 1
    expected = {**dict.fromkeys(ten, "3"), **dict.fromkeys(two, "4"), ten[0]: "1"}
    # The first tab shows the second's answers as they are saved, and says so once.
    first.page.bring_to_front()
    first.page.wait_for_function(
        "(id) => document.querySelector(`input[name='${id}'][value='1']`).checked", arg=ten[0]
    )
    assert checked(first.page) == expected
    assert first.page.locator("#ex-progress-count").inner_text() == "12"
    assert (
        first.page.locator("#ex-status [role=status]").inner_text()
        == page_messages()["answers_elsewhere"]
    )
    assert checked(second.page) == expected
    first.page.reload()
    first.page.locator("#ex-assessment[data-ready]").wait_for()
    assert checked(first.page) == expected
    assert first.console_errors == second.console_errors == []
