"""MkDocs hook: ship the assessment's Python runtime with the site.

After each build it puts into ``site/pyodide/``:

* the Pyodide core files, copied from the pinned npm package (``node_modules/pyodide``), only
  the ones the runtime loads: no CDN is ever involved;
* the ``quiz`` package as a pure-Python wheel (``pip wheel``: for a pure-Python package it is
  the same wheel ``pyodide build`` would make), built reproducibly;
* ``pyodide-lock.json``: the runtime's lock file with that wheel added by pyodide-lock's
  ``pyodide lockfile add-wheels`` (name, imports and sha256 integrity hash), trimmed to the
  packages the site actually serves. The worker fetches the wheel with that hash as its
  subresource-integrity check;
* ``sizes.json``: the size in bytes of each of those files, so that the page can show how much
  of the scorer has downloaded (a server may compress them, so Content-Length cannot tell);
* ``hashes.json``: the SHA-256 (base64) of each Pyodide core file, so that the worker can tell
  a file that arrived damaged (or a captive portal's page in its place) from one that stalled.
  The wheel is checked against its lock file's hash, as Pyodide does.

The wheel and lock file are cached in ``.cache/pyodide/`` by a hash of their inputs, so live
reload stays fast when only Markdown changes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quiz.site import DEFAULT_BANK, SETTINGS, site

ROOT = Path(__file__).resolve().parents[1]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "pyodide"
SITE_SUBDIR = "pyodide"
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
PACKAGE = "ex-quiz"
SIZES = "sizes.json"
HASHES = "hashes.json"
WHEEL_INPUTS = ("pyproject.toml", "quiz")
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip file can hold


def _site_bank() -> Path:
    """The question bank site.json names (``extra.bank``), which the wheel carries as its
    ``quiz/bank.toml``: the browser scores with the bank the build rendered."""
    return ROOT / site().bank


def _wheel_settings() -> str:
    """site.json as the wheel carries it (``quiz/site.json``): its bank is the packaged one."""
    settings = json.loads((ROOT / SETTINGS).read_text(encoding="utf-8"))
    settings["extra"] = {**settings["extra"], "bank": DEFAULT_BANK}
    return json.dumps(settings, indent=1)


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    lock = NPM_PYODIDE / "pyodide-lock.json"
    inputs = [ROOT / "pyproject.toml", ROOT / "README.md", Path(__file__), lock, _site_bank()]
    for path in [*inputs, *sorted((ROOT / "quiz").rglob("*"))]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    digest.update(_wheel_settings().encode())
    return digest.hexdigest()[:16]


def _run(args: list[str], what: str, cwd: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH}
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise PluginError(f"{what} failed:\n{proc.stdout}\n{proc.stderr}")


#: Modules only the build and the command line use; the browser never imports them, so the
#: wheel it downloads leaves them (and the console-script entry point) out.
BUILD_ONLY = ("quiz/cli.py", "quiz/__main__.py", "quiz/form.py", "quiz/explain.py",
              "quiz/calibration.py")  # fmt: skip


def _strip_build_only(source: Path, target: Path) -> None:
    """Copy the wheel without the build-only modules, keeping RECORD consistent and the
    archive reproducible (same entry order and timestamps)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            name = info.filename
            if name in BUILD_ONLY or name.endswith(".dist-info/entry_points.txt"):
                continue
            data = old.read(name)
            if name.endswith(".dist-info/RECORD"):
                kept = [
                    line
                    for line in data.decode("utf-8").splitlines(keepends=True)
                    if line.split(",", 1)[0] not in BUILD_ONLY
                    and not line.split(",", 1)[0].endswith("entry_points.txt")
                ]
                data = "".join(kept).encode("utf-8")
            new.writestr(info, data)


def _build_wheel_and_lock(out: Path) -> None:
    """Build the quiz wheel into ``out`` and write ``out/pyodide-lock.json`` for it."""
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = Path(tmp)
        # Build from a clean copy of the sources: setuptools reuses a checkout's build/lib,
        # which would leak modules deleted since into the wheel.
        source = build_dir / "src"
        source.mkdir()
        for name in (*WHEEL_INPUTS, "README.md"):
            copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
            copy(ROOT / name, source / name)
        for cache in source.rglob("__pycache__"):
            shutil.rmtree(cache)
        shutil.copy2(_site_bank(), source / DEFAULT_BANK)
        (source / "quiz" / SETTINGS).write_text(_wheel_settings(), encoding="utf-8")
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "--quiet",
                "--wheel-dir",
                str(build_dir),
                str(source),
            ],
            "Building the quiz wheel",
            cwd=build_dir,
        )
        wheels = list(build_dir.glob("*.whl"))
        if len(wheels) != 1:
            raise PluginError(f"Expected one quiz wheel, found {wheels}")
        wheel = out / wheels[0].name
        _strip_build_only(wheels[0], wheel)
    full_lock = out / "pyodide-lock.full.json"
    _run(
        [
            str(Path(sys.executable).parent / "pyodide"),
            "lockfile",
            "add-wheels",
            "--input",
            str(NPM_PYODIDE / "pyodide-lock.json"),
            "--output",
            str(full_lock),
            "--base-path",
            str(out),
            str(wheel),
        ],
        "pyodide lockfile add-wheels",
        cwd=out,
    )
    lock = json.loads(full_lock.read_text(encoding="utf-8"))
    entry = lock["packages"].get(PACKAGE)
    if entry is None:
        raise PluginError(f"pyodide lockfile add-wheels did not add {PACKAGE}")
    if entry["depends"]:
        raise PluginError(
            f"{PACKAGE} must be standard library only; it depends on {entry['depends']}"
        )
    lock["packages"] = {PACKAGE: entry}
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    full_lock.unlink()


def on_post_build(*, config: MkDocsConfig) -> None:
    """Copy the Pyodide runtime and the quiz wheel (with its lock file) into the built site."""
    if not all((NPM_PYODIDE / name).is_file() for name in RUNTIME_FILES):
        raise PluginError(
            f"The Pyodide runtime is missing from {NPM_PYODIDE}: run `make setup` (npm ci) first."
        )
    cached = CACHE / _inputs_digest()
    if not (cached / "pyodide-lock.json").is_file():
        shutil.rmtree(CACHE, ignore_errors=True)
        cached.mkdir(parents=True)
        try:
            _build_wheel_and_lock(cached)
        except BaseException:
            shutil.rmtree(cached, ignore_errors=True)
            raise
    target = Path(config.site_dir) / SITE_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(NPM_PYODIDE / name, target / name)
    for built in cached.iterdir():
        shutil.copy2(built, target / built.name)
    hashes = {
        name: base64.b64encode(hashlib.sha256((target / name).read_bytes()).digest()).decode()
        for name in RUNTIME_FILES
    }
    (target / HASHES).write_text(json.dumps(hashes, indent=1), encoding="utf-8")
    sizes = {
        path.name: path.stat().st_size
        for path in sorted(target.iterdir())
        if path.name in RUNTIME_FILES or path.suffix in {".whl", ".json"}
        if path.name != SIZES
    }
    (target / SIZES).write_text(json.dumps(sizes, indent=1), encoding="utf-8")
