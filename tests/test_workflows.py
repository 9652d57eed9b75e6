"""The GitHub workflows lint clean, pin their actions, and run the README's test command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"
    return subprocess.run(
        [exe, "-no-color", *map(str, paths)], capture_output=True, text=True, check=False
    )


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def readme_commands() -> list[str]:
    """The commands in the README's quick-start block (the first ```sh block)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "README has no ```sh quick-start block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_actionlint_passes_on_every_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "pages.yml"}
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (WORKFLOWS / "ci.yml").read_text().replace("runs-on: ubuntu-24.04", "runs-on: ${{ nope }}")
    )
    assert actionlint(broken).returncode != 0


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']}"


def test_pages_workflow_deploys_with_least_privilege() -> None:
    wf = load("pages.yml")
    assert wf["permissions"] == {}
    assert wf["concurrency"]["group"] == "pages"
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    # The site is built only after every test passed: nothing failing a test is published.
    runs = [s["run"].strip() for s in build["steps"] if "run" in s]
    assert runs == [readme_commands()[1], "make build"]
    uses = [s.get("uses", "") for job in (build, deploy) for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_readme_shows_exactly_a_serve_and_a_test_command() -> None:
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert "serve" in commands[0]
    assert "test" in commands[1]


@pytest.mark.parametrize("where", ["ci-workflow", "ci-script"])
def test_ci_runs_the_readme_test_command(where: str) -> None:
    test_command = readme_commands()[1]
    if where == "ci-workflow":
        steps = load("ci.yml")["jobs"]["test"]["steps"]
        runs = [s["run"].strip() for s in steps if "run" in s]
    else:
        script = (ROOT / ".ci" / "run").read_text().splitlines()
        runs = [line.removeprefix("exec ").strip() for line in script if line.startswith("exec ")]
    assert runs == [test_command]
