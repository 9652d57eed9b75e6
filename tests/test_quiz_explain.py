"""The "How scoring works" Markdown is generated from the bank and agrees with the scorer."""

from __future__ import annotations

import re

from quiz import load_bank, score, scoring_rules_markdown, worked_example_answers
from quiz.explain import not_enough_example_answers
from quiz.scoring import scoring_rules

BANK = load_bank()
MARKDOWN = scoring_rules_markdown(BANK)


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", MARKDOWN, re.M | re.S)
    assert match, title
    return match.group(1)


def test_every_dimension_is_named_with_its_questions_and_guide_link() -> None:
    table = section("What the questions measure")
    for dimension in BANK.dimensions:
        row = next(line for line in table.splitlines() if line.startswith(f"| {dimension.name} |"))
        assert f"(../{dimension.guide})" in row
        for question in BANK.questions_for(dimension.id):
            assert f"Q{question.number}. {question.text}" in row


def test_every_level_is_named() -> None:
    table = section("The five levels")
    for level in BANK.levels:
        assert f"| {level.number} | {level.name} |" in table


def test_the_minimum_number_of_dimensions_is_stated() -> None:
    minimum = BANK.scoring.min_dimensions
    assert f"**{minimum} of the {len(BANK.dimensions)} dimensions**" in MARKDOWN
    reason = score(BANK, not_enough_example_answers(BANK)).reason
    assert reason is not None
    assert f"> {reason}" in section("How many answers you need")


def test_the_rule_sentences_are_the_ones_the_scorer_exposes() -> None:
    rules = section("The rule")
    for number, sentence in enumerate(scoring_rules(BANK), start=1):
        assert f"{number}. {sentence}" in rules


def test_the_worked_example_matches_score() -> None:
    answers = worked_example_answers(BANK)
    result = score(BANK, answers)
    example = section("Worked example")
    stated = re.search(r"\*\*Result: Level (\d) \(([^)]+)\)\.\*\*", example)
    assert stated
    assert int(stated.group(1)) == result.level
    assert stated.group(2) == result.level_name
    for item in result.dimensions:
        assert re.search(
            rf"^\| {re.escape(item.name)} \| {item.answered} \| .* \| {item.level} \|$",
            example,
            re.M,
        )
    assert f"rounds down to **{result.average_level}**" in example
    assert f"at most {result.weakest[0].level} + 1 = **{result.cap}**" in example


def test_the_worked_example_shows_the_cap_rounding_and_not_sure() -> None:
    answers = worked_example_answers(BANK)
    result = score(BANK, answers)
    assert result.capped
    assert None in answers.values()
    assert any(item.mean is not None and item.mean % 1 for item in result.dimensions)
    assert "Not sure (left out)" in section("Worked example")


def test_link_prefix_is_applied_to_every_guide_link() -> None:
    text = scoring_rules_markdown(BANK, link_prefix="")
    assert "(levels/level-1.md#step-1)" in text
    assert "(../" not in text
