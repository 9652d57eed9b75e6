"""The team comparison page: several people's result links in, one comparison out.

Input is the text of the page's "Result links" box: one result link or bare code per line,
optionally prefixed by a name ("Priya: https://…#result=v2…"). A name may hold colons (the line
is split at the last colon before the link or code) and is at most :data:`MAX_NAME` characters;
an empty name counts as none. The link or code may be wrapped as mail and chat programs do
(``<https://…>``, quotes) and followed by a full stop or comma. Lines that cannot be read are
reported with their line number and reason; the rest are still compared. Up to
:data:`MAX_MEMBERS` people.

* **Team level**: each question's *median answer* across the people who answered it (for an
  even count, the midpoint of the two middle answers, an exact half rounding down as in a
  single result), scored with the same rule as a single result, so the team also gets a
  confirmed and a possible level.
* **Spread per area**: each person's area level, with the median, lowest and highest.
* **Where you disagree most**: the questions whose answers are furthest apart, with the
  statement each person chose.
* **Themes**: conversation themes for the areas people disagree on most, then the themes
  the team result suggests (its level and weakest areas).
* **Workshop agenda**: a 90-minute agenda built from those themes, following the facilitation
  guidance on the conversations page.
* **CSV**: one row per person and question, starting with a UTF-8 byte order mark so that
  spreadsheet programs read names such as "Zoë" correctly; **fragment**: reopens the same
  comparison.

Links made with an earlier version of the assessment are listed with their own level; their
questions differ, so they join the per-area spread only where the area still exists, and are
left out of the per-question comparison and the team level (``disagreement_notes`` says so).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from fractions import Fraction

from .answers import Answers
from .codes import encode
from .errors import CodeError
from .export import CSV_BOM, safe_cell
from .legacy import OpenedCode, open_code
from .loader import load_bank
from .model import NOT_SURE_LABEL, Bank
from .percent import percent_encode
from .report import level_statement
from .scoring import Result, nearest_level, score

__all__ = ["MAX_MEMBERS", "MAX_NAME", "read_line", "team_report"]

MAX_MEMBERS = 50
MAX_NAME = 80
MAX_DISAGREEMENTS = 5
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
TEAM_LINK = (
    "This is a team link, not one person's result link: open it in the address bar to see "
    "that comparison, or paste the result links it holds one per line."
)
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Member:
    """One person's result in the comparison."""

    line: int
    name: str
    opened: OpenedCode


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
                f"{_shorten(' '.join(words))}: {_shorten(last)}"
            )
        return "", line
    name = " ".join((match["name"] or "").split())
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
            member = Member(member.line, f"Person {number}", member.opened)
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
    first: dict[tuple[int, tuple[tuple[str, int | None], ...]], Member] = {}
    notes: list[str] = []
    for member in members:
        key = (
            member.opened.bank.code_version,
            tuple(sorted(member.opened.answers.items())),
        )
        if key in first:
            earlier = first[key]
            notes.append(
                f"Line {member.line} ({member.name}) has exactly the same answers as line "
                f"{earlier.line} ({earlier.name}). If it is the same person's link pasted "
                "twice, remove one line: each line counts as one person."
            )
        else:
            first[key] = member
    return notes


def _middle_answer(values: list[int]) -> int:
    """The median answer; for an even count, the midpoint of the two middle answers rounded as
    a single result's averages are (an exact half rounds down). Two people at Level 2 and
    Level 4 meet at Level 3; the lower of the two middle answers put them at Level 2, below
    what the spread per area (the plain median) showed."""
    return nearest_level(Fraction(_median(values)))  # a whole or a half: exact as a float


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _team_answers(bank: Bank, current: list[Member]) -> Answers:
    answers: Answers = {}
    for question in bank.questions:
        given = [
            level
            for member in current
            if (level := member.opened.answers.get(question.id)) is not None
        ]
        if given:
            answers[question.id] = _middle_answer(given)
        elif any(question.id in member.opened.answers for member in current):
            answers[question.id] = None
    return answers


