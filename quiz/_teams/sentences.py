"""The team in sentences: its level (or why it has none), how that level is worked out, the
team rule for the "How scoring works" page, and the names the sentences hold.

A name a person typed is set apart from the sentence around it (:func:`isolate`), so that a
name written right to left cannot turn the rest of the sentence around.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._bank.model import Bank
from .._text import plural, text
from .team import MAX_DISAGREEMENTS, TeamView, middle

__all__ = [
    "ISOLATES",
    "default_names",
    "isolate",
    "join_names",
    "level_basis",
    "team_rules",
    "team_statement",
]

#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the marks around a name in a sentence.
ISOLATES = ("\u2068", "\u2069")


def isolate(name: str) -> str:
    """``name`` set apart from the sentence around it (U+2068 ... U+2069), as HTML's <bdi> sets
    it apart: a name written right to left, or holding an unclosed right-to-left override
    (U+202E), keeps its direction to itself instead of turning the rest of the sentence
    around. The marks are invisible."""
    return f"{ISOLATES[0]}{name}{ISOLATES[1]}"


def join_names(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    joined = names[0]
    for name in names[1:-1]:
        joined = text("team.names_comma", names=joined, name=name)
    if len(names) > 1:
        joined = text("team.names_and", names=joined, last=names[-1])
    return joined


def default_names(count: int) -> list[str]:
    """What people are called when no name is given: "Person 1", "Person 2", ..."""
    return [text("team.person", number=number) for number in range(1, count + 1)]


def _no_level(view: TeamView, names: Sequence[str]) -> str:
    missing = view.unlevelled
    if len(missing) == view.members:
        if view.members == 1:
            return text("team.no_level_alone", name=names[0])
        return text("team.no_level_nobody")
    if len(missing) == 1:
        return text("team.no_level_one", name=names[missing[0]])
    listed = (
        join_names([names[index] for index in missing])
        if len(missing) <= 3
        else plural("team.no_level_count", view.members, missing=len(missing))
    )
    return text("team.no_level_some", names=listed)


def team_statement(view: TeamView, names: Sequence[str] | None = None) -> str:
    """The team's level in one sentence, or why it has none. ``names`` (default "Person 1",
    "Person 2", ...) name the members without a level, placed as given: a name a person typed
    should come set apart from the sentence (:func:`isolate`)."""
    called = list(names) if names is not None else default_names(view.members)
    if view.level is None:
        if not view.members:
            return text("team.nobody")
        return _no_level(view, called)
    levels = [level for level in view.levels if level is not None]
    low, high = min(levels), max(levels)
    if view.members == 1:
        statement = text("team.level_one", level=view.level)
    else:
        statement = plural(
            "team.level_all" if low == high else "team.level_range",
            view.members,
            level=view.level,
            low=low,
            high=high,
        )
    if view.possible_level is not None and view.possible_level > view.level:
        return plural(
            "team.level_could_lift",
            view.members,
            statement=statement,
            possible=view.possible_level,
        )
    return text("team.level_end", statement=statement)


def level_basis() -> str:
    """How the team level is worked out, in two sentences (shown under the team level)."""
    return text("team.level_basis")


def team_rules(bank: Bank) -> tuple[str, ...]:
    """The team rule as plain sentences, filled in with the bank's numbers (for the "How
    scoring works" page)."""
    low, top = bank.lowest, bank.top
    meet, above = middle([low, top]), bank.level_numbers[1]
    return (
        text("team.rule_median", low=low, top=top, meet=meet, above=above),
        text("team.rule_earlier"),
        text("team.rule_possible"),
        text("team.rule_no_level"),
        text("team.rule_bounds"),
        text("team.rule_areas"),
        plural("team.rule_disagreements", MAX_DISAGREEMENTS),
    )
