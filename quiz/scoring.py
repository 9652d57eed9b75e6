"""Score a set of answers.

The rule
--------
1. Each answer is a level from 1 to 5. "Not sure" answers and unanswered
   questions are left out.
2. A dimension's level is the mean of its answered questions, rounded down.
3. A result needs at least ``min_dimensions`` dimensions with an answer
   (``[scoring]`` in the bank); with fewer, there is no level, only a reason.
4. The overall level is the mean of the answered dimensions' levels, rounded
   down, but never more than one level above the weakest answered dimension:
   ``min(floor(mean of dimension levels), weakest dimension level + 1)``.
   A strong dimension cannot hide a weak one.

What the result adds
--------------------
* ``blockers``: answered dimensions whose level is below the next level, most
  limiting first (lowest level, then lowest mean, then bank order). A blocker
  "caps" the result when it sits more than one level below the next level, so
  the weakest-dimension rule alone keeps the reader where they are. Its ``lift``
  lists the statements one level above the dimension's own level, from each of
  its questions, and its ``guide`` links to the playbook step for it.
* ``weakest``: the lowest answered dimensions, same order, up to ``max_weakest``.
* ``focus_areas``: the overall level's focus areas from the bank.
* ``themes``: conversation themes taken in turn from the weakest dimensions
  (first theme of each, then second...), without repeats, up to ``max_themes``.

:func:`scoring_rules` returns the rule as sentences for the docs page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .answers import Answers, check_answers
from .codes import encode
from .model import Bank, Dimension

__all__ = [
    "Blocker",
    "DimensionResult",
    "Result",
    "ThemeRef",
    "score",
    "scoring_rules",
]


@dataclass(frozen=True)
class DimensionResult:
    """How one dimension scored."""

    id: str
    name: str
    level: int | None
    mean: float | None
    answered: int
    questions: int
    guide: str


@dataclass(frozen=True)
class Blocker:
    """A dimension holding the reader below the next level."""

    id: str
    name: str
    level: int
    caps: bool
    lift: tuple[str, ...]
    guide: str


@dataclass(frozen=True)
class ThemeRef:
    """A conversation theme suggested by the result."""

    id: str
    title: str
    anchor: str


@dataclass(frozen=True)
class Result:
    """The outcome of :func:`score`; explains itself field by field."""

    level: int | None
    level_name: str | None
    summary: str | None
    next_level_name: str | None
    enough: bool
    reason: str | None
    answered: int
    required: int
    questions_answered: int
    questions_total: int
    dimensions: tuple[DimensionResult, ...]
    blockers: tuple[Blocker, ...]
    weakest: tuple[DimensionResult, ...]
    focus_areas: tuple[str, ...]
    themes: tuple[ThemeRef, ...]
    answers: Mapping[str, int | None] = field(hash=False)
    code: str
    average: float | None
    average_level: int | None
    cap: int | None

    @property
    def next_level(self) -> int | None:
        """The level above the result, or None at level 5 or without a level."""
        if self.level is None or self.level >= 5:
            return None
        return self.level + 1

    @property
    def page(self) -> str:
        """Docs-relative page to read next: the level's page, or the overview."""
        if self.level is None:
            return "levels/index.md"
        return f"levels/level-{self.level}.md"

    @property
    def capped(self) -> bool:
        """True when the weakest-dimension rule lowered the level."""
        return (
            self.average_level is not None
            and self.cap is not None
            and self.cap < self.average_level
        )

    def dimension(self, dimension_id: str) -> DimensionResult:
        """The result for one dimension; raises KeyError if there is none."""
        for item in self.dimensions:
            if item.id == dimension_id:
                return item
        raise KeyError(dimension_id)


def scoring_rules(bank: Bank) -> tuple[str, ...]:
    """The scoring rule as plain sentences, filled in with the bank's numbers."""
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    return (
        'Each answer counts as a level from 1 to 5. "Not sure" answers and '
        "skipped questions are left out.",
        "Each dimension's level is the average of its answered questions, rounded down.",
        f"A level needs answers in at least {needed} of the {total} dimensions; "
        "with fewer, the result explains what is missing instead.",
        "The overall level is the average of the dimension levels, rounded down, "
        "but never more than one level above your weakest dimension, so a strong "
        "dimension cannot hide a weak one.",
    )