def _dimensions(bank: Bank, members: list[Member]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for dimension in bank.dimensions:
        points = [
            {"member": index, "name": member.name, "level": level}
            for index, member in enumerate(members)
            if (level := member.opened.result.area_level(dimension.id)) is not None
        ]
        levels = [int(str(point["level"])) for point in points]
        rows.append(
            {
                "id": dimension.id,
                "name": dimension.name,
                "count": len(levels),
                "median": _median(levels) if levels else None,
                "low": min(levels) if levels else None,
                "high": max(levels) if levels else None,
                "points": points,
            }
        )
    return rows


def _statement(bank: Bank, question_id: str, answers: Answers) -> tuple[int | None, str]:
    if question_id not in answers:
        return None, NOT_ANSWERED
    level = answers[question_id]
    if level is None:
        return None, NOT_SURE_LABEL
    return level, bank.question(question_id).option(level).text


def _disagreements(
    bank: Bank, members: list[Member], current: list[int]
) -> list[dict[str, object]]:
    found = []
    for question in bank.questions:
        given = [
            level
            for index in current
            if (level := members[index].opened.answers.get(question.id)) is not None
        ]
        if len(given) < 2 or max(given) == min(given):
            continue
        found.append((max(given) - min(given), len(set(given)), question))
    found.sort(key=lambda item: (-item[0], -item[1], item[2].number))
    rows: list[dict[str, object]] = []
    for spread, _distinct, question in found[:MAX_DISAGREEMENTS]:
        dimension = bank.dimension(question.dimension)
        answers = []
        for index in current:
            member = members[index]
            level, statement = _statement(bank, question.id, member.opened.answers)
            answers.append(
                {"member": index, "name": member.name, "level": level, "statement": statement}
            )
        rows.append(
            {
                "question": question.id,
                "number": question.number,
                "text": question.text,
                "dimension": dimension.id,
                "dimension_name": dimension.name,
                "range": spread,
                "answers": answers,
            }
        )
    return rows


def _themes(
    bank: Bank, disagreements: list[dict[str, object]], team: Result | None
) -> list[dict[str, object]]:
    chosen: dict[str, str] = {}
    for row in disagreements:
        dimension = bank.dimension(str(row["dimension"]))
        for theme_id in dimension.themes[:1]:
            chosen.setdefault(theme_id, f"Your answers differ most on {dimension.name}.")
    for ref in team.themes if team else ():
        chosen.setdefault(ref.id, "Suggested by the team's level and weakest areas.")
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
            level, answer = _statement(bank, question.id, member.opened.answers)
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


def _disagreement_notes(
    members: list[Member], current: list[int], disagreements: list[dict[str, object]]
) -> list[str]:
    """What "Where you disagree most" says besides the questions: who is not compared, and
    why there may be nothing to show."""
    notes: list[str] = []
    older = len(members) - len(current)
    if older:
        notes.append(
            ("The older link is" if older == 1 else f"The {older} older links are")
            + " not compared question by question: made with an earlier version of the "
            "assessment, "
            + ("it asked" if older == 1 else "they asked")
            + " different questions. "
            + ("It joins" if older == 1 else "They join")
            + " the spread per area above."
        )
    if len(current) == 0:
        notes.append("No link is from the current version, so no question can be compared.")
    elif len(current) == 1:
        notes.append(
            "Only one link is from the current version of the assessment, so there is nothing "
            "to compare question by question."
            if older
            else "With one person there is nothing to compare question by question."
        )
    elif not disagreements:
        notes.append("Everyone who answered the same question chose the same level.")
    return notes


def _team_statement(bank: Bank, members: list[Member], team: Result | None) -> str:
    """The team's level in one sentence, or why it has none."""
    if team is None:
        return (
            "The team has no level: none of the links is from the current version of the "
            "assessment, so their answers cannot be combined. Each person's own level is "
            "listed below."
            if members
            else "No link could be read, so there is nothing to compare yet."
        )
    statement = level_statement(team)
    if statement:
        return f"Team: {statement}"
    return (
        f"The team has no level yet: the links from the current version answer questions in "
        f"{team.answered} of the {len(bank.dimensions)} areas, and at least {team.required} "
        'are needed ("Not sure" answers do not count).'
    )


def _fragment(members: list[Member]) -> str:
    lines = [f"{m.name}: {encode(m.opened.bank, m.opened.answers)}" for m in members]
    return "team=" + percent_encode("\n".join(lines))


def team_report(text: str) -> dict[str, object]:
    """The whole team comparison for the text of the "Result links" box (JSON-ready)."""
    bank = load_bank()
    members, invalid = read_lines(text)
    current = [i for i, m in enumerate(members) if m.opened.bank.code_version == bank.code_version]
    team_answers = _team_answers(bank, [members[i] for i in current])
    team = score(bank, team_answers) if current else None
    disagreements = _disagreements(bank, members, current)
    themes = _themes(bank, disagreements, team)

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
        "level": team.level if team else None,
        "possible_level": team.possible_level if team else None,
        "level_statement": _team_statement(bank, members, team),
        "level_basis": "The team level scores the middle answer to each question across "
        "everyone who answered it (links from earlier versions are left out), with the same "
        "rule as a single result.",
        "dimensions": _dimensions(bank, members),
        "disagreements": disagreements,
        "disagreement_notes": _disagreement_notes(members, current, disagreements),
        "themes": themes,
        "agenda": _agenda(themes, len(members)),
        "csv": _csv(members),
        "fragment": _fragment(members),
    }
