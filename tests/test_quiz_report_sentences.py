"""The result JSON (schema 2) says in plain words what the level is, what is still open, which
answers contrast, which areas hold the level and where to go next, and never calls an area the
weakest when it stands level with the strongest. Expectations are read from the loaded bank.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from quiz import Answers, score
from tests.quiz_report_support import MULTI, PROPERTY, report, with_open
from tests.quiz_support import BANK, any_answers, by_dimension, flat, overview_page


@PROPERTY
@given(any_answers(BANK))
def test_the_level_statement_gives_the_confirmed_and_possible_level(answers: Answers) -> None:
    data = report(answers)
    statement = data["level_statement"]
    if data["level"] is None:
        assert statement is None
        return
    assert statement.startswith(f"Level {data['level']} confirmed")
    opened = data["open_questions"]
    if opened == 0:
        assert statement.endswith("every question has an answer.")
    elif data["possible_level"] > data["level"]:
        assert f"could lift it as high as Level {data['possible_level']}." in statement
        assert f" {opened} open question" in statement
    else:
        assert "would not change it" in statement
        assert f" {opened} open question" in statement


@pytest.mark.parametrize("level", BANK.level_numbers)
def test_a_complete_flat_profile_is_confirmed_with_nothing_open(level: int) -> None:
    data = report(flat(BANK, level))
    assert data["level_statement"] == f"Level {level} confirmed: every question has an answer."
    assert (data["open_questions"], data["possible_level"]) == (0, level)


def test_one_open_question_that_could_lift_the_level_is_said_in_the_singular() -> None:
    data = report(with_open(flat(BANK, BANK.top), 1))
    assert data["open_questions"] == 1
    assert data["possible_level"] > data["level"]
    assert data["level_statement"] == (
        f"Level {data['level']} confirmed; answering the 1 open question could lift it as high as "
        f"Level {data['possible_level']}."
    )


def test_several_open_questions_are_said_in_the_plural() -> None:
    data = report(with_open(flat(BANK, BANK.top), 2))
    assert data["open_questions"] == 2
    assert data["possible_level"] > data["level"]
    assert data["level_statement"] == (
        f"Level {data['level']} confirmed; answering the 2 open questions could lift it as high "
        f"as Level {data['possible_level']}."
    )


def test_open_questions_that_cannot_change_the_level_are_said_so() -> None:
    data = report(with_open(flat(BANK, BANK.lowest), 1))
    assert data["possible_level"] == data["level"] == BANK.lowest
    assert data["level_statement"] == (
        f"Level {BANK.lowest} confirmed; answering the 1 open question would not change it."
    )


def test_a_contrast_puts_both_statements_side_by_side() -> None:
    dimension = BANK.dimension(MULTI[0])
    high, low = BANK.questions_for(dimension.id)[:2]
    answers = flat(BANK, BANK.top - 1)
    answers[high.id], answers[low.id] = BANK.top, BANK.lowest
    assert BANK.top - BANK.lowest >= 2
    contrasts = report(answers)["contrasts"]
    assert contrasts == [
        {
            "dimension": dimension.id,
            "dimension_name": dimension.name,
            "questions": [high.id, low.id],
            "levels": [BANK.top, BANK.lowest],
            "statements": [high.option(BANK.top).text, low.option(BANK.lowest).text],
            "sentence": (
                f"{dimension.name}: you chose “{high.option(BANK.top).text}” "
                f"(Level {BANK.top}) but also “{low.option(BANK.lowest).text}” "
                f"(Level {BANK.lowest})."
            ),
        }
    ]


def test_answers_one_level_apart_are_not_a_contrast() -> None:
    dimension = MULTI[0]
    answers = flat(BANK, BANK.top - 1)
    answers[BANK.questions_for(dimension)[0].id] = BANK.top
    assert report(answers)["contrasts"] == []


def test_a_weak_gate_of_the_top_level_holds_the_level_and_is_named_first_with_its_own_step() -> (
    None
):
    """The Level 4 organisation with no recognition scheme, in the bank's own terms."""
    weak = BANK.dimension(BANK.gates(BANK.top)[-1])
    answers = by_dimension(BANK, BANK.top - 1, **{weak.id.replace("-", "_"): BANK.lowest})
    data = report(answers)
    assert data["level"] == BANK.top - 1
    assert data["blockers"][0]["id"] == weak.id
    assert data["blockers"][0]["caps"] is True
    assert data["blockers"][0]["guide"] == weak.step(BANK.lowest)
    assert data["plan_areas"][0] == weak.id
    assert data["calculation"]["missing"][0] == weak.id
    why = data["why"]
    assert f"{weak.name} is at Level {BANK.lowest}" in why
    assert f"Level {BANK.top} also needs" in why
    assert data["themes"][0]["id"] in weak.themes


