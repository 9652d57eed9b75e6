"""The scorer's runtime as the site ships it: a standard library cut to what the scorer imports,
and a WebAssembly binary that travels gzip-compressed (hooks/pyodide_assets.py).

The cut library is checked where it runs: every request of hooks/scorer_flow.py (the same list
the build traced the imports with) goes to the real worker in Chromium, on a fresh start and
again restored from the start-up snapshot, and must get the answer the same engine gives under
CPython. A module missing from the cut library is named. The compressed binary must be the
built one before anything is compiled from it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import Any

import pytest

from harness import (
    BINARY,
    GZIP_TYPES_AND_WASM,
    SNAPSHOT_CACHE,
    STDLIB,
    SiteServer,
    load_hook,
    serve_site,
    watch,
)
from quiz.web import page_messages
from tests.ui_text import ui
from tests.waits import wait_until

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 90_000
FLOW = load_hook("scorer_flow")

#: Start a worker of the site's own, send it every request, and collect its events and replies.
#: The worker is left running: it may still be saving its start-up snapshot.
ASK_WORKER = """async ({url, requests}) => {
  const worker = new Worker(url, {type: "module"});
  const events = [];
  const replies = await new Promise((resolve, reject) => {
    const replies = [];
    worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
    worker.onmessage = ({data}) => {
      if (data.type === "failed") resolve({failed: data});
      if (data.type) {
        if (data.type !== "progress") events.push(data);
        return;
      }
      replies[data.id] = data;
      if (replies.filter(Boolean).length === requests.length) resolve(replies);
    };
    requests.forEach((request, id) => worker.postMessage({...request, id}));
  });
  return {events, replies};
}"""


def ask_worker(page: Any, site: SiteServer, requests: Sequence[dict[str, Any]]) -> Any:
    return page.evaluate(
        ASK_WORKER,
        {"url": site.url("javascripts/scorer/quiz-worker.mjs"), "requests": list(requests)},
    )


def missing_modules(answered: Any) -> list[str]:
    """The modules Python could not import, from the worker's replies or its failure."""
    failed = answered["replies"].get("failed") if isinstance(answered["replies"], dict) else None
    texts = [json.dumps(failed)] if failed else [json.dumps(r) for r in answered["replies"]]
    found = (re.findall(r"No module named '([^']+)'", text) for text in texts)
    return sorted({name for names in found for name in names})


def without_ids(replies: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: value for key, value in reply.items() if key != "id"} for reply in replies]


def wait_for_snapshot(page: Any) -> None:
    wait_until(
        page,
        "async (name) => (await (await caches.open(name)).keys()).length > 0",
        SNAPSHOT_CACHE,
        "the first start has saved its snapshot",
    )


def test_every_worker_request_gets_the_cpython_answer_from_the_cut_library_fresh_and_restored(
    site: SiteServer, fresh_context: Any
) -> None:
    """The fresh start imports the scorer the long way; the second worker restores Python from
    the snapshot the first one saved, then imports whatever the requests need on its own."""
    requests = FLOW.worker_requests()
    expected = FLOW.run_all()
    watched = watch(fresh_context)
    page = watched.page
    warnings: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: warnings.append(m.text)))
    page.goto(site.url("pyodide/sizes.json"))
    for restored in (False, True):
        answered = ask_worker(page, site, requests)
        assert missing_modules(answered) == [], "the cut standard library lacks these modules"
        assert [e for e in answered["events"] if e["type"] == "ready"] == [
            {"type": "ready", "restored": restored}
        ], warnings
        assert without_ids(answered["replies"]) == expected
        if not restored:
            wait_for_snapshot(page)
    assert watched.foreign_requests == []


