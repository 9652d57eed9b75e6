"""What the tests and the maintainer tools share, so that neither depends on the other: build
the site and copy the project under other identities (``harness.project``), serve the built
site the way GitHub Pages does (``harness.server``), start Chromium and watch its pages
(``harness.browser``), and the site's identity and names (``harness.identity``).

The tests (``tests/conftest.py`` turns these helpers into fixtures), the benchmark
(``python -m benchmark``) and the scripts in ``scripts/`` import from here. Plain functions,
no pytest.
"""

from harness.browser import (
    CHROMIUM_ARGS,
    CSP_LISTENER,
    WatchedPage,
    block_site_data,
    chromium_executable,
    instant_goto,
    launch_chromium,
    launch_profile,
    watch,
)
from harness.identity import BINARY, ROOT, SNAPSHOT_CACHE, STDLIB, SUB_PATH, storage_key
from harness.project import (
    INSTALL_INPUTS,
    SHARED_INSTALLS,
    BuildError,
    build_site,
    copy_environment,
    load_hook,
    make_copy,
    project_files,
    run_mkdocs_build,
    site_pages,
)
from harness.server import (
    GZIP_TYPES,
    GZIP_TYPES_AND_WASM,
    NEVER_GZIP,
    SentLog,
    SiteServer,
    rebase_sitemap,
    serve_site,
)

__all__ = [
    "BINARY",
    "CHROMIUM_ARGS",
    "CSP_LISTENER",
    "GZIP_TYPES",
    "GZIP_TYPES_AND_WASM",
    "INSTALL_INPUTS",
    "NEVER_GZIP",
    "ROOT",
    "SHARED_INSTALLS",
    "SNAPSHOT_CACHE",
    "STDLIB",
    "SUB_PATH",
    "BuildError",
    "SentLog",
    "SiteServer",
    "WatchedPage",
    "block_site_data",
    "build_site",
    "chromium_executable",
    "copy_environment",
    "instant_goto",
    "launch_chromium",
    "launch_profile",
    "load_hook",
    "make_copy",
    "project_files",
    "rebase_sitemap",
    "run_mkdocs_build",
    "serve_site",
    "site_pages",
    "storage_key",
    "watch",
]
