"""What scoring gives: the :class:`Result` of a set of answers, with one
:class:`DimensionResult` per area, and the :class:`Evaluation` a rule computes on the way
(see :mod:`quiz._scoring.scoring` for the rule and what the result adds)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .._bank.model import Answer

#: Two answers in one area this many levels apart or more are a contrast.
CONTRAST_GAP = 2

__all__ = [
    "CONTRAST_GAP",
    "AnswerView",
    "Blocker",
    "Contrast",
    "DimensionResult",
    "Evaluation",
    "Result",
    "ThemeRef",
]


@dataclass(frozen=True)
class Evaluation:
    """What a scoring rule decides: the levels, before any advice is attached."""

    #: Area id -> confirmed level (None when the area has no answers or does not apply).
    dimension_levels: Mapping[str, int | None]
    #: Area id -> possible level (None when the area has no answers or does not apply).
    dimension_possible: Mapping[str, int | None]
    level: int | None
    possible_level: int | None
    average: Fraction | None
    average_level: int | None
    cap: int | None
    #: Areas whose every question was answered "not applicable".
    not_applicable: frozenset[str] = frozenset()
    #: Area id -> the level the staged rule counts it at (open questions at the lowest level).
    counted: Mapping[str, int] = field(default_factory=dict)
    #: True when the staged rule decided the level (the bank declares gates).
    staged: bool = False


@dataclass(frozen=True)
class AnswerView:
    """One answer behind an area's level."""

    question: str
    number: int
    text: str
    level: Answer
    statement: str


@dataclass(frozen=True)
class DimensionResult:
    """How one area scored."""

    id: str
    name: str
    level: int | None
    possible: int | None
    mean: float | None
    answered: int
    questions: int
    guide: str
    answers: tuple[AnswerView, ...]
    #: Questions answered "not applicable" (left out of the area).
    not_applicable: int = 0
    #: The levels this area gates (empty for a profile area).
    gates: tuple[int, ...] = ()
    #: The level the staged rule counts the area at (open questions at the lowest level).
    counted: int | None = None

    @property
    def open(self) -> int:
        """Questions in this area that are open (not sure or skipped)."""
        return self.questions - self.answered - self.not_applicable

    @property
    def applies(self) -> bool:
        """False when every question in the area was answered "not applicable"."""
        return self.not_applicable < self.questions

    @property
    def all_not_sure(self) -> bool:
        """True when the area applies but has no answer: every question in it is open."""
        return self.applies and self.answered == 0


@dataclass(frozen=True)
class Contrast:
    """Two answers in one area that are far apart."""

    dimension: str
    dimension_name: str
    high: AnswerView
    low: AnswerView


@dataclass(frozen=True)
class Blocker:
    """An area below the next level."""

    id: str
    name: str
    level: int
    #: True when the area gates the next level: it holds the headline down.
    caps: bool
    #: The next level's statement for each question answered below it.
    lift: tuple[str, ...]
    #: The area's open questions (their text): counted at the lowest level until answered.
    open: tuple[str, ...]
    guide: str
    #: True when the area has no answer at all (every question open).
    unanswered: bool = False
    #: The level the area is aimed at: the next level.
    target: int = 0


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
    possible_level: int | None
    level_name: str | None
    summary: str | None
    next_level: int | None
    next_level_name: str | None
    page: str
    enough: bool
    reason: str | None
    answered: int
    required: int
    questions_answered: int
    questions_total: int
    dimensions: tuple[DimensionResult, ...]
    contrasts: tuple[Contrast, ...]
    blockers: tuple[Blocker, ...]
    weakest: tuple[DimensionResult, ...]
    focus_areas: tuple[str, ...]
    themes: tuple[ThemeRef, ...]
    answers: Mapping[str, Answer] = field(hash=False)
    average: float | None
    average_level: int | None
    cap: int | None
    #: The result-code version of the bank the answers belong to.
    code_version: int
    #: The area ids "what to do next" names (see the module docstring).
    named: tuple[str, ...] = ()
    #: True when the staged rule decided the level.
    staged: bool = False
    #: Level number -> its gate area ids (empty for banks scored with an earlier rule).
    gates: Mapping[int, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: Ids of areas whose every question was answered "not applicable".
    not_applicable: tuple[str, ...] = ()

    @property
    def open_questions(self) -> int:
        """Questions that are open: not sure or skipped."""
        return sum(item.open for item in self.dimensions)

    @property
    def capped(self) -> bool:
        """True when the weakest-area rule (version 2 and earlier) lowered the level."""
        return (
            self.average_level is not None
            and self.cap is not None
            and self.cap < self.average_level
        )

    @property
    def missing(self) -> tuple[DimensionResult, ...]:
        """The gates of the next level that are below it (staged results), in rank order."""
        if self.next_level is None:
            return ()
        by_id = {d.id: d for d in self.dimensions}
        return tuple(by_id[b.id] for b in self.blockers if b.caps)

    def area_level(self, dimension_id: str) -> int | None:
        """An area's confirmed level; None when it is unknown, does not apply, or the
        result's bank (an earlier version) has no such area."""
        for item in self.dimensions:
            if item.id == dimension_id:
                return item.level
        return None

    def dimension(self, dimension_id: str) -> DimensionResult:
        """The result for one area; raises KeyError if there is none."""
        for item in self.dimensions:
            if item.id == dimension_id:
                return item
        raise KeyError(dimension_id)
