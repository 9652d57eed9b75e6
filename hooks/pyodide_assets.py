"""MkDocs hook: ship the assessment's Python runtime with the site.

After each build it puts into ``site/pyodide/``:

* the Pyodide runtime, made from the pinned npm package (``node_modules/pyodide``) and only
  what the scorer loads: no CDN is ever involved.

  - ``pyodide.mjs`` and ``pyodide.asm.mjs`` as they are (text: every host compresses them);
  - ``pyodide.asm.wasm.gz``: the WebAssembly binary, gzip-compressed here, because whether a
    host compresses ``application/wasm`` varies (9.6 MB sent as it is, 3.5 MB compressed).
    The worker decompresses it with ``DecompressionStream`` as it arrives and streams it into
    the compile; a host that compresses it again, or decodes it on the way, breaks nothing;
  - ``python_stdlib.zip``: the standard library cut to the files the scorer imports (about
    160 of its 614). ``hooks/stdlib-trace.mjs`` starts Pyodide in Node the way the worker
    does and answers every request of ``hooks/scorer_flow.py``; the zip keeps what Python
    imported. A browser test sends the same requests to the real worker against the cut zip;

* the ``quiz`` package as a pure-Python wheel (``pip wheel``: for a pure-Python package it is
  the same wheel ``pyodide build`` would make), built reproducibly, with the text of the bank's
  own language only;
* a language pack for each other language the site is built in (``ex_quiz-lang-fr.zip``): its
  catalog and the bank's layers (``quiz/catalog/fr/``, ``quiz/bank.fr.toml``...), which the
  worker unpacks beside the wheel on that language's pages only, so no reader downloads the
  text of a language they do not read;
* ``pyodide-lock.json``: the runtime's lock file with that wheel added by pyodide-lock's
  ``pyodide lockfile add-wheels`` (name, imports and sha256 integrity hash), trimmed to the
  packages the site actually serves. The worker fetches the wheel with that hash as its
  subresource-integrity check;
* ``sizes.json``: the size in bytes of each of those files as it travels, so that the page can
  show how much of the scorer has downloaded (a server may compress them again, so
  Content-Length cannot tell);
* ``hashes.json``: for each runtime file, the SHA-256 (base64) and size of what the worker
  uses (for the binary: once decompressed, what is compiled), so that the worker can tell a
  file that arrived damaged (or a captive portal's page in its place) from one that stalled.
  The wheel is checked against its lock file's hash, as Pyodide does.

The wheel, lock file, cut library and compressed binary are cached in ``.cache/pyodide/`` by a
hash of their inputs, so live reload stays fast when only Markdown changes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quiz import load_bank
from quiz.build import (
    DEFAULT_BANK,
    LANGUAGE_PACK,
    SETTINGS,
    browser_side_of,
    build_context,
    build_language,
    write_language_packs,
)
from quiz.errors import BankError

ROOT = Path(__file__).resolve().parents[1]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "pyodide"
SITE_SUBDIR = "pyodide"
HOOKS = Path(__file__).resolve().parent
#: Copied from the npm package as they are.
COPIED = ("pyodide.mjs", "pyodide.asm.mjs")
BINARY = "pyodide.asm.wasm"
BINARY_GZ = BINARY + ".gz"
STDLIB = "python_stdlib.zip"
#: The runtime files the site serves, each checked by the worker against hashes.json.
RUNTIME_FILES = (*COPIED, BINARY_GZ, STDLIB)
TRACE = "stdlib-trace.json"
#: Pyodide's initial memory. The start-up snapshot is the whole memory, so it stays this size
#: (plus a small header) while the scorer fits in it; Pyodide issue 6254: a larger snapshot
#: fails to restore. The build stops before shipping a scorer whose snapshot would not restore.
HEAP_LIMIT = 30 * 1024 * 1024
PACKAGE = "ex-quiz"
SIZES = "sizes.json"
HASHES = "hashes.json"
WHEEL_INPUTS = ("pyproject.toml", "quiz")
#: The language the bank and the reference catalog are written in.
FIRST = "en"
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip file can hold


def _wheel_settings() -> str:
    """site.json as the wheel carries it (``quiz/site.json``): its bank is the packaged one."""
    settings = json.loads((ROOT / SETTINGS).read_text(encoding="utf-8"))
    settings["extra"] = {**settings["extra"], "bank": DEFAULT_BANK}
    return json.dumps(settings, indent=1)


def _layers(bank_file: Path, languages: tuple[str, ...]) -> list[Path]:
    """The bank's text in the site's other languages: ``bank.fr.toml`` beside ``bank.toml``."""
    return [bank_file.with_suffix(f".{lang}{bank_file.suffix}") for lang in languages[1:]]


def _inputs_digest(bank_file: Path, languages: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    lock = NPM_PYODIDE / "pyodide-lock.json"
    inputs = [
        ROOT / "pyproject.toml",
        ROOT / "README.md",
        Path(__file__),
        HOOKS / "scorer_flow.py",
        HOOKS / "stdlib-trace.mjs",
        lock,
        bank_file,
        *_layers(bank_file, languages),
    ]
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


def _without_entry_points(source: Path, target: Path) -> None:
    """Copy the wheel without its console-script entry point (the command line is not in it),
    keeping RECORD consistent and the archive reproducible (same order and timestamps)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            name = info.filename
            if name.endswith(".dist-info/entry_points.txt"):
                continue
            data = old.read(name)
            if name.endswith(".dist-info/RECORD"):
                kept = [
                    line
                    for line in data.decode("utf-8").splitlines(keepends=True)
                    if not line.split(",", 1)[0].endswith("entry_points.txt")
                ]
                data = "".join(kept).encode("utf-8")
            new.writestr(info, data)


