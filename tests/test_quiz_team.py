"""Team view: per-dimension mean, spread and range, and where people disagree most.

Dimensions and levels are read from the loaded bank."""

from __future__ import annotations

import json
import statistics
from typing import Any

import pytest

from quiz import (
    CodeError,
    TeamError,
    encode,
    load_bank,
    open_code,
    read_codes,
    score,
    team_to_dict,
    team_view,
)
from quiz.codes import DAMAGED
from quiz.team import MAX_DISAGREEMENTS, team_from_answers, team_from_results, team_table
from tests.quiz_support import ROOT, by_dimension, flat

BANK = load_bank()
FIRST, SECOND = BANK.dimensions[0], BANK.dimensions[1]
LOW, TOP = BANK.lowest, BANK.top
MIDDLE = BANK.level_numbers[len(BANK.level_numbers) // 2]
LINK_BASE = "https://example.org/playbook/levels/level-1/#result="


def key(dimension_id: str) -> str:
    return dimension_id.replace("-", "_")


def test_mean_spread_and_range_per_dimension() -> None:
    levels = [LOW, MIDDLE, TOP]
    view = team_from_answers(BANK, [flat(BANK, level) for level in levels])
    assert view.members == 3
    assert view.levels == tuple(levels)
    assert [d.id for d in view.dimensions] == [d.id for d in BANK.dimensions]
    for item in view.dimensions:
        assert item.count == 3
        assert item.mean == pytest.approx(statistics.mean(levels))
        assert item.spread == pytest.approx(statistics.pstdev(levels))
        assert (item.low, item.high, item.range) == (LOW, TOP, TOP - LOW)


def test_disagreements_are_sorted_by_spread_and_skip_agreement() -> None:
    view = team_from_answers(
        BANK,
        [
            by_dimension(BANK, MIDDLE, **{key(FIRST.id): LOW, key(SECOND.id): MIDDLE - 1}),
            by_dimension(BANK, MIDDLE, **{key(FIRST.id): TOP, key(SECOND.id): MIDDLE + 1}),
        ],
    )
    assert [d.id for d in view.disagreements] == [FIRST.id, SECOND.id]


def test_at_most_three_disagreements_are_listed() -> None:
    view = team_from_answers(BANK, [flat(BANK, LOW), flat(BANK, TOP)])
    assert len(view.disagreements) == min(MAX_DISAGREEMENTS, len(BANK.dimensions)) == 3
    assert [d.id for d in view.disagreements] == [d.id for d in BANK.dimensions[:3]]


def test_members_without_a_dimension_answer_are_left_out_of_it() -> None:
    last = BANK.dimensions[-1]
    view = team_from_answers(
        BANK, [flat(BANK, TOP), by_dimension(BANK, LOW, **{key(last.id): None})]
    )
    item = view.dimensions[-1]
    assert item.id == last.id
    assert (item.count, item.mean, item.spread, item.low, item.high) == (1, TOP, 0.0, TOP, TOP)
    assert last.id not in {d.id for d in view.disagreements}


def test_nobody_answering_a_dimension_leaves_it_empty() -> None:
    last = BANK.dimensions[-1]
    view = team_from_answers(BANK, [by_dimension(BANK, TOP, **{key(last.id): None})])
    item = view.dimensions[-1]
    assert (item.count, item.mean, item.spread, item.range) == (0, None, None, None)


def test_team_view_from_codes_and_links_matches_answers() -> None:
    sets = [flat(BANK, LOW), flat(BANK, TOP)]
    codes = [encode(BANK, sets[0]), LINK_BASE + encode(BANK, sets[1])]
    assert team_view(codes) == team_from_answers(BANK, sets)


def test_a_v1_link_joins_the_team_with_its_original_level() -> None:
    cases: list[dict[str, Any]] = json.loads(
        (ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8")
    )["cases"]
    case = next(c for c in cases if c["level"] is not None)
    view = team_view([encode(BANK, flat(BANK, TOP)), case["code"]])
    assert view.levels == (TOP, case["level"])
    expected = team_from_results(
        BANK, [score(BANK, flat(BANK, TOP)), open_code(case["code"]).result]
    )
    assert view == expected


def test_a_bad_code_is_reported_with_its_position() -> None:
    with pytest.raises(CodeError) as caught:
        team_view([encode(BANK, flat(BANK, MIDDLE)), f"v{BANK.code_version}.AAAA"])
    assert str(caught.value) == f"Code 2: {DAMAGED}"


def test_an_empty_team_is_an_error() -> None:
    with pytest.raises(TeamError):
        team_view([])


def test_codes_are_read_from_a_code_column_or_one_per_line() -> None:
    assert read_codes("Name, Code \nAna, v2.a\nBo,\n\nCy, v2.c\n") == ["v2.a", "v2.c"]
    assert read_codes("v2.a\n\n  v2.b  \n") == ["v2.a", "v2.b"]
    assert read_codes("") == []


def test_dict_and_table_forms_carry_the_numbers() -> None:
    view = team_from_answers(BANK, [flat(BANK, LOW), flat(BANK, MIDDLE)])
    data = team_to_dict(view)
    assert json.loads(json.dumps(data)) == data
    assert data["members"] == 2
    assert data["levels"] == [LOW, MIDDLE]
    assert data["dimensions"][0] == {  # type: ignore[index]
        "id": FIRST.id,
        "name": FIRST.name,
        "count": 2,
        "mean": round((LOW + MIDDLE) / 2, 2),
        "spread": round((MIDDLE - LOW) / 2, 2),
        "min": LOW,
        "max": MIDDLE,
    }
    table = team_table(view)
    assert f"Members: 2   Levels: {LOW}, {MIDDLE}" in table
    for dimension in BANK.dimensions:
        assert dimension.name in table
    assert f"{LOW}-{MIDDLE}" in table


def test_the_table_says_when_everyone_agrees() -> None:
    view = team_from_answers(BANK, [flat(BANK, MIDDLE), flat(BANK, MIDDLE)])
    assert view.disagreements == ()
    assert "Most disagreement: none" in team_table(view)
