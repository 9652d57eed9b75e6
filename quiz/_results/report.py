"""JSON-ready views of results and of the bank.

:func:`result_to_dict` defines THE output schema shared by the command line and the browser.
Every value is a plain ``dict``/``list``/``str``/``int``/``float``/``bool``/``None``, so
``json.dumps`` works on it directly. Every sentence the reader sees is written here, in
Python; the browser only places the strings.

The result schema is documented with :func:`quiz.describe`, the public function that gives it.
"""

from __future__ import annotations

from .._bank.model import NA, NA_LABEL, NOT_SURE_LABEL, Bank
from .._scoring.answers import Answers
from .._scoring.scoring import (
    ALL_NOT_SURE,
    Blocker,
    Contrast,
    DimensionResult,
    Result,
    score,
    scoring_rules,
)
from .codes import encode
from .legacy import OpenedCode, legacy_note

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


def guide_label(bank: Bank, link: str) -> str:
    """Link text for a step: "Level 2, step 1", "Level 5, staying".

    The level comes from the bank's level pages; the rest from the anchor.
    """
    page, _, anchor = link.partition("#")
    where = next((f"Level {lv.number}" for lv in bank.levels if lv.page == page), "Playbook")
    words = anchor.replace("-", " ").strip()
    return f"{where}, {words}" if words else where


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def level_statement(result: Result) -> str | None:
    """The confirmed and possible level in one plain sentence."""
    if result.level is None:
        return None
    confirmed = f"Level {result.level} confirmed"
    open_count = result.open_questions
    if open_count == 0:
        return f"{confirmed}: every question has an answer."
    questions = _plural(open_count, "open question")
    if result.possible_level is not None and result.possible_level > result.level:
        # "could ... as high as": the open questions count at the lowest level until answered,
        # and answered, they may lift the level anywhere up to the possible one, not to it.
        return (
            f"{confirmed}; answering the {questions} could lift it as high as "
            f"Level {result.possible_level}."
        )
    return f"{confirmed}; answering the {questions} would not change it."


def area_label(item: DimensionResult) -> str:
    """An area's level as the panel shows it: "Level 3", "Level 2, up to 4 (1 open)"."""
    if not item.applies:
        return f"{NA_LABEL} (left out)"
    if item.level is None:
        if item.answers and all(view.level is None or view.level == NA for view in item.answers):
            return ALL_NOT_SURE
        return "Unknown (no answers)"
    if item.possible is not None and item.possible > item.level:
        return f"Level {item.level}, up to {item.possible} ({_plural(item.open, 'open question')})"
    return f"Level {item.level}"


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _staged_why(result: Result) -> str:
    """The staged rule's reason in plain words: what the level rests on, what the next needs."""
    assert result.level is not None
    names = {item.id: item.name for item in result.dimensions}
    left_out = set(result.not_applicable)
    reached = [
        names[area]
        for number, areas in result.gates.items()
        if number <= result.level
        for area in areas
        if area not in left_out
    ]
    unique = list(dict.fromkeys(reached))
    if unique:
        text = (
            f"Level {result.level} rests on the areas it and the levels below it need: "
            f"{_names(unique)}, each at its level or above."
        )
    else:
        text = f"Level {result.level} is where every organisation starts."
    if result.next_level is not None:
        needed = [a for a in result.gates.get(result.next_level, ()) if a not in left_out]
        below = [
            item
            for item in result.dimensions
            if item.id in needed and item.counted is not None and item.counted < result.next_level
        ]
        short = [f"{item.name} is at Level {item.counted}" for item in below]
        text += (
            f" Level {result.next_level} also needs {_names([names[a] for a in needed])} at "
            f"Level {result.next_level}"
        )
        text += f"; today {_names(short)}." if short else "."
        if any(item.open for item in below):
            text += " Open questions count at the lowest level until they are answered."
    if left_out:
        text += f" Not applicable, so left out: {_names([names[a] for a in sorted(left_out)])}."
    return text


