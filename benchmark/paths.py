"""Every path the benchmark names: in this checkout (the npm packages it runs), in the built
site it measures (pages, the scorer's runtime folder and the site's JavaScript modules), and
of the pages the benchmark writes into that site (``__bench__/``).

The site's JavaScript modules are named here and nowhere else in the package: move one of
them and only this file changes. (The start-up probe, ``startup.WORKER_START_JS``, finds the
site's worker by its file name alone, ``quiz-worker.mjs``, wherever its folder is.)
"""

from __future__ import annotations

from harness import ROOT

# The site's JavaScript modules, from the site's root. The control page's probe imports both
# (from ``__bench__/``, so as ``../`` + the path); the team timing imports the scorer.
SCORER_MODULE = "javascripts/scorer/scorer.mjs"
SCORER_START_MODULE = "javascripts/scorer/scorer-start.mjs"

# The site's pages the benchmark opens besides the home page, the assessment and a level page.
TEAM_PAGE = "assessment/team/"

# The scorer's runtime folder in the site, and the file names it is measured by.
SITE_RUNTIME = "pyodide"
COMPRESSED_BINARY = "pyodide.asm.wasm.gz"

# This checkout's npm packages the benchmark runs.
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Plain Pyodide for the bare page: the npm package's own files (its uncompressed binary) with
# the site's standard library and lock file, so "bare" starts the same Python the site does.
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
PLAIN_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
SITE_FILES = ("python_stdlib.zip", "pyodide-lock.json")

# The benchmark's own pages, written into the site it measures (benchmark.pages).
BARE_DIR = "__bench__"
BARE_PAGE = f"{BARE_DIR}/bare.html"
BARE_RUNTIME = f"{BARE_DIR}/pyodide"
# The control: the site's home page (Material's page, no assessment) starting the scorer exactly
# as the assessment page does. At the site's root so that its relative links still resolve.
HOME_SCORER_PAGE = f"{BARE_DIR}-home.html"
HOME_PROBE = f"{BARE_DIR}/home-scorer.mjs"
# Only fetching and compiling the WebAssembly binary: the plain one, and the site's compressed
# one when it ships one.
COMPILE_PAGE = f"{BARE_DIR}/compile.html"
COMPILE_GZ_PAGE = f"{BARE_DIR}/compile-gz.html"
