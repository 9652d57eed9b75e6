"""Scoring (Assessment v3, the staged rule): the advice a result carries. An area answered
only "Not sure" comes first and is named, each blocker links to the step that builds its area
from its level, ``missing`` lists the next level's gates below it in rank order, and the
themes start with the weak area's first theme.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import Answers, Bank, score
from tests.quiz_scoring_support import (
    AREAS,
    LEVELS,
    LOW,
    PROPERTY,
    TOP,
    answers_and_banks,
    flat,
    in_order,
    set_area,
)
from tests.quiz_support import BANK

# --- 10. an area answered only "Not sure" -----------------------------------------------------


@PROPERTY
@given(answers_and_banks(), st.sampled_from(AREAS), st.data())
def test_an_area_answered_only_not_sure_comes_first_and_is_named(
    drawn: tuple[Bank, Answers], area: str, data: st.DataObject
) -> None:
    bank, answers = drawn
    changed = dict(answers)
    for question in bank.questions_for(area):
        if data.draw(st.booleans(), label=f"skip {question.id}"):
            changed.pop(question.id, None)
        else:
            changed[question.id] = None
    for other in bank.dimensions:  # every other area has an answer
        if other.id != area and not any(
            isinstance(changed.get(q.id), int) for q in bank.questions_for(other.id)
        ):
            changed[bank.questions_for(other.id)[0].id] = LOW
    result = score(bank, in_order(bank, changed))
    assert result.level is not None
    item = result.dimension(area)
    assert item.all_not_sure
    assert item.level is None
    assert item.counted == LOW
    if result.level < TOP:
        first = result.blockers[0]
        assert (first.id, first.unanswered, first.level) == (area, True, LOW)
        assert not any(b.unanswered for b in result.blockers[1:])
        assert first.open == tuple(q.text for q in bank.questions_for(area))
    assert result.named[0] == area


@pytest.mark.parametrize("k", LEVELS[:-1])
def test_a_flat_profile_with_one_area_unanswered_names_that_area_first(k: int) -> None:
    for area in AREAS:
        result = score(BANK, set_area(BANK, flat(BANK, k), area, None))
        assert result.blockers[0].id == area
        assert result.blockers[0].unanswered
        assert result.named[0] == area


# --- 11. advice ------------------------------------------------------------------------------


@PROPERTY
@given(answers_and_banks())
def test_each_blocker_links_to_the_step_that_builds_that_area_from_its_level(
    drawn: tuple[Bank, Answers],
) -> None:
    bank, answers = drawn
    result = score(bank, answers)
    if result.level is None or result.next_level is None:
        assert result.blockers == ()
        return
    steps = {step.link: step.builds for step in bank.steps}
    target = result.next_level
    counted = {d.id: d.counted for d in result.dimensions}
    assert {b.id for b in result.blockers} == {
        d for d, level in counted.items() if level is not None and level < target
    }
    for blocker in result.blockers:
        assert blocker.level == counted[blocker.id]
        assert blocker.guide == bank.dimension(blocker.id).step(blocker.level)
        assert blocker.guide in steps
        assert blocker.id in steps[blocker.guide]
        assert blocker.caps == (target in bank.gated_levels(blocker.id))
        assert blocker.target == target
    # The documented ranking: no answer first, then the next level's gates, then the furthest
    # below, then by name.
    ranked = sorted(
        result.blockers,
        key=lambda b: (not b.unanswered, not b.caps, b.level, b.name.casefold()),
    )
    assert [b.id for b in ranked] == [b.id for b in result.blockers]
    assert list(result.named) == [b.id for b in result.blockers[: len(result.named)]]


def test_missing_lists_the_next_levels_gates_below_it_in_rank_order() -> None:
    """``Result.missing``: "the gates of the next level that are below it, in rank order".
    Two gates of one level, the later one in the bank further below it."""
    pairs = [
        (level, first, second)
        for level in LEVELS[1:]
        for i, first in enumerate(BANK.gates(level))
        for second in BANK.gates(level)[i + 1 :]
        if max(BANK.gated_levels(first) + BANK.gated_levels(second)) == level
        and level - 2 >= LOW
        and not any(g < level for g in BANK.gated_levels(second))
    ]
    assert pairs
    level, first, second = pairs[0]
    answers = set_area(BANK, flat(BANK, level), first, level - 1)
    answers = set_area(BANK, answers, second, level - 2)
    result = score(BANK, answers)
    assert [b.id for b in result.blockers if b.caps][:2] == [second, first]
    assert [d.id for d in result.missing] == [b.id for b in result.blockers if b.caps]


def test_every_area_step_is_a_listed_step_that_builds_the_area() -> None:
    steps = {step.link: step.builds for step in BANK.steps}
    for dimension in BANK.dimensions:
        for level in LEVELS:
            assert dimension.id in steps[dimension.step(level)], (dimension.id, level)


# --- 12. themes -------------------------------------------------------------------------------


def test_themes_start_with_the_one_weak_areas_first_theme_whatever_its_level_tags() -> None:
    untagged = 0
    for dimension in BANK.dimensions:
        if not dimension.themes:
            continue
        for level in LEVELS[:-1]:
            result = score(BANK, set_area(BANK, flat(BANK, TOP), dimension.id, level))
            assert result.named == (dimension.id,), (dimension.id, level)
            assert result.themes[0].id == dimension.themes[0], (dimension.id, level)
            assert result.level is not None
            untagged += result.level not in BANK.theme(dimension.themes[0]).levels
    assert untagged, "no case where the area's first theme is tagged for another level"