def explain_level(result: Result) -> str | None:
    """Why the result is this level and not the next, in plain words (None without a level)."""
    if result.level is not None and result.staged:
        return _staged_why(result)
    if result.level is None or result.average is None or result.cap is None:
        return None
    counted = " (each open question counted at the lowest level)" if result.open_questions else ""
    average = f"Your areas average {result.average:.2f}{counted}"
    if result.capped:
        floor = result.cap - 1
        named = next((d for d in result.dimensions if d.level == floor), None)
        if named is not None:
            which = f"your weakest area, {named.name}, is at Level {floor}"
        else:
            unknown = sum(d.level is None for d in result.dimensions)
            areas = (
                "an area with no answers counts" if unknown == 1 else "areas with no answers count"
            )
            which = f"{areas} at Level {floor}"
        return (
            f"{average}, which is nearest to Level {result.average_level}. But {which}, and a "
            f"result can be at most one level above its weakest area: Level {result.cap}."
        )
    text = f"{average}, which is nearest to Level {result.average_level}."
    if result.next_level is not None:
        text += (
            f" Level {result.next_level} needs an average of more than "
            f"{result.next_level - 0.5:.1f} with no area below Level {result.level}."
        )
    return text


def plan_areas(bank: Bank, result: Result) -> list[str]:
    """The areas "what to do next" names and a plan starts with: the first ``max_weakest``
    below the next level in rank order (areas with no answer, then the next level's gates, then
    the furthest below), with every area tied with the last; at the top level, the weakest."""
    del bank
    return list(result.named)


def _answer_label(level: object, statement: str) -> str:
    """An answer as the panel lists it: the statement quoted with its level, or what an open
    or left-out question is."""
    if level is None:
        return "Not sure (an open question)"
    if level == NA:
        return f"{NA_LABEL} (left out)"
    return f"Level {level}: “{statement}”"


def _goal(item: Blocker) -> str:
    """The next level in this area, as a goal."""
    if not item.lift:
        return f"Aim for Level {item.target} in {item.name}."
    quoted = " ".join(f"“{text}”" for text in item.lift)
    return f"Aim for Level {item.target} in {item.name}: {quoted}"


def _open_sentence(item: Blocker) -> str | None:
    if not item.open:
        return None
    if item.unanswered:
        return (
            f"Answer these {_plural(len(item.open), 'open question')} first: until you do, "
            "they count at the lowest level."
        )
    return (
        f"Still open ({_plural(len(item.open), 'question')}, counted at the lowest level until "
        "you answer them)."
    )


def _blocker_label(item: Blocker) -> str:
    if item.unanswered:
        return ALL_NOT_SURE
    return f"Level {item.level}"


def _contrast_dict(item: Contrast) -> dict[str, object]:
    return {
        "dimension": item.dimension,
        "dimension_name": item.dimension_name,
        "questions": [item.high.question, item.low.question],
        "levels": [item.high.level, item.low.level],
        "statements": [item.high.statement, item.low.statement],
        "sentence": (
            f"{item.dimension_name}: you chose “{item.high.statement}” "
            f"(Level {item.high.level}) but also “{item.low.statement}” (Level {item.low.level})."
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
                        "label": _answer_label(view.level, view.statement),
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
                "label": _blocker_label(item),
                "goal": _goal(item),
                "open_sentence": _open_sentence(item),
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
        "not_sure": {"label": NOT_SURE_LABEL, "value": None},
        "na": {"label": NA_LABEL, "value": NA},
        "steps": [{"link": step.link, "builds": list(step.builds)} for step in bank.steps],
        "scoring": {
            "min_dimensions": bank.scoring.min_dimensions,
            "max_weakest": bank.scoring.max_weakest,
            "max_themes": bank.scoring.max_themes,
            "rules": list(scoring_rules(bank)),
        },
    }
