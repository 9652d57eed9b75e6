"""Helpers for the command-line tests (``tests/test_quiz_cli_*.py``): the command line run in this
process (:func:`run`, :func:`run_json`) or as ``python -m quiz`` in a new Python
(:func:`run_process`), the check that bad input exits 2 with one line, and answers mixing levels,
"Not sure" and "not applicable".
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from typing import Any
from unittest import mock

from quiz import Answers
from quiz.build import main
from tests.quiz_support import BANK, ROOT

IDS = [q.id for q in BANK.questions]


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
