"""The team comparison page in the browser (assessment/team/): what a comparison shows (the team
level, each person, the spread, disagreements, themes, the agenda, the CSV), how it words
older links, repeated links, one person and an emptied box, its agenda printed alone, the
page used with the keyboard only, and the property test that the browser's scorer gives
exactly the same JSON as CPython for random teams.

Every number and sentence on the page comes from the same Python as ``quiz.web.team_json``
under CPython, so each test works out what the page must show by calling it.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer
from quiz.web import team_json
from tests.team_support import (
    V1_CODES,
    compare,
    expected_team,
    link_for,
    random_answers,
    result_for,
    team_region,
    three_people,
    uniform_code,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


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
        region.get_by_role("button", name=ui("page.team_download_csv")).click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == expected["csv"]["filename"]
    assert content == expected["csv"]["content"]
    rows_by_person = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))
    assert {row["person"] for row in rows_by_person} == {"Priya", "Person 2", "Old hand"}


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
    region.get_by_role("button", name=ui("page.agenda_print")).click()
    assert team_page.evaluate("window.__printed") is True
    team_page.emulate_media(media="print")
    assert region.locator(".ex-agenda__table").is_visible()
    for hidden in [".ex-team__people", ".ex-disagreement >> nth=0", "#ex-team-links", "h1"]:
        assert not team_page.locator(hidden).is_visible(), hidden
    assert not region.get_by_role("button", name=ui("page.agenda_print")).is_visible()
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
    status.filter(has_text=ui("page.team_none_compared_one")).wait_for()
    assert status.inner_text() == ui("page.team_none_compared_one")


def test_emptying_the_box_and_comparing_takes_the_old_result_away(team_page: Any) -> None:
    region = compare(team_page, f"Priya: {uniform_code(2)}")
    assert region.is_visible()
    assert "#team=" in team_page.url
    team_page.get_by_label("Result links").fill("")
    team_page.get_by_role("button", name="Compare").click()
    team_page.get_by_text(ui("page.team_paste_one")).wait_for()
    assert not team_page.locator("#ex-team-result").is_visible()
    assert team_page.locator("#ex-team-result .ex-result__statement").count() == 0
    assert "#team=" not in team_page.url
