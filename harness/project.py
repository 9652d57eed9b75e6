"""The project itself: build the site (``mkdocs build --strict``), list its pages, copy the
project under another identity as an organisation hosting its own copy does, and load one of
its MkDocs hooks."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from harness.identity import ROOT


def run_mkdocs_build(
    out_dir: Path, project: Path = ROOT, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` of ``project`` (this one, or a copy made by
    :func:`make_copy`) into ``out_dir`` with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir)],
        cwd=project,
        # Material's end-of-life notice is silenced as in the Makefile; maintainers/platform.md
        # holds the plan it asks for.
        env={**os.environ, **copy_environment(project), "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


#: What a copy shares with this checkout instead of installing its own (see :func:`make_copy`).
SHARED_INSTALLS = (".venv", "node_modules")
#: The files whose dates tell ``make`` to install again; a copy dates them 1980, so its
#: ``make`` finds the shared installs up to date.
INSTALL_INPUTS = ("pyproject.toml", "package.json", "package-lock.json", "requirements")


def project_files(root: Path = ROOT) -> list[str]:
    """The project's own files: what git tracks, and new files it does not ignore (a clean
    clone has exactly these)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def make_copy(
    dest: Path, identity: dict[str, Any] | None = None, *, extra: dict[str, Any] | None = None
) -> Path:
    """Copy the project into ``dest`` as an organisation hosting its own copy does, changing
    only ``site.json``: its top-level fields from ``identity`` (``site_name``, ``site_url``,
    ``repo_url``) and its ``extra`` fields from ``extra`` (``code_namespace``, ``bank``).

    The copy shares this checkout's installed packages (``.venv`` and ``node_modules`` are
    links), and its install inputs are dated 1980 so that its ``make`` does not install
    again; :func:`copy_environment` makes Python import the copy's own ``quiz``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in project_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for name in SHARED_INSTALLS:
        if (ROOT / name).exists() and not (dest / name).exists():
            (dest / name).symlink_to(ROOT / name, target_is_directory=True)
    for name in INSTALL_INPUTS:
        for path in [dest / name, *(dest / name).rglob("*")]:
            if path.is_file():
                os.utime(path, (315532800, 315532800))
    settings_file = dest / "site.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    settings.update(identity or {})
    settings["extra"] = {**settings["extra"], **(extra or {})}
    settings_file.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    # A fork is a repository too: the copy's own tests list its files with git.
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    exclude = dest / ".git" / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    exclude.write_text("".join(f"/{name}\n" for name in SHARED_INSTALLS), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    return dest


def copy_environment(project: Path) -> dict[str, str]:
    """Environment variables that make Python import ``project``'s own ``quiz`` (this
    checkout's is installed in editable mode, which would otherwise win in a copy)."""
    if project.resolve() == ROOT:
        return {}
    return {"PYTHONPATH": str(project)}


class BuildError(RuntimeError):
    """``mkdocs build --strict`` failed."""


def build_site(out_dir: Path) -> Path:
    """Build the site into ``out_dir``; raise BuildError on any warning."""
    proc = run_mkdocs_build(out_dir)
    if proc.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return out_dir


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every page of the built site (directory URLs), plus the 404 page."""
    pages = sorted(
        str(p.parent.relative_to(site_dir)).replace(os.sep, "/") + "/"
        for p in site_dir.rglob("index.html")
    )
    return [("" if p == "./" else p) for p in pages] + ["404.html"]


def load_hook(name: str) -> ModuleType:
    """``hooks/<name>.py``, loaded from its file as MkDocs loads hooks (hooks/ is not a
    package), once per test process."""
    key = f"ex_hook_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, ROOT / "hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
