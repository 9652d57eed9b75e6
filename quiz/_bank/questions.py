"""Checking the bank's questions and their statements (options), the retired numbers, the
scoring settings and the result-code version.
"""

from __future__ import annotations

from collections.abc import Mapping

from .fields import (
    Where,
    did_you_mean,
    kind_of,
    known_keys,
    ordinal,
    read_id,
    read_link,
    read_table,
    read_tables,
    read_text,
    read_whole,
    required,
    span,
)
from .model import Level, Option, Question, ScoringSettings

_QUESTION_KEYS = ("id", "number", "dimension", "text", "not_applicable", "options")
_OPTION_KEYS = ("level", "text", "basis", "addition")
_SCORING_KEYS = ("min_dimensions", "max_weakest", "max_themes")
#: The longest question text, in characters: a question must read easily on a phone.
MAX_QUESTION_TEXT = 200


def _option(raw: object, where: Where, levels: Mapping[int, Level]) -> Option:
    table = read_table(raw, where, "options")
    level = read_whole(table, "level", where)
    if level not in levels:
        raise where.error("level", f"unexpected level {level} (levels are {span(tuple(levels))})")
    where = Where(where.source, f"{where.item.rsplit(' option', 1)[0]} option {level}")
    known_keys(table, _OPTION_KEYS, where)
    addition = table.get("addition", False)
    if not isinstance(addition, bool):
        raise where.error("addition", f"expected true or false, got {kind_of(addition)}")
    basis = read_link(table, "basis", where)
    page = levels[level].page
    if not addition and basis.split("#", 1)[0] != page:
        raise where.error(
            "basis",
            f"'{basis}' is not on {page}; a Level {level} statement reflects its own level's "
            "page, or is marked addition = true as the playbook's own addition",
        )
    return Option(level=level, text=read_text(table, "text", where), basis=basis, addition=addition)


def _options(
    table: Mapping[str, object], where: Where, levels: Mapping[int, Level]
) -> tuple[Option, ...]:
    raw = required(table, "options", where)
    if not isinstance(raw, list | tuple):
        raise where.error(
            "options", f"expected [[questions.options]] entries, one per level, got {kind_of(raw)}"
        )
    found: dict[int, Option] = {}
    for position, item in enumerate(raw, start=1):
        option = _option(item, Where(where.source, f"{where.item} option #{position}"), levels)
        if option.level in found:
            raise where.error("options", f"level {option.level} has two statements")
        found[option.level] = option
    for level in levels:
        if level not in found:
            raise where.error("options", f"missing statement for level {level}")
    return tuple(found[level] for level in levels)


def _next_free_number(raw: list[object], retired: frozenset[int]) -> int:
    """The next unused question number: one more than any number in use or retired."""
    used = [
        number
        for table in raw
        if isinstance(table, Mapping)
        and isinstance(number := table.get("number"), int)
        and not isinstance(number, bool)
    ]
    return max([0, *used, *retired]) + 1


def _number_label(table: Mapping[str, object]) -> str:
    number = table.get("number")
    return f"number = {number}" if isinstance(number, int) else "no number"


