"""Every page of the built site: accessible in both colour schemes, loads from its own origin only,
without errors or policy violations, with an <h1>; and the checks every browser test relies on
(axe, the watch on requests to other hosts) fail on real problems.
"""

from __future__ import annotations

import pytest

from harness import SiteServer, WatchedPage, site_pages, watch
from tests.axe import axe_violations

pytestmark = pytest.mark.browser


#: Every table wider than its box is a focusable region named in the page's language (its
#: ``table`` message: "Table: ...", "Tableau : ...").
SCROLLING_TABLES_FOCUSABLE_JS = """() => [...document.querySelectorAll(".md-typeset__scrollwrap")]
    .every((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1
        || (wrap.tabIndex === 0 && wrap.getAttribute("role") === "region"
            && (wrap.getAttribute("aria-label") || "").startsWith(
                JSON.parse(document.getElementById("ex-messages").textContent).table)))"""


@pytest.mark.parametrize(
    ("scheme", "visit"),
    [("light", "first"), ("dark", "repeat")],
    ids=["light-first-visit", "dark-repeat-visit"],
)
def test_every_page_is_accessible_and_self_contained(
    request: pytest.FixtureRequest, site: SiteServer, scheme: str, visit: str
) -> None:
    """One walk over every page per colour scheme: HTTP status, an <h1>, axe-core (Material's
    frame on the first page, each page's own part on every page), console errors (including
    Content Security Policy violations) and requests to other hosts. The
    light walk is a first visit (a new browser context: empty cache, the scorer's first start);
    the dark one a repeat visit (the shared context: warm cache, the scorer's snapshot) on a
    phone's screen, where wide tables scroll sideways and must be reachable by keyboard."""
    pages = site_pages(site.root)
    assert len(pages) >= 12, pages
    # The first visit gets a new browser context, the repeat visit the shared one.
    walk_context = request.getfixturevalue("fresh_context" if visit == "first" else "context")
    watched = watch(walk_context)
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    if scheme == "dark":
        page.set_viewport_size({"width": 390, "height": 844})
    problems: list[str] = []
    for index, path in enumerate(pages):
        # Axe runs once the page has loaded; a request the page makes later is still
        # recorded, under the next page's name. The last page waits for the network to
        # settle so that nothing escapes the walk.
        last = index == len(pages) - 1
        response = page.goto(site.url(path), wait_until="networkidle" if last else "load")
        assert response is not None
        if response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
        shown = page.evaluate(
            """() => ({
                scheme: document.body.getAttribute("data-md-color-scheme"),
                h1: !!document.querySelector("article h1, .md-content h1"),
                assessment: !!document.getElementById("ex-assessment"),
            })"""
        )
        if shown["scheme"] != ("slate" if scheme == "dark" else "default"):
            problems.append(f"{path}: not in the {scheme} scheme")
        if not shown["h1"]:
            problems.append(f"{path}: no <h1>")
        if shown["assessment"]:
            # The scorer works here, and the pages after this one start it from the
            # snapshot it saves instead of each starting Python afresh and being left.
            page.locator("#ex-status[data-scorer=ready]").wait_for(state="attached", timeout=60_000)
        # A table wider than the screen becomes a focusable region once tables.mjs has run.
        page.wait_for_function(SCROLLING_TABLES_FOCUSABLE_JS, timeout=5_000)
        # Material's header, navigation and footer are one template: checked in full on
        # the first page, the rest of every page on every page.
        found = axe_violations(page, skip_chrome=index > 0)
        problems += [f"{path}: {line}" for line in found]
        problems += [f"{path}: request to another host: {u}" for u in watched.foreign_requests]
        problems += [f"{path}: console error: {text}" for text in watched.console_errors]
        watched.foreign_requests.clear()
        watched.console_errors.clear()
    assert problems == []


def test_the_accessibility_check_names_planted_violations(
    site: SiteServer, watched: WatchedPage
) -> None:
    """The axe helper every page check relies on fails on real problems and names them."""
    page = watched.page
    page.goto(site.url())
    assert axe_violations(page) == []
    page.evaluate(
        "document.querySelector('article h1')"
        ".insertAdjacentHTML('afterend', '<img src=\"x.png\"><button></button>')"
    )
    assert sorted(axe_violations(page)) == [
        "button-name (critical): article > button",
        "image-alt (critical): img",
    ]
    # Leaving Material's frame out still checks the page's own part, and only that.
    page.evaluate(
        "document.querySelector('.md-footer').insertAdjacentHTML('beforeend', '<button>')"
    )
    assert sorted(axe_violations(page, skip_chrome=True)) == [
        "button-name (critical): article > button",
        "image-alt (critical): img",
    ]
    assert "button-name (critical): footer > button" in axe_violations(page)


def test_a_request_to_another_host_is_recorded_and_fails_at_once(watched: WatchedPage) -> None:
    """The watch every browser test relies on: Chromium resolves no host but the local server,
    and a request to another host is on the list the tests check. (On the site's own pages
    the Content Security Policy stops such a request before it is made, so this runs on a
    blank page.)"""
    watched.page.goto("about:blank")
    outcome = watched.page.evaluate(
        "() => fetch('https://fonts.googleapis.com/css?family=Roboto').then("
        "() => 'loaded', () => 'failed')"
    )
    assert outcome == "failed"
    assert watched.foreign_requests == ["https://fonts.googleapis.com/css?family=Roboto"]
