"""The smaller defects of issue 24, each as a reader meets it: a result link's page that jumps
as the result arrives, the plan printed with names cut off and "mm/dd/yyyy" for empty dates, a
link that is hard to read on the dark scheme, names written right to left that turn a sentence
around, a progress bar that sits full and still while Python starts, and text typed into a
template that is gone after following a link.

(The team page's defects of the same list are its own tests' business.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer, instant_goto, launch_profile, storage_key, watch
from quiz import load_bank
from quiz.web import score_json
from tests.axe import axe_violations
from tests.progress_support import step_label
from tests.ui_text import CUT, ui, ui_upto
from tests.waits import next_frames

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
READY_TIMEOUT_MS = 60_000
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def result_for(answers: dict[str, int | None]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result


def mixed() -> dict[str, int | None]:
    """Mostly Level 3, one area held at Level 1: a result with a plan."""
    answers: dict[str, int | None] = dict.fromkeys(QUESTION_IDS, 3)
    for question in BANK.questions_for(BANK.dimensions[0].id):
        answers[question.id] = 1
    return answers


def result_link(site: SiteServer, result: dict[str, Any], page: str | None = None) -> str:
    path = page or str(result["page"]).removesuffix(".md") + "/"
    return site.url(f"{path}#result={result['code']}")


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result[data-state=result]")
    panel.wait_for(timeout=READY_TIMEOUT_MS)
    return panel


# ---------------------------------------------------------------------------------------------
# Layout shift (CLS) on a result link and on the progress page.

LAYOUT_SHIFTS = """
window.__shifts = [];
window.__noteShifts = (entries) => {
    for (const entry of entries) {
        if (!entry.hadRecentInput) window.__shifts.push([entry.startTime, entry.value]);
    }
};
window.__shiftObserver = new PerformanceObserver((list) => window.__noteShifts(list.getEntries()));
window.__shiftObserver.observe({type: "layout-shift", buffered: true});
"""

#: Cumulative Layout Shift as the browser reports it (web-vitals): the largest sum of shifts
#: in a session window (shifts less than 1 s apart, at most 5 s long).
CLS = """() => {
    window.__noteShifts(window.__shiftObserver.takeRecords());  // recorded, not yet delivered
    let best = 0, sum = 0, start = -1, last = -1;
    for (const [time, value] of window.__shifts) {
        if (start < 0 || time - last > 1000 || time - start > 5000) { sum = 0; start = time; }
        sum += value;
        last = time;
        best = Math.max(best, sum);
    }
    return best;
}"""


@pytest.fixture
def first_visit(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A new browser profile on disk, its first visit (the scorer downloads and starts)."""
    ctx = launch_profile(playwright, tmp_path / "profile", service_workers="block")
    ctx.add_init_script(LAYOUT_SHIFTS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_a_result_link_and_the_progress_page_do_not_shift_as_their_results_arrive(
    site: SiteServer, first_visit: Any, size: str
) -> None:
    """A result arrives seconds after its page is drawn: it pushed the page's text down (CLS
    0.29 on a wide screen, 0.5-0.7 on a phone), and the progress page's list and charts pushed
    its sections and footer (0.25 and 0.35). The target is at most 0.1."""
    width, height = SIZES[size]
    result = result_for(mixed())
    page = watch(first_visit).page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(result_link(site, result))
    wait_for_panel(page)
    # The last of the result to arrive is its plan's steps (the steps index is fetched); once
    # they are drawn, fonts are in and the frames that follow are drawn, everything that could
    # move has moved, and the shifts are recorded.
    page.get_by_role("region", name=ui("page.plan_title")).locator(
        ".ex-plan__steps"
    ).first.wait_for()
    page.evaluate("document.fonts.ready.then(() => true)")
    next_frames(page)
    assert page.evaluate(CLS) <= 0.1
    # The progress page, with two saved results read by the scorer.
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [
            storage_key("history:v1"),
            json.dumps(
                [
                    {"code": result["code"], "date": "2026-01-02"},
                    {
                        "code": result_for(dict.fromkeys(QUESTION_IDS, 2))["code"],
                        "date": "2026-06-01",
                    },
                ]
            ),
        ],
    )
    page = first_visit.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url("assessment/history/"))
    page.locator(".ex-history__list a").first.wait_for(timeout=READY_TIMEOUT_MS)
    page.locator("svg.ex-chart--time").first.wait_for()
    # The list and charts are drawn together from the scorer's one reply: with them, fonts
    # and the frames that follow, every shift has happened and is recorded.
    page.evaluate("document.fonts.ready.then(() => true)")
    next_frames(page)
    assert page.evaluate(CLS) <= 0.1


