"""Shared fixtures: the built site, served on 127.0.0.1 under a sub-path, and a Chromium.

The site is built once per test session into a temporary directory (``mkdocs build --strict``)
and served the way GitHub Pages serves a project site: under ``/<repo>/``, with ``404.html``
for unknown paths. Browser tests use Playwright with Debian's Chromium when it is installed,
else Playwright's bundled build. The helpers themselves live in ``tests/harness.py``, which the
benchmark shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness import (
    CHROMIUM_ARGS,
    BuildError,
    SiteServer,
    WatchedPage,
    build_site,
    chromium_executable,
    serve_site,
    watch,
)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The freshly built site."""
    try:
        return build_site(tmp_path_factory.mktemp("build") / "site")
    except BuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[SiteServer]:
    """The built site, served."""
    with serve_site(site_dir) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            headless=True, executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (own storage) per test."""
    ctx = browser.new_context()
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def no_js_page(browser: Any) -> Iterator[Any]:
    """A page in a context with JavaScript turned off."""
    ctx = browser.new_context(java_script_enabled=False)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


@pytest.fixture
def watched(context: Any) -> WatchedPage:
    """A fresh page that records foreign requests and console errors."""
    return watch(context)
