"""The assessment in the browser: Pyodide scorer in a worker, redirect to the level page, panel.

These tests drive the built site in Chromium, as a reader would, and compare what the browser
shows with what the CPython command line gives for the same answers. Most share one page whose
scorer is already loaded (``warm``): they move around with Material's instant navigation and
``#result=`` changes, as a reader would, so Pyodide starts once for all of them. Every watched
page fails its test on a console error, which includes any Content Security Policy violation.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness import (
    BINARY,
    ROOT,
    SNAPSHOT_CACHE,
    STDLIB,
    SiteServer,
    WatchedPage,
    instant_goto,
    storage_key,
    watch,
)
from quiz import check_answers, describe, load_bank
from quiz.web import score_json
from tests.axe import axe_violations
from tests.waits import (
    animations_finished,
    next_frames,
    scorer_answers_a_later_request,
    scroll_settled,
    wait_until,
)

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
LEVELS = [level.number for level in BANK.levels]
READY_TIMEOUT_MS = 60_000
SIZES = ("390x844", "1280x800")


def cli_score(answers: Mapping[str, int | str | None]) -> dict[str, Any]:
    """What CPython gives for these answers: the functions behind ``python -m quiz score``
    (tests/test_quiz_cli.py runs the command itself), called in this process."""
    result: dict[str, Any] = json.loads(json.dumps(describe(BANK, check_answers(BANK, answers))))
    return result


def pattern(name: str) -> dict[str, int | None]:
    """Named answer patterns: uniform ("all-3"), mixed, with "not sure" answers."""
    if name.startswith("all-"):
        return dict.fromkeys(QUESTION_IDS, int(name[4:]))
    rng = random.Random(name)
    answers: dict[str, int | None] = {q: rng.choice(LEVELS) for q in QUESTION_IDS}
    if name == "mixed-with-unsure":
        for q in QUESTION_IDS[::5]:
            answers[q] = None
    return answers


def choice_value(level: int | str | None) -> str:
    return "unsure" if level is None else str(level)  # "na" is its own value


def wait_ready(page: Any) -> None:
    page.locator("#ex-status[data-scorer=ready]").wait_for(
        state="attached", timeout=READY_TIMEOUT_MS
    )


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result[data-state=result], #ex-result[data-state=error]")
    panel.wait_for(timeout=READY_TIMEOUT_MS)
    return page.locator("#ex-result")


def set_hash(page: Any, fragment: str) -> None:
    page.evaluate("(fragment) => { location.hash = fragment; }", fragment)


def answer_all(page: Any, answers: Mapping[str, int | str | None]) -> None:
    for qid, level in answers.items():
        page.locator(f"label[for='q-{qid}-{choice_value(level)}']").click()


def submit(page: Any) -> None:
    page.get_by_role("button", name="See my level").click()


def start_fresh(page: Any, site: SiteServer) -> None:
    """The warm page, back on the assessment with no answers (instant navigation)."""
    if not page.url.startswith(site.url("assessment/")):
        instant_goto(page, site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    page.get_by_role("button", name="Start over").click()
    wait_ready(page)


def result_url(site: SiteServer, expected: dict[str, Any], path: str = "") -> str:
    return site.url(f"{expected['page'].removesuffix('.md')}/{path}#result={expected['code']}")


@pytest.fixture(scope="session")
def warm_watched(shared_context: Any, site: SiteServer) -> Iterator[WatchedPage]:
    """One page for the session whose scorer is loaded once, in the shared context."""
    watched = watch(shared_context)
    watched.page.set_viewport_size({"width": 1280, "height": 800})
    watched.page.goto(site.url("assessment/"))
    wait_ready(watched.page)
    yield watched
    watched.page.close()


@pytest.fixture
def warm(warm_watched: WatchedPage, site: SiteServer) -> Iterator[Any]:
    """The shared page, on a fresh assessment; no console error or foreign request allowed."""
    page = warm_watched.page
    # The page in front: Chromium draws a tab behind another of its window at about one frame
    # a second, and every click waits for frames (the housekeeping page, opened later, would
    # otherwise sit in front, and each click took two seconds).
    page.bring_to_front()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(media="screen", color_scheme="light")
    if page.locator("body").get_attribute("data-md-color-scheme") != "default":
        # Another page of the shared context saved a colour scheme: forget it.
        page.evaluate("localStorage.clear()")
        page.reload()
        wait_ready(page)
    start_fresh(page, site)
    warm_watched.console_errors.clear()
    yield page
    assert warm_watched.foreign_requests == []
    assert warm_watched.console_errors == []


# ---------------------------------------------------------------------------------------------
# Scoring: the browser gives what the command line gives.


@pytest.mark.parametrize("name", ["all-1", "all-4", "mixed", "mixed-with-unsure"])
def test_answering_with_the_mouse_lands_on_the_level_the_cli_gives(warm: Any, name: str) -> None:
    answers = pattern(name)
    expected = cli_score(answers)
    answer_all(warm, answers)
    assert warm.locator("#ex-progress-count").inner_text() == str(len(QUESTION_IDS))
    submit(warm)
    warm.wait_for_url(f"**/{expected['page'].removesuffix('.md')}/#result=*")
    panel = wait_for_panel(warm)
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()
    assert warm.url.endswith("#result=" + expected["code"])
    for dim in expected["profile"]:
        row = panel.locator("tr", has=warm.locator("th", has_text=dim["name"]))
        assert row.locator("td").first.inner_text() == dim["label"]


@pytest.mark.parametrize("name", ["all-2", "mixed-with-unsure"])
def test_answering_with_the_keyboard_only_lands_on_the_level_the_cli_gives(
    warm: Any, name: str
) -> None:
    answers = pattern(name)
    expected = cli_score(answers)
    warm.locator("#ex-assessment input[type=radio]").first.focus()
    keyboard = warm.keyboard
    for index, qid in enumerate(QUESTION_IDS):
        if index:
            keyboard.press("Tab")  # into the next question's radio group
        keyboard.press("Space")  # selects the first statement (level 1)
        # "Not sure" is the last choice, after "Not applicable" where the question offers it.
        offered = BANK.question(qid).not_applicable
        steps = len(LEVELS) + offered if answers[qid] is None else int(answers[qid] or 1) - 1
        for _ in range(steps):
            keyboard.press("ArrowDown")
        checked = warm.locator(f"input[name='{qid}']:checked")
        assert checked.get_attribute("value") == choice_value(answers[qid])
    keyboard.press("Tab")  # the submit button
    keyboard.press("Enter")
    warm.wait_for_url(f"**/{expected['page'].removesuffix('.md')}/#result=*")
    panel = wait_for_panel(warm)
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()


def test_pyodide_scorer_matches_cpython_on_200_random_answer_sets(
    warm: Any, site: SiteServer
) -> None:
    rng = random.Random(2026)
    sets = []
    for _ in range(200):
        answers: dict[str, int | str | None] = {}
        for qid in QUESTION_IDS:
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll > 0.9 and BANK.question(qid).not_applicable:
                answers[qid] = "na"
                continue
            answers[qid] = None if roll < 0.2 else rng.choice(LEVELS)
        sets.append(answers)
    browser_replies = warm.evaluate(
        """async ([workerUrl, sets]) => {
            const worker = new Worker(workerUrl, {type: "module"});
            const replies = new Map();
            await new Promise((resolve, reject) => {
                worker.onmessage = (e) => {
                    if (e.data.type === "ready") resolve();
                    else if (e.data.type === "failed") reject(new Error(e.data.error));
                    else if (typeof e.data.id === "number") replies.set(e.data.id, e.data);
                };
            });
            sets.forEach((answers, id) => worker.postMessage({id, type: "score", answers}));
            while (replies.size < sets.length) await new Promise((r) => setTimeout(r, 20));
            worker.terminate();
            return sets.map((_, id) => {
                const {id: _id, ...rest} = replies.get(id);
                return rest;
            });
        }""",
        [site.url("javascripts/scorer/quiz-worker.mjs"), sets],
    )
    expected = [json.loads(score_json(json.dumps({"answers": answers}))) for answers in sets]
    assert browser_replies == expected


# ---------------------------------------------------------------------------------------------
# Problem 1: the result lands at the top of the viewport, focus on its heading.


LANDED_JS = """() => {
    const panel = document.getElementById("ex-result");
    const header = document.querySelector(".md-header").getBoundingClientRect();
    const top = panel.getBoundingClientRect().top;
    return document.activeElement?.id === "ex-result-title"
        && top >= header.bottom - 1 && top <= header.bottom + 24;
}"""

# What stands over the result's heading (at a tenth, half and nine tenths of its width), and
# how much wider than the window the page is.
COVERED_JS = """() => {
    const heading = document.getElementById("ex-result-title");
    const box = heading.getBoundingClientRect();
    const over = [0.1, 0.5, 0.9]
        .map((share) => document.elementFromPoint(
            box.left + box.width * share, box.top + box.height / 2))
        .filter((found) => !heading.contains(found))
        .map((found) => found ? `${found.tagName.toLowerCase()}.${found.className}` : "nothing");
    const root = document.documentElement;
    return {over, sideways: root.scrollWidth - root.clientWidth};
}"""


def assert_landed(page: Any) -> None:
    """The panel's top is just below the site header and its heading has focus, and stays so:
    nothing is drawn over the heading (Material's "Back to top" appeared there after the
    upward jump), and the page is no wider than the window (a wide table made a phone's page
    scroll sideways, and the landing missed)."""
    page.wait_for_function(LANDED_JS, timeout=5_000)
    # Material reacts to the landing's scroll on the frames that follow it ("Back to top"
    # shows on an upward scroll): the page has stopped scrolling and drawn those frames.
    scroll_settled(page)
    assert page.evaluate(LANDED_JS)
    assert page.evaluate(COVERED_JS) == {"over": [], "sideways": 0}


@pytest.mark.parametrize("size", SIZES)
def test_the_result_lands_at_the_top_with_focus_on_its_heading(
    warm: Any, site: SiteServer, context: Any, size: str
) -> None:
    width, height = (int(n) for n in size.split("x"))
    warm.set_viewport_size({"width": width, "height": height})
    answers = pattern("mixed-with-unsure")  # "Level 2, up to 4 (…)": the widest level text
    expected = cli_score(answers)
    answer_all(warm, answers)  # the last click leaves the page scrolled far down
    submit(warm)
    wait_for_panel(warm)
    assert_landed(warm)
    # A result link followed within the visit, from the bottom of another page.
    instant_goto(warm, site.url("metrics/"))
    warm.mouse.wheel(0, 20_000)
    other = cli_score(pattern("all-2"))
    instant_goto(warm, result_url(site, other))
    wait_for_panel(warm)
    assert_landed(warm)
    # A result link opened in a new tab, and the same page reloaded after scrolling away.
    fresh = watch(context)
    fresh.page.set_viewport_size({"width": width, "height": height})
    fresh.page.goto(result_url(site, expected))
    wait_for_panel(fresh.page)
    assert_landed(fresh.page)
    fresh.page.mouse.wheel(0, 5_000)
    fresh.page.reload()
    wait_for_panel(fresh.page)
    assert_landed(fresh.page)
    assert fresh.console_errors == []
    assert fresh.foreign_requests == []


def test_back_to_a_result_keeps_the_readers_place(warm: Any, site: SiteServer) -> None:
    """The reader scrolls down past the panel, follows a link to another page, and comes back:
    they are where they were (Material restores it), not pulled back up to the panel."""
    expected = cli_score(pattern("all-2"))
    instant_goto(warm, result_url(site, expected))
    wait_for_panel(warm)
    assert_landed(warm)
    warm.evaluate("window.scrollTo(0, 2500)")
    warm.wait_for_function("() => Math.abs(scrollY - 2500) < 2")
    # Reading: Material notes the place in the history entry 100 ms after the last scroll.
    warm.wait_for_function("() => Math.abs((history.state?.y ?? -1) - 2500) < 2")
    instant_goto(warm, site.url("metrics/"))
    # Material saves the scroll position with history.replaceState 100 ms after a scroll; on
    # a busy machine one landed between Back and the level page's arrival, and that "replace"
    # made the panel forget it came back through history. Here one lands there every time.
    warm.evaluate(
        """() => navigation.addEventListener("navigate", (event) => {
            if (event.navigationType === "traverse") {
                setTimeout(() => history.replaceState(history.state, ""), 0);
            }
        }, {once: true})"""
    )
    warm.go_back()
    warm.wait_for_url("**/#result=*")
    wait_for_panel(warm)
    # A landing would come with the panel (it is drawn and landed on in one go); Material puts
    # the reader's place back on its side of the way back. Both have happened once the place
    # is back and the page has stopped moving.
    warm.wait_for_function("() => Math.abs(scrollY - 2500) < 2", timeout=5_000)
    scroll_settled(warm)
    place = warm.evaluate("({y: scrollY, focus: document.activeElement.id})")
    assert abs(place["y"] - 2500) < 2, place
    assert place["focus"] != "ex-result-title"


def test_a_result_arriving_while_the_reader_reads_on_leaves_them_in_place(
    site: SiteServer, fresh_context: Any
) -> None:
    """A result link on a slow connection: the panel says it is loading, the reader scrolls
    down to read the page meanwhile, and when the result comes the text they are reading stays
    where it is (the panel grows above it)."""
    watched = watch(fresh_context)
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})
    expected = cli_score(pattern("mixed"))
    with site.throttled(BINARY, 2_000_000):
        page.goto(result_url(site, expected))
        page.locator("#ex-result[data-state=loading]").wait_for()
        page.evaluate("window.scrollTo(0, 1500)")
        page.wait_for_function("() => Math.abs(scrollY - 1500) < 2")
        scroll_settled(page)
        # What the reader is looking at: the element in the middle of the screen.
        page.evaluate(
            "window.__reading = document.elementFromPoint(innerWidth / 2, innerHeight / 2)"
        )
        before = page.evaluate("window.__reading.getBoundingClientRect().top")
        wait_for_panel(page)
    # The panel grew in one go; scroll anchoring moves the page in the frames that draw it.
    scroll_settled(page)
    after = page.evaluate("window.__reading.getBoundingClientRect().top")
    assert abs(after - before) < 2, (before, after)
    assert page.evaluate("document.activeElement.id") != "ex-result-title"
    assert watched.console_errors == []


# ---------------------------------------------------------------------------------------------
# Problem 2: messages next to the submit button, in view, announced.


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the element is wholly in view once the page has settled (questions drawn for
    the first time as the page scrolls may move it for a frame or two)."""
    try:
        page.wait_for_function(
            """(selector) => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
            }""",
            arg=selector,
            timeout=2_000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def test_too_few_answers_says_so_next_to_the_button_in_view(warm: Any) -> None:
    warm.locator(f"label[for='q-{QUESTION_IDS[0]}-3']").click()
    warm.locator(f"label[for='q-{QUESTION_IDS[2]}-3']").click()
    warm.evaluate("window.scrollTo(0, 0)")
    button = warm.get_by_role("button", name="See my level")
    button.click()
    message = warm.locator("#ex-status [role=status]")
    message.filter(has_text="Not enough answers").wait_for()
    expected = cli_score({QUESTION_IDS[0]: 3, QUESTION_IDS[2]: 3})
    assert expected["level"] is None
    assert message.locator("p").first.inner_text().strip() == expected["reason"]
    assert in_viewport(warm, "#ex-status [role=status]")
    assert warm.evaluate("document.activeElement.dataset.exAction") == "submit"
    assert "/assessment/" in warm.url
    # The link goes to the first question in an area with no answer yet.
    covered = {BANK.question(QUESTION_IDS[0]).dimension, BANK.question(QUESTION_IDS[2]).dimension}
    target = next(q for q in BANK.questions if q.dimension not in covered)
    position = QUESTION_IDS.index(target.id) + 1
    message.get_by_role("link", name=f"Go to question {position}").click()
    assert warm.evaluate("document.activeElement.name") == target.id


def first_question_per_area(count: int) -> list[str]:
    """The first question of each of the bank's first ``count`` areas."""
    firsts: dict[str, str] = {}
    for question in BANK.questions:
        firsts.setdefault(question.dimension, question.id)
    return list(firsts.values())[:count]


@pytest.mark.parametrize("size", SIZES)
def test_go_to_question_picks_an_area_without_answers_and_shows_it_below_the_sticky_bar(
    warm: Any, size: str
) -> None:
    """One answer in each of all but one of the areas the engine needs: answering another
    question in a covered area would not help, so the link skips those, lands the question
    below the sticky header and answered count, and puts the keyboard on it."""
    width, height = (int(n) for n in size.split("x"))
    warm.set_viewport_size({"width": width, "height": height})
    given = first_question_per_area(BANK.scoring.min_dimensions - 1)
    for qid in given:
        warm.locator(f"label[for='q-{qid}-5']").click()
    submit(warm)
    message = warm.locator("#ex-status [role=status]")
    link = message.get_by_role("link", name="Go to question")
    link.wait_for()
    covered = {BANK.question(qid).dimension for qid in given}
    target = next(q for q in BANK.questions if q.dimension not in covered)
    assert link.inner_text() == f"Go to question {QUESTION_IDS.index(target.id) + 1}"
    link.click()
    warm.wait_for_function("(id) => document.activeElement.name === id", arg=target.id)
    scroll_settled(warm)  # questions drawn as they come into view take their real height
    placed = warm.evaluate(
        """(id) => {
            const legend = document.querySelector(`#question-${id} legend`).getBoundingClientRect();
            const bar = document.querySelector(".ex-progress").getBoundingClientRect();
            return {legend: legend.top, bar: bar.bottom, height: innerHeight,
                    x: scrollX, focused: document.activeElement.name};
        }""",
        target.id,
    )
    assert placed["bar"] <= placed["legend"] < placed["height"] / 2, placed
    assert placed["x"] == 0
    assert placed["focused"] == target.id


@contextmanager
def submitted_while_the_scorer_loads(site: SiteServer, page: Any) -> Iterator[Any]:
    """Python downloading slowly (2 MB/s), every question answered and "See my level" pressed:
    the reader is told the answers wait for the scorer. Yields the status message."""
    with site.throttled(BINARY, 2_000_000):
        page.goto(site.url("assessment/"))
        page.locator("#ex-assessment[data-ready]").wait_for()
        answer_all(page, pattern("all-4"))
        submit(page)
        status = page.locator("#ex-status [role=status]")
        status.filter(has_text="as soon as the scorer has loaded").wait_for()
        yield status


def test_start_over_while_the_scorer_loads_drops_the_waiting_result(
    site: SiteServer, fresh_context: Any
) -> None:
    """ "See my level" while Python is still downloading, then "Start over": the answers are
    gone, so when the scorer is ready no result opens for them."""
    watched = watch(fresh_context)
    page = watched.page
    with submitted_while_the_scorer_loads(site, page) as status:
        assert page.locator("#ex-status[data-scorer=loading]").count() == 1
        page.get_by_role("button", name="Start over").click()
        status.filter(has_text="Your answers have been cleared.").wait_for()
        wait_ready(page)
    # The waiting request went to the worker before this one: once this one is answered, the
    # dropped reply has come and been handled (it would have said "Opening your result…"
    # and saved the result at once).
    scorer_answers_a_later_request(page, site)
    assert "/assessment/" in page.url
    assert "#result=" not in page.url
    assert page.locator("#ex-progress-count").inner_text() == "0"
    assert "Your answers have been cleared." in status.inner_text()
    assert page.evaluate("(key) => localStorage.getItem(key)", storage_key("history:v1")) is None
    assert watched.console_errors == []


def test_a_result_scored_after_the_reader_left_does_not_pull_them_back(
    site: SiteServer, fresh_context: Any
) -> None:
    """ "See my level" while Python downloads, then off to another page to read: when the
    scorer is ready, the reader stays where they went."""
    watched = watch(fresh_context)
    page = watched.page
    with submitted_while_the_scorer_loads(site, page):
        instant_goto(page, site.url("metrics/"))
        page.evaluate(
            "(url) => import(url).then((module) => module.getScorer().ready())",
            site.url("javascripts/scorer/scorer.mjs"),
        )
    # The reply to the submission has come and been handled once a later request is answered
    # (the worker answers in order). A reply that pulled the reader back would have saved the
    # result at once and asked for the level page; then the page would have changed.
    scorer_answers_a_later_request(page, site)
    assert page.evaluate("(key) => localStorage.getItem(key)", storage_key("history:v1")) is None
    assert page.url == site.url("metrics/")
    assert page.locator("article h1").inner_text() == "Metrics glossary"
    assert watched.console_errors == []


def test_pages_visited_again_and_again_do_not_pile_up_scorer_listeners(
    warm: Any, site: SiteServer
) -> None:
    count = "(url) => import(url).then((module) => module.getScorer().listeners.size)"
    scorer_url = site.url("javascripts/scorer/scorer.mjs")
    before = warm.evaluate(count, scorer_url)
    for _ in range(4):
        instant_goto(warm, site.url("assessment/team/"))
        warm.locator("#ex-team[data-ready], .ex-team[data-ready]").first.wait_for()
        instant_goto(warm, site.url("assessment/"))
        warm.locator("#ex-assessment[data-ready]").wait_for()
    after = warm.evaluate(count, scorer_url)
    assert after <= before + 1, (before, after)


def test_a_question_left_unrendered_at_a_wide_size_narrows_with_the_window(
    site: SiteServer, context: Any
) -> None:
    page = watch(context).page
    page.set_viewport_size({"width": 1300, "height": 1000})
    page.goto(site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    page.set_viewport_size({"width": 600, "height": 1000})
    page.wait_for_function("() => innerWidth === 600")
    next_frames(page)  # the resize event and resize observers run on the next frame
    assert page.evaluate("document.documentElement.scrollWidth") <= 600


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_messages_with_links_and_buttons_pass_axe_in_both_schemes(
    warm: Any, scheme: str
) -> None:
    """ "Go to question N" and "Undo" sit in the status box: readable in either scheme."""
    if scheme == "dark":
        warm.locator("label[for=__palette_1]").click()
    try:
        warm.locator(f"label[for='q-{QUESTION_IDS[0]}-3']").click()
        submit(warm)
        warm.locator("#ex-status [role=status] a", has_text="Go to question").wait_for()
        assert axe_violations(warm) == []
        warm.get_by_role("button", name="Start over").click()
        warm.get_by_role("button", name="Undo: bring back 1 answer").wait_for()
        assert axe_violations(warm) == []
    finally:
        if scheme == "dark":
            warm.locator("label[for=__palette_0]").click()


def test_the_status_area_announces_messages_but_not_download_progress(warm: Any) -> None:
    """One live region, the message about the reader's last action; the scorer's progress
    (which changes as bytes arrive) sits outside it, and no live region nests in another."""
    live = "[aria-live]:not([aria-live=off]), [role=status], [role=alert]"
    found = warm.evaluate(
        """(live) => ({
            status: !!document.querySelector("#ex-status").closest(live),
            scorer: !!document.querySelector(".ex-status__scorer").closest(live),
            messages: document.querySelectorAll(`#ex-status :is(${live})`).length,
            nested: [...document.querySelectorAll(live)]
                .filter((node) => node.parentElement?.closest(live)).length,
        })""",
        live,
    )
    assert found == {"status": False, "scorer": False, "messages": 1, "nested": 0}


# ---------------------------------------------------------------------------------------------
# Problems 3 and 4: loading progress, immediate failure, stalls, "Try again".


def failure_message(page: Any) -> Any:
    message = page.locator("#ex-status [role=status]")
    message.get_by_role("button", name="Try again").wait_for(timeout=15_000)
    return message


@pytest.mark.parametrize(
    ("file", "how"),
    [
        (BINARY, "abort"),
        (STDLIB, "404"),
        ("pyodide-lock.json", "abort"),
        ("*.whl", "404"),
        ("pyodide.asm.mjs", "404"),
    ],
)
def test_a_failed_download_says_so_at_once(
    site: SiteServer, context: Any, file: str, how: str
) -> None:
    """No waiting out a timer: the failure shows within seconds, with "Try again"."""
    page = watch(context).page
    page.route(
        f"**/pyodide/{file}",
        lambda route: route.abort() if how == "abort" else route.fulfill(status=404, body="no"),
    )
    page.goto(site.url("assessment/"))
    page.locator(f"label[for='q-{QUESTION_IDS[0]}-4']").click()
    message = failure_message(page)
    assert "Your answers are safe" in message.inner_text()
    assert message.get_by_role("link", name="the levels overview").is_visible()
    assert page.locator(f"#q-{QUESTION_IDS[0]}-4").is_checked()


def test_try_again_reuses_what_was_downloaded(site: SiteServer, context: Any) -> None:
    page = watch(context).page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    page.route(f"**/pyodide/{BINARY}", lambda route: route.abort())
    page.goto(site.url("assessment/"))
    submit(page)  # the reader is waiting for a score
    message = failure_message(page)
    assert in_viewport(page, "#ex-status [role=status]")
    page.unroute(f"**/pyodide/{BINARY}")
    message.get_by_role("button", name="Try again").click()
    wait_ready(page)
    for name in (STDLIB, "pyodide-lock.json"):
        assert requested.count(name) == 1, requested
    assert requested.count(BINARY) == 2


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


def test_a_download_that_stops_fails_after_30_seconds_without_bytes(
    site: SiteServer, context: Any
) -> None:
    page = watch(context).page
    page.clock.install()
    page.route(f"**/pyodide/{BINARY}", lambda route: None)  # never answered
    page.goto(site.url("assessment/"))
    wasm = json.loads((site.root / "pyodide" / "sizes.json").read_text("utf-8"))[BINARY]
    page.wait_for_function(
        "(wasm) => { const bar = document.querySelector('.ex-load__bar');"
        " return bar && bar.max > 0 && bar.value >= bar.max - wasm; }",
        arg=wasm,
        timeout=READY_TIMEOUT_MS,
    )
    page.clock.run_for(29_000)
    assert page.locator("#ex-status[data-scorer=loading]").count() == 1
    page.clock.run_for(31_000)  # the last progress message may have come a moment late
    page.clock.resume()
    message = failure_message(page)
    assert "nothing arrived for 30 seconds" in message.inner_text()
    page.unroute(f"**/pyodide/{BINARY}")
    message.get_by_role("button", name="Try again").click()
    wait_ready(page)


def test_a_slow_download_shows_its_bytes_and_is_never_cut_off_while_it_moves(
    site: SiteServer, fresh_context: Any
) -> None:
    """At 3 MB/s the runtime takes about 3 s. The progress bar counts the bytes received of
    the total of every file the scorer needs. Fake time runs 10 s ahead each time new bytes
    have arrived (as soon as the bar shows them), so the page sees well over a minute pass
    (far beyond the 30 s stall limit) while bytes keep arriving, and the download is never
    given up. Each step leaves 20 s of the limit for the next bytes to arrive, so a machine
    busy with other tests does not trip it."""
    page = watch(fresh_context).page
    page.clock.install()
    total = sum(json.loads((site.root / "pyodide" / "sizes.json").read_text("utf-8")).values())
    seen: set[float] = set()
    with site.throttled(BINARY, 3_000_000):
        page.goto(site.url("assessment/"))
        page.locator("#ex-status .ex-load__text", has_text=" MB").wait_for()
        passed = 0
        last = -1.0
        while True:
            # The next news: more bytes than at the last step (starting Python is no download),
            # or the end of loading; read in one go, as loading may end between two reads.
            state = page.wait_for_function(
                """(last) => {
                    const status = document.querySelector("#ex-status");
                    const bar = status && status.querySelector(".ex-load__bar");
                    const state = {
                        scorer: status ? status.dataset.scorer : null,
                        max: bar ? bar.max : 0,
                        value: bar ? bar.value : 0,
                        text: status ? status.textContent.trim().slice(0, 200) : "",
                    };
                    const more = state.max > 0 && last < state.value && state.value < state.max;
                    return state.scorer !== "loading" || more ? state : null;
                }""",
                arg=last,
                timeout=READY_TIMEOUT_MS,
            ).json_value()
            if state["scorer"] != "loading":
                break
            assert state["max"] == total
            seen.add(state["value"])
            last = state["value"]
            page.clock.run_for(10_000)
            passed += 10
            assert passed < 2_000
    assert state["scorer"] == "ready", state
    assert len(seen) >= 3, seen  # the bar moved
    assert passed > 60


# ---------------------------------------------------------------------------------------------
# Problem 6: browsers that cannot run the scorer.


def test_without_workers_one_sentence_points_to_the_levels(site: SiteServer, context: Any) -> None:
    watched = watch(context)
    watched.page.add_init_script("delete window.Worker")
    page = watched.page
    page.goto(site.url("assessment/"))
    message = page.locator("#ex-status [role=status]")
    message.filter(has_text="cannot run the assessment").wait_for()
    assert message.get_by_role("link", name="the levels overview").is_visible()
    assert message.get_by_role("button").count() == 0
    code = cli_score(pattern("all-3"))["code"]
    page.goto(site.url(f"levels/level-3/#result={code}"))
    panel = wait_for_panel(page)
    assert "cannot run the assessment" in panel.inner_text()
    assert watched.console_errors == []


def test_without_webassembly_in_the_worker_it_says_so(site: SiteServer, context: Any) -> None:
    def strip_wasm(route: Any) -> None:
        response = route.fetch()
        body = "delete globalThis.WebAssembly;\n" + response.text()
        route.fulfill(response=response, body=body)

    watched = watch(context)
    page = watched.page
    page.route("**/javascripts/scorer/quiz-worker.mjs", strip_wasm)
    page.goto(site.url("assessment/"))
    message = page.locator("#ex-status [role=status]")
    message.filter(has_text="cannot run the assessment").wait_for()
    assert message.get_by_role("link", name="the levels overview").is_visible()
    assert [e for e in watched.console_errors if "uncaught" in e] == []


# ---------------------------------------------------------------------------------------------
# Result links: tampered, truncated, on another page's URL, and in-page links.


@pytest.mark.parametrize(
    "fragment",
    [
        "%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E",
        "<script>window.__pwned=1</script>",
        "AAAA",
        "x" * 500,
        "%E0%A4%A",
    ],
)
def test_tampered_result_links_show_the_engine_message_and_run_nothing(
    warm: Any, site: SiteServer, fragment: str
) -> None:
    instant_goto(warm, site.url("levels/"))
    instant_goto(warm, site.url("levels/level-2/"))
    set_hash(warm, f"#result={fragment}")
    panel = warm.locator("#ex-result")
    error = panel.locator(".ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip()
    assert panel.locator("img, script").count() == 0
    assert warm.evaluate("window.__pwned") is None


def test_a_truncated_real_code_gives_the_engines_own_message(warm: Any, site: SiteServer) -> None:
    code = cli_score(pattern("all-3"))["code"]
    broken = code[: len(code) // 2]
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "decode", broken],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    instant_goto(warm, site.url("levels/level-3/"))
    set_hash(warm, f"#result={broken}")
    error = warm.locator("#ex-result .ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip() in proc.stderr


def test_an_invalid_code_prints_the_level_page_not_an_empty_sheet(
    warm: Any, site: SiteServer
) -> None:
    instant_goto(warm, site.url("levels/level-3/"))
    set_hash(warm, "#result=AAAA")
    warm.locator("#ex-result .ex-result__error").wait_for(timeout=READY_TIMEOUT_MS)
    warm.emulate_media(media="print")
    assert not warm.locator("#ex-result").is_visible()
    assert warm.locator("article #take-action").is_visible()
    assert warm.locator("article h1").is_visible()


def test_the_panel_survives_in_page_links(warm: Any, site: SiteServer) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    here = warm.url.split("#")[0]
    same_page = panel.locator(f"a[href^='{here}#']")  # "Steps for ..." on this level page
    toc = warm.locator(".md-sidebar--secondary a.md-nav__link").first
    target = same_page.first if same_page.count() else toc
    target.click()
    warm.wait_for_url(f"{here}#*")
    assert "#result=" not in warm.url
    assert panel.is_visible()
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()


def test_a_result_link_to_index_html_shows_the_panel(
    site: SiteServer, watched: WatchedPage
) -> None:
    expected = cli_score(pattern("all-4"))
    watched.page.goto(result_url(site, expected, "index.html"))
    panel = wait_for_panel(watched.page)
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()
    assert "another level" not in panel.inner_text()
    assert watched.console_errors == []


def test_shared_result_link_shows_the_same_result_on_any_level_page(
    warm: Any, site: SiteServer
) -> None:
    answers = pattern("mixed")
    answer_all(warm, answers)
    submit(warm)
    warm.wait_for_url("**/#result=*")
    first = wait_for_panel(warm).locator("h2").inner_text()
    code = warm.url.split("#result=")[1]
    instant_goto(warm, site.url("levels/level-1/"))
    set_hash(warm, f"#result={code}")
    panel = warm.locator("#ex-result[data-state=result]")
    panel.wait_for()
    assert panel.locator("h2").inner_text() == first
    # Right under the heading: this is not the page's level, and where the result's page is.
    note = panel.locator("h2 + p")
    level = int(first.split("Level ")[1].split(",")[0])
    assert note.inner_text() == (
        f"This result is Level {level}, and this page describes Level 1: "
        f"go to the Level {level} page."
    )
    # On paper, the page's own title ("Level 1: …") would contradict the result: left out.
    warm.emulate_media(media="print")
    assert not warm.locator("article h1").is_visible()
    assert panel.locator("h2").is_visible()
    assert note.is_visible()


# ---------------------------------------------------------------------------------------------
# The panel's content and actions.


def test_the_panel_explains_the_level_with_the_engines_own_words(
    warm: Any, site: SiteServer
) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    assert panel.locator(".ex-result__why").inner_text() == expected["why"]
    for blocker in expected["blockers"]:
        assert blocker["name"] in panel.inner_text()
    for theme in expected["themes"]:
        assert panel.locator(".ex-themes").get_by_role("link", name=theme["title"]).count() == 1
    widths = panel.locator(".ex-bar").evaluate_all("(bars) => bars.map((b) => b.offsetWidth)")
    assert all(width > 0 for width in widths)


def test_downloads_carry_the_answers_as_json_and_csv(warm: Any, site: SiteServer) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    wait_for_panel(warm)
    with warm.expect_download() as json_download:
        warm.get_by_role("button", name="Download answers (JSON)").click()
    saved = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert saved["answers"] == expected["answers"]
    assert saved["code"] == expected["code"]
    with warm.expect_download() as csv_download:
        warm.get_by_role("button", name="Download answers (CSV)").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text("utf-8-sig"))))
    assert len(rows) == len(QUESTION_IDS)


def test_a_result_prints_on_one_page_for_leadership_on_a4_and_letter(
    warm: Any, site: SiteServer
) -> None:
    """Level and range, the profile chart, the areas named in what to do next and the share
    link: one sheet of A4 and one of US Letter."""
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    warm.emulate_media(media="print")
    assert not warm.locator(".md-header").is_visible()
    assert not warm.locator(".md-sidebar--primary").is_visible()
    assert not warm.locator("#take-action").is_visible()
    assert panel.locator(".ex-result__statement").inner_text() == expected["level_statement"]
    assert panel.locator(".ex-profile").is_visible()
    named = expected["plan_areas"]
    assert named
    for blocker in expected["blockers"]:
        item = panel.locator(f".ex-blocker[data-area='{blocker['id']}']")
        assert item.is_visible() == (blocker["id"] in named), blocker["id"]
    share = panel.locator(".ex-result__print-link")
    assert share.is_visible()
    assert f"#result={expected['code']}" in share.inner_text()
    # No heading is printed without what it heads (the contrasts stay on screen).
    assert panel.locator(".ex-contrasts__title").count() == 1
    assert not panel.locator(".ex-contrasts__title").is_visible()
    assert not panel.locator(".ex-contrast h4").first.is_visible()
    for paper in ("A4", "Letter"):
        pdf = warm.pdf(format=paper)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pages == 1, paper
    warm.emulate_media(media="screen")
    assert not share.is_visible()


def test_the_whole_flow_runs_under_the_content_security_policy(warm: Any, site: SiteServer) -> None:
    """Quiz, result, share link, downloads, search and the palette toggle: the `warm` fixture
    fails the test on any policy violation (they arrive as console errors)."""
    warm.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer_all(warm, pattern("all-3"))
    submit(warm)
    panel = wait_for_panel(warm)
    panel.get_by_role("button", name="Copy share link").click()
    panel.locator(".ex-result__note", has_text="Link copied").wait_for()
    with warm.expect_download():
        panel.get_by_role("button", name="Download answers (CSV)").click()
    warm.keyboard.press("/")
    warm.locator(".md-search__input").press_sequentially("retention", delay=30)
    warm.locator(".md-search-result__item").first.wait_for()
    warm.keyboard.press("Escape")
    warm.locator("label[for=__palette_1]").click()
    assert warm.locator("body").get_attribute("data-md-color-scheme") == "slate"
    warm.locator("label[for=__palette_0]").click()
    policy = warm.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert policy is not None
    assert "'unsafe-inline'" not in policy


def test_a_wheel_that_does_not_match_its_lock_hash_is_refused_at_once(
    site: SiteServer, context: Any
) -> None:
    page = watch(context).page
    page.route(
        "**/*.whl",
        lambda route: route.fulfill(
            status=200, body=b"PK\x03\x04 not the built wheel", content_type="application/zip"
        ),
    )
    page.goto(site.url("assessment/"))
    assert "could not be downloaded" in failure_message(page).inner_text()


def planted_wheel(site: SiteServer) -> tuple[bytes, str]:
    """The built wheel with ``quiz.web.decode_json`` failing inside Python, and the lock file
    that vouches for it."""
    folder = site.root / "pyodide"
    [wheel] = folder.glob("*.whl")
    source = io.BytesIO(wheel.read_bytes())
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "quiz/web.py":
                text = data.decode("utf-8")
                original = "return _reply(lambda: describe(open_code(code)))"
                assert original in text
                text = text.replace(original, "return _reply(_planted)")
                text += "\n\ndef _planted() -> object:\n    raise RuntimeError('planted failure')\n"
                data = text.encode("utf-8")
            new.writestr(item, data)
    body = target.getvalue()
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["ex-quiz"]["sha256"] = hashlib.sha256(body).hexdigest()
    return body, json.dumps(lock)


def test_a_python_failure_logs_its_traceback_and_shows_the_short_message(
    site: SiteServer, fresh_context: Any
) -> None:
    wheel, lock = planted_wheel(site)
    watched = watch(fresh_context)
    page = watched.page
    page.route("**/*.whl", lambda route: route.fulfill(body=wheel, content_type="application/zip"))
    page.route(
        "**/pyodide-lock.json",
        lambda route: route.fulfill(body=lock, content_type="application/json"),
    )
    code = cli_score(pattern("all-3"))["code"]
    page.goto(site.url(f"levels/level-3/#result={code}"))
    panel = wait_for_panel(page)
    assert "Something went wrong while working out your result" in panel.inner_text()
    assert "Traceback" not in panel.inner_text()
    [logged] = [e for e in watched.console_errors if "planted failure" in e]
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: planted failure" in logged


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
    page.get_by_role("button", name="Start over").click()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 0
    assert note.count() == 0
    # A slip of the finger is not final: "Undo" brings the answers back, saved again; but
    # only until the reader answers anew, which Undo would throw away.
    page.locator(f"label[for='q-{QUESTION_IDS[1]}-4']").click()
    assert page.get_by_role("button", name="Undo: bring back 3 answers").count() == 0
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Undo: bring back 1 answer").click()
    assert page.locator("#ex-progress-count").inner_text() == "1"
    page.get_by_role("button", name="Start over").click()
    for qid, value in picked.items():
        page.locator(f"label[for='q-{qid}-{value}']").click()
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Undo: bring back 3 answers").click()
    for qid, value in picked.items():
        assert page.locator(f"#q-{qid}-{value}").is_checked()
    assert page.locator("#ex-progress-count").inner_text() == "3"
    page.reload()
    page.locator("#ex-assessment[data-ready]").wait_for()
    assert page.locator("#ex-assessment input[type=radio]:checked").count() == 3
    page.get_by_role("button", name="Start over").click()
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
    page.locator("#ex-status", has_text="could not be read").wait_for()
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


# ---------------------------------------------------------------------------------------------
# Problem 7: without JavaScript.


def test_without_javascript_nothing_can_submit_the_answers(
    no_js_page: Any, site: SiteServer
) -> None:
    page = no_js_page
    page.goto(site.url("assessment/"))
    assert page.locator(".ex-question").count() == len(QUESTION_IDS)
    assert page.locator("form .ex-question, form#ex-assessment").count() == 0
    assert page.get_by_role("button", name="See my level").is_disabled()
    note = page.locator(".ex-noscript")
    assert "needs JavaScript" in note.inner_text()
    note_top = note.evaluate("(n) => n.getBoundingClientRect().top")
    first_question = page.locator(".ex-question").first
    assert note_top < first_question.evaluate("(n) => n.getBoundingClientRect().top")
    # Right under the title, before the introduction: seen at once, even on a phone.
    assert note.evaluate(
        "(n) => n.previousElementSibling?.tagName === 'H1' || "
        "n.closest('noscript')?.previousElementSibling?.tagName === 'H1'"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    assert note.evaluate("(n) => n.getBoundingClientRect().bottom") < 844
    assert not page.locator(".ex-progress").is_visible()


def test_without_javascript_a_result_link_says_javascript_is_needed(
    no_js_page: Any, site: SiteServer
) -> None:
    code = cli_score(pattern("all-3"))["code"]
    no_js_page.goto(site.url(f"levels/level-3/#result={code}"))
    note = no_js_page.locator("article .ex-noscript")
    assert note.is_visible()
    assert "needs JavaScript" in note.inner_text()
    assert not no_js_page.locator("#ex-result").is_visible()


# ---------------------------------------------------------------------------------------------
# Problems 9 and 10: the mobile drawer, "Back to top", the logo.


def test_the_closed_mobile_drawer_is_out_of_the_tab_order_and_unrendered_and_opens_to_links(
    site: SiteServer, context: Any
) -> None:
    # Closed, the drawer's contents are skipped (content-visibility: hidden): Material's start-up
    # restyles the page several times, and the drawer held a third of a level page's elements.
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("levels/level-2/"))
    state = """() => {
        const drawer = document.querySelector(".md-sidebar--primary");
        const link = drawer.querySelector("a.md-nav__link[href*='level-4']");
        return [getComputedStyle(drawer).contentVisibility, link.checkVisibility()];
    }"""
    assert page.evaluate(state) == ["hidden", False]
    in_drawer = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        in_drawer += page.evaluate(
            "() => !!document.activeElement?.closest('.md-sidebar--primary')"
        )
    assert in_drawer == 0
    page.locator(".md-header label[for=__drawer]").click()
    animations_finished(page, ".md-sidebar--primary")  # the drawer has slid in
    assert page.evaluate(state) == ["visible", True]
    link = page.locator(".md-sidebar--primary a.md-nav__link[href*='level-4']").first
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    link.click()
    page.wait_for_url("**/levels/level-4/")
    page.set_viewport_size({"width": 1280, "height": 800})  # a sidebar, not a drawer
    assert page.evaluate(state)[0] == "visible"


def test_questions_far_below_are_skipped_until_the_keyboard_reaches_them_in_view(
    site: SiteServer, context: Any
) -> None:
    # Off-screen questions are not laid out or painted (content-visibility: auto), which
    # lightens Material's start-up restyles; a keyboard user still walks into every one of them
    # and sees the focused answer.
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("assessment/"))
    page.locator(".ex-progress:not([hidden])").wait_for()
    drawn = """() => [...document.querySelectorAll('.ex-question legend')]
        .map((legend) => legend.checkVisibility({contentVisibilityAuto: true}))"""
    questions = page.evaluate(drawn)
    assert questions[0] is True
    assert questions[-1] is False
    last = page.locator(".ex-question").last
    last_first_choice = last.locator("input").first
    page.locator(".ex-question").nth(-2).locator("input").last.focus()
    page.keyboard.press("Tab")  # from the question before it, into the last question
    assert last_first_choice.evaluate("element => element === document.activeElement")
    # Drawn once the browser has scrolled it into view and updated what is on screen.
    page.wait_for_function(f"() => ({drawn})().at(-1)", timeout=5_000)
    assert page.evaluate(drawn)[-1] is True
    assert in_viewport(page, ".ex-question:last-of-type input:focus")


