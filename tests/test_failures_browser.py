"""Failures named truly, and nothing lost: what the site does when the network drops at the
moment a result opens, when two tabs edit the same answers, when a file of the scorer arrives
damaged, when the browser blocks site data, and what the scorer's worker may fetch.

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest

from harness import BINARY, STDLIB, SiteServer, launch_profile, storage_key, watch
from quiz import load_bank
from quiz.web import PAGE_MESSAGES, score_json
from tests.axe import axe_violations
from tests.progress_support import import_file  # the progress page's own import helper
from tests.waits import next_frames

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
        retry = message.get_by_role("button", name="Try again")
        retry.wait_for(timeout=5_000)
        assert time.monotonic() - started < 5
        said = PAGE_MESSAGES["failed_damaged"].format(file=name)
        assert message.locator(".ex-status__error").inner_text() == f"{said} Your answers are safe."
    # The network is right again; the browser still holds the damaged copy.
    before = sum(url.split("?")[0].endswith("/" + name) for url in requested)
    retry.click()
    wait_ready(page)
    assert sum(url.split("?")[0].endswith("/" + name) for url in requested) == before + 1
    answer(page, dict.fromkeys(QUESTION_IDS, 2))
    page.get_by_role("button", name="See my level").click()
    page.locator("#ex-result[data-state=result]").wait_for(timeout=READY_TIMEOUT_MS)
    assert [e for e in watched.console_errors if "Failed to load resource" not in e] == []


def test_an_aborted_runtime_module_is_reported_without_an_uncaught_error(
    site: SiteServer, context: Any
) -> None:
    watched = watch(context)
    page = watched.page
    page.route("**/pyodide/pyodide.mjs", lambda route: route.abort())
    page.goto(site.url("assessment/"))
    retry = page.locator("#ex-status [role=status]").get_by_role("button", name="Try again")
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
        == PAGE_MESSAGES["answers_elsewhere"]
    )
    assert checked(second.page) == expected
    first.page.reload()
    first.page.locator("#ex-assessment[data-ready]").wait_for()
    assert checked(first.page) == expected
    assert first.console_errors == second.console_errors == []


# ---------------------------------------------------------------------------------------------
# Problem 5: the history file carries the plan, and refuses results from the future.

HISTORY_KEY = storage_key("history:v1")
PLAN_KEY = storage_key("plan:v1")


def open_history(site: SiteServer, page: Any) -> Any:
    page.goto(site.url("assessment/history/"))
    root = page.locator("#ex-history")
    root.get_by_role("heading", name="Saved results").wait_for(timeout=READY_TIMEOUT_MS)
    return root


def mixed_answers() -> dict[str, int | str | None]:
    """Mostly Level 3, one area held at Level 1: a plan with blockers."""
    answers: dict[str, int | str | None] = dict.fromkeys(QUESTION_IDS, 3)
    for question in BANK.questions_for(BANK.dimensions[0].id):
        answers[question.id] = 1
    return answers


def test_the_history_file_carries_the_plan_and_an_import_merges_it(
    site: SiteServer, context: Any
) -> None:
    """The progress page tells readers to move browsers with the history file: the plan's
    owners and due dates now go with it. On the other browser the import adds them where it
    has none, keeps its own where it has, and says so; an older file without a plan still
    imports."""
    result = cli_result(mixed_answers())
    area = next(a for a in result["profile"] if a["id"] in result["plan_areas"])
    page = watch(context).page
    page.goto(site.url("assessment/history/"))
    entry = {"code": result["code"], "date": "2026-05-04"}
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [HISTORY_KEY, json.dumps([entry])]
    )
    page.goto(site.url(str(result["page"]).removesuffix(".md") + f"/#result={result['code']}"))
    plan = page.get_by_role("region", name="Your plan")
    plan.locator(".ex-plan__steps").first.wait_for(timeout=READY_TIMEOUT_MS)
    owner = plan.get_by_label(f"Owner of step 1 of {area['name']}", exact=True)
    owner.fill("Priya (CX lead)")
    plan.get_by_label(f"Due date of step 1 of {area['name']}", exact=True).fill("2027-03-31")
    plan.get_by_label(f"Owner of step 2 of {area['name']}", exact=True).fill("Sam")
    root = open_history(site, page)
    root.locator(".ex-history__list a").first.wait_for(timeout=READY_TIMEOUT_MS)
    with page.expect_download() as download:
        root.get_by_role("button", name="Download history (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    saved_plan = json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))
    assert exported["plan"] == saved_plan
    assert {s["owner"] for s in saved_plan["steps"].values()} == {"Priya (CX lead)", "Sam"}

    # Another browser, with its own owner for step 2 already: what it keeps is its own, so
    # this one's is emptied (the scorer and the files in the cache are no part of this).
    page.evaluate("localStorage.clear()")
    page.close()
    other = watch(context).page
    root = open_history(site, other)
    step_two = next(k for k, v in saved_plan["steps"].items() if v["owner"] == "Sam")
    other.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [PLAN_KEY, json.dumps({"areas": {}, "steps": {step_two: {"owner": "Ana", "due": ""}}})],
    )
    said = import_file(other, json.dumps(exported), "moving.json")
    assert said == " ".join(
        [
            "Imported 1 result from moving.json.",
            PAGE_MESSAGES["history_plan_added"].format(count=1),
            PAGE_MESSAGES["history_plan_kept"].format(count=1),
        ]
    )
    merged = json.loads(other.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))
    assert merged["steps"][step_two] == {"owner": "Ana", "due": ""}
    assert {v["owner"] for v in merged["steps"].values()} == {"Priya (CX lead)", "Ana"}
    assert merged["areas"] == saved_plan["areas"]
    # The result opens there with its plan.
    root.locator(".ex-history__list a").first.click()
    plan = other.get_by_role("region", name="Your plan")
    plan.locator(".ex-plan__steps").first.wait_for(timeout=READY_TIMEOUT_MS)
    assert (
        plan.get_by_label(f"Owner of step 1 of {area['name']}", exact=True).input_value()
        == "Priya (CX lead)"
    )
    assert (
        plan.get_by_label(f"Due date of step 1 of {area['name']}", exact=True).input_value()
        == "2027-03-31"
    )
    # A file written before plans travelled (version 1, results only) still imports.
    old = {
        "format": "ex-maturity-playbook/history",
        "version": 1,
        "exported": "2026-01-01",
        "entries": [
            {"code": cli_result(dict.fromkeys(QUESTION_IDS, 2))["code"], "date": "2026-01-01"}
        ],
    }
    open_history(site, other)
    assert import_file(other, json.dumps(old), "old.json") == "Imported 1 result from old.json."
    assert len(json.loads(other.evaluate(f"localStorage.getItem('{HISTORY_KEY}')"))) == 2


def test_a_history_file_with_a_result_from_the_future_is_refused_with_its_reason(
    site: SiteServer, context: Any
) -> None:
    """A result dated 2099 would always count as the latest, and "Since your last result"
    would compare against it. A day ahead is allowed (clocks and time zones differ)."""
    page = watch(context).page
    open_history(site, page)
    code = cli_result(dict.fromkeys(QUESTION_IDS, 2))["code"]
    today = dt.date.today()

    def file(*dates: str) -> str:
        entries = [{"code": code, "date": date} for date in dates]
        return json.dumps(
            {
                "format": "ex-maturity-playbook/history",
                "version": 1,
                "exported": "2026-01-01",
                "entries": entries,
            }
        )

    said = import_file(page, file("2026-01-01", "2099-01-01"))
    reason = PAGE_MESSAGES["history_future"].format(
        number=2, date="2099-01-01", today=today.isoformat()
    )
    assert said == f"{reason} Nothing was changed."
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert import_file(page, file(tomorrow), "skew.json") == "Imported 1 result from skew.json."
