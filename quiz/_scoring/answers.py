"""Read and validate a reader's answers: the one check on the way in.

Answers map question ids to a level of the bank, to ``None`` for "not sure", or to
``"na"`` for "not applicable" (only on questions the bank marks ``not_applicable = true``).
Questions that are left out are simply unanswered. Both "not sure" and unanswered
questions are *open*: scoring treats them as unknown (see :mod:`quiz._scoring.scoring`).

:func:`answers_from_json` reads answers out of JSON text (command line, browser);
:func:`check_answers` validates them. Everything downstream (scoring, result codes)
takes the checked :data:`Answers` and does not check again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .._bank.model import NA, Answer, Bank
from ..errors import AnswerError

__all__ = ["Answers", "answers_from_json", "check_answers"]

#: Validated answers, in bank order: question id -> level, None for "not sure", or "na".
type Answers = dict[str, Answer]


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

    Unknown question ids, booleans, non-integers and levels that the bank does not
    have are rejected. ``None`` means "not sure".
    """
    levels = bank.level_numbers
    span = f"{levels[0]} to {levels[-1]}"
    if not isinstance(answers, Mapping):
        raise AnswerError(f"Answers must map question ids to a level from {span} or null.")
    for key, value in answers.items():
        if not bank.has_question(key):
            raise AnswerError(f"Unknown question id {_shorten(key)}.")
        if value is None:
            continue
        question = bank.question(key)
        if value == NA:
            if not question.not_applicable:
                raise AnswerError(
                    f"Question '{key}': \"na\" (not applicable) is not offered on this "
                    f"question; answer a level from {span}, or null for not sure."
                )
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            also = ', "na" for not applicable' if question.not_applicable else ""
            raise AnswerError(
                f"Question '{key}': the answer must be a whole number from {span} "
                f"or null for not sure{also}, not {_shorten(value)}."
            )
        if value not in levels:
            raise AnswerError(f"Question '{key}': level {value} is outside the range {span}.")
    checked: Answers = {}
    for question in bank.questions:
        if question.id in answers:
            value = answers[question.id]
            checked[question.id] = NA if value == NA else value if isinstance(value, int) else None
    return checked


def answers_from_json(text: str | bytes, *, wrapped: bool = True) -> Mapping[str, object]:
    """Parse ``{"answers": {...}}`` and return the inner mapping.

    With ``wrapped=False`` a bare ``{"question-id": level}`` object is accepted
    too. Raises :class:`AnswerError` for malformed JSON or a missing ``answers``
    object; the levels themselves are checked later by scoring.
    """
    if not isinstance(text, str | bytes):
        raise AnswerError("The answers must be given as JSON text.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(
            f"The answers are not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None
    except UnicodeDecodeError:
        raise AnswerError("The answers are not UTF-8 text.") from None
    except RecursionError:
        raise AnswerError("The answers JSON is nested too deeply.") from None
    if not isinstance(data, dict):
        raise AnswerError('Expected a JSON object like {"answers": {...}}.')
    if "answers" in data and isinstance(data["answers"], dict):
        return data["answers"]
    if "answers" in data:
        raise AnswerError('"answers" must be an object mapping question ids to levels.')
    if wrapped:
        raise AnswerError('The JSON has no "answers" object.')
    return data
