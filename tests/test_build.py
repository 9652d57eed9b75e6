"""The build refuses a malformed question bank, naming the file, the question and the field."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.harness import ROOT, run_mkdocs_build


def build_with_bank(bank: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run_mkdocs_build(out, EX_QUIZ_BANK=str(bank))


def test_a_question_with_a_missing_level_statement_fails_the_build(tmp_path: Path) -> None:
    text = (ROOT / "quiz" / "bank.toml").read_text(encoding="utf-8")
    first_question = text.index("\n[[questions]]")
    four = text.index('\n4 = "', first_question)
    broken = text[:four] + text[text.index("\n", four + 1) :]
    bank = tmp_path / "broken-bank.toml"
    bank.write_text(broken, encoding="utf-8")
    result = build_with_bank(bank, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "broken-bank.toml" in output
    assert "'options'" in output
    assert "level 4" in output
