"""Failures named truly, and nothing lost: what the site does when the network drops at the
moment a result opens, when two tabs edit the same answers, when a file of the scorer arrives
damaged, when the browser blocks site data, and what the scorer's worker may fetch.

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

from typing import Any

import pytest

from quiz import load_bank
from tests.harness import SiteServer, watch

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
READY_TIMEOUT_MS = 60_000


def wait_ready(page: Any) -> None:
    page.locator("#ex-status[data-scorer=ready]").wait_for(
        state="attached", timeout=READY_TIMEOUT_MS
    )


def answer(page: Any, answers: dict[str, int | str | None]) -> None:
    for qid, level in answers.items():
        value = "unsure" if level is None else str(level)
        page.locator(f"label[for='q-{qid}-{value}']").click()


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
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially("NPS", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    # The assessment still runs for this visit (its own code copes), with no uncaught error.
    page.goto(site.url("assessment/"))
    wait_ready(page)
    answer(page, dict.fromkeys(QUESTION_IDS, 3))
    page.get_by_role("button", name="See my level").click()
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    assert watched.console_errors == []
    assert watched.foreign_requests == []
