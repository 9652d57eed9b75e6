"""What one run of the benchmark measured (``Report``), and the machine and versions it ran on
(the report's "Environment" table)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from benchmark.hosts import HostRuns
from benchmark.lighthouse import LighthouseRuns
from benchmark.startup import StartupRuns
from benchmark.team import TeamRuns
from benchmark.visits import VisitRuns
from harness import ROOT, chromium_executable


def package_version(path: Path) -> str:
    """``version`` from an npm package.json, or ``unknown``."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"


def git_revision() -> str:
    """Short commit of the working tree, marked ``+dirty`` when it has changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def environment(browser_version: str, site: Path | None = None) -> list[tuple[str, str]]:
    built = "built from the working tree" if site is None else f"a copy of `{site}` (`--site`)"
    return [
        ("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Commit", git_revision()),
        ("Site measured", built),
        ("Chromium", f"{browser_version} ({chromium_executable() or 'Playwright bundled'})"),
        ("Pyodide", package_version(ROOT / "node_modules" / "pyodide" / "package.json")),
        ("Lighthouse", package_version(ROOT / "node_modules" / "lighthouse" / "package.json")),
        ("Playwright (Python)", importlib.metadata.version("playwright")),
        ("Python", platform.python_version()),
        ("Machine", f"{platform.platform()}, {os.cpu_count()} CPUs"),
    ]


@dataclass
class Report:
    """Everything measured, ready to print."""

    runs: int
    warmup: int
    env: list[tuple[str, str]]
    startup: StartupRuns
    hosts: list[HostRuns]
    lighthouse: list[LighthouseRuns]
    visits: VisitRuns = field(default_factory=VisitRuns)
    elapsed_s: float = 0.0
    team: TeamRuns = field(default_factory=TeamRuns)
