"""Scoring: the rule, its guarantees (Hypothesis properties) and what a result explains."""

from __future__ import annotations

import json
from fractions import Fraction
from math import floor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import AnswerError, Result, load_bank, result_to_dict, score
from quiz.scoring import scoring_rules

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
LEVELS = st.integers(min_value=1, max_value=5)
ANSWER = st.one_of(st.none(), LEVELS)
ANY_ANSWERS = st.fixed_dictionaries({}, optional=dict.fromkeys(IDS, ANSWER))
FULL_ANSWERS = st.fixed_dictionaries(dict.fromkeys(IDS, LEVELS))
PROPERTY = settings(max_examples=200, deadline=None)


def by_dimension(levels: dict[str, int | None]) -> dict[str, int | None]:
    """Answers that put every question of a dimension at the given level."""
    return {q.id: levels[q.dimension] for q in BANK.questions if q.dimension in levels}


def dimension_levels(result: Result) -> dict[str, int | None]:
    return {item.id: item.level for item in result.dimensions}


def expected_level(answers: dict[str, int | None]) -> int | None:
    """The documented rule, re-implemented independently with exact fractions."""
    levels = []
    for dimension in BANK.dimensions:
        given_levels = [
            level
            for q in BANK.questions_for(dimension.id)
            if (level := answers.get(q.id)) is not None
        ]
        if given_levels:
            levels.append(floor(Fraction(sum(given_levels), len(given_levels))))
    if len(levels) < BANK.scoring.min_dimensions:
        return None
    return min(floor(Fraction(sum(levels), len(levels))), min(levels) + 1)


# --- properties ---------------------------------------------------------------------------


@PROPERTY
@given(LEVELS)
def test_answering_everything_at_level_k_gives_level_k_everywhere(k: int) -> None:
    result = score(BANK, dict.fromkeys(IDS, k))
    assert result.level == k
    assert set(dimension_levels(result).values()) == {k}


@PROPERTY
@given(FULL_ANSWERS, st.sampled_from(IDS), st.integers(min_value=1, max_value=4))
def test_raising_one_answer_never_lowers_any_dimension_or_the_overall_level(
    answers: dict[str, int | None], question_id: str, step: int
) -> None:
    before = score(BANK, answers)
    current = answers[question_id] or 1
    raised = {**answers, question_id: min(5, current + step)}
    after = score(BANK, raised)
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert (new.level or 0) >= (old.level or 0)
    assert (after.level or 0) >= (before.level or 0)


@PROPERTY
@given(ANY_ANSWERS, st.sampled_from(IDS), st.integers(min_value=1, max_value=4))
def test_raising_one_answer_is_monotone_even_with_gaps_and_not_sure(
    answers: dict[str, int | None], question_id: str, step: int
) -> None:
    # The raised question needs a level to raise; every other question keeps its gap or "not sure".
    answers = {**answers, question_id: answers.get(question_id) or 1}
    before = score(BANK, answers)
    raised = {**answers, question_id: min(5, (answers[question_id] or 1) + step)}
    after = score(BANK, raised)
    assert after.enough == before.enough
    assert (after.level or 0) >= (before.level or 0)


@PROPERTY
@given(ANY_ANSWERS)
def test_level_is_one_to_five_or_none_and_follows_the_documented_rule(
    answers: dict[str, int | None],
) -> None:
    result = score(BANK, answers)
    assert result.level in {None, 1, 2, 3, 4, 5}
    assert result.level == expected_level(answers)
    assert result.enough == (result.level is not None)


@PROPERTY
@given(ANY_ANSWERS)
def test_the_level_is_never_more_than_one_above_the_weakest_dimension(
    answers: dict[str, int | None],
) -> None:
    result = score(BANK, answers)
    if result.level is not None:
        weakest = min(level for level in dimension_levels(result).values() if level is not None)
        assert result.level <= weakest + 1
        assert result.weakest[0].level == weakest


@PROPERTY
@given(ANY_ANSWERS)
def test_same_answers_give_the_same_result(answers: dict[str, int | None]) -> None:
    first = score(BANK, answers)
    second = score(BANK, dict(reversed(list(answers.items()))))
    assert first == second
    assert result_to_dict(first) == result_to_dict(second)


@PROPERTY
@given(ANY_ANSWERS)
def test_not_sure_answers_change_nothing_but_the_record(answers: dict[str, int | None]) -> None:
    padded = {**dict.fromkeys(IDS), **answers}
    plain = score(BANK, answers)
    with_unsure = score(BANK, padded)
    assert with_unsure.level == plain.level
    assert dimension_levels(with_unsure) == dimension_levels(plain)
    assert with_unsure.blockers == plain.blockers
    assert with_unsure.answers == padded


@PROPERTY
@given(ANY_ANSWERS)
def test_result_dict_is_json_ready_and_consistent(answers: dict[str, int | None]) -> None:
    result = score(BANK, answers)
    data = result_to_dict(result)
    assert json.loads(json.dumps(data)) == data
    assert data["level"] == result.level
    assert data["dimensions"] == dimension_levels(result)
    assert data["answers"] == answers
    if result.level is None:
        assert data["page"] == "levels/index.md"
        assert data["next_level"] is None
    else:
        assert data["page"] == f"levels/level-{result.level}.md"


# --- examples -----------------------------------------------------------------------------


