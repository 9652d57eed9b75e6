"""The command line, as a reader runs it: ``score`` reads answers from a file or standard input and
gives the level, possible level and contrasts; ``decode`` prints the same result from a code or a
full result link, and a v1 code's original level.

Most tests call the command line's ``main()`` in this process with its own standard input, output
and error (a new Python per call cost most of the time); the tests of the entry point itself run
``python -m quiz ...`` in a subprocess. Expectations come from the loaded bank, so the tests hold
whatever questions it has.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quiz import describe, encode, open_code
from tests.quiz_cli_support import IDS, mixed_answers, run, run_json, run_process
from tests.quiz_support import BANK, LINK_BASE, V1_CASES, flat, overview_page


def test_score_reads_a_file(tmp_path: Path) -> None:
    answers = mixed_answers()
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    data = run_json("score", str(path))
    assert data == describe(BANK, answers)
    assert data["code"] == encode(BANK, answers)


def test_score_of_a_flat_profile_gives_its_level_in_every_area() -> None:
    level = BANK.level_numbers[len(BANK.level_numbers) // 2]
    data = run_json("score", "-", stdin=json.dumps({"answers": flat(BANK, level)}))
    assert data["level"] == data["possible_level"] == level
    assert set(data["dimensions"].values()) == {level}
    assert data["contrasts"] == []


def test_score_json_carries_possible_level_and_contrasts() -> None:
    dimension = next(d for d in BANK.dimensions if len(BANK.questions_for(d.id)) >= 2)
    high, low = BANK.questions_for(dimension.id)[:2]
    answers = flat(BANK, BANK.top - 1)
    answers[high.id], answers[low.id] = BANK.top, BANK.lowest
    answers[IDS[-1]] = None
    data = run_json("score", "-", stdin=json.dumps({"answers": answers}))
    assert data["possible_level"] >= data["level"]
    assert [(c["dimension"], c["questions"]) for c in data["contrasts"]] == [
        (dimension.id, [high.id, low.id])
    ]
    assert all(b["guide"] and b["guide_label"] for b in data["blockers"])


def test_score_reads_stdin_and_reports_too_few_answers() -> None:
    proc = run_process("score", "-", stdin=json.dumps({"answers": {IDS[0]: BANK.lowest}}))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["level"] is None
    assert data["enough"] is False
    assert data["page"] == overview_page(BANK)
    assert f"1 of the {len(BANK.dimensions)}" in data["reason"]


def test_decode_prints_the_same_result_as_score() -> None:
    scored = run_json("score", "-", stdin=json.dumps({"answers": mixed_answers()}))
    assert run_json("decode", scored["code"]) == scored


def test_decode_accepts_a_full_result_link() -> None:
    scored = run_json("score", "-", stdin=json.dumps({"answers": mixed_answers()}))
    assert run_json("decode", LINK_BASE + scored["code"]) == scored


@pytest.mark.parametrize("case", V1_CASES[:3] + V1_CASES[-3:], ids=lambda case: case["code"])
def test_decode_opens_a_v1_code_with_its_original_level(case: dict[str, Any]) -> None:
    data = run_json("decode", case["code"])
    assert data["level"] == case["level"]
    assert data["dimensions"] == case["dimensions"]
    assert data["legacy"]["version"] == 1
    assert data == describe(open_code(case["code"]))


def test_decode_of_a_v1_code_against_the_frozen_v1_bank_keeps_its_original_level() -> None:
    # The legacy note promises the level the link was first given, whichever bank is named.
    for case in V1_CASES[4:10]:
        proc = run("--bank", "quiz/bank_v1.toml", "decode", case["code"])
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        assert (data["level"], data["dimensions"]) == (case["level"], case["dimensions"]), case
