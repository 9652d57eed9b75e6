"""Scoring (Assessment v3, the staged rule) with "Not applicable": it is scored neither as the
lowest level nor as "Not sure", an area that does not apply drops out of the gates and the
profile, and fewer applicable areas than the minimum make every applicable area enough.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests. Where a property needs questions
that offer "Not applicable" and the packaged bank has none (or too few), it runs on a copy of
the bank with ``not_applicable`` switched on (:func:`~tests.quiz_scoring_support.with_na`).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from quiz import Answers, Bank, score
from quiz.types import NA
from tests.quiz_scoring_support import (
    AREAS,
    LEVELS,
    LOW,
    NA_BANK,
    TOP,
    flat,
    round_half_up,
    set_area,
    with_na,
)
from tests.quiz_support import BANK

# --- 9. "Not applicable" --------------------------------------------------------------------


def all_na_areas(bank: Bank) -> list[str]:
    return [
        d.id for d in bank.dimensions if all(q.not_applicable for q in bank.questions_for(d.id))
    ]


def na_questions(bank: Bank) -> list[str]:
    return [q.id for q in bank.questions if q.not_applicable]


NA_QUESTIONS = na_questions(BANK) or na_questions(NA_BANK)


@pytest.mark.parametrize("question", NA_QUESTIONS)
def test_na_is_scored_neither_as_the_lowest_level_nor_as_not_sure(question: str) -> None:
    bank = BANK if BANK.question(question).not_applicable else NA_BANK
    area = bank.question(question).dimension
    k = TOP
    na, unsure, lowest = (
        score(bank, {**flat(bank, k), question: answer}) for answer in (NA, None, LOW)
    )
    n = len(bank.questions_for(area))
    got = na.dimension(area)
    # "na": the question drops out; the rest of the area, all at k, keeps it at k.
    assert (got.level, got.possible, got.counted) == (k, k, k)
    assert (got.answered, got.not_applicable, got.open) == (n - 1, 1, 0)
    assert got.applies
    assert (na.level, na.possible_level) == (k, k)
    # "Not sure": an open question, at the lowest level for the confirmed level only.
    open_ = unsure.dimension(area)
    assert (open_.answered, open_.not_applicable, open_.open) == (n - 1, 0, 1)
    assert open_.possible == k
    dragged = round_half_up(Fraction(k * (n - 1) + LOW, n))
    assert open_.counted == dragged
    # The lowest level: an answer, for the possible level too.
    low = lowest.dimension(area)
    assert (low.answered, low.not_applicable, low.open) == (n, 0, 0)
    assert low.counted == low.possible == dragged
    assert unsure.possible_level == k
    assert lowest.possible_level == lowest.level


def test_na_differs_from_not_sure_and_from_the_lowest_level_somewhere() -> None:
    """The previous test's three treatments do tell apart on this bank (an area small enough
    that one lowest answer pulls it below the top)."""
    differ = []
    for question in NA_QUESTIONS:
        bank = BANK if BANK.question(question).not_applicable else NA_BANK
        area = bank.question(question).dimension
        results = [score(bank, {**flat(bank, TOP), question: a}) for a in (NA, None, LOW)]
        counted = [r.dimension(area).counted for r in results]
        possible = [r.dimension(area).possible for r in results]
        differ.append(counted[0] != counted[1] and possible[1] != possible[2])
    assert any(differ)


ALL_NA = [(k, area) for k in LEVELS for area in AREAS]


@pytest.mark.parametrize(("k", "area"), ALL_NA)
def test_an_area_answered_na_throughout_drops_out_of_gates_and_profile(k: int, area: str) -> None:
    bank = BANK if area in all_na_areas(BANK) else with_na(BANK, [area])
    result = score(bank, set_area(bank, flat(bank, k), area, NA))
    item = result.dimension(area)
    assert not item.applies
    assert (item.level, item.possible, item.counted) == (None, None, None)
    assert result.not_applicable == (area,)
    assert area not in {b.id for b in result.blockers}
    assert area not in result.named
    assert area not in {d.id for d in result.weakest}
    # A flat profile keeps its level, whether the area gates a level or not.
    assert result.level == result.possible_level == k
    assert result.answered == len(AREAS) - 1


@pytest.mark.parametrize("area", [a for a in AREAS if BANK.gated_levels(a)])
def test_a_gate_area_that_does_not_apply_cannot_hold_a_level_down(area: str) -> None:
    """Left at the lowest level the gate area holds a top profile down; "na" throughout, it
    does not."""
    bank = BANK if area in all_na_areas(BANK) else with_na(BANK, [area])
    held = score(bank, set_area(bank, flat(bank, TOP), area, LOW))
    dropped = score(bank, set_area(bank, flat(bank, TOP), area, NA))
    assert held.level is not None
    assert held.level < TOP
    assert dropped.level == TOP


def test_with_fewer_applicable_areas_than_the_minimum_every_applicable_area_is_enough() -> None:
    needed = BANK.scoring.min_dimensions
    applying = AREAS[: needed - 1]
    bank = with_na(BANK, [a for a in AREAS if a not in applying])
    answers: Answers = {q.id: (TOP if q.dimension in applying else NA) for q in bank.questions}
    result = score(bank, answers)
    assert result.level == TOP
    assert result.required == len(applying)
    for question in bank.questions_for(applying[0]):
        answers[question.id] = None
    short = score(bank, answers)
    assert short.level is None
    assert short.reason is not None


def test_an_area_that_does_not_apply_and_no_other_answers_give_no_level() -> None:
    result = score(NA_BANK, flat(NA_BANK, NA))
    assert result.level is None
    assert set(result.not_applicable) == set(AREAS)
