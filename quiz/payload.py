"""Read answers out of JSON text, for the command line and the browser."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .errors import AnswerError

__all__ = ["answers_from_json"]


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