def _without(zip_bytes: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as full, zipfile.ZipFile(out, "w") as cut:
        for info in full.infolist():
            if info.filename != name:
                cut.writestr(info, full.read(info.filename))
    return out.getvalue()


def _checks_for(site: SiteServer, name: str, body: bytes) -> bytes:
    checks = json.loads((site.root / "pyodide" / "hashes.json").read_text("utf-8"))
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    checks[name] = {"sha256": digest, "size": len(body)}
    return json.dumps(checks).encode()


def test_a_module_missing_from_the_library_is_named(site: SiteServer, fresh_context: Any) -> None:
    """The check above can fail: the same requests against a library without ``csv`` (the
    exports write CSV files) name it."""
    library = _without((site.root / "pyodide" / STDLIB).read_bytes(), "csv.py")
    sizes = json.loads((site.root / "pyodide" / "sizes.json").read_text("utf-8"))
    sizes[STDLIB] = len(library)
    page = fresh_context.new_page()
    page.route(f"**/pyodide/{STDLIB}", lambda route: route.fulfill(body=library))
    page.route(
        "**/pyodide/hashes.json",
        lambda route: route.fulfill(body=_checks_for(site, STDLIB, library)),
    )
    page.route("**/pyodide/sizes.json", lambda route: route.fulfill(body=json.dumps(sizes)))
    page.goto(site.url("pyodide/pyodide-lock.json"))
    assert missing_modules(ask_worker(page, site, FLOW.worker_requests())) == ["csv"]


def _same_size_gzip(data: bytes, size: int) -> bytes:
    """``data`` gzip-compressed into exactly ``size`` bytes: the header's extra field pads it."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    padding = size - (10 + 2 + len(body) + len(trailer))
    assert 0 <= padding < 65536, "the altered binary must compress smaller than the built one"
    header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\xff" + struct.pack("<H", padding)
    return header + b"\0" * padding + body + trailer


def test_a_binary_altered_in_the_same_size_is_refused_before_it_is_compiled(
    site: SiteServer, fresh_context: Any
) -> None:
    """A compressed binary with the built file's size on the way and once decompressed, and
    the right first bytes, but other bytes in the middle: only its hash tells. The reader
    hears it arrived damaged; Python never starts from it."""
    shipped = (site.root / "pyodide" / BINARY).read_bytes()
    binary = bytearray(gzip.decompress(shipped))
    middle = len(binary) // 2
    binary[middle : middle + 4096] = bytes(4096)  # zeros compress smaller: room to pad
    altered = _same_size_gzip(bytes(binary), len(shipped))
    watched = watch(fresh_context)
    page = watched.page
    warnings: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: warnings.append(m.text)))
    with site.replacing(BINARY, altered, "application/gzip"):
        page.goto(site.url("assessment/"))
        message = page.locator("#ex-status [role=status]")
        message.get_by_role("button", name=ui("page.try_again")).wait_for(timeout=READY_TIMEOUT_MS)
    said = page_messages()["failed_damaged"].format(file=BINARY)
    assert message.locator(".ex-status__error").inner_text() == f"{said} Your answers are safe."
    assert f"Scorer: {BINARY}: its SHA-256 is not the built file's" in warnings
    assert page.locator("#ex-status").get_attribute("data-scorer") != "ready"


def test_a_host_that_also_compresses_webassembly_serves_a_working_scorer(
    site: SiteServer, fresh_context: Any
) -> None:
    """Such a host leaves the compressed binary as it is (it is not ``application/wasm``); the
    scorer starts and answers, and nothing leaves the origin."""
    with serve_site(site.root, compress=GZIP_TYPES_AND_WASM) as host:
        watched = watch(fresh_context)
        page = watched.page
        page.goto(host.url("pyodide/sizes.json"))
        requests = FLOW.worker_requests()[:2]
        answered = ask_worker(page, host, requests)
        assert without_ids(answered["replies"]) == FLOW.run_all()[:2]
        assert watched.foreign_requests == []


@pytest.mark.parametrize("host", ["compresses it again", "decodes it on the way"])
def test_a_host_that_encodes_the_compressed_binary_on_the_way_breaks_nothing(
    site: SiteServer, fresh_context: Any, host: str
) -> None:
    """Some hosts gzip every response, ``.gz`` files too; an object store told that the file
    is gzip-encoded labels it ``Content-Encoding: gzip``, so the browser hands the worker the
    binary already decompressed. The worker decompresses only what still starts like gzip,
    so the scorer starts either way, and checks the binary all the same."""
    shipped = (site.root / "pyodide" / BINARY).read_bytes()
    body = gzip.compress(shipped, mtime=0) if host == "compresses it again" else shipped
    watched = watch(fresh_context)
    page = watched.page
    with site.replacing(BINARY, body, "application/gzip", encoding="gzip"):
        page.goto(site.url("pyodide/sizes.json"))
        answered = ask_worker(page, site, FLOW.worker_requests()[:1])
    assert [e["type"] for e in answered["events"]][-1:] == ["ready"], answered
    assert without_ids(answered["replies"]) == FLOW.run_all()[:1]
