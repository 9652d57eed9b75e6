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

from .answers import Answers, answers_from_json, check_answers
from .codes import CODE_VERSION, code_version, decode, encode, extract_code
from .errors import AnswerError, BankError, CodeError, TeamError
from .legacy import OpenedCode, open_code
from .loader import load_bank, load_packaged_bank, parse_bank
from .model import (
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
from .report import (
    SCHEMA_VERSION,
    answers_to_dict,
    bank_to_dict,
    opened_to_dict,
    result_to_dict,
)
from .scoring import (
    Blocker,
    Contrast,
    DimensionResult,
    Evaluation,
    Result,
    ThemeRef,
    evaluate,
    score,
    scoring_rules,
)
from .team import TeamDimension, TeamView, read_codes, team_to_dict, team_view

__all__ = [
    "CODE_VERSION",
    "NOT_SURE_LABEL",
    "SCHEMA_VERSION",
    "AnswerError",
    "Answers",
    "Bank",
    "BankError",
    "Blocker",
    "Choice",
    "CodeError",
    "Contrast",
    "Dimension",
    "DimensionResult",
    "Evaluation",
    "Level",
    "OpenedCode",
    "Option",
    "Question",
    "Result",
    "ScoringSettings",
    "TeamDimension",
    "TeamError",
    "TeamView",
    "Theme",
    "ThemeRef",
    "answers_from_json",
    "answers_to_dict",
    "bank_to_dict",
    "check_answers",
    "code_version",
    "decode",
    "encode",
    "evaluate",
    "extract_code",
    "load_bank",
    "load_packaged_bank",
    "open_code",
    "opened_to_dict",
    "parse_bank",
    "read_codes",
    "result_to_dict",
    "score",
    "scoring_rules",
    "team_to_dict",
    "team_view",
]
