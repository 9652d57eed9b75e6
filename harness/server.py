"""A test server that serves the built site the way GitHub Pages serves a project site: under
the site's path only, with 404.html for unknown paths, text gzip-compressed when the browser
accepts it, 304s for unchanged files and ten minutes of caching; it counts the bytes each
response sends, and can send a file slowly or answer for it with other bytes."""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import functools
import gzip
import http.server
import io
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from harness.identity import SUB_PATH

#: What the server compresses by default: text only, as a host that leaves WebAssembly alone.
GZIP_TYPES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"})
#: A host that also compresses ``application/wasm`` (``serve_site(..., compress=...)``).
GZIP_TYPES_AND_WASM = GZIP_TYPES | {".wasm"}
#: Already compressed: never compressed again, whatever ``compress`` says.
NEVER_GZIP = frozenset({".gz", ".zip", ".whl"})


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file compressed once per version (its time and size are part of the key): the
    tests load the same pages hundreds of times."""
    del mtime_ns, size  # only part of the cache key
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _CountingWriter(io.BufferedIOBase):
    """A response stream that counts the bytes written to it."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self.stream = stream
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any, /) -> int:
        self.count += len(data)
        written: int = self.stream.write(data)
        return written

    def flush(self) -> None:
        if not self.stream.closed:
            self.stream.flush()

    def close(self) -> None:
        super().close()  # flushes first
        self.stream.close()


#: What a server sent: one (URL path, response body bytes) per answered request, in order.
SentLog = list[tuple[str, int]]


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve ``site_dir`` under ``SUB_PATH`` only, like a GitHub Pages project site: 404.html for
    unknown paths, and text assets gzip-compressed when the browser accepts it. Files named in
    ``throttle`` are sent slowly, at that many bytes per second (a slow connection that keeps
    moving). Files named in ``replaced`` are answered with other bytes, as a filtering proxy or
    a captive portal answers: with a 200, the same caching headers, and the body and type
    given (a damaged or truncated file, or an HTML page). ``compress`` names the suffixes sent
    gzip-compressed (text only by default; ``GZIP_TYPES_AND_WASM`` for a host that also
    compresses WebAssembly); ``NEVER_GZIP`` files always go as they are. Each response's
    body bytes, as sent (compressed or not; none for a 304), are added to ``sent``."""

    def __init__(
        self,
        *args: Any,
        throttle: dict[str, int],
        replaced: dict[str, tuple[bytes, str, str | None]],
        sites: dict[str, str] | None = None,
        compress: frozenset[str] = GZIP_TYPES,
        sent: SentLog | None = None,
        **kwargs: Any,
    ) -> None:
        self.throttle = throttle
        self.replaced = replaced
        self.compress = compress - NEVER_GZIP
        self.sent = sent
        self.body_start: int | None = None
        #: Other sites on the same origin (path -> built site), as copies of the playbook
        #: under one organisation's address are; the longest matching path wins.
        self.sites = {SUB_PATH: kwargs["directory"], **(sites or {})}
        super().__init__(*args, **kwargs)

    extensions_map = {  # noqa: RUF012 - class attribute of the stdlib handler
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/octet-stream",
    }

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        for prefix in sorted(self.sites, key=len, reverse=True):
            if url_path.startswith(prefix):
                self.directory = self.sites[prefix]  # its own 404.html too
                return super().translate_path("/" + url_path[len(prefix) :])
        return str(Path(self.directory) / "__outside_sub_path__")

    def end_headers(self) -> None:
        # GitHub Pages lets browsers keep every file for ten minutes; so does this server, so
        # repeat visits in tests and the benchmark see the cache a reader's browser has.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()
        self.body_start = self.counter.count

    def setup(self) -> None:
        super().setup()
        self.counter = _CountingWriter(self.wfile)
        self.wfile = self.counter

    def handle_one_request(self) -> None:
        self.body_start = None
        super().handle_one_request()
        if self.sent is not None and self.body_start is not None:
            self.sent.append((urlsplit(self.path).path, self.counter.count - self.body_start))
            self.body_start = None

    def do_GET(self) -> None:
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?")[0].endswith("/"):
            file = file / "index.html"
        if file.name in self.replaced and file.is_file():
            body, content_type, encoding = self.replaced[file.name]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The browser may stop reading it: the worker refuses a damaged file at once.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)
            return
        rate = self.throttle.get(file.name)
        if rate and file.is_file():
            self.send_slowly(file, rate)
            return
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and file.suffix in self.compress and file.is_file()):
            super().do_GET()
            return
        stat = file.stat()
        if self.not_modified(stat.st_mtime):
            self.send_response(304)
            self.end_headers()
            return
        body = _gzipped(str(file), stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        self.wfile.write(body)

    def not_modified(self, mtime: float) -> bool:
        """Whether a conditional request's copy is current (``If-Modified-Since``), as the
        standard handler answers for the files it sends as they are and a real host answers for
        every file: a browser revalidating a compressed file gets a 304, not the file again."""
        since = self.headers.get("If-Modified-Since")
        if not since or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return int(mtime) <= when.timestamp()

    def send_slowly(self, file: Path, rate: int) -> None:
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        chunk = max(rate // 20, 1)
        try:
            for start in range(0, len(body), chunk):
                self.wfile.write(body[start : start + chunk])
                self.wfile.flush()
                time.sleep(chunk / rate)
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


def rebase_sitemap(xml: str, origin: str) -> str:
    """Point every ``<loc>`` of a sitemap at ``origin`` (scheme://host:port), keeping paths."""
    return re.sub(r"<loc>\s*https?://[^/<]+", f"<loc>{origin}", xml)


@dataclass
class SiteServer:
    """A running server for the built site."""

    root: Path
    origin: str
    base_url: str
    throttle: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, tuple[bytes, str, str | None]] = field(default_factory=dict)
    #: Every response's body bytes as sent, in order (the benchmark's bytes per page); each
    #: is logged just after its last byte is written.
    sent: SentLog = field(default_factory=list)

    def url(self, path: str = "") -> str:
        """Absolute URL of a site-relative path such as ``levels/level-1/``."""
        return self.base_url + path.lstrip("/")

    @contextmanager
    def throttled(self, name: str, bytes_per_second: int) -> Iterator[None]:
        """Send the file called ``name`` slowly while the block runs."""
        self.throttle[name] = bytes_per_second
        try:
            yield
        finally:
            self.throttle.pop(name, None)

    @contextmanager
    def replacing(
        self, name: str, body: bytes, content_type: str, encoding: str | None = None
    ) -> Iterator[None]:
        """Answer every request for the file called ``name`` with ``body`` while the block runs
        (a cacheable 200, as a proxy that damages or swaps files sends it); with ``encoding``,
        labelled with that Content-Encoding, as a host that compresses it on the way sends it."""
        self.replaced[name] = (body, content_type, encoding)
        try:
            yield
        finally:
            self.replaced.pop(name, None)


