"""The progress page in the browser (assessment/history/): results saved with their date and
"Since your last result", listed and charted without scrolling sideways, opened, and deleted
one by one or all at once, in step with other tabs and with the keyboard.

What the pages must say comes from CPython (``quiz.web``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from harness import SiteServer, WatchedPage
from quiz.web import compare_json, history_json
from tests.progress_support import (
    BANK,
    HISTORY_KEY,
    READY_TIMEOUT_MS,
    dated,
    long_date,
    mixed,
    open_history,
    page_path,
    result_for,
    saved_history,
    seed_history,
    take,
    uniform,
    wait_for_panel,
)
from tests.ui_text import CUT, ui, ui_upto

pytestmark = pytest.mark.browser


def test_two_results_taken_in_one_context_are_on_the_history_page_then_one_is_deleted(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    today = dt.date.today().isoformat()  # the browser and the tests share the machine's clock
    first = take(site, page, uniform(2))
    second = take(site, page, mixed())
    assert first["code"] != second["code"]
    # Only the codes and the date are kept.
    assert saved_history(page) == [
        {"code": first["code"], "date": today},
        {"code": second["code"], "date": today},
    ]
    # The second result says what changed since the first, in the engine's words.
    comparison = json.loads(compare_json(first["code"], second["code"]))["result"]
    since = page.locator("#ex-result .ex-since__areas li")
    since.first.wait_for(timeout=READY_TIMEOUT_MS)
    assert since.all_inner_texts() == [area["sentence"] for area in comparison["dimensions"]]
    assert any(area["change"] for area in comparison["dimensions"])

    root = open_history(site, page)
    links = root.locator(".ex-history__list a")
    assert links.count() == 2
    for link, result in zip(links.all(), [first, second], strict=True):
        href = link.get_attribute("href")
        assert href == site.url(page_path(result)) + f"#result={result['code']}"
        assert link.inner_text().startswith(long_date(today))
    expected = json.loads(history_json(json.dumps(saved_history(page))))["result"]
    overall = root.locator("table.ex-chart-table tbody tr").first
    assert overall.locator("th").inner_text() == "Overall level"
    assert overall.locator("td").all_inner_texts() == [
        str(entry["level"]) for entry in expected["entries"]
    ]
    chart = root.locator("svg.ex-chart--time")
    assert chart.locator("g.ex-chart__panel").count() == 1 + len(expected["dimensions"])

    # A saved result's link opens it.
    links.first.click()
    page.wait_for_url(f"**/{page_path(first)}#result={first['code']}")
    assert f"Level {first['level']}" in wait_for_panel(page).locator("h2").inner_text()

    root = open_history(site, page)
    root.get_by_role(
        "button", name=ui("page.history_delete_label", number=1, date=long_date(today))
    ).click()
    root.locator(".ex-status__message").filter(
        has_text=ui("page.history_deleted", date=long_date(today))
    ).wait_for()
    page.wait_for_function("() => document.querySelectorAll('.ex-history__list a').length === 1")
    assert saved_history(page) == [{"code": second["code"], "date": today}]
    page.reload()
    root = open_history(site, page)
    assert root.locator(".ex-history__list a").count() == 1
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_delete_all_asks_first_then_forgets_every_result(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url("assessment/history/"))
    seed_history(
        page,
        [{"code": result_for(uniform(d))["code"], "date": "2026-02-0" + str(d)} for d in (1, 2)],
    )
    root = open_history(site, page)
    root.get_by_role("button", name=ui("page.history_delete_all")).click()
    root.get_by_role("button", name=ui("page.history_cancel")).click()
    assert len(saved_history(page)) == 2
    root.get_by_role("button", name=ui("page.history_delete_all")).click()
    root.get_by_role("button", name=ui("page.history_delete_yes_other", count=2)).click()
    root.get_by_text(ui_upto("page.history_none", link=CUT)).wait_for()
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None


def three_results() -> list[dict[str, str]]:
    return [
        {"code": result_for(uniform(level))["code"], "date": f"2026-01-0{level}"}
        for level in (1, 2, 3)
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_many_saved_results_never_make_the_progress_page_scroll_sideways_and_stay_readable(
    context: Any, site: SiteServer, width: int
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url("assessment/history/"))
    seed_history(page, dated(120, "2025-01-01", result_for(mixed())["code"]))
    root = open_history(site, page)
    root.locator("table.ex-chart-table tbody tr").first.wait_for(timeout=READY_TIMEOUT_MS)
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{scroll} px wide in a {client} px viewport"
    # The time charts' text keeps a readable size (one SVG unit to one CSS pixel).
    heights = page.evaluate(
        "[...document.querySelectorAll('svg.ex-chart--time text')]"
        ".map((text) => text.getBoundingClientRect().height)"
    )
    assert heights
    assert min(heights) >= 11, heights


def test_delete_removes_the_chosen_result_even_after_another_tab_changed_the_list(
    site: SiteServer, context: Any
) -> None:
    first, second, third = entries = three_results()
    one, two = context.new_page(), context.new_page()
    one.goto(site.url("assessment/history/"))
    seed_history(one, entries)
    for page in (one, two):
        open_history(site, page)
        page.wait_for_function(
            "() => document.querySelectorAll('.ex-history__list li').length === 3"
        )
    # Deleting in one tab shows in the other.
    two.get_by_role(
        "button", name=ui("page.history_delete_label", number=1, date=long_date(first["date"]))
    ).click()
    one.wait_for_function("() => document.querySelectorAll('.ex-history__list li').length === 2")
    assert saved_history(one) == [second, third]
    # A list that is out of date (the storage changed without telling this tab): Delete still
    # deletes the result it names, not whatever is now at its place in the list.
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([third])],
    )
    one.get_by_role(
        "button", name=ui("page.history_delete_label", number=2, date=long_date(third["date"]))
    ).click()
    one.locator(".ex-status__message").filter(has_text=long_date(third["date"])).wait_for()
    assert saved_history(one) == []
    two.get_by_text(ui_upto("page.history_none", link=CUT)).wait_for()
    # Deleting what another tab has already deleted says so, and deletes nothing else.
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([first])],
    )
    two.wait_for_function("() => document.querySelectorAll('.ex-history__list li').length === 1")
    seed_history(two, [second])  # a change from this tab: the other one is told
    one.wait_for_function(
        "(date) => document.querySelector('.ex-history__list li')?.textContent.startsWith(date)",
        arg=long_date(second["date"]),
    )
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([first])],
    )
    one.get_by_role(
        "button", name=ui("page.history_delete_label", number=1, date=long_date(second["date"]))
    ).click()
    one.locator(".ex-status__message").filter(
        has_text=ui("page.history_already_deleted", date=long_date(second["date"]))
    ).wait_for()
    assert saved_history(one) == [first]


def test_keyboard_focus_stays_in_the_list_after_deleting_and_cancel_is_focused_first(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    first, second, third = entries = three_results()
    page.goto(site.url("assessment/history/"))
    seed_history(page, entries)
    root = open_history(site, page)
    active = "() => document.activeElement?.getAttribute('aria-label')"
    root.get_by_role(
        "button", name=ui("page.history_delete_label", number=1, date=long_date(first["date"]))
    ).focus()
    page.keyboard.press("Enter")
    # The next result's Delete button (now the first) takes the focus.
    page.wait_for_function(
        f"() => ({active})() === 'Delete result 1 ({long_date(second['date'])})'"
    )
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(active) == f"Delete result 2 ({long_date(third['date'])})"
    page.keyboard.press("Enter")
    # The last one deleted: focus goes to the Delete button before it.
    page.wait_for_function(
        f"() => ({active})() === 'Delete result 1 ({long_date(second['date'])})'"
    )
    assert saved_history(page) == [second]
    root.get_by_role("button", name=ui("page.history_delete_all")).click()
    assert page.evaluate("document.activeElement?.textContent") == "Cancel"
    page.keyboard.press("Enter")  # Enter at once deletes nothing
    assert saved_history(page) == [second]
    root.get_by_role("button", name=ui("page.history_delete_all")).click()
    root.get_by_role("button", name=ui("page.history_delete_yes_one")).click()
    root.get_by_text(ui_upto("page.history_none", link=CUT)).wait_for()
    page.wait_for_function("() => document.activeElement !== document.body")
    assert page.evaluate("document.activeElement.textContent") == "Saved results"


def test_a_result_without_a_level_is_listed_without_a_link_to_a_page_that_cannot_show_it(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    few: dict[str, int | None] = {BANK.questions[0].id: 3}
    no_level = result_for(few)
    assert no_level["level"] is None
    with_level = result_for(uniform(2))
    page.goto(site.url("assessment/history/"))
    seed_history(
        page,
        [
            {"code": no_level["code"], "date": "2026-01-01"},
            {"code": with_level["code"], "date": "2026-01-02"},
        ],
    )
    root = open_history(site, page)
    items = root.locator(".ex-history__list li")
    page.wait_for_function("() => document.querySelectorAll('.ex-history__list li').length === 2")
    assert items.first.locator("a").count() == 0
    assert "no level" in items.first.inner_text()
    assert "no result page" in items.first.inner_text()
    assert items.nth(1).locator("a").count() == 1
    assert watched.console_errors == []
