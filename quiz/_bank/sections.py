"""Checking the bank's levels, themes, areas (dimensions) and the steps that build them.

The questions are checked in :mod:`quiz._bank.questions`; :func:`quiz._bank.loader.parse_bank`
calls both, in the order the checks depend on each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from .fields import (
    Where,
    did_you_mean,
    kind_of,
    known_keys,
    ordinal,
    path_mistakes,
    read_id,
    read_link,
    read_table,
    read_tables,
    read_text,
    read_text_list,
    read_whole,
    required,
    span,
)
from .model import Dimension, Level, Step, Theme

_LEVEL_KEYS = ("number", "name", "summary", "focus", "page", "gates")
_STEP_KEYS = ("link", "builds")
_THEME_KEYS = ("id", "title", "levels")
_DIMENSION_KEYS = ("id", "name", "description", "themes", "steps")


def read_levels(data: Mapping[str, object], top: Where) -> tuple[Level, ...]:
    found: dict[int, Level] = {}
    for position, raw in enumerate(read_tables(data, "levels", top), start=1):
        where = Where(top.source, f"level #{position}")
        table = read_table(raw, where, "levels")
        number = read_whole(table, "number", where)
        where = Where(top.source, f"level {number}")
        if number in found:
            raise where.error("number", f"level {number} is defined twice")
        known_keys(table, _LEVEL_KEYS, where)
        page = read_text(table, "page", where)
        mistakes, fixed = path_mistakes(page)
        if mistakes:
            raise where.error("page", f"'{page}': {'; '.join(mistakes)}. Write '{fixed}'")
        if not page.endswith(".md"):
            raise where.error("page", f"'{page}' should be a Markdown page, like levels/level-1.md")
        found[number] = Level(
            number=number,
            name=read_text(table, "name", where),
            summary=read_text(table, "summary", where),
            focus=tuple(read_text_list(table, "focus", where)),
            page=page,
            gates=MappingProxyType(_gates(table, where)),
        )
    expected = list(range(1, len(found) + 1))
    if sorted(found) != expected or len(found) < 2:
        raise top.error(
            "levels",
            f"levels must be numbered 1, 2, 3... without gaps (at least two), got "
            f"{', '.join(str(n) for n in sorted(found))}",
        )
    return tuple(found[n] for n in expected)


def _gates(table: Mapping[str, object], where: Where) -> dict[str, str]:
    """The raw ``[levels.gates]`` table: area id -> basis link (areas checked later)."""
    if "gates" not in table:
        return {}
    raw = read_table(table["gates"], where, "gates")
    return {str(key): read_link(raw, key, where, f"gates.{key}") for key in raw}


def check_gates(levels: tuple[Level, ...], dimension_ids: tuple[str, ...], top: Where) -> None:
    """Gates name known areas, cite the section they come from (the level below's priorities
    or the level's own page), and every level above the lowest has at least two, so that no
    single answer decides a level; or no level has any (a bank scored with an earlier rule)."""
    if not any(level.gates for level in levels):
        return
    for position, level in enumerate(levels):
        where = Where(top.source, f"level {level.number}")
        if position == 0:
            if level.gates:
                raise where.error("gates", "the lowest level has no gates: every result reaches it")
            continue
        for dimension_id, basis in level.gates.items():
            if dimension_id not in dimension_ids:
                raise where.error(
                    f"gates.{dimension_id}",
                    f"unknown dimension '{dimension_id}': "
                    + did_you_mean(
                        dimension_id,
                        dimension_ids,
                        f"use ids of the [[dimensions]]: {', '.join(dimension_ids)}",
                    ),
                )
            allowed = (levels[position - 1].page, level.page)
            if basis.split("#", 1)[0] not in allowed:
                raise where.error(
                    f"gates.{dimension_id}",
                    f"'{basis}' should cite where the level pages make this area part of Level "
                    f"{level.number}: a section of {allowed[0]} (its priorities) or of "
                    f"{allowed[1]}",
                )
        if len(level.gates) < 2:
            raise where.error(
                "gates",
                f"Level {level.number} needs at least two gate areas, so that no single answer "
                "decides whether it is reached",
            )


def read_catalogue(
    data: Mapping[str, object], top: Where, dimension_ids: tuple[str, ...]
) -> tuple[Step, ...]:
    steps: dict[str, Step] = {}
    for position, raw in enumerate(
        read_tables(data, "steps", top) if "steps" in data else [], start=1
    ):
        where = Where(top.source, f"step #{position}")
        table = read_table(raw, where, "steps")
        known_keys(table, _STEP_KEYS, where)
        link = read_link(table, "link", where)
        where = Where(top.source, f"step '{link}'")
        if link in steps:
            raise where.error("link", "this step is listed twice: list each step once")
        builds = read_text_list(table, "builds", where)
        for dimension_id in builds:
            if dimension_id not in dimension_ids:
                raise where.error(
                    "builds",
                    f"unknown dimension '{dimension_id}': "
                    + did_you_mean(
                        dimension_id,
                        dimension_ids,
                        f"use ids of the [[dimensions]]: {', '.join(dimension_ids)}",
                    ),
                )
        steps[link] = Step(link=link, builds=tuple(builds))
    return tuple(steps.values())


def check_steps(dimensions: tuple[Dimension, ...], steps: tuple[Step, ...], top: Where) -> None:
    """With a [[steps]] list, each area's step for each level must be a listed step that builds
    that area: the reader is sent to the step that works on the area, wherever it sits."""
    if not steps:
        return
    by_link = {step.link: step for step in steps}
    for dimension in dimensions:
        where = Where(top.source, f"dimension '{dimension.id}'")
        for level, link in dimension.steps.items():
            step = by_link.get(link)
            if step is None:
                raise where.error(
                    f"steps.{level}",
                    f"no step fits area '{dimension.id}' at level {level}: '{link}' is not in "
                    "the [[steps]] list. Point it at a listed step that builds this area, or "
                    "add the step to [[steps]] with the areas it builds",
                )
            if dimension.id not in step.builds:
                raise where.error(
                    f"steps.{level}",
                    f"no step fits area '{dimension.id}' at level {level}: '{link}' builds "
                    f"{', '.join(step.builds)}, not '{dimension.id}'. Point it at a step that "
                    "builds this area, or add the missing step to the playbook and to [[steps]]",
                )


def _level_list(
    table: Mapping[str, object], where: Where, numbers: tuple[int, ...]
) -> tuple[int, ...]:
    value = required(table, "levels", where)
    if not isinstance(value, list | tuple) or not value:
        raise where.error("levels", f"expected a list of level numbers, got {kind_of(value)}")
    levels: set[int] = set()
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item not in numbers:
            raise where.error("levels", f"expected level numbers from the [[levels]], got {item!r}")
        levels.add(item)
    return tuple(sorted(levels))


def _blocks(
    data: Mapping[str, object], top: Where, key: str, noun: str, each: str
) -> Iterator[tuple[str, Mapping[str, object], Where]]:
    """Each ``[[key]]`` block as its id, its table and where it is; a second block with an id
    already used stops the load, naming both blocks' places."""
    positions: dict[str, int] = {}
    for position, raw in enumerate(read_tables(data, key, top), start=1):
        where = Where(top.source, f"{noun} #{position}")
        table = read_table(raw, where, key)
        block_id = read_id(table, where)
        where = Where(top.source, f"{noun} '{block_id}'")
        if block_id in positions:
            raise where.error(
                "id",
                f"duplicate {noun} id '{block_id}': the {ordinal(positions[block_id])} and "
                f"{ordinal(position)} [[{key}]] blocks both have it. Each {each} needs its own "
                "id: delete the extra block or give it another id",
            )
        positions[block_id] = position
        yield block_id, table, where


def read_themes(
    data: Mapping[str, object], top: Where, numbers: tuple[int, ...]
) -> tuple[Theme, ...]:
    themes: dict[str, Theme] = {}
    for theme_id, table, where in _blocks(data, top, "themes", "theme", "theme"):
        known_keys(table, _THEME_KEYS, where)
        themes[theme_id] = Theme(
            id=theme_id,
            title=read_text(table, "title", where),
            levels=_level_list(table, where, numbers),
        )
    return tuple(themes.values())


def _level_key(key: object) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return None


def _steps(
    table: Mapping[str, object], where: Where, levels: Mapping[int, Level], anywhere: bool
) -> dict[int, str]:
    numbers = tuple(levels)
    raw = read_table(required(table, "steps", where), where, "steps")
    steps: dict[int, str] = {}
    for key, value in raw.items():
        level = _level_key(key)
        if level is None or level not in numbers:
            raise where.error("steps", f"unexpected level '{key}' (levels are {span(numbers)})")
        del value
        link = read_link(raw, key, where, f"steps.{level}")
        if not anywhere and link.split("#", 1)[0] != levels[level].page:
            raise where.error(
                f"steps.{level}",
                f"'{link}' is not on {levels[level].page}; the step that lifts an area from "
                f"level {level} is on Level {level}'s own page",
            )
        steps[level] = link
    for level in numbers:
        if level not in steps:
            raise where.error("steps", f"missing the step for level {level}")
    return {level: steps[level] for level in numbers}


def read_dimensions(
    data: Mapping[str, object],
    top: Where,
    theme_ids: tuple[str, ...],
    levels: Mapping[int, Level],
    anywhere: bool,
) -> tuple[Dimension, ...]:
    dimensions: dict[str, Dimension] = {}
    for dimension_id, table, where in _blocks(data, top, "dimensions", "dimension", "area"):
        known_keys(table, _DIMENSION_KEYS, where)
        themes = read_text_list(table, "themes", where)
        for theme in themes:
            if theme not in theme_ids:
                raise where.error(
                    "themes",
                    f"unknown theme '{theme}': "
                    + did_you_mean(
                        theme, theme_ids, f"use ids of the [[themes]]: {', '.join(theme_ids)}"
                    ),
                )
        if len(set(themes)) != len(themes):
            raise where.error("themes", "a theme is listed more than once")
        dimensions[dimension_id] = Dimension(
            id=dimension_id,
            name=read_text(table, "name", where),
            description=read_text(table, "description", where),
            themes=tuple(themes),
            steps=MappingProxyType(_steps(table, where, levels, anywhere)),
        )
    return tuple(dimensions.values())
