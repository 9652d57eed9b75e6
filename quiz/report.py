"""JSON-ready views of results and of the bank.

:func:`result_to_dict` defines THE output schema shared by the command line and
the browser. Every value is a plain ``dict``/``list``/``str``/``int``/``float``/
``bool``/``None``, so ``json.dumps`` works on it directly.

Result schema (``schema`` = 1)::

    level            int | None   overall level 1-5, None without enough answers
    level_name       str | None   e.g. "Led by teams"
    summary          str | None   one-sentence description of the level
    enough           bool         whether enough dimensions were answered
    reason           str | None   why there is no level (None when enough)
    answered         int          dimensions with at least one real answer
    required         int          dimensions needed for a level (min_dimensions)
    questions_answered, questions_total   int
    dimensions       {id: level | None}
    profile          [{id, name, level, mean, answered, questions, guide}]
    blockers         [{id, name, level, caps, lift: [str], guide}]
    weakest          [{id, name, level, guide}]
    focus_areas      [str]
    themes           [{id, title, anchor}]
    answers          {question id: level | None}   (only questions answered)
    code             str          result code (see quiz.codes)
    page             str          docs-relative page, e.g. "levels/level-3.md"
    next_level       int | None   level above, None at 5 or without a level
    next_level_name  str | None
    calculation      {average, average_level, weakest_level, cap, capped}
    why              str | None   the calculation in one or two plain sentences
"""

from __future__ import annotations

from .model import NOT_SURE_LABEL, Bank
from .scoring import Result, scoring_rules

__all__ = ["SCHEMA_VERSION", "bank_to_dict", "result_to_dict"]

#: Bumped when a key changes meaning or disappears (adding keys is compatible).
SCHEMA_VERSION = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def result_to_dict(result: Result) -> dict[str, object]:
    """Return the result as a JSON-ready dict (see the module docstring)."""
    weakest_level = result.weakest[0].level if result.weakest else None
    return {
        "schema": SCHEMA_VERSION,
        "level": result.level,
        "level_name": result.level_name,
        "summary": result.summary,
        "enough": result.enough,
        "reason": result.reason,
        "answered": result.answered,
        "required": result.required,
        "questions_answered": result.questions_answered,
        "questions_total": result.questions_total,
        "dimensions": {item.id: item.level for item in result.dimensions},
        "profile": [
            {
                "id": item.id,
                "name": item.name,
                "level": item.level,
                "mean": _round(item.mean),
                "answered": item.answered,
                "questions": item.questions,
                "guide": item.guide,
            }
            for item in result.dimensions
        ],
        "blockers": [
            {
                "id": item.id,
                "name": item.name,
                "level": item.level,
                "caps": item.caps,
                "lift": list(item.lift),
                "guide": item.guide,
            }
            for item in result.blockers
        ],
        "weakest": [
            {"id": item.id, "name": item.name, "level": item.level, "guide": item.guide}
            for item in result.weakest
        ],
        "focus_areas": list(result.focus_areas),
        "themes": [
            {"id": item.id, "title": item.title, "anchor": item.anchor} for item in result.themes
        ],
        "answers": dict(result.answers),
        "code": result.code,
        "page": result.page,
        "next_level": result.next_level,
        "next_level_name": result.next_level_name,
        "calculation": {
            "average": _round(result.average),
            "average_level": result.average_level,
            "weakest_level": weakest_level,
            "cap": result.cap,
            "capped": result.capped,
        },
        "why": explain_level(result),
    }


def explain_level(result: Result) -> str | None:
    """Why the result is this level and not the next, in plain words (None without a level)."""
    if result.level is None or result.average is None or not result.weakest:
        return None
    weakest = result.weakest[0]
    average = f"Your areas average {result.average:.2f} out of 5"
    if result.capped:
        return (
            f"{average}, which would be Level {result.average_level}. But your weakest area, "
            f"{weakest.name}, is at Level {weakest.level}, and a result can be at most one level "
            f"above the weakest area: Level {result.cap}."
        )
    text = f"{average}, which rounds down to Level {result.average_level}."
    if result.next_level is not None:
        text += (
            f" Level {result.next_level} needs an average of at least {result.next_level}"
            f" with no area below Level {result.level}."
        )
    return text


def bank_to_dict(bank: Bank) -> dict[str, object]:
    """Return the bank as a JSON-ready dict, for the browser and ``quiz bank``."""
    return {
        "schema": SCHEMA_VERSION,
        "levels": [
            {
                "number": level.number,
                "name": level.name,
                "summary": level.summary,
                "focus": list(level.focus),
                "page": level.page,
            }
            for level in bank.levels
        ],
        "themes": [
            {
                "id": theme.id,
                "title": theme.title,
                "anchor": theme.anchor,
                "levels": list(theme.levels),
            }
            for theme in bank.themes
        ],
        "dimensions": [
            {
                "id": dimension.id,
                "name": dimension.name,
                "description": dimension.description,
                "guide": dimension.guide,
                "themes": list(dimension.themes),
                "questions": [q.id for q in bank.questions_for(dimension.id)],
            }
            for dimension in bank.dimensions
        ],
        "questions": [
            {
                "id": question.id,
                "number": question.number,
                "dimension": question.dimension,
                "text": question.text,
                "options": [
                    {"level": option.level, "text": option.text} for option in question.options
                ],
            }
            for question in bank.questions
        ],
        "not_sure": {"label": NOT_SURE_LABEL, "value": None},
        "scoring": {
            "min_dimensions": bank.scoring.min_dimensions,
            "max_weakest": bank.scoring.max_weakest,
            "max_themes": bank.scoring.max_themes,
            "rules": list(scoring_rules(bank)),
        },
    }
