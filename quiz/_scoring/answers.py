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
from .._text import text as sentence
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
        text = sentence("scoring.value_list")
    elif isinstance(value, Mapping):
        text = sentence("scoring.value_object")
    else:
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_answers(bank: Bank, answers: Mapping[str, object]) -> Answers:
    """Return the answers in bank order, or raise :class:`AnswerError`.

    Unknown question ids, booleans, non-integers and levels that the bank does not
    have are rejected. ``None`` means "not sure".
    """
    levels = bank.level_numbers
    span = sentence("scoring.span", low=levels[0], top=levels[-1])
    if not isinstance(answers, Mapping):
        raise AnswerError(sentence("scoring.answers_not_mapping", span=span))
    for key, value in answers.items():
        if not bank.has_question(key):
            raise AnswerError(sentence("scoring.unknown_question", value=_shorten(key)))
        if value is None:
            continue
        question = bank.question(key)
        if value == NA:
            if not question.not_applicable:
                raise AnswerError(sentence("scoring.na_not_offered", key=key, span=span))
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            which = "scoring.not_whole_na" if question.not_applicable else "scoring.not_whole"
            raise AnswerError(sentence(which, key=key, span=span, value=_shorten(value)))
        if value not in levels:
            raise AnswerError(sentence("scoring.out_of_range", key=key, value=value, span=span))
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
        raise AnswerError(sentence("scoring.not_text"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(
            sentence("scoring.not_json", error=exc.msg, line=exc.lineno, column=exc.colno)
        ) from None
    except UnicodeDecodeError:
        raise AnswerError(sentence("scoring.not_utf8")) from None
    except RecursionError:
        raise AnswerError(sentence("scoring.too_deep")) from None
    if not isinstance(data, dict):
        raise AnswerError(sentence("scoring.not_object"))
    if "answers" in data and isinstance(data["answers"], dict):
        return data["answers"]
    if "answers" in data:
        raise AnswerError(sentence("scoring.answers_not_object"))
    if wrapped:
        raise AnswerError(sentence("scoring.no_answers"))
    return data
