"""The team engine: compare several people's results. The command line's ``team`` and the
site's team page (:mod:`quiz._teams.team_report`, which adds names, the workshop agenda and the
CSV) both build on :func:`team_from_results`, so they show the same team level, areas and
disagreements. The sentences are in :mod:`quiz._teams.sentences`, the JSON and the command
line's table in :mod:`quiz._teams.output`.

The rule (:func:`quiz._teams.sentences.team_rules` gives it in plain sentences)
-----------------------------------------------------------------------------
* **Team level**: the median of the members' own confirmed levels; for an even count, the
  midpoint of the two middle levels, an exact half rounding down. The **possible** level is
  the same over the members' possible levels, never below the team level. A member whose link
  was made by an earlier version counts with the level that link shows (:func:`quiz.open_code`
  scores each with its own rule). If any member has no level of their own, the team has none.
* **Areas**: for each area, over the members with a level in it: how many, the median (the
  team's level in the area, by the same midpoint rule), the mean, the spread (population
  standard deviation) and the lowest and highest level.
* **Disagreements**: the areas at least two members have a level in whose spread is above
  zero, largest spread first; ties go to the wider range, then to the area id (never to bank
  order). Up to :data:`MAX_DISAGREEMENTS`, each with the questions behind it whose answers
  differ and the statement each member chose (only members whose link is from the current
  version: earlier versions asked other questions).

The engine reads only ``Result.level``, ``Result.possible_level``, ``Result.area_level``, the
answers and the code version (:class:`MemberResult`), so it does not depend on how a single
result is scored.

Properties (Hypothesis tests in ``tests/test_quiz_team_*.py``): the team level lies between its
members' lowest and highest confirmed level; if more than half the members are at or below a
level (overall, or in an area), so is the team; one member answering "Not sure" instead never
raises the team level; unanimity; the order of the members never matters.

Why a member without a level leaves the team without one: leaving such a member out of the
median would let "Not sure" raise the team level. Levels 1, 2 and 5 make a Level 2 team; if
the Level 1 member's one "Not sure" too many costs them their level, Levels 2 and 5 make a
Level 3 team. No rule over the members' levels can keep all three of "between the lowest and
highest level", "'Not sure' never raises it" and "a majority at or below a level holds the
team there" while giving such a team a level, so it gets none, and the sentence names who has
no level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from .._bank.loader import load_bank
from .._bank.model import NA, Answer, Bank, Question, na_label, not_sure_label
from .._results.legacy import open_code
from .._text import text as sentence
from ..errors import CodeError, TeamError

__all__ = [
    "MAX_DISAGREEMENTS",
    "MemberResult",
    "TeamAnswer",
    "TeamDimension",
    "TeamDisagreement",
    "TeamQuestion",
    "TeamView",
    "answer_statement",
    "middle",
    "not_answered",
    "team_from_results",
    "team_view",
]

#: At most this many areas are listed as disagreements.
MAX_DISAGREEMENTS = 3


def not_answered() -> str:
    """The statement shown for a question someone skipped, in the language in use."""
    return sentence("team.not_answered")


class MemberResult(Protocol):
    """What the engine reads from each member's result (:class:`quiz.Result` has it):
    nothing about how the result was scored beyond its levels."""

    @property
    def level(self) -> int | None: ...
    @property
    def possible_level(self) -> int | None: ...
    @property
    def code_version(self) -> int: ...
    @property
    def answers(self) -> Mapping[str, Answer]: ...
    def area_level(self, dimension_id: str) -> int | None: ...


# Plain arithmetic instead of the statistics module: importing it costs ~40 ms under Pyodide,
# and the browser imports this package on every scorer start.
def middle(values: Sequence[int]) -> int:
    """The median of whole levels; for an even count the midpoint of the two middle ones, an
    exact half rounding down (so the result is always a level between them)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) // 2


def _variance(values: Sequence[int]) -> Fraction:
    """Population variance, exact: the same whatever the order of the values."""
    count, total = len(values), sum(values)
    return Fraction(count * sum(value * value for value in values) - total * total, count * count)


@dataclass(frozen=True)
class TeamAnswer:
    """One member's answer to a question: its level (None for no level) and statement."""

    member: int
    level: int | None
    statement: str


@dataclass(frozen=True)
class TeamQuestion:
    """A question behind a disagreement, with each compared member's answer."""

    id: str
    number: int
    text: str
    #: Highest minus lowest level given (0 when fewer than two people gave a level).
    range: int
    answers: tuple[TeamAnswer, ...]


@dataclass(frozen=True)
class TeamDimension:
    """How the members' levels for one area compare."""

    id: str
    name: str
    #: Each member's level in the area (None: no level there), in member order.
    levels: tuple[int | None, ...]
    count: int
    #: The team's level in the area: the median of the members' levels (see :func:`middle`).
    median: int | None
    mean: float | None
    spread: float | None
    low: int | None
    high: int | None

    @property
    def range(self) -> int | None:
        """Highest minus lowest level, or None when nobody has a level here."""
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    @property
    def given(self) -> tuple[int, ...]:
        """The levels of the members who have one here."""
        return tuple(level for level in self.levels if level is not None)


