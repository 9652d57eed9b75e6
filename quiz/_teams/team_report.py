"""The team comparison page: several people's result links in, one comparison out.

Input is the text of the page's "Result links" box: one result link or bare code per line,
optionally prefixed by a name ("Priya: https://…#result=v2…"). A name may hold colons (the line
is split at the last colon before the link or code) and is at most :data:`MAX_NAME` characters;
an empty name counts as none. The link or code may be wrapped as mail and chat programs do
(``<https://…>``, quotes) and followed by a full stop or comma. Lines that cannot be read are
reported with their line number and reason; the rest are still compared. Up to
:data:`MAX_MEMBERS` people.

The comparison itself comes from the team engine, :mod:`quiz._teams.team`, as the command line's
``team`` does, so both show the same team level, areas and disagreements; this module adds
names, sentences and:

* **Team level**: the median of each person's own confirmed level (see
  :func:`quiz._teams.team.team_rules`), with a sentence that names anyone whose result has no level.
* **Spread per area**: each person's area level, with the median (the team's level there),
  mean, spread, lowest and highest; ``points`` for the chart.
* **Where you disagree most**: the areas whose levels differ most, each with the questions
  behind it whose answers differ and the statement each person chose.
* **Themes**: conversation themes for the areas people disagree on most, then for the team's
  weakest areas and its level.
* **Workshop agenda**: a 90-minute agenda built from those themes, following the facilitation
  guidance on the conversations page.
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
import re
from dataclasses import dataclass

from .._bank.loader import load_bank
from .._bank.model import Answer, Bank
from .._results.codes import encode
from .._results.export import CSV_BOM, safe_cell
from .._results.legacy import OpenedCode, open_code
from .._results.percent import percent_encode
from .._results.report import level_statement
from ..errors import CodeError
from .team import (
    ISOLATES,
    TeamDisagreement,
    TeamQuestion,
    TeamView,
    answer_statement,
    dimension_dict,
    disagreement_dict,
    isolate,
    level_basis,
    question_dict,
    team_from_results,
    team_statement,
)

__all__ = ["MAX_MEMBERS", "MAX_NAME", "read_line", "team_report"]

MAX_MEMBERS = 50
MAX_NAME = 80
MAX_AGENDA_THEMES = 3
# "name: link" where the name may hold colons (the greedy name ends at the last colon that is
# followed by the link or code), and the link or code holds no space. Mail and chat programs
# wrap links in <…>, people quote codes, and a sentence ends with a full stop.
_OPEN = "<\"'\u201c\u2018\u00ab"  # < " ' and curly or angle quotes
_CLOSE = ">\"'\u201d\u2019\u00bb"
_LINE = re.compile(
    rf"(?:(?P<name>.*)\s*:)?\s*[{_OPEN}]?\s*"
    rf"(?P<code>(?:https?://|v[0-9]+\.)[^\s<>\"\u201c\u201d\u2018\u2019\u00ab\u00bb]*?)"
    rf"\s*[{_CLOSE}]?[.,;:!?]*",
    re.IGNORECASE | re.DOTALL,
)
_BOM = CSV_BOM
_MAX_LINE = 4000  # longer lines are not split (a result link is far shorter)
# "Cy v2.…": a name, then a link or code, but no colon between them (the last word).
_CODE_WORD = re.compile(r"https?://\S*|v[0-9]+\.\S+")
_TEAM_MARK = "#team="
_NO_ISOLATES = dict.fromkeys(map(ord, ISOLATES))
TEAM_LINK = (
    "This is a team link, not one person's result link: open it in the address bar to see "
    "that comparison, or paste the result links it holds one per line."
)


@dataclass(frozen=True)
class Member:
    """One person's result in the comparison."""

    line: int
    name: str
    opened: OpenedCode
    #: Whether the name was typed in the box (else it is the page's own "Person N").
    typed: bool = True

    @property
    def called(self) -> str:
        """The name as a sentence holds it: a typed name set apart from the words around it
        (:func:`quiz._teams.team.isolate`), so a name written right to left, or holding an unclosed
        right-to-left override, cannot turn the rest of the sentence around."""
        return isolate(self.name) if self.typed else self.name


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def read_line(line: str) -> tuple[str, str]:
    """The name (empty when there is none) and the link or code on one line of the box.

    A line that holds no link or code comes back whole as the code, so that opening it gives
    the reader the reason. Raises :class:`CodeError` for a team link or an over-long name.
    """
    line = line.strip().lstrip(_BOM).strip()
    if _TEAM_MARK in line:
        raise CodeError(TEAM_LINK)
    match = _LINE.fullmatch(line) if len(line) <= _MAX_LINE else None
    if match is None:
        *words, last = line.split() or [""]
        if words and not any(":" in word for word in words) and _CODE_WORD.fullmatch(last):
            raise CodeError(
                "Put a colon between the name and the link, like this: "
                f"{isolate(_shorten(' '.join(words)))}: {_shorten(last)}"
            )
        return "", line
    # Without the marks that set a name apart in a sentence (quiz._teams.team.isolate), in case a
    # name was copied from one of the page's sentences.
    name = " ".join((match["name"] or "").translate(_NO_ISOLATES).split())
    if len(name) > MAX_NAME:
        raise CodeError(
            f"The name in front of the link is {len(name)} characters long; "
            f"names can be up to {MAX_NAME}. Shorten it and compare again."
        )
    return name, match["code"]


