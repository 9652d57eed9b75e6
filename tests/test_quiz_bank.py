"""The question bank: the packaged file is complete, and every kind of mistake is reported
with the file, the item (question or dimension id) and the field."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from quiz import BankError, load_bank, parse_bank
from quiz.model import LEVEL_NUMBERS

SOURCE = "bank-under-test.toml"
BANK_TEXT = resources.files("quiz").joinpath("bank.toml").read_text(encoding="utf-8")
PRISTINE: dict[str, Any] = tomllib.loads(BANK_TEXT)

LEVEL_NAMES = {
    1: "Unaligned",
    2: "Measured in pockets",
    3: "Led by teams",
    4: "Owned by everyone",
    5: "North Star",
}
THEMES = [
    ("shared-goals", "Shared goals and objectives"),
    ("understanding-impact", "Understanding impact"),
    ("feedback-loop", "Feedback loop"),
    ("training-and-development", "Training and development"),
    ("culture-and-values", "Culture and values"),
    ("innovation-and-collaboration", "Innovation and collaboration"),
    ("data-and-analytics", "Data and analytics"),
    ("celebrating-successes", "Celebrating successes"),
    ("long-term-vision", "Long-term vision"),
    ("employee-centric-approach", "Employee-centric approach"),
    ("brand-alignment", "Brand alignment"),
    ("crisis-management", "Crisis management"),
    ("technology-integration", "Technology integration"),
    ("learning-from-mistakes", "Learning from mistakes"),
    ("industry-benchmarking", "Industry benchmarking"),
    ("executive-sponsorship", "Executive sponsorship"),
]
DIMENSIONS = [
    ("metrics", "CX metrics and measurement", "levels/level-1.md#step-1"),
    ("tools", "Tools and resources", "levels/level-1.md#step-2"),
    ("leadership", "Team goals and leadership ownership", "levels/level-2.md#step-1"),
    (
        "communication",
        "Communication of CX and the customer journey",
        "levels/level-2.md#step-2",
    ),
    ("accountability", "Individual CX goals and accountability", "levels/level-3.md#step-1"),
    ("training", "Training and development", "levels/level-3.md#step-2"),
    ("feedback", "Employee feedback (voice of the employee)", "levels/level-4.md#step-1"),
    ("recognition", "Recognition and reward", "levels/level-4.md#step-2"),
]


def fresh() -> dict[str, Any]:
    """A deep copy of the packaged bank's data, safe to break."""
    return copy.deepcopy(PRISTINE)


