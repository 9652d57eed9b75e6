"""The question bank's error messages are ones a content maintainer can act on: a TOML
mistake shows the line and how to fix it, an unknown id suggests the close one and lists the
valid ones, links and anchors say how they are written, and numbers, lengths and plain text
are explained.

Every expectation is read from the loaded bank, so these tests keep passing when questions
are added or reworded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_bank, parse_bank
from quiz.errors import BankError
from tests.quiz_bank_support import (
    SOURCE,
    bank_error,
    non_addition_option,
    option_data,
    question_data,
)
from tests.quiz_support import BANK, BANK_TEXT, bank_data, v1_bank


def toml_error(tmp_path: Path, text: str) -> list[str]:
    """The loader's message, as lines, for a bank file holding ``text``."""
    assert text != BANK_TEXT
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    lines = str(caught.value).split("\n")
    assert lines[0].startswith(f"{path}: not valid TOML at line ")
    return lines


def text_line(question_index: int) -> tuple[str, int]:
    """The ``text = "..."`` line of a question in the packaged file, and its line number."""
    question = BANK.questions[question_index]
    line = f"text = {basic_string(question.text)}"
    lines = BANK_TEXT.split("\n")
    assert lines.count(line) == 1, line
    return line, lines.index(line) + 1


def basic_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_line(number: int, new: str) -> str:
    """The packaged text with line ``number`` (from 1) replaced by ``new``."""
    lines = BANK_TEXT.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def test_a_double_quote_inside_double_quoted_text_shows_the_line_and_how_to_fix_it(
    tmp_path: Path,
) -> None:
    question = BANK.questions[1]
    line, number = text_line(1)
    word = question.text.split()[-2]
    broken = line.replace(f" {word} ", f' "{word}" ', 1)
    assert broken != line
    column = broken.index(f'"{word}"') + 2  # tomllib stops after the inner opening quote
    heading, shown, mark, fix = toml_error(tmp_path, with_line(number, broken))
    assert f"line {number}, column {column} (question '{question.id}', field 'text')" in heading
    assert shown == f"  Line {number}: {broken}"
    assert mark.index("^") == len(f"  Line {number}: ") + column - 1
    assert "Text in double quotes cannot contain a double quote" in fix
    assert 'use single quotes around the text (\'like "this"\'), or write \\"' in fix


def test_a_missing_closing_quote_shows_the_line_and_how_to_fix_it(tmp_path: Path) -> None:
    question = BANK.questions[2]
    line, number = text_line(2)
    heading, shown, _, fix = toml_error(tmp_path, with_line(number, line[:-1]))
    assert f"line {number}, column {len(line)} (question '{question.id}', field 'text')" in (
        heading
    )
    assert shown == f"  Line {number}: {line[:-1]}"
    assert "no closing double quote" in fix


def test_a_key_written_twice_in_a_question_is_explained(tmp_path: Path) -> None:
    question = BANK.questions[0]
    line, number = text_line(0)
    heading, _, _, fix = toml_error(tmp_path, with_line(number, f"{line}\n{line}"))
    assert f"line {number + 1}, column" in heading
    assert f"(question '{question.id}', field 'text')" in heading
    assert "'text' appears twice in the same question, or a [[questions]] header is missing" in (
        fix
    )


def test_a_forgotten_questions_header_is_explained(tmp_path: Path) -> None:
    previous, question = BANK.questions[0], BANK.questions[1]
    header = f'[[questions]]\nid = "{question.id}"\n'
    assert BANK_TEXT.count(header) == 1
    broken = BANK_TEXT.replace(header, f'id = "{question.id}"\n')
    heading, shown, _, fix = toml_error(tmp_path, broken)
    assert f"(question '{previous.id}' option {BANK.top}, field 'text')" in heading
    assert shown.endswith(f"text = {basic_string(question.text)}")
    assert "or a [[questions]] header is missing above it" in fix


def test_an_unknown_dimension_suggests_the_close_id_and_lists_the_valid_ones() -> None:
    dimension = max(BANK.dimensions, key=lambda d: len(d.id))
    data = bank_data()
    question_data(data, 3)["dimension"] = dimension.id[:-1]
    message = bank_error(data)
    assert f"unknown dimension '{dimension.id[:-1]}': did you mean '{dimension.id}'?" in message
    assert message.endswith(", ".join(d.id for d in BANK.dimensions))


def test_an_unknown_theme_suggests_the_close_id_and_lists_the_valid_ones() -> None:
    theme = max(BANK.themes, key=lambda t: len(t.id))
    typo = theme.id[:3] + theme.id[4:]
    data = bank_data()
    data["dimensions"][0]["themes"] = [typo, *BANK.dimensions[0].themes[1:]]
    message = bank_error(data)
    assert f"unknown theme '{typo}': did you mean '{theme.id}'?" in message
    assert message.endswith(", ".join(t.id for t in BANK.themes))


