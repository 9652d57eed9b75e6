"""The command line, run as a reader would: ``python -m quiz ...`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quiz import encode, load_bank, result_to_dict, score

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank()
IDS = [q.id for q in BANK.questions]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def run_json(*args: str, stdin: str | None = None) -> Any:
    proc = run(*args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def assert_bad_input(proc: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("quiz: error: ")
    assert fragment in lines[0]


def test_bank_json_lists_dimensions_and_questions_with_five_options() -> None:
    data = run_json("bank", "--json")
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in BANK.dimensions]
    assert set(data["dimensions"][0]) >= {"id", "name", "description"}
    assert [q["id"] for q in data["questions"]] == IDS
    for question in data["questions"]:
        assert set(question) >= {"id", "dimension", "text", "options"}
        assert [o["level"] for o in question["options"]] == [1, 2, 3, 4, 5]
        assert all(o["text"] for o in question["options"])


def test_bank_without_json_prints_readable_questions() -> None:
    proc = run("bank")
    assert proc.returncode == 0
    assert BANK.questions[0].text in proc.stdout
    assert "Not sure" in proc.stdout


def test_score_reads_a_file(tmp_path: Path) -> None:
    answers: dict[str, int | None] = dict.fromkeys(IDS, 4)
    answers[IDS[0]] = None
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    data = run_json("score", str(path))
    assert data == result_to_dict(score(BANK, answers))
    assert data["level"] == 4
    assert data["dimensions"]["metrics"] == 4
    assert data["code"] == encode(BANK, answers)


def test_score_reads_stdin_and_reports_too_few_answers() -> None:
    data = run_json("score", "-", stdin=json.dumps({"answers": {IDS[0]: 3}}))
    assert data["level"] is None
    assert data["enough"] is False
    assert data["page"] == "levels/index.md"
    assert "1 of the 8" in data["reason"]


def test_decode_prints_the_same_result_as_score() -> None:
    answers: dict[str, int | None] = {q: (i % 5) + 1 for i, q in enumerate(IDS)}
    scored = run_json("score", "-", stdin=json.dumps({"answers": answers}))
    decoded = run_json("decode", scored["code"])
    assert decoded == scored


def test_team_compares_several_codes_as_json() -> None:
    low = encode(BANK, dict.fromkeys(IDS, 1))
    high = encode(BANK, dict.fromkeys(IDS, 5))
    data = run_json("team", low, high)
    assert data["members"] == 2
    assert data["levels"] == [1, 5]
    metrics = data["dimensions"][0]
    assert (metrics["mean"], metrics["spread"], metrics["min"], metrics["max"]) == (3.0, 2.0, 1, 5)
    assert len(data["disagreements"]) == 3


def test_team_reads_a_csv_with_a_code_column(tmp_path: Path) -> None:
    codes = [encode(BANK, dict.fromkeys(IDS, level)) for level in (2, 3, 4)]
    path = tmp_path / "team.csv"
    rows = ["name,code"] + [f"person {i},{code}" for i, code in enumerate(codes)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = run_json("team", "--csv", str(path))
    assert data["levels"] == [2, 3, 4]


def test_team_table_is_readable_text() -> None:
    codes = [encode(BANK, dict.fromkeys(IDS, level)) for level in (2, 4)]
    proc = run("team", "--table", *codes)
    assert proc.returncode == 0
    assert "Members: 2" in proc.stdout
    assert BANK.dimensions[0].name in proc.stdout


def test_explain_prints_the_scoring_page_markdown() -> None:
    proc = run("explain")
    assert proc.returncode == 0
    assert "## Worked example" in proc.stdout


def test_help_documents_the_team_output_choice() -> None:
    proc = run("team", "--help")
    assert proc.returncode == 0
    assert "--table" in proc.stdout
    assert "JSON" in proc.stdout


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ('{"answers": {"no-such-question": 3}}', "Unknown question id"),
        ('{"answers": {"metrics-use": 7}}', "outside the range 1 to 5"),
        ('{"answers": {"metrics-use": 0}}', "outside the range 1 to 5"),
        ('{"answers": {"metrics-use": true}}', "not true"),
        ('{"answers": {"metrics-use": "4"}}', "whole number"),
        ('{"answers": {"metrics-use": 2.5}}', "whole number"),
        ('{"answers": ', "not valid JSON"),
        ("", "not valid JSON"),
        ('{"metrics-use": 3}', 'no "answers"'),
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
    ("code", "fragment"),
    [
        ("hello", "does not look like a result link"),
        ("v1.AAAA", "damaged or incomplete"),
        ("v9.AAAA", "newer version"),
        ("", "No result code"),
    ],
)
def test_bad_codes_exit_2_with_the_readers_message(code: str, fragment: str) -> None:
    assert_bad_input(run("decode", code), fragment)


def test_truncated_code_exits_2() -> None:
    code = encode(BANK, dict.fromkeys(IDS, 3))
    assert_bad_input(run("decode", code[: len(code) // 2]), "damaged or incomplete")


def test_a_bad_code_in_a_team_names_its_position() -> None:
    good = encode(BANK, dict.fromkeys(IDS, 3))
    assert_bad_input(run("team", good, "v1.AAAA"), "Code 2:")


def test_team_without_codes_exits_2() -> None:
    assert_bad_input(run("team"), "no result codes")


def test_missing_team_csv_exits_2(tmp_path: Path) -> None:
    assert_bad_input(run("team", "--csv", str(tmp_path / "absent.csv")), "cannot read")


def test_usage_mistakes_exit_2_with_one_line() -> None:
    assert_bad_input(run(), "required")
    assert_bad_input(run("frobnicate"), "invalid choice")
    assert_bad_input(run("score"), "required")


def test_a_broken_bank_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text("levels = [", encoding="utf-8")
    assert_bad_input(run("--bank", str(path), "bank"), str(path))


def test_a_file_saved_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": dict.fromkeys(IDS, 2)}), encoding="utf-8-sig")
    assert run_json("score", str(path))["level"] == 2
