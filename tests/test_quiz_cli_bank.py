"""The command line, as a reader runs it: ``bank`` prints the whole bank (as JSON, or every
question with its choices), ``explain`` the scoring page's Markdown, and ``--bank`` reads codes and
teams against another bank.

Most tests call the command line's ``main()`` in this process with its own standard input, output
and error (a new Python per call cost most of the time); the tests of the entry point itself run
``python -m quiz ...`` in a subprocess. Expectations come from the loaded bank, so the tests hold
whatever questions it has.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz import describe, encode
from quiz.build import scoring_rules_markdown
from quiz.errors import UNKNOWN_QUESTION
from tests.quiz_cli_support import IDS, assert_bad_input, run, run_json
from tests.quiz_support import BANK, flat, grown, grown_bank, not_sure_label


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


# --- another bank, given with --bank -------------------------------------------------------------


def test_decode_with_another_bank_reads_that_banks_codes(grown_file: Path) -> None:
    bank = grown_bank()
    answers = flat(bank, BANK.top)
    answers[grown().question_id] = BANK.lowest
    code = encode(bank, answers)
    assert_bad_input(run("decode", code), UNKNOWN_QUESTION)
    data = run_json("--bank", str(grown_file), "decode", code)
    assert data["answers"] == answers
    assert data["legacy"] is None


def test_team_uses_the_bank_given_with_bank(grown_file: Path) -> None:
    bank = grown_bank()
    answers = flat(bank, BANK.top)
    proc = run("--bank", str(grown_file), "team", encode(bank, answers), encode(bank, answers))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["levels"] == [BANK.top, BANK.top]