def read_questions(
    data: Mapping[str, object],
    top: Where,
    dimension_ids: tuple[str, ...],
    retired: frozenset[int],
    levels: Mapping[int, Level],
) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    numbers: dict[int, str] = {}
    positions: dict[str, tuple[int, str]] = {}
    raw_questions = read_tables(data, "questions", top)
    free = _next_free_number(raw_questions, retired)
    for position, raw in enumerate(raw_questions, start=1):
        where = Where(top.source, f"question #{position}")
        table = read_table(raw, where, "questions")
        question_id = read_id(table, where)
        where = Where(top.source, f"question '{question_id}'")
        if question_id in questions:
            first, first_number = positions[question_id]
            raise where.error(
                "id",
                f"duplicate question id '{question_id}': the {ordinal(first)} and "
                f"{ordinal(position)} [[questions]] blocks ({first_number} and "
                f"{_number_label(table)}) both have it. Each question needs its own id: give "
                "the one you added a new id (never change the id of a published question)",
            )
        positions[question_id] = (position, _number_label(table))
        known_keys(table, _QUESTION_KEYS, where)
        number = read_whole(
            table,
            "number",
            where,
            hint=f". Question numbers start at 1: give this question number = {free}, the next "
            "unused number",
        )
        if number in numbers:
            raise where.error(
                "number",
                f"number {number} is already used by question '{numbers[number]}'. Result "
                "links store answers by number, so each question needs its own: if this "
                f"question is the new one, give it number = {free}, the next unused number",
            )
        if number in retired:
            raise where.error(
                "number",
                f"number {number} is retired (it belonged to a deleted question, and result "
                f"links that people saved still use it), so it cannot be reused: give this "
                f"question number = {free}, the next unused number. If you listed {number} in "
                "retired by mistake, take it out of retired",
            )
        dimension = read_text(table, "dimension", where)
        if dimension not in dimension_ids:
            raise where.error(
                "dimension",
                f"unknown dimension '{dimension}': "
                + did_you_mean(
                    dimension,
                    dimension_ids,
                    f"use the id of one of the [[dimensions]]: {', '.join(dimension_ids)}",
                ),
            )
        text = read_text(table, "text", where)
        if len(text) > MAX_QUESTION_TEXT:
            raise where.error(
                "text",
                f"the question is {len(text)} characters long, and the limit is "
                f"{MAX_QUESTION_TEXT}: questions must be short enough to read easily on a "
                f"phone. Shorten it by {len(text) - MAX_QUESTION_TEXT} characters or more, or "
                "split it into two questions",
            )
        numbers[number] = question_id
        not_applicable = table.get("not_applicable", False)
        if not isinstance(not_applicable, bool):
            raise where.error(
                "not_applicable", f"expected true or false, got {kind_of(not_applicable)}"
            )
        questions[question_id] = Question(
            id=question_id,
            number=number,
            dimension=dimension,
            text=text,
            options=_options(table, where, levels),
            not_applicable=not_applicable,
        )
    return tuple(questions.values())


def read_retired(data: Mapping[str, object], top: Where) -> frozenset[int]:
    raw = data.get("retired", [])
    if not isinstance(raw, list | tuple):
        raise top.error(
            "retired", f"expected a list of numbers in square brackets, got {kind_of(raw)}"
        )
    numbers: set[int] = set()
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, int) or item < 1:
            raise top.error(
                "retired",
                f"expected the numbers of deleted questions (whole numbers from 1 up), "
                f"got {item!r}",
            )
        if item in numbers:
            raise top.error(
                "retired", f"number {item} is listed twice: list each retired number once"
            )
        numbers.add(item)
    return frozenset(numbers)


def read_scoring(data: Mapping[str, object], top: Where, dimension_count: int) -> ScoringSettings:
    where = Where(top.source, "section 'scoring'")
    table = read_table(required(data, "scoring", top), top, "scoring")
    known_keys(table, _SCORING_KEYS, where)
    minimum = read_whole(table, "min_dimensions", where)
    if minimum > dimension_count:
        raise where.error(
            "min_dimensions",
            f"{minimum} is more than the {dimension_count} dimensions in the bank",
        )
    return ScoringSettings(
        min_dimensions=minimum,
        max_weakest=read_whole(table, "max_weakest", where, default=3),
        max_themes=read_whole(table, "max_themes", where, default=4),
    )


def read_code_version(data: Mapping[str, object], top: Where) -> int:
    from .._results.codes import CODE_VERSION

    version = read_whole(data, "code_version", top)
    if version > CODE_VERSION:
        raise top.error(
            "code_version",
            f"{version} is newer than this engine can read (at most {CODE_VERSION})",
        )
    return version
