"""The result explains its own level in plain words."""

from __future__ import annotations

from quiz import load_bank, result_to_dict, score

BANK = load_bank()


def answers_with(default: int, **overrides: int) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for question in BANK.questions:
        answers[question.id] = overrides.get(question.dimension, default)
    return answers


def test_why_names_the_weakest_area_when_it_caps_the_level() -> None:
    result = result_to_dict(score(BANK, answers_with(5, training=2)))
    assert result["level"] == 3
    why = result["why"]
    assert isinstance(why, str)
    assert "Training and development" in why
    assert "Level 2" in why
    assert "Level 3" in why


def test_why_states_what_the_next_level_needs_when_nothing_caps() -> None:
    result = result_to_dict(score(BANK, answers_with(3)))
    assert result["why"] == (
        "Your areas average 3.00 out of 5, which rounds down to Level 3. Level 4 needs an "
        "average of at least 4 with no area below Level 3."
    )


def test_why_is_absent_without_enough_answers() -> None:
    first = BANK.questions[0].id
    assert result_to_dict(score(BANK, {first: 3}))["why"] is None
