"""The command line, as a reader runs it: ``team`` compares several codes and links (current and
v1, from the arguments, a CSV or standard input) as JSON the same as the team pages, or as a
readable table; and ``--help`` documents the commands.

Most tests call the command line's ``main()`` in this process with its own standard input, output
and error (a new Python per call cost most of the time); the tests of the entry point itself run
``python -m quiz ...`` in a subprocess. Expectations come from the loaded bank, so the tests hold
whatever questions it has.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quiz import describe, encode, team_view
from quiz.web import team_json
from tests.quiz_cli_support import mixed_answers, run, run_json, run_process
from tests.quiz_support import BANK, LINK_BASE, V1_CASES, by_dimension, flat


def test_team_compares_several_codes_and_links_as_json() -> None:
    low = encode(BANK, flat(BANK, BANK.lowest))
    high = encode(BANK, flat(BANK, BANK.top))
    data = run_json("team", low, LINK_BASE + high)
    assert data["members"] == 2
    assert data["levels"] == [BANK.lowest, BANK.top]
    middle = (BANK.lowest + BANK.top) / 2
    assert data["level"] == data["possible_level"] == int(middle)  # an exact half rounds down
    assert data["level_statement"].startswith(f"Team: Level {int(middle)} confirmed")
    first = data["dimensions"][0]
    assert first["id"] == BANK.dimensions[0].id
    assert (first["median"], first["mean"], first["spread"], first["min"], first["max"]) == (
        int(middle),
        middle,
        (BANK.top - BANK.lowest) / 2,
        BANK.lowest,
        BANK.top,
    )
    assert len(data["disagreements"]) == min(3, len(BANK.dimensions))
    assert data["disagreements"][0]["questions"][0]["answers"][1]["level"] == BANK.top


def test_team_json_is_the_team_engines_and_the_team_pages() -> None:
    """The same team level, areas and disagreements as quiz.team, which the page builds on."""
    codes = [encode(BANK, mixed_answers()), encode(BANK, flat(BANK, 2)), V1_CASES[0]["code"]]
    data = run_json("team", *codes)
    assert data == describe(team_view(codes))
    page: Any = json.loads(team_json("\n".join(codes)))["result"]
    assert (data["level"], data["possible_level"], data["level_statement"]) == (
        page["level"],
        page["possible_level"],
        page["level_statement"],
    )
    assert [area["median"] for area in data["dimensions"]] == [
        area["median"] for area in page["dimensions"]
    ]
    assert [area["id"] for area in data["disagreements"]] == [
        area["id"] for area in page["disagreements"]
    ]


def test_team_mixes_v1_links_with_current_codes() -> None:
    current = encode(BANK, flat(BANK, BANK.top))
    case = next(case for case in V1_CASES if case["level"] is not None)
    data = run_json("team", current, case["code"])
    assert data["levels"] == [BANK.top, case["level"]]


def test_team_reads_a_csv_with_a_code_column(tmp_path: Path) -> None:
    codes = [encode(BANK, flat(BANK, level)) for level in BANK.level_numbers]
    path = tmp_path / "team.csv"
    rows = ["name,code"] + [f"person {i},{code}" for i, code in enumerate(codes)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run_json("team", "--csv", str(path))["levels"] == list(BANK.level_numbers)


def test_team_reads_codes_from_stdin() -> None:
    codes = [encode(BANK, flat(BANK, level)) for level in (BANK.lowest, BANK.top)]
    proc = run("team", "--csv", "-", stdin="\n".join(codes) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["members"] == 2


def test_team_table_is_readable_text() -> None:
    weak = BANK.dimensions[-1].id.replace("-", "_")
    codes = [
        encode(BANK, flat(BANK, BANK.top)),
        encode(BANK, by_dimension(BANK, BANK.top, **{weak: BANK.lowest})),
    ]
    proc = run("team", "--table", *codes)
    assert proc.returncode == 0
    assert proc.stdout.startswith("Team: Level ")
    assert "Members: 2" in proc.stdout
    for dimension in BANK.dimensions:
        assert dimension.name in proc.stdout
    assert f"Most disagreement: {BANK.dimensions[-1].name}" in proc.stdout
    question = BANK.questions_for(BANK.dimensions[-1].id)[0]
    assert f"Q{question.number} {question.text}" in proc.stdout
    assert f"Person 2 (Level {BANK.lowest}): {question.option(BANK.lowest).text}" in proc.stdout


def test_team_table_names_who_keeps_the_team_from_having_a_level() -> None:
    only_one_area = {q.id: 3 for q in BANK.questions_for(BANK.dimensions[0].id)}
    codes = [encode(BANK, flat(BANK, BANK.top)), encode(BANK, only_one_area)]
    proc = run("team", "--table", *codes)
    assert proc.returncode == 0
    assert proc.stdout.startswith(
        "The team has no level yet: Person 2's result has no level of its own"
    )


def test_help_documents_the_commands_and_the_team_output_choice() -> None:
    proc = run_process("--help")
    assert proc.returncode == 0
    for command in ("bank", "score", "decode", "team", "explain"):
        assert command in proc.stdout
    proc = run_process("team", "--help")
    assert proc.returncode == 0
    assert "--table" in proc.stdout
    assert "JSON" in proc.stdout
