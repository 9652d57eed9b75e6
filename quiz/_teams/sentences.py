"""The team in sentences: its level (or why it has none), how that level is worked out, the
team rule for the "How scoring works" page, and the names the sentences hold.

A name a person typed is set apart from the sentence around it (:func:`isolate`), so that a
name written right to left cannot turn the rest of the sentence around.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._bank.model import Bank
from .team import MAX_DISAGREEMENTS, TeamView, middle

__all__ = [
    "ISOLATES",
    "default_names",
    "isolate",
    "level_basis",
    "plural",
    "team_rules",
    "team_statement",
]

#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the marks around a name in a sentence.
ISOLATES = ("\u2068", "\u2069")


def plural(count: int, one: str, many: str) -> str:
    """``count`` with the word for one or for many: "1 person", "3 people"."""
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
