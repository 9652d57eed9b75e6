"""Reading who is compared: the lines of the team page's "Result links" box
(:func:`read_lines`) and the command line's ``team --csv`` file (:func:`read_codes`).

A line of the box is one result link or bare code, optionally prefixed by a name
("Priya: https://…#result=v2…"). A name may hold colons (the line is split at the last colon
before the link or code) and is at most :data:`MAX_NAME` characters; an empty name counts as
none. The link or code may be wrapped as mail and chat programs do (``<https://…>``, quotes)
and followed by a full stop or comma. Lines that cannot be read are reported with their line
number and reason; the rest are still compared. Up to :data:`MAX_MEMBERS` people.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .._results.export import CSV_BOM
from .._results.legacy import OpenedCode, open_code
from .._text import plural
from .._text import text as sentence
from ..errors import CodeError
from .sentences import ISOLATES, isolate

__all__ = [
    "MAX_MEMBERS",
    "MAX_NAME",
    "Member",
    "read_codes",
    "read_line",
    "read_lines",
    "shorten",
    "team_link",
]

MAX_MEMBERS = 50
MAX_NAME = 80
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


def team_link() -> str:
    """Why a team link cannot stand for one person, in the language in use."""
    return sentence("team.team_link")


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
        (:func:`quiz._teams.sentences.isolate`), so a name written right to left, or holding an
        unclosed right-to-left override, cannot turn the rest of the sentence around."""
        return isolate(self.name) if self.typed else self.name


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_line(line: str) -> tuple[str, str]:
    """The name (empty when there is none) and the link or code on one line of the box.

    A line that holds no link or code comes back whole as the code, so that opening it gives
    the reader the reason. Raises :class:`CodeError` for a team link or an over-long name.
    """
    line = line.strip().lstrip(_BOM).strip()
    if _TEAM_MARK in line:
        raise CodeError(team_link())
    match = _LINE.fullmatch(line) if len(line) <= _MAX_LINE else None
    if match is None:
        *words, last = line.split() or [""]
        if words and not any(":" in word for word in words) and _CODE_WORD.fullmatch(last):
            raise CodeError(
                sentence(
                    "team.colon_missing",
                    name=isolate(shorten(" ".join(words))),
                    link=shorten(last),
                )
            )
        return "", line
    # Without the marks that set a name apart in a sentence (quiz._teams.sentences.isolate), in
    # case a name was copied from one of the page's sentences.
    name = " ".join((match["name"] or "").translate(_NO_ISOLATES).split())
    if len(name) > MAX_NAME:
        raise CodeError(sentence("team.name_too_long", length=len(name), most=MAX_NAME))
    return name, match["code"]


def _default_names(members: list[Member]) -> list[Member]:
    """Members without a name are called "Person N", N counting the people compared, but never
    by a name typed on another line (a typed "Person 2" keeps it; the unnamed one moves on)."""
    taken = {member.name.casefold() for member in members if member.name}
    named: list[Member] = []
    for position, member in enumerate(members, start=1):
        if not member.name:
            number = position
            while sentence("team.person", number=number).casefold() in taken:
                number += 1
            called = sentence("team.person", number=number)
            member = Member(member.line, called, member.opened, typed=False)
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
            reason = plural("team.too_many", MAX_MEMBERS)
            invalid.append({"line": number, "text": shorten(line), "reason": reason})
            continue
        try:
            name, code = read_line(line)
            opened = open_code(code)
        except CodeError as exc:
            invalid.append({"line": number, "text": shorten(line), "reason": str(exc)})
            continue
        members.append(Member(number, name, opened))
    return _default_names(members), invalid


def read_codes(text: str) -> list[str]:
    """Read codes from CSV text with a ``code`` column, or from one code per line.

    The ``code`` header is matched without regard to case or surrounding spaces.
    Blank lines and empty cells are skipped.
    """
    rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    if "code" in header:
        column = header.index("code")
        cells = [row[column] if column < len(row) else "" for row in rows[1:]]
    else:
        cells = [row[0] for row in rows]
    return [cell.strip() for cell in cells if cell.strip()]
