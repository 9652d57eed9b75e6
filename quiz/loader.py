"""Load and validate the question bank.

:func:`load_bank` reads a TOML file (by default the ``bank.toml`` shipped inside the
package, read through :mod:`importlib.resources` so it also works from a wheel or
in the browser). :func:`parse_bank` validates already-parsed data.

Every mistake raises :class:`~quiz.errors.BankError` with a one-line message that
names the file, the item (question id, dimension id, level number...) and the
field, for example::

    quiz/bank.toml: question 'metrics-use' field 'options': missing statement for level 4

and, where it can, says how to fix it (the id you probably meant, the next unused number...).
A file that is not valid TOML gets a few lines instead: where (line, column, item, field), the
line itself with a mark under the column, and a plain-words fix for that kind of mistake.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
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
    Step,
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
_TOP_KEYS = (
    "code_version", "retired", "levels", "themes", "steps", "dimensions", "questions", "scoring"
)  # fmt: skip
_LEVEL_KEYS = ("number", "name", "summary", "focus", "page", "gates")
_STEP_KEYS = ("link", "builds")
_THEME_KEYS = ("id", "title", "levels")
_DIMENSION_KEYS = ("id", "name", "description", "themes", "steps")
_QUESTION_KEYS = ("id", "number", "dimension", "text", "not_applicable", "options")
_OPTION_KEYS = ("level", "text", "basis", "addition")
_LINK = re.compile(r"[a-z0-9_./-]+\.md#[a-z0-9-]+")
_SCORING_KEYS = ("min_dimensions", "max_weakest", "max_themes")
#: HTML and Markdown marks that bank text must not hold (see ``_text``).
_MARKUP = ("<", ">", "**", "__", "`")
#: The longest question text, in characters: a question must read easily on a phone.
MAX_QUESTION_TEXT = 200


def load_bank(path: str | Path | None = None) -> Bank:
    """Load and validate a bank file; ``None`` means the site's bank (cached): the one
    ``site.json`` names in ``extra.bank``, by default the packaged ``quiz/bank.toml``."""
    if path is None:
        return _site_bank()
    source = str(path)
    return _parse_bytes(_read(Path(path), f"{source}: cannot read the file"), source)


def _read(path: Path, failure: str) -> bytes:
    """The file's bytes, or BankError saying ``failure`` and the system's reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BankError(f"{failure} ({exc.strerror or type(exc).__name__})") from None


@functools.cache
def _packaged_bank(name: str = "bank.toml") -> Bank:
    from importlib import resources

    raw = resources.files(_PACKAGE).joinpath(name).read_bytes()
    return _parse_bytes(raw, f"quiz/{name}")


def _site_bank() -> Bank:
    """The bank ``site.json`` names (:mod:`quiz.site`): the packaged one unless it names
    another file, read from the top of the repository (or as an absolute path)."""
    from .site import DEFAULT_BANK, project_root, site

    setting = site().bank
    if setting == DEFAULT_BANK:
        return _packaged_bank()
    return _bank_file(str(project_root() / setting), setting)


@functools.cache
def _bank_file(path: str, source: str) -> Bank:
    raw = _read(Path(path), f"site.json: field 'extra.bank': cannot read {source}")
    return _parse_bytes(raw, source)


def forget_cached_banks() -> None:
    """Read the site's settings and banks from their files again next time: the site's build
    calls this first, so a live reload (``make serve``) shows an edited ``bank.toml`` and its
    errors."""
    from .site import forget_site

    forget_site()
    _packaged_bank.cache_clear()
    _bank_file.cache_clear()


def load_packaged_bank(code_version: int) -> Bank:
    """The packaged bank for a result-code version: the current bank, or a frozen earlier one
    (``quiz/bank_v1.toml``...). Raises KeyError for a version with no bank."""
    current = _site_bank()
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
        raise _toml_error(str(exc), text, source) from None
    return parse_bank(data, source)


# ---------------------------------------------------------------------------
# TOML syntax errors, told in plain words. Only a broken file gets here, so the regular
# expressions are compiled (and cached by re) on first use, not when the module is imported.
# ---------------------------------------------------------------------------

