"""Scoring: the rule's stated properties (Hypothesis), an independent re-implementation of the
rule, and the level-aware advice a result carries. Everything derives from the packaged bank,
so adding a question or an area needs no edit here."""

from __future__ import annotations

from fractions import Fraction
from math import ceil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, Result, load_bank, score
from quiz.scoring import nearest_level

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
LOW, TOP = BANK.lowest, BANK.top
LEVELS = st.integers(min_value=LOW, max_value=TOP)
ANSWER = st.one_of(st.none(), LEVELS)
ANY_ANSWERS = st.fixed_dictionaries({}, optional=dict.fromkeys(IDS, ANSWER))
FULL_ANSWERS = st.fixed_dictionaries(dict.fromkeys(IDS, LEVELS))
PROPERTY = settings(max_examples=300, deadline=None)


def flat(level: int) -> Answers:
    return dict.fromkeys(IDS, level)


def by_dimension(levels: dict[str, int | None]) -> Answers:
    """Answers that put every question of an area at the given level."""
    return {q.id: levels[q.dimension] for q in BANK.questions if q.dimension in levels}


def nearest(value: Fraction) -> int:
    """Round to nearest, halves down: written differently from the engine on purpose."""
    return ceil(value - Fraction(1, 2))


def reference_levels(answers: Answers) -> tuple[int | None, int | None]:
    """The documented rule, re-implemented independently: (confirmed, possible)."""
    known = sum(
        any(answers.get(q.id) is not None for q in BANK.questions_for(d.id))
        for d in BANK.dimensions
    )
    if known < BANK.scoring.min_dimensions:
        return None, None

    def overall(fill: int) -> int:
        means = []
        for dimension in BANK.dimensions:
            values = [answers.get(q.id) or fill for q in BANK.questions_for(dimension.id)]
            means.append(Fraction(sum(values), len(values)))
        weakest = min(nearest(mean) for mean in means)
        return min(nearest(sum(means, Fraction(0)) / len(means)), weakest + 1, TOP)

    return overall(LOW), overall(TOP)


def levels_of(result: Result) -> list[int | None]:
    return [result.level, result.possible_level, *(d.level for d in result.dimensions)]


def at_most(low: int | None, high: int | None) -> bool:
    """``low <= high`` where None (no level) sits below every level."""
    return (low or 0) <= (high or 0)


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [Fraction(n, d) for d in (1, 2, 3, 4, 12) for n in range(d, 6 * d)]
)
def test_nearest_level_rounds_halves_down_and_everything_else_to_nearest(value: Fraction) -> None:
    assert nearest_level(value) == nearest(value)


@PROPERTY
@given(ANY_ANSWERS)
def test_the_confirmed_and_possible_levels_follow_the_documented_rule(answers: Answers) -> None:
    result = score(BANK, answers)
    assert (result.level, result.possible_level) == reference_levels(answers)


# --- the stated properties ----------------------------------------------------------------------


@PROPERTY
@given(LEVELS)
def test_unanimity_every_answer_at_level_k_gives_level_k_everywhere(k: int) -> None:
    result = score(BANK, flat(k))
    assert result.level == result.possible_level == k
    assert {d.level for d in result.dimensions} == {k}
    assert result.contrasts == ()


@PROPERTY
@given(ANY_ANSWERS, st.sampled_from(IDS), LEVELS)
def test_monotonicity_raising_one_answer_never_lowers_any_level(
    answers: Answers, question: str, new: int
) -> None:
    old = answers.get(question)
    if old is None or new <= old:
        return
    before = score(BANK, answers)
    after = score(BANK, {**answers, question: new})
    for low, high in zip(levels_of(before), levels_of(after), strict=True):
        assert at_most(low, high)


@PROPERTY
@given(ANY_ANSWERS, st.sampled_from(IDS), st.booleans())
def test_not_sure_never_raises_the_confirmed_level(
    answers: Answers, question: str, skip: bool
) -> None:
    """Switching any answer to "Not sure" (or skipping it) never raises the level."""
    if answers.get(question) is None:
        return
    before = score(BANK, answers)
    changed = dict(answers)
    if skip:
        del changed[question]
    else:
        changed[question] = None
    after = score(BANK, changed)
    assert at_most(after.level, before.level)


@pytest.mark.parametrize("k", range(LOW + 1, TOP + 1))
def test_hiding_a_weak_answer_behind_not_sure_never_raises_the_level(k: int) -> None:
    for question in BANK.questions:
        weak = score(BANK, {**flat(k), question.id: LOW})
        hidden = score(BANK, {**flat(k), question.id: None})
        assert at_most(hidden.level, weak.level), question.id
        assert hidden.possible_level == k


@PROPERTY
@given(ANY_ANSWERS)
def test_open_answers_make_a_range_that_never_runs_backwards(answers: Answers) -> None:
    result = score(BANK, answers)
    assert at_most(result.level, result.possible_level)
    if result.open_questions == 0:
        assert result.possible_level == result.level
    # The possible level is what answering every open question at the top would give.
    filled: Answers = dict.fromkeys(IDS, TOP)
    filled.update({q: v for q, v in answers.items() if v is not None})
    if result.level is not None:
        assert score(BANK, filled).level == result.possible_level


@PROPERTY
@given(ANY_ANSWERS, st.sampled_from([d.id for d in BANK.dimensions]))
def test_an_area_with_no_answers_is_unknown_and_never_counts_as_strong(
    answers: Answers, dimension: str
) -> None:
    emptied = {q: v for q, v in answers.items() if BANK.question(q).dimension != dimension}
    result = score(BANK, emptied)
    assert result.dimension(dimension).level is None
    assert dimension not in {item.id for item in result.weakest}
    if result.level is not None:
        # counted as the lowest level, so the cap allows at most one level above it
        assert result.level <= LOW + 1


