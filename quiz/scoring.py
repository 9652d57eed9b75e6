"""Score a set of answers.

The rule
--------
1. Each answer is a level. "Not sure" answers and skipped questions are *open*.
2. An area's (dimension's) level is the average of its answers, rounded to the nearest
   level; an exact half rounds down (a tie is not yet evidence of the higher level).
3. The overall level is the average of the areas' averages, rounded the same way, but never
   more than one level above the weakest area: a strong area cannot hide a weak one.
4. Open questions are unknown, so the result is a range. The **confirmed** level counts
   every open question at the lowest level; the **possible** level counts them at the top
   level. Answering a question can only confirm more, so "Not sure" never raises the
   confirmed level, and a area with no answers shows as unknown, never as strong.
5. A level needs at least ``min_dimensions`` areas with an answer (``[scoring]`` in the
   bank); with fewer, there is no level, only a reason.

Properties (each one a Hypothesis test in ``tests/test_quiz_scoring.py``): unanimity (all
answers at level k give level k), monotonicity (raising an answer never lowers a level),
"Not sure" never helps, robustness to one-level noise (a flat level-k profile with any single
answer one level off still gives k), and ``possible_level >= level``.

What the result adds
--------------------
* ``contrasts``: two answers in one area that are two or more levels apart; reported, not
  averaged away.
* ``blockers``: answered areas below the next level, weakest first (level, then average,
  then bank order). A blocker at level d links to the step on the level-d page that lifts it
  to d + 1 (the area's ``steps`` in the bank). Its ``lift`` quotes level d + 1 only for the
  questions answered below it, and ``open`` names the area's open questions, which hold it
  down until answered.
* ``weakest``: the lowest answered areas, up to ``max_weakest``, without those level with
  the strongest area (so none when every area ties).
* ``themes``: conversation themes that suit the level and the weakest areas (see
  :func:`_themes`), up to ``max_themes``.

The same result shape serves older result codes: :mod:`quiz.legacy` evaluates them with the
rule they were first scored with and builds the result through :func:`build_result`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from math import lcm

from .answers import Answers
from .model import Bank, Dimension

__all__ = [
    "AnswerView",
    "Blocker",
    "Contrast",
    "DimensionResult",
    "Evaluation",
    "Result",
    "ThemeRef",
    "build_result",
    "evaluate",
    "nearest_level",
    "score",
    "scoring_rules",
]

#: Two answers in one area this many levels apart or more are a contrast.
CONTRAST_GAP = 2


def nearest_level(value: Fraction) -> int:
    """Round to the nearest whole level; an exact half rounds down."""
    return _nearest(value.numerator, value.denominator)


def _nearest(total: int, count: int) -> int:
    """``nearest_level(total / count)`` in integers: ceil(total / count - 1/2)."""
    return -((count - 2 * total) // (2 * count))


@dataclass(frozen=True)
class Evaluation:
    """What a scoring rule decides: the levels, before any advice is attached."""

    #: Area id -> confirmed level (None when the area has no answers).
    dimension_levels: Mapping[str, int | None]
    #: Area id -> possible level (None when the area has no answers).
    dimension_possible: Mapping[str, int | None]
    level: int | None
    possible_level: int | None
    average: Fraction | None
    average_level: int | None
    cap: int | None


@dataclass(frozen=True)
class AnswerView:
    """One answer behind an area's level."""

    question: str
    number: int
    text: str
    level: int | None
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

    @property
    def open(self) -> int:
        """Questions in this area that are open (not sure or skipped)."""
        return self.questions - self.answered


@dataclass(frozen=True)
class Contrast:
    """Two answers in one area that are far apart."""

    dimension: str
    dimension_name: str
    high: AnswerView
    low: AnswerView


