"""The GitHub workflows lint clean, pin their actions, and run the README's test command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
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
    uses = [s.get("uses", "") for job in (build, deploy) for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pages_publishes_only_a_push_to_main_whose_ci_passed_without_testing_again() -> None:
    """The suite runs once per push, in CI; Pages builds the commit CI tested, and only when
    every test passed, so nothing failing a test is published."""
    wf = load("pages.yml")
    # PyYAML reads the key `on` as True.
    trigger = wf[True]
    assert set(trigger) == {"workflow_run"}
    assert trigger["workflow_run"] == {
        "workflows": [load("ci.yml")["name"]],
        "types": ["completed"],
        "branches": ["main"],
    }
    build = wf["jobs"]["build"]
    assert "conclusion == 'success'" in build["if"]
    assert "event == 'push'" in build["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    runs = [s["run"].strip() for s in build["steps"] if "run" in s]
    assert runs == ["make build"]
    tested = [
        name
        for name in (p.name for p in WORKFLOWS.glob("*.yml"))
        for job in load(name)["jobs"].values()
        for step in job.get("steps", [])
        if readme_commands()[1] in step.get("run", "")
    ]
    assert tested == ["ci.yml"]


def test_ci_uses_a_supported_node_lts_and_the_readme_says_the_same() -> None:
    """Even-numbered Node releases are the long-term supported ones; 20 reached its end of
    life in April 2026. .node-version is the one place that says which CI uses."""
    major = int((ROOT / ".node-version").read_text().strip())
    assert major >= 24
    assert major % 2 == 0
    for name in ("ci.yml", "pages.yml"):
        for job in load(name)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-node@"):
                    assert step["with"] == {"node-version-file": ".node-version", "cache": "npm"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Node {major}" in readme
    assert "Node 20" not in readme


def test_ci_caches_pip_and_npm_downloads() -> None:
    steps = load("ci.yml")["jobs"]["test"]["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    node = next(s for s in steps if s.get("uses", "").startswith("actions/setup-node@"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements/*.txt"
    assert node["with"]["cache"] == "npm"


def test_actions_are_on_their_current_major_versions() -> None:
    """The majors that run on Node 24 (the Node 20 ones stopped being supported)."""
    current = {
        "actions/checkout": 7,
        "actions/setup-python": 7,
        "actions/setup-node": 7,
        "actions/upload-pages-artifact": 5,
        "actions/deploy-pages": 5,
    }
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text().splitlines():
            found = re.search(r"uses: ([\w.-]+/[\w.-]+)@[0-9a-f]{40} # v(\d+)\.", line)
            if found:
                assert int(found[2]) >= current[found[1]], f"{path.name}: {line.strip()}"


def test_dependabot_updates_each_ecosystem_grouped_in_one_pull_request() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {entry["package-ecosystem"]: entry for entry in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    for ecosystem, entry in updates.items():
        assert entry["schedule"]["interval"] in {"weekly", "monthly"}, ecosystem
        [group] = entry["groups"].values()
        assert group["patterns"] == ["*"], ecosystem
    assert "/requirements" in updates["pip"]["directories"]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            found[name.lower().replace("_", "-")] = version
    return found


def test_the_serving_pins_are_the_full_pins_and_pyproject_agrees() -> None:
    """make serve installs requirements/serve.txt, make test requirements/lock.txt: an update
    (Dependabot's, or by hand) that moves one without the other is caught here."""
    serve, full = (
        pins(ROOT / "requirements" / "serve.txt"),
        pins(ROOT / "requirements" / "lock.txt"),
    )
    assert {name: full.get(name) for name in serve} == serve
    assert "pyodide-build" not in full
    assert {"mkdocs", "mkdocs-material", "pyodide-lock"} <= set(serve)
    assert not {"pytest", "playwright", "mypy", "ruff"} & set(serve)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for extra, listed in project["optional-dependencies"].items():
        for requirement in listed:
            name, version = re.sub(r"\[.*\]", "", requirement).split("==")
            where = serve if extra == "docs" else full
            assert where.get(name.lower()) == version, (extra, requirement)


def test_readme_shows_exactly_a_serve_and_a_test_command() -> None:
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert "serve" in commands[0]
    assert "test" in commands[1]


@pytest.mark.parametrize("where", ["ci-workflow", "ci-script"])
def test_ci_runs_the_code_checks_then_the_readme_test_command(where: str) -> None:
    """The workflow and .ci/run run the same two commands: ``make lint`` once (the tests do not
    repeat the code checks), then the README's test command."""
    test_command = readme_commands()[1]
    if where == "ci-workflow":
        steps = load("ci.yml")["jobs"]["test"]["steps"]
        runs = [s["run"].strip() for s in steps if "run" in s]
    else:
        script = (ROOT / ".ci" / "run").read_text().splitlines()
        runs = [
            line.removeprefix("exec ").strip()
            for line in script
            if line.startswith(("exec ", "make "))
        ]
    assert runs == ["make lint", test_command]
