"""The team comparison page in the browser (assessment/team/).

Every number and sentence on the page comes from the same Python as ``quiz.web.team_json``
under CPython, so each test works out what the page must show by calling it, and the
property test checks that the browser's scorer gives exactly the same JSON for random teams.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from harness import SiteServer, WatchedPage, watch
from quiz import load_bank
from quiz.web import score_json, team_json
from tests.axe import axe_violations
from tests.waits import scroll_settled

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
V1_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v1_codes.json").read_text(encoding="utf-8")
    )["cases"]
]
READY_TIMEOUT_MS = 60_000


def result_for(answers: dict[str, int | None]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result


def random_answers(rng: random.Random) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for qid in QUESTION_IDS:
        roll = rng.random()
        if roll < 0.08:
            continue
        answers[qid] = None if roll < 0.15 else rng.randint(1, 5)
    return answers


def link_for(site: SiteServer, result: dict[str, Any]) -> str:
    """The share link the site gives for a result."""
    page = str(result["page"]).removesuffix(".md") + "/"
    return f"{site.url(page)}#result={result['code']}"


def expected_team(text: str) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(team_json(text))
    assert reply["ok"], reply
    result: dict[str, Any] = reply["result"]
    return result


def open_team_page(site: SiteServer, page: Any, fragment: str = "") -> None:
    page.goto(site.url("assessment/team/") + fragment)
    page.locator("#ex-team-status").filter(has_text="Ready").wait_for(timeout=READY_TIMEOUT_MS)


def team_region(page: Any) -> Any:
    region = page.get_by_role("region", name="Team result")
    region.locator(".ex-result__statement, .ex-team__invalid").first.wait_for(
        timeout=READY_TIMEOUT_MS
    )
    return region


def compare(page: Any, text: str) -> Any:
    page.get_by_label("Result links").fill(text)
    page.get_by_role("button", name="Compare").click()
    return team_region(page)


def three_people(site: SiteServer) -> str:
    """Three people (one with a link made by version 1) and one line that is not a link."""
    rng = random.Random(9)
    priya, sam = result_for(random_answers(rng)), result_for(random_answers(rng))
    return "\n".join(
        [
            f"Priya: {link_for(site, priya)}",
            sam["code"],
            "the link Jo forgot to paste",
            f"Old hand: {V1_CODES[3]}",
        ]
    )


def comparison_text(region: Any) -> list[str]:
    """What the comparison says, without the buttons' messages and the line numbers (a team
    link holds only the lines that could be compared)."""
    parts = [".ex-result__statement", ".ex-chart-table", ".ex-agenda__table"]
    texts = [region.locator(selector).inner_text() for selector in parts]
    texts += region.locator(".ex-disagreement").all_inner_texts()
    for row in region.locator(".ex-team__people tbody tr").all():  # not the line numbers
        texts += [row.locator("th").inner_text(), row.locator("td").last.inner_text()]
    return texts


@pytest.fixture
def team_page(site: SiteServer, watched: WatchedPage) -> Any:
    open_team_page(site, watched.page)
    yield watched.page
    assert watched.foreign_requests == []
    assert watched.console_errors == []


def test_three_links_with_an_invalid_line_and_a_v1_link_are_compared(
    team_page: Any, site: SiteServer
) -> None:
    text = three_people(site)
    expected = expected_team(text)
    assert [m["name"] for m in expected["members"]] == ["Priya", "Person 2", "Old hand"]
    assert [m["legacy"] for m in expected["members"]] == [False, False, True]
    region = compare(team_page, text)

    # The line that is not a link: listed with its number and the engine's reason.
    invalid = region.locator(".ex-team__invalid")
    assert invalid.locator("li").count() == 1
    (bad,) = expected["invalid"]
    assert f"Line {bad['line']}" in invalid.inner_text()
    assert bad["reason"] in invalid.inner_text()
    # The team level, and each person with their own level; the v1 link marked as older.
    assert region.locator(".ex-result__statement").inner_text() == expected["level_statement"]
    rows = region.locator(".ex-team__people tbody tr")
    assert rows.count() == 3
    for row, member in zip(rows.all(), expected["members"], strict=True):
        assert row.locator("th").inner_text() == member["name"]
        assert member["level_statement"] in row.inner_text()
        assert ("earlier version" in row.inner_text()) is member["legacy"]
    # The spread: one dot per person and area with a level, one median mark per area with a
    # level, and the table with the same numbers.
    chart = region.locator("svg.ex-chart--spread")
    points = sum(len(area["points"]) for area in expected["dimensions"])
    assert chart.locator("circle.ex-chart__dot").count() == points
    with_level = [area for area in expected["dimensions"] if area["median"] is not None]
    assert chart.locator("line.ex-chart__median").count() == len(with_level)
    assert chart.get_attribute("aria-hidden") == "true"
    table = region.locator("table.ex-chart-table")
    for area in expected["dimensions"]:
        row = table.locator("tbody tr", has=team_page.locator("th", has_text=area["name"]))
        cells = row.locator("td").all_inner_texts()
        median = "-" if area["median"] is None else str(area["median"])
        spread = "-" if area["spread"] is None else f"{area['spread']:.2f}"
        assert cells[:5] == [
            str(area["count"]),
            median,
            str(area["low"]),
            str(area["high"]),
            spread,
        ]
        for point in area["points"]:
            assert f"{point['name']}: {point['level']}" in cells[5]
    # Where people disagree: each area, its sentence, and the questions behind it with every
    # person's statement.
    blocks = region.locator(".ex-disagreement")
    assert blocks.count() == len(expected["disagreements"]) > 0
    for block, item in zip(blocks.all(), expected["disagreements"], strict=True):
        assert block.locator("h4").inner_text() == item["name"]
        assert item["sentence"] in block.inner_text()
        headings = block.locator("h5").all_inner_texts()
        assert headings == [question["title"] for question in item["questions"]]
        for question in item["questions"]:
            for answer in question["answers"]:
                assert answer["statement"] in block.inner_text()
                assert answer["name"] in block.inner_text()
    # Conversation themes link to the conversations page's anchors.
    for theme in expected["themes"]:
        href = region.get_by_role("link", name=theme["title"], exact=True).get_attribute("href")
        assert href is not None
        assert href.endswith("conversations/#" + theme["anchor"].split("#")[1])
    # The 90-minute agenda.
    agenda = region.locator(".ex-agenda__table tbody tr")
    assert agenda.count() == len(expected["agenda"]["items"])
    assert expected["agenda"]["minutes"] == 90
    last = expected["agenda"]["items"][-1]
    assert agenda.last.locator("th").inner_text() == f"{last['start']} to 90 min"
    # The CSV: one row per person and question, as the engine wrote it.
    with team_page.expect_download() as download:
        region.get_by_role("button", name="Download CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == expected["csv"]["filename"]
    assert content == expected["csv"]["content"]
    rows_by_person = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))
    assert {row["person"] for row in rows_by_person} == {"Priya", "Person 2", "Old hand"}


def test_a_copied_team_link_reopens_the_same_comparison_in_a_new_page_with_nothing_saved(
    team_page: Any, site: SiteServer, context: Any
) -> None:
    """The link alone carries the comparison: a new page (its own memory and scorer) with
    the site's storage emptied shows the same."""
    text = three_people(site)
    expected = expected_team(text)
    region = compare(team_page, text)
    first = comparison_text(region)
    region.get_by_role("button", name="Copy team link").click()
    region.locator(".ex-result__note").filter(has_text="link").wait_for()
    url = team_page.url
    assert url.endswith("#" + expected["fragment"])
    team_page.evaluate("localStorage.clear()")
    fresh = watch(context)
    fresh.page.goto(url)
    again = team_region(fresh.page)
    assert comparison_text(again) == first
    names = "\n".join(f"{m['name']}: {m['code']}" for m in expected["members"])
    assert fresh.page.get_by_label("Result links").input_value() == names
    assert unquote(expected["fragment"].removeprefix("team=")) == names
    assert fresh.foreign_requests == []
    assert fresh.console_errors == []


