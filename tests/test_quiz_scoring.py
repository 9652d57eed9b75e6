"""Scoring (Assessment v3, the staged rule): the rule's stated properties as Hypothesis tests,
an independent re-implementation of the rule, "Not applicable", the advice a result carries,
and the frozen v2 rule that old links keep.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests. Where a property needs questions
that offer "Not applicable" and the packaged bank has none (or too few), it runs on a copy of
the bank with ``not_applicable`` switched on (:func:`with_na`)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, Bank, Result, load_bank, open_code, score
from quiz.types import NA, Answer
from tests.quiz_support import ROOT

BANK = load_bank()
LOW, TOP = BANK.lowest, BANK.top
LEVELS = BANK.level_numbers
AREAS = tuple(d.id for d in BANK.dimensions)
PROPERTY = settings(max_examples=150, deadline=None)

#: Marks a question left out of the answers (skipped), as opposed to answered "Not sure".
SKIP = "skip"

V2_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v2_codes.json").read_text(encoding="utf-8")
)["cases"]


def with_na(bank: Bank, areas: Iterable[str]) -> Bank:
    """A copy of ``bank`` whose questions in ``areas`` offer "Not applicable"."""
    chosen = set(areas)
    questions = tuple(
        replace(q, not_applicable=True) if q.dimension in chosen else q for q in bank.questions
    )
    return replace(bank, questions=questions)


#: The packaged bank with "Not applicable" offered on every question (what it already offers
#: stays offered), so random answers exercise "na" whatever the packaged bank marks.
NA_BANK = with_na(BANK, AREAS)
RANDOM_BANKS = {"packaged": BANK, "na-everywhere": NA_BANK}


# --- answers ----------------------------------------------------------------------------------


def in_order(bank: Bank, answers: Mapping[str, Answer]) -> Answers:
    """The answers in bank order, the way :func:`quiz.check_answers` returns them."""
    return {q.id: answers[q.id] for q in bank.questions if q.id in answers}


def flat(bank: Bank, level: Answer) -> Answers:
    return {q.id: level for q in bank.questions}


def set_area(bank: Bank, answers: Mapping[str, Answer], area: str, level: Answer) -> Answers:
    """``answers`` with every question of ``area`` answered ``level``."""
    changed = dict(answers)
    changed.update({q.id: level for q in bank.questions_for(area)})
    return in_order(bank, changed)


def choices(bank: Bank, question_id: str) -> list[Answer | str]:
    """What a reader can do with one question: a level, "Not sure", skip it, and "na" where
    the question offers it."""
    picks: list[Answer | str] = [*bank.level_numbers, None, SKIP]
    if bank.question(question_id).not_applicable:
        picks.append(NA)
    return picks


def _clip(bank: Bank, level: int) -> int:
    return min(max(level, bank.lowest), bank.top)


def as_answer(pick: Answer | str) -> Answer:
    """A drawn pick as an answer (never :data:`SKIP`)."""
    if pick is None or isinstance(pick, int):
        return pick
    assert pick == NA, pick
    return NA


MODES = ("free", "clustered", "by-area", "sparse")


@st.composite
def answers_for(draw: st.DrawFn, bank: Bank) -> Answers:
    """Random checked answers with "Not sure", skipped questions and (where offered) "na".

    Four shapes, so every level, "no level yet", areas left open or not applicable, and ties
    all turn up: every question picks freely; answers cluster around one level; each area
    clusters around its own level (or is left open, or "na" throughout where it can be); or
    most questions are skipped."""
    mode = draw(st.sampled_from(MODES))
    base = draw(st.sampled_from(bank.level_numbers))
    area_pick: dict[str, Answer | str] = {}
    for d in bank.dimensions:
        kinds: list[Answer | str] = [*bank.level_numbers, None]
        if all(q.not_applicable for q in bank.questions_for(d.id)):
            kinds += [NA, NA]
        area_pick[d.id] = draw(st.sampled_from(kinds), label=d.id)
    answers: Answers = {}
    for q in bank.questions:
        na: list[Answer | str] = [NA] if q.not_applicable else []
        own = area_pick[q.dimension]
        near: list[Answer | str]
        if mode == "clustered":
            near = [*([base] * 24), _clip(bank, base - 1), _clip(bank, base + 1), None, SKIP, *na]
        elif mode == "by-area" and isinstance(own, int):
            near = [*([own] * 8), _clip(bank, own - 1), _clip(bank, own + 1), None, SKIP, *na]
        elif mode == "by-area":
            near = [own] if own == NA else [None, SKIP]
        elif mode == "sparse":
            near = [*([SKIP] * 8), None, *bank.level_numbers, *na]
        else:
            near = choices(bank, q.id)
        pick = draw(st.sampled_from(near))
        if pick != SKIP:
            answers[q.id] = as_answer(pick)
    return answers


def answers_and_banks() -> st.SearchStrategy[tuple[Bank, Answers]]:
    return st.sampled_from(list(RANDOM_BANKS.values())).flatmap(
        lambda bank: st.tuples(st.just(bank), answers_for(bank))
    )


# --- the documented rule, written out independently ------------------------------------------


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, an exact half going up (not the engine's arithmetic)."""
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


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
