"""Result codes made by earlier versions of the assessment.

A result link already shared must keep opening with the level and profile it was first
given. Version 2 codes hold answers to the frozen version-2 bank (``quiz/bank_v2.toml``) and
are scored with the version-2 rule (``evaluate_capped``: the average of the
areas, at most one level above the weakest). Version 1 codes hold answers to the frozen
version-1 bank (``quiz/bank_v1.toml``) and are scored with the version-1 rule:

* an area's level is the average of its answered questions, rounded down;
* the overall level is ``min(floor(average of area levels), weakest area + 1)``;
* "Not sure" answers are left out, and the result is a single level (confirmed = possible).

:func:`open_code` is the one entry point: it reads a code or result link of any known
version and returns the result together with the bank it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .._bank.loader import load_bank
from .._bank.model import Bank
from .._scoring.answers import Answers
from .._scoring.scoring import Evaluation, Result, Rule, evaluate, evaluate_capped, score
from .._text import text as sentence
from ..errors import CodeError
from .codes import code_version, decode

__all__ = [
    "FROZEN_VERSIONS",
    "OpenedCode",
    "evaluate_v1",
    "legacy_note",
    "open_code",
    "rule_for",
]

#: The result-code versions whose banks are kept frozen beside the current one.
FROZEN_VERSIONS = (1, 2)


def legacy_note(version: int) -> str:
    """What a result opened from a link of an earlier ``version`` says about it."""
    return sentence("legacy.v2" if version == 2 else "legacy.v1")


@dataclass(frozen=True)
class OpenedCode:
    """A decoded result code: its bank, answers and result."""

    bank: Bank
    answers: Answers
    result: Result

    @property
    def legacy(self) -> bool:
        """True when the code was made by an earlier version of the assessment."""
        return self.bank.code_version != load_bank().code_version


def evaluate_v1(bank: Bank, answers: Answers) -> Evaluation:
    """The version-1 rule (see the module docstring)."""
    levels: dict[str, int | None] = {}
    for dimension in bank.dimensions:
        given = [
            level
            for q in bank.questions_for(dimension.id)
            if isinstance(level := answers.get(q.id), int)
        ]
        levels[dimension.id] = sum(given) // len(given) if given else None
    known = [level for level in levels.values() if level is not None]
    if len(known) < bank.scoring.min_dimensions:
        return Evaluation(levels, levels, None, None, None, None, None, counted=_counted(levels))
    average_level = sum(known) // len(known)
    cap = min(known) + 1
    level = min(average_level, cap)
    return Evaluation(
        dimension_levels=levels,
        dimension_possible=levels,
        level=level,
        possible_level=level,
        average=Fraction(sum(known), len(known)),
        average_level=average_level,
        cap=cap,
        counted=_counted(levels),
    )


def _counted(levels: dict[str, int | None]) -> dict[str, int]:
    return {area: level for area, level in levels.items() if level is not None}


def rule_for(version: int) -> Rule:
    """The scoring rule that codes of this version were first scored with."""
    return {1: evaluate_v1, 2: evaluate_capped}.get(version, evaluate)


def open_code(text: str, bank: Bank | None = None) -> OpenedCode:
    """Decode a result code or link of any known version, and score it as it was scored.

    ``bank`` (default: the packaged bank) is used when the code's version is its own;
    other versions use the packaged frozen banks. Raises :class:`CodeError` with a message
    for the reader.
    """
    version = code_version(text)
    current = load_bank() if bank is None else bank
    if version == current.code_version:
        answers = decode(current, text)
        return OpenedCode(current, answers, score(current, answers, rule=rule_for(version)))
    try:  # an earlier version's bank, in the language of the bank asked for
        bank = load_bank(version=version, lang=current.language)
    except KeyError:
        raise CodeError(sentence("code.unsupported")) from None
    answers = decode(bank, text)
    return OpenedCode(bank, answers, score(bank, answers, rule=rule_for(version)))
