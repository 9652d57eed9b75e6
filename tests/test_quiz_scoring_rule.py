"""Scoring (Assessment v3, the staged rule): an independent re-implementation of the rule
that the engine must agree with, and the rule's stated properties as Hypothesis tests:
unanimity, monotonicity and what "Not sure" may do; and the frozen v2 rule that old links
keep.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import Answers, Bank, Result, open_code, score
from quiz.types import NA, Answer
from tests.quiz_scoring_support import (
    LEVELS,
    LOW,
    PROPERTY,
    _clip,
    answers_and_banks,
    flat,
    in_order,
    round_half_up,
)
from tests.quiz_support import BANK, V2_CASES

# --- the documented rule, written out independently ------------------------------------------


class Reference:
    """The staged rule from the module docstring of :mod:`quiz.scoring`, re-implemented.

    A level L is reached when, for every level l up to L, each applicable gate area of l is
    at l or above (a gate is checked at the level it gates: see
    ``test_staged_a_gate_of_lower_levels_only_needs_the_levels_it_gates``). A level needs
    answers in ``min_dimensions`` areas, or in every applicable area when fewer apply (and
    in at least one)."""

    def __init__(self, bank: Bank, answers: Mapping[str, Answer]) -> None:
        given_: dict[str, list[int]] = defaultdict(list)
        open_: dict[str, int] = defaultdict(int)
        for question in bank.questions:
            value = answers.get(question.id)
            if value == NA:
                continue
            if isinstance(value, int):
                given_[question.dimension].append(value)
            else:
                open_[question.dimension] += 1
        self.applicable = {
            d.id for d in bank.dimensions if given_[d.id] or open_[d.id]
        }  # an area where every question is "na" drops out
        self.not_applicable = {d.id for d in bank.dimensions} - self.applicable
        self.known = {d for d in self.applicable if given_[d]}

        def area(dimension: str, fill: int) -> int:
            values = given_[dimension] + [fill] * open_[dimension]
            return round_half_up(Fraction(sum(values), len(values)))

        self.counted = {d: area(d, bank.lowest) for d in self.applicable}
        self.ceiling = {d: area(d, bank.top) for d in self.applicable}
        self.area_level = {d: self.counted[d] if d in self.known else None for d in self.applicable}
        self.area_possible = {
            d: self.ceiling[d] if d in self.known else None for d in self.applicable
        }
        gates = {lv.number: set(lv.gates) & self.applicable for lv in bank.levels}

        def staged(levels: Mapping[str, int]) -> int:
            reached = [
                candidate
                for candidate in bank.level_numbers
                if all(
                    levels[area] >= number
                    for number in bank.level_numbers
                    if number <= candidate
                    for area in gates[number]
                )
            ]
            return max(reached)

        required = max(1, min(bank.scoring.min_dimensions, len(self.applicable)))
        enough = len(self.known) >= required
        self.level = staged(self.counted) if enough else None
        self.possible = staged(self.ceiling) if enough else None


def below(low: int | None, high: int | None) -> bool:
    """``low <= high`` where None (no level) sits below every level."""
    return (LOW - 1 if low is None else low) <= (LOW - 1 if high is None else high)


# --- 1. the rule, re-implemented ------------------------------------------------------------


@PROPERTY
@given(answers_and_banks())
def test_the_confirmed_and_possible_levels_follow_the_documented_staged_rule(
    drawn: tuple[Bank, Answers],
) -> None:
    bank, answers = drawn
    expected = Reference(bank, answers)
    result = score(bank, answers)
    assert (result.level, result.possible_level) == (expected.level, expected.possible)
    assert result.staged
    assert set(result.not_applicable) == expected.not_applicable
    for item in result.dimensions:
        if item.id in expected.applicable:
            assert item.applies
            assert item.counted == expected.counted[item.id]
            assert item.level == expected.area_level[item.id]
            assert item.possible == expected.area_possible[item.id]
        else:
            assert not item.applies
            assert (item.level, item.possible, item.counted) == (None, None, None)


def test_the_reference_rounds_exact_halves_up() -> None:
    assert [round_half_up(Fraction(n, 2)) for n in range(2, 7)] == [1, 2, 2, 3, 3]
    assert round_half_up(Fraction(7, 3)) == 2
    assert round_half_up(Fraction(8, 3)) == 3


# --- 2. unanimity ---------------------------------------------------------------------------


@pytest.mark.parametrize("k", LEVELS)
def test_unanimity_every_answer_at_level_k_gives_level_k_everywhere(k: int) -> None:
    result = score(BANK, flat(BANK, k))
    assert result.level == result.possible_level == k
    assert {(d.level, d.possible, d.counted) for d in result.dimensions} == {(k, k, k)}
    assert result.contrasts == ()
    assert result.open_questions == 0


# --- 3. monotonicity ------------------------------------------------------------------------


def levels_of(result: Result) -> list[int | None]:
    """Every level a result reports: overall (confirmed, possible) and each area's."""
    found: list[int | None] = [result.level, result.possible_level]
    for item in result.dimensions:
        found += [item.level, item.possible, item.counted]
    return found