def test_a_dimension_level_is_the_mean_of_its_answers_rounded_down() -> None:
    result = score(BANK, {"metrics-use": 5, "metrics-follow-up": 4})
    metrics = result.dimension("metrics")
    assert metrics.mean == 4.5
    assert metrics.level == 4
    assert metrics.answered == 2


def test_a_strong_dimension_cannot_hide_a_weak_one() -> None:
    levels: dict[str, int | None] = {d.id: 5 for d in BANK.dimensions}
    levels["training"] = 1
    result = score(BANK, by_dimension(levels))
    assert result.average_level == 4  # (7 * 5 + 1) / 8 = 4.5
    assert result.cap == 2
    assert result.level == 2
    assert result.capped


def test_capping_dimensions_come_first_in_the_blockers_with_next_level_statements() -> None:
    levels: dict[str, int | None] = {d.id: 4 for d in BANK.dimensions}
    levels.update(training=2, metrics=3, tools=5)
    result = score(BANK, by_dimension(levels))
    assert result.level == 3
    assert [(b.id, b.level, b.caps) for b in result.blockers] == [
        ("training", 2, True),
        ("metrics", 3, False),
    ]
    training, metrics = result.blockers
    assert training.lift == (BANK.question("training-focus").option(3).text,)
    assert training.guide == "levels/level-3.md#step-2"
    assert metrics.lift == tuple(q.option(4).text for q in BANK.questions_for("metrics"))
    assert result.next_level == 4
    assert result.next_level_name == "Owned by everyone"


def test_weakest_lists_up_to_three_lowest_dimensions_lowest_first() -> None:
    levels: dict[str, int | None] = {d.id: 5 for d in BANK.dimensions}
    levels.update(recognition=2, feedback=3, leadership=3, tools=4)
    result = score(BANK, by_dimension(levels))
    assert [(d.id, d.level) for d in result.weakest] == [
        ("recognition", 2),
        ("leadership", 3),
        ("feedback", 3),
    ]


def test_themes_come_from_the_weakest_dimensions_in_turn_without_repeats() -> None:
    levels: dict[str, int | None] = {d.id: 5 for d in BANK.dimensions}
    levels.update(recognition=2, communication=3, accountability=3)
    result = score(BANK, by_dimension(levels))
    assert [t.id for t in result.themes] == [
        "celebrating-successes",  # recognition, first theme
        "understanding-impact",  # communication, first theme
        "shared-goals",  # accountability, first theme
        "culture-and-values",  # recognition, second theme
    ]
    assert result.themes[0].title == "Celebrating successes"
    assert result.themes[0].anchor == "conversations.md#celebrating-successes"


def test_focus_areas_come_from_the_overall_level() -> None:
    result = score(BANK, dict.fromkeys(IDS, 2))
    assert result.focus_areas == BANK.level(2).focus
    assert result.level_name == "Measured in pockets"
    assert result.summary == BANK.level(2).summary


def test_level_five_has_no_blockers_and_no_next_level() -> None:
    result = score(BANK, dict.fromkeys(IDS, 5))
    assert result.blockers == ()
    assert result.next_level is None
    assert result.focus_areas == BANK.level(5).focus


def test_too_few_dimensions_gives_no_level_and_says_how_many_are_needed() -> None:
    first_five = by_dimension({d.id: 4 for d in BANK.dimensions[:5]})
    result = score(BANK, first_five)
    assert result.level is None
    assert not result.enough
    assert (result.answered, result.required) == (5, 6)
    assert result.reason is not None
    assert "5 of the 8" in result.reason
    assert "at least 6" in result.reason
    assert result.blockers == ()
    assert result.themes == ()


def test_not_sure_answers_do_not_count_towards_the_minimum() -> None:
    answers = by_dimension({d.id: 4 for d in BANK.dimensions[:5]})
    answers.update(by_dimension({d.id: None for d in BANK.dimensions[5:]}))
    result = score(BANK, answers)
    assert result.level is None
    assert result.answered == 5


def test_exactly_the_minimum_number_of_dimensions_gives_a_level() -> None:
    result = score(BANK, by_dimension({d.id: 3 for d in BANK.dimensions[:6]}))
    assert result.level == 3
    assert result.answered == 6


def test_the_result_carries_its_code_and_answers() -> None:
    answers: dict[str, int | None] = {"metrics-use": 2, "tools-context": None}
    result = score(BANK, answers)
    assert result.answers == answers
    assert result.code.startswith("v1.")


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        ({"no-such-question": 3}, "Unknown question id"),
        ({"metrics-use": 0}, "outside the range 1 to 5"),
        ({"metrics-use": 6}, "outside the range 1 to 5"),
        ({"metrics-use": True}, "not true"),
        ({"metrics-use": "3"}, 'not "3"'),
        ({"metrics-use": 3.0}, "not 3.0"),
    ],
)
def test_bad_answers_raise_answer_error(answers: dict[str, object], fragment: str) -> None:
    with pytest.raises(AnswerError, match=fragment):
        score(BANK, answers)  # type: ignore[arg-type]


def test_rule_sentences_mention_the_minimum_and_the_cap() -> None:
    rules = " ".join(scoring_rules(BANK))
    assert "at least 6 of the 8 dimensions" in rules
    assert "one level above your weakest dimension" in rules
    assert "rounded down" in rules