def _default_names(members: list[Member]) -> list[Member]:
    """Members without a name are called "Person N", N counting the people compared, but never
    by a name typed on another line (a typed "Person 2" keeps it; the unnamed one moves on)."""
    taken = {member.name.casefold() for member in members if member.name}
    named: list[Member] = []
    for position, member in enumerate(members, start=1):
        if not member.name:
            number = position
            while f"person {number}" in taken:
                number += 1
            member = Member(member.line, f"Person {number}", member.opened, typed=False)
            taken.add(member.name.casefold())
        named.append(member)
    return named


def read_lines(text: str) -> tuple[list[Member], list[dict[str, object]]]:
    """The people in the box, and the lines that could not be read (with their reasons)."""
    members: list[Member] = []
    invalid: list[dict[str, object]] = []
    for number, raw in enumerate(str(text).splitlines(), start=1):
        line = raw.strip().lstrip(_BOM).strip()
        if not line:
            continue
        if len(members) >= MAX_MEMBERS:
            reason = f"Only the first {MAX_MEMBERS} people are compared."
            invalid.append({"line": number, "text": _shorten(line), "reason": reason})
            continue
        try:
            name, code = read_line(line)
            opened = open_code(code)
        except CodeError as exc:
            invalid.append({"line": number, "text": _shorten(line), "reason": str(exc)})
            continue
        members.append(Member(number, name, opened))
    return _default_names(members), invalid


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
                f"Line {member.line} ({member.called}) has exactly the same answers as line "
                f"{earlier.line} ({earlier.called}). If it is the same person's link pasted "
                "twice, remove one line: each line counts as one person."
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


def _levels_apart(count: int) -> str:
    return f"{count} {'level' if count == 1 else 'levels'} apart"


def _question_sentence(question: TeamQuestion) -> str:
    if question.range:
        return f"The answers are {_levels_apart(question.range)}."
    return "The answers differ only where someone is not sure or did not answer."


def _area_sentence(item: TeamDisagreement, older: int) -> str:
    area = item.dimension
    text = (
        f"Levels {area.low} to {area.high} across "
        f"{_plural(area.count, 'person', 'people')} (spread {area.spread:.2f}); the team's "
        f"level here is {area.median}."
    )
    if not item.questions:
        text += (
            " The difference comes from "
            + ("the link" if older == 1 else "the links")
            + " made with an earlier version of the assessment, whose questions differ."
        )
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
                "title": f"Question {question.number}: {question.text}",
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


def _themes(bank: Bank, view: TeamView) -> list[dict[str, object]]:
    """Conversation themes: one for each area people disagree on most, then for the team's
    weakest areas (below its strongest, lowest first) and for its level."""
    chosen: dict[str, str] = {}
    for item in view.disagreements:
        area = bank.dimension(item.id)
        for theme_id in area.themes[:1]:
            chosen.setdefault(theme_id, f"Your levels differ most in {area.name}.")
    if view.level is not None:
        level = view.level
        known = [d for d in view.dimensions if d.median is not None]
        strongest = max(d.median or 0 for d in known) if known else None
        weakest = sorted(
            (d for d in known if d.median != strongest),
            key=lambda d: (d.median or 0, d.mean or 0.0, d.id),
        )[: bank.scoring.max_weakest]
        for weak in weakest:
            own = bank.dimension(weak.id).themes
            fitting = [t for t in own if {weak.median, level} & set(bank.theme(t).levels)]
            for theme_id in (fitting or list(own))[:1]:
                chosen.setdefault(
                    theme_id,
                    f"{weak.name} is one of the team's weakest areas (Level {weak.median}).",
                )
        for theme in bank.themes:
            if level in theme.levels:
                chosen.setdefault(theme.id, f"Suits a Level {level} team.")
    themes = list(chosen.items())[: bank.scoring.max_themes]
    return [
        {
            "id": theme_id,
            "title": bank.theme(theme_id).title,
            "anchor": bank.theme(theme_id).anchor,
            "why": why,
        }
        for theme_id, why in themes
    ]


