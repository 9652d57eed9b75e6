"""The team comparison page: several people's result links in, one comparison out.

Input is the text of the page's "Result links" box, read by :mod:`quiz._teams.lines` (names,
links or codes, lines that cannot be read). The comparison itself comes from the team engine,
:mod:`quiz._teams.team`, as the command line's ``team`` does, so both show the same team level,
areas and disagreements; this module adds names, sentences and:

* **Team level**: the median of each person's own confirmed level (see
  :func:`quiz._teams.sentences.team_rules`), with a sentence that names anyone whose result has
  no level.
* **Spread per area**: each person's area level, with the median (the team's level there),
  mean, spread, lowest and highest; ``points`` for the chart.
* **Where you disagree most**: the areas whose levels differ most, each with the questions
  behind it whose answers differ and the statement each person chose.
* **Themes** and a **workshop agenda** (:mod:`quiz._teams.workshop`).
* **CSV**: one row per person and question, starting with a UTF-8 byte order mark so that
  spreadsheet programs read names such as "Zoë" correctly; **fragment**: reopens the same
  comparison.

Links made with an earlier version of the assessment count with their own level, and join
each area that still exists; their questions differ, so they are left out of the
question-by-question comparison (``disagreement_notes`` says so).
"""

from __future__ import annotations

import csv
import io

from .._bank.loader import load_bank
from .._bank.model import Answer, Bank
from .._results.codes import encode
from .._results.export import CSV_BOM, safe_cell
from .._results.percent import percent_encode
from .._results.sentences import level_statement
from .._text import decimal, plural
from .._text import text as sentence
from .lines import Member, read_lines
from .output import dimension_dict, disagreement_dict, question_dict
from .sentences import level_basis, team_statement
from .team import TeamDisagreement, TeamQuestion, TeamView, answer_statement, team_from_results
from .workshop import conversation_themes, workshop_agenda

__all__ = ["team_report"]


def _repeated_notes(members: list[Member]) -> list[str]:
    """Lines that hold the same answers as an earlier line. Two people can answer alike, so
    both still count; but a link pasted twice would count one person's answers twice."""
    first: dict[tuple[int, tuple[tuple[str, Answer], ...]], Member] = {}
    notes: list[str] = []
    for member in members:
        key = (
            member.opened.bank.code_version,
            tuple(sorted(member.opened.answers.items())),
        )
        if key in first:
            earlier = first[key]
            notes.append(
                sentence(
                    "team.repeated",
                    line=member.line,
                    name=member.called,
                    earlier_line=earlier.line,
                    earlier_name=earlier.called,
                )
            )
        else:
            first[key] = member
    return notes


def _dimensions(view: TeamView, members: list[Member]) -> list[dict[str, object]]:
    """Each area as the engine gives it, with the page's chart data: each person's level
    (``points``) and the range again as ``low`` and ``high``."""
    return [
        dimension_dict(item)
        | {
            "low": item.low,
            "high": item.high,
            "points": [
                {"member": index, "name": members[index].name, "level": level}
                for index, level in enumerate(item.levels)
                if level is not None
            ],
        }
        for item in view.dimensions
    ]


def _question_sentence(question: TeamQuestion) -> str:
    if question.range:
        return plural("team.question_apart", question.range)
    return sentence("team.question_unsure")


def _area_sentence(item: TeamDisagreement, older: int) -> str:
    area = item.dimension
    text = plural(
        "team.area_sentence",
        area.count,
        low=area.low,
        high=area.high,
        spread=decimal(area.spread or 0.0, 2),
        median=area.median,
    )
    if not item.questions:
        text += " " + plural("team.area_older", older)
    return text


def _disagreements(view: TeamView, members: list[Member]) -> list[dict[str, object]]:
    """The engine's disagreements, each with a sentence and each answer with its person's
    name."""
    older = len(members) - len(view.compared)
    rows: list[dict[str, object]] = []
    for item in view.disagreements:
        questions = [
            question_dict(question)
            | {
                "title": sentence(
                    "team.question_title", number=question.number, text=question.text
                ),
                "sentence": _question_sentence(question),
                "answers": [
                    {
                        "member": answer.member,
                        "name": members[answer.member].name,
                        "level": answer.level,
                        "statement": answer.statement,
                    }
                    for answer in question.answers
                ],
            }
            for question in item.questions
        ]
        rows.append(
            disagreement_dict(item)
            | {"sentence": _area_sentence(item, older), "questions": questions}
        )
    return rows


