"""Helpers the tests and the benchmark (scripts/benchmark.py) share: build the site, serve it
the way GitHub Pages serves a project site, start Chromium, and watch a page's requests and
console. Plain functions, no pytest: conftest.py turns them into fixtures.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import functools
import gzip
import http.server
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from quiz.site import site

ROOT = Path(__file__).resolve().parents[1]

#: Where the site is served: the path of site.json's site_url, as GitHub Pages serves it
#: (``/<repository>/`` for a project site, ``/`` at a custom domain's root).
SUB_PATH = site().path


def storage_key(name: str) -> str:
    """The key the site's scripts keep ``name`` under in the reader's browser: scoped by the
    site's path, as docs/javascripts/site.mjs names it (``ex-maturity-playbook:answers:v1``)."""
    return SUB_PATH.strip("/").replace(":", "%3A") + ":" + name


#: The scorer's runtime files as the site serves them in ``pyodide/`` (hooks/pyodide_assets.py
#: writes them; the tests throttle, damage and block them by these names).
BINARY = "pyodide.asm.wasm.gz"
STDLIB = "python_stdlib.zip"

#: The Cache Storage cache that holds the site's scorer snapshot (site.mjs).
SNAPSHOT_CACHE = storage_key("scorer-snapshot")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    # Nothing may leave the machine: every host but the local server fails to resolve, so a
    # foreign request fails at once (and the watchers below record it) without routing every
    # request through Playwright, which would turn off the browser's HTTP and code caches.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


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

    The served copy's ``sitemap.xml`` is pointed at the local origin: Material's instant
    navigation only intercepts links listed there, matching them with the sitemap's port, so
    with the production ``site_url`` every local click would be a full page load.
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
        sitemap = built / "sitemap.xml"
        if sitemap.is_file():
            sitemap.write_text(rebase_sitemap(sitemap.read_text("utf-8"), origin), "utf-8")
    try:
        yield SiteServer(site_dir, origin, origin + SUB_PATH, throttle, replaced, sent)
    finally:
        server.shutdown()
        server.server_close()


def chromium_executable() -> str | None:
    """Debian's Chromium when installed, else None (Playwright then uses its bundled build)."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_chromium(pw: Any) -> Any:
    """A headless Chromium for tests and the benchmark; its contexts are incognito."""
    return pw.chromium.launch(
        headless=True, executable_path=chromium_executable(), args=CHROMIUM_ARGS
    )


def launch_profile(
    pw: Any, profile_dir: Path | str, *, service_workers: str = "allow", **options: Any
) -> Any:
    """A headless Chromium with a browser profile on disk, as a reader's is: its HTTP cache
    keeps Python's 9.6 MB WebAssembly binary and its compiled code (an incognito context's
    in-memory cache drops a file that large). ``service_workers="block"`` keeps the site's
    offline copy (its service worker) out of it."""
    return pw.chromium.launch_persistent_context(
        str(profile_dir),
        headless=True,
        executable_path=chromium_executable(),
        args=CHROMIUM_ARGS,
        service_workers=service_workers,
        **options,
    )


def block_site_data(profile_dir: Path) -> Path:
    """Turn on Chrome's own "Don't allow sites to save data" setting in a new profile folder
    (before the browser starts), as a reader does in the browser's settings: reading
    ``localStorage`` then throws a SecurityError, Cache Storage refuses and service workers
    cannot register."""
    preferences = profile_dir / "Default" / "Preferences"
    preferences.parent.mkdir(parents=True, exist_ok=True)
    setting = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    preferences.write_text(json.dumps(setting), encoding="utf-8")
    return profile_dir


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every page of the built site (directory URLs), plus the 404 page."""
    pages = sorted(
        str(p.parent.relative_to(site_dir)).replace(os.sep, "/") + "/"
        for p in site_dir.rglob("index.html")
    )
    return [("" if p == "./" else p) for p in pages] + ["404.html"]


@dataclass
class WatchedPage:
    """A page whose foreign requests, console errors and uncaught exceptions are recorded."""

    page: Any
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


# Any Content Security Policy violation becomes a console error, which the tests fail on.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile}:${event.lineNumber})`);
});
"""


def watch(context: Any) -> WatchedPage:
    """Open a page in ``context`` that records any request leaving 127.0.0.1 (which Chromium,
    started with ``CHROMIUM_ARGS``, cannot resolve), console errors and uncaught exceptions.

    The requests are watched, not routed: routing would turn off the HTTP cache, so every page
    load would download and compile Pyodide from nothing, which a reader's browser never does.
    """
    page = context.new_page()
    watched = WatchedPage(page=page)

    def on_request(request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            return
        watched.foreign_requests.append(url)

    page.on("request", on_request)  # its workers' requests too
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda msg: watched.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: watched.console_errors.append(f"uncaught: {exc}"))
    return watched


def instant_goto(page: Any, url: str) -> None:
    """Follow a link to ``url`` the way a reader does: Material's instant navigation."""
    page.evaluate(
        """(url) => {
            document.querySelector("article").dataset.left = "true";
            const link = Object.assign(document.createElement("a"), {href: url});
            document.body.append(link);
            link.click();
            link.remove();
        }""",
        url,
    )
    page.wait_for_url(url)
    page.locator("article.md-content__inner:not([data-left])").wait_for(state="attached")


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
