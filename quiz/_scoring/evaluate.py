"""The rules that turn answers into levels: the staged rule (:func:`evaluate`, banks with
gates) and the version 2 rule (:func:`evaluate_capped`); see :mod:`quiz._scoring.scoring`."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from math import lcm

from .._bank.model import NA, Bank
from .answers import Answers
from .result import Evaluation

__all__ = ["evaluate", "evaluate_capped", "nearest_level", "required_areas"]


def nearest_level(value: Fraction) -> int:
    """Round to the nearest whole level; an exact half rounds down (the version 2 rule)."""
    return _nearest(value.numerator, value.denominator)


def _nearest(total: int, count: int) -> int:
    """``nearest_level(total / count)`` in integers: ceil(total / count - 1/2)."""
    return -((count - 2 * total) // (2 * count))


def _nearest_up(total: int, count: int) -> int:
    """Round ``total / count`` to the nearest whole level, an exact half rounding up."""
    return (2 * total + count) // (2 * count)


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


def required_areas(bank: Bank, applicable: int) -> int:
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
    enough = sum(known.values()) >= required_areas(bank, len(low))
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