def test_back_to_top_does_not_cover_the_progress_bar(site: SiteServer, context: Any) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("assessment/"))
    page.locator(".ex-progress:not([hidden])").wait_for()
    page.mouse.wheel(0, 4_000)
    page.wait_for_function("() => scrollY > 0")
    scroll_settled(page)  # Material has seen the page scroll down
    page.mouse.wheel(0, -300)  # scrolling up shows "Back to top"
    top = page.locator(".md-top")
    top.wait_for(state="visible")
    scroll_settled(page)
    animations_finished(page, ".md-top")  # it has slid into its place
    boxes = page.evaluate(
        """() => [".md-top", ".ex-progress"].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [r.top, r.bottom];
        })"""
    )
    (button_top, button_bottom), (bar_top, bar_bottom) = boxes
    assert button_top >= bar_bottom or button_bottom <= bar_top, boxes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logo_takes_the_header_colour(site: SiteServer, context: Any, scheme: str) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url())
    colours = page.evaluate(
        """() => {
            const fill = (s) => getComputedStyle(document.querySelector(s)).fill;
            return [fill(".md-logo svg"), fill(".md-header__button.md-icon svg")];
        }"""
    )
    assert colours[0] == colours[1]


# ---------------------------------------------------------------------------------------------
# Accessibility of the form and a result panel (every page: test_site_pages.py).


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_assessment_and_a_result_panel(
    warm: Any, site: SiteServer, scheme: str
) -> None:
    warm.emulate_media(color_scheme=scheme)
    warm.locator(f"label[for='q-{QUESTION_IDS[0]}-2']").click()
    assert axe_violations(warm) == []
    instant_goto(warm, result_url(site, cli_score(pattern("mixed"))))
    wait_for_panel(warm)
    for details in warm.locator("#ex-result details").all():
        details.evaluate("(d) => { d.open = true; }")
    assert axe_violations(warm) == []


