"""Shared fixtures: the built site, served on 127.0.0.1 under a sub-path, and a Chromium.

The site is built once per test session into a temporary directory (``mkdocs build --strict``)
and served the way GitHub Pages serves a project site: under ``/<repo>/``, with ``404.html``
for unknown paths. Browser tests use Playwright with Debian's Chromium when it is installed,
else Playwright's bundled build. The helpers themselves live in the ``harness`` package at the
repository's root, which the benchmark shares.

Two pages are shared by the tests of several files: ``warm``, the assessment with its scorer
loaded once for the session (the ``tests/test_assessment_*_browser.py`` files, helpers in
``tests/assessment_support.py``), and ``team_page``, the team page (the
``tests/test_team_*_browser.py`` files, helpers in ``tests/team_support.py``).
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from harness import (
    BuildError,
    SiteServer,
    WatchedPage,
    block_site_data,
    build_site,
    launch_chromium,
    launch_profile,
    serve_site,
    watch,
)
from tests.assessment_support import start_fresh, wait_ready
from tests.team_support import open_team_page


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The freshly built site, built once per run: with ``-n`` (pytest-xdist) the first worker
    to get here builds it while the others wait, and each takes a copy of its own (serving it
    points its sitemap at the worker's own server). A build is many seconds of both cores."""
    own = tmp_path_factory.mktemp("build") / "site"
    try:
        if worker_id == "master":
            return build_site(own)
        run_dir = tmp_path_factory.getbasetemp().parent  # shared by this run's workers
        shared, done = run_dir / "built-site", run_dir / "built-site.done"
        with (run_dir / "built-site.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.is_file():
                shutil.rmtree(shared, ignore_errors=True)
                build_site(shared)
                done.touch()
        return Path(shutil.copytree(shared, own, symlinks=True))
    except BuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[SiteServer]:
    """The built site, served."""
    with serve_site(site_dir) as served:
        yield served


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """Playwright's driver for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    """One headless Chromium for the session. Its contexts are incognito: see
    ``shared_context`` for the one with a cache on disk."""
    launched = launch_chromium(playwright)
    try:
        yield launched
    finally:
        launched.close()


@contextmanager
def new_context(browser: Any, **options: Any) -> Iterator[Any]:
    """A new browser context, closed afterwards. The site's service worker (its offline copy)
    is blocked unless ``service_workers="allow"`` is asked for: see ``shared_context``."""
    options.setdefault("service_workers", "block")
    ctx = browser.new_context(**options)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def shared_context(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One browser context for the tests that need no cold browser: its HTTP cache, compiled
    code and the scorer's saved snapshot carry over from test to test, as they do across a
    reader's visits. Its saved answers and results do not (see ``context``). It is a profile
    on disk (``launch_profile``): in an incognito context every page that started the scorer
    downloaded and compiled the WebAssembly binary again.

    The site's service worker (the offline copy a reader's browser keeps once the scorer has
    started) is blocked here and in ``fresh_context``: these tests are about the network, and
    with the worker in place a failure a test routes would be answered from the offline copy,
    and a route would not see the worker's requests. ``reader_profile`` gives a browser with it,
    for the offline tests (tests/test_offline_browser.py)."""
    ctx = launch_profile(playwright, tmp_path_factory.mktemp("profile"), service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def housekeeping_page(shared_context: Any, site: SiteServer) -> Any:
    """A page of the shared context kept open on a plain file of the site (no scripts run
    there), from which ``context`` empties the site's local storage before each test."""
    page = shared_context.new_page()
    page.goto(site.url("pyodide/sizes.json"))
    return page


@pytest.fixture
def context(shared_context: Any, housekeeping_page: Any) -> Iterator[Any]:
    """The shared context with the site's storage emptied: what a reader's browser looks like
    on a later day after "Start over" and "Delete all" (pages' session storage dies with
    them). A test that changes the context itself (init scripts, permissions) or needs an
    empty cache uses ``fresh_context``."""
    housekeeping_page.evaluate("localStorage.clear()")
    before = set(shared_context.pages)  # pages kept for the session, such as the warm page
    try:
        yield shared_context
    finally:
        for page in shared_context.pages:
            if page not in before:
                page.close()
        shared_context.unroute_all(behavior="ignoreErrors")


@pytest.fixture
def fresh_context(browser: Any) -> Iterator[Any]:
    """A new browser context: empty cache and storage, as on a first visit."""
    with new_context(browser) as ctx:
        yield ctx


@pytest.fixture
def reader_profile(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A reader's own browser: a new profile on disk, with the site's service worker allowed
    (so the site can keep its offline copy there)."""
    ctx = launch_profile(playwright, tmp_path / "profile")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def blocked_profile(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A browser whose reader told it not to let sites save data (Chrome's own setting): every
    storage the site could use throws or refuses."""
    ctx = launch_profile(playwright, block_site_data(tmp_path / "blocked"))
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def no_js_page(browser: Any) -> Iterator[Any]:
    """A page in a context with JavaScript turned off."""
    with new_context(browser, java_script_enabled=False) as ctx:
        yield ctx.new_page()


@pytest.fixture
def watched(context: Any) -> WatchedPage:
    """A new page in the shared context that records foreign requests and console errors."""
    return watch(context)


@pytest.fixture(scope="session")
def warm_watched(shared_context: Any, site: SiteServer) -> Iterator[WatchedPage]:
    """One page for the session whose scorer is loaded once, in the shared context."""
    watched = watch(shared_context)
    watched.page.set_viewport_size({"width": 1280, "height": 800})
    watched.page.goto(site.url("assessment/"))
    wait_ready(watched.page)
    yield watched
    watched.page.close()


@pytest.fixture
def warm(warm_watched: WatchedPage, site: SiteServer) -> Iterator[Any]:
    """The shared page, on a fresh assessment; no console error or foreign request allowed."""
    page = warm_watched.page
    # The page in front: Chromium draws a tab behind another of its window at about one frame
    # a second, and every click waits for frames (the housekeeping page, opened later, would
    # otherwise sit in front, and each click took two seconds).
    page.bring_to_front()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(media="screen", color_scheme="light")
    if page.locator("body").get_attribute("data-md-color-scheme") != "default":
        # Another page of the shared context saved a colour scheme: forget it.
        page.evaluate("localStorage.clear()")
        page.reload()
        wait_ready(page)
    start_fresh(page, site)
    warm_watched.console_errors.clear()
    yield page
    assert warm_watched.foreign_requests == []
    assert warm_watched.console_errors == []


@pytest.fixture
def team_page(site: SiteServer, watched: WatchedPage) -> Any:
    """The team page (assessment/team/) with its scorer ready, in a watched page; no console
    error or foreign request allowed."""
    open_team_page(site, watched.page)
    yield watched.page
    assert watched.foreign_requests == []
    assert watched.console_errors == []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests first, the page walks first of all. With ``-n`` (pytest-xdist)
    the long tests then start early and the many quick ones fill the gaps, instead of one
    worker finishing a long walk alone at the end. The order is the same in every worker."""

    def rank(item: pytest.Item) -> int:
        if item.get_closest_marker("browser") is None:
            return 2
        return 0 if item.name.startswith("test_every_page_is_accessible") else 1

    items.sort(key=rank)
