"""Progress on this device: results saved in the browser, read back and compared.

The browser keeps only each result's code and the date it was taken. These functions turn
that list back into levels (:func:`history`) and compare two results area by area
(:func:`compare`), with every sentence written here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._bank.loader import load_bank
from .._text import text as sentence
from ..errors import CodeError
from .legacy import open_code
from .sentences import level_statement

__all__ = ["compare", "history"]

MAX_ENTRIES = 500


def history(entries: Sequence[Mapping[str, object]]) -> dict[str, object]:
    """Levels for each saved ``{code, date}``; unreadable entries carry an ``error``."""
    if not isinstance(entries, Sequence) or isinstance(entries, str):
        raise CodeError(sentence("results.history_not_list"))
    bank = load_bank()
    rows: list[dict[str, object]] = []
    for entry in list(entries)[:MAX_ENTRIES]:
        if not isinstance(entry, Mapping):
            raise CodeError(sentence("results.history_entry"))
        code, date = entry.get("code"), entry.get("date")
        if not isinstance(code, str) or not isinstance(date, str):
            raise CodeError(sentence("results.history_entry"))
        try:
            opened = open_code(code)
        except CodeError as exc:
            rows.append({"code": code, "date": date, "error": str(exc)})
            continue
        result = opened.result
        rows.append(
            {
                "code": code,
                "date": date,
                "level": result.level,
                "possible_level": result.possible_level,
                "level_statement": level_statement(result),
                "page": result.page,
                "legacy": opened.legacy,
                "dimensions": {d.id: d.level for d in result.dimensions},
            }
        )
    return {
        "dimensions": [{"id": d.id, "name": d.name} for d in bank.dimensions],
        "levels": {"count": len(bank.levels), "names": [lv.name for lv in bank.levels]},
        "entries": rows,
    }


def _change_sentence(name: str, before: int | None, after: int | None) -> str:
    if before is None and after is None:
        key = "results.change_unknown"
    elif before is None:
        key = "results.change_new"
    elif after is None:
        key = "results.change_lost"
    elif after > before:
        key = "results.change_up"
    elif after < before:
        key = "results.change_down"
    else:
        key = "results.change_same"
    return sentence(key, name=name, before=before, after=after)


def compare(previous: str, current: str) -> dict[str, object]:
    """Change per area from an earlier result code to a later one."""
    before, after = open_code(previous), open_code(current)
    comparable = before.bank.code_version == after.bank.code_version
    rows = []
    for dimension in after.result.dimensions:
        old = before.result.area_level(dimension.id)
        change = None if old is None or dimension.level is None else dimension.level - old
        rows.append(
            {
                "id": dimension.id,
                "name": dimension.name,
                "before": old,
                "after": dimension.level,
                "change": change,
                "sentence": _change_sentence(dimension.name, old, dimension.level),
            }
        )
    return {
        "comparable": comparable,
        "note": None if comparable else sentence("results.compare_versions"),
        "level": {"before": before.result.level, "after": after.result.level},
        "dimensions": rows,
    }
