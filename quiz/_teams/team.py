"""The team engine: compare several people's results. The command line's ``team`` and the
site's team page (:mod:`quiz._teams.team_report`, which adds names, the workshop agenda and the
CSV) both build on :func:`team_from_results`, so they show the same team level, areas and
disagreements.

The rule (:func:`team_rules` gives it in plain sentences)
-------------------------------------------------------
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

Properties (Hypothesis tests in ``tests/test_quiz_team.py``): the team level lies between its
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

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from .._bank.loader import load_bank
from .._bank.model import NA, NA_LABEL, NOT_SURE_LABEL, Answer, Bank, Question
from .._results.legacy import open_code
from .._scoring.scoring import score
from ..errors import CodeError, TeamError

__all__ = [
    "ISOLATES",
    "MAX_DISAGREEMENTS",
    "NOT_ANSWERED",
    "MemberResult",
    "TeamAnswer",
    "TeamDimension",
    "TeamDisagreement",
    "TeamQuestion",
    "TeamView",
    "answer_statement",
    "default_names",
    "dimension_dict",
    "disagreement_dict",
    "isolate",
    "level_basis",
    "middle",
    "question_dict",
    "read_codes",
    "team_from_answers",
    "team_from_results",
    "team_rules",
    "team_statement",
    "team_table",
    "team_to_dict",
    "team_view",
]

#: At most this many areas are listed as disagreements.
MAX_DISAGREEMENTS = 3
#: The statement shown for a question someone skipped.
NOT_ANSWERED = "Not answered"
#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the marks around a name in a sentence.
ISOLATES = ("\u2068", "\u2069")


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
        return None, NOT_ANSWERED
    answer = answers[question.id]
    if answer is None:
        return None, NOT_SURE_LABEL
    if answer == NA or not isinstance(answer, int):
        return None, NA_LABEL
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
        raise TeamError("No results were given, so there is no team to compare.")
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


def team_from_answers(bank: Bank, answer_sets: Sequence[Mapping[str, Answer]]) -> TeamView:
    """The team view from each member's checked answers, each scored as a single result."""
    return team_from_results(bank, [score(bank, dict(answers)) for answers in answer_sets])


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
            raise CodeError(f"Code {position}: {exc}") from None
    return team_from_results(load_bank() if bank is None else bank, results)


def read_codes(text: str) -> list[str]:
    """Read codes from CSV text with a ``code`` column, or from one code per line.

    The ``code`` header is matched without regard to case or surrounding spaces.
    Blank lines and empty cells are skipped.
    """
    rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    if "code" in header:
        column = header.index("code")
        cells = [row[column] if column < len(row) else "" for row in rows[1:]]
    else:
        cells = [row[0] for row in rows]
    return [cell.strip() for cell in cells if cell.strip()]


# ---------------------------------------------------------------------------------------------
# Sentences


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def isolate(name: str) -> str:
    """``name`` set apart from the sentence around it (U+2068 ... U+2069), as HTML's <bdi> sets
    it apart: a name written right to left, or holding an unclosed right-to-left override
    (U+202E), keeps its direction to itself instead of turning the rest of the sentence
    around. The marks are invisible."""
    return f"{ISOLATES[0]}{name}{ISOLATES[1]}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def default_names(count: int) -> list[str]:
    """What people are called when no name is given: "Person 1", "Person 2", ..."""
    return [f"Person {number}" for number in range(1, count + 1)]


def _no_level(view: TeamView, names: Sequence[str]) -> str:
    missing = view.unlevelled
    if len(missing) == view.members:
        if view.members == 1:
            return (
                f"The team has no level yet: {names[0]}'s result has no level of its own. It "
                f"will have one once {names[0]} answers enough questions for a level."
            )
        return (
            "The team has no level yet: none of the results has a level of its own. It will "
            "have one once everyone answers enough questions for a level."
        )
    if len(missing) == 1:
        name = names[missing[0]]
        who = f"{name}'s result has no level of its own"
        then = f"{name} answers enough questions for a level, or is"
    else:
        listed = (
            _and([names[index] for index in missing])
            if len(missing) <= 3
            else f"{len(missing)} of the {view.members} people"
        )
        who = f"the results of {listed} have no level of their own"
        then = "they answer enough questions for a level, or are"
    return (
        f"The team has no level yet: {who}, and the team's level is the middle of everyone's. "
        f"It will have one once {then} left out of the comparison."
    )


def team_statement(view: TeamView, names: Sequence[str] | None = None) -> str:
    """The team's level in one sentence, or why it has none. ``names`` (default "Person 1",
    "Person 2", ...) name the members without a level, placed as given: a name a person typed
    should come set apart from the sentence (:func:`isolate`)."""
    called = list(names) if names is not None else default_names(view.members)
    if view.level is None:
        if not view.members:
            return "There is nobody to compare yet."
        return _no_level(view, called)
    levels = [level for level in view.levels if level is not None]
    low, high = min(levels), max(levels)
    if view.members == 1:
        text = f"Team: Level {view.level} confirmed, the one person's own level"
    else:
        span = f"all Level {low}" if low == high else f"from Level {low} to Level {high}"
        text = (
            f"Team: Level {view.level} confirmed, the middle of the {view.members} people's "
            f"own confirmed levels ({span})"
        )
    if view.possible_level is not None and view.possible_level > view.level:
        whose = "the" if view.members == 1 else "their"
        return (
            f"{text}; answering {whose} open questions could lift it as high as "
            f"Level {view.possible_level}."
        )
    return f"{text}."


