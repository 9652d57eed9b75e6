"""The team engine's areas and disagreements: mean, median, spread and range per area, a weak
area most people report, the order of the disagreements and how many are listed, the
questions behind each with every statement, and members or teams without an area's answers.

These tests reach the engine through :func:`quiz.team_view` over the members' result codes;
dimensions and levels are read from the loaded bank."""

from __future__ import annotations

import statistics

import pytest

from tests.quiz_support import by_dimension, flat
from tests.quiz_team_support import BANK, FIRST, LOW, MIDDLE, SECOND, TOP, key, rules_limit, team_of

# --- areas and disagreements -------------------------------------------------------------------


def test_mean_median_spread_and_range_per_area() -> None:
    levels = [LOW, MIDDLE, TOP]
    view = team_of([flat(BANK, level) for level in levels])
    assert view.members == 3
    assert [d.id for d in view.dimensions] == [d.id for d in BANK.dimensions]
    for item in view.dimensions:
        assert item.count == 3
        assert item.median == MIDDLE
        assert item.mean == pytest.approx(statistics.mean(levels))
        assert item.spread == pytest.approx(statistics.pstdev(levels))
        assert (item.low, item.high, item.range) == (LOW, TOP, TOP - LOW)
        assert item.levels == tuple(levels)


def test_a_weak_area_two_people_in_three_report_is_the_teams_level_there() -> None:
    """The mean (about 2.3 for Levels 1, 1 and 5) would make it look middling."""
    weak = {key(FIRST.id): LOW}
    view = team_of(
        [by_dimension(BANK, TOP, **weak), by_dimension(BANK, TOP, **weak), flat(BANK, TOP)]
    )
    area = view.dimensions[0]
    assert area.median == LOW
    assert area.mean is not None
    assert round(area.mean) > LOW


def test_disagreements_are_sorted_by_spread_and_skip_agreement() -> None:
    view = team_of(
        [
            by_dimension(BANK, MIDDLE, **{key(FIRST.id): LOW, key(SECOND.id): MIDDLE - 1}),
            by_dimension(BANK, MIDDLE, **{key(FIRST.id): TOP, key(SECOND.id): MIDDLE + 1}),
        ]
    )
    assert [d.id for d in view.disagreements] == [FIRST.id, SECOND.id]


def test_equal_spreads_go_to_the_wider_range_then_the_area_id_never_bank_order() -> None:
    later, earlier = BANK.dimensions[4], BANK.dimensions[3]  # ids: individual, journey
    assert later.id < earlier.id
    apart = {key(later.id): LOW, key(earlier.id): LOW}
    view = team_of([by_dimension(BANK, MIDDLE, **apart), flat(BANK, MIDDLE)])
    assert [d.id for d in view.disagreements] == [later.id, earlier.id]
    # Levels 1, 2, 2, 5 and 1, 1, 4, 4: the same spread (1.5); the first spans more levels.
    wide = [LOW, 2, 2, TOP]
    narrow = [LOW, LOW, 4, 4]
    team = [
        by_dimension(BANK, MIDDLE, **{key(earlier.id): a, key(later.id): b})
        for a, b in zip(wide, narrow, strict=True)
    ]
    view = team_of(team)
    assert view.dimensions[3].spread == pytest.approx(view.dimensions[4].spread or 0)
    assert [d.id for d in view.disagreements] == [earlier.id, later.id]


def test_at_most_three_disagreements_are_listed_as_the_team_rule_says() -> None:
    view = team_of([flat(BANK, LOW), flat(BANK, TOP)])  # every area apart
    assert len(view.disagreements) == min(rules_limit(), len(BANK.dimensions)) == 3
    ids = sorted(d.id for d in BANK.dimensions)
    assert [d.id for d in view.disagreements] == ids[:3]


def test_a_disagreement_holds_the_questions_behind_it_with_each_statement() -> None:
    question = BANK.questions_for(FIRST.id)[0]
    other = BANK.questions_for(FIRST.id)[1]
    one = flat(BANK, MIDDLE) | {question.id: LOW}
    two = flat(BANK, MIDDLE) | {question.id: TOP, other.id: None}
    three = {q.id: MIDDLE for q in BANK.questions if q.id != other.id}
    view = team_of([one, two, three])
    (split,) = view.disagreements
    assert split.id == FIRST.id
    assert [q.id for q in split.questions] == [question.id, other.id]  # widest first
    widest, open_one = split.questions
    assert widest.range == TOP - LOW
    assert [(a.member, a.level, a.statement) for a in widest.answers] == [
        (0, LOW, question.option(LOW).text),
        (1, TOP, question.option(TOP).text),
        (2, MIDDLE, question.option(MIDDLE).text),
    ]
    assert open_one.range == 0
    assert [a.statement for a in open_one.answers] == [
        other.option(MIDDLE).text,
        "Not sure",
        "Not answered",
    ]


def test_members_without_an_area_answer_are_left_out_of_it() -> None:
    last = BANK.dimensions[-1]
    view = team_of([flat(BANK, TOP), by_dimension(BANK, LOW, **{key(last.id): None})])
    item = view.dimensions[-1]
    assert item.id == last.id
    assert (item.count, item.median, item.mean, item.spread, item.low, item.high) == (
        1,
        TOP,
        TOP,
        0.0,
        TOP,
        TOP,
    )
    assert item.levels == (TOP, None)
    assert last.id not in {d.id for d in view.disagreements}


def test_nobody_answering_an_area_leaves_it_empty() -> None:
    last = BANK.dimensions[-1]
    view = team_of([by_dimension(BANK, TOP, **{key(last.id): None})])
    item = view.dimensions[-1]
    assert (item.count, item.median, item.mean, item.spread, item.range) == (
        0,
        None,
        None,
        None,
        None,
    )
