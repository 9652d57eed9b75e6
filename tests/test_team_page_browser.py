"""The team page's smaller defects of issue 24, each as a reader meets it: column headings
broken inside a word on a phone ("Per/son"), an empty band at the top of the team's result,
a name written right to left that turns the rest of its sentence around, and a page that
jumps when the comparison arrives.

Elements are found by role and by the page's own ids and classes; the sentences come from
``quiz.team_report`` (CPython gives the same as the browser's scorer).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from harness import SiteServer, WatchedPage, launch_profile, watch
from quiz import load_bank
from quiz.web import score_json, team_json
from tests.test_smaller_defects_browser import CLS, LAYOUT_SHIFTS
from tests.ui_text import ui

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
READY_TIMEOUT_MS = 60_000
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, never closed
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def code_for(answers: dict[str, int | None]) -> str:
    result = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return str(result["code"])


def uniform(level: int) -> str:
    return code_for(dict.fromkeys(QUESTION_IDS, level))


def without_a_level(level: int) -> str:
    """Answers to one area only, all at ``level``: a result with no level of its own."""
    area = BANK.dimensions[0].id
    return code_for({q.id: level for q in BANK.questions if q.dimension == area})


def expected_team(text: str) -> Any:
    reply = json.loads(team_json(text))
    assert reply["ok"], reply
    return reply["result"]


def team_text() -> str:
    """Three named people whose levels differ, so every part of the result is shown."""
    return f"Priya: {uniform(3)}\nSam: {uniform(2)}\nAlexandra: {uniform(4)}"


def region_of(page: Any) -> Any:
    """The "Team result" region, once the scorer has filled it (anew: a statement left from an
    earlier comparison is marked first, by ``compare``)."""
    region = page.locator("#ex-team-result")
    region.locator(".ex-result__statement:not([data-earlier])").wait_for(timeout=READY_TIMEOUT_MS)
    return page.get_by_role("region", name=ui("page.team_result_title"))


def compare(page: Any, text: str) -> Any:
    page.locator("#ex-team-result .ex-result__statement").evaluate_all(
        "(nodes) => nodes.forEach((node) => { node.dataset.earlier = 'true'; })"
    )
    page.get_by_label("Result links").fill(text)
    page.get_by_role("button", name="Compare").click()
    return region_of(page)


@pytest.fixture
def team_page(site: SiteServer, watched: WatchedPage) -> Iterator[Any]:
    watched.page.goto(site.url("assessment/team/"))
    yield watched.page
    assert watched.foreign_requests == []
    assert watched.console_errors == []


# ---------------------------------------------------------------------------------------------
# Column headings.

#: The words of each element's text that the browser broke across two lines.
BROKEN_WORDS = """(cells) => cells.flatMap((cell) => {
    const broken = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
            if (lines.size > 1) broken.push(word[0]);
        }
    }
    return broken;
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_column_headings_wrap_only_between_words(team_page: Any, width: int) -> None:
    """On a phone the people table's headings broke inside a word ("Per/son", "Li/n/e"): its
    cells could break anywhere, so the table gave the column less than a word's width."""
    team_page.set_viewport_size({"width": width, "height": 800})
    region = compare(team_page, team_text())
    headings = region.locator(".ex-team__people thead th")
    assert headings.count() == 3
    assert headings.evaluate_all(BROKEN_WORDS) == []
    # A long name with no space in it still wraps inside its cell rather than widen the page.
    name = "priya.sharma@bigcompany-example.com"
    compare(team_page, f"{name}: {uniform(3)}\nSam: {uniform(2)}")
    assert team_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert headings.evaluate_all(BROKEN_WORDS) == []


# ---------------------------------------------------------------------------------------------
# Nothing empty on show.

#: The boxes inside an element that are drawn (they take room) but hold no text yet.
EMPTY_BOXES = """(root) => [root, ...root.querySelectorAll("*")]
    .filter((node) => !node.closest("svg") && !node.matches("textarea, progress, button"))
    .filter((node) => node.getBoundingClientRect().height > 0 && !node.textContent.trim())
    .map((node) => node.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_team_result_shows_no_empty_band_before_or_above_its_heading(
    team_page: Any, width: int
) -> None:
    """Before anything is compared, no empty box is drawn where the result will be; once it is,
    the result's heading sits at the top of its box, with no empty band above it."""
    team_page.set_viewport_size({"width": width, "height": 844})
    team = team_page.locator("#ex-team")
    team_page.locator("#ex-team-status .ex-status__scorer").filter(
        has=team_page.locator("p")
    ).wait_for(timeout=READY_TIMEOUT_MS)
    assert team_page.locator("#ex-team-result").bounding_box() is None
    assert team.evaluate(EMPTY_BOXES) == []

    region = compare(team_page, team_text())
    gap = region.evaluate(
        """(region) => {
            const box = region.getBoundingClientRect();
            const style = getComputedStyle(region);
            const top = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
            const heading = region.querySelector("h2").getBoundingClientRect();
            return heading.top - top;
        }"""
    )
    assert 0 <= gap <= 1, f"{gap} px of empty band above the result's heading"
    assert team.evaluate(EMPTY_BOXES) == []


# ---------------------------------------------------------------------------------------------
# Names written right to left.