@dataclass(frozen=True)
class Blocker:
    """An area holding the reader below the next level."""

    id: str
    name: str
    level: int
    caps: bool
    #: The next level's statement for each question answered below it.
    lift: tuple[str, ...]
    #: The area's open questions (their text): counted at the lowest level until answered.
    open: tuple[str, ...]
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
    answers: Mapping[str, int | None] = field(hash=False)
    average: float | None
    average_level: int | None
    cap: int | None
    #: The result-code version of the bank the answers belong to.
    code_version: int

    @property
    def open_questions(self) -> int:
        """Questions that are open: not sure or skipped."""
        return self.questions_total - self.questions_answered

    @property
    def capped(self) -> bool:
        """True when the weakest-area rule lowered the level."""
        return (
            self.average_level is not None
            and self.cap is not None
            and self.cap < self.average_level
        )

    def area_level(self, dimension_id: str) -> int | None:
        """An area's confirmed level; None when it is unknown or the result's bank (an
        earlier version) has no such area."""
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


def scoring_rules(bank: Bank) -> tuple[str, ...]:
    """The scoring rule as plain sentences, filled in with the bank's numbers."""
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    low, top = bank.lowest, bank.top
    return (
        f'Each answer counts as a level from {low} to {top}. "Not sure" answers and skipped '
        "questions are open: unknown, not guessed.",
        "Each area's level is the average of its answers, rounded to the nearest level; "
        "an exact half rounds down.",
        "The overall level is the average across the areas, rounded the same way, but never "
        "more than one level above your weakest area, so a strong area cannot hide a weak one.",
        f"Open questions make the result a range. The confirmed level counts each open "
        f"question at Level {low}; the possible level counts it at Level {top}. So "
        '"Not sure" can never raise your level, and an area with no answers is unknown, '
        "never strong.",
        f"A level needs answers in at least {needed} of the {total} areas; with fewer, the "
        "result explains what is missing instead.",
        f"Two answers in one area that are {CONTRAST_GAP} or more levels apart are reported "
        "side by side as a contrast rather than averaged away.",
    )


# ---------------------------------------------------------------------------------------------
# The rule


#: An area's average as (sum of answers, number of questions): exact, and cheap under Pyodide.
type Mean = tuple[int, int]


def _dimension_means(bank: Bank, answers: Answers, fill: int) -> dict[str, Mean]:
    means: dict[str, Mean] = {}
    for dimension in bank.dimensions:
        values = [
            level if (level := answers.get(q.id)) is not None else fill
            for q in bank.questions_for(dimension.id)
        ]
        means[dimension.id] = (sum(values), len(values))
    return means