def test_a_level_page_without_a_result_keeps_no_empty_place(site: SiteServer, context: Any) -> None:
    """The place kept for a result is only for a result link: after one, a level page reached
    by a link has its text right under the title again."""
    page = watch(context).page
    page.goto(result_link(site, result_for(mixed())))
    wait_for_panel(page)
    instant_goto(page, site.url("levels/level-1/"))
    assert page.locator("#ex-result").bounding_box() is None  # hidden, and taking no room
    assert not page.evaluate("document.documentElement.classList.contains('ex-result-link')")


# ---------------------------------------------------------------------------------------------
# The printed plan.

LONG_OWNER = "Maximiliana Featherstonehaugh-Cholmondeley, Director of Customer Experience"


def test_the_printed_plan_shows_whole_owner_names_and_blank_lines_for_empty_dates(
    site: SiteServer, context: Any
) -> None:
    result = result_for(mixed())
    area = next(a for a in result["profile"] if a["id"] in result["plan_areas"])
    page = watch(context).page
    page.goto(result_link(site, result))
    plan = wait_for_panel(page).get_by_role("region", name=ui("page.plan_title"))
    plan.locator(".ex-plan__steps").first.wait_for()
    plan.get_by_label(step_label("owner", 1, area["name"]), exact=True).fill(LONG_OWNER)
    page.evaluate("window.print = () => {}")
    plan.get_by_role("button", name=ui("page.plan_print")).click()
    page.emulate_media(media="print")
    try:
        row = plan.locator(".ex-plan__steps tbody tr").first
        owner, due = row.locator("td").nth(0), row.locator("td").nth(1)
        # The whole name is on paper, as text that wraps between words, inside its cell.
        assert " ".join(owner.inner_text().split()) == LONG_OWNER
        cut = owner.evaluate(
            """(cell) => [...cell.querySelectorAll("*")].filter((node) =>
                getComputedStyle(node).display !== "none"
                && node.scrollWidth > node.clientWidth + 1).length"""
        )
        assert cut == 0
        # An empty date is a blank line: no field, so no "mm/dd/yyyy".
        assert due.inner_text().strip() == ""
        assert not due.locator("input").is_visible()
    finally:
        page.emulate_media(media="screen")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")


# ---------------------------------------------------------------------------------------------
# Contrast on the dark scheme.


def test_a_result_on_another_levels_page_passes_axe_on_the_dark_scheme(
    site: SiteServer, context: Any
) -> None:
    """ "go to the Level N page" had a contrast of 4.15:1 on the dark scheme (axe: serious)."""
    page = watch(context).page
    page.emulate_media(color_scheme="dark")
    result = result_for(dict.fromkeys(QUESTION_IDS, 3))
    page.goto(result_link(site, result, "levels/level-1/"))
    panel = wait_for_panel(page)
    assert panel.get_by_role(
        "link",
        name=ui("page.result_elsewhere_link", level=ui("page.level_text", level=result["level"])),
    ).is_visible()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_violations(page) == []


# ---------------------------------------------------------------------------------------------
# Names written right to left.

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, never closed


