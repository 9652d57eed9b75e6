"""The code checks are real: ``make lint`` runs ruff, ruff format and mypy strict for Python, and
Biome (lint and format) and the TypeScript checker (``tsc --noEmit`` on the JSDoc types) for the
browser code, once, beside ``make test`` (``.ci/run`` runs both), and
``scripts/function-length.mjs``, which fails on any browser function over 80 lines. The checks
themselves are not run again here (but for the quick function-length one); what is tested is
that their configuration catches a planted mistake in the browser code, which a setting
switched off (``checkJs``, ``strict``, Biome's rules, the files it includes) would let through
without a word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from harness import ROOT

NODE_BIN = ROOT / "node_modules" / ".bin"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )


PLANTED = {
    "type": "// @ts-check\n/** @type {number} */\nexport const count = 'three';\n",
    "lint": "// @ts-check\nexport function f(a) {\n  if (a == 1) debugger;\n  return a;\n}\n",
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_planted_error_fails_the_checks(tmp_path: Path, kind: str) -> None:
    """The same configuration files, on a folder of browser code that holds one bad file
    (alone: the real code is checked by ``make lint``, and checking it again here cost
    seconds)."""
    for name in ("tsconfig.json", "biome.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    scripts = tmp_path / "docs" / "javascripts"
    scripts.mkdir(parents=True)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (scripts / "planted.mjs").write_text(PLANTED[kind], encoding="utf-8")
    if kind == "type":
        result = run(NODE_BIN / "tsc", "-p", "tsconfig.json", cwd=tmp_path)
        assert result.returncode != 0
        assert "planted.mjs" in result.stdout
        assert "TS2322" in result.stdout  # the string given where a number is declared
    else:
        result = run(NODE_BIN / "biome", "check", "--colors=off", cwd=tmp_path)
        assert result.returncode != 0
        assert "planted.mjs" in result.stdout + result.stderr
        assert "noDoubleEquals" in result.stdout + result.stderr


def test_the_lint_target_runs_every_check() -> None:
    """``make lint`` is where the checks run (no test reruns them): it still names each one."""
    recipe = subprocess.run(
        ["make", "--dry-run", "lint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    checks = ("ruff check", "ruff format --check", "mypy", "biome check", "tsc -p")
    for check in (*checks, "scripts/function-length.mjs"):
        assert check in recipe, (check, recipe)


FUNCTION_LENGTH = ROOT / "scripts" / "function-length.mjs"


def _body(lines: int) -> str:
    """The statements of a function ``lines`` lines long, with its header, first statement,
    return and closing brace."""
    return "".join(f"  total += {n};\n" for n in range(lines - 4))


def test_the_function_length_check_passes_the_browser_code_and_fails_a_long_function(
    tmp_path: Path,
) -> None:
    """The browser code keeps every function within 80 lines (``make lint`` runs the same
    check); a planted file with a function, an arrow function and a method one line too long
    fails it, each named with its line, while one of exactly 80 lines passes."""
    assert run("node", FUNCTION_LENGTH).returncode == 0
    planted = tmp_path / "deep" / "planted.mjs"
    planted.parent.mkdir()
    planted.write_text(
        "export function fits() {\n  let total = 0;\n" + _body(80) + "  return total;\n}\n"
        "export function tooLong() {\n  let total = 0;\n" + _body(81) + "  return total;\n}\n"
        "export const arrow = () => {\n  let total = 0;\n" + _body(81) + "  return total;\n};\n"
        "export class Page {\n  method() {\n    let total = 0;\n"
        + _body(81).replace("  total", "    total")
        + "    return total;\n  }\n}\n",
        encoding="utf-8",
    )
    result = run("node", FUNCTION_LENGTH, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    named = {line.split(": ")[1].split(" is ")[0] for line in result.stdout.splitlines()[:-1]}
    assert named == {"tooLong", "arrow", "method"}, result.stdout
    assert "planted.mjs:" in result.stdout
    assert "is 81 lines (limit 80)" in result.stdout
    assert run("node", FUNCTION_LENGTH, "--max", "81", tmp_path).returncode == 0
