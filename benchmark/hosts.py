"""First visits on two hosts, one that compresses text only and one that also compresses
WebAssembly: the bytes the server sent per page type (WebAssembly and the standard library
apart, then the offline copy), and a result link's first and repeat visit on slow 4G."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright

from benchmark.probes import MARKS_SCRIPT, TIMEOUT_MS, Expected, first_line, log, wait_for_mark
from benchmark.visits import SLOW_4G, cold_and_repeat
from harness import GZIP_TYPES, GZIP_TYPES_AND_WASM, SiteServer, launch_profile, watch


def url_path(url: str) -> str:
    """A URL without its query and fragment."""
    return url.split("#", 1)[0].split("?", 1)[0]


def is_wasm(url: str) -> bool:
    """Whether a URL names a WebAssembly binary, as it is or gzip-compressed (``.wasm.gz``)."""
    return url_path(url).endswith((".wasm", ".wasm.gz"))


def is_stdlib(url: str) -> bool:
    """Whether a URL names Python's standard library zip."""
    return url_path(url).endswith("/python_stdlib.zip")


@dataclass(frozen=True)
class PageBytes:
    """What one page load transferred."""

    label: str
    kind: str  # "home", "level", "assessment" or "result"
    total: int | None = None
    wasm: int | None = None
    requests: int = 0
    foreign: int = 0
    error: str | None = None
    stdlib: int | None = None
    offline: int | None = None  # sent after settling, until the site's offline copy was in


@dataclass(frozen=True)
class Transfer:
    """Response-body bytes of a page load: in all, of the WebAssembly binary, of the stdlib."""

    total: int = 0
    wasm: int = 0
    stdlib: int = 0


def add_transfer(sum_: Transfer, url: str, size: int) -> Transfer:
    """``sum_`` with one response of ``size`` bytes from ``url`` added."""
    return Transfer(
        sum_.total + size,
        sum_.wasm + (size if is_wasm(url) else 0),
        sum_.stdlib + (size if is_stdlib(url) else 0),
    )


def transferred(sent: Sequence[tuple[str, int]]) -> Transfer:
    """The response-body bytes the server sent, from its log of (path, bytes): compressed
    where the host compressed them, nothing for a 304."""
    found = Transfer()
    for path, size in sent:
        found = add_transfer(found, path, size)
    return found


# Resolves once the site's offline copy (its service worker) is installed and active, or at
# once when the page registered none; false after the time given.
OFFLINE_COPY_JS = """
async (timeout) => {
  if (!("serviceWorker" in navigator)) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return false;
  const late = new Promise((resolve) => setTimeout(() => resolve(false), timeout));
  return Promise.race([navigator.serviceWorker.ready.then(() => true), late]);
}
"""


def measure_bytes(pw: Playwright, served: SiteServer, label: str, kind: str, url: str) -> PageBytes:
    """Bytes the server sent for a first visit of ``url`` with a new browser profile on disk
    (its HTTP cache keeps the large files, as a reader's does): until ``SETTLE`` says the page
    is done, then until the site's offline copy is in."""
    with tempfile.TemporaryDirectory(prefix="ex-bench-bytes-") as profile:
        context = launch_profile(pw, profile)
        context.add_init_script(MARKS_SCRIPT)
        try:
            return page_bytes(context, served.sent, label, kind, url)
        except (PlaywrightError, RuntimeError) as error:
            return PageBytes(label, kind, error=first_line(error))
        finally:
            context.close()


def page_bytes(
    context: Any, log_: list[tuple[str, int]], label: str, kind: str, url: str
) -> PageBytes:
    """What the server sent (``log_``) for a first visit of ``url`` in ``context``."""
    watched = watch(context)
    start = len(log_)
    watched.page.goto(url, timeout=TIMEOUT_MS)
    SETTLE[kind](watched.page)
    settled = log_[start:]
    sent = transferred(settled)
    watched.page.evaluate(OFFLINE_COPY_JS, TIMEOUT_MS)
    watched.page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    offline = transferred(log_[start:]).total - sent.total
    foreign = len(watched.foreign_requests)
    return PageBytes(
        label,
        kind,
        sent.total,
        sent.wasm,
        len(settled),
        foreign,
        stdlib=sent.stdlib,
        offline=offline,
    )


def settle_idle(page: Page) -> None:
    """Plain pages: the load event and network idle."""
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)


def settle_ready(page: Page) -> None:
    wait_for_mark(page, "ready")


def settle_panel(page: Page) -> None:
    wait_for_mark(page, "panel_frame")


SETTLE: dict[str, Callable[[Page], None]] = {
    "home": settle_idle,
    "level": settle_idle,
    "assessment": settle_ready,
    "result": settle_panel,
}


def measure_all_bytes(pw: Playwright, served: SiteServer, expected: Expected) -> list[PageBytes]:
    """Bytes for home, a level page, the assessment page and a level page with a result link."""
    level = expected.page
    pages = [
        ("Home", "home", ""),
        (f"Level page ({level})", "level", level),
        ("Assessment (until the scorer is ready)", "assessment", "assessment/"),
        (
            f"Level page from a result link ({level}#result=…)",
            "result",
            f"{level}#result={expected.code}",
        ),
    ]
    results = []
    for label, kind, path in pages:
        log(f"bytes: {label}")
        results.append(measure_bytes(pw, served, label, kind, served.base_url + path))
    return results


@dataclass(frozen=True)
class Host:
    """A static host, by what it compresses."""

    label: str
    compress: frozenset[str]


TEXT_HOST = Host("Host compresses text only", GZIP_TYPES)
WASM_HOST = Host("Host also compresses application/wasm", GZIP_TYPES_AND_WASM)


@dataclass
class HostRuns:
    """What one host's first visits transferred, and its slow-4G result links."""

    host: Host
    page_bytes: list[PageBytes] = field(default_factory=list)
    slow_cold: list[float] = field(default_factory=list)
    slow_repeat: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def measure_host(
    pw: Playwright, served: SiteServer, expected: Expected, host: Host, slow_runs: int
) -> HostRuns:
    """Bytes per page and ``slow_runs`` result links on slow 4G, served as ``host`` serves."""
    runs = HostRuns(host, measure_all_bytes(pw, served, expected))
    link = f"{served.base_url}{expected.page}#result={expected.code}"
    for index in range(slow_runs):
        label = f"{host.label}: slow 4G result link {index + 1}/{slow_runs}"
        log(label)
        try:
            visit = cold_and_repeat(pw, link, "panel_frame", SLOW_4G)
        except (PlaywrightError, RuntimeError, KeyError) as error:
            runs.errors.append(f"{label}: {first_line(error)}")
            continue
        runs.slow_cold.append(visit.first)
        runs.slow_repeat.append(visit.repeat)
    return runs


def host_of(report_hosts: Sequence[HostRuns], host: Host) -> HostRuns | None:
    """The runs of ``host``, or None when it was not measured."""
    return next((runs for runs in report_hosts if runs.host == host), None)
