"""Every kind of mistake in the question bank is refused with a one-line message naming the
file, the item (level, theme, dimension, question, option) and the field: mistakes at the top
level and in levels, themes, dimensions, questions and options, and files that are malformed,
missing or not UTF-8.

Every expectation is read from the loaded bank, so these tests keep passing when questions
are added or reworded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import load_bank
from quiz.errors import BankError
from tests.quiz_bank_support import SOURCE, bank_error, option_data, question_data
from tests.quiz_support import BANK, BANK_TEXT, bank_data

# --- mistakes: top level and levels --------------------------------------------------------


def test_missing_code_version_is_refused() -> None:
    data = bank_data()
    del data["code_version"]
    assert bank_error(data) == f"{SOURCE}: field 'code_version': missing required key"


def test_unknown_top_level_key_is_refused() -> None:
    data = bank_data()
    data["questoins"] = []
    message = bank_error(data)
    assert "field 'questoins': unknown key" in message


def test_a_gap_in_the_level_numbers_is_refused() -> None:
    data = bank_data()
    del data["levels"][1]
    message = bank_error(data)
    assert f"{SOURCE}: field 'levels'" in message
    assert "without gaps" in message


def test_a_level_defined_twice_is_refused() -> None:
    data = bank_data()
    data["levels"].append(dict(data["levels"][0]))
    message = bank_error(data)
    assert "level 1 field 'number'" in message
    assert "defined twice" in message


def test_a_level_page_that_is_not_markdown_is_refused() -> None:
    data = bank_data()
    data["levels"][-1]["page"] = "levels/top.html"
    message = bank_error(data)
    assert f"level {BANK.top} field 'page'" in message
    assert "levels/top.html" in message


def test_a_level_without_a_page_is_refused() -> None:
    data = bank_data()
    del data["levels"][0]["page"]
    assert "level 1 field 'page': missing required key" in bank_error(data)


# --- mistakes: themes and dimensions --------------------------------------------------------


def test_a_theme_suiting_an_unknown_level_is_refused() -> None:
    data = bank_data()
    data["themes"][0]["levels"] = [BANK.top + 1]
    message = bank_error(data)
    assert f"theme '{BANK.themes[0].id}' field 'levels'" in message
    assert str(BANK.top + 1) in message


def test_a_theme_without_levels_is_refused() -> None:
    data = bank_data()
    data["themes"][0]["levels"] = []
    assert f"theme '{BANK.themes[0].id}' field 'levels'" in bank_error(data)


def test_unknown_theme_names_the_dimension_and_the_bad_theme() -> None:
    data = bank_data()
    data["dimensions"][0]["themes"] = [BANK.themes[0].id, "no-such-theme"]
    message = bank_error(data)
    assert f"dimension '{BANK.dimensions[0].id}' field 'themes'" in message
    assert "'no-such-theme'" in message


def test_a_dimension_missing_the_step_for_a_level_names_the_level() -> None:
    data = bank_data()
    del data["dimensions"][0]["steps"][str(BANK.top)]
    assert bank_error(data) == (
        f"{SOURCE}: dimension '{BANK.dimensions[0].id}' field 'steps': "
        f"missing the step for level {BANK.top}"
    )


@pytest.mark.parametrize("key", ["0", "99", "top"])
def test_a_step_for_a_level_the_bank_lacks_is_refused(key: str) -> None:
    data = bank_data()
    data["dimensions"][0]["steps"][key] = BANK.dimensions[0].step(BANK.lowest)
    message = bank_error(data)
    assert f"dimension '{BANK.dimensions[0].id}' field 'steps'" in message
    assert f"'{key}'" in message


def test_a_step_without_an_anchor_is_refused_naming_the_dimension_and_level() -> None:
    data = bank_data()
    data["dimensions"][0]["steps"][str(BANK.lowest)] = BANK.level(BANK.lowest).page
    message = bank_error(data)
    assert f"dimension '{BANK.dimensions[0].id}' field 'steps.{BANK.lowest}'" in message
    assert "page and anchor" in message


def test_the_old_guide_field_is_refused_as_an_unknown_key() -> None:
    data = bank_data()
    data["dimensions"][0]["guide"] = BANK.dimensions[0].step(BANK.lowest)
    message = bank_error(data)
    assert f"dimension '{BANK.dimensions[0].id}' field 'guide': unknown key" in message


def test_dimension_without_questions_is_refused() -> None:
    data = bank_data()
    last = BANK.dimensions[-1].id
    data["questions"] = [q for q in data["questions"] if q["dimension"] != last]
    assert f"dimension '{last}' field 'questions'" in bank_error(data)


# --- mistakes: questions ---------------------------------------------------------------------


def test_duplicate_question_id_names_the_id_and_field() -> None:
    data = bank_data()
    data["questions"][1]["id"] = BANK.questions[0].id
    message = bank_error(data)
    assert f"question '{BANK.questions[0].id}' field 'id'" in message
    assert "duplicate" in message


def test_duplicate_question_number_names_both_questions() -> None:
    data = bank_data()
    data["questions"][1]["number"] = BANK.questions[0].number
    message = bank_error(data)
    assert f"question '{BANK.questions[1].id}' field 'number'" in message
    assert f"'{BANK.questions[0].id}'" in message


def test_reusing_a_retired_number_is_refused() -> None:
    data = bank_data()
    data["retired"] = [BANK.questions[2].number]
    message = bank_error(data)
    assert f"question '{BANK.questions[2].id}' field 'number'" in message
    assert "retired" in message


def test_unknown_dimension_names_the_question_and_the_bad_value() -> None:
    data = bank_data()
    question_data(data, 3)["dimension"] = "no-such-area"
    message = bank_error(data)
    assert f"question '{BANK.questions[3].id}' field 'dimension'" in message
    assert "'no-such-area'" in message


def test_empty_question_text_is_refused() -> None:
    data = bank_data()
    question_data(data, -1)["text"] = "   "
    message = bank_error(data)
    assert f"question '{BANK.questions[-1].id}' field 'text'" in message
    assert "empty" in message


@pytest.mark.parametrize(("value", "kind"), [("2", "text"), (True, "true/false"), (2.0, "decimal")])
def test_a_number_that_is_not_a_whole_number_is_a_type_error(value: object, kind: str) -> None:
    data = bank_data()
    question_data(data, 1)["number"] = value
    message = bank_error(data)
    assert f"question '{BANK.questions[1].id}' field 'number'" in message
    assert "expected a whole number" in message
    assert kind in message


def test_missing_required_question_key_names_the_key() -> None:
    data = bank_data()
    del question_data(data, 2)["text"]
    assert f"question '{BANK.questions[2].id}' field 'text': missing required key" in bank_error(
        data
    )


def test_question_without_id_is_named_by_position() -> None:
    data = bank_data()
    del question_data(data, 2)["id"]
    assert "question #3 field 'id': missing required key" in bank_error(data)


def test_misspelt_question_key_is_refused() -> None:
    data = bank_data()
    question_data(data)["txet"] = "typo"
    assert f"question '{BANK.questions[0].id}' field 'txet': unknown key" in bank_error(data)


def test_min_dimensions_above_the_dimension_count_is_refused() -> None:
    data = bank_data()
    data["scoring"]["min_dimensions"] = len(BANK.dimensions) + 1
    assert "section 'scoring' field 'min_dimensions'" in bank_error(data)


# --- mistakes: options ---------------------------------------------------------------------


def test_missing_level_statement_names_the_question_and_level() -> None:
    data = bank_data()
    question = question_data(data)
    question["options"] = [o for o in question["options"] if o["level"] != BANK.top]
    assert bank_error(data) == (
        f"{SOURCE}: question '{BANK.questions[0].id}' field 'options': "
        f"missing statement for level {BANK.top}"
    )


def test_two_statements_for_one_level_are_refused() -> None:
    data = bank_data()
    question = question_data(data)
    question["options"].append(dict(question["options"][0]))
    message = bank_error(data)
    assert f"question '{BANK.questions[0].id}' field 'options'" in message
    assert f"level {BANK.lowest} has two statements" in message


def test_an_option_for_a_level_the_bank_lacks_names_its_position() -> None:
    data = bank_data()
    question = question_data(data)
    question["options"].append({"level": BANK.top + 1, "text": "Beyond.", "basis": "x.md#y"})
    position = len(question["options"])
    message = bank_error(data)
    assert f"question '{BANK.questions[0].id}' option #{position} field 'level'" in message
    assert str(BANK.top + 1) in message


def test_the_old_options_table_is_refused() -> None:
    data = bank_data()
    question_data(data)["options"] = {str(n): f"Statement {n}." for n in BANK.level_numbers}
    message = bank_error(data)
    assert f"question '{BANK.questions[0].id}' field 'options'" in message
    assert "[[questions.options]]" in message


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("basis", None, "missing required key"),
        ("basis", "levels/level-1.md", "page and anchor"),
        ("basis", 3, "expected text"),
        ("text", "", "empty"),
        ("text", None, "missing required key"),
        ("addition", "yes", "expected true or false"),
        ("bsis", "levels/level-1.md#x", "unknown key"),
    ],
)
def test_an_option_mistake_names_the_question_the_option_level_and_the_field(
    field: str, value: object, fragment: str
) -> None:
    data = bank_data()
    option = option_data(data, BANK.top, 1)
    if value is None:
        del option[field]
    else:
        option[field] = value
    message = bank_error(data)
    assert f"question '{BANK.questions[1].id}' option {BANK.top} field '{field}'" in message
    assert fragment in message


# --- mistakes in files ---------------------------------------------------------------------


def test_malformed_toml_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    broken = BANK_TEXT.replace("number = 3\n", "number = = 3\n", 1)
    assert broken != BANK_TEXT
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line" in message


def test_mistake_in_a_file_on_disk_names_that_file(tmp_path: Path) -> None:
    first, second = BANK.questions[0], BANK.questions[1]
    original = f'id = "{second.id}"\nnumber = {second.number}\n'
    assert original in BANK_TEXT
    edited = BANK_TEXT.replace(original, f'id = "{second.id}"\nnumber = {first.number}\n')
    path = tmp_path / "edited.toml"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}: question '{second.id}' field 'number'")


def test_missing_file_is_a_bank_error(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="cannot read the file"):
        load_bank(tmp_path / "absent.toml")


def test_a_file_that_is_not_utf8_is_a_bank_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"\xff\xfe" + BANK_TEXT.encode("utf-8"))
    with pytest.raises(BankError, match="not UTF-8"):
        load_bank(path)
