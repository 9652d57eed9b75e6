"""The command line, as a reader runs it. Most tests call its ``main()`` in this process with
its own standard input, output and error (a new Python per call cost most of this file's
time); the tests of the entry point itself run ``python -m quiz ...`` in a subprocess.

Expectations come from the loaded bank, so the tests hold whatever questions it has."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from quiz import (
    Answers,
    describe,
    encode,
    load_bank,
    open_code,
    team_view,
)
from quiz.build import main, scoring_rules_markdown
from quiz.errors import DAMAGED, EMPTY, FOREIGN, NEWER, UNKNOWN_QUESTION
from quiz.web import team_json
from tests.quiz_support import (
    ROOT,
    by_dimension,
    flat,
    grown,
    grown_bank,
    not_sure_label,
    overview_page,
)

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
V1_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8")
)["cases"]
LINK_BASE = "https://ex-maturity.github.io/ex-maturity-playbook/levels/level-3/#result="


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m quiz ARGS`` in a new Python."""
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command line's ``main(ARGS)`` in this process, from the project folder, with the
    exit status ``python -m quiz`` would give (``main``'s return value, or SystemExit's)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(ROOT),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch("sys.stdin", io.StringIO(stdin or "")),
    ):
        try:
            status = main(list(args))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(["quiz", *args], status, out.getvalue(), err.getvalue())


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


def mixed_answers() -> Answers:
    """Levels, one "Not sure" and, where the bank offers it, one "not applicable"."""
    answers: Answers = {q: BANK.level_numbers[i % BANK.top] for i, q in enumerate(IDS)}
    answers[IDS[0]] = None
    offered = [q.id for q in BANK.questions if q.not_applicable]
    if offered:
        answers[offered[-1]] = "na"
    return answers


@pytest.fixture(scope="module")
def grown_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("grown") / "grown.toml"
    path.write_text(grown().text, encoding="utf-8")
    return path


# --- bank and explain ---------------------------------------------------------------------------


def test_bank_json_is_the_whole_bank() -> None:
    data = run_json("bank", "--json")
    assert data == describe(BANK)
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in BANK.dimensions]
    assert [q["id"] for q in data["questions"]] == IDS
    for question in data["questions"]:
        assert [o["level"] for o in question["options"]] == list(BANK.level_numbers)
        assert all(o["text"] and o["basis"] for o in question["options"])
    for dimension in data["dimensions"]:
        assert list(dimension["steps"]) == [str(n) for n in BANK.level_numbers]


def test_bank_without_json_lists_every_question_with_its_choices() -> None:
    proc = run("bank")
    assert proc.returncode == 0
    for question in BANK.questions:
        assert f"Q{question.number} {question.text} [{question.id}]" in proc.stdout
        for option in question.options:
            assert f"{option.level}. {option.text}" in proc.stdout
    assert f"-. {not_sure_label(BANK)}" in proc.stdout
    assert f"{len(BANK.questions)} questions in {len(BANK.dimensions)} dimensions" in proc.stdout


def test_explain_prints_the_scoring_page_markdown() -> None:
    proc = run("explain")
    assert proc.returncode == 0
    assert proc.stdout == scoring_rules_markdown(BANK)


def test_explain_applies_the_link_prefix() -> None:
    proc = run("explain", "--link-prefix", "https://example.org/")
    assert proc.stdout == scoring_rules_markdown(BANK, link_prefix="https://example.org/")


# --- score and decode ---------------------------------------------------------------------------


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


def test_decode_with_another_bank_reads_that_banks_codes(grown_file: Path) -> None:
    bank = grown_bank()
    answers = flat(bank, BANK.top)
    answers[grown().question_id] = BANK.lowest
    code = encode(bank, answers)
    assert_bad_input(run("decode", code), UNKNOWN_QUESTION)
    data = run_json("--bank", str(grown_file), "decode", code)
    assert data["answers"] == answers
    assert data["legacy"] is None


# --- team ---------------------------------------------------------------------------------------


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


def test_team_uses_the_bank_given_with_bank(grown_file: Path) -> None:
    bank = grown_bank()
    answers = flat(bank, BANK.top)
    proc = run("--bank", str(grown_file), "team", encode(bank, answers), encode(bank, answers))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["levels"] == [BANK.top, BANK.top]


def test_help_documents_the_commands_and_the_team_output_choice() -> None:
    proc = run_process("--help")
    assert proc.returncode == 0
    for command in ("bank", "score", "decode", "team", "explain"):
        assert command in proc.stdout
    proc = run_process("team", "--help")
    assert proc.returncode == 0
    assert "--table" in proc.stdout
    assert "JSON" in proc.stdout


# --- bad input ----------------------------------------------------------------------------------


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
