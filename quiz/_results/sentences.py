"""The sentences a result says about itself: its level, why, each area's label, each
blocker's goal, and the label of a step link. Every word the reader sees is written here, in
Python; :mod:`quiz._results.report` puts them into the result's JSON."""

from __future__ import annotations

from .._bank.model import NA, NA_LABEL, Bank
from .._scoring.scoring import ALL_NOT_SURE, Blocker, DimensionResult, Result

__all__ = [
    "answer_label",
    "area_label",
    "blocker_label",
    "explain_level",
    "goal",
    "guide_label",
    "level_statement",
    "open_sentence",
]


def guide_label(bank: Bank, link: str) -> str:
    """Link text for a step: "Level 2, step 1", "Level 5, staying".

    The level comes from the bank's level pages; the rest from the anchor.
    """
    page, _, anchor = link.partition("#")
    where = next((f"Level {lv.number}" for lv in bank.levels if lv.page == page), "Playbook")
    words = anchor.replace("-", " ").strip()
    return f"{where}, {words}" if words else where


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def level_statement(result: Result) -> str | None:
    """The confirmed and possible level in one plain sentence."""
    if result.level is None:
        return None
    confirmed = f"Level {result.level} confirmed"
    open_count = result.open_questions
    if open_count == 0:
        return f"{confirmed}: every question has an answer."
    questions = _plural(open_count, "open question")
    if result.possible_level is not None and result.possible_level > result.level:
        # "could ... as high as": the open questions count at the lowest level until answered,
        # and answered, they may lift the level anywhere up to the possible one, not to it.
        return (
            f"{confirmed}; answering the {questions} could lift it as high as "
            f"Level {result.possible_level}."
        )
    return f"{confirmed}; answering the {questions} would not change it."


def area_label(item: DimensionResult) -> str:
    """An area's level as the panel shows it: "Level 3", "Level 2, up to 4 (1 open)"."""
    if not item.applies:
        return f"{NA_LABEL} (left out)"
    if item.level is None:
        if item.answers and all(view.level is None or view.level == NA for view in item.answers):
            return ALL_NOT_SURE
        return "Unknown (no answers)"
    if item.possible is not None and item.possible > item.level:
        return f"Level {item.level}, up to {item.possible} ({_plural(item.open, 'open question')})"
    return f"Level {item.level}"


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _staged_why(result: Result) -> str:
    """The staged rule's reason in plain words: what the level rests on, what the next needs."""
    assert result.level is not None
    names = {item.id: item.name for item in result.dimensions}
    left_out = set(result.not_applicable)
    reached = [
        names[area]
        for number, areas in result.gates.items()
        if number <= result.level
        for area in areas
        if area not in left_out
    ]
    unique = list(dict.fromkeys(reached))
    if unique:
        text = (
            f"Level {result.level} rests on the areas it and the levels below it need: "
            f"{_names(unique)}, each at its level or above."
        )
    else:
        text = f"Level {result.level} is where every organisation starts."
    if result.next_level is not None:
        needed = [a for a in result.gates.get(result.next_level, ()) if a not in left_out]
        below = [
            item
            for item in result.dimensions
            if item.id in needed and item.counted is not None and item.counted < result.next_level
        ]
        short = [f"{item.name} is at Level {item.counted}" for item in below]
        text += (
            f" Level {result.next_level} also needs {_names([names[a] for a in needed])} at "
            f"Level {result.next_level}"
        )
        text += f"; today {_names(short)}." if short else "."
        if any(item.open for item in below):
            text += " Open questions count at the lowest level until they are answered."
    if left_out:
        text += f" Not applicable, so left out: {_names([names[a] for a in sorted(left_out)])}."
    return text


def explain_level(result: Result) -> str | None:
    """Why the result is this level and not the next, in plain words (None without a level)."""
    if result.level is not None and result.staged:
        return _staged_why(result)
    if result.level is None or result.average is None or result.cap is None:
        return None
    counted = " (each open question counted at the lowest level)" if result.open_questions else ""
    average = f"Your areas average {result.average:.2f}{counted}"
    if result.capped:
        floor = result.cap - 1
        named = next((d for d in result.dimensions if d.level == floor), None)
        if named is not None:
            which = f"your weakest area, {named.name}, is at Level {floor}"
        else:
            unknown = sum(d.level is None for d in result.dimensions)
            areas = (
                "an area with no answers counts" if unknown == 1 else "areas with no answers count"
            )
            which = f"{areas} at Level {floor}"
        return (
            f"{average}, which is nearest to Level {result.average_level}. But {which}, and a "
            f"result can be at most one level above its weakest area: Level {result.cap}."
        )
    text = f"{average}, which is nearest to Level {result.average_level}."
    if result.next_level is not None:
        text += (
            f" Level {result.next_level} needs an average of more than "
            f"{result.next_level - 0.5:.1f} with no area below Level {result.level}."
        )
    return text


def answer_label(level: object, statement: str) -> str:
    """An answer as the panel lists it: the statement quoted with its level, or what an open
    or left-out question is."""
    if level is None:
        return "Not sure (an open question)"
    if level == NA:
        return f"{NA_LABEL} (left out)"
    return f"Level {level}: “{statement}”"


def goal(item: Blocker) -> str:
    """The next level in this area, as a goal."""
    if not item.lift:
        return f"Aim for Level {item.target} in {item.name}."
    quoted = " ".join(f"“{text}”" for text in item.lift)
    return f"Aim for Level {item.target} in {item.name}: {quoted}"


def open_sentence(item: Blocker) -> str | None:
    if not item.open:
        return None
    if item.unanswered:
        return (
            f"Answer these {_plural(len(item.open), 'open question')} first: until you do, "
            "they count at the lowest level."
        )
    return (
        f"Still open ({_plural(len(item.open), 'question')}, counted at the lowest level until "
        "you answer them)."
    )


def blocker_label(item: Blocker) -> str:
    if item.unanswered:
        return ALL_NOT_SURE
    return f"Level {item.level}"
