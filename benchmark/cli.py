"""The command line (``python -m benchmark``): its options, and a run of every measure on the
built site, one host at a time, with the report printed and, with ``--write``, put into a
file."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Playwright, sync_playwright

import benchmark
from benchmark.hosts import TEXT_HOST, WASM_HOST, HostRuns, measure_host
from benchmark.lighthouse import lighthouse_presets, measure_lighthouse
from benchmark.output import embed_report, render
from benchmark.pages import site_to_measure, write_bare_page
from benchmark.probes import Expected, expected_result, log
from benchmark.report import Report, environment
from benchmark.startup import StartupRuns, measure_startup
from benchmark.team import TeamRuns, measure_team
from benchmark.visits import VisitRuns, measure_visits
from harness import BuildError, launch_chromium, serve_site


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    doc = benchmark.__doc__
    parser = argparse.ArgumentParser(
        prog="python -m benchmark", description=doc.splitlines()[0] if doc else None
    )
    parser.add_argument("--runs", type=int, default=7, help="cold runs per timing (default 7)")
    parser.add_argument(
        "--slow-runs",
        type=int,
        default=1,
        help="result-link runs on throttled slow 4G on each host, up to a minute each (default 1)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="dropped warm-up runs of each page (default 1)"
    )
    parser.add_argument(
        "--lighthouse",
        choices=["mobile", "desktop", "both", "none"],
        default="both",
        help="Lighthouse presets to run (default both)",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        metavar="N",
        help="Lighthouse runs of each page and preset, reported as medians (default 5)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="measure a copy of this built site instead of building one (while developing)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="also put the report into FILE, between its benchmark:start/end markers",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if args.lighthouse_runs < 1:
        parser.error("--lighthouse-runs must be at least 1")
    return args


@dataclass
class BrowserRuns:
    """What the benchmark measures with its Chromium, before Lighthouse."""

    env: list[tuple[str, str]]
    startup: StartupRuns
    visits: VisitRuns
    hosts: list[HostRuns]
    team: TeamRuns


def measure_in_browser(
    args: argparse.Namespace, pw: Playwright, site_dir: Path, expected: Expected
) -> BrowserRuns:
    """Start-up, visits, the team and the text-only host on one server, then the host that
    also compresses WebAssembly on another (one at a time: each points the sitemap at
    itself)."""
    browser = launch_chromium(pw)
    try:
        env = environment(browser.version, args.site)
        with serve_site(site_dir, compress=TEXT_HOST.compress) as served:
            base = served.base_url
            startup = measure_startup(browser, base, expected, args.runs, args.warmup)
            visits = measure_visits(pw, base, expected, args.runs, site_dir)
            text = measure_host(pw, served, expected, TEXT_HOST, args.slow_runs)
            team = measure_team(browser, base, args.runs, args.warmup)
        with serve_site(site_dir, compress=WASM_HOST.compress) as served:
            wasm = measure_host(pw, served, expected, WASM_HOST, args.slow_runs)
    finally:
        browser.close()
    return BrowserRuns(env, startup, visits, [text, wasm], team)


def measure(args: argparse.Namespace, site_dir: Path, started: float) -> Report:
    """Serve the built site and run every measurement."""
    expected = expected_result()
    lighthouse_pages = [
        ("Home", ""),
        (expected.page, expected.page),
        ("assessment/", "assessment/"),
    ]
    with sync_playwright() as pw:
        found = measure_in_browser(args, pw, site_dir, expected)
    with serve_site(site_dir) as served:
        presets = lighthouse_presets(args.lighthouse)
        lighthouse = measure_lighthouse(
            served.base_url, presets, lighthouse_pages, site_dir.parent, args.lighthouse_runs
        )
    report = Report(
        args.runs, args.warmup, found.env, found.startup, found.hosts, lighthouse, found.visits
    )
    report.elapsed_s = time.monotonic() - started
    report.team = found.team
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ex-bench-") as tmp:
        try:
            site_dir = site_to_measure(args.site, Path(tmp) / "site")
        except BuildError as error:
            print(error, file=sys.stderr)
            return 2
        write_bare_page(site_dir)
        try:
            report = measure(args, site_dir, started)
        except PlaywrightError as error:
            print(f"Could not drive Chromium: {error}", file=sys.stderr)
            return 3
    text = render(report)
    print(text, end="")
    if args.write:
        args.write.write_text(embed_report(args.write.read_text("utf-8"), text), "utf-8")
        log(f"wrote the report into {args.write}")
    return 0
