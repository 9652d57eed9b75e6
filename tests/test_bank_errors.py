"""A bank file that is not valid TOML gets the same message whatever words the Python
version's tomllib uses: the message comes from where the error is and what the file holds
there, never from tomllib's wording (which Python 3.14 words and places differently from 3.11
to 3.13: it adds ``msg``, ``doc``, ``pos``, ``lineno`` and ``colno``).

Each broken file is the packaged bank with one mistake, found from the loaded bank. The tests
load it through :func:`quiz.load_bank`, once as it is and once with ``tomllib.loads``
swapped for one whose errors say something else at the same place, in the form of 3.11-3.13
(the place only at the end of the text) and of 3.14 (the place only in the attributes).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quiz import load_bank, parse_bank
from quiz.errors import BankError
from tests.quiz_support import BANK_TEXT

BANK = load_bank()
LINES = BANK_TEXT.split("\n")
OTHER_WORDS = "Something else entirely, as another Python might put it"
#: A question whose text holds no quote, apostrophe or backslash, to plant one in.
QUESTION = next(q for q in BANK.questions[1:] if not set(q.text) & set("\"'\\"))


def line_number(predicate: Callable[[str], bool]) -> int:
    """The number (from 1) of the first line of the packaged file that ``predicate`` accepts."""
    return next(i for i, line in enumerate(LINES, start=1) if predicate(line))


def with_line(number: int, new: str) -> str:
    lines = list(LINES)
    lines[number - 1] = new
    return "\n".join(lines)


def question_text_line() -> int:
    return line_number(lambda line: line == f'text = "{QUESTION.text}"')


def edit_text_line(change: Callable[[str], str]) -> str:
    """The packaged file with the question's ``text = "..."`` line changed."""
    number = question_text_line()
    return with_line(number, change(LINES[number - 1]))


def edit_text(old: str, new: str) -> str:
    """The packaged file with the question's text changed (its first ``old`` to ``new``)."""
    number = question_text_line()
    line = LINES[number - 1]
    head, value = line[:8], line[8:]
    assert old in value
    return with_line(number, head + value.replace(old, new, 1))


def word() -> str:
    """A word in the middle of the question's text, with its spaces."""
    words = QUESTION.text.split()
    return f" {words[len(words) // 2]} "


def focus_line() -> int:
    return line_number(lambda line: line.startswith("focus = [") and line.endswith("]"))


def number_line() -> int:
    return line_number(lambda line: line.startswith("number = "))


#: name: (the broken file; what is wrong, in the words tomllib 3.11 to 3.14 use, which the
#: message keeps as its own; a part of the fix).
CASES: dict[str, tuple[Callable[[], str], str, str]] = {
    "double quote inside text": (
        lambda: edit_text(word(), f' "{word().strip()}" '),
        "Expected newline or end of document after a statement",
        "Text in double quotes cannot contain a double quote",
    ),
    "no closing quote": (
        lambda: edit_text_line(lambda line: line[:-1]),
        "Illegal character '\\n'",
        'no closing double quote: add " at the end of the text',
    ),
    "no closing quote, Windows line ends": (
        lambda: edit_text_line(lambda line: line[:-1]).replace("\n", "\r\n"),
        "Illegal character '\\n'",
        'no closing double quote: add " at the end of the text',
    ),
    "no closing apostrophe": (
        lambda: edit_text_line(lambda line: "text = '" + QUESTION.text),
        "Found invalid character '\\n'",
        "no closing quote: add ' at the end of the text",
    ),
    "a key twice": (
        lambda: edit_text_line(lambda line: f"{line}\n{line}"),
        "Cannot overwrite a value",
        "'text' appears twice in the same question, or a [[questions]] header is missing",
    ),
    "no = after the key": (
        lambda: edit_text_line(lambda line: line.replace(" = ", " ", 1)),
        "Expected '=' after a key in a key/value pair",
        "Each line must be key = value",
    ),
    "no value after =": (
        lambda: with_line(number_line(), LINES[number_line() - 1].replace("= ", "= = ")),
        "Invalid value",
        'After = write text in double quotes ("like this")',
    ),
    "a backslash": (
        lambda: edit_text(word(), f" \\{word().strip()} "),
        "Unescaped '\\' in a string",
        "A backslash (\\) inside double quotes must be written \\\\",
    ),
    "an invisible character": (
        lambda: edit_text(word(), f" \x01{word().strip()} "),
        "Illegal character '\\x01'",
        "An invisible control character (U+0001) sits at the mark",
    ),
    "a list not closed": (
        lambda: with_line(focus_line(), LINES[focus_line() - 1][:-1]),
        "Unclosed array",
        "A list that starts with [ has no closing ]",
    ),
    "a header not closed": (
        lambda: BANK_TEXT.replace("[[questions]]\n", "[[questions]\n", 1),
        "Expected ']]' at the end of an array declaration",
        "This header is not closed",
    ),
    "a header twice": (
        lambda: BANK_TEXT + "\n[scoring]\n",
        "Cannot declare ('scoring',) twice",
        "[scoring] appears twice in the file: keep one, with all its lines.",
    ),
    "a line that starts with neither a key nor a header": (
        lambda: edit_text_line(lambda line: f"%{line}"),
        "Invalid statement",
        "A line must start with a key (like text =), a [header], or # for a note",
    ),
    "text never closed at the end of the file": (
        lambda: BANK_TEXT + '\nextra = """\nmore\n',
        "Unterminated string",
        'A text value near the end of the file has no closing quote (or a """ block',
    ),
}