@PROPERTY
@given(LEVELS, st.sampled_from(IDS), st.sampled_from([-1, 1]))
def test_one_answer_one_level_off_a_flat_profile_keeps_its_level(
    k: int, question: str, step: int
) -> None:
    if not LOW <= k + step <= TOP:
        return
    assert score(BANK, {**flat(k), question: k + step}).level == k


@PROPERTY
@given(ANY_ANSWERS)
def test_a_strong_area_cannot_hide_a_weak_one(answers: Answers) -> None:
    result = score(BANK, answers)
    if result.level is None:
        return
    counted = [d.level if d.level is not None else LOW for d in result.dimensions]
    assert result.level <= min(counted) + 1


# --- contrasts ------------------------------------------------------------------------------


@PROPERTY
@given(ANY_ANSWERS)
def test_every_pair_of_answers_two_levels_apart_in_one_area_is_a_contrast(
    answers: Answers,
) -> None:
    expected = set()
    for dimension in BANK.dimensions:
        given_ = [
            (q.id, answers[q.id]) for q in BANK.questions_for(dimension.id) if answers.get(q.id)
        ]
        for i, (first, a) in enumerate(given_):
            for second, b in given_[i + 1 :]:
                assert a is not None
                assert b is not None
                if abs(a - b) >= 2:  # the issue: "2 or more levels apart"
                    high, low = ((first, a), (second, b)) if a > b else ((second, b), (first, a))
                    expected.add((dimension.id, high[0], low[0], high[1], low[1]))
    found = {
        (c.dimension, c.high.question, c.low.question, c.high.level, c.low.level)
        for c in score(BANK, answers).contrasts
    }
    assert found == expected


def test_a_contrast_carries_both_statements_for_the_panel() -> None:
    dimension = next(d for d in BANK.dimensions if len(BANK.questions_for(d.id)) >= 2)
    first, second = BANK.questions_for(dimension.id)[:2]
    answers = {**flat(LOW + 1), first.id: TOP, second.id: LOW}
    (contrast,) = score(BANK, answers).contrasts
    assert contrast.high.statement == first.option(TOP).text
    assert contrast.low.statement == second.option(LOW).text
    assert (contrast.high.level, contrast.low.level) == (TOP, LOW)


# --- level-aware advice ---------------------------------------------------------------------


@PROPERTY
@given(FULL_ANSWERS)
def test_blockers_are_the_areas_below_the_next_level_with_the_step_for_their_level(
    answers: Answers,
) -> None:
    result = score(BANK, answers)
    assert result.level is not None
    if result.level == TOP:
        assert result.blockers == ()
        return
    below = {d.id for d in result.dimensions if d.level is not None and d.level <= result.level}
    assert {b.id for b in result.blockers} == below
    for blocker in result.blockers:
        assert blocker.guide == BANK.dimension(blocker.id).step(blocker.level)
        assert blocker.caps == (blocker.level < result.level)
    levels = [b.level for b in result.blockers]
    assert levels == sorted(levels)


@pytest.mark.parametrize("k", range(LOW, TOP))
def test_a_flat_profile_gets_the_steps_of_its_own_level_page(k: int) -> None:
    result = score(BANK, flat(k))
    pages = {blocker.guide.split("#")[0] for blocker in result.blockers}
    assert pages == {BANK.level(k).page}


def test_flat_profiles_at_different_levels_get_different_conversation_themes() -> None:
    themes = {k: {t.id for t in score(BANK, flat(k)).themes} for k in BANK.level_numbers}
    for k in BANK.level_numbers:
        assert themes[k], k
        assert all(k in BANK.theme(t).levels for t in themes[k]), k
        for other in BANK.level_numbers:
            if other != k:
                assert themes[k] != themes[other], (k, other)


def test_themes_start_with_the_weakest_areas_themes_that_suit_the_level() -> None:
    weak = BANK.dimensions[-1]
    answers = {**flat(LOW + 2), **by_dimension({weak.id: LOW + 1})}
    result = score(BANK, answers)
    assert result.weakest[0].id == weak.id
    suited = [t for t in weak.themes if result.level in BANK.theme(t).levels]
    if suited:
        assert result.themes[0].id == suited[0]
    assert len(result.themes) == min(BANK.scoring.max_themes, len(result.themes))


def test_focus_areas_come_from_the_confirmed_level() -> None:
    for k in BANK.level_numbers:
        assert score(BANK, flat(k)).focus_areas == BANK.level(k).focus


def test_the_top_level_has_no_blockers_and_no_next_level() -> None:
    result = score(BANK, flat(TOP))
    assert result.blockers == ()
    assert result.next_level is None


# --- minimum answers ---------------------------------------------------------------------------


def test_too_few_areas_gives_no_level_and_says_how_many_are_needed() -> None:
    needed = BANK.scoring.min_dimensions
    short = BANK.dimensions[: needed - 1]
    result = score(BANK, {BANK.questions_for(d.id)[0].id: 3 for d in short})
    assert result.level is None
    assert result.possible_level is None
    assert result.reason is not None
    assert f"{needed - 1} of the {len(BANK.dimensions)}" in result.reason
    assert result.page == BANK.levels[0].page.rpartition("/")[0] + "/index.md"


def test_exactly_the_minimum_number_of_areas_gives_a_level() -> None:
    enough = BANK.dimensions[: BANK.scoring.min_dimensions]
    result = score(BANK, {BANK.questions_for(d.id)[0].id: 3 for d in enough})
    assert result.level is not None


def test_the_result_page_is_the_confirmed_levels_page_from_the_bank() -> None:
    for k in BANK.level_numbers:
        assert score(BANK, flat(k)).page == BANK.level(k).page