def _csv(members: list[Member]) -> dict[str, str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["person", "line", "code_version", "number", "question_id", "dimension", "question",
         "level", "answer"]
    )  # fmt: skip
    for member in members:
        bank = member.opened.bank
        for question in bank.questions:
            level, answer = answer_statement(question, member.opened.answers)
            writer.writerow(
                [
                    safe_cell(member.name),
                    member.line,
                    bank.code_version,
                    question.number,
                    question.id,
                    question.dimension,
                    safe_cell(question.text),
                    "" if level is None else level,
                    safe_cell(answer),
                ]
            )
    # The byte order mark tells spreadsheet programs the file is UTF-8 ("Zoë", not "ZoÃ«").
    content = CSV_BOM + out.getvalue()
    return {"filename": "ex-maturity-team.csv", "media_type": "text/csv", "content": content}


def _other_questions(bank: Bank, view: TeamView, members: list[Member]) -> int:
    """How many questions outside the listed areas have answers that differ."""
    listed = {item.id for item in view.disagreements}
    count = 0
    for question in bank.questions:
        if question.dimension in listed:
            continue
        answers = {
            answer_statement(question, members[index].opened.answers) for index in view.compared
        }
        count += len(answers) > 1
    return count


def _disagreement_notes(bank: Bank, view: TeamView, members: list[Member]) -> list[str]:
    """What "Where you disagree most" says besides the areas: who is not compared question by
    question, and why there may be nothing to show."""
    notes: list[str] = []
    current = len(view.compared)
    older = len(members) - current
    if older:
        notes.append(plural("team.note_older", older))
    if len(members) == 1:
        notes.append(sentence("team.note_one_person"))
        return notes
    if current == 0:
        notes.append(sentence("team.note_no_current"))
    elif current == 1:
        notes.append(sentence("team.note_one_current"))
    if not view.disagreements:
        notes.append(sentence("team.note_agree"))
    if current >= 2 and (other := _other_questions(bank, view, members)):
        notes.append(
            plural(
                "team.note_more_questions" if view.disagreements else "team.note_still_questions",
                other,
            )
        )
    return notes


def _statement(view: TeamView, members: list[Member]) -> str:
    """The team's level in one sentence, or why it has none."""
    if not members:
        return sentence("team.nothing_read")
    return team_statement(view, [member.called for member in members])


def _fragment(members: list[Member]) -> str:
    lines = [f"{m.name}: {encode(m.opened.bank, m.opened.answers)}" for m in members]
    return "team=" + percent_encode("\n".join(lines))


def team_report(text: str) -> dict[str, object]:
    """The whole team comparison for the text of the "Result links" box (JSON-ready).

    ``level``, ``possible_level``, ``dimensions`` and ``disagreements`` hold what the command
    line's ``team --json`` gives (:func:`quiz._teams.output.team_to_dict`), with the page's
    additions: names, sentences and the chart's points.
    """
    bank = load_bank()
    members, invalid = read_lines(text)
    view = team_from_results(bank, [m.opened.result for m in members], allow_empty=True)
    themes = conversation_themes(bank, view)
    return {
        "members": [
            {
                "line": member.line,
                "name": member.name,
                "code": encode(member.opened.bank, member.opened.answers),
                "legacy": member.opened.legacy,
                "level": member.opened.result.level,
                "possible_level": member.opened.result.possible_level,
                "level_statement": level_statement(member.opened.result),
                "dimensions": {d.id: d.level for d in member.opened.result.dimensions},
            }
            for member in members
        ],
        "invalid": invalid,
        "repeated": _repeated_notes(members),
        "level": view.level,
        "possible_level": view.possible_level,
        "level_statement": _statement(view, members),
        "level_basis": level_basis(),
        "dimensions": _dimensions(view, members),
        "disagreements": _disagreements(view, members),
        "disagreement_notes": _disagreement_notes(bank, view, members),
        "themes": themes,
        "agenda": workshop_agenda(themes, len(members)),
        "csv": _csv(members),
        "fragment": _fragment(members),
    }