def test_a_weak_profile_area_never_moves_the_level() -> None:
    profile = next(d for d in BANK.dimensions if not BANK.gated_levels(d.id))
    for level in BANK.level_numbers:
        answers = by_dimension(BANK, level, **{profile.id.replace("-", "_"): BANK.lowest})
        data = report(answers)
        assert data["level"] == level
        if level < BANK.top and level > BANK.lowest:
            assert profile.id in {b["id"] for b in data["blockers"]}


@pytest.mark.parametrize("level", BANK.level_numbers[:-1])
def test_a_flat_profile_below_the_top_names_the_next_levels_areas_first(level: int) -> None:
    data = report(flat(BANK, level))
    gates = set(BANK.gates(level + 1))
    assert {b["id"] for b in data["blockers"]} == {d.id for d in BANK.dimensions}
    first = [b["id"] for b in data["blockers"][: len(gates)]]
    assert set(first) == gates
    for blocker in data["blockers"]:
        assert blocker["level"] == level
        assert blocker["caps"] == (blocker["id"] in gates)
        assert blocker["guide"] == BANK.dimension(blocker["id"]).step(level)
    assert set(data["plan_areas"]) == gates
    assert f"Level {level + 1} also needs" in data["why"]


def test_a_flat_profile_at_the_top_has_no_blockers_and_no_next_level() -> None:
    data = report(flat(BANK, BANK.top))
    assert data["blockers"] == []
    assert (data["next_level"], data["next_level_name"]) == (None, None)
    assert data["why"].startswith(f"Level {BANK.top} rests on the areas")


def test_why_counts_open_questions_at_the_lowest_level() -> None:
    why = report(with_open(flat(BANK, BANK.top), 1))["why"]
    assert "Open questions count at the lowest level until they are answered." in why


def test_an_area_answered_only_not_sure_comes_first_in_what_to_do_next() -> None:
    area = BANK.dimensions[-1]
    answers = {
        **flat(BANK, BANK.top - 1),
        **{q.id: None for q in BANK.questions_for(area.id)},
    }
    data = report(answers)
    first = data["blockers"][0]
    assert first["id"] == area.id
    assert first["unanswered"] is True
    assert first["label"] == "Not sure on every question"
    assert first["open_sentence"].startswith(f"Answer these {len(first['open'])} open question")
    assert data["plan_areas"][0] == area.id
    profile = next(item for item in data["profile"] if item["id"] == area.id)
    assert profile["label"] == "Not sure on every question"


def test_without_enough_answers_the_reason_says_how_many_areas_are_needed() -> None:
    first = BANK.questions[0].id
    data = report({first: BANK.lowest})
    assert data["level"] is None
    assert data["reason"] == (
        f"Not enough answers for a level yet: you answered questions in 1 of the "
        f"{len(BANK.dimensions)} areas, and at least {BANK.scoring.min_dimensions} are needed. "
        '"Not sure" answers don\'t count, so try to answer a few more.'
    )
    assert data["page"] == overview_page(BANK)


def test_an_area_with_only_not_sure_answers_shows_as_unknown_not_strong() -> None:
    last = BANK.dimension(BANK.gates(BANK.top)[0])
    answers = flat(BANK, BANK.top)
    for question in BANK.questions_for(last.id):
        answers[question.id] = None
    data = report(answers)
    assert data["dimensions"][last.id] is None
    profile = next(item for item in data["profile"] if item["id"] == last.id)
    assert (profile["level"], profile["possible"], profile["answered"]) == (None, None, 0)
    assert profile["label"] == "Not sure on every question"
    assert data["level"] < BANK.top


@PROPERTY
@given(any_answers(BANK))
def test_no_area_is_called_weakest_when_it_stands_level_with_the_strongest(
    answers: Answers,
) -> None:
    result = score(BANK, answers)
    counted = [d.counted for d in result.dimensions if d.applies and d.counted is not None]
    if not counted or result.level is None:
        return
    assert all((item.counted or 0) < max(counted) for item in result.weakest)


@pytest.mark.parametrize("level", BANK.level_numbers)
def test_a_flat_profile_has_no_weakest_area(level: int) -> None:
    assert report(flat(BANK, level))["weakest"] == []
