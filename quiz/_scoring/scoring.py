"""Score a set of answers.

The rule (banks that declare gates: version 3 on)
-------------------------------------------------
1. Each answer is a level. "Not sure" answers and skipped questions are *open*; "not
   applicable" answers (offered only where the bank allows them) drop out altogether.
2. An area's level is the average of its answers, rounded to the nearest level; an exact half
   rounds up, so one answer a level below the others does not pull an area down. An area whose
   every question is "not applicable" is left out: it counts neither for nor against.
3. The level is *staged*, as the source's model is: each level from 2 up names the areas that
   define it (its **gates**, in the bank, each citing the level-page section it comes from).
   A level is reached when its gates, and those of every lower level, are each at the level
   they gate or above (an area that gates Level 2 and Level 3 needs Level 3, not more). Every
   other area is *profile*: shown, explained and advised on, never moving the headline.
4. Open questions are unknown, so the result is a range. The **confirmed** level counts every
   open question at the lowest level; the **possible** level counts them at the top level. So
   "Not sure" never raises the confirmed level, and an area with no answers is unknown, never
   strong.
5. A level needs at least ``min_dimensions`` areas with an answer (``[scoring]`` in the bank),
   or every applicable area when fewer apply; with fewer, there is no level, only a reason.

Banks without gates (the frozen version 2 bank) are scored with the version 2 rule,
:func:`evaluate_capped`: the average of the area averages, an exact half rounding down, never
more than one level above the weakest area.

Properties (each one a Hypothesis test in ``tests/test_quiz_scoring.py``): unanimity,
monotonicity, "Not sure" never raises the confirmed level, ``possible_level >= level``,
robustness to one-level noise on a single answer, the staged properties (a flat level-k
profile keeps k when an area that gates no level up to k drops to the lowest level, and falls
to exactly k - 1 when one gate of level k is one step short), and bank order never decides.

What the result adds
--------------------
* ``contrasts``: two answers in one area that are two or more levels apart; reported, not
  averaged away.
* ``blockers``: the applicable areas below the next level, ranked by a stated rule
  (:func:`rank_key`): areas with no answer at all first (they are open questions to answer),
  then the gates of the next level, then the furthest below it; remaining ties by name, never
  by bank order. Each links to the step that builds *that area* from its own level (the area's
  ``steps`` in the bank, checked against the ``[[steps]]`` list), wherever it sits.
* ``named``: the areas "what to do next" names: up to ``max_weakest`` blockers (or, at the
  top level, the weakest areas) in rank order, tied areas taken whole or not at all (a tie
  group that would overflow ends the list, unless nothing is named yet).
* ``themes``: conversation themes of the named areas, whatever the levels they are tagged with,
  then the level's own themes, up to ``max_themes``.

The same result shape serves older result codes: :mod:`quiz._results.legacy` evaluates them with the
rule they were first scored with and builds the result through :func:`build_result`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from math import lcm

from .._bank.model import NA, NA_LABEL, NOT_SURE_LABEL, Answer, Bank, Dimension
from .answers import Answers

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
    "evaluate_capped",
    "nearest_level",
    "rank_key",
    "score",
    "scoring_rules",
]

#: Two answers in one area this many levels apart or more are a contrast.
CONTRAST_GAP = 2

#: How the label of an area with no answer reads when every question in it is "Not sure".
ALL_NOT_SURE = "Not sure on every question"


def nearest_level(value: Fraction) -> int:
    """Round to the nearest whole level; an exact half rounds down (the version 2 rule)."""
    return _nearest(value.numerator, value.denominator)


def _nearest(total: int, count: int) -> int:
    """``nearest_level(total / count)`` in integers: ceil(total / count - 1/2)."""
    return -((count - 2 * total) // (2 * count))


def _nearest_up(total: int, count: int) -> int:
    """Round ``total / count`` to the nearest whole level, an exact half rounding up."""
    return (2 * total + count) // (2 * count)


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


def _names(bank: Bank, ids: tuple[str, ...]) -> str:
    names = [bank.dimension(i).name for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def scoring_rules(bank: Bank) -> tuple[str, ...]:
    """The scoring rule as plain sentences, filled in with the bank's numbers and gates."""
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    low, top = bank.lowest, bank.top
    if not bank.staged:
        return _capped_rules(bank)
    gates = [
        f"Level {lv.number}: {_names(bank, bank.gates(lv.number))}"
        for lv in bank.levels
        if bank.gates(lv.number)
    ]
    profile = tuple(d.id for d in bank.dimensions if not bank.gated_levels(d.id))
    rules = [
        f'Each answer counts as a level from {low} to {top}. "Not sure" answers and skipped '
        'questions are open: unknown, not guessed. "Not applicable" answers, offered only where '
        "a question can fail to apply, leave the question out.",
        "Each area's level is the average of its answers, rounded to the nearest level; an "
        "exact half rounds up, so one answer a level below the others does not pull an area "
        "down.",
        "Your level is staged, as the playbook's model is: each level names the areas that "
        "define it, and you reach a level when those areas, and the areas of every level "
        "below it, are each at the level they define or above (an area that two levels name "
        f"needs the higher of the two). {'; '.join(gates)}.",
    ]
    if profile:
        rules.append(
            f"The other areas ({_names(bank, profile)}) are your profile: they are shown and "
            "advised on, but they never move the level."
        )
    rules += [
        f"Open questions make the result a range. The confirmed level counts each open "
        f"question at Level {low}; the possible level counts it at Level {top}. So "
        '"Not sure" can never raise your level, and an area with no answers is unknown, '
        "never strong.",
        f"A level needs answers in at least {needed} of the {total} areas (or in every area "
        "that applies, if fewer apply, and at least one); with fewer, the result explains "
        "what is missing instead. An area whose every question is not applicable is left "
        "out.",
        "What to do next names up to "
        f"{bank.scoring.max_weakest} areas below the next level, in this order: areas with "
        "no answer yet, then the areas the next level needs, then those furthest below it. "
        "Areas that tie are named together or not at all, so the order of the questions never "
        "decides.",
        f"Two answers in one area that are {CONTRAST_GAP} or more levels apart are reported "
        "side by side as a contrast rather than averaged away.",
    ]
    return tuple(rules)


