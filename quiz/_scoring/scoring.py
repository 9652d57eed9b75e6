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

Properties (each one a Hypothesis test in ``tests/test_quiz_scoring_*.py``): unanimity,
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

from collections.abc import Callable
from itertools import combinations

from .._bank.model import NA, Answer, Bank, Dimension, na_label, not_sure_label
from .._text import text as sentence
from .answers import Answers
from .evaluate import evaluate, evaluate_capped, nearest_level, required_areas
from .result import (
    CONTRAST_GAP,
    AnswerView,
    Blocker,
    Contrast,
    DimensionResult,
    Evaluation,
    Result,
    ThemeRef,
)
from .rules import scoring_rules

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

# ---------------------------------------------------------------------------------------------
# The rules


# ---------------------------------------------------------------------------------------------
# Building the result


def _statement(bank: Bank, question_id: str, level: Answer) -> str:
    if level is None:
        return not_sure_label()
    if level == NA:
        return na_label()
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
    return sentence("scoring.not_enough", answered=answered, required=required, total=total)


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
        required_areas(bank, len(applicable)) if evaluation.staged else bank.scoring.min_dimensions
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
