"""The assessment's messages in the browser: next to the submit button, in view and announced
("Not enough answers", "Go to question N", the answers waiting for a scorer that still loads,
"Start over" and its "Undo"), and what the page keeps tidy meanwhile (no pile of scorer
listeners, questions that narrow with the window).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from harness import BINARY, SiteServer, instant_goto, storage_key, watch
from tests.assessment_support import (
    BANK,
    QUESTION_IDS,
    SIZES,
    answer_all,
    cli_score,
    in_viewport,
    pattern,
    submit,
    wait_ready,
)
from tests.axe import axe_violations
from tests.ui_text import CUT, ui, ui_upto
from tests.waits import next_frames, scorer_answers_a_later_request, scroll_settled

pytestmark = pytest.mark.browser


def test_too_few_answers_says_so_next_to_the_button_in_view(warm: Any) -> None:
    warm.locator(f"label[for='q-{QUESTION_IDS[0]}-3']").click()
    warm.locator(f"label[for='q-{QUESTION_IDS[2]}-3']").click()
    warm.evaluate("window.scrollTo(0, 0)")
    button = warm.get_by_role("button", name=ui("build.form.submit"))
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
    message.get_by_role("link", name=ui("page.go_to_question", number=position)).click()
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
    link = message.get_by_role("link", name=ui_upto("page.go_to_question", number=CUT))
    link.wait_for()
    covered = {BANK.question(qid).dimension for qid in given}
    target = next(q for q in BANK.questions if q.dimension not in covered)
    assert link.inner_text() == ui("page.go_to_question", number=QUESTION_IDS.index(target.id) + 1)
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
        status.filter(has_text=ui("page.scoring_waiting")).wait_for()
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
        page.get_by_role("button", name=ui("build.form.reset")).click()
        status.filter(has_text=ui("page.answers_cleared")).wait_for()
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
        warm.locator(
            "#ex-status [role=status] a", has_text=ui_upto("page.go_to_question", number=CUT)
        ).wait_for()
        assert axe_violations(warm) == []
        warm.get_by_role("button", name=ui("build.form.reset")).click()
        warm.get_by_role("button", name=ui("page.undo_one")).wait_for()
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
