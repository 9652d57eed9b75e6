"""The command line, as a reader runs it: bad input (answers, codes, team files, usage mistakes,
bank files) exits with status 2 and one line naming the problem, and a file saved with a byte order
mark is accepted.

Most tests call the command line's ``main()`` in this process with its own standard input, output
and error (a new Python per call cost most of the time); the tests of the entry point itself run
``python -m quiz ...`` in a subprocess. Expectations come from the loaded bank, so the tests hold
whatever questions it has.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz import encode
from quiz.errors import DAMAGED, EMPTY, FOREIGN, NEWER
from tests.quiz_cli_support import IDS, assert_bad_input, run, run_json, run_process
from tests.quiz_support import BANK, LINK_BASE, flat


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ('{"answers": {"no-such-question": 3}}', "Unknown question id"),
        (
            json.dumps({"answers": {IDS[0]: BANK.top + 1}}),
            f"outside the range {BANK.lowest} to {BANK.top}",
        ),
        (json.dumps({"answers": {IDS[0]: 0}}), "outside the range"),
        (json.dumps({"answers": {IDS[0]: True}}), "not true"),
        (json.dumps({"answers": {IDS[0]: "4"}}), "whole number"),
        (json.dumps({"answers": {IDS[0]: 2.5}}), "whole number"),
        ('{"answers": ', "not valid JSON"),
        ("", "not valid JSON"),
        (json.dumps({IDS[0]: 3}), 'no "answers"'),
        ('{"answers": [3, 4]}', '"answers" must be an object'),
        ("[1, 2]", "JSON object"),
        ("[" * 100_000, "nested too deeply"),
    ],
    ids=[
        "unknown-question",
        "level-too-high",
        "level-zero",
        "boolean",
        "string-level",
        "fractional-level",
        "truncated-json",
        "empty-input",
        "missing-answers-key",
        "answers-not-an-object",
        "top-level-list",
        "deeply-nested",
    ],
)
def test_bad_score_input_exits_2_with_one_line(stdin: str, fragment: str) -> None:
    assert_bad_input(run("score", "-", stdin=stdin), fragment)


def test_missing_answers_file_exits_2(tmp_path: Path) -> None:
    assert_bad_input(run("score", str(tmp_path / "absent.json")), "cannot read")


def test_binary_answers_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert_bad_input(run("score", str(path)), "not UTF-8")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("hello", FOREIGN),
        (f"v{BANK.code_version}.AAAA", DAMAGED),
        (f"v{BANK.code_version + 7}.AAAA", NEWER),
        ("", EMPTY),
        (LINK_BASE, EMPTY),
    ],
    ids=["foreign", "damaged", "newer", "empty", "empty-link"],
)
def test_bad_codes_exit_2_with_the_readers_message(code: str, message: str) -> None:
    assert_bad_input(run("decode", code), message)


def test_truncated_code_exits_2() -> None:
    code = encode(BANK, flat(BANK, BANK.top))
    assert_bad_input(run("decode", code[: len(code) // 2]), DAMAGED)


def test_a_bad_code_in_a_team_names_its_position() -> None:
    good = encode(BANK, flat(BANK, BANK.top))
    assert_bad_input(run("team", good, f"v{BANK.code_version}.AAAA"), f"Code 2: {DAMAGED}")


def test_team_without_codes_exits_2() -> None:
    assert_bad_input(run("team"), "no result codes")


def test_missing_team_csv_exits_2(tmp_path: Path) -> None:
    assert_bad_input(run("team", "--csv", str(tmp_path / "absent.csv")), "cannot read")


def test_usage_mistakes_exit_2_with_one_line() -> None:
    assert_bad_input(run_process(), "required")
    assert_bad_input(run("frobnicate"), "invalid choice")
    assert_bad_input(run("score"), "required")
    assert_bad_input(run("team", "--json", "--table"), "not allowed")


def test_a_broken_bank_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text("levels = [", encoding="utf-8")
    assert_bad_input(run("--bank", str(path), "bank"), str(path))


def test_a_missing_bank_file_exits_2(tmp_path: Path) -> None:
    assert_bad_input(run("--bank", str(tmp_path / "absent.toml"), "bank"), "cannot read")


def test_a_file_saved_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    level = BANK.lowest + 1
    path.write_text(json.dumps({"answers": flat(BANK, level)}), encoding="utf-8-sig")
    assert run_json("score", str(path))["level"] == level
