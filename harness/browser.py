"""Chromium for the tests and the benchmark: launched headless (incognito, or with a profile on
disk as a reader's browser has), kept from reaching any host but 127.0.0.1, and pages that
record foreign requests, console errors and uncaught exceptions."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: How Chromium is started for the tests and the benchmark.
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
