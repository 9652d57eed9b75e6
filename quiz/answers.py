"""Validate a reader's answers against the bank.

Answers map question ids to a level from 1 to 5, or to ``None`` for "not sure".
Questions that are left out are simply unanswered. Both "not sure" and
unanswered questions are ignored by scoring.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import AnswerError
from .model import LEVEL_NUMBERS, Bank

__all__ = ["Answers", "check_answers"]

#: Validated answers: question id -> level 1..5, or None for "not sure".
type Answers = dict[str, int | None]


def _shorten(value: object, limit: int = 40) -> str:
    """Show a value the way a JSON author would recognise it."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, list | tuple):
        text = "a list"
    elif isinstance(value, Mapping):
        text = "an object"
    else:
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_answers(bank: Bank, answers: Mapping[str, object]) -> Answers:
    """Return the answers in bank order, or raise :class:`AnswerError`.

    Unknown question ids, booleans, non-integers and levels outside 1 to 5 are
    rejected. ``None`` means "not sure".
    """
    if not isinstance(answers, Mapping):
        raise AnswerError("Answers must map question ids to a level from 1 to 5 or null.")
    for key, value in answers.items():
        if not bank.has_question(key):
            raise AnswerError(f"Unknown question id {_shorten(key)}.")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(
                f"Question '{key}': the answer must be a whole number from 1 to 5 "
                f"or null for not sure, not {_shorten(value)}."
            )
        if value not in LEVEL_NUMBERS:
            raise AnswerError(f"Question '{key}': level {value} is outside the range 1 to 5.")
    checked: Answers = {}
    for question in bank.questions:
        if question.id in answers:
            value = answers[question.id]
            checked[question.id] = value if isinstance(value, int) else None
    return checked
