"""Frozen data classes describing the question bank.

The bank is loaded from ``bank.toml`` by :mod:`quiz._bank.loader`; nothing in this module
reads files. All objects are immutable, so a loaded bank can be shared freely.

The bank is the one source of the level facts: how many levels there are, their names and
the pages describing them. Nothing else in the package writes a level number out by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from .._text import text as sentence

__all__ = [
    "NA",
    "NA_LABEL",
    "NOT_SURE_LABEL",
    "Bank",
    "Choice",
    "Dimension",
    "Level",
    "Option",
    "Question",
    "ScoringSettings",
    "Step",
    "Theme",
    "na_label",
    "not_sure_label",
]

#: Label of the implicit extra choice offered with every question, in English (the label
#: shown is :func:`not_sure_label`, in the language in use). Picking it records ``None`` as the
#: answer: an open question, which the result treats as unknown.
NOT_SURE_LABEL = "Not sure"

#: The answer "not applicable", offered only on questions the bank marks
#: ``not_applicable = true``. In answer JSON it is the string ``"na"`` (``null`` stays "not
#: sure"). It is scored as neither a level nor an open question: the question drops out.
NA: Final = "na"
#: Its label in English; the label shown is :func:`na_label`, in the language in use.
NA_LABEL = "Not applicable"


def not_sure_label() -> str:
    """The label of "not sure" in the language in use (the catalog's ``scoring.not_sure``)."""
    return sentence("scoring.not_sure")


def na_label() -> str:
    """The label of "not applicable" in the language in use (``scoring.not_applicable``)."""
    return sentence("scoring.not_applicable")


#: One answer: a level, None for "not sure", or :data:`NA`.
type Answer = int | Literal["na"] | None


@dataclass(frozen=True)
class Level:
    """One maturity level."""

    number: int
    name: str
    summary: str
    focus: tuple[str, ...]
    #: Docs-relative path of the page describing this level, e.g. ``levels/level-3.md``.
    page: str
    #: The areas that must reach this level for the level to be reached (staged rule), each
    #: with the level-page section it comes from. Empty for the lowest level and for banks
    #: scored with an earlier rule.
    gates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Step:
    """A step of the playbook and the areas it builds (the bank's ``[[steps]]``)."""

    #: Docs-relative link, e.g. ``levels/level-4.md#step-2``.
    link: str
    #: Ids of the areas the step builds.
    builds: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """An EX-CX conversation theme on the conversations page."""

    id: str
    title: str
    #: The levels this theme suits, lowest first (the level pages list it there).
    levels: tuple[int, ...] = ()

    @property
    def anchor(self) -> str:
        """Docs-relative link to the theme's section."""
        return f"conversations.md#{self.id}"


@dataclass(frozen=True)
class Dimension:
    """An area of employee experience that two or more questions measure."""

    id: str
    name: str
    description: str
    themes: tuple[str, ...]
    #: Level number -> docs-relative link of the step that lifts the area from that level.
    steps: Mapping[int, str]

    def step(self, level: int) -> str:
        """The step that lifts this area from ``level`` to the next (or keeps it at the top)."""
        return self.steps[level]


@dataclass(frozen=True)
class Option:
    """The statement describing one level of a question."""

    level: int
    text: str
    #: Docs-relative link to the level-page section the statement reflects.
    basis: str = ""
    #: True when the statement is the playbook's own addition rather than the level page's.
    addition: bool = False


@dataclass(frozen=True)
class Choice:
    """Something a reader can pick: a level statement, or "not sure" (level None)."""

    level: int | None
    text: str


@dataclass(frozen=True)
class Question:
    """A question with exactly one statement per level, lowest level first."""

    id: str
    number: int
    dimension: str
    text: str
    options: tuple[Option, ...]
    #: True when the question offers "Not applicable" (for example with no incentive scheme,
    #: no HR or CX team, or a small organisation).
    not_applicable: bool = False

    def option(self, level: int) -> Option:
        """Return the statement for ``level``."""
        for option in self.options:
            if option.level == level:
                return option
        raise KeyError(level)

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The level statements followed by the implicit "not sure" choice."""
        picks = tuple(Choice(option.level, option.text) for option in self.options)
        return (*picks, Choice(None, not_sure_label()))

    def allows(self, answer: Answer) -> bool:
        """True when ``answer`` is a valid answer to this question."""
        if answer is None:
            return True
        if answer == NA:
            return self.not_applicable
        return any(option.level == answer for option in self.options)


@dataclass(frozen=True)
class ScoringSettings:
    """Tunable numbers used by :func:`quiz._scoring.scoring.score`."""

    min_dimensions: int
    max_weakest: int = 3
    max_themes: int = 4


def _index[T](items: tuple[T, ...], key: str) -> Mapping[object, T]:
    return MappingProxyType({getattr(item, key): item for item in items})


@dataclass(frozen=True)
class Bank:
    """The whole question bank, with lookups by id."""

    levels: tuple[Level, ...]
    themes: tuple[Theme, ...]
    dimensions: tuple[Dimension, ...]
    questions: tuple[Question, ...]
    scoring: ScoringSettings
    retired: frozenset[int] = frozenset()
    #: The playbook's steps and the areas each builds (checked against dimensions' steps).
    steps: tuple[Step, ...] = ()
    #: The result-code version this bank's answers are written with.
    code_version: int = 2
    source: str = ""
    #: The language of the bank's text ("en"; another language's text comes from a layer).
    language: str = "en"
    _levels: Mapping[object, Level] = field(init=False, repr=False, compare=False)
    _themes: Mapping[object, Theme] = field(init=False, repr=False, compare=False)
    _dimensions: Mapping[object, Dimension] = field(init=False, repr=False, compare=False)
    _questions: Mapping[object, Question] = field(init=False, repr=False, compare=False)
    _numbers: Mapping[object, Question] = field(init=False, repr=False, compare=False)
    _by_dimension: Mapping[str, tuple[Question, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped = {
            d.id: tuple(q for q in self.questions if q.dimension == d.id) for d in self.dimensions
        }
        object.__setattr__(self, "_by_dimension", MappingProxyType(grouped))
        object.__setattr__(self, "_levels", _index(self.levels, "number"))
        object.__setattr__(self, "_themes", _index(self.themes, "id"))
        object.__setattr__(self, "_dimensions", _index(self.dimensions, "id"))
        object.__setattr__(self, "_questions", _index(self.questions, "id"))
        object.__setattr__(self, "_numbers", _index(self.questions, "number"))

    @property
    def level_numbers(self) -> tuple[int, ...]:
        """The level numbers, lowest first (1 up to the top level)."""
        return tuple(level.number for level in self.levels)

    @property
    def lowest(self) -> int:
        """The lowest level number."""
        return self.levels[0].number

    @property
    def top(self) -> int:
        """The highest level number."""
        return self.levels[-1].number

    @property
    def staged(self) -> bool:
        """True when the bank declares gates, so it is scored with the staged rule."""
        return any(level.gates for level in self.levels)

    def gates(self, number: int) -> tuple[str, ...]:
        """The ids of the areas that gate level ``number``, in bank order."""
        declared = self.level(number).gates
        return tuple(d.id for d in self.dimensions if d.id in declared)

    def gated_levels(self, dimension_id: str) -> tuple[int, ...]:
        """The levels an area gates, lowest first (none for a profile area)."""
        return tuple(lv.number for lv in self.levels if dimension_id in lv.gates)

    def level(self, number: int) -> Level:
        """Return level ``number``; raises KeyError if there is none."""
        return self._levels[number]

    def theme(self, theme_id: str) -> Theme:
        """Return the theme with this id; raises KeyError if there is none."""
        return self._themes[theme_id]

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension with this id; raises KeyError if there is none."""
        return self._dimensions[dimension_id]

    def question(self, question_id: str) -> Question:
        """Return the question with this id; raises KeyError if there is none."""
        return self._questions[question_id]

    def question_by_number(self, number: int) -> Question:
        """Return the question with this number; raises KeyError if there is none."""
        return self._numbers[number]

    def has_question(self, question_id: object) -> bool:
        """True when ``question_id`` is the id of a question in the bank."""
        return isinstance(question_id, str) and question_id in self._questions

    def questions_for(self, dimension_id: str) -> tuple[Question, ...]:
        """The questions that feed a dimension, in bank order."""
        found = self._by_dimension.get(dimension_id)
        if found is None:
            return tuple(q for q in self.questions if q.dimension == dimension_id)
        return found
