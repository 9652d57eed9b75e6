"""Helpers for the result JSON tests (``tests/test_quiz_report_*.py``): the result of some answers,
the labels of "not sure" and "not applicable", answers with questions left open, and the Hypothesis
settings. Expectations are read from the loaded bank.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings

from quiz import Answers, Bank, describe
from tests.quiz_support import (
    BANK,
    V1_CASES,
    multi_question_dimensions,
    not_applicable_label,
    not_sure_label,
)

#: The labels the bank's description gives "not sure" and "not applicable".
NOT_SURE_LABEL = not_sure_label(BANK)
NA_LABEL = not_applicable_label(BANK)
V1_CODE = V1_CASES[0]["code"]
PROPERTY = settings(max_examples=200, deadline=None)
MULTI = multi_question_dimensions(BANK)


def report(answers: Answers, bank: Bank = BANK) -> dict[str, Any]:
    return describe(bank, answers)


def with_open(answers: Answers, count: int) -> Answers:
    """``answers`` with the last question of the first ``count`` areas that the top level
    needs open: open questions there can hold the level down."""
    changed = dict(answers)
    for dimension in BANK.gates(BANK.top)[:count]:
        changed[BANK.questions_for(dimension)[-1].id] = None
    return changed


def one_area_unanswered(level: int) -> Answers:
    """Every question at ``level`` except the last area's, which are all skipped."""
    skipped = {q.id for q in BANK.questions_for(BANK.dimensions[-1].id)}
    return {q.id: level for q in BANK.questions if q.id not in skipped}
