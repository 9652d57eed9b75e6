"""The Python code stays ruff-clean, ruff-formatted and mypy-strict clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_no_lint_error() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout


def test_ruff_format_has_nothing_to_change() -> None:
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_passes() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout
