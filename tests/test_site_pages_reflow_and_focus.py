"""The pages of the built site fit small screens and keep keyboard focus in view: nothing scrolls
sideways on a phone or tablet, a title fits one line, a result and the progress page fit 320 px
with wider text spacing (WCAG 1.4.10, 1.4.12), focus is never hidden under the sticky bars (2.4.11)
and moves to the new page after instant navigation.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness import SiteServer, WatchedPage, instant_goto, site_pages
from tests.page_source import heading_text

pytestmark = pytest.mark.browser

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
    step = heading_text("levels/level-4.md", "step-1")
    assert page.evaluate(FOCUS_JS)["text"].startswith(step)
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
