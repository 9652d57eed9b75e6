"""EX maturity self-assessment engine.

Load the question bank, score answers, turn answers into short result codes and
back, and describe results as JSON. Standard library only, so the same code runs
on the command line and in the browser (Pyodide).

>>> from quiz import load_bank, score
>>> bank = load_bank()
>>> score(bank, {q.id: 3 for q in bank.questions}).level
3
"""

from __future__ import annotations

from .answers import Answers, check_answers
from .codes import CODE_VERSION, decode, encode
from .errors import AnswerError, BankError, CodeError, TeamError
from .explain import scoring_rules_markdown, worked_example_answers
from .loader import load_bank, parse_bank
from .model import (
    LEVEL_NUMBERS,
    NOT_SURE_LABEL,
    Bank,
    Choice,
    Dimension,
    Level,
    Option,
    Question,
    ScoringSettings,
    Theme,
)
from .report import SCHEMA_VERSION, bank_to_dict, result_to_dict
from .scoring import Blocker, DimensionResult, Result, ThemeRef, score, scoring_rules
from .team import TeamDimension, TeamView, read_codes, team_to_dict, team_view

__all__ = [
    "CODE_VERSION",
    "LEVEL_NUMBERS",
    "NOT_SURE_LABEL",
    "SCHEMA_VERSION",
    "AnswerError",
    "Answers",
    "Bank",
    "BankError",
    "Blocker",
    "Choice",
    "CodeError",
    "Dimension",
    "DimensionResult",
    "Level",
    "Option",
    "Question",
    "Result",
    "ScoringSettings",
    "TeamDimension",
    "TeamError",
    "TeamView",
    "Theme",
    "ThemeRef",
    "bank_to_dict",
    "check_answers",
    "decode",
    "encode",
    "load_bank",
    "parse_bank",
    "read_codes",
    "result_to_dict",
    "score",
    "scoring_rules",
    "scoring_rules_markdown",
    "team_to_dict",
    "team_view",
    "worked_example_answers",
]
