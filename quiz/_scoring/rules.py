"""The scoring rule in plain sentences, filled in with the bank's numbers and gates: the
"How scoring works" page, the command line and the bank's description give these."""

from __future__ import annotations

from .._bank.model import Bank
from .result import CONTRAST_GAP

__all__ = ["scoring_rules"]


def _names(bank: Bank, ids: tuple[str, ...]) -> str:
    names = [bank.dimension(i).name for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def scoring_rules(bank: Bank) -> tuple[str, ...]:
    """The scoring rule as plain sentences, filled in with the bank's numbers and gates."""
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    low, top = bank.lowest, bank.top
    if not bank.staged:
        return _capped_rules(bank)
    gates = [
        f"Level {lv.number}: {_names(bank, bank.gates(lv.number))}"
        for lv in bank.levels
        if bank.gates(lv.number)
    ]
    profile = tuple(d.id for d in bank.dimensions if not bank.gated_levels(d.id))
    rules = [
        f'Each answer counts as a level from {low} to {top}. "Not sure" answers and skipped '
        'questions are open: unknown, not guessed. "Not applicable" answers, offered only where '
        "a question can fail to apply, leave the question out.",
        "Each area's level is the average of its answers, rounded to the nearest level; an "
        "exact half rounds up, so one answer a level below the others does not pull an area "
        "down.",
        "Your level is staged, as the playbook's model is: each level names the areas that "
        "define it, and you reach a level when those areas, and the areas of every level "
        "below it, are each at the level they define or above (an area that two levels name "
        f"needs the higher of the two). {'; '.join(gates)}.",
    ]
    if profile:
        rules.append(
            f"The other areas ({_names(bank, profile)}) are your profile: they are shown and "
            "advised on, but they never move the level."
        )
    rules += [
        f"Open questions make the result a range. The confirmed level counts each open "
        f"question at Level {low}; the possible level counts it at Level {top}. So "
        '"Not sure" can never raise your level, and an area with no answers is unknown, '
        "never strong.",
        f"A level needs answers in at least {needed} of the {total} areas (or in every area "
        "that applies, if fewer apply, and at least one); with fewer, the result explains "
        "what is missing instead. An area whose every question is not applicable is left "
        "out.",
        "What to do next names up to "
        f"{bank.scoring.max_weakest} areas below the next level, in this order: areas with "
        "no answer yet, then the areas the next level needs, then those furthest below it. "
        "Areas that tie are named together or not at all, so the order of the questions never "
        "decides.",
        f"Two answers in one area that are {CONTRAST_GAP} or more levels apart are reported "
        "side by side as a contrast rather than averaged away.",
    ]
    return tuple(rules)


def _capped_rules(bank: Bank) -> tuple[str, ...]:
    total = len(bank.dimensions)
    needed = bank.scoring.min_dimensions
    low, top = bank.lowest, bank.top
    return (
        f'Each answer counts as a level from {low} to {top}. "Not sure" answers and skipped '
        "questions are open: unknown, not guessed.",
        "Each area's level is the average of its answers, rounded to the nearest level; "
        "an exact half rounds down.",
        "The overall level is the average across the areas, rounded the same way, but never "
        "more than one level above your weakest area, so a strong area cannot hide a weak one.",
        f"Open questions make the result a range. The confirmed level counts each open "
        f"question at Level {low}; the possible level counts it at Level {top}. So "
        '"Not sure" can never raise your level, and an area with no answers is unknown, '
        "never strong.",
        f"A level needs answers in at least {needed} of the {total} areas; with fewer, the "
        "result explains what is missing instead.",
        f"Two answers in one area that are {CONTRAST_GAP} or more levels apart are reported "
        "side by side as a contrast rather than averaged away.",
    )
