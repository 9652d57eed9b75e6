"""One function for every JSON-ready view: :func:`describe`.

The command line's ``--json`` output, the build and the tests all describe a bank, a scored
set of answers, an opened result link or a team the same way; the browser receives the same
dicts through :mod:`quiz.web`. The schema of a result is documented in
:mod:`quiz._results.report`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._bank.model import Answer, Bank
from ._results.legacy import OpenedCode
from ._results.report import answers_to_dict, bank_to_dict, opened_to_dict
from ._teams.output import team_to_dict
from ._teams.team import TeamView

__all__ = ["describe"]


def describe(
    subject: Bank | OpenedCode | TeamView,
    answers: Mapping[str, Answer] | None = None,
    *,
    names: Sequence[str] | None = None,
) -> dict[str, object]:
    """A JSON-ready dict (plain dicts, lists, strings, numbers, booleans and ``None``):

    * ``describe(bank)``: the bank (levels, themes, areas, questions, steps, scoring rules);
    * ``describe(bank, answers)``: the result of checked answers, with their result code;
    * ``describe(opened)``: a result opened from a code or link (:func:`quiz.open_code`),
      marked when an earlier version of the assessment made it;
    * ``describe(team, names=...)``: a team's view (:func:`quiz.team_view`), its sentence
      naming the members by ``names`` when given.
    """
    if isinstance(subject, Bank):
        if answers is None:
            return bank_to_dict(subject)
        return answers_to_dict(subject, dict(answers))
    if answers is not None:
        raise TypeError("answers go with a bank: describe(bank, answers)")
    if isinstance(subject, OpenedCode):
        return opened_to_dict(subject)
    return team_to_dict(subject, names)
