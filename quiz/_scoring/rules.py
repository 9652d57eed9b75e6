"""The scoring rule in plain sentences, filled in with the bank's numbers and gates: the
"How scoring works" page, the command line and the bank's description give these."""

from __future__ import annotations

from .._bank.model import Bank
from .._text import text as sentence
from .result import CONTRAST_GAP

__all__ = ["names_list", "scoring_rules"]


def names_list(names: list[str]) -> str:
    """Names in a sentence, in the language in use: "A", "A and B", "A, B and C"."""
    if len(names) == 1:
        return names[0]
    return sentence("scoring.list", items=", ".join(names[:-1]), last=names[-1])


def _names(bank: Bank, ids: tuple[str, ...]) -> str:
    return names_list([bank.dimension(i).name for i in ids])


def scoring_rules(bank: Bank) -> tuple[str, ...]:
    """The scoring rule as plain sentences, filled in with the bank's numbers and gates."""
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    low, top = bank.lowest, bank.top
    if not bank.staged:
        return _capped_rules(bank)
    gates = [
        sentence("scoring.rule_gate", level=lv.number, names=_names(bank, bank.gates(lv.number)))
        for lv in bank.levels
        if bank.gates(lv.number)
    ]
    profile = tuple(d.id for d in bank.dimensions if not bank.gated_levels(d.id))
    rules = [
        sentence("scoring.rule_answers", low=low, top=top),
        sentence("scoring.rule_area"),
        sentence("scoring.rule_staged", gates="; ".join(gates)),
    ]
    if profile:
        rules.append(sentence("scoring.rule_profile", names=_names(bank, profile)))
    rules += [
        sentence("scoring.rule_range", low=low, top=top),
        sentence("scoring.rule_enough", needed=needed, total=total),
        sentence("scoring.rule_next", most=bank.scoring.max_weakest),
        sentence("scoring.rule_contrast", gap=CONTRAST_GAP),
    ]
    return tuple(rules)


def _capped_rules(bank: Bank) -> tuple[str, ...]:
    low, top = bank.lowest, bank.top
    return (
        sentence("scoring.capped_answers", low=low, top=top),
        sentence("scoring.capped_area"),
        sentence("scoring.capped_overall"),
        sentence("scoring.rule_range", low=low, top=top),
        sentence(
            "scoring.capped_enough", needed=bank.scoring.min_dimensions, total=len(bank.dimensions)
        ),
        sentence("scoring.rule_contrast", gap=CONTRAST_GAP),
    )
