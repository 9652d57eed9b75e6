"""A bank grown the way its header says ("How to add a question") works end to end.

The packaged ``quiz/bank.toml`` is copied, its last [[questions]] block is pasted after the
last question with a new id and the next unused number, and the bank, scoring and result-code
checks run against the copy. Adding a real question must never need a test edit (issue 12).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import (
    Answers,
    Bank,
    check_answers,
    describe,
    encode,
    load_bank,
    open_code,
    score,
)
from quiz.errors import UNKNOWN_QUESTION, CodeError
from tests.quiz_support import (
    BANK_TEXT,
    ROOT,
    any_answers,
    flat,
    full_answers,
    grow,
    grown,
    grown_bank,
)

BANK = load_bank()
PROPERTY = settings(max_examples=150, deadline=None)


def decoded(bank: Bank, code: str) -> Answers:
    """The answers a code of ``bank``'s version holds (read with that bank)."""
    return open_code(code, bank).answers


@pytest.fixture(scope="module")
def grown_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("grown") / "bank.toml"
    path.write_text(grown().text, encoding="utf-8")
    return path


def test_the_grown_file_loads_with_one_more_question_copied_from_the_last(
    grown_file: Path,
) -> None:
    bank = load_bank(grown_file)
    added = bank.question(grown().question_id)
    copied = BANK.question(grown().copied)
    assert copied == BANK.questions[-1]
    assert len(bank.questions) == len(BANK.questions) + 1
    assert bank.questions[:-1] == BANK.questions
    assert bank.questions[-1] is added
    assert added.number == max({q.number for q in BANK.questions} | set(BANK.retired)) + 1
    assert added.number not in BANK.retired
    assert bank.question_by_number(added.number) is added
    assert (added.dimension, added.text, added.options) == (
        copied.dimension,
        copied.text,
        copied.options,
    )
    assert bank.dimensions == BANK.dimensions
    assert bank.levels == BANK.levels
    assert bank.code_version == BANK.code_version


def test_growing_skips_retired_numbers() -> None:
    # Retire the number the new question would get, as if a question had been deleted.
    retired_text, count = re.subn(
        r"^retired = \[", f"retired = [{grown().number}, ", BANK_TEXT, count=1, flags=re.M
    )
    assert count == 1
    assert grow(retired_text).number == grown().number + 1


def test_the_grown_bank_lists_the_new_question_under_its_dimension() -> None:
    bank = grown_bank()
    added = bank.question(grown().question_id)
    assert bank.questions_for(added.dimension)[-1] is added
    assert len(bank.questions_for(added.dimension)) == len(BANK.questions_for(added.dimension)) + 1


@PROPERTY
@given(st.data())
def test_random_answers_to_the_grown_bank_score_within_its_levels(data: st.DataObject) -> None:
    bank = grown_bank()
    answers = data.draw(any_answers(bank))
    assert check_answers(bank, answers) == answers
    result = score(bank, answers)
    assert result.questions_total == len(bank.questions)
    assert result.level in {None, *bank.level_numbers}
    if result.level is not None:
        assert result.possible_level is not None
        assert result.level <= result.possible_level <= bank.top
    report = describe(bank, answers)
    assert json.loads(json.dumps(report)) == report
    assert decoded(bank, str(report["code"])) == answers


def test_a_flat_profile_on_the_grown_bank_gives_its_level() -> None:
    bank = grown_bank()
    for level in bank.level_numbers:
        result = score(bank, flat(bank, level))
        assert (result.level, result.possible_level) == (level, level)


@PROPERTY
@given(st.data())
def test_codes_round_trip_in_the_grown_bank(data: st.DataObject) -> None:
    bank = grown_bank()
    answers = data.draw(any_answers(bank))
    assert decoded(bank, encode(bank, answers)) == answers


@PROPERTY
@given(st.data())
def test_codes_of_the_original_bank_still_decode_in_the_grown_bank(data: st.DataObject) -> None:
    answers = data.draw(any_answers(BANK))
    code = encode(BANK, answers)
    assert decoded(grown_bank(), code) == answers
    # The new question joins an existing dimension, so the same areas stay answered.
    assert score(grown_bank(), answers).enough == score(BANK, answers).enough


@PROPERTY
@given(st.data())
def test_a_code_answering_the_new_question_is_unknown_to_the_original_bank(
    data: st.DataObject,
) -> None:
    bank = grown_bank()
    answers: Answers = {
        **data.draw(full_answers(bank)),
        grown().question_id: data.draw(st.sampled_from(bank.level_numbers)),
    }
    with pytest.raises(CodeError) as caught:
        decoded(BANK, encode(bank, answers))
    assert str(caught.value) == UNKNOWN_QUESTION


def test_the_command_line_scores_and_decodes_with_the_grown_bank(grown_file: Path) -> None:
    bank = grown_bank()
    answers = flat(bank, bank.top)
    answers[grown().question_id] = bank.lowest

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "quiz", "--bank", str(grown_file), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
            timeout=60,
        )

    scored = run("score", "-", stdin=json.dumps({"answers": answers}))
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["answers"] == answers
    assert result["questions_total"] == len(bank.questions)
    decoded = run("decode", result["code"])
    assert decoded.returncode == 0, decoded.stderr
    assert json.loads(decoded.stdout) == result