_TOML_WHERE = (
    r"(?s)(?P<detail>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)"
)
_TOML_HEADER = r"\s*\[\[?\s*(?P<name>[A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?"
_TOML_KEY = r"\s*(?P<key>[A-Za-z0-9_-]+)\s*="


def _toml_error(message: str, text: str, source: str) -> BankError:
    """A TOML syntax error as three parts: where (line, column, item and field), the line itself
    with a mark under the column, and what to do about it."""
    found = re.fullmatch(_TOML_WHERE, message.strip())
    if found is None:  # a tomllib that words its errors differently
        detail = " ".join(message.split())
        return BankError(f"{source}: not valid TOML: {detail}")
    detail = " ".join(found["detail"].split())
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if found["line"] is None:  # at the end of the file: show its last line with text
        index = max((i for i, line in enumerate(lines) if line.strip()), default=0)
        column = len(lines[index]) + 1
        place = f"on line {index + 1}, at the end of the file"
    else:
        index = min(int(found["line"]), len(lines)) - 1
        column = int(found["column"])
        place = f"at line {index + 1}, column {column}"
    line = lines[index]
    item, field = _toml_item(lines, index)
    named = ", ".join(part for part in (item, f"field '{field}'" if field else "") if part)
    heading = f"{source}: not valid TOML {place}" + (f" ({named})" if named else "")
    shown = f"  Line {index + 1}: "
    mark = "".join("\t" if char == "\t" else " " for char in line[: column - 1])
    return BankError(
        f"{heading}: {detail}.\n"
        f"{shown}{line}\n"
        f"{' ' * len(shown)}{mark}^\n"
        f"  How to fix it: {_toml_hint(detail, line, lines, index)}"
    )


def _toml_header(line: str) -> str | None:
    found = re.fullmatch(_TOML_HEADER, line)
    return "".join(found["name"].split()) if found else None


def _toml_value(lines: list[str], start: int, key: str) -> str | None:
    """The value of ``key`` in the block whose header is on line ``start`` (quotes removed)."""
    for line in lines[start + 1 :]:
        if _toml_header(line) is not None:
            break
        found = re.fullmatch(rf"\s*{key}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\d+))\s*(?:#.*)?", line)
        if found:
            return next(group for group in found.groups() if group is not None)
    return None


def _toml_item(lines: list[str], index: int) -> tuple[str, str]:
    """The item (``question 'metrics-reach' option 3``...) and the field that line ``index``
    belongs to, read from the raw lines as the loader's messages name them."""
    key = re.match(_TOML_KEY, lines[index])
    field = key["key"] if key else ""
    headers = [(i, name) for i in range(index, -1, -1) if (name := _toml_header(lines[i]))]
    if not headers or _toml_header(lines[index]) is not None:
        return "", field
    at, section = headers[0]
    parent = section.split(".", 1)[0]
    if parent == "scoring":
        return "section 'scoring'", field
    if section == "dimensions.steps":
        field = f"steps.{field}" if field else "steps"
    top = next(((i, name) for i, name in headers if name == parent), None)
    if parent not in ("levels", "themes", "dimensions", "questions") or top is None:
        return "", field
    start = top[0]
    if parent == "levels":
        number = _toml_value(lines, start, "number")
        item = f"level {number}" if number else ""
    else:
        found = _toml_value(lines, start, "id")
        kind = parent[:-1]
        item = f"{kind} '{found}'" if found else ""
    if not item:
        item = f"{parent[:-1]} #{sum(1 for _, name in headers if name == parent)}"
    if section == "questions.options":
        level = _toml_value(lines, at, "level")
        item += f" option {level}" if level else " option"
    return item, field


_TOML_BLOCKS = {
    "questions": ("question", "[[questions]]"),
    "questions.options": ("question", "[[questions]]"),
    "dimensions": ("dimension", "[[dimensions]]"),
    "dimensions.steps": ("dimension", "[[dimensions]]"),
    "levels": ("level", "[[levels]]"),
    "themes": ("theme", "[[themes]]"),
}


