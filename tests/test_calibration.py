"""Calibration: organisations described from the level pages land on the level the playbook
would give them (tests/data/personas.toml), and the scoring page shows the same table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz import load_bank, score
from quiz.calibration import KINDS, load_personas
from quiz.explain import scoring_rules_markdown

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank()
PERSONAS = load_personas(ROOT / "tests" / "data" / "personas.toml", BANK)


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
    from quiz.calibration import Persona

    assert isinstance(persona, Persona)
    result = score(BANK, persona.answers)
    assert result.level == persona.expected


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_each_justification_is_a_sentence_on_its_level_page(persona: object) -> None:
    from quiz.calibration import Persona

    assert isinstance(persona, Persona)
    assert persona.source.split("#")[0] == BANK.level(persona.expected).page
    assert " ".join(persona.justification.split()) in page_text(persona.source)


def test_the_persona_hiding_weak_areas_is_confirmed_low_with_a_higher_possible_level() -> None:
    hidden = [p for p in PERSONAS if p.kind == "hidden"]
    assert hidden
    for persona in hidden:
        result = score(BANK, persona.answers)
        assert result.open_questions > 0
        assert result.possible_level is not None
        assert result.level is not None
        assert result.possible_level > result.level


def test_the_scoring_page_renders_every_persona_with_its_scored_level() -> None:
    page = scoring_rules_markdown(BANK, PERSONAS)
    for persona in PERSONAS:
        row = next(line for line in page.splitlines() if line.startswith(f"| {persona.name} |"))
        assert f"Level {persona.expected} confirmed" in row
