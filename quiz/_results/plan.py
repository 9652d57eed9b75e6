"""A reader's plan: the areas they chose to work on, with an owner and a due date per step.

The browser keeps the plan; it is passed here only to be included in the downloads. Shape::

    [{"dimension": "feedback", "guide": "levels/level-4.md#step-1",
      "steps": [{"step": "Ask in more ways", "owner": "Priya", "due": "2027-03-31"}]}]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .._text import text as sentence
from ..errors import AnswerError

__all__ = ["PlanItem", "PlanStep", "read_plan"]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_TEXT = 300
_MAX_ITEMS = 100


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan, with who does it and by when."""

    step: str
    owner: str
    due: str


@dataclass(frozen=True)
class PlanItem:
    """An area the reader chose to work on, and the steps for it."""

    dimension: str
    guide: str
    steps: tuple[PlanStep, ...]


def _text(value: object, field: str) -> str:
    """Plan text, one line and at most ``_MAX_TEXT`` long; ``field`` names it in the catalog
    key of its error (``results.plan_<field>_text``)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnswerError(sentence(f"results.plan_{field}_text"))
    return " ".join(value.split())[:_MAX_TEXT]


def read_plan(text: str) -> tuple[PlanItem, ...]:
    """Parse and check the plan JSON; raises AnswerError with a reader-facing message."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise AnswerError(sentence("results.plan_not_json")) from None
    if not isinstance(data, list) or len(data) > _MAX_ITEMS:
        raise AnswerError(sentence("results.plan_not_list"))
    items = []
    for entry in data:
        if not isinstance(entry, dict) or not isinstance(entry.get("steps", []), list):
            raise AnswerError(sentence("results.plan_steps"))
        steps = []
        for raw in entry.get("steps", [])[:_MAX_ITEMS]:
            if not isinstance(raw, dict):
                raise AnswerError(sentence("results.plan_step_object"))
            due = _text(raw.get("due"), "due")
            if due and not _DATE.fullmatch(due):
                raise AnswerError(sentence("results.plan_due_date"))
            steps.append(
                PlanStep(_text(raw.get("step"), "step"), _text(raw.get("owner"), "owner"), due)
            )
        items.append(
            PlanItem(
                _text(entry.get("dimension"), "area"),
                _text(entry.get("guide"), "link"),
                tuple(steps),
            )
        )
    return tuple(items)