def test_the_panel_shows_the_fields_of_assessment_v2_when_present(
    warm: Any, site: SiteServer
) -> None:
    """Level statement, the answers behind each area, contrasts, guide labels, legacy links:
    rendered as text whenever the engine sends them (older results simply lack them)."""
    result = cli_score(pattern("mixed"))
    first = result["profile"][0]
    result["level_statement"] = "Level 2 confirmed; up to Level 4 once 3 questions are answered."
    result["profile"][1]["level"] = None
    del result["profile"][1]["label"]  # an area without the engine's label falls back to its level
    first["answers"] = [
        {"question": "q", "number": 7, "text": "<b>Question</b>", "level": None, "statement": "S"}
    ]
    result["contrasts"] = [
        {
            "dimension": first["id"],
            "dimension_name": first["name"],
            "questions": ["a", "b"],
            "levels": [4, 1],
            "statements": ["High <i>statement</i>", "Low statement"],
            "sentence": "The two answers disagree.",
        }
    ]
    if result["blockers"]:
        result["blockers"][0]["guide_label"] = "A label only this blocker has"
    result["legacy"] = {"version": 0, "message": "This link was made with an older assessment."}
    warm.goto(site.url(result["page"].removesuffix(".md") + "/"))
    warm.locator("#ex-result").wait_for(state="attached")
    warm.evaluate(
        """async ([url, result]) => {
            const { renderResult } = await import(url);
            renderResult(document.getElementById("ex-result"), result, null);
        }""",
        [site.url("javascripts/assessment/panel.mjs"), result],
    )
    panel = warm.locator("#ex-result")
    text = panel.inner_text()
    assert panel.locator(".ex-result__statement").inner_text() == result["level_statement"]
    row = panel.locator("tr", has=warm.locator("th", has_text=result["profile"][1]["name"]))
    assert row.locator("td").first.inner_text() == "Unknown (no answers)"
    assert row.locator("strong").count() == 0
    assert "Question 7: <b>Question</b>" in panel.locator("details").first.text_content()
    assert "High <i>statement</i>" in text
    assert "The two answers disagree." in text
    assert panel.locator("b, i").count() == 0
    if result["blockers"]:
        assert panel.get_by_role("link", name="A label only this blocker has").count() == 1
    legacy = panel.locator(".ex-result__legacy")
    assert "older assessment" in legacy.inner_text()
    assert legacy.get_by_role("link", name="Retake the assessment").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_answered_bar_is_drawn_in_the_pages_colours(
    site: SiteServer, context: Any, scheme: str
) -> None:
    """Not the browser's own bar, whose track stays pale on the dark scheme: a faint track in
    the page's foreground colour, whatever the scheme."""
    page = watch(context).page
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    drawn = page.locator("#ex-progress-bar").evaluate(
        """(bar) => {
            const style = getComputedStyle(bar);
            const alpha = style.backgroundColor.match(/[\\d.]+/g).map(Number)[3] ?? 1;
            return {appearance: style.appearance, alpha};
        }"""
    )
    assert drawn["appearance"] == "none"
    assert drawn["alpha"] <= 0.2, drawn


