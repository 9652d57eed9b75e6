"""The sentences a result says about itself: its level, why, each area's label, each
blocker's goal, and the label of a step link. Every word the reader sees is written here, in
Python; :mod:`quiz._results.report` puts them into the result's JSON."""

from __future__ import annotations

from .._bank.model import NA, Bank
from .._scoring.rules import names_list
from .._scoring.scoring import Blocker, DimensionResult, Result
from .._text import decimal, plural
from .._text import text as sentence

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


#: Anchors of the playbook's step sections that have their own link text in the catalog.
_ANCHORS = {
    "staying": "results.guide_staying",
    "north-star": "results.guide_north_star",
    "co-design": "results.guide_co_design",
    "partnership": "results.guide_partnership",
}


def guide_label(bank: Bank, link: str) -> str:
    """Link text for a step: "Level 2, step 1", "Level 5, staying".

    The level comes from the bank's level pages; the rest from the anchor.
    """
    page, _, anchor = link.partition("#")
    where = next(
        (sentence("results.level", level=lv.number) for lv in bank.levels if lv.page == page),
        None,
    )
    if where is None:
        where = sentence("results.guide_playbook")
    step, _, number = anchor.partition("-")
    if step == "step" and number.isdigit():
        return sentence("results.guide_step", where=where, number=number)
    if anchor in _ANCHORS:
        return sentence(_ANCHORS[anchor], where=where)
    words = anchor.replace("-", " ").strip()  # an anchor the catalog does not name: its words
    return sentence("results.guide", where=where, words=words) if words else where


def level_statement(result: Result) -> str | None:
    """The confirmed and possible level in one plain sentence."""
    if result.level is None:
        return None
    open_count = result.open_questions
    if open_count == 0:
        return sentence("results.level_all_answered", level=result.level)
    if result.possible_level is not None and result.possible_level > result.level:
        # "could ... as high as": the open questions count at the lowest level until answered,
        # and answered, they may lift the level anywhere up to the possible one, not to it.
        return plural(
            "results.level_could_lift",
            open_count,
            level=result.level,
            possible=result.possible_level,
        )
    return plural("results.level_unchanged", open_count, level=result.level)


def area_label(item: DimensionResult) -> str:
    """An area's level as the panel shows it: "Level 3", "Level 2, up to 4 (1 open)"."""
    if not item.applies:
        return sentence("results.left_out")
    if item.level is None:
        if item.answers and all(view.level is None or view.level == NA for view in item.answers):
            return sentence("scoring.all_not_sure")
        return sentence("results.area_unknown")
    if item.possible is not None and item.possible > item.level:
        return plural("results.area_range", item.open, level=item.level, possible=item.possible)
    return sentence("results.level", level=item.level)


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
        parts = [sentence("results.why_rests_on", level=result.level, names=names_list(unique))]
    else:
        parts = [sentence("results.why_start", level=result.level)]
    if result.next_level is not None:
        needed = [a for a in result.gates.get(result.next_level, ()) if a not in left_out]
        below = [
            item
            for item in result.dimensions
            if item.id in needed and item.counted is not None and item.counted < result.next_level
        ]
        short = [
            sentence("results.why_short", name=item.name, level=item.counted) for item in below
        ]
        needs = names_list([names[a] for a in needed])
        if short:
            parts.append(
                sentence(
                    "results.why_next_short",
                    next=result.next_level,
                    names=needs,
                    short=names_list(short),
                )
            )
        else:
            parts.append(sentence("results.why_next", next=result.next_level, names=needs))
        if any(item.open for item in below):
            parts.append(sentence("results.why_open"))
    if left_out:
        left = names_list([names[a] for a in sorted(left_out)])
        parts.append(sentence("results.why_left_out", names=left))
    return " ".join(parts)


def explain_level(result: Result) -> str | None:
    """Why the result is this level and not the next, in plain words (None without a level)."""
    if result.level is not None and result.staged:
        return _staged_why(result)
    if result.level is None or result.average is None or result.cap is None:
        return None
    average = sentence(
        "results.why_average_open" if result.open_questions else "results.why_average",
        average=decimal(result.average, 2),
        nearest=result.average_level,
    )
    if result.capped:
        floor = result.cap - 1
        named = next((d for d in result.dimensions if d.level == floor), None)
        if named is not None:
            but = sentence(
                "results.why_capped_weakest", name=named.name, floor=floor, cap=result.cap
            )
        else:
            unknown = sum(d.level is None for d in result.dimensions)
            but = plural("results.why_capped_unknown", unknown, floor=floor, cap=result.cap)
        return f"{average} {but}"
    if result.next_level is None:
        return average
    needs = sentence(
        "results.why_next_average",
        next=result.next_level,
        threshold=decimal(result.next_level - 0.5, 1),
        level=result.level,
    )
    return f"{average} {needs}"


def answer_label(level: object, statement: str) -> str:
    """An answer as the panel lists it: the statement quoted with its level, or what an open
    or left-out question is."""
    if level is None:
        return sentence("results.answer_open")
    if level == NA:
        return sentence("results.left_out")
    return sentence("results.answer", level=level, statement=statement)


def goal(item: Blocker) -> str:
    """The next level in this area, as a goal."""
    if not item.lift:
        return sentence("results.goal", target=item.target, name=item.name)
    quoted = " ".join(sentence("results.quoted", text=text) for text in item.lift)
    return sentence("results.goal_quoted", target=item.target, name=item.name, quoted=quoted)


def open_sentence(item: Blocker) -> str | None:
    if not item.open:
        return None
    if item.unanswered:
        return plural("results.open_first", len(item.open))
    return plural("results.still_open", len(item.open))


def blocker_label(item: Blocker) -> str:
    if item.unanswered:
        return sentence("scoring.all_not_sure")
    return sentence("results.level", level=item.level)
