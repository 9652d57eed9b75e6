"""The assessment page's layout in the browser: without JavaScript, the mobile drawer,
questions drawn as the keyboard reaches them, "Back to top" clear of the progress bar, the
logo's colour, and the answered bar in the page's colours.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness import SiteServer, watch
from tests.assessment_support import QUESTION_IDS, cli_score, in_viewport, pattern
from tests.ui_text import ui
from tests.waits import animations_finished, scroll_settled

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Problem 7: without JavaScript.


def test_without_javascript_nothing_can_submit_the_answers(
    no_js_page: Any, site: SiteServer
) -> None:
    page = no_js_page
    page.goto(site.url("assessment/"))
    assert page.locator(".ex-question").count() == len(QUESTION_IDS)
    assert page.locator("form .ex-question, form#ex-assessment").count() == 0
    assert page.get_by_role("button", name=ui("build.form.submit")).is_disabled()
    note = page.locator(".ex-noscript")
    assert "needs JavaScript" in note.inner_text()
    note_top = note.evaluate("(n) => n.getBoundingClientRect().top")
    first_question = page.locator(".ex-question").first
    assert note_top < first_question.evaluate("(n) => n.getBoundingClientRect().top")
    # Right under the title, before the introduction: seen at once, even on a phone.
    assert note.evaluate(
        "(n) => n.previousElementSibling?.tagName === 'H1' || "
        "n.closest('noscript')?.previousElementSibling?.tagName === 'H1'"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    assert note.evaluate("(n) => n.getBoundingClientRect().bottom") < 844
    assert not page.locator(".ex-progress").is_visible()


def test_without_javascript_a_result_link_says_javascript_is_needed(
    no_js_page: Any, site: SiteServer
) -> None:
    code = cli_score(pattern("all-3"))["code"]
    no_js_page.goto(site.url(f"levels/level-3/#result={code}"))
    note = no_js_page.locator("article .ex-noscript")
    assert note.is_visible()
    assert "needs JavaScript" in note.inner_text()
    assert not no_js_page.locator("#ex-result").is_visible()


# ---------------------------------------------------------------------------------------------
# Problems 9 and 10: the mobile drawer, "Back to top", the logo.


def test_the_closed_mobile_drawer_is_out_of_the_tab_order_and_unrendered_and_opens_to_links(
    site: SiteServer, context: Any
) -> None:
    # Closed, the drawer's contents are skipped (content-visibility: hidden): Material's start-up
    # restyles the page several times, and the drawer held a third of a level page's elements.
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("levels/level-2/"))
    state = """() => {
        const drawer = document.querySelector(".md-sidebar--primary");
        const link = drawer.querySelector("a.md-nav__link[href*='level-4']");
        return [getComputedStyle(drawer).contentVisibility, link.checkVisibility()];
    }"""
    assert page.evaluate(state) == ["hidden", False]
    in_drawer = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        in_drawer += page.evaluate(
            "() => !!document.activeElement?.closest('.md-sidebar--primary')"
        )
    assert in_drawer == 0
    page.locator(".md-header label[for=__drawer]").click()
    animations_finished(page, ".md-sidebar--primary")  # the drawer has slid in
    assert page.evaluate(state) == ["visible", True]
    link = page.locator(".md-sidebar--primary a.md-nav__link[href*='level-4']").first
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    link.click()
    page.wait_for_url("**/levels/level-4/")
    page.set_viewport_size({"width": 1280, "height": 800})  # a sidebar, not a drawer
    assert page.evaluate(state)[0] == "visible"


def test_questions_far_below_are_skipped_until_the_keyboard_reaches_them_in_view(
    site: SiteServer, context: Any
) -> None:
    # Off-screen questions are not laid out or painted (content-visibility: auto), which
    # lightens Material's start-up restyles; a keyboard user still walks into every one of them
    # and sees the focused answer.
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("assessment/"))
    page.locator(".ex-progress:not([hidden])").wait_for()
    drawn = """() => [...document.querySelectorAll('.ex-question legend')]
        .map((legend) => legend.checkVisibility({contentVisibilityAuto: true}))"""
    questions = page.evaluate(drawn)
    assert questions[0] is True
    assert questions[-1] is False
    last = page.locator(".ex-question").last
    last_first_choice = last.locator("input").first
    page.locator(".ex-question").nth(-2).locator("input").last.focus()
    page.keyboard.press("Tab")  # from the question before it, into the last question
    assert last_first_choice.evaluate("element => element === document.activeElement")
    # Drawn once the browser has scrolled it into view and updated what is on screen.
    page.wait_for_function(f"() => ({drawn})().at(-1)", timeout=5_000)
    assert page.evaluate(drawn)[-1] is True
    assert in_viewport(page, ".ex-question:last-of-type input:focus")


def test_back_to_top_does_not_cover_the_progress_bar(site: SiteServer, context: Any) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("assessment/"))
    page.locator(".ex-progress:not([hidden])").wait_for()
    page.mouse.wheel(0, 4_000)
    page.wait_for_function("() => scrollY > 0")
    scroll_settled(page)  # Material has seen the page scroll down
    page.mouse.wheel(0, -300)  # scrolling up shows "Back to top"
    top = page.locator(".md-top")
    top.wait_for(state="visible")
    scroll_settled(page)
    animations_finished(page, ".md-top")  # it has slid into its place
    boxes = page.evaluate(
        """() => [".md-top", ".ex-progress"].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [r.top, r.bottom];
        })"""
    )
    (button_top, button_bottom), (bar_top, bar_bottom) = boxes
    assert button_top >= bar_bottom or button_bottom <= bar_top, boxes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logo_takes_the_header_colour(site: SiteServer, context: Any, scheme: str) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url())
    colours = page.evaluate(
        """() => {
            const fill = (s) => getComputedStyle(document.querySelector(s)).fill;
            return [fill(".md-logo svg"), fill(".md-header__button.md-icon svg")];
        }"""
    )
    assert colours[0] == colours[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_answered_bar_is_drawn_in_the_pages_colours(
    site: SiteServer, context: Any, scheme: str
) -> None:
    """Not the browser's own bar, whose track stays pale on the dark scheme: a faint track in
    the page's foreground colour, whatever the scheme."""
    page = watch(context).page
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    drawn = page.locator("#ex-progress-bar").evaluate(
        """(bar) => {
            const style = getComputedStyle(bar);
            const alpha = style.backgroundColor.match(/[\\d.]+/g).map(Number)[3] ?? 1;
            return {appearance: style.appearance, alpha};
        }"""
    )
    assert drawn["appearance"] == "none"
    assert drawn["alpha"] <= 0.2, drawn
