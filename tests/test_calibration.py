"""Regression personas (validation/personas.toml, written with earlier rules) keep their level,
and the validation set (validation/organisations.toml, described in prose before its answers
were fixed) scores at least 90% exact and 100% within range; the scoring page shows both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz import Answers, load_bank, score
from quiz.build import KINDS, build_context, hit_rate, scoring_rules_markdown

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank()
CONTEXT = build_context(object())  # what the build reads: the same files, the same checks
PERSONAS = CONTEXT.personas
ORGANISATIONS = CONTEXT.organisations


def page_text(source: str) -> str:
    """The page's Markdown as plain words: links, emphasis and line breaks removed."""
    text = (ROOT / "docs" / source.split("#")[0]).read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("*", "").split())


def test_there_are_at_least_15_personas_of_every_kind() -> None:
    assert len(PERSONAS) >= 15
    assert {p.kind for p in PERSONAS} == set(KINDS)
    assert len({p.name for p in PERSONAS}) == len(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_the_rule_places_each_persona_at_its_expected_level(persona: object) -> None:
    from quiz.build import Persona

    assert isinstance(persona, Persona)
    result = score(BANK, persona.answers)
    assert result.level == persona.expected


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_each_justification_is_a_sentence_on_its_level_page(persona: object) -> None:
    from quiz.build import Persona

    assert isinstance(persona, Persona)
    assert persona.source.split("#")[0] == BANK.level(persona.expected).page
    assert " ".join(persona.justification.split()) in page_text(persona.source)


def test_the_persona_hiding_weak_areas_gains_nothing_from_not_sure() -> None:
    """Its "Not sure" answers earn no credit: the confirmed level is what the same answers
    give with each "Not sure" at the lowest level, and the possible level is never lower."""
    hidden = [p for p in PERSONAS if p.kind == "hidden"]
    assert hidden
    for persona in hidden:
        result = score(BANK, persona.answers)
        assert result.open_questions > 0
        floor: Answers = {q: BANK.lowest if a is None else a for q, a in persona.answers.items()}
        assert result.level == score(BANK, floor).level
        assert result.level is not None
        assert result.possible_level is not None
        assert result.possible_level >= result.level


def test_the_validation_set_is_described_before_its_answers_with_every_required_case() -> None:
    assert len(ORGANISATIONS) >= 20
    cases = " ".join(o.case for o in ORGANISATIONS)
    for level in BANK.level_numbers:
        assert any(o.case == f"clear-{level}" for o in ORGANISATIONS), level
    required = ("no-recognition", "listens-no-action", "small-no-hr", "perks-no-cx", "tool-no-lead")
    for case in (*required, "half-knowledge", "gamer"):
        assert case in cases, case
    for organisation in ORGANISATIONS:
        assert len(organisation.prose.split(".")) >= 6, organisation.id
        assert organisation.why, organisation.id
        assert len(organisation.answers) == len(BANK.questions), organisation.id


def test_the_validation_set_scores_at_least_90_percent_exact_and_all_within_range() -> None:
    exact, within = hit_rate(BANK, ORGANISATIONS)
    misses = [
        (o.id, o.expected, o.range, score(BANK, o.answers).level)
        for o in ORGANISATIONS
        if score(BANK, o.answers).level != o.expected
    ]
    assert exact >= 0.9 * len(ORGANISATIONS), misses
    assert within == len(ORGANISATIONS), misses


def test_the_scoring_page_publishes_the_validation_hit_rate_and_table() -> None:
    page = scoring_rules_markdown(BANK, PERSONAS, organisations=ORGANISATIONS)
    exact, within = hit_rate(BANK, ORGANISATIONS)
    total = len(ORGANISATIONS)
    assert f"**{exact} of {total} exact" in page
    assert f"{within} of {total} within the defensible range" in page
    for organisation in ORGANISATIONS:
        assert any(
            line.strip().startswith(f"| {organisation.name} |") for line in page.splitlines()
        )


def test_the_scoring_page_renders_every_persona_with_its_scored_level() -> None:
    page = scoring_rules_markdown(BANK, PERSONAS)
    for persona in PERSONAS:
        row = next(
            line.strip()
            for line in page.splitlines()
            if line.strip().startswith(f"| {persona.name} |")
        )
        assert f"Level {persona.expected} confirmed" in row
