"""Every page of the built site: accessible in both colour schemes, loads from its own origin
only, without errors or policy violations, with an <h1>."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from harness import SUB_PATH, SiteServer, WatchedPage, instant_goto, site_pages, watch
from quiz.build import site as identity
from tests.axe import axe_violations

pytestmark = pytest.mark.browser


SCROLLING_TABLES_FOCUSABLE_JS = """() => [...document.querySelectorAll(".md-typeset__scrollwrap")]
    .every((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1
        || (wrap.tabIndex === 0 && wrap.getAttribute("role") === "region"
            && (wrap.getAttribute("aria-label") || "").startsWith("Table: ")))"""


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
    owner = page.get_by_label("Owner", exact=True)
    owner.click()
    page.keyboard.type("Sam / support lead")  # "/" and "s" are Material's search shortcuts
    assert owner.input_value() == "Sam / support lead"
    assert not page.locator("#__search").is_checked()  # the search dialog stayed shut
    page.get_by_label("Date agreed").fill("2026-03-31")
    page.get_by_label("Row 2: Individual measure").fill("Call-backs made on time")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    for field, value in [
        (owner, "Sam / support lead"),
        (page.get_by_label("Date agreed"), "2026-03-31"),
        (page.get_by_label("Row 2: Individual measure"), "Call-backs made on time"),
    ]:
        assert field.is_visible()
        assert field.input_value() == value
    assert watched.console_errors == []
    assert watched.foreign_requests == []


SIDEWAYS_JS = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("article *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ends at ` +
            `${Math.round(el.getBoundingClientRect().right)}`);
    return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.mark.parametrize(
    ("width", "javascript"),
    [(390, True), (390, False), (768, True)],
    ids=["phone", "phone-no-javascript", "tablet"],
)
def test_no_page_scrolls_sideways_on_a_phone_or_tablet(
    request: pytest.FixtureRequest, browser: Any, site: SiteServer, width: int, javascript: bool
) -> None:
    """At 390 and 768 px every page fits the screen: nothing pushes it sideways, including
    parts the browser has not drawn yet (the assessment's skipped questions) and fill-in tables
    (cards on a phone, a table on a tablet). What scrolls inside its own box (Material's table
    wrapper, code, the tab bar) is fine."""
    # With JavaScript, a page of the shared context (its cache and scorer warm); without, a
    # context of its own (JavaScript is switched off for a whole context).
    context = (
        request.getfixturevalue("context")
        if javascript
        else browser.new_context(java_script_enabled=False)
    )
    try:
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 1024})
        problems: list[str] = []
        for path in site_pages(site.root):
            page.goto(site.url(path), wait_until="load")
            found = page.evaluate(SIDEWAYS_JS)
            if found["scroll"] > found["client"]:  # "wide" only says what is to blame
                problems.append(f"{path}: {found['scroll']} px wide {found['wide']}")
        assert problems == []
    finally:
        if not javascript:
            context.close()


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


def test_a_page_title_that_fits_a_phone_takes_one_line(site: SiteServer, context: Any) -> None:
    """The title's hidden permalink used to wrap onto a blank second line at 390 px."""
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url())
    lines = page.locator("article h1").evaluate(
        "(h) => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)"
    )
    assert lines < 1.5


# The focused element when it is entirely hidden: above the window, or under the sticky header
# (and, on the assessment, the sticky answered count). Material's own bars are not checked.
HIDDEN_FOCUS_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el.closest(
        ".md-header, .md-sidebar, .md-footer, .ex-progress, .md-top, .md-search")) return null;
    const box = el.getBoundingClientRect();
    if (!box.width && !box.height) return null;
    const bars = [...document.querySelectorAll(".md-header, .ex-progress:not([hidden])")]
        .map((bar) => bar.getBoundingClientRect().bottom);
    const covered = Math.max(0, ...bars);
    if (box.bottom > covered + 1) return null;
    const name = (el.getAttribute("aria-label") || el.textContent || el.id || "").trim();
    return `${el.tagName.toLowerCase()} "${name.slice(0, 40)}" at ${Math.round(box.top)}`
        + `..${Math.round(box.bottom)} px, the sticky bars end at ${Math.round(covered)} px`;
}"""


def hidden_focus_walking_back(page: Any, presses: int) -> list[str]:
    """Shift+Tab from the footer's last link: each focus stop entirely hidden on the way."""
    page.locator(".md-footer a").last.focus()
    hidden: list[str] = []
    for _ in range(presses):
        page.keyboard.press("Shift+Tab")
        if found := page.evaluate(HIDDEN_FOCUS_JS):
            hidden.append(found)
    return hidden


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["1280x800", "390x844"])
def test_keyboard_focus_is_never_hidden_under_the_sticky_bars(
    site: SiteServer, watched: WatchedPage, size: tuple[int, int]
) -> None:
    """WCAG 2.4.11: walking backwards with Shift+Tab, the browser scrolled each control only
    as far as the window's top edge, under the sticky header (and on the assessment the
    answered count), so the reader saw no focus at all. Also the assessment's own case: Tab to
    "See my level", then Shift+Tab back to the last question."""
    from quiz import encode, load_bank

    page = watched.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    bank = load_bank()
    code = encode(bank, {q.id: 2 for q in bank.questions})
    problems: list[str] = []
    for path in ("metrics/", "levels/level-3/", f"levels/level-2/#result={code}"):
        page.goto(site.url(path), wait_until="load")
        if "#result=" in path:
            page.locator("#ex-result[data-state=result]").wait_for(timeout=60_000)
        problems += [f"{path}: {found}" for found in hidden_focus_walking_back(page, 40)]
    page.goto(site.url("assessment/"), wait_until="load")
    last, before = bank.questions[-1].id, bank.questions[-2].id
    page.locator(f"#q-{before}-unsure").focus()
    for key in ("Tab", "Tab", "Shift+Tab"):
        page.keyboard.press(key)
        if found := page.evaluate(HIDDEN_FOCUS_JS):
            problems.append(f"assessment/ after {key}: {found}")
    assert page.evaluate("document.activeElement.name") == last
    assert problems == []
    assert watched.console_errors == []