def _toml_section(lines: list[str], index: int) -> str:
    """The name of the last [header] at or above line ``index`` ('' for none)."""
    headers = (_toml_header(lines[i]) for i in range(index, -1, -1))
    return next((name for name in headers if name), "")


def _toml_hint(detail: str, line: str, lines: list[str], index: int) -> str:
    """What to do about a tomllib error, in plain words."""
    key = re.match(_TOML_KEY, line)
    name = f"'{key['key']}'" if key else "this key"
    if detail.startswith(("Illegal character '\\n'", "Illegal character '\\r'")):
        return (
            'The text on this line has no closing double quote: add " at the end of the text. '
            "A text value must start and end on the same line."
        )
    if detail.startswith("Unterminated string"):
        return (
            'A text value near the end of the file has no closing quote (or a """ block is '
            "never closed): close it."
        )
    if detail.startswith("Expected newline or end of document"):
        value = line.partition("=")[2] if key else line
        if len(re.findall(r'(?<!\\)"', value)) > 2:  # more than an opening and a closing quote
            return (
                "Text in double quotes cannot contain a double quote: use single quotes around "
                'the text (\'like "this"\'), or write \\" for each inner quote. (Text in single '
                "quotes cannot contain an apostrophe.)"
            )
        return (
            "Something follows the value on this line. Each line holds one key = value; "
            "anything after the value must be a comment that starts with #."
        )
    if detail.startswith("Cannot overwrite a value"):
        block = _TOML_BLOCKS.get(_toml_section(lines, index))
        if block is None:
            return f"{name} appears twice: keep one of the two lines."
        kind, header = block
        also = (
            " (or a [[questions.options]] header above a statement)" if kind == "question" else ""
        )
        return (
            f"{name} appears twice in the same {kind}, or a {header} header is missing above "
            f"it{also}: delete the extra line, or put the missing header back."
        )
    if detail.startswith("Cannot declare"):
        header = line.split("#", 1)[0].strip()
        if _toml_header(line) == "dimensions.steps":
            return (
                f"{header} appears twice in one dimension: a [[dimensions]] header is missing "
                "above the second one. Put it back, or delete the extra steps."
            )
        return f"{header} appears twice in the file: keep one, with all its lines."
    if detail.startswith("Invalid value"):
        return (
            'After = write text in double quotes ("like this"), a whole number (like 3), true '
            'or false, or a list in square brackets (like ["a", "b"]).'
        )
    if detail.startswith("Expected '=' after a key"):
        return (
            "Each line must be key = value. If this line continues the text of the line above, "
            "join the two lines: a text value stays on one line. A note must start with #."
        )
    if detail.startswith("Unescaped '\\'"):
        return (
            "A backslash (\\) inside double quotes must be written \\\\, or put single quotes "
            "around the text instead."
        )
    if detail.startswith("Unclosed array"):
        return "A list that starts with [ has no closing ]: add ] at its end."
    if detail.startswith(("Invalid statement", "Invalid initial character")):
        return (
            "A line must start with a key (like text =), a [header], or # for a note. A key "
            "uses only letters, digits, - and _."
        )
    if detail.startswith("Expected ']"):
        return "This header is not closed: end it with ] (or ]] if it starts with [[)."
    return "Compare this line with a similar line elsewhere in the file that works."


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


def _did_you_mean(value: str, valid: Iterable[str], then: str) -> str:
    """``then``, after "did you mean 'feedback'?" when ``value`` is close to one of ``valid``."""
    import difflib

    close = difflib.get_close_matches(value, list(valid), n=1)
    return f"did you mean '{close[0]}'? {then[:1].upper()}{then[1:]}" if close else then


def _known_keys(table: Mapping[str, object], allowed: tuple[str, ...], where: _Where) -> None:
    for key in table:
        if key not in allowed:
            expected = ", ".join(allowed)
            raise where.error(
                str(key),
                "unknown key: "
                + _did_you_mean(str(key), allowed, f"the keys here are: {expected}"),
            )