def question(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    for item in data["questions"]:
        if item["id"] == question_id:
            found: dict[str, Any] = item
            return found
    raise AssertionError(question_id)


def bank_error(data: dict[str, Any]) -> str:
    with pytest.raises(BankError) as caught:
        parse_bank(data, SOURCE)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{SOURCE}: ")
    return message


# --- the packaged bank -------------------------------------------------------------------


def test_packaged_bank_loads_with_five_named_levels_and_focus_areas() -> None:
    bank = load_bank()
    assert {level.number: level.name for level in bank.levels} == LEVEL_NAMES
    for level in bank.levels:
        assert level.summary
        assert level.focus
        assert level.page == f"levels/level-{level.number}.md"


def test_packaged_bank_has_the_16_conversation_themes_in_order() -> None:
    bank = load_bank()
    assert [(theme.id, theme.title) for theme in bank.themes] == THEMES
    assert bank.theme("feedback-loop").anchor == "conversations.md#feedback-loop"


def test_packaged_bank_has_the_8_dimensions_with_guides_and_starter_themes() -> None:
    bank = load_bank()
    assert [(d.id, d.name, d.guide) for d in bank.dimensions] == DIMENSIONS
    theme_ids = {theme.id for theme in bank.themes}
    for dimension in bank.dimensions:
        assert dimension.description
        assert 2 <= len(dimension.themes) <= 3
        assert set(dimension.themes) <= theme_ids
        assert bank.questions_for(dimension.id), dimension.id


def test_packaged_questions_have_unique_ids_numbers_and_five_ordered_statements() -> None:
    bank = load_bank()
    assert 10 <= len(bank.questions) <= 16
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    assert len({q.number for q in bank.questions}) == len(bank.questions)
    for q in bank.questions:
        assert q.text.endswith("?")
        assert tuple(option.level for option in q.options) == LEVEL_NUMBERS
        assert all(option.text for option in q.options)
        assert [choice.level for choice in q.choices] == [1, 2, 3, 4, 5, None]
        assert bank.question_by_number(q.number) is q


def test_packaged_bank_is_cached_and_a_copy_on_disk_loads_equal(tmp_path: Path) -> None:
    assert load_bank() is load_bank(None)
    path = tmp_path / "bank.toml"
    path.write_text(BANK_TEXT, encoding="utf-8")
    assert load_bank(path) == load_bank()
    assert load_bank(str(path)) == load_bank()


def test_packaged_scoring_needs_six_dimensions() -> None:
    assert load_bank().scoring.min_dimensions == 6


# --- mistakes -------------------------------------------------------------------------


def test_duplicate_question_id_names_the_id_and_field() -> None:
    data = fresh()
    data["questions"][1]["id"] = "metrics-use"
    message = bank_error(data)
    assert "question 'metrics-use' field 'id'" in message
    assert "duplicate" in message


def test_duplicate_question_number_names_both_questions() -> None:
    data = fresh()
    question(data, "tools-context")["number"] = 1
    message = bank_error(data)
    assert "question 'tools-context' field 'number'" in message
    assert "'metrics-use'" in message


def test_unknown_dimension_names_the_question_and_the_bad_value() -> None:
    data = fresh()
    question(data, "training-focus")["dimension"] = "trainnig"
    message = bank_error(data)
    assert "question 'training-focus' field 'dimension'" in message
    assert "'trainnig'" in message


def test_unknown_theme_names_the_dimension_and_the_bad_theme() -> None:
    data = fresh()
    data["dimensions"][0]["themes"] = ["data-and-analytics", "no-such-theme"]
    message = bank_error(data)
    assert "dimension 'metrics' field 'themes'" in message
    assert "'no-such-theme'" in message


def test_missing_level_statement_names_the_level() -> None:
    data = fresh()
    del question(data, "metrics-use")["options"]["4"]
    message = bank_error(data)
    assert message == (
        f"{SOURCE}: question 'metrics-use' field 'options': missing statement for level 4"
    )


def test_extra_level_statement_is_refused() -> None:
    data = fresh()
    question(data, "tools-purpose")["options"]["6"] = "Beyond the scale."
    message = bank_error(data)
    assert "question 'tools-purpose' field 'options'" in message
    assert "'6'" in message


def test_empty_question_text_is_refused() -> None:
    data = fresh()
    question(data, "feedback-action")["text"] = "   "
    message = bank_error(data)
    assert "question 'feedback-action' field 'text'" in message
    assert "empty" in message


def test_empty_level_statement_is_refused() -> None:
    data = fresh()
    question(data, "feedback-action")["options"]["2"] = ""
    message = bank_error(data)
    assert "question 'feedback-action' field 'options'" in message
    assert "level 2 is empty" in message


def test_dimension_without_questions_is_refused() -> None:
    data = fresh()
    data["questions"] = [q for q in data["questions"] if q["dimension"] != "recognition"]
    message = bank_error(data)
    assert "dimension 'recognition' field 'questions'" in message


def test_number_given_as_text_is_a_type_error() -> None:
    data = fresh()
    question(data, "metrics-follow-up")["number"] = "2"
    message = bank_error(data)
    assert "question 'metrics-follow-up' field 'number'" in message
    assert "expected a whole number, got text" in message


def test_number_given_as_boolean_is_a_type_error() -> None:
    data = fresh()
    question(data, "metrics-follow-up")["number"] = True
    message = bank_error(data)
    assert "question 'metrics-follow-up' field 'number'" in message
    assert "true/false" in message


def test_options_given_as_a_list_is_a_type_error() -> None:
    data = fresh()
    question(data, "metrics-use")["options"] = ["a", "b", "c", "d", "e"]
    message = bank_error(data)
    assert "question 'metrics-use' field 'options'" in message
    assert "a list" in message


def test_missing_required_question_key_names_the_key() -> None:
    data = fresh()
    del question(data, "leadership-ownership")["text"]
    message = bank_error(data)
    assert "question 'leadership-ownership' field 'text': missing required key" in message


def test_question_without_id_is_named_by_position() -> None:
    data = fresh()
    del data["questions"][2]["id"]
    message = bank_error(data)
    assert "question #3 field 'id': missing required key" in message


def test_misspelt_question_key_is_refused() -> None:
    data = fresh()
    question(data, "metrics-use")["txet"] = "typo"
    message = bank_error(data)
    assert "question 'metrics-use' field 'txet': unknown key" in message


def test_wrong_number_of_levels_is_refused() -> None:
    data = fresh()
    data["levels"] = data["levels"][:4]
    message = bank_error(data)
    assert "field 'levels'" in message
    assert "missing 5" in message


def test_level_outside_one_to_five_is_refused() -> None:
    data = fresh()
    data["levels"][4]["number"] = 6
    message = bank_error(data)
    assert "level #5 field 'number'" in message


def test_reusing_a_retired_number_is_refused() -> None:
    data = fresh()
    data["retired"] = [3]
    message = bank_error(data)
    assert "question 'tools-purpose' field 'number'" in message
    assert "retired" in message


def test_min_dimensions_above_the_dimension_count_is_refused() -> None:
    data = fresh()
    data["scoring"]["min_dimensions"] = 9
    message = bank_error(data)
    assert "section 'scoring' field 'min_dimensions'" in message


def test_malformed_toml_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BANK_TEXT.replace("number = 3\n", "number = = 3\n", 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line" in message


def test_mistake_in_a_file_on_disk_names_that_file(tmp_path: Path) -> None:
    path = tmp_path / "edited.toml"
    edited = BANK_TEXT.replace(
        'id = "tools-context"\nnumber = 4', 'id = "tools-context"\nnumber = 3'
    )
    assert edited != BANK_TEXT
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}: question 'tools-context' field 'number'")


def test_missing_file_is_a_bank_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(BankError, match="cannot read the file"):
        load_bank(path)
