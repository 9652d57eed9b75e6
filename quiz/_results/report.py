"""JSON-ready views of results and of the bank.

:func:`result_to_dict` defines THE output schema shared by the command line and the browser.
Every value is a plain ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, so
``json.dumps`` works on it directly. Every sentence the reader sees is written here, in
Python; the browser only places the strings.

The result schema is documented with :func:`quiz.describe`, the public function that gives it.
"""

from __future__ import annotations

from .._bank.model import NA, Bank, na_label, not_sure_label
from .._scoring.answers import Answers
from .._scoring.scoring import (
    Contrast,
    Result,
    score,
    scoring_rules,
)
from .._text import text as sentence
from .codes import encode
from .legacy import OpenedCode, legacy_note
from .sentences import (
    answer_label,
    area_label,
    blocker_label,
    explain_level,
    goal,
    guide_label,
    level_statement,
    open_sentence,
)

__all__ = [
    "SCHEMA_VERSION",
    "answers_to_dict",
    "bank_to_dict",
    "guide_label",
    "opened_to_dict",
    "result_to_dict",
]

#: Bumped when a key changes meaning or disappears (adding keys is compatible).
SCHEMA_VERSION = 2


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def plan_areas(bank: Bank, result: Result) -> list[str]:
    """The areas "what to do next" names and a plan starts with: the first ``max_weakest``
    below the next level in rank order (areas with no answer, then the next level's gates, then
    the furthest below), with every area tied with the last; at the top level, the weakest."""
    del bank
    return list(result.named)


def _contrast_dict(item: Contrast) -> dict[str, object]:
    return {
        "dimension": item.dimension,
        "dimension_name": item.dimension_name,
        "questions": [item.high.question, item.low.question],
        "levels": [item.high.level, item.low.level],
        "statements": [item.high.statement, item.low.statement],
        "sentence": sentence(
            "results.contrast",
            name=item.dimension_name,
            high=item.high.statement,
            high_level=item.high.level,
            low=item.low.statement,
            low_level=item.low.level,
        ),
    }


def result_to_dict(
    bank: Bank, result: Result, *, code: str, legacy: bool = False
) -> dict[str, object]:
    """Return the result as a JSON-ready dict (see the module docstring).

    ``code`` is the result code of the answers (:func:`quiz.encode`); ``legacy`` marks
    a result opened from a link made by an earlier version of the assessment.
    """
    # The weakest area as the rule counts it: unanswered areas count at the lowest level.
    counted = [item.counted for item in result.dimensions if item.counted is not None]
    weakest_level = min(counted) if counted and result.level is not None else None
    return {
        "schema": SCHEMA_VERSION,
        "level": result.level,
        "possible_level": result.possible_level,
        "open_questions": result.open_questions,
        "level_statement": level_statement(result),
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
                "possible": item.possible,
                "mean": _round(item.mean),
                "answered": item.answered,
                "questions": item.questions,
                "open": item.open,
                "label": area_label(item),
                "guide": item.guide,
                "guide_label": guide_label(bank, item.guide),
                "applies": item.applies,
                "not_applicable": item.not_applicable,
                "gates": list(item.gates),
                "answers": [
                    {
                        "question": view.question,
                        "number": view.number,
                        "text": view.text,
                        "level": view.level,
                        "statement": view.statement,
                        "label": answer_label(view.level, view.statement),
                    }
                    for view in item.answers
                ],
            }
            for item in result.dimensions
        ],
        "contrasts": [_contrast_dict(item) for item in result.contrasts],
        "blockers": [
            {
                "id": item.id,
                "name": item.name,
                "level": item.level,
                "caps": item.caps,
                "lift": list(item.lift),
                "open": list(item.open),
                "guide": item.guide,
                "guide_label": guide_label(bank, item.guide),
                "target": item.target,
                "unanswered": item.unanswered,
                "label": blocker_label(item),
                "goal": goal(item),
                "open_sentence": open_sentence(item),
            }
            for item in result.blockers
        ],
        "weakest": [
            {
                "id": item.id,
                "name": item.name,
                "level": item.level,
                "guide": item.guide,
                "guide_label": guide_label(bank, item.guide),
            }
            for item in result.weakest
        ],
        "plan_areas": plan_areas(bank, result),
        "not_applicable": list(result.not_applicable),
        "gates": {str(level): list(areas) for level, areas in result.gates.items()},
        "focus_areas": list(result.focus_areas),
        "themes": [
            {"id": item.id, "title": item.title, "anchor": item.anchor} for item in result.themes
        ],
        "answers": dict(result.answers),
        "code": code,
        "page": result.page,
        "next_level": result.next_level,
        "next_level_name": result.next_level_name,
        "calculation": {
            "rule": "staged" if result.staged else "capped",
            "missing": [item.id for item in result.missing],
            "average": _round(result.average),
            "average_level": result.average_level,
            "weakest_level": weakest_level,
            "cap": result.cap,
            "capped": result.capped,
        },
        "why": explain_level(result),
        "legacy": {"version": bank.code_version, "message": legacy_note(bank.code_version)}
        if legacy
        else None,
    }


def answers_to_dict(bank: Bank, answers: Answers) -> dict[str, object]:
    """Score checked answers and describe the result, with its code."""
    return result_to_dict(bank, score(bank, answers), code=encode(bank, answers))


def opened_to_dict(opened: OpenedCode) -> dict[str, object]:
    """Describe a result opened from a code or link (see :func:`quiz._results.legacy.open_code`)."""
    return result_to_dict(
        opened.bank,
        opened.result,
        code=encode(opened.bank, opened.answers),
        legacy=opened.legacy,
    )


def bank_to_dict(bank: Bank) -> dict[str, object]:
    """Return the bank as a JSON-ready dict, for ``quiz bank --json`` and the build."""
    return {
        "schema": SCHEMA_VERSION,
        "code_version": bank.code_version,
        "levels": [
            {
                "number": level.number,
                "name": level.name,
                "summary": level.summary,
                "focus": list(level.focus),
                "page": level.page,
                "gates": list(bank.gates(level.number)),
                "gate_basis": dict(level.gates),
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
                "themes": list(dimension.themes),
                "steps": {str(level): link for level, link in dimension.steps.items()},
                "gates": list(bank.gated_levels(dimension.id)),
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
                "not_applicable": question.not_applicable,
                "options": [
                    {
                        "level": option.level,
                        "text": option.text,
                        "basis": option.basis,
                        "addition": option.addition,
                    }
                    for option in question.options
                ],
            }
            for question in bank.questions
        ],
        "not_sure": {"label": not_sure_label(), "value": None},
        "na": {"label": na_label(), "value": NA},
        "steps": [{"link": step.link, "builds": list(step.builds)} for step in bank.steps],
        "scoring": {
            "min_dimensions": bank.scoring.min_dimensions,
            "max_weakest": bank.scoring.max_weakest,
            "max_themes": bank.scoring.max_themes,
            "rules": list(scoring_rules(bank)),
        },
    }