#: Whether the words of ``element``'s text run left to right on each line, as they do in an
#: English sentence; an unclosed right-to-left override reverses the words after it. Names
#: (in a <bdi>, or between U+2068 and U+2069) are left out: inside one, right to left is the
#: name's own business. Returns how many neighbouring words were compared, or -1 for two in
#: the wrong order.
IN_ORDER = """(element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const words = [];
    let depth = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("bdi")) continue;
        let open = "";
        for (const char of node.data) {
            if (char === "\u2068") depth++;
            else if (char === "\u2069") depth = Math.max(0, depth - 1);
            open += depth ? " " : char;
        }
        for (const word of open.matchAll(/[A-Za-z0-9]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const [box] = range.getClientRects();
            if (box) words.push(box);
        }
    }
    let pairs = 0;
    for (let index = 1; index < words.length; index++) {
        const [before, after] = [words[index - 1], words[index]];
        if (Math.abs(before.top - after.top) > 2) continue;
        if (after.left < before.left) return -1;
        pairs++;
    }
    return pairs;
}"""


def assert_in_order(locator: Any) -> None:
    pairs = locator.evaluate(IN_ORDER)
    assert pairs > 0, f"the words of {locator.inner_text()!r} are out of order ({pairs})"


def test_a_name_written_right_to_left_cannot_turn_the_text_after_it_around(
    team_page: Any,
) -> None:
    """A name holding an unclosed right-to-left override (U+202E) reversed everything after it
    in the same line: the rest of a table cell, an answer, and the sentences that name it. The
    page isolates each name it places (<bdi>) and the scorer's sentences isolate each name
    they hold (U+2068 ... U+2069)."""
    sam = f"{RLO}Sam"
    text = (
        f"Priya: {uniform(3)}\n{sam}: {without_a_level(1)}\n"
        f"{sam} again: {without_a_level(1)}\nJo {RLO}Smith https://example.com/#result=v3.x"
    )
    expected = expected_team(text)
    assert f"{FSI}{sam}{PDI}" in expected["level_statement"]
    assert f"({FSI}{sam} again{PDI})" in expected["repeated"][0]
    region = compare(team_page, text)

    # Sentences written by the scorer, each name in them isolated.
    statement = region.locator(".ex-result__statement")
    assert statement.inner_text() == expected["level_statement"]
    assert_in_order(statement)
    repeated = region.locator(".ex-team__repeated p")
    assert repeated.inner_text() == expected["repeated"][0]
    assert_in_order(repeated)
    # The line that could not be read: the text pasted in a <bdi>, then the scorer's reason
    # (which names the name it found, isolated).
    invalid = region.locator(".ex-team__invalid:not(.ex-team__repeated) li")
    assert invalid.locator("bdi").inner_text() == expected["invalid"][0]["text"]
    assert_in_order(invalid)

    # Names the page places: each in a <bdi>, what follows it in the same cell or line kept in
    # the line's own direction.
    people = region.locator(".ex-team__people tbody th")
    assert people.nth(1).locator("bdi").inner_text() == sam
    spread = region.locator(".ex-chart-table tbody tr").first.locator("td").last
    assert spread.locator("bdi").all_inner_texts() == ["Priya", sam, f"{sam} again"]
    assert_in_order(spread)
    answer = region.locator(".ex-disagreement__question li").nth(1)
    assert answer.locator("strong bdi").inner_text() == sam
    assert_in_order(answer)


# ---------------------------------------------------------------------------------------------
# Layout shift (CLS) as the comparison arrives.

#: Resolves once nothing on the page has moved or grown for 30 frames in a row (half a second
#: at 60 frames a second): the result, its charts and the page's height have settled.
SETTLED = """() => new Promise((resolve) => {
    let last = "", same = 0;
    const frame = () => {
        const region = document.querySelector("#ex-team-result").getBoundingClientRect();
        const now = JSON.stringify([
            document.documentElement.scrollHeight, region.top, region.height,
            window.__shifts.length,
        ]);
        same = now === last ? same + 1 : 0;
        last = now;
        if (same >= 30) resolve(true);
        else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""


@pytest.fixture(params=["desktop", "phone"])
def first_visit(request: pytest.FixtureRequest, playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A reader's first visit (the scorer downloads and starts, so the comparison arrives
    seconds after the page is drawn), on a desktop or a phone-like screen."""
    device = PHONE if request.param == "phone" else DESKTOP
    ctx = launch_profile(playwright, tmp_path / "profile", service_workers="block", **device)
    ctx.add_init_script(LAYOUT_SHIFTS)
    try:
        yield ctx
    finally:
        ctx.close()


def test_the_page_does_not_shift_as_the_comparison_arrives(
    site: SiteServer, first_visit: Any
) -> None:
    """A team link opens the page and compares as soon as the scorer has loaded: the result
    pushed the page's own sections and its footer down. Typing the links and pressing Compare
    before the scorer is ready did the same. The target is at most 0.1."""
    lines = team_text()
    watched = watch(first_visit)
    page = watched.page
    page.goto(site.url("assessment/team/") + "#team=" + quote(lines, safe=""))
    region_of(page)
    page.evaluate(SETTLED)
    linked = page.evaluate(CLS)
    # Compare pressed before the scorer is ready: a new page, the scorer starting again.
    page = first_visit.new_page()
    page.goto(site.url("assessment/team/"))
    page.get_by_label("Result links").fill(lines)
    page.get_by_role("button", name="Compare").click()
    region_of(page)
    page.evaluate(SETTLED)
    pressed = page.evaluate(CLS)
    print(f"CLS: team link {linked:.3f}, Compare before the scorer is ready {pressed:.3f}")
    assert max(linked, pressed) <= 0.1, (linked, pressed)
    assert watched.console_errors == []
