"""Failures named truly, and nothing lost, when the network drops at the moment a result opens:
the browser offline, the level page crawling in, refused, or dropped after the page's own
check. The result opens in place within five seconds, with one sentence saying why.

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

from harness import SiteServer, storage_key, watch
from quiz.web import page_messages
from tests.assessment_support import QUESTION_IDS, READY_TIMEOUT_MS, wait_ready
from tests.axe import axe_violations
from tests.failures_support import answer, cli_result
from tests.ui_text import ui
from tests.waits import next_frames

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Problem 1: the network fails just as the result opens.


def unopened_sentence(result: dict[str, Any], reason: str, link: str) -> str:
    return page_messages()["result_unopened"].format(
        level=result["level"], reason=reason, link=link
    )


REASONS = {
    "offline": page_messages()["reason_offline"],
    "slow": page_messages()["reason_slow"].format(seconds=4),
    "refused": page_messages()["reason_failed"],
    "dropped after the check": page_messages()["reason_failed"],
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
    # Every request for the level page (the page's own check, Material's fetch) and those that
    # have ended, to see that none is still on its way before checking that no late page
    # changed this one.
    level_requests: list[Any] = []
    ended: list[Any] = []
    page.on(
        "request",
        lambda request: (
            level_requests.append(request) if request.url.split("#")[0] == level_page else None
        ),
    )
    page.on("requestfinished", lambda request: ended.append(request))
    page.on("requestfailed", lambda request: ended.append(request))
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
        page.get_by_role("button", name=ui("build.form.submit")).click()
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
        if how == "offline":  # the result in place reads as well as on its page
            assert axe_violations(page) == []
        # A late page would come with a request for it: every one has ended (answered, failed
        # or called off), and Material has had the frames that follow to put a page in place.
        assert level_requests
        deadline = time.monotonic() + 10
        while any(request not in ended for request in level_requests):
            assert time.monotonic() < deadline, "a request for the level page never ended"
            next_frames(page, 1)  # the test hears of the browser's requests meanwhile
        next_frames(page)
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