def _overall(bank: Bank, means: Mapping[str, Mean]) -> tuple[Fraction, int, int, int]:
    """(average of area averages, its nearest level, the cap, the overall level)."""
    common = lcm(*(count for _total, count in means.values()))
    average = Fraction(
        sum(total * (common // count) for total, count in means.values()), common * len(means)
    )
    average_level = nearest_level(average)
    cap = min(_nearest(total, count) for total, count in means.values()) + 1
    return average, average_level, cap, min(average_level, cap, bank.top)


def _answered(bank: Bank, answers: Answers, dimension_id: str) -> int:
    return sum(answers.get(q.id) is not None for q in bank.questions_for(dimension_id))


def evaluate(bank: Bank, answers: Answers) -> Evaluation:
    """Apply the current rule (see the module docstring) to checked answers."""
    low = _dimension_means(bank, answers, bank.lowest)
    high = _dimension_means(bank, answers, bank.top)
    known = {d.id: _answered(bank, answers, d.id) > 0 for d in bank.dimensions}
    enough = sum(known.values()) >= bank.scoring.min_dimensions
    average = average_level = cap = level = possible = None
    if enough:
        average, average_level, cap, level = _overall(bank, low)
        possible = _overall(bank, high)[3]
    return Evaluation(
        dimension_levels={d: _nearest(*low[d]) if known[d] else None for d in low},
        dimension_possible={d: _nearest(*high[d]) if known[d] else None for d in high},
        level=level,
        possible_level=possible,
        average=average,
        average_level=average_level,
        cap=cap,
    )


# ---------------------------------------------------------------------------------------------
# Building the result


def _answer_views(bank: Bank, dimension: Dimension, answers: Answers) -> tuple[AnswerView, ...]:
    views = []
    for question in bank.questions_for(dimension.id):
        if question.id not in answers:
            continue
        level = answers[question.id]
        statement = question.option(level).text if level is not None else "Not sure"
        views.append(AnswerView(question.id, question.number, question.text, level, statement))
    return tuple(views)


def _dimension_result(
    bank: Bank, dimension: Dimension, answers: Answers, evaluation: Evaluation
) -> DimensionResult:
    views = _answer_views(bank, dimension, answers)
    given = [view.level for view in views if view.level is not None]
    level = evaluation.dimension_levels[dimension.id]
    return DimensionResult(
        id=dimension.id,
        name=dimension.name,
        level=level,
        possible=evaluation.dimension_possible[dimension.id],
        mean=sum(given) / len(given) if given else None,
        answered=len(given),
        questions=len(bank.questions_for(dimension.id)),
        guide=dimension.step(bank.lowest if level is None else level),
        answers=views,
    )


def _rank(results: list[DimensionResult]) -> list[DimensionResult]:
    """Answered areas, weakest first: level, then average, then bank order (stable sort)."""
    known = [item for item in results if item.level is not None]
    return sorted(known, key=lambda item: (item.level or 0, item.mean or 0.0))


def _weakest(ranked: list[DimensionResult], most: int) -> list[DimensionResult]:
    """The first ``most`` ranked areas, leaving out any that stand level with the strongest
    (same level and average): when every area ties, none is weaker than the others."""
    if not ranked:
        return []
    strongest = (ranked[-1].level, ranked[-1].mean)
    return [item for item in ranked[:most] if (item.level, item.mean) != strongest]


def _contrasts(results: list[DimensionResult]) -> tuple[Contrast, ...]:
    found: list[Contrast] = []
    for item in results:
        given = [view for view in item.answers if view.level is not None]
        for first, second in combinations(given, 2):
            assert first.level is not None
            assert second.level is not None
            if abs(first.level - second.level) >= CONTRAST_GAP:
                high, low = (first, second) if first.level > second.level else (second, first)
                found.append(Contrast(item.id, item.name, high, low))
    found.sort(key=lambda c: -((c.high.level or 0) - (c.low.level or 0)))
    return tuple(found)


def _lift(bank: Bank, item: DimensionResult, level: int) -> tuple[str, ...]:
    """What the next level looks like in this area, question by question: only where the reader
    answered below it (quoting an answer they already gave as their goal would mislead)."""
    target = min(level + 1, bank.top)
    given = {view.question: view.level for view in item.answers}
    return tuple(
        question.option(target).text
        for question in bank.questions_for(item.id)
        if (reached := given.get(question.id)) is not None and reached < target
    )


def _open_questions(bank: Bank, item: DimensionResult) -> tuple[str, ...]:
    """The area's questions left open ("Not sure" or skipped), which count at the lowest level
    until they are answered."""
    given = {view.question: view.level for view in item.answers}
    return tuple(
        question.text for question in bank.questions_for(item.id) if given.get(question.id) is None
    )


def _blockers(bank: Bank, ranked: list[DimensionResult], level: int) -> tuple[Blocker, ...]:
    """Areas below the next level; "caps" marks those the weakest-area rule blames."""
    if level >= bank.top:
        return ()
    return tuple(
        Blocker(
            id=item.id,
            name=item.name,
            level=item.level,
            caps=item.level < level,
            lift=_lift(bank, item, item.level),
            open=_open_questions(bank, item),
            guide=bank.dimension(item.id).step(item.level),
        )
        for item in ranked
        if item.level is not None and item.level <= level
    )


def _round_robin(lists: list[tuple[str, ...]]) -> list[str]:
    chosen: list[str] = []
    for turn in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if turn < len(items) and items[turn] not in chosen:
                chosen.append(items[turn])
    return chosen


def _themes(bank: Bank, weakest: list[DimensionResult], level: int | None) -> tuple[ThemeRef, ...]:
    """Conversation themes for the weakest areas and the level.

    First, in turn from each weakest area, its themes that suit the area's own level or the
    overall level (the bank tags each theme with the levels it suits); then the overall
    level's other themes; then the weakest areas' remaining themes. A flat profile therefore
    gets its own level's themes, and flat profiles at different levels get different ones.
    """
    if level is None:
        return ()

    def suits(theme_id: str, *levels: int | None) -> bool:
        return any(n in bank.theme(theme_id).levels for n in levels if n is not None)

    areas = [(bank.dimension(item.id).themes, item.level) for item in weakest]
    fitting = _round_robin(
        [tuple(t for t in themes if suits(t, lv, level)) for themes, lv in areas]
    )
    for_level = [theme.id for theme in bank.themes if level in theme.levels]
    others = _round_robin([themes for themes, _lv in areas])
    ordered: list[str] = []
    for theme in fitting + for_level + others:
        if theme not in ordered:
            ordered.append(theme)
    refs = (bank.theme(theme_id) for theme_id in ordered[: bank.scoring.max_themes])
    return tuple(ThemeRef(t.id, t.title, t.anchor) for t in refs)


def _overview_page(bank: Bank) -> str:
    """The page to read without a level: the levels overview beside the level pages."""
    folder = bank.levels[0].page.rpartition("/")[0]
    return f"{folder}/index.md" if folder else "index.md"


def _not_enough_reason(answered: int, required: int, total: int) -> str:
    return (
        f"Not enough answers for a level yet: you answered questions in "
        f"{answered} of the {total} areas, and at least {required} are "
        f'needed. "Not sure" answers don\'t count, so try to answer a few more.'
    )


def build_result(bank: Bank, answers: Answers, evaluation: Evaluation) -> Result:
    """Attach the profile, contrasts and advice to a rule's :class:`Evaluation`."""
    results = [_dimension_result(bank, d, answers, evaluation) for d in bank.dimensions]
    ranked = _rank(results)
    level = evaluation.level
    weakest = _weakest(ranked, bank.scoring.max_weakest) if level is not None else []
    named = bank.level(level) if level is not None else None
    next_level = level + 1 if level is not None and level < bank.top else None
    required = bank.scoring.min_dimensions
    return Result(
        level=level,
        possible_level=evaluation.possible_level,
        level_name=named.name if named else None,
        summary=named.summary if named else None,
        next_level=next_level,
        next_level_name=bank.level(next_level).name if next_level is not None else None,
        page=named.page if named else _overview_page(bank),
        enough=level is not None,
        reason=None
        if level is not None
        else _not_enough_reason(len(ranked), required, len(bank.dimensions)),
        answered=len(ranked),
        required=required,
        questions_answered=sum(item.answered for item in results),
        questions_total=len(bank.questions),
        dimensions=tuple(results),
        contrasts=_contrasts(results),
        blockers=_blockers(bank, ranked, level) if level is not None else (),
        weakest=tuple(weakest),
        focus_areas=named.focus if named else (),
        themes=_themes(bank, weakest, level),
        answers=dict(answers),
        average=None if evaluation.average is None else float(evaluation.average),
        average_level=evaluation.average_level,
        cap=evaluation.cap,
        code_version=bank.code_version,
    )


#: A scoring rule: checked answers in, levels out.
type Rule = Callable[[Bank, Answers], Evaluation]


def score(bank: Bank, answers: Answers, rule: Rule = evaluate) -> Result:
    """Score already-checked ``answers`` (see :func:`quiz.answers.check_answers`)."""
    return build_result(bank, answers, rule(bank, answers))
