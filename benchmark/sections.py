"""The report's sections after the targets, one function each: scorer start-up, submit to
result, result links and repeat visits, first visits on two hosts, Lighthouse and the team
comparison. Each returns its lines of Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from benchmark.hosts import PageBytes
from benchmark.lighthouse import (
    accessibility_median,
    fmt_score,
    fmt_score_stats,
    fmt_tbt_stats,
    lighthouse_metrics,
    performance_stats,
    tbt_stats,
)
from benchmark.report import Report
from benchmark.startup import paired_ratios, phases
from benchmark.stats import (
    fmt_bytes,
    fmt_ratio,
    fmt_ratio_stats,
    fmt_stats,
    markdown_table,
    median_of,
    plural,
    ratio,
    summarize,
)
from benchmark.targets import CONTROL_RATIO_TARGET, WORKER_RATIO_TARGET
from benchmark.team import TEAM_SIZE

PHASE_LABELS = {
    "before": "Navigation start → worker script requested",
    "worker": "Worker script requested → ready (in the worker, plus the message back)",
    "total": "**Navigation start → ready**",
}


# (label, numerator page, denominator page, phase, what it is for)
CONTROL_USE = f"target ≤ {CONTROL_RATIO_TARGET:.2f}x"
WORKER_USE = f"target ≤ {WORKER_RATIO_TARGET:.2f}x"
RATIOS = (
    ("Assessment ÷ control, ready", "app", "home", "total", CONTROL_USE),
    ("Assessment ÷ bare, worker phase", "app", "bare", "worker", WORKER_USE),
    ("Control ÷ bare, worker phase", "home", "bare", "worker", "information"),
    ("Assessment ÷ bare, ready", "app", "bare", "total", "information"),
    ("Control ÷ bare, ready", "home", "bare", "total", "information"),
)


def ratio_rows(report: Report) -> list[list[str]]:
    """Each ratio of RATIOS: round by round, and of the medians."""
    runs = report.startup
    rows = []
    for label, top, bottom, phase, purpose in RATIOS:
        paired = summarize(paired_ratios(runs, top, bottom, phase))
        of_medians = ratio(
            median_of(phases(runs.of(top))[phase]), median_of(phases(runs.of(bottom))[phase])
        )
        rows.append([label, fmt_ratio_stats(paired), fmt_ratio(of_medians), purpose])
    return rows


def startup_section(report: Report) -> list[str]:
    app, home, bare = (phases(report.startup.of(page)) for page in ("app", "home", "bare"))
    rows = [
        [label, fmt_stats(app[key]), fmt_stats(home[key]), fmt_stats(bare[key])]
        for key, label in PHASE_LABELS.items()
    ]
    return [
        "## Scorer start-up (cold cache)",
        "",
        f"{plural(report.runs, 'round')} (after {plural(report.warmup, 'warm-up round')}, "
        "dropped); each round "
        "runs the three pages once, in an order that rotates from round to round, each in a "
        "fresh browser context. Served from 127.0.0.1 by the host that compresses text only, "
        "with no network throttling. “Ready” is `#ex-status[data-scorer=ready]`.",
        "",
        "- **Assessment page**: the site's own start, its worker downloading the site's "
        "runtime files, the `ex-quiz` wheel and `import quiz.web`.",
        "- **Control**: the home page (Material's page with no assessment: no form, no module "
        "preloads) starting the scorer exactly as the assessment page does. What any page of "
        "the site pays before its worker can start.",
        "- **Bare page**: a minimal page whose module worker runs only "
        "`loadPyodide({indexURL})` of plain Pyodide: the npm package's JavaScript and "
        "uncompressed binary, with the site's standard library (`__bench__/pyodide/`, "
        "written by the benchmark). The worker phases' ratio is what the site's worker adds "
        "to Pyodide, decompressing the binary included.",
        "",
        "Median (min-max, n) of the successful runs. The worker's request time comes from the "
        "page's resource timing; the phases' medians need not add up to the total's.",
        "",
        markdown_table(["Phase", "Assessment page", "Control (home page)", "Bare page"], rows),
        "",
        "The ratios. “Round by round” is the median of each round's ratio (a round's runs are "
        "back to back and share the machine's load, so this drifts less); the targets use it.",
        "",
        markdown_table(["Ratio", "Round by round", "Of the medians", "Use"], ratio_rows(report)),
    ]


def submit_section(report: Report) -> list[str]:
    timings = report.startup.submit
    to_panel = summarize([t.to_panel for t in timings])
    to_frame = summarize([t.to_frame for t in timings])
    realms = {t.same_realm for t in timings}
    realm = {frozenset({True}): "yes, every run", frozenset({False}): "no (full page load)"}.get(
        frozenset(realms), "mixed" if realms else "n/a"
    )
    rows = [
        ["Click → panel shows the level (DOM)", fmt_stats(to_panel)],
        ["Click → panel, one frame later (≈ painted)", fmt_stats(to_frame)],
        ["Instant navigation kept the same JS realm", realm],
    ]
    return [
        "## Submit → result",
        "",
        "Scorer already ready; every question answered by clicking its label; timed in the page "
        "from the click on “See my level” (capture listener) to `#ex-result` showing the level "
        "on the level page (MutationObserver), with `performance.timeOrigin + performance.now()`. "
        "It covers scoring in the worker, Material's instant navigation (fetching the level "
        "page) and rendering. The served copy's `sitemap.xml` points at the local origin: "
        "Material keeps the sitemap's port when matching links, so with the production "
        "`site_url` no link on `127.0.0.1:<port>` would use instant navigation.",
        "",
        markdown_table(["Measure", "Time"], rows),
    ]


INITIAL_HEAP = 30 * 1024 * 1024  # Pyodide's initial memory; a snapshot holds all of it


def fmt_snapshot(sizes: Sequence[int]) -> str:
    """The snapshot's size (the median of the runs) next to Pyodide's initial 30 MiB heap."""
    stats = summarize(sizes)
    if stats is None:
        return "n/a"
    size = int(stats.median)
    sign = "+" if size >= INITIAL_HEAP else "-"
    return f"{fmt_bytes(size)}: 30 MiB {sign} {abs(size - INITIAL_HEAP):,} B (n={stats.count})"


def visits_section(report: Report) -> list[str]:
    visits = report.visits
    rows = [
        ["Result link → panel, first visit", fmt_stats(summarize(visits.link_cold))],
        ["Result link → panel, repeat visit", fmt_stats(summarize(visits.link_repeat))],
        ["Assessment → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_app))],
        ["Bare loadPyodide → ready, repeat visit", fmt_stats(summarize(visits.ready_repeat_bare))],
        [
            "Fetch and compile the plain WebAssembly binary only, repeat visit",
            fmt_stats(summarize(visits.compile_repeat)),
        ],
        [
            "Fetch, decompress and compile the site's gzip binary only, repeat visit",
            fmt_stats(summarize(visits.compile_gz_repeat)),
        ],
        ["Memory snapshot in Cache Storage", fmt_snapshot(visits.snapshot_bytes)],
    ]
    return [
        "## Result links and repeat visits",
        "",
        "From navigation start to the result panel showing a result (one frame after it is in "
        "the DOM), opening a result link with a new browser profile on disk (“first visit”), "
        "then again in a new tab of the same profile (“repeat visit”: the browser's HTTP cache "
        "is warm, and the scorer restores Python from the memory snapshot the first visit "
        "saved in Cache Storage); served by the host that compresses text only, unthrottled. "
        "The next four rows split a repeat visit's start-up: the whole assessment page, a bare "
        "`loadPyodide()`, and only the WebAssembly compile: of the plain binary "
        "(`compileStreaming()` of the cached file, whose compiled code the browser may keep) "
        "and of the site's gzip binary through `DecompressionStream` (n/a when the site ships "
        "none). The snapshot's size is read from Cache Storage after a result link's repeat "
        "visit: it holds Pyodide's whole memory and a header, and Pyodide issue 6254 reports "
        "restores failing once that memory has grown past its initial 30 MiB.",
        "",
        markdown_table(["Measure", "Time"], rows),
    ]


def bytes_row(page: PageBytes) -> list[str]:
    return [
        page.label,
        f"error: {page.error}" if page.error else fmt_bytes(page.total),
        fmt_bytes(page.wasm),
        fmt_bytes(page.stdlib),
        str(page.requests),
        fmt_bytes(page.offline),
        str(page.foreign),
    ]


BYTES_HEADERS = (
    "Page",
    "Total",
    "WebAssembly",
    "Standard library",
    "Requests",
    "Then the offline copy",
    "Requests leaving 127.0.0.1",
)


def slow_rows(report: Report) -> list[list[str]]:
    return [
        [
            runs.host.label,
            fmt_stats(summarize(runs.slow_cold)),
            fmt_stats(summarize(runs.slow_repeat)),
        ]
        for runs in report.hosts
    ]


def hosts_section(report: Report) -> list[str]:
    tables: list[str] = []
    for runs in report.hosts:
        rows = [bytes_row(page) for page in runs.page_bytes]
        tables += [f"**{runs.host.label}**", "", markdown_table(BYTES_HEADERS, rows), ""]
    return [
        "## First visits on two hosts",
        "",
        "Whether a static host compresses `application/wasm` varies, so every first visit is "
        "measured on two: one that gzips text only (HTML, CSS, JavaScript, JSON, SVG, XML), and "
        "one that also gzips `.wasm` files. Neither compresses a `.gz`, `.zip` or `.whl` file. "
        "Both answer a browser's revalidation of an unchanged file with a 304. "
        "Each page is a first visit with a new browser profile on disk. Bytes are the response "
        "bodies as sent (compressed where the host compressed them), worker requests included, "
        "until the page settles: network idle for a plain page, the scorer ready on the "
        "assessment, the panel shown for a result link. “WebAssembly” counts the binary as it "
        "is or gzip-compressed (`.wasm.gz`). “Then the offline copy” is what was sent after "
        "that, until the site's service worker had installed its offline copy (it is "
        "registered once the scorer has started, and revalidates what the page already has).",
        "",
        *tables,
        "A result link, from navigation start to its panel, on slow 4G (Chrome's network "
        "emulation at 1.6 Mbps down, 750 kbps up and 150 ms round trip, set through the "
        "DevTools protocol; it covers the scorer's worker too), with a new browser profile on "
        "disk, then again in a new tab of it:",
        "",
        markdown_table(
            ["Host", "First visit, slow 4G", "Repeat visit, slow 4G"], slow_rows(report)
        ),
    ]


def lighthouse_section(report: Report) -> list[str]:
    if not report.lighthouse:
        return ["## Lighthouse", "", "Skipped (`--lighthouse none`)."]
    rows = [
        [
            page.label,
            page.preset,
            fmt_score_stats(performance_stats(page.runs)),
            fmt_score(accessibility_median(page.runs)),
            fmt_tbt_stats(tbt_stats(page.runs)),
            lighthouse_metrics(page.runs),
        ]
        for page in report.lighthouse
    ]
    count = max(len(page.runs) for page in report.lighthouse)
    runs = (
        "one run per page and preset"
        if count == 1
        else f"{count} runs per page and preset in {count} rounds (each round runs every page "
        "and preset once, so a burst of noise on the machine does not fall on one page's runs)"
    )
    return [
        "## Lighthouse",
        "",
        f"Lighthouse driving the same Chromium (`CHROME_PATH`, headless), {runs}, categories "
        "performance and accessibility. Performance is the median of the successful runs with "
        "its range and count, accessibility and TBT are medians, and the metrics are those of "
        "the median run (the median performance score, the lower one of an even count; on a tie, "
        "the median TBT). Failed runs are counted and left out of the medians. "
        "“mobile” is Lighthouse's default (simulated slow 4G and 4x CPU slowdown, moto g power "
        "viewport); “desktop” is `--preset=desktop` (simulated fast connection, no CPU slowdown).",
        "",
        markdown_table(
            ["Page", "Preset", "Performance", "Accessibility", "TBT", "Metrics (median run)"],
            rows,
        ),
    ]


def lighthouse_errors(report: Report) -> list[str]:
    """Each failed Lighthouse run, for the "Failed runs" list."""
    return [
        f"Lighthouse {page.preset}, {page.label}, run {number}: {run.error}"
        for page in report.lighthouse
        for number, run in enumerate(page.runs, 1)
        if run.error is not None
    ]


def team_section(report: Report) -> list[str]:
    runs = report.team.runs
    rows = [
        ["Worker request (`team`, Python only)", fmt_stats(summarize([t.request for t in runs]))],
        [
            "Click on “Compare” → “Team result” drawn (DOM)",
            fmt_stats(summarize([t.to_dom for t in runs])),
        ],
        ["Click → one frame later (≈ painted)", fmt_stats(summarize([t.to_frame for t in runs]))],
    ]
    return [
        f"## Team comparison ({TEAM_SIZE} people)",
        "",
        f"The team page with its scorer ready; {TEAM_SIZE} result codes with random answers "
        "(fixed seed) in the “Result links” box. Each run first times the worker's `team` "
        "request on its own, then a click on “Compare” until the “Team result” region holds "
        "the whole comparison (MutationObserver; chart, tables, agenda and buttons), with "
        "`performance.now()` in the page; one warm-up run dropped.",
        "",
        markdown_table(["Measure", "Time"], rows),
        *(
            ["", "Failed runs:", "", *(f"- {e}" for e in report.team.errors)]
            if report.team.errors
            else []
        ),
    ]
