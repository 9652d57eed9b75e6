"""What the pages of the built site do for a reader: an unknown address gets the helpful 404 page,
instant navigation works under the sub-path, the text reads without JavaScript, pages print without
the navigation, template fields and checklists keep what was typed and ticked, and search finds the
metric abbreviations.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from harness import SUB_PATH, SiteServer, WatchedPage
from quiz.build import site as identity
from tests.page_source import field_label

pytestmark = pytest.mark.browser


def test_unknown_address_serves_the_helpful_404_page(
    site: SiteServer, watched: WatchedPage
) -> None:
    response = watched.page.goto(site.url("no/such/page/"), wait_until="networkidle")
    assert response is not None
    assert response.status == 404
    assert watched.page.title() == f"Page not found - {identity().name}"
    assert watched.page.locator("h1").inner_text() == "Page not found"
    assessment = watched.page.get_by_role("link", name="Take the assessment")
    assessment.click()
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.url == site.url("assessment/")
    assert watched.foreign_requests == []


def test_instant_navigation_keeps_working_under_the_sub_path(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url(), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Metrics glossary").first.click()
    page.wait_for_url(site.url("metrics/"))
    page.locator("article h1", has_text="Metrics glossary").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # instant, not a full page load
    page.go_back()
    page.wait_for_url(site.url())
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_playbook_text_reads_without_javascript(no_js_page: Any, site: SiteServer) -> None:
    page = no_js_page
    page.goto(site.url("levels/level-2/"))
    article = page.locator("article")
    assert article.locator("h1").is_visible()
    words = article.inner_text().split()
    assert len(words) > 400
    assert article.locator("#take-action").is_visible()


def test_pages_print_without_navigation_chrome(site: SiteServer, watched: WatchedPage) -> None:
    page = watched.page
    page.goto(site.url("levels/level-1/"), wait_until="networkidle")
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator("article #take-action").is_visible()


def test_template_fields_take_typing_and_print_what_was_typed(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url("forms/team-cx-goal/"), wait_until="networkidle")
    # The labels are read from the template's source: renaming a field there breaks nothing.
    form = "forms/team-cx-goal.md"
    owner = page.get_by_label(field_label(form, "tg-owner"), exact=True)
    date = page.get_by_label(field_label(form, "tg-date"), exact=True)
    measure = page.get_by_label(field_label(form, "tg-row-2-measure"), exact=True)
    owner.click()
    page.keyboard.type("Sam / support lead")  # "/" and "s" are Material's search shortcuts
    assert owner.input_value() == "Sam / support lead"
    assert not page.locator("#__search").is_checked()  # the search dialog stayed shut
    date.fill("2026-03-31")
    measure.fill("Call-backs made on time")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    for field, value in [
        (owner, "Sam / support lead"),
        (date, "2026-03-31"),
        (measure, "Call-backs made on time"),
    ]:
        assert field.is_visible()
        assert field.input_value() == value
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def site_relative(url: str) -> str:
    """``metrics/#nps`` for the address of that page of the site, wherever it is served."""
    parts = urlsplit(url)
    relative = parts.path.removeprefix(SUB_PATH) + (f"?{parts.query}" if parts.query else "")
    return relative + (f"#{parts.fragment}" if parts.fragment else "")


#: Counts what Material's search worker is asked (a query on each key) and answers (one list
#: per query, in order, drawn as it arrives): the list is the last query's once they match.
SEARCH_WATCH = """
window.__search = {asked: 0, answered: 0, last: null};
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2 && typeof message.data === "string") {
        if (!this.__searchWatched) {
            this.__searchWatched = true;
            this.addEventListener("message", (event) => {
                if (event.data && event.data.type === 3) window.__search.answered += 1;
            });
        }
        window.__search.asked += 1;
        window.__search.last = message.data;
    }
    return post.call(this, message, ...rest);
};
"""


def search_results(page: Any, query: str) -> list[str]:
    """The addresses of the search results for ``query``, best first (site-relative). The page
    runs ``SEARCH_WATCH`` (an init script)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    # The worker has answered the query as typed in full (it answers in order).
    page.wait_for_function(
        "(query) => __search.last === query && __search.answered === __search.asked", arg=query
    )
    hrefs: list[str] = page.locator(
        ".md-search-result__item > .md-search-result__link"
    ).evaluate_all("(links) => links.map((link) => link.getAttribute('href'))")
    box.fill("")
    return [site_relative(urljoin(page.url, href)) for href in hrefs]


def test_search_finds_metric_abbreviations_in_brackets_and_puts_explanations_first(
    site: SiteServer, watched: WatchedPage
) -> None:
    """ "NPS" is written "(NPS)" and "eNPS" as "(eNPS)" where they are defined: the search
    splits words at brackets and punctuation, so the glossary comes first, not the
    assessment's questions (which mention every term, and rank lower on purpose)."""
    page = watched.page
    page.add_init_script(SEARCH_WATCH)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url(), wait_until="networkidle")
    nps = search_results(page, "NPS")
    assert nps[0].startswith("metrics/")
    assert any(href.endswith("#nps") for href in nps[:3]), nps
    enps = search_results(page, "eNPS")
    assert enps[0].startswith("metrics/")
    assert any(href.endswith("#employee-nps") for href in enps[:3]), enps
    for query in ("onboarding", "manager"):
        found = search_results(page, query)
        assert not found[0].startswith("assessment/?"), (query, found)
    assert watched.console_errors == []


def test_readers_tick_the_action_checklists_and_find_their_ticks_next_time(
    site: SiteServer, watched: WatchedPage
) -> None:
    """The level pages' checklists are for doing: a tick stays after a reload (this browser
    only), is the page's own, and goes when unticked."""
    page = watched.page
    page.goto(site.url("levels/level-2/"))
    boxes = page.locator("article .task-list-item input[type=checkbox]")
    assert boxes.count() >= 3
    assert boxes.first.is_enabled()
    second = boxes.nth(1)
    second.locator("xpath=..").click()  # the label, as a reader clicks it
    assert second.is_checked()
    page.reload()
    boxes.first.wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelectorAll('article .task-list-item input[data-ex-kept]').length"
    )
    assert boxes.nth(1).is_checked()
    assert not boxes.first.is_checked()
    page.goto(site.url("levels/level-3/"))
    page.wait_for_function(
        "() => document.querySelectorAll('article .task-list-item input[data-ex-kept]').length"
    )
    assert page.locator("article .task-list-item input:checked").count() == 0
    page.goto(site.url("levels/level-2/"))
    page.wait_for_function(
        "() => document.querySelectorAll('article .task-list-item input[data-ex-kept]').length"
    )
    boxes.nth(1).locator("xpath=..").click()
    page.reload()
    page.wait_for_function(
        "() => document.querySelectorAll('article .task-list-item input[data-ex-kept]').length"
    )
    assert page.locator("article .task-list-item input:checked").count() == 0
    # A keyboard user sees where they are: the drawn box shows the focus.
    boxes.first.focus()
    page.keyboard.press("Tab")
    ring = boxes.nth(1).evaluate(
        "(box) => [document.activeElement === box,"
        " getComputedStyle(box.nextElementSibling).outlineStyle]"
    )
    assert ring == [True, "solid"]
    assert watched.console_errors == []
