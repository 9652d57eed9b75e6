"""A bank in another language: the bank's text from a *layer* file beside it.

``quiz/bank.toml`` is written in the site's first language (English). Its text in another
language lives in a layer, ``quiz/bank.<language>.toml`` (``quiz/bank.fr.toml``), which holds
only text: each level's name, summary and focus, each theme's title, each area's name and
description, each question's text and statements. Ids, numbers, links, gates and the scoring
settings stay in the bank, so a result code means the same in every language. The frozen
banks have frozen layers of their own (``quiz/bank_v1.fr.toml``).

A layer must translate every entry of its bank, field for field, and nothing else: a missing
or extra entry, field or statement stops the loader with a message that names the layer file,
the entry and the field, as the bank's own messages do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import PurePosixPath

from .fields import Where, did_you_mean, known_keys, read_table, read_text, read_text_list, required
from .model import Bank, Dimension, Level, Question, Theme

__all__ = ["FIRST_LANGUAGE", "apply_layer", "layer_path"]

#: The language the bank itself is written in.
FIRST_LANGUAGE = "en"
_TOP_KEYS = ("language", "levels", "themes", "dimensions", "questions")


def layer_path(bank_path: str, language: str) -> str:
    """``quiz/bank.toml`` -> ``quiz/bank.fr.toml``."""
    path = PurePosixPath(bank_path)
    return str(path.with_name(f"{path.stem}.{language}{path.suffix}"))


def _entries(
    data: Mapping[str, object], key: str, ids: list[str], what: str, top: Where
) -> dict[str, Mapping[str, object]]:
    """The layer's table for each of ``ids`` (every one present, no other)."""
    tables = read_table(required(data, key, top), top, key)
    for name in tables:
        if name not in ids:
            then = f"the bank has no {what} '{name}': remove its table here"
            raise top.error(key, did_you_mean(str(name), ids, then))
    entries = {}
    for name in ids:
        if name not in tables:
            raise top.error(key, f"no translation of {what} '{name}': add a [{key}.{name}] table")
        entries[name] = read_table(tables[name], Where(top.source, f"{what} '{name}'"), key)
    return entries


def _same_length(items: list[str], count: int, where: Where, field: str, what: str) -> None:
    if len(items) != count:
        raise where.error(field, f"{len(items)} {what}, the bank has {count}: give one for each")


def _level(level: Level, table: Mapping[str, object], where: Where) -> Level:
    known_keys(table, ("name", "summary", "focus"), where)
    focus = read_text_list(table, "focus", where)
    _same_length(focus, len(level.focus), where, "focus", "items")
    return dataclasses.replace(
        level,
        name=read_text(table, "name", where),
        summary=read_text(table, "summary", where),
        focus=tuple(focus),
    )


def _dimension(dimension: Dimension, table: Mapping[str, object], where: Where) -> Dimension:
    known_keys(table, ("name", "description"), where)
    return dataclasses.replace(
        dimension,
        name=read_text(table, "name", where),
        description=read_text(table, "description", where),
    )


def _question(question: Question, table: Mapping[str, object], where: Where) -> Question:
    known_keys(table, ("text", "options"), where)
    statements = read_text_list(table, "options", where)
    _same_length(statements, len(question.options), where, "options", "statements")
    options = tuple(
        dataclasses.replace(option, text=text)
        for option, text in zip(question.options, statements, strict=True)
    )
    return dataclasses.replace(question, text=read_text(table, "text", where), options=options)


def _theme(theme: Theme, table: Mapping[str, object], where: Where) -> Theme:
    known_keys(table, ("title",), where)
    return dataclasses.replace(theme, title=read_text(table, "title", where))


def apply_layer(bank: Bank, data: Mapping[str, object], source: str, language: str) -> Bank:
    """``bank`` with the text of the layer ``data`` (read from ``source``) in ``language``."""
    top = Where(source, "")
    known_keys(data, _TOP_KEYS, top)
    declared = read_text(data, "language", top)
    if declared != language:
        raise top.error("language", f"says '{declared}', but the file is the '{language}' layer")
    levels = _entries(data, "levels", [str(lv.number) for lv in bank.levels], "level", top)
    themes = _entries(data, "themes", [t.id for t in bank.themes], "theme", top)
    areas = _entries(data, "dimensions", [d.id for d in bank.dimensions], "dimension", top)
    questions = _entries(data, "questions", [q.id for q in bank.questions], "question", top)

    def where(what: str, name: object) -> Where:
        return Where(source, f"{what} '{name}'")

    return dataclasses.replace(
        bank,
        levels=tuple(
            _level(lv, levels[str(lv.number)], where("level", lv.number)) for lv in bank.levels
        ),
        themes=tuple(_theme(t, themes[t.id], where("theme", t.id)) for t in bank.themes),
        dimensions=tuple(
            _dimension(d, areas[d.id], where("dimension", d.id)) for d in bank.dimensions
        ),
        questions=tuple(
            _question(q, questions[q.id], where("question", q.id)) for q in bank.questions
        ),
        language=language,
        source=source,
    )
