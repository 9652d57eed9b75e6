"""The team engine from codes, links and files, into JSON and text: :func:`quiz.team_view` over
codes and links matches each member's own result, bad codes and an empty team are errors, and
the command line (``team``, ``team --table``, ``team --csv``) reads a code column or one code
a line and carries the numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz import describe, encode, team_view
from quiz.build import main
from quiz.errors import DAMAGED, CodeError, TeamError
from tests.quiz_support import by_dimension, flat
from tests.quiz_team_support import (
    BANK,
    FIRST,
    LOW,
    MIDDLE,
    TOP,
    key,
    median_rounding_down,
    results,
    statement,
    steady_code,
    team_of,
)

LINK_BASE = "https://example.org/playbook/levels/level-1/#result="


def command_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """``python -m quiz team ARGS`` (its ``main``, in this process): what it prints."""
    assert main(["team", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


# --- codes, JSON and text ----------------------------------------------------------------------


def test_team_view_from_codes_and_links_matches_each_members_own_result() -> None:
    sets = [flat(BANK, LOW), by_dimension(BANK, TOP, **{key(FIRST.id): MIDDLE})]
    codes = [encode(BANK, answers) for answers in sets]
    view = team_view([codes[0], LINK_BASE + codes[1]])
    assert view == team_view(codes)
    own = results(sets)
    assert view.levels == tuple(r.level for r in own)
    assert view.possible_levels == tuple(r.possible_level for r in own)
    for area in view.dimensions:
        assert area.levels == tuple(r.area_level(area.id) for r in own)
    assert view.compared == (0, 1)


def test_a_bad_code_is_reported_with_its_position() -> None:
    with pytest.raises(CodeError) as caught:
        team_view([encode(BANK, flat(BANK, MIDDLE)), f"v{BANK.code_version}.AAAA"])
    assert str(caught.value) == f"Code 2: {DAMAGED}"


def test_an_empty_team_is_an_error() -> None:
    with pytest.raises(TeamError):
        team_view([])


def test_codes_are_read_from_a_code_column_or_one_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``team --csv FILE``: the ``code`` header matched whatever its case and spaces, blank
    lines and empty cells skipped; without that header, one code per line."""
    low, top = encode(BANK, flat(BANK, LOW)), encode(BANK, flat(BANK, TOP))
    column = tmp_path / "column.csv"
    column.write_text(f"Name, Code \nAna, {low}\nBo,\n\nCy, {top}\n", encoding="utf-8")
    data = json.loads(command_line(capsys, "--csv", str(column)))
    assert (data["members"], data["levels"]) == (2, [LOW, TOP])
    lines = tmp_path / "lines.txt"
    lines.write_text(f"{top}\n\n  {low}  \n", encoding="utf-8")
    data = json.loads(command_line(capsys, "--csv", str(lines)))
    assert (data["members"], data["levels"]) == (2, [TOP, LOW])
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main(["team", "--csv", str(empty)])
    assert caught.value.code == 2
    assert "no result codes" in capsys.readouterr().err


def test_dict_and_table_forms_carry_the_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    people = [flat(BANK, LOW), flat(BANK, MIDDLE)]
    view = team_of(people)
    data = describe(view)
    assert json.loads(json.dumps(data)) == data
    assert data["members"] == 2
    assert data["levels"] == [LOW, MIDDLE]
    assert data["level"] == data["possible_level"] == median_rounding_down([LOW, MIDDLE])
    assert data["level_statement"] == statement(view, ["Person 1", "Person 2"])
    assert data["dimensions"][0] == {  # type: ignore[index]
        "id": FIRST.id,
        "name": FIRST.name,
        "count": 2,
        "median": median_rounding_down([LOW, MIDDLE]),
        "mean": round((LOW + MIDDLE) / 2, 2),
        "spread": round((MIDDLE - LOW) / 2, 2),
        "min": LOW,
        "max": MIDDLE,
        "levels": [LOW, MIDDLE],
    }
    first = data["disagreements"][0]  # type: ignore[index]
    assert {k: v for k, v in first.items() if k != "questions"} in data["dimensions"]  # type: ignore[operator]
    assert first["questions"][0]["answers"][0] == {
        "member": 0,
        "level": LOW,
        "statement": BANK.question(first["questions"][0]["question"]).option(LOW).text,
    }
    table = command_line(capsys, "--table", *(encode(BANK, answers) for answers in people))
    assert table.startswith(f"{data['level_statement']}\n")
    assert f"Members: 2   Levels: {LOW}, {MIDDLE}" in table
    for dimension in BANK.dimensions:
        assert dimension.name in table
    assert f"{LOW}-{MIDDLE}" in table
    assert f"Person 1 (Level {LOW}): " in table


def test_the_table_says_when_everyone_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    code = steady_code(MIDDLE)
    assert team_view([code, code]).disagreements == ()
    assert "Most disagreement: none" in command_line(capsys, "--table", code, code)