def _build_wheel_and_lock(out: Path, bank_file: Path) -> None:
    """Build the quiz wheel into ``out`` and write ``out/pyodide-lock.json`` for it. The wheel
    carries the bank site.json names (``bank_file``) as its ``quiz/bank.toml``: the browser
    scores with the bank the build rendered."""
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = Path(tmp)
        # Build from a clean copy of the sources: setuptools reuses a checkout's build/lib,
        # which would leak modules deleted since into the wheel.
        source = build_dir / "src"
        source.mkdir()
        for name in (*WHEEL_INPUTS, "README.md"):
            if (ROOT / name).is_dir():
                shutil.copytree(
                    ROOT / name, source / name, ignore=browser_side_of(ROOT / name, (FIRST,))
                )
            else:
                shutil.copy2(ROOT / name, source / name)
        shutil.copy2(bank_file, source / DEFAULT_BANK)
        (source / "quiz" / SETTINGS).write_text(_wheel_settings(), encoding="utf-8")
        pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
        wheel_dir = ["--quiet", "--wheel-dir", str(build_dir), str(source)]
        _run([*pip_wheel, *wheel_dir], "Building the quiz wheel", cwd=build_dir)
        wheels = list(build_dir.glob("*.whl"))
        if len(wheels) != 1:
            raise PluginError(f"Expected one quiz wheel, found {wheels}")
        wheel = out / wheels[0].name
        _without_entry_points(wheels[0], wheel)
    full_lock = out / "pyodide-lock.full.json"
    add_wheels = [str(Path(sys.executable).parent / "pyodide"), "lockfile", "add-wheels"]
    files = ["--input", str(NPM_PYODIDE / "pyodide-lock.json"), "--output", str(full_lock)]
    base = ["--base-path", str(out), str(wheel)]
    _run([*add_wheels, *files, *base], "pyodide lockfile add-wheels", cwd=out)
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


def _compress_binary(out: Path) -> None:
    """``pyodide.asm.wasm.gz``: the binary at gzip's best compression, with no name or time in
    its header, so that the same binary always gives the same file."""
    with (
        (out / BINARY_GZ).open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz,
    ):
        gz.write((NPM_PYODIDE / BINARY).read_bytes())


