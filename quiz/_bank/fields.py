"""Reading one field of the question bank: the typed readers the loader's checks share.

Each reader takes a :class:`Where`, which names the item being read (``question
'metrics-use'``, ``level 3``...), and raises :class:`~quiz.errors.BankError` with a one-line
message naming the file, the item and the field, and where it can, how to fix it: the id you
probably meant (:func:`did_you_mean`), how a link is written (:func:`link_problem`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import BankError

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LINK = re.compile(r"[a-z0-9_./-]+\.md#[a-z0-9-]+")
#: HTML and Markdown marks that bank text must not hold (see ``read_text``).
_MARKUP = ("<", ">", "**", "__", "`")


@dataclass(frozen=True)
class Where:
    """Names the item being checked, e.g. ``question 'metrics-use'``."""

    source: str
    item: str

    def error(self, field: str, problem: str) -> BankError:
        if self.item:
            return BankError(f"{self.source}: {self.item} field '{field}': {problem}")
        return BankError(f"{self.source}: field '{field}': {problem}")


def kind_of(value: object) -> str:
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


def read_table(value: object, where: Where, field: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise where.error(field, f"expected a table, got {kind_of(value)}")
    return value


def did_you_mean(value: str, valid: Iterable[str], then: str) -> str:
    """``then``, after "did you mean 'feedback'?" when ``value`` is close to one of ``valid``."""
    import difflib

    close = difflib.get_close_matches(value, list(valid), n=1)
    return f"did you mean '{close[0]}'? {then[:1].upper()}{then[1:]}" if close else then


def known_keys(table: Mapping[str, object], allowed: tuple[str, ...], where: Where) -> None:
    for key in table:
        if key not in allowed:
            expected = ", ".join(allowed)
            raise where.error(
                str(key),
                "unknown key: " + did_you_mean(str(key), allowed, f"the keys here are: {expected}"),
            )


def required(table: Mapping[str, object], key: str, where: Where) -> object:
    if key not in table:
        raise where.error(key, "missing required key")
    return table[key]


def read_text(table: Mapping[str, object], key: str, where: Where, field: str = "") -> str:
    """The stripped text under ``key``; errors name ``field`` (default: the key)."""
    value = required(table, key, where)
    if not isinstance(value, str):
        raise where.error(field or key, f"expected text, got {kind_of(value)}")
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


def read_whole(
    table: Mapping[str, object],
    key: str,
    where: Where,
    default: int | None = None,
    minimum: int = 1,
    hint: str = "",
) -> int:
    if key not in table and default is not None:
        return default
    value = required(table, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.error(key, f"expected a whole number, got {kind_of(value)}")
    if value < minimum:
        raise where.error(key, f"must be {minimum} or more, got {value}{hint}")
    return value


def read_id(table: Mapping[str, object], where: Where) -> str:
    value = read_text(table, "id", where)
    if not _ID.fullmatch(value):
        raise where.error("id", f"'{value}' must be lowercase words joined by hyphens")
    return value


def read_text_list(table: Mapping[str, object], key: str, where: Where) -> list[str]:
    value = required(table, key, where)
    if not isinstance(value, list | tuple):
        raise where.error(key, f"expected a list of text, got {kind_of(value)}")
    if not value:
        raise where.error(key, "the list is empty")
    items: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise where.error(key, f"item {position} should be text, got {kind_of(item)}")
        if not item.strip():
            raise where.error(key, f"item {position} is empty")
        items.append(item.strip())
    return items


def read_tables(data: Mapping[str, object], key: str, where: Where) -> list[object]:
    value = required(data, key, where)
    if not isinstance(value, list | tuple):
        raise where.error(key, f"expected [[{key}]] entries, got {kind_of(value)}")
    if not value:
        raise where.error(key, f"no [[{key}]] entries")
    return list(value)


def path_mistakes(path: str) -> tuple[list[str], str]:
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


def link_problem(value: str) -> str | None:
    """Why ``value`` is not a link like levels/level-1.md#step-1, and the fix (None if it is)."""
    mistakes, fixed = path_mistakes(value)
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


def read_link(table: Mapping[str, object], key: str, where: Where, field: str = "") -> str:
    value = read_text(table, key, where, field)
    problem = link_problem(value)
    if problem is not None:
        raise where.error(field or key, problem)
    return value


def span(numbers: tuple[int, ...]) -> str:
    return f"{numbers[0]} to {numbers[-1]}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th... 11th, 12th, 13th... 21st."""
    teens = 10 <= number % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