def _dimension_result(bank: Bank, dimension: Dimension, answers: Answers) -> DimensionResult:
    questions = bank.questions_for(dimension.id)
    levels = [level for question in questions if (level := answers.get(question.id)) is not None]
    return DimensionResult(
        id=dimension.id,
        name=dimension.name,
        level=sum(levels) // len(levels) if levels else None,
        mean=sum(levels) / len(levels) if levels else None,
        answered=len(levels),
        questions=len(questions),
        guide=dimension.guide,
    )


def _rank(results: list[DimensionResult]) -> list[tuple[int, DimensionResult]]:
    """Answered dimensions with their level, weakest first.

    Ordered by level, then mean, then bank order (the sort is stable).
    """
    scored = [(item.level, item.mean or 0.0, item) for item in results if item.level is not None]
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [(level, item) for level, _mean, item in scored]


def _lift(bank: Bank, dimension_id: str, level: int) -> tuple[str, ...]:
    target = min(level + 1, 5)
    return tuple(question.option(target).text for question in bank.questions_for(dimension_id))


def _themes(bank: Bank, weakest: list[DimensionResult]) -> tuple[ThemeRef, ...]:
    lists = [bank.dimension(item.id).themes for item in weakest]
    chosen: list[str] = []
    for turn in range(max((len(themes) for themes in lists), default=0)):
        for themes in lists:
            if turn < len(themes) and themes[turn] not in chosen:
                chosen.append(themes[turn])
    refs = (bank.theme(theme_id) for theme_id in chosen[: bank.scoring.max_themes])
    return tuple(ThemeRef(t.id, t.title, t.anchor) for t in refs)


def _blockers(
    bank: Bank, ranked: list[tuple[int, DimensionResult]], level: int
) -> tuple[Blocker, ...]:
    """Dimensions below the next level; "caps" marks those the cap rule blames."""
    if level >= 5:
        return ()
    return tuple(
        Blocker(
            id=item.id,
            name=item.name,
            level=dimension_level,
            caps=dimension_level < level,
            lift=_lift(bank, item.id, dimension_level),
            guide=item.guide,
        )
        for dimension_level, item in ranked
        if dimension_level <= level
    )


def _not_enough_reason(answered: int, required: int, total: int) -> str:
    return (
        f"Not enough answers for a level yet: you answered questions in "
        f"{answered} of the {total} dimensions, and at least {required} are "
        f'needed. "Not sure" answers don\'t count, so try to answer a few more.'
    )


def score(bank: Bank, answers: Mapping[str, int | None]) -> Result:
    """Score ``answers`` (question id -> level 1..5 or None) against ``bank``.

    Raises :class:`~quiz.errors.AnswerError` for unknown question ids or levels
    outside 1 to 5. See the module docstring for the rule.
    """
    checked = check_answers(bank, answers)
    results = [_dimension_result(bank, d, checked) for d in bank.dimensions]
    ranked = _rank(results)
    required = bank.scoring.min_dimensions
    enough = len(ranked) >= required
    levels = [level for level, _item in ranked]
    level: int | None = None
    average: float | None = None
    average_level: int | None = None
    cap: int | None = None
    blockers: tuple[Blocker, ...] = ()
    weakest: list[DimensionResult] = []
    if enough:
        average = sum(levels) / len(levels)
        average_level = sum(levels) // len(levels)
        cap = levels[0] + 1
        level = min(average_level, cap)
        weakest = [item for _level, item in ranked[: bank.scoring.max_weakest]]
        blockers = _blockers(bank, ranked, level)
    named = bank.level(level) if level is not None else None
    return Result(
        level=level,
        level_name=named.name if named else None,
        summary=named.summary if named else None,
        next_level_name=bank.level(level + 1).name if level is not None and level < 5 else None,
        enough=enough,
        reason=None if enough else _not_enough_reason(len(ranked), required, len(bank.dimensions)),
        answered=len(ranked),
        required=required,
        questions_answered=sum(item.answered for item in results),
        questions_total=len(bank.questions),
        dimensions=tuple(results),
        blockers=blockers,
        weakest=tuple(weakest),
        focus_areas=named.focus if named else (),
        themes=_themes(bank, weakest),
        answers=checked,
        code=encode(bank, checked),
        average=average,
        average_level=average_level,
        cap=cap,
    )