def _trace_stdlib(wheel: Path, packs: list[Path]) -> dict[str, Any]:
    """Run hooks/stdlib-trace.mjs: the standard library files the scorer imports, in every
    language (the packs unpacked beside the wheel)."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to build the scorer's standard library (npm ci).")
    args = [node, str(HOOKS / "stdlib-trace.mjs"), str(NPM_PYODIDE), str(wheel)]
    proc = subprocess.run(
        [*args, str(HOOKS / "scorer_flow.py"), *map(str, packs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PluginError(f"Tracing the scorer's imports failed:\n{proc.stderr[-4000:]}")
    return checked_trace(json.loads(proc.stdout.strip().splitlines()[-1]))


def checked_trace(trace: dict[str, Any]) -> dict[str, Any]:
    """The trace, once it shows a scorer that answered every request and whose start-up
    snapshot will restore; otherwise the build stops, saying why."""
    if trace["heap_bytes"] > HEAP_LIMIT:
        raise PluginError(
            f"The scorer's memory grew to {trace['heap_bytes']:,} bytes when it started, past"
            f" Pyodide's initial {HEAP_LIMIT:,}: its start-up snapshot would no longer restore"
            " (Pyodide issue 6254). See maintainers/how-it-works.md, 'Repeat visits'."
        )
    if trace["unexpected"]:
        raise PluginError(
            "The scorer failed while its imports were traced:\n" + "\n".join(trace["unexpected"])
        )
    return trace


def _cut_stdlib(out: Path, wheel: Path, packs: list[Path]) -> None:
    """``python_stdlib.zip`` with only the files the scorer imports (and their folders), in
    the npm package's order and with its dates, so the same inputs give the same file."""
    trace = _trace_stdlib(wheel, packs)
    keep = set(trace["files"])
    folders = {name.rsplit("/", 1)[0] + "/" for name in keep if "/" in name}
    with (
        zipfile.ZipFile(NPM_PYODIDE / STDLIB) as full,
        zipfile.ZipFile(out / STDLIB, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as cut,
    ):
        missing = keep - set(full.namelist())
        if missing:
            raise PluginError(f"Traced files missing from {STDLIB}: {sorted(missing)}")
        for info in full.infolist():
            if info.filename in keep or info.filename in folders:
                kept = zipfile.ZipInfo(info.filename, info.date_time)
                kept.external_attr = info.external_attr
                kept.compress_type = zipfile.ZIP_STORED if info.is_dir() else zipfile.ZIP_DEFLATED
                cut.writestr(kept, full.read(info.filename))
    record = {key: trace[key] for key in ("files", "snapshot_bytes", "heap_bytes")}
    (out / TRACE).write_text(json.dumps(record, indent=1), encoding="utf-8")


def _build_runtime(out: Path, bank_file: Path, languages: tuple[str, ...]) -> None:
    """Everything the cache holds: wheel, language packs, lock file, cut standard library,
    compressed binary."""
    _build_wheel_and_lock(out, bank_file)
    packs = write_language_packs(out, ROOT / "quiz", bank_file, languages)
    _cut_stdlib(out, next(out.glob("*.whl")), packs)
    _compress_binary(out)


def _b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _checks(target: Path) -> dict[str, dict[str, object]]:
    """hashes.json: what the worker checks of each runtime file once decoded."""
    checks: dict[str, dict[str, object]] = {}
    packs = sorted(path.name for path in target.glob(LANGUAGE_PACK.format("*")))
    for name in (*RUNTIME_FILES, *packs):
        data = (target / name).read_bytes()
        if name == BINARY_GZ:
            data = gzip.decompress(data)
        checks[name] = {"sha256": _b64_sha256(data), "size": len(data)}
    return checks


def _cached_runtime(bank_file: Path, languages: tuple[str, ...]) -> Path:
    """The cache's folder for these inputs, built first if need be. It is built under another
    name and renamed when complete, so that builds running side by side (the tests' workers)
    never see, or delete, a half-built one."""
    cached = CACHE / _inputs_digest(bank_file, languages)
    if cached.is_dir():
        return cached
    CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=CACHE))
    try:
        _build_runtime(building, bank_file, languages)
        building.rename(cached)
    except OSError:
        if not cached.is_dir():  # not another build finishing first: a real failure
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for old in CACHE.iterdir():  # earlier inputs' folders
        if old != cached and not old.name.startswith(".building-"):
            shutil.rmtree(old, ignore_errors=True)
    return cached


def served_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages the site is built in, the bank's own first: the theme's, and every
    language an i18n plugin builds."""
    plugin = config.plugins.get("i18n")
    built = (
        [str(lang["locale"]) for lang in plugin.config["languages"] if lang["build"]]
        if plugin
        else []
    )
    others = {build_language(config), *built} - {FIRST}
    return (FIRST, *sorted(others))


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Before any page is built, and long before the wheel: the bank has its text in every
    language the site is built in, in a layer beside it (``bank.fr.toml``), and each loads."""
    bank_file = build_context(config).bank_file
    languages = served_languages(config)
    for layer, language in zip(_layers(bank_file, languages), languages[1:], strict=True):
        if not layer.is_file():
            raise PluginError(
                f"{layer}: missing. The site is built in '{language}' too (the i18n plugin's"
                f" languages in mkdocs.yml), so the bank {bank_file.name} needs its text in"
                f" '{language}' in that file beside it. Add it: start from a copy of"
                f" quiz/bank.{language}.toml and translate what your bank adds or changes (the"
                " build then names any entry still missing); see maintainers/translations.md."
            )
        try:
            load_bank(bank_file, lang=language)
        except BankError as error:
            raise PluginError(str(error)) from None


def on_post_build(*, config: MkDocsConfig) -> None:
    """Put the Pyodide runtime and the quiz wheel (with its lock file) into the built site."""
    if not all((NPM_PYODIDE / name).is_file() for name in (*COPIED, BINARY, STDLIB)):
        raise PluginError(
            f"The Pyodide runtime is missing from {NPM_PYODIDE}: run `make setup` (npm ci) first."
        )
    cached = _cached_runtime(build_context(config).bank_file, served_languages(config))
    target = Path(config.site_dir) / SITE_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy2(NPM_PYODIDE / name, target / name)
    for built in cached.iterdir():
        if built.name != TRACE:
            shutil.copy2(built, target / built.name)
    (target / HASHES).write_text(json.dumps(_checks(target), indent=1), encoding="utf-8")
    sizes = {
        path.name: path.stat().st_size
        for path in sorted(target.iterdir())
        if path.name in RUNTIME_FILES
        or path.suffix in {".whl", ".json"}
        or path.match(LANGUAGE_PACK.format("*"))
        if path.name != SIZES
    }
    (target / SIZES).write_text(json.dumps(sizes, indent=1), encoding="utf-8")