FOCUS_JS = """() => {
    const el = document.activeElement;
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        inArticle: !!el.closest("article"),
        text: (el.textContent || "").replace("¶", "").trim().slice(0, 60),
    };
}"""


def test_a_link_followed_with_instant_navigation_moves_focus_to_the_new_page(
    site: SiteServer, watched: WatchedPage
) -> None:
    """Material swaps the page without a load and left focus on <body>: the next Tab went
    through the sidebar's links and a screen reader heard nothing. Focus now goes to the new
    page's <h1>, or to the heading a link's #anchor names, as a page load would."""
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url("levels/"), wait_until="load")
    page.locator("article").evaluate("(el) => { el.dataset.left = 'true'; window.__same = 1; }")
    from quiz import load_bank

    level_3 = f"Level 3: {load_bank().level(3).name}"  # the name comes from the bank
    page.get_by_role("link", name=level_3).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/levels/level-3/")
    page.locator("article:not([data-left])").wait_for(state="attached")
    page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=5_000)
    assert page.evaluate(FOCUS_JS)["inArticle"]
    assert page.evaluate("window.__same") == 1  # instant navigation: no page load
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_JS)["inArticle"]  # the content next, not the sidebar
    instant_goto(page, site.url("levels/level-4/#step-1"))
    page.wait_for_function("() => document.activeElement.id === 'step-1'", timeout=5_000)
    assert page.evaluate(FOCUS_JS)["text"].startswith("Step 1")
    assert watched.console_errors == []


# WCAG 1.4.12's text spacing, as a reader's extension or style sheet applies it.
TEXT_SPACING_JS = """() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def test_a_result_and_the_progress_page_fit_320_px_with_wider_text_spacing(
    site: SiteServer, watched: WatchedPage
) -> None:
    """WCAG 1.4.10 and 1.4.12 together: at 320 px with the text spacing a reader may set, the
    result's table (its chart column made it 343 px wide) and the history page's file field
    no longer push the page sideways."""
    from quiz import encode, load_bank

    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    bank = load_bank()
    answers = {q.id: 2 for q in bank.questions} | {bank.questions[0].id: None}
    wide: list[str] = []
    for path in (f"levels/level-2/#result={encode(bank, answers)}", "assessment/history/"):
        page.goto(site.url(path), wait_until="load")
        if "#result=" in path:
            page.locator("#ex-result[data-state=result]").wait_for(timeout=60_000)
        else:
            page.locator("#ex-history-import").wait_for()
        page.evaluate(TEXT_SPACING_JS)
        found = page.evaluate(SIDEWAYS_JS)
        if found["scroll"] > found["client"]:
            wide.append(f"{path}: {found['scroll']} px wide {found['wide']}")
    assert wide == []
    assert watched.console_errors == []
