"""Team view: per-dimension mean, spread and range, and where people disagree most."""

from __future__ import annotations

import statistics

import pytest

from quiz import CodeError, TeamError, encode, load_bank, read_codes, team_to_dict, team_view
from quiz.team import team_from_answers, team_table

BANK = load_bank()
IDS = [q.id for q in BANK.questions]


def everyone_at(level: int, **dimensions: int | None) -> dict[str, int | None]:
    return {q.id: dimensions.get(q.dimension, level) for q in BANK.questions}


def test_mean_spread_and_range_per_dimension() -> None:
    view = team_from_answers(BANK, [everyone_at(2), everyone_at(3), everyone_at(5)])
    metrics = view.dimensions[0]
    assert metrics.count == 3
    assert metrics.mean == pytest.approx(10 / 3)
    assert metrics.spread == pytest.approx(statistics.pstdev([2, 3, 5]))
    assert (metrics.low, metrics.high, metrics.range) == (2, 5, 3)
    assert view.levels == (2, 3, 5)


def test_disagreements_are_sorted_by_spread_and_skip_agreement() -> None:
    view = team_from_answers(
        BANK,
        [
            everyone_at(3, training=1, feedback=2),
            everyone_at(3, training=5, feedback=4),
        ],
    )
    assert [d.id for d in view.disagreements] == ["training", "feedback"]


def test_members_without_a_dimension_answer_are_left_out_of_it() -> None:
    view = team_from_answers(BANK, [everyone_at(4), everyone_at(2, recognition=None)])
    recognition = view.dimensions[-1]
    assert (recognition.count, recognition.mean, recognition.spread) == (1, 4.0, 0.0)


def test_team_view_from_codes_matches_answers() -> None:
    sets = [everyone_at(1), everyone_at(4)]
    assert team_view(BANK, [encode(BANK, s) for s in sets]) == team_from_answers(BANK, sets)


def test_a_bad_code_is_reported_with_its_position() -> None:
    with pytest.raises(CodeError, match=r"^Code 2: "):
        team_view(BANK, [encode(BANK, everyone_at(3)), "nonsense"])


def test_an_empty_team_is_an_error() -> None:
    with pytest.raises(TeamError):
        team_view(BANK, [])


def test_codes_are_read_from_a_code_column_or_one_per_line() -> None:
    assert read_codes("Name, Code \nAna, v1.a\nBo,\n\nCy, v1.c\n") == ["v1.a", "v1.c"]
    assert read_codes("v1.a\n\n  v1.b  \n") == ["v1.a", "v1.b"]
    assert read_codes("") == []


def test_dict_and_table_forms_carry_the_numbers() -> None:
    view = team_from_answers(BANK, [everyone_at(1), everyone_at(3)])
    data = team_to_dict(view)
    assert data["members"] == 2
    assert data["dimensions"][0] == {  # type: ignore[index]
        "id": "metrics",
        "name": BANK.dimensions[0].name,
        "count": 2,
        "mean": 2.0,
        "spread": 1.0,
        "min": 1,
        "max": 3,
    }
    assert "Members: 2" in team_table(view)
