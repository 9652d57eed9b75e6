"""Performance benchmark for the playbook: prints a Markdown report (paste it into the docs).

Run from the repository root::

    .venv/bin/python -m benchmark [--runs N] [--warmup N] [--slow-runs N]
        [--lighthouse mobile|desktop|both|none] [--lighthouse-runs N] [--site DIR]
        [--write FILE]

It builds the site into a temporary directory (``mkdocs build --strict``), serves it on
127.0.0.1 under the GitHub Pages-style sub-path with the harness's server (``harness``), and
measures in Debian's Chromium (Playwright):

1. time from navigation start to the scorer being ready on the assessment page (``#ex-status``
   says it is ready), against a control (the home page starting the scorer the same way: what
   any page of the site pays) and a bare ``loadPyodide({indexURL})`` of plain Pyodide (the npm
   package's uncompressed binary, with the site's standard library) in a module worker on a
   minimal page written into the temporary site; median of N rounds, each run in a fresh
   browser context (cold cache), the three pages interleaved, with each round's ratios;
2. time from the click on "See my level" to the result panel showing the level, measured in
   the page (``performance.timeOrigin + performance.now()``, so it holds across documents);
3. result links and repeat visits, with the memory snapshot's size;
4. on two hosts, one that compresses text only and one that also compresses WebAssembly:
   bytes transferred per page type (WebAssembly and the standard library apart), and a result
   link's first visit on slow 4G;
5. Lighthouse performance and accessibility scores: N runs of each page and preset
   (``--lighthouse-runs``, default 5) in interleaved rounds, reported as medians;
6. comparing a team of 50 people on the team page once the scorer is ready: the worker's
   "team" request alone, and the click on "Compare" to the "Team result" region drawn.

It ends with the targets of issue 25, each with its verdict.

Progress goes to stderr, the report to stdout. The exit status is 0 even when a target is
missed (it is a benchmark, not a test); it is non-zero only when nothing can be measured (the
build fails or the browser does not start).

The modules, one job each: ``cli`` (options, and the run in order), ``paths`` (every path
into the site and this checkout, the site's JavaScript modules included), ``pages`` (the
benchmark's own pages written into the site), ``probes`` (what the measures share: the
marks, progress, the expected result), ``startup`` (1 and 2), ``visits`` (3), ``hosts`` (4),
``lighthouse`` (5), ``team`` (6), ``stats`` (medians and formats), ``report`` (what a run
measured and where), ``targets`` (the targets and their verdicts), ``sections`` (the report's
other sections) and ``output`` (the Markdown, and ``--write``).
"""
