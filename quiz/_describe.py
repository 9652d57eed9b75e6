"""One function for every JSON-ready view: :func:`describe`.

The command line's ``--json`` output, the build and the tests all describe a bank, a scored
set of answers, an opened result link or a team the same way; the browser receives the same
dicts through :mod:`quiz.web`.
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

    A result (``describe(bank, answers)``, ``describe(opened)``)
    has exactly these keys (a test holds the output to this list):

    Result schema (``schema`` = 2)::

        level            int | None   confirmed level; None without enough answers
        possible_level   int | None   highest level the open questions could still reach
        open_questions   int          questions answered "Not sure" or skipped
        level_statement  str | None   "Level 2 confirmed; answering the 3 open questions could ..."
        level_name, summary           the confirmed level's name and one-sentence summary
        enough           bool         whether enough areas were answered
        reason           str | None   why there is no level (None when enough)
        answered         int          areas with at least one real answer
        required         int          areas needed for a level (min_dimensions)
        questions_answered, questions_total   int
        dimensions       {id: level | None}
        profile          [{id, name, level, possible, mean, answered, questions, open, label, guide,
                           guide_label, applies, not_applicable, gates: [level],
                           answers: [{question, number, text, level, statement}]}]
                         (an answer's level is a number, None for "not sure" or "na")
        contrasts        [{dimension, dimension_name, questions: [high id, low id],
                           levels: [high, low], statements: [high, low], sentence}]
        blockers         [{id, name, level, caps, lift: [str], open: [str], guide, guide_label,
                           target, unanswered, label, goal, open_sentence}]
                         ``caps``: the area is one of the next level's gates (it holds the level)
        weakest          [{id, name, level, guide, guide_label}]
        plan_areas       [area id]    the areas "what to do next" names and "Your plan" starts with
        not_applicable   [area id]    areas whose every question was answered "not applicable"
        gates            {level: [area id]}   the areas each level needs (staged rule)
        focus_areas      [str]
        themes           [{id, title, anchor}]
        answers          {question id: level | None}   (only questions answered)
        code             str          result code (see quiz.encode)
        page             str          docs-relative page, e.g. "levels/level-3.md"
        next_level       int | None   level above, None at the top or without a level
        next_level_name  str | None
        calculation      {rule, average, average_level, weakest_level, cap, capped, missing}
        why              str | None   the calculation in one or two plain sentences
        legacy           None | {version, message}   set for links made by an earlier version
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
