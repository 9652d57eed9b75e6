"""EX maturity self-assessment engine.

Load the question bank, score answers, turn answers into short result codes and back, combine
a team's results, and describe any of them as JSON. Standard library only, so the same code runs
on the command line and in the browser (Pyodide).

>>> from quiz import load_bank, score
>>> bank = load_bank()
>>> score(bank, {q.id: 3 for q in bank.questions}).level
3

The public API is the twelve names below, :mod:`quiz.errors` (the exceptions, with the
sentences a reader sees for a bad result link), :mod:`quiz.web` (the browser's JSON entry
points) and :mod:`quiz.build` (build-time only: the site's settings, pages rendered from the
bank, the command line). Everything else lives in private subpackages grouped by job:
``_bank`` (model, loader, settings), ``_scoring``, ``_results`` (codes, reports, export, plan,
progress) and ``_teams``.
"""

from __future__ import annotations

from ._bank.loader import load_bank, parse_bank
from ._bank.model import Bank
from ._describe import describe
from ._results.codes import encode
from ._results.legacy import OpenedCode, open_code
from ._scoring.answers import Answers, check_answers
from ._scoring.scoring import Result, score
from ._teams.team import team_view

__all__ = [
    "Answers",
    "Bank",
    "OpenedCode",
    "Result",
    "check_answers",
    "describe",
    "encode",
    "load_bank",
    "open_code",
    "parse_bank",
    "score",
    "team_view",
]
