"""The "How scoring works" Markdown is generated from the bank and agrees with the scorer.

Checked for the packaged bank, the bank grown by one question, and a bank cut down to fewer
levels, so nothing on the page depends on today's questions or on how many levels there are."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from quiz import Bank, check_answers, describe, load_bank, parse_bank, score
from quiz.build import (
    Persona,
    count_words,
    gate_miss_example_answers,
    not_enough_example_answers,
    scoring_rules_markdown,
    worked_example_answers,
)
from tests.quiz_support import BANKS, bank_data, flat, guide_label, reshaped

BANK = load_bank()
BOTH_BANKS = pytest.mark.parametrize("make_bank", list(BANKS.values()), ids=list(BANKS))
SECTIONS = [
    "In short",
    "The rule",
    "The areas each level needs",
    "How many answers you need",
    f"The {count_words(len(BANK.levels))} levels",
    "What the questions measure",
    "Worked example",
]


def section(markdown: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match, title
    return match.group(1)


def row(table: str, first_cell: str) -> str:
    """The table row starting with ``first_cell`` (in or out of a collapsed block)."""
    lines = (line.strip() for line in table.splitlines())
    return next(line for line in lines if line.startswith(f"| {first_cell} |"))


def test_the_page_has_its_sections_in_order() -> None:
    markdown = scoring_rules_markdown(BANK)
    titles = re.findall(r"^## (.+)$", markdown, re.M)
    assert titles == SECTIONS
    assert markdown.endswith("\n")


@BOTH_BANKS
def test_every_dimension_is_named_with_its_questions_and_a_step_from_every_level(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    table = section(scoring_rules_markdown(bank), "What the questions measure")
    assert f"The {len(bank.questions)} questions are grouped into {len(bank.dimensions)}" in table
    for dimension in bank.dimensions:
        line = row(table, dimension.name)
        assert dimension.description in line
        for question in bank.questions_for(dimension.id):
            assert f"Q{question.number}. {question.text}" in line
        for level in bank.level_numbers:
            link = dimension.step(level)
            assert f"{level}: [{guide_label(bank, link)}](../{link})" in line


@BOTH_BANKS
def test_every_level_is_named_with_its_summary(make_bank: Callable[[], Bank]) -> None:
    bank = make_bank()
    table = section(scoring_rules_markdown(bank), f"The {count_words(len(bank.levels))} levels")
    for level in bank.levels:
        assert f"| {level.number} | {level.name} | {level.summary} |" in table


def test_the_minimum_number_of_areas_is_stated_with_the_scorers_message() -> None:
    text = section(scoring_rules_markdown(BANK), "How many answers you need")
    minimum = BANK.scoring.min_dimensions
    assert f"**{minimum} of the {len(BANK.dimensions)} areas**" in text
    result = score(BANK, not_enough_example_answers(BANK))
    assert result.level is None
    assert result.answered == minimum - 1
    assert f"> {result.reason}" in text


def test_the_rule_sentences_are_the_ones_the_scorer_exposes() -> None:
    rules = section(scoring_rules_markdown(BANK), "The rule")
    scoring: Any = describe(BANK)["scoring"]
    sentences: list[str] = scoring["rules"]
    assert sentences
    for number, sentence in enumerate(sentences, start=1):
        assert f"{number}. {sentence}" in rules
    assert f"from {BANK.lowest} to {BANK.top}" in sentences[0]
    assert f"at least {BANK.scoring.min_dimensions} of the {len(BANK.dimensions)}" in rules


@BOTH_BANKS
def test_the_worked_example_tables_match_score(make_bank: Callable[[], Bank]) -> None:
    bank = make_bank()
    answers = worked_example_answers(bank)
    result = score(bank, answers)
    example = section(scoring_rules_markdown(bank), "Worked example")
    for question in bank.questions:
        level = answers[question.id]
        shown = "Not sure (open)" if level is None else str(level)
        assert f"| Q{question.number}. {question.text} | " in example
        assert row(example, f"Q{question.number}. {question.text}").endswith(f"| {shown} |")
    for item in result.dimensions:
        assert re.search(
            rf"^\| {re.escape(item.name)} \| {item.answered} \| [0-9.]+ \| {item.level} "
            rf"\| {item.possible} \|$",
            example,
            re.M,
        ), item.name


@BOTH_BANKS
def test_the_worked_example_states_the_scorers_result_and_explanation(
    make_bank: Callable[[], Bank],
) -> None:
    bank = make_bank()
    answers = worked_example_answers(bank)
    result, described = score(bank, answers), describe(bank, answers)
    example = section(scoring_rules_markdown(bank), "Worked example")
    assert result.level is not None
    assert f"**Result: {described['level_statement']}**" in example
    assert f"The panel explains it like this: {described['why']}" in example
    names = [result.dimension(area).name for area in result.named]
    assert names
    for name in names:
        assert name in example.split("What to do next names", 1)[1]
    for contrast in result.contrasts:
        assert f"The answers in {contrast.dimension_name} are {contrast.high.level} and " in example


@BOTH_BANKS
def test_the_worked_example_is_the_level_below_the_top_missing_only_a_gate_of_the_top(
    make_bank: Callable[[], Bank],
) -> None:
    """21 of 25 answers at Level 4 and no recognition: it lands on Level 4, with comment."""
    bank = make_bank()
    answers = worked_example_answers(bank)
    assert check_answers(bank, answers) == answers
    result = score(bank, answers)
    assert result.level == bank.top - 1
    weak = bank.gates(bank.top)[-1]
    assert result.named[0] == weak
    assert None in answers.values()
    assert result.contrasts


def test_the_open_question_of_the_worked_example_is_said_not_to_change_the_level() -> None:
    answers = worked_example_answers(BANK)
    assert score(BANK, answers).possible_level == score(BANK, answers).level
    assert "would not change it" in str(describe(BANK, answers)["level_statement"])


def test_in_short_explains_why_a_level_can_be_lower_with_the_scorers_own_example() -> None:
    short = section(scoring_rules_markdown(BANK), "In short")
    missed = BANK.gates(BANK.top - 1)[-1]
    result = score(BANK, gate_miss_example_answers(BANK))
    assert result.level == BANK.top - 2
    assert f"{BANK.dimension(missed).name} at Level {BANK.top - 2}" in short
    assert f"gives Level {result.level}" in short
    assert "What the range means" in short


def test_the_gates_table_names_each_levels_areas_with_the_section_they_come_from() -> None:
    table = section(scoring_rules_markdown(BANK), "The areas each level needs")
    for level in BANK.levels[1:]:
        line = row(table, f"{level.number}: {level.name}")
        for area in BANK.gates(level.number):
            assert BANK.dimension(area).name in line
            assert f"(../{level.gates[area]})" in line


def test_link_prefix_is_applied_to_every_docs_link() -> None:
    bare = scoring_rules_markdown(BANK, link_prefix="")
    assert "(../" not in bare
    prefixed = scoring_rules_markdown(BANK, link_prefix="https://example.org/docs/")
    links = re.findall(r"\]\(([^)]+)\)", prefixed)
    assert links
    assert all(link.startswith("https://example.org/docs/") for link in links)
    for dimension in BANK.dimensions:
        assert f"(https://example.org/docs/{dimension.step(BANK.top)})" in prefixed


def test_personas_are_rendered_with_their_expected_and_scored_level() -> None:
    personas = [
        Persona(
            name=f"Flat at {level.name}",
            kind="flat",
            expected=level.number,
            justification=f"Quoted | from {level.page}",
            source=f"{level.page}#what-it-looks-like",
            answers=flat(BANK, level.number),
        )
        for level in BANK.levels
    ]
    markdown = scoring_rules_markdown(BANK, personas, link_prefix="../")
    assert re.findall(r"^## (.+)$", markdown, re.M)[-1] == "Regression organisations"
    table = section(markdown, "Regression organisations")
    assert f"{len(personas)} further organisations" in table
    for persona in personas:
        line = row(table, persona.name)
        scored = describe(BANK, persona.answers)["level_statement"]
        assert f"| flat | Level {persona.expected} | {scored} |" in line
        assert persona.justification.replace("|", "\\|") in line
        assert f"[Level {persona.expected}](../{persona.source})" in line


def test_without_personas_there_is_no_regression_section() -> None:
    assert "## Regression" not in scoring_rules_markdown(BANK)


@pytest.mark.parametrize("levels", [2, 3, 4])
def test_the_page_and_its_example_answers_fit_a_bank_with_fewer_levels(levels: int) -> None:
    bank = parse_bank(reshaped(bank_data(), levels), f"{levels}-levels.toml")
    assert bank.top == levels
    assert check_answers(bank, worked_example_answers(bank)) == worked_example_answers(bank)
    example = not_enough_example_answers(bank)
    assert check_answers(bank, example) == example
    assert score(bank, example).level is None
    markdown = scoring_rules_markdown(bank)
    assert f"## The {count_words(levels)} levels" in markdown
    assert f"from {bank.lowest} to {bank.top}" in markdown


@pytest.mark.parametrize(("count", "words"), [(0, "no"), (1, "one"), (5, "five"), (9, "nine")])
def test_counts_up_to_nine_are_written_in_words(count: int, words: str) -> None:
    assert count_words(count) == words


@pytest.mark.parametrize("count", [10, 12, 25])
def test_counts_from_ten_are_written_in_digits(count: int) -> None:
    assert count_words(count) == str(count)