def _capped_rules(bank: Bank) -> tuple[str, ...]:
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
# The rules


#: An area's average as (sum of answers, number of questions): exact, and cheap under Pyodide.
type Mean = tuple[int, int]


def _dimension_means(bank: Bank, answers: Answers, fill: int) -> dict[str, Mean]:
    """Each applicable area's average, open questions counted at ``fill``; "not applicable"
    questions are left out, and an area with nothing else is left out altogether."""
    means: dict[str, Mean] = {}
    for dimension in bank.dimensions:
        values = [
            level if isinstance(level := answers.get(q.id), int) else fill
            for q in bank.questions_for(dimension.id)
            if answers.get(q.id) != NA
        ]
        if values:
            means[dimension.id] = (sum(values), len(values))
    return means


def _answered(bank: Bank, answers: Answers, dimension_id: str) -> int:
    return sum(isinstance(answers.get(q.id), int) for q in bank.questions_for(dimension_id))


def _overall(bank: Bank, means: Mapping[str, Mean]) -> tuple[Fraction, int, int, int]:
    """(average of area averages, its nearest level, the cap, the overall level)."""
    common = lcm(*(count for _total, count in means.values()))
    average = Fraction(
        sum(total * (common // count) for total, count in means.values()), common * len(means)
    )
    average_level = nearest_level(average)
    cap = min(_nearest(total, count) for total, count in means.values()) + 1
    return average, average_level, cap, min(average_level, cap, bank.top)


def evaluate_capped(bank: Bank, answers: Answers) -> Evaluation:
    """The version 2 rule: average of the areas, at most one level above the weakest area."""
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
        counted={d: _nearest(*low[d]) for d in low},
    )


def _staged_level(bank: Bank, levels: Mapping[str, int]) -> int:
    """The highest level whose gates, and those of every lower level, are at that level or
    above. Gate areas that do not apply are left out of their level."""
    reached = bank.lowest
    for level in bank.levels[1:]:
        gates = [d for d in bank.gates(level.number) if d in levels]
        if any(levels[d] < level.number for d in gates):
            break
        reached = level.number
    return reached


def _required(bank: Bank, applicable: int) -> int:
    return max(1, min(bank.scoring.min_dimensions, applicable))


def evaluate(bank: Bank, answers: Answers) -> Evaluation:
    """Apply the bank's rule (see the module docstring) to checked answers."""
    if not bank.staged:
        return evaluate_capped(bank, answers)
    low = _dimension_means(bank, answers, bank.lowest)
    high = _dimension_means(bank, answers, bank.top)
    counted = {d: _nearest_up(*mean) for d, mean in low.items()}
    ceiling = {d: _nearest_up(*mean) for d, mean in high.items()}
    known = {d: _answered(bank, answers, d) > 0 for d in low}
    enough = sum(known.values()) >= _required(bank, len(low))
    level = possible = average = average_level = None
    if enough:
        level = _staged_level(bank, counted)
        possible = _staged_level(bank, ceiling)
        common = lcm(*(count for _total, count in low.values()))
        average = Fraction(
            sum(total * (common // count) for total, count in low.values()), common * len(low)
        )
        average_level = _nearest_up(average.numerator, average.denominator)
    return Evaluation(
        dimension_levels={d: counted[d] if known[d] else None for d in low},
        dimension_possible={d: ceiling[d] if known[d] else None for d in high},
        level=level,
        possible_level=possible,
        average=average,
        average_level=average_level,
        cap=None,
        not_applicable=frozenset(d.id for d in bank.dimensions if d.id not in low),
        counted=counted,
        staged=True,
    )


# ---------------------------------------------------------------------------------------------
# Building the result


def _statement(bank: Bank, question_id: str, level: Answer) -> str:
    if level is None:
        return NOT_SURE_LABEL
    if level == NA:
        return NA_LABEL
    return bank.question(question_id).option(level).text


def _answer_views(bank: Bank, dimension: Dimension, answers: Answers) -> tuple[AnswerView, ...]:
    return tuple(
        AnswerView(q.id, q.number, q.text, answers[q.id], _statement(bank, q.id, answers[q.id]))
        for q in bank.questions_for(dimension.id)
        if q.id in answers
    )


def _dimension_result(
    bank: Bank, dimension: Dimension, answers: Answers, evaluation: Evaluation
) -> DimensionResult:
    views = _answer_views(bank, dimension, answers)
    given = [view.level for view in views if isinstance(view.level, int)]
    level = evaluation.dimension_levels.get(dimension.id)
    counted = evaluation.counted.get(dimension.id)
    return DimensionResult(
        id=dimension.id,
        name=dimension.name,
        level=level,
        possible=evaluation.dimension_possible.get(dimension.id),
        mean=sum(given) / len(given) if given else None,
        answered=len(given),
        questions=len(bank.questions_for(dimension.id)),
        guide=dimension.step(bank.lowest if counted is None else counted),
        answers=views,
        not_applicable=sum(view.level == NA for view in views),
        gates=bank.gated_levels(dimension.id),
        counted=counted,
    )


def rank_key(item: DimensionResult, target: int) -> tuple[int, int, int, str]:
    """How areas below ``target`` are ordered for "what to do next": an area with no answer
    first, then the gates of ``target``, then the furthest below it, then by name (never by
    bank order)."""
    counted = item.counted if item.counted is not None else 0
    return (
        0 if item.all_not_sure else 1,
        0 if target in item.gates else 1,
        counted - target,
        item.name.casefold(),
    )


def _tie(item: DimensionResult, target: int) -> tuple[int, int, int]:
    return rank_key(item, target)[:3]


def _named(ranked: list[DimensionResult], target: int, most: int) -> list[DimensionResult]:
    """Up to ``most`` ranked areas, taking tied areas (same :func:`rank_key` but for the name)
    whole or not at all: a tie group that would overflow ``most`` ends the list, unless the
    list is still empty, when the whole group is named. Bank order never splits a tie."""
    named: list[DimensionResult] = []
    groups: dict[tuple[int, int, int], list[DimensionResult]] = {}
    for item in ranked:
        groups.setdefault(_tie(item, target), []).append(item)
    for group in groups.values():
        if named and len(named) + len(group) > most:
            break
        named += group
    return named


def _contrasts(results: list[DimensionResult]) -> tuple[Contrast, ...]:
    found: list[Contrast] = []
    for item in results:
        given = [view for view in item.answers if isinstance(view.level, int)]
        for first, second in combinations(given, 2):
            assert isinstance(first.level, int)
            assert isinstance(second.level, int)
            if abs(first.level - second.level) >= CONTRAST_GAP:
                high, low = (first, second) if first.level > second.level else (second, first)
                found.append(Contrast(item.id, item.name, high, low))
    found.sort(key=lambda c: -(_level(c.high) - _level(c.low)))
    return tuple(found)


def _level(view: AnswerView) -> int:
    return view.level if isinstance(view.level, int) else 0


def _lift(bank: Bank, item: DimensionResult, target: int) -> tuple[str, ...]:
    """What ``target`` looks like in this area, question by question: only where the reader
    answered below it (quoting an answer they already gave as their goal would mislead)."""
    given = {view.question: view.level for view in item.answers}
    return tuple(
        question.option(target).text
        for question in bank.questions_for(item.id)
        if isinstance(reached := given.get(question.id), int) and reached < target
    )


def _open_questions(bank: Bank, item: DimensionResult) -> tuple[str, ...]:
    """The area's questions left open ("Not sure" or skipped), which count at the lowest level
    until they are answered."""
    given = {view.question: view.level for view in item.answers}
    return tuple(
        question.text
        for question in bank.questions_for(item.id)
        if not isinstance(given.get(question.id), int) and given.get(question.id) != NA
    )


def _below(results: list[DimensionResult], target: int) -> list[DimensionResult]:
    below = [
        item
        for item in results
        if item.applies and item.counted is not None and item.counted < target
    ]
    return sorted(below, key=lambda item: rank_key(item, target))


def _blockers(bank: Bank, ranked: list[DimensionResult], target: int) -> tuple[Blocker, ...]:
    """Areas below the next level; "caps" marks the next level's gates (they hold the level)."""
    return tuple(
        Blocker(
            id=item.id,
            name=item.name,
            level=item.counted if item.counted is not None else bank.lowest,
            caps=target in item.gates,
            lift=_lift(bank, item, target),
            open=_open_questions(bank, item),
            guide=item.guide,
            unanswered=item.all_not_sure,
            target=target,
        )
        for item in ranked
    )


def _round_robin(lists: list[tuple[str, ...]]) -> list[str]:
    chosen: list[str] = []
    for turn in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if turn < len(items) and items[turn] not in chosen:
                chosen.append(items[turn])
    return chosen


def _themes(bank: Bank, named: list[DimensionResult], level: int | None) -> tuple[ThemeRef, ...]:
    """Conversation themes: in turn from each named area, its themes (most useful first),
    whatever levels they are tagged with; then the level's own themes. A flat profile therefore
    gets the themes of the areas its next level needs, and a weak area brings its own themes
    at any level (recognition brings "Celebrating successes")."""
    if level is None:
        return ()
    from_areas = _round_robin([bank.dimension(item.id).themes for item in named])
    for_level = [theme.id for theme in bank.themes if level in theme.levels]
    ordered: list[str] = []
    for theme in from_areas + for_level:
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


def _weakest(results: list[DimensionResult], top: int, most: int) -> list[DimensionResult]:
    """The lowest applicable areas (open questions at the lowest level), leaving out any level
    with the strongest: when every area ties, none is weaker than the others."""
    counted = [item for item in results if item.applies and item.counted is not None]
    if not counted:
        return []
    strongest = max(item.counted or 0 for item in counted)
    return _named(_below(counted, strongest), strongest, most) if strongest <= top else []


def build_result(bank: Bank, answers: Answers, evaluation: Evaluation) -> Result:
    """Attach the profile, contrasts and advice to a rule's :class:`Evaluation`."""
    results = [_dimension_result(bank, d, answers, evaluation) for d in bank.dimensions]
    level = evaluation.level
    most = bank.scoring.max_weakest
    next_level = level + 1 if level is not None and level < bank.top else None
    ranked = _below(results, next_level) if next_level is not None else []
    weakest = _weakest(results, bank.top, most) if level is not None else []
    named = _named(ranked, next_level, most) if next_level is not None else weakest
    named_level = bank.level(level) if level is not None else None
    applicable = [item for item in results if item.applies]
    answered = sum(item.answered > 0 for item in applicable)
    required = (
        _required(bank, len(applicable)) if evaluation.staged else bank.scoring.min_dimensions
    )
    return Result(
        level=level,
        possible_level=evaluation.possible_level,
        level_name=named_level.name if named_level else None,
        summary=named_level.summary if named_level else None,
        next_level=next_level,
        next_level_name=bank.level(next_level).name if next_level is not None else None,
        page=named_level.page if named_level else _overview_page(bank),
        enough=level is not None,
        reason=None
        if level is not None
        else _not_enough_reason(answered, required, len(applicable)),
        answered=answered,
        required=required,
        questions_answered=sum(item.answered + item.not_applicable for item in results),
        questions_total=len(bank.questions),
        dimensions=tuple(results),
        contrasts=_contrasts(results),
        blockers=_blockers(bank, ranked, next_level) if next_level is not None else (),
        weakest=tuple(weakest),
        focus_areas=named_level.focus if named_level else (),
        themes=_themes(bank, named, level),
        answers=dict(answers),
        average=None if evaluation.average is None else float(evaluation.average),
        average_level=evaluation.average_level,
        cap=evaluation.cap,
        code_version=bank.code_version,
        named=tuple(item.id for item in named) if level is not None else (),
        staged=evaluation.staged,
        gates={lv.number: bank.gates(lv.number) for lv in bank.levels if lv.gates},
        not_applicable=tuple(sorted(evaluation.not_applicable)),
    )


#: A scoring rule: checked answers in, levels out.
type Rule = Callable[[Bank, Answers], Evaluation]


def score(bank: Bank, answers: Answers, rule: Rule = evaluate) -> Result:
    """Score already-checked ``answers`` (see :func:`quiz._scoring.answers.check_answers`)."""
    return build_result(bank, answers, rule(bank, answers))