@dataclass(frozen=True)
class TeamDisagreement:
    """An area whose levels differ, with the questions behind it whose answers differ."""

    dimension: TeamDimension
    questions: tuple[TeamQuestion, ...]

    @property
    def id(self) -> str:
        """The area's id."""
        return self.dimension.id


@dataclass(frozen=True)
class TeamView:
    """A team's comparison: the team level, each area, and where the members disagree."""

    members: int
    #: Each member's confirmed level (None: no level), in member order.
    levels: tuple[int | None, ...]
    possible_levels: tuple[int | None, ...]
    level: int | None
    possible_level: int | None
    dimensions: tuple[TeamDimension, ...]
    disagreements: tuple[TeamDisagreement, ...]
    #: The members compared question by question: those whose link is from the current version.
    compared: tuple[int, ...]

    @property
    def unlevelled(self) -> tuple[int, ...]:
        """The members without a level of their own (they keep the team from having one)."""
        return tuple(index for index, level in enumerate(self.levels) if level is None)


def answer_statement(question: Question, answers: Mapping[str, Answer]) -> tuple[int | None, str]:
    """A member's answer to ``question``: its level (None when there is none) and statement."""
    if question.id not in answers:
        return None, not_answered()
    answer = answers[question.id]
    if answer is None:
        return None, not_sure_label()
    if answer == NA or not isinstance(answer, int):
        return None, na_label()
    return answer, question.option(answer).text


def _dimension(dimension_id: str, name: str, levels: tuple[int | None, ...]) -> TeamDimension:
    given = [level for level in levels if level is not None]
    return TeamDimension(
        id=dimension_id,
        name=name,
        levels=levels,
        count=len(given),
        median=middle(given) if given else None,
        mean=sum(given) / len(given) if given else None,
        spread=math.sqrt(_variance(given)) if given else None,
        low=min(given) if given else None,
        high=max(given) if given else None,
    )


def _questions(
    bank: Bank, dimension_id: str, results: Sequence[MemberResult], compared: Sequence[int]
) -> tuple[TeamQuestion, ...]:
    """The area's questions whose answers differ among the compared members, widest first
    (range, then the number of different answers, then question number)."""
    found: list[tuple[int, int, TeamQuestion]] = []
    for question in bank.questions_for(dimension_id):
        answers = tuple(
            TeamAnswer(index, *answer_statement(question, results[index].answers))
            for index in compared
        )
        distinct = len({(answer.level, answer.statement) for answer in answers})
        if distinct < 2:
            continue
        given = [answer.level for answer in answers if answer.level is not None]
        spread = max(given) - min(given) if given else 0
        found.append(
            (
                spread,
                distinct,
                TeamQuestion(question.id, question.number, question.text, spread, answers),
            )
        )
    found.sort(key=lambda item: (-item[0], -item[1], item[2].number))
    return tuple(item[2] for item in found)


def team_from_results(
    bank: Bank, results: Sequence[MemberResult], *, allow_empty: bool = False
) -> TeamView:
    """The team view of each member's result (see the module docstring for the rule).

    Raises :class:`TeamError` when there are no results, unless ``allow_empty``.
    """
    if not results and not allow_empty:
        raise TeamError(sentence("team.no_results"))
    levels = tuple(result.level for result in results)
    possible_levels = tuple(result.possible_level for result in results)
    level = possible = None
    if results and all(value is not None for value in levels):
        confirmed = [value for value in levels if value is not None]
        level = middle(confirmed)
        possible = max(
            level,
            middle(
                [
                    result.possible_level if result.possible_level is not None else own
                    for result, own in zip(results, confirmed, strict=True)
                ]
            ),
        )
    dimensions = tuple(
        _dimension(d.id, d.name, tuple(result.area_level(d.id) for result in results))
        for d in bank.dimensions
    )
    split = [d for d in dimensions if d.count >= 2 and d.low != d.high]
    split.sort(key=lambda d: (-_variance(d.given), -(d.range or 0), d.id))
    compared = tuple(
        index for index, result in enumerate(results) if result.code_version == bank.code_version
    )
    return TeamView(
        members=len(results),
        levels=levels,
        possible_levels=possible_levels,
        level=level,
        possible_level=possible,
        dimensions=dimensions,
        disagreements=tuple(
            TeamDisagreement(d, _questions(bank, d.id, results, compared))
            for d in split[:MAX_DISAGREEMENTS]
        ),
        compared=compared,
    )


def team_view(codes: Iterable[str], bank: Bank | None = None) -> TeamView:
    """Build the team view from result codes or links (any supported version).

    Raises :class:`CodeError` naming the position of the first bad code, or
    :class:`TeamError` when there are no codes.
    """
    results = []
    for position, code in enumerate(codes, start=1):
        try:
            results.append(open_code(code, bank).result)
        except CodeError as exc:
            raise CodeError(sentence("team.code_position", position=position, reason=exc)) from None
    return team_from_results(load_bank() if bank is None else bank, results)
