"""Load and validate the question bank.

:func:`load_bank` reads a TOML file (by default the ``bank.toml`` shipped inside the
package, read through :mod:`importlib.resources` so it also works from a wheel or
in the browser). :func:`parse_bank` validates already-parsed data.

Every mistake raises :class:`~quiz.errors.BankError` with a one-line message that
names the file, the item (question id, dimension id, level number...) and the
field, for example::

    quiz/bank.toml: question 'metrics-use' field 'options': missing statement for level 4
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .errors import BankError
from .model import (
    Bank,
    Dimension,
    Level,
    Option,
    Question,
    ScoringSettings,
    Theme,
)

__all__ = ["PACKAGED_BANK", "load_bank", "load_packaged_bank", "parse_bank"]

# tomllib and importlib.resources are imported where a bank is read, not here: the bank is
# read on first use, and importing the two took about 35 ms of the scorer's start-up under
# Pyodide (their regular expressions compile in pure Python). The browser reads the bank just
# after the scorer says it is ready (quiz.web.warm_up).

#: Name used in messages about the bank that ships with the package.
PACKAGED_BANK = "quiz/bank.toml"

_PACKAGE = __package__ or "quiz"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP_KEYS = ("code_version", "retired", "levels", "themes", "dimensions", "questions", "scoring")
_LEVEL_KEYS = ("number", "name", "summary", "focus", "page")
_THEME_KEYS = ("id", "title", "levels")
_DIMENSION_KEYS = ("id", "name", "description", "themes", "steps")
_QUESTION_KEYS = ("id", "number", "dimension", "text", "options")
_OPTION_KEYS = ("level", "text", "basis", "addition")
_LINK = re.compile(r"[a-z0-9_./-]+\.md#[a-z0-9-]+")
_SCORING_KEYS = ("min_dimensions", "max_weakest", "max_themes")


def load_bank(path: str | Path | None = None) -> Bank:
    """Load and validate a bank file; ``None`` means the packaged bank (cached)."""
    if path is None:
        return _packaged_bank()
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BankError(f"{source}: cannot read the file ({reason})") from None
    return _parse_bytes(raw, source)


@functools.cache
def _packaged_bank(name: str = "bank.toml") -> Bank:
    from importlib import resources

    raw = resources.files(_PACKAGE).joinpath(name).read_bytes()
    return _parse_bytes(raw, f"quiz/{name}")


def forget_cached_banks() -> None:
    """Read the packaged banks from their files again next time: the site's build calls this
    first, so a live reload (``make serve``) shows an edited ``bank.toml`` and its errors."""
    _packaged_bank.cache_clear()


def load_packaged_bank(code_version: int) -> Bank:
    """The packaged bank for a result-code version: the current bank, or a frozen earlier one
    (``quiz/bank_v1.toml``...). Raises KeyError for a version with no bank."""
    current = _packaged_bank()
    if code_version == current.code_version:
        return current
    from importlib import resources

    name = f"bank_v{code_version}.toml"
    if not resources.files(_PACKAGE).joinpath(name).is_file():
        raise KeyError(code_version)
    bank = _packaged_bank(name)
    if bank.code_version != code_version:
        raise BankError(f"quiz/{name}: field 'code_version': expected {code_version}")
    return bank


def _parse_bytes(raw: bytes, source: str) -> Bank:
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BankError(f"{source}: the file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = " ".join(str(exc).split())
        raise BankError(f"{source}: not valid TOML: {detail}") from None
    return parse_bank(data, source)


# ---------------------------------------------------------------------------
# Small typed readers. Each takes the item's label for error messages.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """Names the item being checked, e.g. ``question 'metrics-use'``."""

    source: str
    item: str

    def error(self, field: str, problem: str) -> BankError:
        if self.item:
            return BankError(f"{self.source}: {self.item} field '{field}': {problem}")
        return BankError(f"{self.source}: field '{field}': {problem}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return "a date or time" if hasattr(value, "isoformat") else type(value).__name__


def _table(value: object, where: _Where, field: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise where.error(field, f"expected a table, got {_kind(value)}")
    return value


def _known_keys(table: Mapping[str, object], allowed: tuple[str, ...], where: _Where) -> None:
    for key in table:
        if key not in allowed:
            expected = ", ".join(allowed)
            raise where.error(str(key), f"unknown key (expected one of: {expected})")


def _required(table: Mapping[str, object], key: str, where: _Where) -> object:
    if key not in table:
        raise where.error(key, "missing required key")
    return table[key]


def _text(table: Mapping[str, object], key: str, where: _Where) -> str:
    value = _required(table, key, where)
    if not isinstance(value, str):
        raise where.error(key, f"expected text, got {_kind(value)}")
    if not value.strip():
        raise where.error(key, "text is empty")
    return value.strip()


def _whole(
    table: Mapping[str, object],
    key: str,
    where: _Where,
    default: int | None = None,
    minimum: int = 1,
) -> int:
    if key not in table and default is not None:
        return default
    value = _required(table, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(key, f"expected a whole number, got {_kind(value)}")
    if value < minimum:
        raise where.error(key, f"must be {minimum} or more, got {value}")
    return value


def _id(table: Mapping[str, object], where: _Where) -> str:
    value = _text(table, "id", where)
    if not _ID.fullmatch(value):
        raise where.error("id", f"'{value}' must be lowercase words joined by hyphens")
    return value


def _text_list(table: Mapping[str, object], key: str, where: _Where) -> list[str]:
    value = _required(table, key, where)
    if not isinstance(value, list | tuple):
        raise where.error(key, f"expected a list of text, got {_kind(value)}")
    if not value:
        raise where.error(key, "the list is empty")
    items: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise where.error(key, f"item {position} should be text, got {_kind(item)}")
        if not item.strip():
            raise where.error(key, f"item {position} is empty")
        items.append(item.strip())
    return items


def _tables(data: Mapping[str, object], key: str, where: _Where) -> list[object]:
    value = _required(data, key, where)
    if not isinstance(value, list | tuple):
        raise where.error(key, f"expected [[{key}]] entries, got {_kind(value)}")
    if not value:
        raise where.error(key, f"no [[{key}]] entries")
    return list(value)


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


def _link(table: Mapping[str, object], key: str, where: _Where) -> str:
    value = _text(table, key, where)
    if not _LINK.fullmatch(value):
        raise where.error(
            key, f"'{value}' should be a page and anchor, like levels/level-1.md#step-1"
        )
    return value


def _levels(data: Mapping[str, object], top: _Where) -> tuple[Level, ...]:
    found: dict[int, Level] = {}
    for position, raw in enumerate(_tables(data, "levels", top), start=1):
        where = _Where(top.source, f"level #{position}")
        table = _table(raw, where, "levels")
        number = _whole(table, "number", where)
        where = _Where(top.source, f"level {number}")
        if number in found:
            raise where.error("number", f"level {number} is defined twice")
        _known_keys(table, _LEVEL_KEYS, where)
        page = _text(table, "page", where)
        if not page.endswith(".md"):
            raise where.error("page", f"'{page}' should be a Markdown page, like levels/level-1.md")
        found[number] = Level(
            number=number,
            name=_text(table, "name", where),
            summary=_text(table, "summary", where),
            focus=tuple(_text_list(table, "focus", where)),
            page=page,
        )
    expected = list(range(1, len(found) + 1))
    if sorted(found) != expected or len(found) < 2:
        raise top.error(
            "levels",
            f"levels must be numbered 1, 2, 3... without gaps (at least two), got "
            f"{', '.join(str(n) for n in sorted(found))}",
        )
    return tuple(found[n] for n in expected)


def _level_list(
    table: Mapping[str, object], where: _Where, numbers: tuple[int, ...]
) -> tuple[int, ...]:
    value = _required(table, "levels", where)
    if not isinstance(value, list | tuple) or not value:
        raise where.error("levels", f"expected a list of level numbers, got {_kind(value)}")
    levels: set[int] = set()
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item not in numbers:
            raise where.error("levels", f"expected level numbers from the [[levels]], got {item!r}")
        levels.add(item)
    return tuple(sorted(levels))


def _themes(data: Mapping[str, object], top: _Where, numbers: tuple[int, ...]) -> tuple[Theme, ...]:
    themes: dict[str, Theme] = {}
    for position, raw in enumerate(_tables(data, "themes", top), start=1):
        where = _Where(top.source, f"theme #{position}")
        table = _table(raw, where, "themes")
        theme_id = _id(table, where)
        where = _Where(top.source, f"theme '{theme_id}'")
        if theme_id in themes:
            raise where.error("id", f"duplicate theme id '{theme_id}'")
        _known_keys(table, _THEME_KEYS, where)
        themes[theme_id] = Theme(
            id=theme_id,
            title=_text(table, "title", where),
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
    table: Mapping[str, object], where: _Where, levels: Mapping[int, Level]
) -> dict[int, str]:
    numbers = tuple(levels)
    raw = _table(_required(table, "steps", where), where, "steps")
    steps: dict[int, str] = {}
    for key, value in raw.items():
        level = _level_key(key)
        if level is None or level not in numbers:
            raise where.error("steps", f"unexpected level '{key}' (levels are {_span(numbers)})")
        del value
        link = _link(raw, key, _Where(where.source, f"{where.item} steps"))
        if link.split("#", 1)[0] != levels[level].page:
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


def _span(numbers: tuple[int, ...]) -> str:
    return f"{numbers[0]} to {numbers[-1]}"


def _dimensions(
    data: Mapping[str, object], top: _Where, theme_ids: set[str], levels: Mapping[int, Level]
) -> tuple[Dimension, ...]:
    dimensions: dict[str, Dimension] = {}
    for position, raw in enumerate(_tables(data, "dimensions", top), start=1):
        where = _Where(top.source, f"dimension #{position}")
        table = _table(raw, where, "dimensions")
        dimension_id = _id(table, where)
        where = _Where(top.source, f"dimension '{dimension_id}'")
        if dimension_id in dimensions:
            raise where.error("id", f"duplicate dimension id '{dimension_id}'")
        _known_keys(table, _DIMENSION_KEYS, where)
        themes = _text_list(table, "themes", where)
        for theme in themes:
            if theme not in theme_ids:
                raise where.error("themes", f"unknown theme '{theme}'")
        if len(set(themes)) != len(themes):
            raise where.error("themes", "a theme is listed more than once")
        dimensions[dimension_id] = Dimension(
            id=dimension_id,
            name=_text(table, "name", where),
            description=_text(table, "description", where),
            themes=tuple(themes),
            steps=MappingProxyType(_steps(table, where, levels)),
        )
    return tuple(dimensions.values())


def _option(raw: object, where: _Where, levels: Mapping[int, Level]) -> Option:
    table = _table(raw, where, "options")
    level = _whole(table, "level", where)
    if level not in levels:
        raise where.error("level", f"unexpected level {level} (levels are {_span(tuple(levels))})")
    where = _Where(where.source, f"{where.item.rsplit(' option', 1)[0]} option {level}")
    _known_keys(table, _OPTION_KEYS, where)
    addition = table.get("addition", False)
    if not isinstance(addition, bool):
        raise where.error("addition", f"expected true or false, got {_kind(addition)}")
    basis = _link(table, "basis", where)
    page = levels[level].page
    if not addition and basis.split("#", 1)[0] != page:
        raise where.error(
            "basis",
            f"'{basis}' is not on {page}; a Level {level} statement reflects its own level's "
            "page, or is marked addition = true as the playbook's own addition",
        )
    return Option(level=level, text=_text(table, "text", where), basis=basis, addition=addition)


def _options(
    table: Mapping[str, object], where: _Where, levels: Mapping[int, Level]
) -> tuple[Option, ...]:
    raw = _required(table, "options", where)
    if not isinstance(raw, list | tuple):
        raise where.error(
            "options", f"expected [[questions.options]] entries, one per level, got {_kind(raw)}"
        )
    found: dict[int, Option] = {}
    for position, item in enumerate(raw, start=1):
        option = _option(item, _Where(where.source, f"{where.item} option #{position}"), levels)
        if option.level in found:
            raise where.error("options", f"level {option.level} has two statements")
        found[option.level] = option
    for level in levels:
        if level not in found:
            raise where.error("options", f"missing statement for level {level}")
    return tuple(found[level] for level in levels)


def _questions(
    data: Mapping[str, object],
    top: _Where,
    dimension_ids: set[str],
    retired: frozenset[int],
    levels: Mapping[int, Level],
) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    numbers: dict[int, str] = {}
    for position, raw in enumerate(_tables(data, "questions", top), start=1):
        where = _Where(top.source, f"question #{position}")
        table = _table(raw, where, "questions")
        question_id = _id(table, where)
        where = _Where(top.source, f"question '{question_id}'")
        if question_id in questions:
            raise where.error("id", f"duplicate question id '{question_id}'")
        _known_keys(table, _QUESTION_KEYS, where)
        number = _whole(table, "number", where)
        if number in numbers:
            raise where.error(
                "number",
                f"number {number} is already used by question '{numbers[number]}'",
            )
        if number in retired:
            raise where.error("number", f"number {number} is retired and cannot be reused")
        dimension = _text(table, "dimension", where)
        if dimension not in dimension_ids:
            raise where.error("dimension", f"unknown dimension '{dimension}'")
        numbers[number] = question_id
        questions[question_id] = Question(
            id=question_id,
            number=number,
            dimension=dimension,
            text=_text(table, "text", where),
            options=_options(table, where, levels),
        )
    return tuple(questions.values())


def _retired(data: Mapping[str, object], top: _Where) -> frozenset[int]:
    raw = data.get("retired", [])
    if not isinstance(raw, list | tuple):
        raise top.error("retired", f"expected a list of numbers, got {_kind(raw)}")
    numbers: set[int] = set()
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, int) or item < 1:
            raise top.error("retired", f"expected positive whole numbers, got {item!r}")
        numbers.add(item)
    return frozenset(numbers)


def _scoring(data: Mapping[str, object], top: _Where, dimension_count: int) -> ScoringSettings:
    where = _Where(top.source, "section 'scoring'")
    table = _table(_required(data, "scoring", top), top, "scoring")
    _known_keys(table, _SCORING_KEYS, where)
    minimum = _whole(table, "min_dimensions", where)
    if minimum > dimension_count:
        raise where.error(
            "min_dimensions",
            f"{minimum} is more than the {dimension_count} dimensions in the bank",
        )
    return ScoringSettings(
        min_dimensions=minimum,
        max_weakest=_whole(table, "max_weakest", where, default=3),
        max_themes=_whole(table, "max_themes", where, default=4),
    )


def _code_version(data: Mapping[str, object], top: _Where) -> int:
    from .codes import CODE_VERSION

    version = _whole(data, "code_version", top)
    if version > CODE_VERSION:
        raise top.error(
            "code_version",
            f"{version} is newer than this engine can read (at most {CODE_VERSION})",
        )
    return version


def parse_bank(data: Mapping[str, object], source: str) -> Bank:
    """Validate parsed TOML data and build a :class:`~quiz.model.Bank`.

    ``source`` names the file in error messages.
    """
    top = _Where(source, "")
    if not isinstance(data, Mapping):
        raise BankError(f"{source}: expected a table at the top of the file")
    _known_keys(data, _TOP_KEYS, top)
    levels = _levels(data, top)
    numbers = tuple(level.number for level in levels)
    themes = _themes(data, top, numbers)
    by_number = {level.number: level for level in levels}
    dimensions = _dimensions(data, top, {theme.id for theme in themes}, by_number)
    retired = _retired(data, top)
    questions = _questions(data, top, {d.id for d in dimensions}, retired, by_number)
    used = {question.dimension for question in questions}
    for dimension in dimensions:
        if dimension.id not in used:
            raise _Where(source, f"dimension '{dimension.id}'").error(
                "questions", "no question measures this dimension"
            )
    return Bank(
        levels=levels,
        themes=themes,
        dimensions=dimensions,
        questions=questions,
        scoring=_scoring(data, top, len(dimensions)),
        retired=retired,
        code_version=_code_version(data, top),
        source=source,
    )
