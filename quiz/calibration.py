"""Calibration personas: organisations described from the level pages, with the level the
playbook would give them (``tests/data/personas.toml``).

The tests score every persona and fail unless it lands on its expected level; the "How scoring
works" page renders the same file as a table. Build- and test-time only.

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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .answers import Answers, check_answers
from .errors import AnswerError, BankError
from .model import Bank

__all__ = ["KINDS", "Persona", "load_personas"]

KINDS = ("flat", "noisy", "uneven", "hidden")
NOT_SURE = "not sure"


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
