"""The question bank: the packaged file (and a copy grown as its header instructs) is
consistent and clean, and every kind of mistake is refused with a one-line message naming the
file, the item (level, theme, dimension, question, option) and the field.

Every expectation is read from the loaded bank, so these tests keep passing when questions
are added or reworded.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from quiz import (
    Bank,
    describe,
    load_bank,
    parse_bank,
)
from quiz.errors import BankError
from tests.quiz_support import BANK_TEXT, BANKS, ROOT, bank_data, not_sure_label, v1_bank

SOURCE = "bank-under-test.toml"
BANK = load_bank()
LINK = re.compile(r"[a-z0-9_./-]+\.md#[a-z0-9-]+")

BOTH_BANKS = pytest.mark.parametrize("make_bank", list(BANKS.values()), ids=list(BANKS))


def bank_error(data: dict[str, Any]) -> str:
    """The loader's message for ``data``; it must be one line starting with the file name."""
    with pytest.raises(BankError) as caught:
        parse_bank(data, SOURCE)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{SOURCE}: ")
    return message


def question_data(data: dict[str, Any], position: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = data["questions"][position]
    return found


def option_data(data: dict[str, Any], level: int, position: int = 0) -> dict[str, Any]:
    for option in question_data(data, position)["options"]:
        if option["level"] == level:
            found: dict[str, Any] = option
            return found
    raise AssertionError(level)


def non_addition_option(bank: Bank) -> tuple[int, int]:
    """(question position, level) of the first option that is not marked as an addition."""
    for position, question in enumerate(bank.questions):
        for option in question.options:
            if not option.addition:
                return position, option.level
    raise AssertionError("every option is an addition")


def another_level(bank: Bank, level: int) -> int:
    return next(n for n in bank.level_numbers if n != level)


# --- the packaged bank (and the grown copy) ------------------------------------------------


@BOTH_BANKS
def test_levels_are_numbered_from_one_without_gaps_each_with_its_own_page(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    assert bank.level_numbers == tuple(range(1, len(bank.levels) + 1))
    assert len(bank.levels) >= 2
    assert (bank.lowest, bank.top) == (1, len(bank.levels))
    assert len({level.name for level in bank.levels}) == len(bank.levels)
    assert len({level.page for level in bank.levels}) == len(bank.levels)
    for level in bank.levels:
        assert level.name
        assert level.summary
        assert level.focus
        assert (ROOT / "docs" / level.page).is_file(), level.page
        assert bank.level(level.number) is level


@BOTH_BANKS
def test_themes_have_unique_ids_and_suit_levels_of_the_bank(make_bank: Callable[[], Bank]) -> None:
    bank = make_bank()
    assert len({theme.id for theme in bank.themes}) == len(bank.themes)
    for theme in bank.themes:
        assert theme.title
        assert theme.levels
        assert set(theme.levels) <= set(bank.level_numbers)
        assert list(theme.levels) == sorted(set(theme.levels))
        assert theme.anchor == f"conversations.md#{theme.id}"
        assert bank.theme(theme.id) is theme


@BOTH_BANKS
def test_each_dimension_has_two_or_three_known_themes_and_a_step_from_every_level(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    theme_ids = {theme.id for theme in bank.themes}
    assert len({d.id for d in bank.dimensions}) == len(bank.dimensions)
    for dimension in bank.dimensions:
        assert dimension.name
        assert dimension.description
        assert 2 <= len(dimension.themes) <= 3, dimension.id
        assert len(set(dimension.themes)) == len(dimension.themes)
        assert set(dimension.themes) <= theme_ids
        assert tuple(dimension.steps) == bank.level_numbers
        assert bank.questions_for(dimension.id), dimension.id


@BOTH_BANKS
def test_every_areas_step_for_every_level_is_a_listed_step_that_builds_that_area(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    builds = {step.link: step.builds for step in bank.steps}
    for dimension in bank.dimensions:
        for level in bank.level_numbers:
            step = dimension.step(level)
            assert LINK.fullmatch(step), (dimension.id, step)
            assert dimension.id in builds.get(step, ()), (dimension.id, level, step)


def test_a_step_that_does_not_build_the_area_is_refused_naming_area_and_level() -> None:
    data = bank_data()
    unrelated = next(s for s in data["steps"] if "recognition" not in s["builds"])
    target = next(d for d in data["dimensions"] if d["id"] == "recognition")
    target["steps"]["2"] = unrelated["link"]
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.toml")
    message = str(caught.value)
    assert "no step fits area 'recognition' at level 2" in message
    assert unrelated["link"] in message


def test_a_step_missing_from_the_steps_list_is_refused_naming_area_and_level() -> None:
    data = bank_data()
    target = next(d for d in data["dimensions"] if d["id"] == "tools")
    target["steps"]["1"] = "levels/level-1.md#metrics"
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.toml")
    assert "no step fits area 'tools' at level 1" in str(caught.value)


def test_the_bank_lists_each_levels_gates_citing_the_level_pages() -> None:
    bank = load_bank()
    assert bank.staged
    assert bank.gates(bank.lowest) == ()
    for level in bank.levels[1:]:
        assert len(bank.gates(level.number)) >= 2, level.number
        below = bank.level(level.number - 1).page
        for basis in level.gates.values():
            assert basis.partition("#")[0] in (below, level.page), basis


def test_a_gate_on_an_unknown_area_or_a_single_gate_is_refused() -> None:
    data = bank_data()
    data["levels"][2]["gates"] = {"tools": "levels/level-2.md#priorities"}
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.toml")
    assert "at least two gate areas" in str(caught.value)
    data["levels"][2]["gates"] = {
        "toolz": "levels/level-2.md#priorities",
        "tools": "levels/level-2.md#priorities",
    }
    with pytest.raises(BankError) as caught:
        parse_bank(data, "bank.toml")
    assert "unknown dimension 'toolz'" in str(caught.value)


def test_bank_json_lists_each_levels_gates() -> None:
    bank = load_bank()
    data = describe(bank)
    levels = data["levels"]
    assert isinstance(levels, list)
    assert [level["gates"] for level in levels] == [list(bank.gates(n)) for n in bank.level_numbers]


@BOTH_BANKS
def test_questions_have_unique_ids_and_numbers_and_one_statement_per_level_in_order(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    assert len({q.number for q in bank.questions}) == len(bank.questions)
    assert not {q.number for q in bank.questions} & bank.retired
    dimension_ids = {d.id for d in bank.dimensions}
    for q in bank.questions:
        assert q.text.endswith("?"), q.id
        assert q.dimension in dimension_ids
        assert tuple(option.level for option in q.options) == bank.level_numbers
        assert all(option.text for option in q.options)
        assert [choice.level for choice in q.choices] == [*bank.level_numbers, None]
        assert q.choices[-1].text == not_sure_label(BANK)
        assert all(q.option(option.level) is option for option in q.options)
        assert bank.question_by_number(q.number) is q
        assert bank.question(q.id) is q
        assert bank.has_question(q.id)


@BOTH_BANKS
def test_question_ids_start_with_their_dimension_id(make_bank: Callable[[], Bank]) -> None:
    bank = make_bank()
    for q in bank.questions:
        assert q.id.startswith(f"{q.dimension}-"), q.id


@BOTH_BANKS
def test_every_option_names_its_basis_as_a_page_and_anchor(make_bank: Callable[[], Bank]) -> None:
    bank = make_bank()
    for q in bank.questions:
        for option in q.options:
            assert LINK.fullmatch(option.basis), (q.id, option.level, option.basis)
            assert (ROOT / "docs" / option.basis.partition("#")[0]).is_file(), option.basis


@BOTH_BANKS
def test_a_non_addition_option_has_its_basis_on_its_own_levels_page(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    for q in bank.questions:
        for option in q.options:
            if not option.addition:
                page = option.basis.partition("#")[0]
                assert page == bank.level(option.level).page, (q.id, option.level)


def test_packaged_bank_is_cached_and_a_copy_on_disk_loads_equal(tmp_path: Path) -> None:
    assert load_bank() is load_bank(None)
    path = tmp_path / "bank.toml"
    path.write_text(BANK_TEXT, encoding="utf-8")
    copy = load_bank(path)
    assert copy.source == str(path)
    assert replace(copy, source=BANK.source) == BANK
    assert load_bank(str(path)) == copy


def test_packaged_scoring_settings_fit_the_bank() -> None:
    scoring = BANK.scoring
    assert 1 <= scoring.min_dimensions <= len(BANK.dimensions)
    assert scoring.max_weakest >= 1
    assert scoring.max_themes >= 1


def test_the_current_bank_is_the_packaged_bank_of_its_code_version() -> None:
    assert load_bank(version=BANK.code_version) is BANK
    with pytest.raises(KeyError):
        load_bank(version=BANK.code_version + 1)


def test_the_frozen_v1_bank_matches_the_recorded_v1_results() -> None:
    bank = v1_bank()
    assert bank.code_version == 1
    assert bank.code_version < BANK.code_version
    cases = json.loads((ROOT / "tests" / "data" / "v1_codes.json").read_text("utf-8"))["cases"]
    for case in cases:
        assert list(case["dimensions"]) == [d.id for d in bank.dimensions]
    assert load_bank(version=1) is bank


# --- coverage and item hygiene (issue 8) ---------------------------------------------------


def test_every_dimension_rests_on_at_least_two_questions() -> None:
    for dimension in BANK.dimensions:
        assert len(BANK.questions_for(dimension.id)) >= 2, dimension.id


def test_the_bank_covers_at_least_ten_dimensions_and_twenty_questions() -> None:
    assert len(BANK.dimensions) >= 10
    assert len(BANK.questions) >= 20


def test_no_option_is_more_than_twice_as_long_as_the_shortest_in_its_question() -> None:
    too_long = {
        q.id: [len(option.text) for option in q.options]
        for q in BANK.questions
        if max(len(o.text) for o in q.options) > 2 * min(len(o.text) for o in q.options)
    }
    assert not too_long


def test_top_level_options_are_on_average_within_a_quarter_of_the_lowest_level_length() -> None:
    lowest = statistics.mean(len(q.option(BANK.lowest).text) for q in BANK.questions)
    top = statistics.mean(len(q.option(BANK.top).text) for q in BANK.questions)
    assert abs(top - lowest) <= 0.25 * lowest, (lowest, top)


def test_the_loader_refuses_a_basis_on_another_levels_page() -> None:
    position, level = non_addition_option(BANK)
    data = bank_data()
    option = option_data(data, level, position)
    other = BANK.level(another_level(BANK, level)).page
    option["basis"] = f"{other}#{option['basis'].partition('#')[2]}"
    question_id = BANK.questions[position].id
    message = bank_error(data)
    assert f"question '{question_id}' option {level} field 'basis'" in message
    assert other in message
    assert BANK.level(level).page in message


def test_an_option_marked_as_an_addition_may_rest_on_any_page() -> None:
    position, level = non_addition_option(BANK)
    data = bank_data()
    option = option_data(data, level, position)
    option["basis"] = "conversations.md#" + BANK.themes[0].id
    option["addition"] = True
    bank = parse_bank(data, SOURCE)
    moved = bank.questions[position].option(level)
    assert moved.addition
    assert moved.basis == "conversations.md#" + BANK.themes[0].id


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


# --- messages a content maintainer can act on ----------------------------------------------


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