def test_a_misspelt_key_suggests_the_right_one() -> None:
    data = bank_data()
    question_data(data)["txet"] = "typo"
    assert "field 'txet': unknown key: did you mean 'text'?" in bank_error(data)


@pytest.mark.parametrize("field", ["basis", "steps"])
def test_a_link_with_a_leading_slash_says_links_are_relative_to_the_docs_folder(
    field: str,
) -> None:
    data = bank_data()
    position, level = non_addition_option(BANK)
    if field == "basis":
        link = BANK.questions[position].option(level).basis
        option_data(data, level, position)["basis"] = f"/{link}"
        named = f"question '{BANK.questions[position].id}' option {level} field 'basis'"
    else:
        link = BANK.dimensions[0].step(level)
        data["dimensions"][0]["steps"][str(level)] = f"/{link}"
        named = f"dimension '{BANK.dimensions[0].id}' field 'steps.{level}'"
    message = bank_error(data)
    assert named in message
    assert "relative to the docs folder and have no leading '/'" in message
    assert message.endswith(f"Write '{link}'")


def test_an_anchor_in_capitals_says_anchors_are_lowercase() -> None:
    data = bank_data()
    link = BANK.dimensions[0].step(BANK.lowest)
    page, _, anchor = link.partition("#")
    data["dimensions"][0]["steps"][str(BANK.lowest)] = f"{page}#{anchor.capitalize()}"
    message = bank_error(data)
    assert f"dimension '{BANK.dimensions[0].id}' field 'steps.{BANK.lowest}'" in message
    assert "anchors are all lowercase" in message
    assert message.endswith(f"Write '{link}'")


def test_a_duplicate_question_id_names_both_questions_by_position_and_number() -> None:
    data = bank_data()
    first, second = BANK.questions[1], BANK.questions[5]
    data["questions"][5]["id"] = first.id
    message = bank_error(data)
    assert f"question '{first.id}' field 'id'" in message
    assert (
        f"the 2nd and 6th [[questions]] blocks (number = {first.number} and "
        f"number = {second.number}) both have it" in message
    )


def test_a_number_listed_twice_in_retired_is_refused() -> None:
    data = bank_data()
    gone = max(q.number for q in BANK.questions) + 1
    data["retired"] = [*BANK.retired, gone, gone]
    assert bank_error(data) == (
        f"{SOURCE}: field 'retired': number {gone} is listed twice: list each retired number once"
    )


@pytest.mark.parametrize("mistake", ["zero", "negative", "taken", "retired"])
def test_a_question_number_that_cannot_be_used_names_the_next_unused_number(
    mistake: str,
) -> None:
    data = bank_data()
    question = BANK.questions[2]
    number = {"zero": 0, "negative": -3, "taken": BANK.questions[0].number}.get(
        mistake, question.number
    )
    if mistake == "retired":
        data["retired"] = [*BANK.retired, question.number]
    question_data(data, 2)["number"] = number
    free = max({q.number for q in BANK.questions} | set(data["retired"])) + 1
    message = bank_error(data)
    assert f"question '{question.id}' field 'number'" in message
    assert f"number = {free}, the next unused number" in message


def test_a_question_text_over_200_characters_is_refused_with_its_length_and_the_limit() -> None:
    assert max(len(q.text) for bank in (BANK, v1_bank()) for q in bank.questions) <= 200
    data = bank_data()
    question = BANK.questions[-1]
    long_text = (question.text[:-1] + ", ") * (200 // len(question.text) + 1) + "or not?"
    question_data(data, -1)["text"] = long_text
    message = bank_error(data)
    assert f"question '{question.id}' field 'text'" in message
    assert f"the question is {len(long_text)} characters long, and the limit is 200" in message
    assert "read easily on a phone" in message
    question_data(data, -1)["text"] = long_text[: 200 - 1] + "?"
    assert len(parse_bank(data, SOURCE).questions[-1].text) == 200


@pytest.mark.parametrize("mark", ["<b>", "**", "__", "`"])
def test_bank_text_with_html_or_markdown_is_refused_as_not_plain(mark: str) -> None:
    """The form shows bank words as they are and "How scoring works" as Markdown: marks would
    read one way in one place and another way in the other."""
    data = bank_data()
    question = BANK.questions[0]
    question_data(data, 0)["text"] = f"Who {mark}tracks{mark} customer scores?"
    message = bank_error(data)
    assert f"question '{question.id}' field 'text'" in message
    assert "write plain text" in message
    data = bank_data()
    question_data(data, 0)["options"][0]["text"] = f"A {mark}statement{mark} here."
    assert "write plain text" in bank_error(data)
