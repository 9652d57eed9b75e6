"""Failures named truly, and nothing lost: what the site does when the network drops at the
moment a result opens, when two tabs edit the same answers, when a file of the scorer arrives
damaged, when the browser blocks site data, and what the scorer's worker may fetch.

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from typing import Any

import pytest

from quiz import load_bank
from quiz.web import PAGE_MESSAGES, score_json
from tests.harness import SiteServer, storage_key, watch

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


# ---------------------------------------------------------------------------------------------
# Problem 1: the network fails just as the result opens.


def cli_result(answers: dict[str, int | str | None]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result


def unopened_sentence(result: dict[str, Any], reason: str, link: str) -> str:
    return PAGE_MESSAGES["result_unopened"].format(level=result["level"], reason=reason, link=link)


REASONS = {
    "offline": PAGE_MESSAGES["reason_offline"],
    "slow": PAGE_MESSAGES["reason_slow"].format(seconds=4),
    "refused": PAGE_MESSAGES["reason_failed"],
    "dropped after the check": PAGE_MESSAGES["reason_failed"],
}


@pytest.mark.parametrize("how", list(REASONS))
def test_a_result_whose_page_does_not_arrive_opens_in_place_within_five_seconds(
    site: SiteServer, fresh_context: Any, how: str
) -> None:
    """The scorer has scored; then the level page cannot be fetched: the browser is offline,
    the page crawls in at 2 kB/s, the site answers 404, or the network drops between the
    page's own check and Material's fetch. Within five seconds the result is on the
    assessment page with one sentence that says why, that it is saved, and its link; the
    address is still the assessment's. Before, "Opening your result…" stayed for good, and
    the address could name the level page over the assessment."""
    watched = watch(fresh_context)
    page = watched.page
    answers: dict[str, int | str | None] = dict.fromkeys(QUESTION_IDS, 3)
    expected = cli_result(answers)
    level_page = site.url(str(expected["page"]).removesuffix(".md") + "/")
    link = f"{level_page}#result={expected['code']}"
    page.goto(site.url("assessment/"))
    wait_ready(page)
    answer(page, answers)
    if how == "offline":
        fresh_context.set_offline(True)
    elif how == "refused":
        page.route(level_page, lambda route: route.fulfill(status=404, body="gone"))
    elif how == "dropped after the check":
        requests: list[str] = []

        def second_fails(route: Any) -> None:
            requests.append(route.request.resource_type)
            route.continue_() if len(requests) == 1 else route.abort("internetdisconnected")

        page.route(level_page, second_fails)
    throttle = site.throttled("index.html", 2_000) if how == "slow" else nullcontext()
    with throttle:
        started = time.monotonic()
        page.get_by_role("button", name="See my level").click()
        sentence = page.locator("#ex-result").get_by_role("alert")
        sentence.wait_for(timeout=5_000)
        assert time.monotonic() - started < 5
        assert sentence.inner_text() == unopened_sentence(expected, REASONS[how], link)
        assert sentence.get_by_role("link").get_attribute("href") == link
        panel = page.locator("#ex-result[data-state=result]")
        assert f"Level {expected['level']}" in panel.get_by_role("heading").first.inner_text()
        assert page.url == site.url("assessment/")
        assert page.locator("#ex-assessment").is_visible()
        status = page.locator("#ex-status [role=status]")
        assert "Opening your result" not in status.inner_text()
        saved = page.evaluate(f"localStorage.getItem('{storage_key('history:v1')}')")
        assert [entry["code"] for entry in json.loads(saved)] == [expected["code"]]
        if how == "dropped after the check":
            assert len(requests) == 2, requests
        page.wait_for_timeout(1_500)  # a late page would have changed this one by now
        assert page.url == site.url("assessment/")
        assert page.locator("article h1").inner_text().startswith("Employee experience")
    fresh_context.set_offline(False)
    page.unroute_all(behavior="ignoreErrors")
    # Back online, the link opens the result on its page.
    sentence.get_by_role("link").click()
    page.wait_for_url(link)
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    assert f"Level {expected['level']}" in page.locator("#ex-result h2").inner_text()
    assert [e for e in watched.console_errors if "Failed to load resource" not in e] == []