def _required(table: Mapping[str, object], key: str, where: _Where) -> object:
    if key not in table:
        raise where.error(key, "missing required key")
    return table[key]


def _text(table: Mapping[str, object], key: str, where: _Where, field: str = "") -> str:
    """The stripped text under ``key``; errors name ``field`` (default: the key)."""
    value = _required(table, key, where)
    if not isinstance(value, str):
        raise where.error(field or key, f"expected text, got {_kind(value)}")
    if not value.strip():
        raise where.error(field or key, "text is empty")
    markup = next((mark for mark in _MARKUP if mark in value), None)
    if markup is not None:
        raise where.error(
            field or key,
            f"write plain text, without {markup!r}: the bank's words are shown as they are in"
            " the form and formatted as Markdown on other pages, so HTML (< >) and Markdown"
            " (**, __, `) would read differently in each place",
        )
    return value.strip()


def _whole(
    table: Mapping[str, object],
    key: str,
    where: _Where,
    default: int | None = None,
    minimum: int = 1,
    hint: str = "",
) -> int:
    if key not in table and default is not None:
        return default
    value = _required(table, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(key, f"expected a whole number, got {_kind(value)}")
    if value < minimum:
        raise where.error(key, f"must be {minimum} or more, got {value}{hint}")
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


def _path_mistakes(path: str) -> tuple[list[str], str]:
    """What is wrong with how a docs-relative page path starts, and the path without it."""
    mistakes: list[str] = []
    if path.startswith("/"):
        mistakes.append(
            "it starts with '/', but links are relative to the docs folder and have no leading '/'"
        )
        path = path.lstrip("/")
    if path.startswith("docs/"):
        mistakes.append("links are relative to the docs folder, so they leave out 'docs/'")
        path = path.removeprefix("docs/")
    return mistakes, path


def _link_problem(value: str) -> str | None:
    """Why ``value`` is not a link like levels/level-1.md#step-1, and the fix (None if it is)."""
    mistakes, fixed = _path_mistakes(value)
    if not mistakes and _LINK.fullmatch(value):
        return None
    page, hash_sign, anchor = fixed.partition("#")
    if not hash_sign:
        mistakes.append(
            "it has no anchor: a link is a page and anchor, like levels/level-1.md#step-1 (add # "
            "and the anchor in curly brackets at the end of the heading)"
        )
    elif anchor != anchor.lower():
        mistakes.append("anchors are all lowercase")
    if page != page.lower():
        mistakes.append("page names are all lowercase")
    fixed = fixed.lower()
    if " " in fixed:
        mistakes.append("links have no spaces")
    if page and not page.lower().endswith(".md"):
        mistakes.append(f"the page '{page}' should end in .md")
    if not mistakes:
        mistakes.append(
            "it should be a page and anchor, like levels/level-1.md#step-1, written in "
            "lowercase letters, digits and hyphens"
        )
    problem = f"'{value}' is not a valid link: {'; '.join(mistakes)}"
    if _LINK.fullmatch(fixed):
        problem += f". Write '{fixed}'"
    return problem


def _link(table: Mapping[str, object], key: str, where: _Where, field: str = "") -> str:
    value = _text(table, key, where, field)
    problem = _link_problem(value)
    if problem is not None:
        raise where.error(field or key, problem)
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
        mistakes, fixed = _path_mistakes(page)
        if mistakes:
            raise where.error("page", f"'{page}': {'; '.join(mistakes)}. Write '{fixed}'")
        if not page.endswith(".md"):
            raise where.error("page", f"'{page}' should be a Markdown page, like levels/level-1.md")
        found[number] = Level(
            number=number,
            name=_text(table, "name", where),
            summary=_text(table, "summary", where),
            focus=tuple(_text_list(table, "focus", where)),
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


def _gates(table: Mapping[str, object], where: _Where) -> dict[str, str]:
    """The raw ``[levels.gates]`` table: area id -> basis link (areas checked later)."""
    if "gates" not in table:
        return {}
    raw = _table(table["gates"], where, "gates")
    return {str(key): _link(raw, key, where, f"gates.{key}") for key in raw}


def _check_gates(levels: tuple[Level, ...], dimension_ids: tuple[str, ...], top: _Where) -> None:
    """Gates name known areas, cite the section they come from (the level below's priorities
    or the level's own page), and every level above the lowest has at least two, so that no
    single answer decides a level; or no level has any (a bank scored with an earlier rule)."""
    if not any(level.gates for level in levels):
        return
    for position, level in enumerate(levels):
        where = _Where(top.source, f"level {level.number}")
        if position == 0:
            if level.gates:
                raise where.error("gates", "the lowest level has no gates: every result reaches it")
            continue
        for dimension_id, basis in level.gates.items():
            if dimension_id not in dimension_ids:
                raise where.error(
                    f"gates.{dimension_id}",
                    f"unknown dimension '{dimension_id}': "
                    + _did_you_mean(
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


def _catalogue(
    data: Mapping[str, object], top: _Where, dimension_ids: tuple[str, ...]
) -> tuple[Step, ...]:
    steps: dict[str, Step] = {}
    for position, raw in enumerate(_tables(data, "steps", top) if "steps" in data else [], start=1):
        where = _Where(top.source, f"step #{position}")
        table = _table(raw, where, "steps")
        _known_keys(table, _STEP_KEYS, where)
        link = _link(table, "link", where)
        where = _Where(top.source, f"step '{link}'")
        if link in steps:
            raise where.error("link", "this step is listed twice: list each step once")
        builds = _text_list(table, "builds", where)
        for dimension_id in builds:
            if dimension_id not in dimension_ids:
                raise where.error(
                    "builds",
                    f"unknown dimension '{dimension_id}': "
                    + _did_you_mean(
                        dimension_id,
                        dimension_ids,
                        f"use ids of the [[dimensions]]: {', '.join(dimension_ids)}",
                    ),
                )
        steps[link] = Step(link=link, builds=tuple(builds))
    return tuple(steps.values())


def _check_steps(dimensions: tuple[Dimension, ...], steps: tuple[Step, ...], top: _Where) -> None:
    """With a [[steps]] list, each area's step for each level must be a listed step that builds
    that area: the reader is sent to the step that works on the area, wherever it sits."""
    if not steps:
        return
    by_link = {step.link: step for step in steps}
    for dimension in dimensions:
        where = _Where(top.source, f"dimension '{dimension.id}'")
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
    positions: dict[str, int] = {}
    for position, raw in enumerate(_tables(data, "themes", top), start=1):
        where = _Where(top.source, f"theme #{position}")
        table = _table(raw, where, "themes")
        theme_id = _id(table, where)
        where = _Where(top.source, f"theme '{theme_id}'")
        if theme_id in themes:
            raise where.error(
                "id",
                f"duplicate theme id '{theme_id}': the {_ordinal(positions[theme_id])} and "
                f"{_ordinal(position)} [[themes]] blocks both have it. Each theme needs its own "
                "id: delete the extra block or give it another id",
            )
        positions[theme_id] = position
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
    table: Mapping[str, object], where: _Where, levels: Mapping[int, Level], anywhere: bool
) -> dict[int, str]:
    numbers = tuple(levels)
    raw = _table(_required(table, "steps", where), where, "steps")
    steps: dict[int, str] = {}
    for key, value in raw.items():
        level = _level_key(key)
        if level is None or level not in numbers:
            raise where.error("steps", f"unexpected level '{key}' (levels are {_span(numbers)})")
        del value
        link = _link(raw, key, where, f"steps.{level}")
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


def _span(numbers: tuple[int, ...]) -> str:
    return f"{numbers[0]} to {numbers[-1]}"


def _dimensions(
    data: Mapping[str, object],
    top: _Where,
    theme_ids: tuple[str, ...],
    levels: Mapping[int, Level],
    anywhere: bool,
) -> tuple[Dimension, ...]:
    dimensions: dict[str, Dimension] = {}
    positions: dict[str, int] = {}
    for position, raw in enumerate(_tables(data, "dimensions", top), start=1):
        where = _Where(top.source, f"dimension #{position}")
        table = _table(raw, where, "dimensions")
        dimension_id = _id(table, where)
        where = _Where(top.source, f"dimension '{dimension_id}'")
        if dimension_id in dimensions:
            raise where.error(
                "id",
                f"duplicate dimension id '{dimension_id}': the {_ordinal(positions[dimension_id])}"
                f" and {_ordinal(position)} [[dimensions]] blocks both have it. Each area needs "
                "its own id: delete the extra block or give it another id",
            )
        positions[dimension_id] = position
        _known_keys(table, _DIMENSION_KEYS, where)
        themes = _text_list(table, "themes", where)
        for theme in themes:
            if theme not in theme_ids:
                raise where.error(
                    "themes",
                    f"unknown theme '{theme}': "
                    + _did_you_mean(
                        theme, theme_ids, f"use ids of the [[themes]]: {', '.join(theme_ids)}"
                    ),
                )
        if len(set(themes)) != len(themes):
            raise where.error("themes", "a theme is listed more than once")
        dimensions[dimension_id] = Dimension(
            id=dimension_id,
            name=_text(table, "name", where),
            description=_text(table, "description", where),
            themes=tuple(themes),
            steps=MappingProxyType(_steps(table, where, levels, anywhere)),
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


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th... 11th, 12th, 13th... 21st."""
    teens = 10 <= number % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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


def _questions(
    data: Mapping[str, object],
    top: _Where,
    dimension_ids: tuple[str, ...],
    retired: frozenset[int],
    levels: Mapping[int, Level],
) -> tuple[Question, ...]:
    questions: dict[str, Question] = {}
    numbers: dict[int, str] = {}
    positions: dict[str, tuple[int, str]] = {}
    raw_questions = _tables(data, "questions", top)
    free = _next_free_number(raw_questions, retired)
    for position, raw in enumerate(raw_questions, start=1):
        where = _Where(top.source, f"question #{position}")
        table = _table(raw, where, "questions")
        question_id = _id(table, where)
        where = _Where(top.source, f"question '{question_id}'")
        if question_id in questions:
            first, first_number = positions[question_id]
            raise where.error(
                "id",
                f"duplicate question id '{question_id}': the {_ordinal(first)} and "
                f"{_ordinal(position)} [[questions]] blocks ({first_number} and "
                f"{_number_label(table)}) both have it. Each question needs its own id: give "
                "the one you added a new id (never change the id of a published question)",
            )
        positions[question_id] = (position, _number_label(table))
        _known_keys(table, _QUESTION_KEYS, where)
        number = _whole(
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
        dimension = _text(table, "dimension", where)
        if dimension not in dimension_ids:
            raise where.error(
                "dimension",
                f"unknown dimension '{dimension}': "
                + _did_you_mean(
                    dimension,
                    dimension_ids,
                    f"use the id of one of the [[dimensions]]: {', '.join(dimension_ids)}",
                ),
            )
        text = _text(table, "text", where)
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
                "not_applicable", f"expected true or false, got {_kind(not_applicable)}"
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


def _retired(data: Mapping[str, object], top: _Where) -> frozenset[int]:
    raw = data.get("retired", [])
    if not isinstance(raw, list | tuple):
        raise top.error(
            "retired", f"expected a list of numbers in square brackets, got {_kind(raw)}"
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
    dimensions = _dimensions(
        data, top, tuple(theme.id for theme in themes), by_number, anywhere="steps" in data
    )
    dimension_ids = tuple(d.id for d in dimensions)
    _check_gates(levels, dimension_ids, top)
    steps = _catalogue(data, top, dimension_ids)
    _check_steps(dimensions, steps, top)
    retired = _retired(data, top)
    questions = _questions(data, top, dimension_ids, retired, by_number)
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
        steps=steps,
        code_version=_code_version(data, top),
        source=source,
    )
