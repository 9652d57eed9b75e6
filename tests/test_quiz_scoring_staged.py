"""Scoring (Assessment v3, the staged rule): the staged properties (what an area gating a
level, or in the profile, does to the level), one-level noise on a flat profile, and ties: bank
order never decides the level or what is named, and areas tied on the rank key are all named or
none.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import Answers, Bank, Result, score
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

# --- 5, 6. the staged properties ------------------------------------------------------------

PROFILE_DROPS = [
    (k, area)
    for k in LEVELS
    for area in AREAS
    if not any(gated <= k for gated in BANK.gated_levels(area))
]
GATE_DROPS = [(k, area) for k in LEVELS for area in AREAS if BANK.gated_levels(area)]
SHORT_GATES = [(k, area) for k in LEVELS[1:] for area in BANK.gates(k)]


def test_the_bank_has_gates_and_profile_areas_to_test() -> None:
    assert BANK.staged
    assert PROFILE_DROPS
    assert SHORT_GATES


@pytest.mark.parametrize(("k", "area"), PROFILE_DROPS)
def test_staged_an_area_gating_no_level_up_to_k_can_drop_to_the_lowest_level(
    k: int, area: str
) -> None:
    result = score(BANK, set_area(BANK, flat(BANK, k), area, LOW))
    assert result.level == result.possible_level == k
    assert result.dimension(area).level == LOW


@pytest.mark.parametrize(("k", "area"), GATE_DROPS)
def test_staged_an_area_gating_a_level_up_to_k_holds_the_level_below_that_level(
    k: int, area: str
) -> None:
    """The other side of the previous property: a gate area at the lowest level holds a flat
    profile just below the lowest level it gates (the gates of every lower level count)."""
    result = score(BANK, set_area(BANK, flat(BANK, k), area, LOW))
    expected = min(k, min(BANK.gated_levels(area)) - 1)
    assert result.level == result.possible_level == max(LOW, expected)


@pytest.mark.parametrize(("k", "area"), SHORT_GATES)
def test_staged_a_gate_of_level_k_one_step_short_gives_exactly_the_level_below(
    k: int, area: str
) -> None:
    result = score(BANK, set_area(BANK, flat(BANK, k), area, k - 1))
    assert result.level == result.possible_level == k - 1
    assert [b.id for b in result.blockers if b.caps] == [area]
    assert result.named[0] == area


OUTGROWN_GATES = [
    (k, area)
    for area in AREAS
    if BANK.gated_levels(area)
    for k in LEVELS
    if k > max(BANK.gated_levels(area))
]


@pytest.mark.parametrize(("k", "area"), OUTGROWN_GATES)
def test_staged_a_gate_of_lower_levels_only_needs_the_levels_it_gates(k: int, area: str) -> None:
    """Each gate is checked at its own level: an area gating levels below k, at the highest
    level it gates, does not hold a flat level-k profile down."""
    result = score(BANK, set_area(BANK, flat(BANK, k), area, max(BANK.gated_levels(area))))
    assert result.level == result.possible_level == k


# --- 7. one-level noise ----------------------------------------------------------------------

NOISE = [
    (k, q.id, step)
    for k in LEVELS
    for q in BANK.questions
    for step in (-1, 1)
    if LOW <= k + step <= TOP
]


@pytest.mark.parametrize(("k", "question", "step"), NOISE)
def test_one_answer_one_level_off_a_flat_profile_keeps_its_level(
    k: int, question: str, step: int
) -> None:
    result = score(BANK, {**flat(BANK, k), question: k + step})
    assert result.level == result.possible_level == k


# --- 8. ties and bank order -----------------------------------------------------------------


def shuffled(bank: Bank, dimensions: list[int], questions: list[int]) -> Bank:
    return replace(
        bank,
        dimensions=tuple(bank.dimensions[i] for i in dimensions),
        questions=tuple(bank.questions[i] for i in questions),
    )


@PROPERTY
@given(answers_and_banks(), st.data())
def test_bank_order_never_decides_the_level_or_what_is_named(
    drawn: tuple[Bank, Answers], data: st.DataObject
) -> None:
    bank, answers = drawn
    other = shuffled(
        bank,
        data.draw(st.permutations(range(len(bank.dimensions))), label="dimensions"),
        data.draw(st.permutations(range(len(bank.questions))), label="questions"),
    )
    first, second = score(bank, answers), score(other, in_order(other, answers))
    assert (first.level, first.possible_level) == (second.level, second.possible_level)
    assert set(first.named) == set(second.named)
    assert {b.id for b in first.blockers} == {b.id for b in second.blockers}
    assert {d.id for d in first.weakest} == {d.id for d in second.weakest}


def tie_groups(result: Result, bank: Bank) -> list[set[str]]:
    """The areas "what to do next" chooses from, grouped by the documented rank key without
    the name: (no answer at all, gates the target level, level)."""
    groups: dict[tuple[bool, bool, int], set[str]] = defaultdict(set)
    if result.next_level is not None:
        for blocker in result.blockers:
            groups[blocker.unanswered, blocker.caps, blocker.level].add(blocker.id)
        return list(groups.values())
    counted = {d.id: d.counted for d in result.dimensions if d.counted is not None}
    if not counted:
        return []
    strongest = max(counted.values())
    for item in result.dimensions:
        if item.counted is not None and item.counted < strongest:
            key = (item.all_not_sure, strongest in bank.gated_levels(item.id), item.counted)
            groups[key].add(item.id)
    return list(groups.values())


@PROPERTY
@given(answers_and_banks())
def test_areas_tied_on_the_rank_key_are_all_named_or_none(drawn: tuple[Bank, Answers]) -> None:
    bank, answers = drawn
    result = score(bank, answers)
    if result.level is None:
        assert result.named == ()
        return
    named = set(result.named)
    groups = tie_groups(result, bank)
    for group in groups:
        assert group <= named or not group & named, (group, result.named)
    assert named <= set[str]().union(*groups)
    most = bank.scoring.max_weakest
    if len(result.named) > most:  # only a first tie group too big to split
        assert any(group == named for group in groups)