def test_the_result_panel_opens_the_team_page_with_the_readers_own_link(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    result = result_for(random_answers(random.Random(4)))
    page.goto(link_for(site, result))
    page.get_by_role("link", name="Compare with your team").click()
    page.wait_for_url("**/assessment/team/#team=*")
    region = team_region(page)
    box = page.get_by_label("Result links")
    assert box.input_value() == f"You: {link_for(site, result)}"
    expected = expected_team(box.input_value())
    assert region.locator(".ex-result__statement").inner_text() == expected["level_statement"]
    assert region.locator(".ex-team__people tbody th").all_inner_texts() == ["You"]
    assert watched.console_errors == []


def test_more_than_50_people_compares_the_first_50_and_lists_the_rest(team_page: Any) -> None:
    rng = random.Random(50)
    codes = [result_for(random_answers(rng))["code"] for _ in range(52)]
    region = compare(team_page, "\n".join(codes))
    assert region.locator(".ex-team__people tbody tr").count() == 50
    invalid = region.locator(".ex-team__invalid li")
    assert invalid.count() == 2
    assert "Line 51" in invalid.first.inner_text()
    assert "first 50 people" in invalid.first.inner_text()


def test_the_agenda_prints_on_its_own(team_page: Any, site: SiteServer) -> None:
    team_page.evaluate("window.print = () => { window.__printed = true; }")
    region = compare(team_page, three_people(site))
    region.get_by_role("button", name="Print the agenda").click()
    assert team_page.evaluate("window.__printed") is True
    team_page.emulate_media(media="print")
    assert region.locator(".ex-agenda__table").is_visible()
    for hidden in [".ex-team__people", ".ex-disagreement >> nth=0", "#ex-team-links", "h1"]:
        assert not team_page.locator(hidden).is_visible(), hidden
    assert not region.get_by_role("button", name="Print the agenda").is_visible()
    # Once printing is over, the whole comparison prints again.
    team_page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert region.locator(".ex-team__people").is_visible()
    assert region.locator(".ex-chart-table").is_visible()  # the chart's table prints


def test_the_team_page_works_with_the_keyboard_only(team_page: Any, site: SiteServer) -> None:
    text = three_people(site)
    keyboard = team_page.keyboard
    for _ in range(150):
        keyboard.press("Tab")
        if team_page.evaluate("document.activeElement?.id") == "ex-team-links":
            break
    else:
        pytest.fail("Tab never reached the Result links box")
    keyboard.insert_text(text)
    keyboard.press("Tab")
    assert team_page.evaluate("document.activeElement?.textContent") == "Compare"
    keyboard.press("Enter")
    region = team_region(team_page)
    # Focus lands on the result's heading, so the next Tab goes through the result.
    assert team_page.evaluate("document.activeElement?.id") == "ex-team-result-title"
    for _ in range(80):
        keyboard.press("Tab")
        if team_page.evaluate("document.activeElement?.textContent") == "Download CSV":
            break
    else:
        pytest.fail("Tab never reached Download CSV")
    with team_page.expect_download() as download:
        keyboard.press("Enter")
    assert download.value.suggested_filename == expected_team(text)["csv"]["filename"]
    assert region.locator(".ex-disagreement").count() > 0


def random_team(rng: random.Random, site: SiteServer, size: int) -> str:
    """The text of a Result links box: names or not, links or codes, v1 links, bad lines."""
    names = ["Priya", "Sam", "Zoë", "O'Brien", "Jean-Luc", "Li Wei", "Ana María", "Kofi"]
    lines: list[str] = []
    for index in range(size):
        roll = rng.random()
        if roll < 0.08:
            lines.append(rng.choice(["not a link", "v2.AAAA", "https://example.org/", "Sam:"]))
            continue
        if roll < 0.16:
            code = rng.choice(V1_CODES)
            target = code
        else:
            result = result_for(random_answers(rng))
            code = result["code"]
            target = rng.choice([code, link_for(site, result), f"  {code}  "])
        if roll > 0.95:
            target = code[: len(code) // 2]  # cut short
        name = rng.choice([*names, f"Person {index}", ""])
        lines.append(f"{name}: {target}" if name else target)
        if rng.random() < 0.1:
            lines.append("")
    return "\n".join(lines)


def test_the_browser_compares_teams_exactly_as_cpython_does(
    team_page: Any, site: SiteServer
) -> None:
    rng = random.Random(2027)
    sizes = [rng.randint(1, 9) for _ in range(23)] + [50, 53]
    texts = [random_team(rng, site, size) for size in sizes]
    replies = team_page.evaluate(
        """async ([scorerUrl, texts]) => {
            const { getScorer } = await import(scorerUrl);
            const scorer = getScorer();
            const replies = [];
            for (const text of texts) {
                const { id, ...reply } = await scorer.request("team", { text });
                replies.push(reply);
            }
            return replies;
        }""",
        [site.url("javascripts/scorer/scorer.mjs"), texts],
    )
    expected = [json.loads(team_json(text)) for text in texts]
    assert len(replies) == 25
    assert any(reply["result"]["invalid"] for reply in expected)
    assert any(m["legacy"] for reply in expected for m in reply["result"]["members"])
    for text, got, want in zip(texts, replies, expected, strict=True):
        assert got == want, text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_team_page_with_a_comparison(
    context: Any, site: SiteServer, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    open_team_page(site, page)
    assert axe_violations(page) == []
    compare(page, three_people(site))
    assert axe_violations(page) == []


def uniform_code(level: int) -> str:
    return str(result_for(dict.fromkeys(QUESTION_IDS, level))["code"])


def page_overflow(page: Any) -> tuple[int, int]:
    """The page's scroll width and its viewport's width."""
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return int(width), int(client)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_hidden_chart_table_takes_no_width_so_the_page_never_scrolls_sideways(
    context: Any, site: SiteServer, width: int
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    open_team_page(site, page)
    region = compare(page, three_people(site))
    assert region.locator("table.ex-chart-table tbody tr").count() == len(BANK.dimensions)
    scroll, client = page_overflow(page)
    assert scroll <= client, f"{scroll} px wide in a {client} px viewport"


def test_the_agenda_fits_a_phone_and_lines_up_time_and_title_on_a_wide_screen(
    context: Any, site: SiteServer
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    open_team_page(site, page)
    region = compare(page, three_people(site))
    cells = region.locator(".ex-agenda__table tbody :is(th, td)")
    assert cells.count() == 3 * len(expected_team(three_people(site))["agenda"]["items"])
    boxes = [cell.bounding_box() for cell in cells.all()]
    outside = [box for box in boxes if box["x"] < 0 or box["x"] + box["width"] > 390 + 0.5]
    assert outside == [], outside
    # On a wide screen, a row's time and its title start on the same line at the top.
    # Each row's boxes are read in one go: the page may still scroll after the resize, and
    # boxes read one call apart would then come from two different scroll positions.
    page.set_viewport_size({"width": 1280, "height": 800})
    scroll_settled(page)
    rows = region.locator(".ex-agenda__table tbody tr").evaluate_all(
        """(rows) => rows.map((row) => {
            const box = (element) => element.getBoundingClientRect();
            const time = box(row.querySelector("th"));
            const cell = row.querySelector("td");
            return {time, cell: box(cell), title: box(cell.querySelector("strong"))};
        })"""
    )
    assert rows
    for row in rows:
        time_cell, title_cell, title = row["time"], row["cell"], row["title"]
        assert abs(time_cell["y"] - title_cell["y"]) < 1
        assert time_cell["width"] < title_cell["width"]
        assert title["y"] - time_cell["y"] < 20


def test_compare_puts_the_compared_list_in_the_address_so_a_reload_shows_it(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    rng = random.Random(21)
    priya = result_for(random_answers(rng))
    first = f"Priya: {link_for(site, priya)}"
    open_team_page(site, page, "#" + expected_team(first)["fragment"])
    team_region(page)
    history_length = page.evaluate("history.length")
    sam = result_for(random_answers(rng))
    text = f"{first}\nSam: {sam['code']}"
    page.get_by_label("Result links").fill(text)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.ex-team__people tbody tr').length === 2"
    )
    expected = expected_team(text)
    assert page.url.endswith("#" + expected["fragment"])
    assert page.evaluate("history.length") == history_length  # replaced, not added
    page.reload()
    region = team_region(page)
    assert region.locator(".ex-team__people tbody th").all_inner_texts() == ["Priya", "Sam"]
    assert watched.console_errors == []


def circles_outside(page: Any) -> list[str]:
    """The spread chart's dots that are not wholly inside its viewBox."""
    outside: list[str] = page.evaluate(
        """() => {
            const chart = document.querySelector("svg.ex-chart--spread");
            const box = chart.viewBox.baseVal;
            return [...chart.querySelectorAll("circle")].filter((dot) => {
                const x = dot.cx.baseVal.value, y = dot.cy.baseVal.value, r = dot.r.baseVal.value;
                return x - r < box.x || y - r < box.y
                    || x + r > box.x + box.width || y + r > box.y + box.height;
            }).map((dot) => dot.textContent);
        }"""
    )
    return outside


@pytest.mark.parametrize("width", [1280, 390])
def test_every_dot_of_the_spread_chart_is_inside_it_one_per_person_and_level(
    context: Any, site: SiteServer, width: int
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    open_team_page(site, page)
    low, high = uniform_code(BANK.lowest), uniform_code(BANK.top)
    lines = [f"Low {n}: {low}" for n in range(10)] + [f"High {n}: {high}" for n in range(12)]
    lines.append(f"Middle: {uniform_code(3)}")
    region = compare(page, "\n".join(lines))
    chart = region.locator("svg.ex-chart--spread")
    assert circles_outside(page) == []
    titles = chart.locator("circle title").all_text_contents()
    areas = len(BANK.dimensions)
    assert sum(t.endswith(f": Level {BANK.lowest}") for t in titles) == 10 * areas
    assert sum(t.endswith(f": Level {BANK.top}") for t in titles) == 12 * areas
    assert sum(t.endswith(": Level 3") for t in titles) == areas
    # The median mark (here at Level 3, on the middle person's dot) is drawn under the dots.
    order = page.evaluate(
        """() => [...document.querySelector("svg.ex-chart--spread").children]
            .map((node) => node.getAttribute("class"))"""
    )
    medians = [i for i, name in enumerate(order) if name == "ex-chart__median"]
    dots = [i for i, name in enumerate(order) if name == "ex-chart__dot"]
    assert len(medians) == areas
    assert max(medians) < max(dots)
    for at in medians:
        assert order[at + 1] == "ex-chart__dot"  # each area's dots follow its median
    # Dots at neighbouring levels do not overlap.
    xs = page.evaluate(
        """() => [...document.querySelectorAll("svg.ex-chart--spread circle")]
            .map((dot) => [dot.textContent.split("Level ")[1], dot.cx.baseVal.value])"""
    )
    right_of_low = max(x for level, x in xs if level == str(BANK.lowest))
    left_of_middle = min(x for level, x in xs if level == "3")
    assert right_of_low < left_of_middle


def text_heights(page: Any, selector: str) -> list[float]:
    heights: list[float] = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)]"
        ".map((text) => text.getBoundingClientRect().height)",
        selector,
    )
    return heights


def test_the_spread_charts_labels_are_readable_on_a_phone(context: Any, site: SiteServer) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    open_team_page(site, page)
    compare(page, three_people(site))
    heights = text_heights(page, "svg.ex-chart--spread text")
    assert heights
    assert min(heights) >= 11, heights
    # Turned to landscape, the chart is laid out again for the wider box.
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_function(
        "() => document.querySelector('svg.ex-chart--spread').viewBox.baseVal.width > 400"
    )
    assert min(text_heights(page, "svg.ex-chart--spread text")) >= 11


def test_older_links_are_said_to_join_the_areas_but_not_the_questions(
    team_page: Any, site: SiteServer
) -> None:
    rng = random.Random(8)
    text = f"Priya: {link_for(site, result_for(random_answers(rng)))}\nOld hand: {V1_CODES[3]}"
    expected = expected_team(text)
    region = compare(team_page, text)
    notes = region.locator(".ex-disagreement__note").all_inner_texts()
    assert notes == expected["disagreement_notes"]
    assert "older link joins the areas but not their questions" in notes[0]
    assert "so no question can be compared" in notes[1]
    assert region.locator(".ex-disagreement h5").count() == 0


def test_a_repeated_link_and_a_team_of_older_links_are_shown_on_the_page(
    team_page: Any,
) -> None:
    """A link pasted twice is named (it still counts, as two people can answer alike), and a
    team of older links gets the middle of the levels their links show; an email address as a
    name does not push the page sideways on a phone."""
    team_page.set_viewport_size({"width": 390, "height": 844})
    code = uniform_code(3)
    name = "priya.sharma@bigcompany-example.com"
    text = f"{name}: {code}\nSam: {uniform_code(2)}\nPriya again: {code}"
    region = compare(team_page, text)
    repeated = region.locator(".ex-team__repeated")
    assert repeated.is_visible()
    assert repeated.inner_text() == "\n".join(expected_team(text)["repeated"])
    assert (  # each name set apart from the sentence (quiz.team.isolate)
        f"Line 3 (\u2068Priya again\u2069) has exactly the same answers as line 1 "
        f"(\u2068{name}\u2069)" in repeated.inner_text()
    )
    assert team_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    older = f"Old: {V1_CODES[0]}\nOlder: {V1_CODES[1]}"
    statement = expected_team(older)["level_statement"]
    assert statement.startswith("Team: Level ")
    region = compare(team_page, older)
    region.locator(".ex-result__statement", has_text=statement).wait_for()
    assert region.locator(".ex-team__repeated").count() == 0


def test_one_person_and_one_bad_line_are_worded_in_the_singular(team_page: Any) -> None:
    code = uniform_code(3)
    region = compare(team_page, f"Priya: {code}")
    status = team_page.locator("#ex-team-status .ex-status__message")
    assert status.inner_text() == "Compared 1 person."
    assert region.locator(".ex-team__people caption").inner_text() == "1 result"
    assert region.locator(".ex-agenda__team").inner_text().endswith(" 1 person compared.")
    assert "for the 1 result and" in region.locator(".ex-agenda__table").inner_text()
    assert " 1 results" not in region.inner_text()
    assert "1 people" not in region.inner_text()
    compare(team_page, "not a link")
    status.filter(has_text="could not be compared").wait_for()
    assert status.inner_text() == "The line could not be compared."


def test_emptying_the_box_and_comparing_takes_the_old_result_away(team_page: Any) -> None:
    region = compare(team_page, f"Priya: {uniform_code(2)}")
    assert region.is_visible()
    assert "#team=" in team_page.url
    team_page.get_by_label("Result links").fill("")
    team_page.get_by_role("button", name="Compare").click()
    team_page.get_by_text("Paste at least one result link.").wait_for()
    assert not team_page.locator("#ex-team-result").is_visible()
    assert team_page.locator("#ex-team-result .ex-result__statement").count() == 0
    assert "#team=" not in team_page.url


def relative_luminance(rgb: Sequence[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_color(text: str) -> tuple[float, float, float, float]:
    """An rgb() or rgba() colour as computed by the browser."""
    inner = text[text.index("(") + 1 : text.index(")")].replace("/", " ").replace(",", " ")
    values = [float(v) for v in inner.split()]
    return (values[0], values[1], values[2], values[3] if len(values) > 3 else 1.0)


def over(top: Sequence[float], below: Sequence[float]) -> tuple[float, ...]:
    alpha = top[3]
    return tuple(top[i] * alpha + below[i] * (1 - alpha) for i in range(3))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_spread_band_stands_out_from_the_page_in_both_palettes(
    context: Any, site: SiteServer, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    open_team_page(site, page)
    region = compare(page, three_people(site))
    colours = region.evaluate(
        r"""(region) => {
            const band = region.querySelector(".ex-chart__range");
            let node = band.closest("svg").parentElement, background = "rgba(0, 0, 0, 0)";
            while (node && /rgba\(.*, 0\)$|transparent/.test(background)) {
                background = getComputedStyle(node).backgroundColor;
                node = node.parentElement;
            }
            const style = getComputedStyle(band);
            const edge = style.stroke === "none" ? style.fill : style.stroke;
            return [edge, style.strokeOpacity, background];
        }"""
    )
    edge, opacity, background = colours
    page_colour = parse_color(background)[:3]
    colour = parse_color(edge)
    colour = (*colour[:3], colour[3] * float(opacity))
    lighter, darker = sorted(
        [relative_luminance(over(colour, page_colour)), relative_luminance(page_colour)],
        reverse=True,
    )
    assert (lighter + 0.05) / (darker + 0.05) >= 3, colours