@contextmanager
def serve_site(
    site_dir: Path,
    others: dict[str, Path] | None = None,
    *,
    compress: frozenset[str] = GZIP_TYPES,
) -> Iterator[SiteServer]:
    """Serve a built site on 127.0.0.1 under the GitHub Pages-style sub-path, and ``others``
    (path -> built site, such as another copy of the playbook) on the same origin. ``compress``
    names the suffixes gzip-compressed when the browser accepts it (text only by default).

    The served copy's ``sitemap.xml`` files (the site's, and a language's, such as
    ``fr/sitemap.xml``) are pointed at the local origin: Material's instant navigation only
    intercepts links listed there, matching them with the sitemap's port, so with the
    production ``site_url`` every local click would be a full page load.
    """
    throttle: dict[str, int] = {}
    replaced: dict[str, tuple[bytes, str, str | None]] = {}
    sent: SentLog = []
    sites = {path: str(other) for path, other in (others or {}).items()}
    handler = functools.partial(
        _SubPathHandler,
        directory=str(site_dir),
        throttle=throttle,
        replaced=replaced,
        sites=sites,
        compress=compress,
        sent=sent,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    for built in [site_dir, *(others or {}).values()]:
        # The site's own, and each language's (fr/sitemap.xml), which Material reads on that
        # language's pages.
        for sitemap in [built / "sitemap.xml", *sorted(built.glob("*/sitemap.xml"))]:
            if sitemap.is_file():
                sitemap.write_text(rebase_sitemap(sitemap.read_text("utf-8"), origin), "utf-8")
    try:
        yield SiteServer(site_dir, origin, origin + SUB_PATH, throttle, replaced, sent)
    finally:
        server.shutdown()
        server.server_close()
