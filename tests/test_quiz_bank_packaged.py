"""The question bank as packaged (and a copy grown as its header instructs) is consistent and
clean: levels, themes, dimensions with their steps and gates, questions and options citing their
basis, the scoring settings and the frozen version-1 bank; and it covers enough dimensions with
enough questions, with options of comparable length.

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

import pytest

from quiz import Bank, describe, load_bank, parse_bank
from quiz.errors import BankError
from tests.quiz_bank_support import SOURCE, bank_error, non_addition_option, option_data
from tests.quiz_support import BANK, BANK_TEXT, BOTH_BANKS, ROOT, bank_data, not_sure_label, v1_bank

LINK = re.compile(r"[a-z0-9_./-]+\.md#[a-z0-9-]+")


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
