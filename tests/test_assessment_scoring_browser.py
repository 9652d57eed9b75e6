"""The assessment in the browser gives what the command line gives: answered with the mouse or
the keyboard only, the Pyodide scorer against CPython on random answer sets, "Not applicable"
where the bank offers it, and organisations from the validation set taken as a new user would.

These tests drive the built site in Chromium, as a reader would, and compare what the browser
shows with what the CPython command line gives for the same answers. Most share one page whose
scorer is already loaded (``warm``, in tests/conftest.py), so Pyodide starts once for all of
them; it fails its test on a console error, which includes any Content Security Policy
violation.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from harness import ROOT, SiteServer
from quiz.web import score_json
from tests.assessment_support import (
    BANK,
    LEVELS,
    QUESTION_IDS,
    answer_all,
    choice_value,
    cli_score,
    pattern,
    result_url,
    start_fresh,
    submit,
    wait_for_panel,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


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
        assert fieldset.get_by_role("radio", name=ui("scoring.not_applicable")).count() == 1
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
