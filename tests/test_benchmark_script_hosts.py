"""Smoke tests of the benchmark's two hosts (the ``benchmark`` package: no build, no browser): they
differ only in compressing WebAssembly, answer revalidation with a 304, and log each response's
body as it travelled.
"""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from harness import GZIP_TYPES, GZIP_TYPES_AND_WASM, SUB_PATH, serve_site


def _get(url: str, **headers: str) -> tuple[str | None, bytes]:
    """(Content-Encoding, body) of a GET that accepts gzip; ("304", b"") for Not Modified."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Content-Encoding"), response.read()
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return "304", b""
        raise


def _log_of(served: Any, count: int) -> list[tuple[str, int]]:
    """The server's log once it holds ``count`` responses (a response is logged just after
    its last byte is written, so the client may read it a moment before)."""
    deadline = time.monotonic() + 5
    while len(served.sent) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return list(served.sent)


def _last_modified(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(response.headers["Last-Modified"])


@pytest.mark.parametrize(
    ("compress", "wasm_compressed"), [(GZIP_TYPES, False), (GZIP_TYPES_AND_WASM, True)]
)
def test_the_two_hosts_differ_only_in_compressing_webassembly(
    tmp_path: Path, compress: frozenset[str], wasm_compressed: bool
) -> None:
    site = tmp_path / "site"
    (site / "pyodide").mkdir(parents=True)
    files = {
        "index.html": b"<html>" + b"x" * 2000,
        "pyodide/pyodide.asm.wasm": b"\0asm" + b"\1" * 5000,
        "pyodide/pyodide.asm.wasm.gz": gzip.compress(b"\0asm" + b"\1" * 5000),
        "pyodide/python_stdlib.zip": b"PK" + b"\2" * 3000,
    }
    for name, body in files.items():
        (site / name).write_bytes(body)
    with serve_site(site, compress=compress) as served:
        sent = {name: _get(served.url(name)) for name in files}
        # A browser revalidating what it has (the offline copy does) gets a 304 for every
        # file, compressed or not, as from a real host.
        revalidated = {
            name: _get(served.url(name), **{"If-Modified-Since": _last_modified(served.url(name))})
            for name in files
        }
        changed = _get(
            served.url("index.html"), **{"If-Modified-Since": "Thu, 01 Jan 1981 00:00:00 GMT"}
        )
        log = _log_of(served, 3 * len(files) + 1)
    assert set(revalidated.values()) == {("304", b"")}
    assert changed[0] == "gzip"
    # The server's log holds each response's body as it travelled: compressed or not, and
    # nothing for a 304 (the benchmark's bytes per page).
    # Each file twice in full (the first GET, the one that read Last-Modified), once as a 304,
    # and index.html once more: changed since 1981. (Threads may log them in any order.)
    full = [(SUB_PATH + name, len(body)) for name, (_, body) in sent.items()]
    not_modified = [(SUB_PATH + name, 0) for name in files]
    expected = [*full, *full, *not_modified, full[0]]
    assert Counter(log) == Counter(expected)
    assert sent["index.html"][0] == "gzip"
    assert sent["pyodide/pyodide.asm.wasm"][0] == ("gzip" if wasm_compressed else None)
    # Already compressed: sent as it is by either host, never compressed twice.
    for name in ("pyodide/pyodide.asm.wasm.gz", "pyodide/python_stdlib.zip"):
        assert sent[name] == (None, files[name])
    for name, (encoding, body) in sent.items():
        assert (gzip.decompress(body) if encoding else body) == files[name]
