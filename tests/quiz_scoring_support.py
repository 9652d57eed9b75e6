"""Helpers for the scoring tests (``tests/test_quiz_scoring_*.py``): the bank's levels and
areas, the Hypothesis settings, random checked answers with "Not sure", skipped questions and
"Not applicable" (on the packaged bank and on a copy offering "Not applicable" everywhere,
:func:`with_na`), and the rounding the documented rule uses.

Everything derives from the loaded bank: no question id, area id, count or level number is
written out here, so the bank can change under these tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction

from hypothesis import settings
from hypothesis import strategies as st

from quiz import Answers, Bank
from quiz.types import NA, Answer
from tests.quiz_support import BANK

LOW, TOP = BANK.lowest, BANK.top
LEVELS = BANK.level_numbers
AREAS = tuple(d.id for d in BANK.dimensions)
PROPERTY = settings(max_examples=150, deadline=None)

#: Marks a question left out of the answers (skipped), as opposed to answered "Not sure".
SKIP = "skip"


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
