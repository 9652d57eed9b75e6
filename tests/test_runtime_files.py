"""The scorer's runtime files as the build writes them (hooks/pyodide_assets.py): the binary
compressed, the standard library cut, and the build's guards on what the trace found. The
browser side is in tests/test_runtime_files_browser.py."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from harness import BINARY, STDLIB, load_hook

ASSETS = load_hook("pyodide_assets")


def trace(**changes: Any) -> dict[str, Any]:
    good = {"files": ["os.py"], "heap_bytes": ASSETS.HEAP_LIMIT, "unexpected": []}
    return {**good, **changes}


def test_a_scorer_that_fits_the_initial_heap_passes() -> None:
    assert ASSETS.checked_trace(trace())["heap_bytes"] == 30 * 1024 * 1024


def test_a_scorer_whose_memory_outgrows_the_initial_heap_stops_the_build() -> None:
    """Its start-up snapshot would be larger than Pyodide restores (Pyodide issue 6254)."""
    with pytest.raises(PluginError, match=r"31,457,281 bytes.*issue 6254"):
        ASSETS.checked_trace(trace(heap_bytes=ASSETS.HEAP_LIMIT + 1))


def test_an_unexpected_error_while_tracing_stops_the_build_with_its_traceback() -> None:
    with pytest.raises(PluginError, match="ModuleNotFoundError: No module named 'csv'"):
        ASSETS.checked_trace(trace(unexpected=["ModuleNotFoundError: No module named 'csv'"]))


def test_the_binary_ships_compressed_and_decompresses_to_the_pinned_one(site_dir: Path) -> None:
    folder = site_dir / "pyodide"
    assert not (folder / "pyodide.asm.wasm").exists()
    shipped = (folder / BINARY).read_bytes()
    binary = gzip.decompress(shipped)
    assert binary == (ASSETS.NPM_PYODIDE / "pyodide.asm.wasm").read_bytes()
    assert len(shipped) < len(binary) / 2
    checks = json.loads((folder / "hashes.json").read_text("utf-8"))
    digest = base64.b64encode(hashlib.sha256(binary).digest()).decode()
    assert checks[BINARY] == {"sha256": digest, "size": len(binary)}
    assert json.loads((folder / "sizes.json").read_text("utf-8"))[BINARY] == len(shipped)


def test_the_standard_library_is_cut_to_what_the_scorer_imports(site_dir: Path) -> None:
    shipped = zipfile.ZipFile(site_dir / "pyodide" / STDLIB).namelist()
    full = zipfile.ZipFile(ASSETS.NPM_PYODIDE / STDLIB).namelist()
    assert {"tomllib/_parser.py", "csv.py", "json/decoder.py"} <= set(shipped)
    assert "unittest/__init__.py" not in shipped
    assert set(shipped) < set(full)
    assert len(shipped) < len(full) / 2