@PROPERTY
@given(answers_and_banks(), st.data())
def test_monotonicity_raising_one_answer_never_lowers_any_level(
    drawn: tuple[Bank, Answers], data: st.DataObject
) -> None:
    bank, answers = drawn
    question = data.draw(st.sampled_from([q.id for q in bank.questions]), label="question")
    old, new = sorted(
        data.draw(st.lists(st.sampled_from(bank.level_numbers), min_size=2, max_size=2))
    )
    if old == new:
        new = _clip(bank, old + 1)
    before = score(bank, in_order(bank, {**answers, question: old}))
    after = score(bank, in_order(bank, {**answers, question: new}))
    for low, high in zip(levels_of(before), levels_of(after), strict=True):
        assert (low is None) == (high is None)
        assert below(low, high)


# --- 4. "Not sure" ----------------------------------------------------------------------------


@PROPERTY
@given(answers_and_banks(), st.data(), st.booleans())
def test_not_sure_or_skipping_never_raises_the_confirmed_level(
    drawn: tuple[Bank, Answers], data: st.DataObject, skip: bool
) -> None:
    """Switching any answered question to "Not sure" (or skipping it) never raises the
    confirmed level, overall or in any area."""
    bank, answers = drawn
    question = data.draw(st.sampled_from([q.id for q in bank.questions]), label="question")
    level = data.draw(st.sampled_from(bank.level_numbers), label="level")
    answered = in_order(bank, {**answers, question: level})
    changed = dict(answered)
    if skip:
        del changed[question]
    else:
        changed[question] = None
    before, after = score(bank, answered), score(bank, changed)
    assert below(after.level, before.level)
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert below(new.level, old.level)
        assert below(new.counted, old.counted)


@PROPERTY
@given(answers_and_banks())
def test_the_possible_level_is_never_below_the_confirmed_level(
    drawn: tuple[Bank, Answers],
) -> None:
    bank, answers = drawn
    result = score(bank, answers)
    assert (result.level is None) == (result.possible_level is None)
    assert below(result.level, result.possible_level)
    for item in result.dimensions:
        assert below(item.level, item.possible)
    if result.open_questions == 0:
        assert result.possible_level == result.level


@pytest.mark.parametrize("k", LEVELS[1:])
def test_hiding_a_weak_answer_behind_not_sure_never_raises_the_level(k: int) -> None:
    for question in BANK.questions:
        weak = score(BANK, {**flat(BANK, k), question.id: LOW})
        hidden = score(BANK, {**flat(BANK, k), question.id: None})
        assert below(hidden.level, weak.level), question.id
        assert hidden.possible_level == k, question.id


# --- 13. the v2 rule, kept for v2 links ---------------------------------------------------------


def test_the_recorded_v2_codes_are_all_there() -> None:
    assert len(V2_CASES) >= 30
    recorded: dict[str, dict[str, Any]] = {}
    for case in V2_CASES:  # a code recorded twice (the flat profiles are) must agree
        assert recorded.setdefault(case["code"], case) == case
    assert all(case["code"].startswith("v2.") for case in V2_CASES)


@pytest.mark.parametrize("case", V2_CASES, ids=[case["code"] for case in V2_CASES])
def test_a_v2_code_opens_with_the_levels_the_v2_rule_gave_it(case: dict[str, Any]) -> None:
    opened = open_code(case["code"])
    assert opened.bank.code_version == 2
    assert not opened.bank.staged
    assert opened.legacy
    result = opened.result
    assert not result.staged
    assert (result.level, result.possible_level) == (case["level"], case["possible_level"])
    assert {d.id: d.level for d in result.dimensions} == case["dimensions"]
