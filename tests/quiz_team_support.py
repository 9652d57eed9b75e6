"""What the team engine's tests share: the bank's levels and areas, teams made from the
members' result codes (:func:`quiz.team_view`), people steady at one level, the median the
team rule takes, and the team's sentence (:func:`quiz.describe`).
"""

from __future__ import annotations

import functools
import math
import re
import statistics
from collections.abc import Mapping, Sequence

from quiz import Result, describe, encode, load_bank, score, team_view
from quiz.build import team_rules
from quiz.types import Answer, TeamView
from tests.quiz_support import flat

BANK = load_bank()
FIRST, SECOND = BANK.dimensions[0], BANK.dimensions[1]
LOW, TOP = BANK.lowest, BANK.top
MIDDLE = BANK.level_numbers[len(BANK.level_numbers) // 2]


def key(dimension_id: str) -> str:
    return dimension_id.replace("-", "_")


def results(answer_sets: Sequence[Mapping[str, Answer]]) -> list[Result]:
    return [score(BANK, dict(answers)) for answers in answer_sets]


def team_of(answer_sets: Sequence[Mapping[str, Answer]]) -> TeamView:
    """The team of people who answered so, compared from their result codes."""
    return team_view([encode(BANK, answers) for answers in answer_sets])


@functools.cache
def steady_code(level: int | None) -> str:
    """The code of someone at ``level``: every question answered with it; for None, only the
    first area answered, which leaves no level of one's own."""
    if level is None:
        return encode(BANK, {q.id: MIDDLE for q in BANK.questions_for(FIRST.id)})
    return encode(BANK, flat(BANK, level))


def steady_team(levels: Sequence[int | None]) -> TeamView:
    """The team of people at these levels (None: no level of their own)."""
    return team_view([steady_code(level) for level in levels])


def median_rounding_down(levels: Sequence[int]) -> int:
    """The rule as the rules page states it: the median, halfway between the two middle levels
    for an even count, an exact half rounding down."""
    return math.floor(statistics.median(levels))


def statement(view: TeamView, names: Sequence[str] | None = None) -> str:
    """The team's sentence, naming the members by ``names`` (default "Person 1", ...)."""
    text = describe(view, names=names)["level_statement"]
    assert isinstance(text, str)
    return text


def rules_limit() -> int:
    """How many disagreements the team rule says are listed at most ("up to N areas")."""
    found = re.search(r"up to (\d+) areas", " ".join(team_rules(BANK)))
    assert found, "the team rule names no limit on the areas listed"
    return int(found[1])


def check_within_levels(view: TeamView) -> None:
    if None in view.levels:
        assert (view.level, view.possible_level) == (None, None)
        return
    levels = [level for level in view.levels if level is not None]
    assert view.level is not None
    assert min(levels) <= view.level <= max(levels)
    possible = [p if p is not None else 0 for p in view.possible_levels]
    assert view.possible_level is not None
    assert view.level <= view.possible_level <= max(max(possible), view.level)
