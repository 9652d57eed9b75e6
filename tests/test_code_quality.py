"""The code stays clean: ruff, ruff format and mypy strict for Python; Biome (lint and format)
and the TypeScript checker (``tsc --noEmit`` on the JSDoc types) for the browser code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import ROOT

BIN = Path(sys.executable).parent
NODE_BIN = ROOT / "node_modules" / ".bin"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_ruff_finds_no_lint_error() -> None:
    result = run(BIN / "ruff", "check", ".")
    assert result.returncode == 0, result.stdout


def test_ruff_format_has_nothing_to_change() -> None:
    result = run(BIN / "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_passes() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout


def test_biome_finds_no_lint_or_format_problem() -> None:
    result = run(NODE_BIN / "biome", "check", "--colors=off")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_browser_code_type_checks() -> None:
    result = run(NODE_BIN / "tsc", "-p", "tsconfig.json")
    assert result.returncode == 0, result.stdout + result.stderr


PLANTED = {
    "type": "// @ts-check\n/** @type {number} */\nexport const count = 'three';\n",
    "lint": "// @ts-check\nexport function f(a) {\n  if (a == 1) debugger;\n  return a;\n}\n",
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_planted_error_fails_the_checks(tmp_path: Path, kind: str) -> None:
    """The same configuration, on a copy of the browser code with one bad file added."""
    for name in ("tsconfig.json", "biome.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    scripts = tmp_path / "docs" / "javascripts"
    shutil.copytree(ROOT / "docs" / "javascripts", scripts)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (scripts / "planted.mjs").write_text(PLANTED[kind], encoding="utf-8")
    if kind == "type":
        result = run(NODE_BIN / "tsc", "-p", "tsconfig.json", cwd=tmp_path)
        assert result.returncode != 0
        assert "planted.mjs" in result.stdout
    else:
        result = run(NODE_BIN / "biome", "check", "--colors=off", cwd=tmp_path)
        assert result.returncode != 0
        assert "planted.mjs" in result.stdout + result.stderr