# ---------------------------------------------------------------------------------------------
# Assessment v3: "not applicable", and organisations from the validation set taken as a new
# user would take them (their answers were derived from their prose, not from the rule).


def validation_answers(organisation: str) -> dict[str, int | str | None]:
    import tomllib

    data = tomllib.loads((ROOT / "validation" / "organisations.toml").read_text("utf-8"))
    found = next(o for o in data["organisations"] if o["id"] == organisation)
    return {
        question: None if value == "not sure" else value
        for question, value in found["answers"].items()
    }


def take_as_new_user(warm: Any, site: SiteServer, organisation: str) -> tuple[dict[str, Any], Any]:
    """Answer the form as a validation organisation, submit, and return what the CLI gives for
    the same answers and the result panel the reader lands on."""
    answers = validation_answers(organisation)
    expected = cli_score(answers)
    start_fresh(warm, site)
    answer_all(warm, answers)
    submit(warm)
    warm.wait_for_url(result_url(site, expected))
    return expected, wait_for_panel(warm)


def test_not_applicable_is_offered_exactly_where_the_bank_allows_it(
    warm: Any, site: SiteServer
) -> None:
    start_fresh(warm, site)
    offered = warm.locator("#ex-assessment input[type=radio][value=na]")
    expected = [q.id for q in BANK.questions if q.not_applicable]
    assert expected
    names = offered.evaluate_all("(inputs) => inputs.map((input) => input.name)")
    assert names == expected
    for question in expected:
        fieldset = warm.locator(f"#question-{question}")
        assert fieldset.get_by_role("radio", name="Not applicable").count() == 1
    assert warm.get_by_text("choose the highest statement that is fully true today").count() == 1


def test_a_level_4_telco_without_recognition_lands_on_level_4_with_recognition_next(
    warm: Any, site: SiteServer
) -> None:
    expected, panel = take_as_new_user(warm, site, "telco-no-recognition")
    assert panel.locator("h2").inner_text().startswith("Your result: Level 4,")
    recognition = BANK.dimension("recognition")
    # Areas answered only "Not sure" come first, as questions to answer; the first step to take
    # is recognition.
    for area in panel.locator(".ex-blocker--named.ex-blocker--open").all():
        assert "Answer these" in area.inner_text()
    first = panel.locator(".ex-blocker--named:not(.ex-blocker--open)").first
    assert first.get_attribute("data-area") == recognition.id
    level = expected["dimensions"][recognition.id]
    target = recognition.step(level).replace(".md#", "/#")  # levels/level-4/#step-2
    step = first.get_by_role("link")
    href = step.evaluate("(a) => new URL(a.href).pathname + new URL(a.href).hash")
    assert href.endswith(target), (href, target)
    themes = panel.locator(".ex-themes").get_by_role("link").all_inner_texts()
    assert BANK.theme(recognition.themes[0]).title in themes  # "Celebrating successes"


def test_a_small_company_answering_not_applicable_gets_no_blockers_from_those_questions(
    warm: Any, site: SiteServer
) -> None:
    answers = validation_answers("bike-shop-small-no-hr")
    left_out = [q for q, a in answers.items() if a == "na"]
    assert left_out, "the small company answers 'not applicable' somewhere"
    expected, panel = take_as_new_user(warm, site, "bike-shop-small-no-hr")
    texts = panel.locator(".ex-blocker").all_inner_texts()
    for question in left_out:
        wording = BANK.question(question).text
        assert all(wording not in text for text in texts), question
    for area in expected["not_applicable"]:
        assert panel.locator(f".ex-blocker[data-area='{area}']").count() == 0