def level_basis() -> str:
    """How the team level is worked out, in two sentences (shown under the team level)."""
    return (
        "The team level is the middle (median) of each person's own confirmed level, links "
        "from earlier versions with the level they show; with an even number of people it is "
        "halfway between the two middle levels, an exact half rounding down. So it never lies "
        "outside the people's own levels, and if more than half of them are at or below a "
        "level, so is the team."
    )


def team_rules(bank: Bank) -> tuple[str, ...]:
    """The team rule as plain sentences, filled in with the bank's numbers (for the "How
    scoring works" page)."""
    low, top = bank.lowest, bank.top
    meet, above = middle([low, top]), bank.level_numbers[1]
    return (
        "The team's confirmed level is the median of the members' own confirmed levels: the "
        "middle one, or for an even number of people halfway between the two middle ones, an "
        f"exact half rounding down. Two people at Level {low} and Level {top} make a "
        f"Level {meet} team; at Level {low} and Level {above}, a Level {low} team.",
        "A link made with an earlier version of the assessment counts with the level it "
        "shows, scored with the rule of its own version.",
        "The team's possible level is the median of the members' possible levels in the same "
        "way, never below its confirmed level.",
        "If anyone's result has no level of its own, the team has none: leaving them out could "
        'let one person\'s "Not sure" raise the team level. The team sentence names who has '
        "no level.",
        "So the team level never lies outside its members' own levels, one person answering "
        '"Not sure" never raises it, and if more than half the members are at or below a '
        "level, so is the team.",
        "Each area shows how many people have a level in it, the median (the team's level in "
        "the area, by the same rule), the mean, the spread (population standard deviation) and "
        "the lowest and highest level; people with no level in an area are left out of it. If "
        "more than half the team is at or below a level in an area, so is the team's level "
        "there: a weak area most people report is never averaged away.",
        f"Where you disagree most: up to {MAX_DISAGREEMENTS} areas in which at least two "
        "people have a level and the levels differ, the largest spread first (ties: the wider "
        "range, then the area's id), each with the questions behind it whose answers differ "
        "and the statement each person chose. Links from earlier versions join the areas but "
        "not the questions, which they asked differently.",
    )


# ---------------------------------------------------------------------------------------------
# JSON and text


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def dimension_dict(item: TeamDimension) -> dict[str, object]:
    """JSON-ready form of one area (the part the command line and the page share)."""
    return {
        "id": item.id,
        "name": item.name,
        "count": item.count,
        "median": item.median,
        "mean": _round(item.mean),
        "spread": _round(item.spread),
        "min": item.low,
        "max": item.high,
        "levels": list(item.levels),
    }


def question_dict(question: TeamQuestion) -> dict[str, object]:
    """JSON-ready form of a question behind a disagreement."""
    return {
        "question": question.id,
        "number": question.number,
        "text": question.text,
        "range": question.range,
        "answers": [
            {"member": answer.member, "level": answer.level, "statement": answer.statement}
            for answer in question.answers
        ],
    }


def disagreement_dict(item: TeamDisagreement) -> dict[str, object]:
    """JSON-ready form of a disagreement: the area, then the questions behind it."""
    return dimension_dict(item.dimension) | {
        "questions": [question_dict(question) for question in item.questions]
    }


def team_to_dict(view: TeamView, names: Sequence[str] | None = None) -> dict[str, object]:
    """JSON-ready form of a team view (the command line's ``team --json``)."""
    return {
        "members": view.members,
        "levels": list(view.levels),
        "possible_levels": list(view.possible_levels),
        "level": view.level,
        "possible_level": view.possible_level,
        "level_statement": team_statement(view, names),
        "dimensions": [dimension_dict(item) for item in view.dimensions],
        "disagreements": [disagreement_dict(item) for item in view.disagreements],
    }


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _answer_line(answer: TeamAnswer, names: Sequence[str]) -> str:
    if answer.level is None:
        return f"      {names[answer.member]}: {answer.statement}"
    return f"      {names[answer.member]} (Level {answer.level}): {answer.statement}"


def team_table(view: TeamView, names: Sequence[str] | None = None) -> str:
    """A plain-text form of the team view, for reading in a terminal."""
    called = list(names) if names is not None else default_names(view.members)
    levels = ", ".join(_cell(level) for level in view.levels)
    width = max(len("Area"), *(len(item.name) for item in view.dimensions))
    lines = [
        team_statement(view, called),
        f"Members: {view.members}   Levels: {levels}",
        "",
        f"{'Area':<{width}}  {'n':>2}  {'median':>6}  {'mean':>5}  {'spread':>6}  range",
    ]
    for item in view.dimensions:
        span = "-" if item.low is None else f"{item.low}-{item.high}"
        lines.append(
            f"{item.name:<{width}}  {item.count:>2}  {_cell(item.median):>6}  "
            f"{_cell(item.mean):>5}  {_cell(item.spread):>6}  {span}"
        )
    lines.append("")
    if not view.disagreements:
        lines.append("Most disagreement: none (everyone with a level in an area has the same one)")
        return "\n".join(lines)
    names_line = "; ".join(split.dimension.name for split in view.disagreements)
    lines.append(f"Most disagreement: {names_line}")
    for split in view.disagreements:
        area = split.dimension
        lines.append(
            f"  {area.name}: Levels {area.low} to {area.high}, spread {_cell(area.spread)}, "
            f"{_plural(area.count, 'person', 'people')}"
        )
        for question in split.questions:
            lines.append(f"    Q{question.number} {question.text}")
            lines += [_answer_line(answer, called) for answer in question.answers]
    return "\n".join(lines)