def test_a_name_written_right_to_left_cannot_turn_the_sentence_around_it(
    site: SiteServer, context: Any
) -> None:
    """An owner's name and an imported file's name are isolated (<bdi>, dir="auto"): an
    unclosed right-to-left override in one stays inside it."""
    result = result_for(mixed())
    area = next(a for a in result["profile"] if a["id"] in result["plan_areas"])
    page = watch(context).page
    page.goto(result_link(site, result))
    plan = wait_for_panel(page).get_by_role("region", name=ui("page.plan_title"))
    owner = plan.get_by_label(step_label("owner", 1, area["name"]), exact=True)
    owner.fill(f"{RLO}Priya")
    assert owner.get_attribute("dir") == "auto"
    printed = owner.locator("xpath=..").locator("bdi")
    assert printed.inner_text() == f"{RLO}Priya"
    page.goto(site.url("assessment/history/"))
    page.locator("#ex-history").get_by_role("heading", name=ui("page.history_title")).wait_for(
        timeout=READY_TIMEOUT_MS
    )
    history = {
        "format": "ex-maturity-playbook/history",
        "version": 1,
        "exported": "2026-01-01",
        "entries": [{"code": result["code"], "date": "2026-01-01"}],
    }
    name = f"{RLO}results.json"
    page.get_by_label(ui("page.history_import")).set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": json.dumps(history).encode()}
    )
    message = page.locator("#ex-history .ex-status__message")
    message.get_by_text(ui_upto("page.history_imported_one", count=1, file=CUT)).wait_for(
        timeout=READY_TIMEOUT_MS
    )
    assert message.locator("bdi").inner_text() == name
    # What follows the name is outside it: in the sentence's own direction.
    assert message.locator("bdi").evaluate("(name) => name.nextSibling.textContent") == "."


# ---------------------------------------------------------------------------------------------
# The progress bar while Python starts.


def test_while_python_starts_the_bar_shows_it_is_busy_not_full_and_still(
    site: SiteServer, fresh_context: Any
) -> None:
    """Everything downloaded, Python starts for a few seconds: the bar sat full and still for
    2-5 s. It is now indeterminate, and moves."""
    page = watch(fresh_context).page
    page.goto(site.url("assessment/"))
    # Read in one go, the moment the page says Python is starting (it lasts about two seconds).
    state = page.wait_for_function(
        """() => {
            const text = document.querySelector("#ex-status .ex-load__text");
            const bar = document.querySelector("#ex-status .ex-load__bar");
            if (!text || !bar || !text.textContent.startsWith("Starting the scorer")) return null;
            return {
                busy: bar.matches(":indeterminate"),
                moving: bar.getAnimations().some((a) => a.playState === "running"),
            };
        }""",
        polling="raf",
        timeout=READY_TIMEOUT_MS,
    ).json_value()
    assert state == {"busy": True, "moving": True}


# ---------------------------------------------------------------------------------------------
# A template's text across in-site navigation.


def test_text_typed_into_a_template_is_still_there_after_following_links(
    site: SiteServer, context: Any
) -> None:
    """A link to another page of the site and back (Material's instant navigation) emptied
    the form without a word; so did a reload. The text is kept while the tab is open."""
    page = watch(context).page
    page.goto(site.url("forms/business-case/"))
    owner = page.locator("#bc-owner")
    decide_by = page.locator("#bc-decide-by")
    owner.fill("Priya, Head of CX")
    decide_by.fill("2027-04-30")
    instant_goto(page, site.url("levels/"))
    instant_goto(page, site.url("forms/business-case/"))
    assert page.locator("#bc-owner").input_value() == "Priya, Head of CX"
    assert page.locator("#bc-decide-by").input_value() == "2027-04-30"
    assert page.locator("#bc-decide-by").get_attribute("data-empty") is None
    page.reload()
    assert page.locator("#bc-owner").input_value() == "Priya, Head of CX"
    # Another tab starts empty: what is typed stays with its tab.
    other = context.new_page()
    other.goto(site.url("forms/business-case/"))
    # The keeping script marks each field as it restores it: then this tab has restored all
    # it would.
    other.locator("#bc-owner[data-ex-kept]").wait_for(state="attached")
    assert other.locator("#bc-owner").input_value() == ""
