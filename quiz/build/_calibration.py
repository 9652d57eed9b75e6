"""Example organisations: the validation set and the regression personas.

* **Validation** (``validation/organisations.toml``): organisations described in prose from the
  level pages and the sources *before* their answers were fixed, each with an expected level, a
  defensible range and the sentence that justifies it; the answers were then derived from the
  prose. :func:`hit_rate` counts exact and within-range hits; the tests hold it to at least 90%
  exact and 100% within range, and the "How scoring works" page publishes the table.
* **Regression personas** (``validation/personas.toml``): organisations the project wrote
  together with earlier rules. They prove little about the rule, so they are kept only as
  regression tests: the tests fail if a change moves any of them.

Build- and test-time only.

File format::

    [[personas]]
    name = "A retailer where only Support tracks CSAT"
    kind = "flat"            # flat, noisy, uneven or hidden
    expected = 2             # the confirmed level the playbook would give it
    justification = "..."    # a sentence quoted from the level page
    source = "levels/level-2.md#what-it-looks-like"
    [personas.answers]       # question id = level, or "not sure"
    metrics-use = 2
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .._bank.model import Bank
from .._scoring.answers import Answers, check_answers
from ..errors import AnswerError, BankError

__all__ = [
    "KINDS",
    "VALIDATION",
    "Organisation",
    "Persona",
    "hit_rate",
    "load_organisations",
    "load_personas",
    "validation_history",
]

KINDS = ("flat", "noisy", "uneven", "hidden")
NOT_SURE = "not sure"

#: The validation set, relative to the project root.
VALIDATION = "validation/organisations.toml"


@dataclass(frozen=True)
class Organisation:
    """An organisation described in prose before its answers were fixed."""

    id: str
    name: str
    case: str
    prose: str
    expected: int
    range: tuple[int, int]
    why: str
    answers: Answers
    respondent: str = ""


@dataclass(frozen=True)
class Persona:
    """An example organisation and the level the playbook would give it."""

    name: str
    kind: str
    expected: int
    justification: str
    source: str
    answers: Answers


def _answers(bank: Bank, raw: object, where: str) -> Answers:
    if not isinstance(raw, Mapping):
        raise BankError(f"{where} field 'answers': expected a table of question id = level")
    given = {key: None if value == NOT_SURE else value for key, value in raw.items()}
    if not given:
        raise BankError(f"{where} field 'answers': no answers yet")
    try:
        return check_answers(bank, given)
    except AnswerError as exc:
        hint = ""
        if "question" in str(exc).lower() and "unknown" in str(exc).lower():
            hint = " If you removed that question from the bank, remove its line here too."
        raise BankError(f"{where} field 'answers': {exc}{hint}") from None


def _shown(path: Path) -> str:
    """The file as a maintainer finds it: relative to the folder they work in, if inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_personas(path: Path, bank: Bank) -> tuple[Persona, ...]:
    """Read and check the personas file; raises BankError naming the persona and field."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    personas = []
    for position, raw in enumerate(data.get("personas", []), start=1):
        name = raw.get("name") if isinstance(raw, Mapping) else None
        where = f"{_shown(path)}: persona #{position}" + (f" ({name})" if name else "")
        try:
            persona = Persona(
                name=str(raw["name"]),
                kind=str(raw["kind"]),
                expected=int(raw["expected"]),
                justification=str(raw["justification"]),
                source=str(raw["source"]),
                answers=_answers(bank, raw["answers"], where),
            )
        except KeyError as exc:
            raise BankError(f"{where} field {exc}: missing") from None
        if persona.kind not in KINDS:
            raise BankError(f"{where} field 'kind': expected one of {', '.join(KINDS)}")
        if persona.expected not in bank.level_numbers:
            raise BankError(f"{where} field 'expected': not a level of the bank")
        personas.append(persona)
    return tuple(personas)


def load_organisations(path: Path, bank: Bank) -> tuple[Organisation, ...]:
    """Read and check the validation set; raises BankError naming the organisation and field.
    Answers: question id = level, "not sure" or "na"."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = []
    for position, raw in enumerate(data.get("organisations", []), start=1):
        ident = raw.get("id") if isinstance(raw, Mapping) else None
        where = f"{_shown(path)}: organisation #{position}" + (f" ({ident})" if ident else "")
        try:
            low, high = _range(raw["range"], where)
            item = Organisation(
                id=str(raw["id"]),
                name=str(raw["name"]),
                case=str(raw["case"]),
                prose=str(raw["prose"]),
                expected=int(raw["expected"]),
                range=(low, high),
                why=str(raw["why"]),
                answers=_answers(bank, raw.get("answers", {}), where),
                respondent=str(raw.get("respondent", "")),
            )
        except KeyError as exc:
            raise BankError(f"{where} field {exc}: missing") from None
        if not low <= item.expected <= high or item.expected not in bank.level_numbers:
            raise BankError(f"{where} field 'expected': must be a level within its range")
        found.append(item)
    return tuple(found)


def _range(raw: object, where: str) -> tuple[int, int]:
    if (
        isinstance(raw, list)
        and len(raw) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in raw)
    ):
        return raw[0], raw[1]
    raise BankError(f"{where} field 'range': expected [low, high] levels, got {raw!r}")


def validation_history(path: Path) -> str:
    """The validation file's ``history``: how the rule met the set over time, in prose."""
    value = tomllib.loads(path.read_text(encoding="utf-8")).get("history", "")
    if not isinstance(value, str):
        raise BankError(f"{_shown(path)}: field 'history': expected text")
    return value


def hit_rate(bank: Bank, organisations: Sequence[Organisation]) -> tuple[int, int]:
    """(exact hits, hits within the defensible range) of the confirmed level."""
    from .._scoring.scoring import score

    exact = within = 0
    for item in organisations:
        level = score(bank, item.answers).level
        exact += level == item.expected
        within += level is not None and item.range[0] <= level <= item.range[1]
    return exact, within