def write(tmp_path: Path, text: str) -> Path:
    assert text != BANK_TEXT
    path = tmp_path / "edited.toml"
    path.write_bytes(text.encode("utf-8"))
    return path


def message(path: Path) -> str:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return str(caught.value)


class Reworded(tomllib.TOMLDecodeError):
    """tomllib's error at the same place in other words: with the place at the end of the
    text, as Python 3.11-3.13 give it (``form="suffix"``), only in the attributes, as 3.14
    gives it (``"attributes"``), or nowhere (``"none"``)."""

    def __init__(self, form: str, words: str, doc: str, pos: int) -> None:
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        place = "end of document" if pos >= len(doc) else f"line {lineno}, column {colno}"
        ValueError.__init__(self, f"{words} (at {place})" if form == "suffix" else words)
        if form == "attributes":
            self.msg, self.doc, self.pos, self.lineno, self.colno = words, doc, pos, lineno, colno


def place(error: tomllib.TOMLDecodeError, doc: str) -> int:
    """Where ``error`` is in ``doc``: its ``pos``, or the place its text ends with."""
    pos = getattr(error, "pos", None)
    if isinstance(pos, int):
        return pos
    found = re.search(r"\(at (?:line (\d+), column (\d+)|end of document)\)$", str(error))
    assert found is not None, error
    if found[1] is None:
        return len(doc)
    starts = [0, *(i + 1 for i, char in enumerate(doc) if char == "\n")]
    return starts[int(found[1]) - 1] + int(found[2]) - 1


def reword(monkeypatch: pytest.MonkeyPatch, form: str, words: str = OTHER_WORDS) -> None:
    """Make ``tomllib.loads`` raise its errors in other ``words``, at the same place."""
    real = tomllib.loads

    def loads(text: str, /, **options: Any) -> dict[str, Any]:
        try:
            return real(text, **options)
        except tomllib.TOMLDecodeError as exc:
            doc = text.replace("\r\n", "\n")
            raise Reworded(form, words, doc, place(exc, doc)) from None

    monkeypatch.setattr(tomllib, "loads", loads)


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_bank_is_told_in_plain_words(tmp_path: Path, case: str) -> None:
    broken, detail, fix = CASES[case]
    path = write(tmp_path, broken())
    lines = message(path).split("\n")
    assert len(lines) == 4, lines
    assert lines[0].startswith(f"{path}: not valid TOML ")
    assert lines[0].endswith(f": {detail}.")
    assert lines[2].rstrip().endswith("^")
    assert lines[3].startswith("  How to fix it: ")
    assert fix in lines[3]


@pytest.mark.parametrize("form", ["suffix", "attributes"])
@pytest.mark.parametrize("case", list(CASES))
def test_the_message_is_the_same_whatever_words_tomllib_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, form: str
) -> None:
    path = write(tmp_path, CASES[case][0]())
    expected = message(path)
    reword(monkeypatch, form)
    assert message(path) == expected
    assert OTHER_WORDS not in expected


def test_the_place_of_the_error_is_the_place_tomllib_gives(tmp_path: Path) -> None:
    number = question_text_line()
    line = LINES[number - 1]
    path = write(tmp_path, with_line(number, line[:-1]))
    heading, shown, mark, _ = message(path).split("\n")
    named = f"(question '{QUESTION.id}', field 'text')"
    assert f"at line {number}, column {len(line)} {named}" in heading
    assert shown == f"  Line {number}: {line[:-1]}"
    assert mark.index("^") == len(f"  Line {number}: ") + len(line) - 1


def test_a_mistake_the_place_does_not_tell_apart_shows_tomllib_s_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dotted key that reopens a table declared by a header ([a.b], then b.y = under [a]):
    rare in a bank, and only tomllib knows which rule it broke, so its words are shown, with
    the general advice."""
    path = write(tmp_path, BANK_TEXT + "\n[extra.inner]\nx = 1\n[extra]\ninner.y = 2\n")
    reword(monkeypatch, "attributes", "A rule of TOML's tables")
    heading, shown, _, fix = message(path).split("\n")
    assert heading.endswith(": A rule of TOML's tables.")
    assert shown.endswith("inner.y = 2")
    assert fix == (
        "  How to fix it: Compare this line with a similar line elsewhere in the file that works."
    )


def test_an_error_that_says_nowhere_where_it_is_is_shown_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, CASES["no closing quote"][0]())
    reword(monkeypatch, "none", "Bad  TOML\nsomewhere")
    assert message(path) == f"{path}: not valid TOML: Bad TOML somewhere"


@pytest.mark.parametrize(
    ("key", "noun", "each"), [("themes", "theme", "theme"), ("dimensions", "dimension", "area")]
)
def test_a_block_id_used_twice_names_both_blocks(key: str, noun: str, each: str) -> None:
    data = tomllib.loads(BANK_TEXT)
    first = data[key][0]
    data[key] = [first, *data[key]]
    with pytest.raises(BankError) as raised:
        parse_bank(data, "bank.toml")
    assert str(raised.value) == (
        f"bank.toml: {noun} '{first['id']}' field 'id': duplicate {noun} id '{first['id']}': the"
        f" 1st and 2nd [[{key}]] blocks both have it. Each {each} needs its own id: delete the"
        " extra block or give it another id"
    )