def _agenda(themes: list[dict[str, object]], people: int) -> dict[str, object]:
    """A 90-minute agenda: open, look at the result, one block per theme, decide, close."""
    picked = themes[:MAX_AGENDA_THEMES]
    theme_minutes = 45 // max(1, len(picked)) if picked else 0
    items: list[dict[str, object]] = [
        {
            "minutes": 10,
            "title": "Open",
            "detail": "Agree the purpose (decisions, not a debate about scores), the ground rules "
            "and who writes the decision log. Ideal group: five to eight people, with EX or HR, "
            "CX, a frontline manager and, where money or priorities are at stake, a sponsor.",
            "link": "conversations.md#how-to-run",
        },
        {
            "minutes": 15,
            "title": "Where we agree and where we don't",
            "detail": "Walk through the spread per area for the "
            f"{_plural(people, 'result', 'results')} and read out the statements behind the "
            "widest disagreements. Ask each person what they see that makes them answer as "
            "they did.",
            "link": None,
        },
    ]
    for theme in picked:
        items.append(
            {
                "minutes": theme_minutes,
                "title": f"Theme: {theme['title']}",
                "detail": f"{theme['why']} Work through the theme's prompts and bring evidence: "
                "employee and customer measures for the same teams, and a few verbatim comments.",
                "link": theme["anchor"],
            }
        )
    used = sum(int(str(item["minutes"])) for item in items)
    items += [
        {
            "minutes": 90 - used - 5,
            "title": "Decide",
            "detail": "For each action: an owner, a due date and the metric that will show it "
            "worked. Write them in the decision log.",
            "link": "conversations.md#after",
        },
        {
            "minutes": 5,
            "title": "Close",
            "detail": "Agree what to tell employees, and when the team retakes the assessment "
            "to compare.",
            "link": None,
        },
    ]
    start = 0
    for item in items:
        item["start"] = start
        start += int(str(item["minutes"]))
    return {"title": "EX-CX workshop (90 minutes)", "minutes": start, "items": items}


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
    content = _BOM + out.getvalue()
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
        notes.append(
            ("The older link joins" if older == 1 else f"The {older} older links join")
            + " the areas but not their questions: made with an earlier version of the "
            "assessment, " + ("it asked" if older == 1 else "they asked") + " different questions."
        )
    if len(members) == 1:
        notes.append("With one person there is nothing to compare.")
        return notes
    if current == 0:
        notes.append("No link is from the current version, so no question can be compared.")
    elif current == 1:
        notes.append(
            "Only one link is from the current version of the assessment, so no question can "
            "be compared."
        )
    if not view.disagreements:
        notes.append("Everyone with a level in an area has the same level there.")
    if current >= 2 and (other := _other_questions(bank, view, members)):
        have = "has" if other == 1 else "have"
        notes.append(
            f"{_plural(other, 'more question', 'more questions')}, in areas not listed below, "
            f"{have} answers that differ: the CSV lists every answer."
            if view.disagreements
            else f"Still, {_plural(other, 'question', 'questions')} {have} answers that "
            "differ: the CSV lists every answer."
        )
    return notes


def _statement(view: TeamView, members: list[Member]) -> str:
    """The team's level in one sentence, or why it has none."""
    if not members:
        return "No link could be read, so there is nothing to compare yet."
    return team_statement(view, [member.called for member in members])


def _fragment(members: list[Member]) -> str:
    lines = [f"{m.name}: {encode(m.opened.bank, m.opened.answers)}" for m in members]
    return "team=" + percent_encode("\n".join(lines))


def team_report(text: str) -> dict[str, object]:
    """The whole team comparison for the text of the "Result links" box (JSON-ready).

    ``level``, ``possible_level``, ``dimensions`` and ``disagreements`` hold what the command
    line's ``team --json`` gives (:func:`quiz._teams.team.team_to_dict`), with the page's additions:
    names, sentences and the chart's points.
    """
    bank = load_bank()
    members, invalid = read_lines(text)
    view = team_from_results(bank, [m.opened.result for m in members], allow_empty=True)
    themes = _themes(bank, view)
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
        "agenda": _agenda(themes, len(members)),
        "csv": _csv(members),
        "fragment": _fragment(members),
    }
