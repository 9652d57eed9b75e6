"""The team page's links in the browser: a copied team link reopens the same comparison with
nothing saved, the result panel opens the page with the reader's own link, and "Compare" puts
the compared list in the address so a reload shows it.

What the page must show comes from ``quiz.web.team_json`` under CPython.
"""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import unquote

import pytest

from harness import SiteServer, WatchedPage, watch
from tests.team_support import (
    compare,
    expected_team,
    link_for,
    open_team_page,
    random_answers,
    result_for,
    team_region,
    three_people,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


def comparison_text(region: Any) -> list[str]:
    """What the comparison says, without the buttons' messages and the line numbers (a team
    link holds only the lines that could be compared)."""
    parts = [".ex-result__statement", ".ex-chart-table", ".ex-agenda__table"]
    texts = [region.locator(selector).inner_text() for selector in parts]
    texts += region.locator(".ex-disagreement").all_inner_texts()
    for row in region.locator(".ex-team__people tbody tr").all():  # not the line numbers
        texts += [row.locator("th").inner_text(), row.locator("td").last.inner_text()]
    return texts


def test_a_copied_team_link_reopens_the_same_comparison_in_a_new_page_with_nothing_saved(
    team_page: Any, site: SiteServer, context: Any
) -> None:
    """The link alone carries the comparison: a new page (its own memory and scorer) with
    the site's storage emptied shows the same."""
    text = three_people(site)
    expected = expected_team(text)
    region = compare(team_page, text)
    first = comparison_text(region)
    region.get_by_role("button", name=ui("page.team_copy_link")).click()
    region.locator(".ex-result__note").filter(has_text=ui("page.team_link_copied")).wait_for()
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
    page.get_by_role("link", name=ui("page.team_compare_link")).click()
    page.wait_for_url("**/assessment/team/#team=*")
    region = team_region(page)
    box = page.get_by_label("Result links")
    assert box.input_value() == f"You: {link_for(site, result)}"
    expected = expected_team(box.input_value())
    assert region.locator(".ex-result__statement").inner_text() == expected["level_statement"]
    assert region.locator(".ex-team__people tbody th").all_inner_texts() == ["You"]
    assert watched.console_errors == []


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
