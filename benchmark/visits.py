"""Result links and repeat visits, unthrottled and on slow 4G: a first visit with a new browser
profile on disk, then a repeat visit in a new tab of it; and the size of the scorer's memory
snapshot the first visit saved."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright

from benchmark.pages import has_compressed_binary
from benchmark.paths import BARE_PAGE, COMPILE_GZ_PAGE, COMPILE_PAGE
from benchmark.probes import MARKS_SCRIPT, TIMEOUT_MS, Expected, first_line, log, read_marks
from harness import SNAPSHOT_CACHE, launch_profile

# Chrome DevTools' network emulation (it covers the page's workers too): "slow 4G".
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


@dataclass
class VisitRuns:
    """Times in ms from navigation start, cold (empty cache) and repeat (same browser cache),
    and the size of the memory snapshot the first visits saved."""

    link_cold: list[float] = field(default_factory=list)
    link_repeat: list[float] = field(default_factory=list)
    ready_repeat_app: list[float] = field(default_factory=list)
    ready_repeat_bare: list[float] = field(default_factory=list)
    compile_repeat: list[float] = field(default_factory=list)
    compile_gz_repeat: list[float] = field(default_factory=list)
    snapshot_bytes: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def time_in_page(page: Page, url: str, mark: str, throttle: dict[str, Any] | None) -> float:
    """Open ``url`` in ``page`` and return ms from navigation start to ``mark``."""
    if throttle is not None:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", throttle)
    page.goto(url, timeout=TIMEOUT_MS * 5)
    page.wait_for_function(
        f"() => sessionStorage.getItem('bench:{mark}') !== null", timeout=TIMEOUT_MS * 5
    )
    marks = read_marks(page)
    if mark == "ready":
        return marks["ready"]
    origin = float(page.evaluate("performance.timeOrigin"))
    return marks[mark] - origin


# The largest entry of the scorer's snapshot cache in bytes, or null when it has none.
SNAPSHOT_SIZE_JS = """
async (name) => {
  if (typeof caches !== "object" || !(await caches.has(name))) return null;
  const cache = await caches.open(name);
  let largest = null;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const size = response ? (await response.blob()).size : 0;
    if (largest === null || size > largest) largest = size;
  }
  return largest;
}
"""


def snapshot_size(page: Page, tries: int = 40) -> int | None:
    """The scorer's memory snapshot in Cache Storage, in bytes (it is saved in the background
    after "ready", so wait a little for it), or None when none was saved."""
    for _ in range(tries):
        size = page.evaluate(SNAPSHOT_SIZE_JS, SNAPSHOT_CACHE)
        if size:
            return int(size)
        page.wait_for_timeout(250)
    return None


@dataclass(frozen=True)
class Visit:
    """A first and a repeat visit in ms, and the snapshot in the cache after them (bytes)."""

    first: float
    repeat: float
    snapshot: int | None = None


def cold_and_repeat(
    pw: Playwright,
    url: str,
    mark: str,
    throttle: dict[str, Any] | None = None,
    *,
    snapshot: bool = False,
) -> Visit:
    """A first visit with a new browser profile, then a second visit in a new tab of it.

    The profile lives on disk, as a reader's does: a Playwright context of the shared browser
    is an incognito one, whose in-memory HTTP cache keeps no file larger than about a tenth of
    its size, so Python's WebAssembly binary would be downloaded again on every "repeat"
    visit, which no reader's browser does. With ``snapshot``, the scorer's memory snapshot is
    weighed after the repeat visit.
    """
    with tempfile.TemporaryDirectory(prefix="ex-bench-profile-") as profile:
        context = launch_profile(pw, profile)
        context.add_init_script(MARKS_SCRIPT)
        try:
            first = time_in_page(context.new_page(), url, mark, throttle)
            page = context.new_page()
            repeat = time_in_page(page, url, mark, throttle)
            size = snapshot_size(page) if snapshot else None
        finally:
            context.close()
    return Visit(first, repeat, size)


def visit_steps(
    pw: Playwright, base: str, expected: Expected, runs: VisitRuns, site_dir: Path
) -> list[tuple[str, Callable[[], None]]]:
    """One result link's first and repeat visit, and one repeat visit of each start-up page."""
    link = f"{base}{expected.page}#result={expected.code}"
    gz = has_compressed_binary(site_dir)

    def link_run() -> None:
        visit = cold_and_repeat(pw, link, "panel_frame", snapshot=True)
        runs.link_cold.append(visit.first)
        runs.link_repeat.append(visit.repeat)
        runs.snapshot_bytes += [] if visit.snapshot is None else [visit.snapshot]

    def ready_run() -> None:
        runs.ready_repeat_app.append(cold_and_repeat(pw, base + "assessment/", "ready").repeat)
        runs.ready_repeat_bare.append(cold_and_repeat(pw, base + BARE_PAGE, "ready").repeat)
        runs.compile_repeat.append(cold_and_repeat(pw, base + COMPILE_PAGE, "ready").repeat)
        if gz:
            compile_gz = cold_and_repeat(pw, base + COMPILE_GZ_PAGE, "ready").repeat
            runs.compile_gz_repeat.append(compile_gz)

    return [("result link", link_run), ("repeat visit", ready_run)]


def measure_visits(
    pw: Playwright, base: str, expected: Expected, count: int, site_dir: Path
) -> VisitRuns:
    """Result link to panel (first and repeat visit); repeat-visit readiness."""
    runs = VisitRuns()
    for index in range(count):
        for name, step in visit_steps(pw, base, expected, runs, site_dir):
            label = f"{name} {index + 1}/{count}"
            log(label)
            try:
                step()
            except (PlaywrightError, RuntimeError, KeyError) as error:
                runs.errors.append(f"{label}: {first_line(error)}")
    return runs
