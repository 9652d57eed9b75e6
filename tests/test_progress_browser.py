"""Progress on this device and the plan, in the browser: results saved with their date, the
"Since your last result" section, the progress page (assessment/history/), the plan with owners
and due dates, and what happens when the browser will not store anything.

What the pages must say comes from CPython (``quiz.web``), the steps from the built site's
``assets/steps.json``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from harness import (
    BINARY,
    SNAPSHOT_CACHE,
    SiteServer,
    WatchedPage,
    instant_goto,
    storage_key,
    watch,
)
from quiz import load_bank
from quiz.web import compare_json, history_json, score_json
from tests.axe import axe_violations
from tests.waits import next_frames, wait_until

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
HISTORY_KEY = storage_key("history:v1")
STORAGE_PROBLEM = (
    "This browser is not saving your results or plan (storage is turned off or full): "
    "they last only until you leave the site."
)
READY_TIMEOUT_MS = 60_000
THROWING_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "clear", "key"]) {
  Storage.prototype[name] = function () {
    throw new DOMException("The storage is blocked.", "SecurityError");
  };
}
"""


def result_for(answers: dict[str, int | None]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result


def uniform(level: int) -> dict[str, int | None]:
    return dict.fromkeys(QUESTION_IDS, level)


def mixed() -> dict[str, int | None]:
    """Answers with blockers: mostly level 3, one area held at level 1."""
    answers: dict[str, int | None] = uniform(3)
    first = BANK.dimensions[0].id
    for question in BANK.questions_for(first):
        answers[question.id] = 1
    return answers


def page_path(result: dict[str, Any]) -> str:
    return str(result["page"]).removesuffix(".md") + "/"


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result")
    panel.locator("h2", has_text="Your result: Level").wait_for(timeout=READY_TIMEOUT_MS)
    return panel


def take(site: SiteServer, page: Any, answers: dict[str, int | None]) -> dict[str, Any]:
    """Take the assessment with the mouse; return what CPython says the result is."""
    go(site, page, site.url("assessment/"))
    page.locator("#ex-status").filter(has_text="Ready").wait_for(timeout=READY_TIMEOUT_MS)
    for qid, level in answers.items():
        value = "unsure" if level is None else str(level)
        page.locator(f"label[for='q-{qid}-{value}']").click()
    page.get_by_role("button", name="See my level").click()
    expected = result_for(answers)
    page.wait_for_url(f"**/{page_path(expected)}#result={expected['code']}")
    wait_for_panel(page)
    return expected


def open_result(site: SiteServer, page: Any, result: dict[str, Any]) -> Any:
    page.goto(site.url(page_path(result)) + f"#result={result['code']}")
    return wait_for_panel(page)


def go(site: SiteServer, page: Any, url: str) -> None:
    """Open ``url`` as a reader does: by a link (instant navigation) from another page of the
    site, so the scorer's worker carries on; by the address bar otherwise (which also reloads
    the page when it is already there)."""
    current = page.url.split("#")[0]
    if current.startswith(site.base_url) and current != url.split("#")[0]:
        instant_goto(page, url)
    else:
        page.goto(url)


def open_history(site: SiteServer, page: Any) -> Any:
    go(site, page, site.url("assessment/history/"))
    root = page.locator("#ex-history")
    root.locator("h2", has_text="Saved results").wait_for(timeout=READY_TIMEOUT_MS)
    page.locator(".ex-history__list, .ex-history__results a").first.wait_for(
        timeout=READY_TIMEOUT_MS
    )
    return root


def saved_history(page: Any) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{HISTORY_KEY}'))")


def seed_history(page: Any, entries: list[dict[str, str]]) -> None:
    """Put saved results into the page's storage (the page must be on the site)."""
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [HISTORY_KEY, json.dumps(entries)]
    )


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
        assert link.inner_text().startswith(today)
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
    root.get_by_role("button", name=f"Delete result 1 ({today})").click()
    root.locator(".ex-status__message").filter(has_text="Deleted").wait_for()
    page.wait_for_function("() => document.querySelectorAll('.ex-history__list a').length === 1")
    assert saved_history(page) == [{"code": second["code"], "date": today}]
    page.reload()
    root = open_history(site, page)
    assert root.locator(".ex-history__list a").count() == 1
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_storage_that_throws_gives_one_line_and_everything_else_works(
    site: SiteServer, context: Any
) -> None:
    watched = watch(context)
    watched.page.add_init_script(THROWING_STORAGE)
    page = watched.page
    stacks: list[str] = []
    page.on("pageerror", lambda error: stacks.append(f"{error.message}\n{error.stack}"))
    result = take(site, page, mixed())
    panel = page.locator("#ex-result")
    assert panel.get_by_text(STORAGE_PROBLEM, exact=True).count() == 1
    assert f"Level {result['level']}" in panel.locator("h2").inner_text()
    # The plan still takes an owner, and the downloads still work.
    owner = panel.locator(".ex-plan__steps input[type=text]").first
    owner.fill("Priya")
    with page.expect_download() as download:
        panel.get_by_role("button", name="Download answers (JSON)").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["code"] == result["code"]
    assert saved["plan"][0]["steps"][0]["owner"] == "Priya"
    # The team page compares.
    page.get_by_role("link", name="Compare with your team").click()
    page.get_by_role("region", name="Team result").locator(".ex-result__statement").wait_for(
        timeout=READY_TIMEOUT_MS
    )
    # The progress page, loaded afresh, says so in one line and still offers its tools.
    page.goto(site.url("assessment/history/"))
    line = page.locator(".ex-history__storage")
    line.wait_for()
    assert line.inner_text() == STORAGE_PROBLEM
    assert page.get_by_text(STORAGE_PROBLEM, exact=True).count() == 1
    assert page.get_by_role("button", name="Download history (JSON)").is_enabled()
    assert page.get_by_label("Import a history file").is_enabled()
    # Material's own inline scripts read storage without a guard, so they throw too (with no
    # stack); nothing of the site's own modules may.
    assert [stack for stack in stacks if ".mjs" in stack] == []
    # Material's own scripts read the storage without catching (uncaught errors, or logged
    # as the bare exception); none of the stacks above is the site's own code.
    blocked = "SecurityError: The storage is blocked."
    assert [
        e for e in watched.console_errors if not e.startswith("uncaught: ") and e != blocked
    ] == []


def area_label(area: dict[str, Any]) -> str:
    return f"{area['name']} (Level {area['level']})"


def steps_index(site: SiteServer) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((site.root / "assets" / "steps.json").read_text("utf-8"))
    return index


def guide_url(site: SiteServer, guide: str) -> str:
    """The address of a docs path with its anchor ("levels/level-1.md#step-1")."""
    path, _, anchor = guide.partition("#")
    return site.url(path.removesuffix(".md") + "/") + (f"#{anchor}" if anchor else "")


def test_a_flat_result_starts_its_plan_with_a_few_areas_not_all_of_them(
    site: SiteServer, watched: WatchedPage
) -> None:
    """Every area at Level 2 holds the reader below Level 3, but a plan of every area (four
    dozen steps) is no plan: it starts with the scorer's few."""
    result = result_for(uniform(2))
    assert len(result["blockers"]) == len(BANK.dimensions)
    panel = open_result(site, watched.page, result)
    picker = panel.get_by_role("region", name="Your plan").get_by_role(
        "group", name="Areas to work on"
    )
    picker.locator("input").first.wait_for()
    checked = picker.locator("input:checked").evaluate_all("(boxes) => boxes.map((b) => b.value)")
    assert checked == result["plan_areas"]
    assert 1 <= len(checked) <= BANK.scoring.max_weakest
    # Areas whose steps come from the same section of the playbook are planned once, together.
    areas = {a["id"]: a for a in result["profile"]}
    guides: dict[str, list[str]] = {}
    for area_id in checked:
        guides.setdefault(areas[area_id]["guide"], []).append(areas[area_id]["name"])
    assert any(len(names) > 1 for names in guides.values()), "the case needs a shared section"
    blocks = panel.locator(".ex-plan__area")
    assert blocks.count() == len(guides)
    shared = next(names for names in guides.values() if len(names) > 1)
    block = blocks.filter(has_text=" and ".join(shared)).first
    assert "planned once" in block.inner_text()
    owner = block.get_by_label(f"Owner of step 1 of {' and '.join(shared)}", exact=True)
    owner.fill("Sam")
    watched.page.reload()
    panel = wait_for_panel(watched.page)
    owner = panel.get_by_label(f"Owner of step 1 of {' and '.join(shared)}", exact=True)
    assert owner.input_value() == "Sam"


def test_the_plans_fields_survive_a_reload_and_go_into_the_downloads(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    result = result_for(mixed())
    assert result["blockers"], "the answers must leave something holding the level back"
    panel = open_result(site, page, result)
    plan = panel.get_by_role("region", name="Your plan")
    picker = plan.get_by_role("group", name="Areas to work on")
    blockers = {blocker["name"] for blocker in result["blockers"]}
    checked = {
        area["name"]
        for area in result["profile"]
        if picker.get_by_label(area_label(area), exact=True).is_checked()
    }
    # The default: what holds the level back (the scorer's pick, a few areas at most).
    assert checked == {a["name"] for a in result["profile"] if a["id"] in result["plan_areas"]}
    assert checked <= blockers
    # The steps are the level page's, from the built site.
    index = steps_index(site)
    first_area = next(a for a in result["profile"] if a["name"] in blockers)
    steps = index[first_area["guide"]]["steps"]
    table = plan.locator(".ex-plan__area").first.locator("table")
    assert table.locator("tbody th").all_inner_texts() == [
        f"{n}. {step}" for n, step in enumerate(steps, start=1)
    ]
    # Pick one more area and fill in the first step's owner and due date.
    other = next(a for a in result["profile"] if a["name"] not in blockers)
    picker.get_by_label(area_label(other), exact=True).check()
    owner = plan.get_by_label(f"Owner of step 1 of {first_area['name']}", exact=True)
    due = plan.get_by_label(f"Due date of step 1 of {first_area['name']}", exact=True)
    owner.fill("Priya / CX lead")
    due.fill("2027-03-31")
    page.reload()
    panel = wait_for_panel(page)
    plan = panel.get_by_role("region", name="Your plan")
    plan.locator(".ex-plan__steps").first.wait_for()
    assert plan.get_by_label(
        f"Owner of step 1 of {first_area['name']}", exact=True
    ).input_value() == ("Priya / CX lead")
    assert plan.get_by_label(
        f"Due date of step 1 of {first_area['name']}", exact=True
    ).input_value() == ("2027-03-31")
    picker = plan.get_by_role("group", name="Areas to work on")
    assert picker.get_by_label(area_label(other), exact=True).is_checked()
    # The downloads carry the plan.
    with page.expect_download() as download:
        panel.get_by_role("button", name="Download answers (JSON)").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    planned = {item["dimension"]: item for item in saved["plan"]}
    assert set(planned) == set(result["plan_areas"]) | {other["id"]}
    item = planned[first_area["id"]]
    assert item["guide"] == guide_url(site, first_area["guide"])  # opens from the file
    assert item["steps"][0] == {"step": steps[0], "owner": "Priya / CX lead", "due": "2027-03-31"}
    with page.expect_download() as download:
        plan.get_by_role("button", name="Download the plan (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    (owned,) = [row for row in rows if row["owner"]]
    assert owned == {
        "area": first_area["name"],
        "step": steps[0],
        "owner": "Priya / CX lead",
        "due": "2027-03-31",
        "guide": guide_url(site, first_area["guide"]),
    }
    assert len(rows) == sum(len(item["steps"]) for item in saved["plan"])
    # "Print the plan" prints the plan alone; the result's own printout leaves it out.
    page.evaluate("window.print = () => {}")
    plan.get_by_role("button", name="Print the plan").click()
    page.emulate_media(media="print")
    assert plan.locator(".ex-plan__steps").first.is_visible()
    assert not panel.locator(".ex-profile").first.is_visible()
    assert not page.locator("article h1").is_visible()
    assert not plan.get_by_role("group", name="Areas to work on").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert panel.locator(".ex-profile").first.is_visible()
    assert not plan.is_visible()
    assert watched.console_errors == []


def history_file(site: SiteServer, page: Any) -> dict[str, Any]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download history (JSON)").click()
    data: dict[str, Any] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    return data


def import_file(page: Any, content: str | bytes, name: str = "history.json") -> str:
    """Import a file on the progress page; return the message it gives."""
    body = content.encode("utf-8") if isinstance(content, str) else content
    message = page.locator("#ex-history .ex-status__message")
    before = message.inner_text()
    page.get_by_label("Import a history file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": body}
    )
    page.wait_for_function(
        "(before) => document.querySelector('#ex-history .ex-status__message').innerText"
        " !== before",
        arg=before,
        timeout=READY_TIMEOUT_MS,
    )
    text: str = message.inner_text()
    return text


def test_the_history_exports_and_imports_and_bad_files_change_nothing(
    site: SiteServer, watched: WatchedPage, context: Any
) -> None:
    page = watched.page
    entries = [
        {"code": result_for(uniform(1))["code"], "date": "2026-01-15"},
        {"code": result_for(mixed())["code"], "date": "2026-06-30"},
    ]
    page.goto(site.url("assessment/history/"))
    seed_history(page, entries)
    open_history(site, page)
    exported = history_file(site, page)
    assert exported["entries"] == entries
    good = json.dumps(exported)

    # A browser with nothing saved: this one, its saved results emptied (what it keeps is
    # all that differs; the scorer and the files in the cache are no part of this).
    page.evaluate("localStorage.clear()")
    page.close()
    fresh = watch(context).page
    fresh.goto(site.url("assessment/history/"))
    fresh.get_by_text("No results are saved in this browser yet").wait_for(timeout=READY_TIMEOUT_MS)
    downloads: list[Any] = []
    fresh.on("download", lambda download: downloads.append(download))
    fresh.get_by_role("button", name="Download history (JSON)").click()
    fresh.get_by_text("There are no saved results to download yet.").wait_for()
    assert downloads == []  # an empty file would only be refused by the import
    bad_files: list[tuple[str | bytes, str]] = [
        ("this is not JSON", "not JSON"),
        (json.dumps({"entries": entries}), "not a history saved from this page"),
        (
            json.dumps({**exported, "entries": [{"code": entries[0]["code"], "date": "1/2"}]}),
            "Result 1 in this file is not a result code with a date",
        ),
        (
            json.dumps(
                {**exported, "entries": [*entries, {"code": "v2.AAAA", "date": "2026-07-01"}]}
            ),
            "Result 3 in this file could not be read",
        ),
    ]
    for content, reason in bad_files:
        text = import_file(fresh, content)
        assert reason in text
        assert "Nothing was changed." in text
        assert fresh.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    assert "Imported 2 results" in import_file(fresh, good, "mine.json")
    assert saved_history(fresh) == entries
    fresh.locator(".ex-history__list a").nth(1).wait_for(timeout=READY_TIMEOUT_MS)
    assert "already saved" in import_file(fresh, good, "mine-again.json")
    assert saved_history(fresh) == entries


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
    root.get_by_role("button", name="Delete all saved results").click()
    root.get_by_role("button", name="Cancel").click()
    assert len(saved_history(page)) == 2
    root.get_by_role("button", name="Delete all saved results").click()
    root.get_by_role("button", name="Yes, delete all 2 results").click()
    root.get_by_text("No results are saved in this browser yet").wait_for()
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_progress_page_and_a_panel_with_plan_and_progress(
    context: Any, site: SiteServer, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    before, after = result_for(uniform(2)), result_for(mixed())
    page.goto(site.url("assessment/history/"))
    seed_history(
        page,
        [
            {"code": before["code"], "date": "2026-01-15"},
            {"code": after["code"], "date": "2026-06-30"},
        ],
    )
    open_history(site, page)
    page.locator("svg.ex-chart--time").wait_for()
    assert axe_violations(page) == []
    panel = open_result(site, page, after)
    panel.locator(".ex-since__areas").wait_for(timeout=READY_TIMEOUT_MS)
    panel.locator(".ex-plan__steps").first.wait_for()
    assert axe_violations(page) == []


def dated(count: int, start: str, code: str) -> list[dict[str, str]]:
    """``count`` saved results of one code, a day apart from ``start``."""
    first = dt.date.fromisoformat(start)
    return [
        {"code": code, "date": (first + dt.timedelta(days=n)).isoformat()} for n in range(count)
    ]


def history_file_text(entries: list[dict[str, str]]) -> str:
    return json.dumps(
        {
            "format": "ex-maturity-playbook/history",
            "version": 1,
            "exported": "2026-01-01",
            "entries": entries,
        }
    )


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
    two.get_by_role("button", name=f"Delete result 1 ({first['date']})").click()
    one.wait_for_function("() => document.querySelectorAll('.ex-history__list li').length === 2")
    assert saved_history(one) == [second, third]
    # A list that is out of date (the storage changed without telling this tab): Delete still
    # deletes the result it names, not whatever is now at its place in the list.
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([third])],
    )
    one.get_by_role("button", name=f"Delete result 2 ({third['date']})").click()
    one.locator(".ex-status__message").filter(has_text=third["date"]).wait_for()
    assert saved_history(one) == []
    two.get_by_text("No results are saved in this browser yet").wait_for()
    # Deleting what another tab has already deleted says so, and deletes nothing else.
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([first])],
    )
    two.wait_for_function("() => document.querySelectorAll('.ex-history__list li').length === 1")
    seed_history(two, [second])  # a change from this tab: the other one is told
    one.wait_for_function(
        "(date) => document.querySelector('.ex-history__list li')?.textContent.startsWith(date)",
        arg=second["date"],
    )
    one.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [HISTORY_KEY, json.dumps([first])],
    )
    one.get_by_role("button", name=f"Delete result 1 ({second['date']})").click()
    one.locator(".ex-status__message").filter(has_text="already been deleted").wait_for()
    assert saved_history(one) == [first]


def test_an_import_past_the_cap_says_how_many_of_the_oldest_results_were_not_kept(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    code = result_for(mixed())["code"]
    page.goto(site.url("assessment/history/"))
    seed_history(page, dated(200, "2020-01-01", code))
    open_history(site, page)
    newer = dated(400, "2023-01-01", code)
    text = import_file(page, history_file_text(newer), "big.json")
    assert "Imported 400 results from big.json." in text
    assert "at most 500 results" in text
    assert "the 100 results with the oldest dates" in text
    assert "not kept" in text
    saved = saved_history(page)
    assert len(saved) == 500
    assert saved[0]["date"] == "2020-04-10"  # the 100 oldest went
    assert saved[-1] == newer[-1]


def test_an_impossible_date_and_a_file_without_results_are_refused_with_their_reason(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    code = result_for(uniform(2))["code"]
    page.goto(site.url("assessment/history/"))
    page.get_by_text("No results are saved in this browser yet").wait_for(timeout=READY_TIMEOUT_MS)
    text = import_file(page, history_file_text([{"code": code, "date": "2023-02-31"}]), "a.json")
    assert "Result 1 in this file is not a result code with a date" in text
    assert "Nothing was changed." in text
    text = import_file(page, history_file_text([]), "empty.json")
    assert "holds no results" in text
    assert "already saved" not in text
    assert "Nothing was changed." in text
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    assert "Imported 1 result " in import_file(
        page, history_file_text([{"code": code, "date": "2024-02-29"}]), "leap.json"
    )


def test_keyboard_focus_stays_in_the_list_after_deleting_and_cancel_is_focused_first(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    first, second, third = entries = three_results()
    page.goto(site.url("assessment/history/"))
    seed_history(page, entries)
    root = open_history(site, page)
    active = "() => document.activeElement?.getAttribute('aria-label')"
    root.get_by_role("button", name=f"Delete result 1 ({first['date']})").focus()
    page.keyboard.press("Enter")
    # The next result's Delete button (now the first) takes the focus.
    page.wait_for_function(f"() => ({active})() === 'Delete result 1 ({second['date']})'")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(active) == f"Delete result 2 ({third['date']})"
    page.keyboard.press("Enter")
    # The last one deleted: focus goes to the Delete button before it.
    page.wait_for_function(f"() => ({active})() === 'Delete result 1 ({second['date']})'")
    assert saved_history(page) == [second]
    root.get_by_role("button", name="Delete all saved results").click()
    assert page.evaluate("document.activeElement?.textContent") == "Cancel"
    page.keyboard.press("Enter")  # Enter at once deletes nothing
    assert saved_history(page) == [second]
    root.get_by_role("button", name="Delete all saved results").click()
    root.get_by_role("button", name="Yes, delete the 1 result").click()
    root.get_by_text("No results are saved in this browser yet").wait_for()
    page.wait_for_function("() => document.activeElement !== document.body")
    assert page.evaluate("document.activeElement.textContent") == "Saved results"


QUOTA_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def test_storage_that_reads_but_cannot_write_is_reported_instead_of_an_empty_promise(
    site: SiteServer, context: Any
) -> None:
    page = context.new_page()
    page.add_init_script(QUOTA_FULL)
    page.goto(site.url("assessment/history/"))
    line = page.locator(".ex-history__storage")
    line.filter(has_text=STORAGE_PROBLEM).wait_for(timeout=READY_TIMEOUT_MS)
    results = page.locator(".ex-history__results")
    assert "will appear here" not in results.inner_text()
    assert "cannot save new ones" in results.inner_text()


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


def test_on_a_phone_each_planned_step_reads_across_the_screen_with_labelled_fields(
    site: SiteServer, watched: WatchedPage
) -> None:
    """At 390 px the step's words take the card's width (they were squeezed into a column of
    about 80 px), and its owner and due date sit under their column names."""
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    panel = open_result(site, page, result_for(mixed()))
    row = panel.locator(".ex-plan__steps tbody tr").first
    row.wait_for()
    shape = row.evaluate(
        """(row) => {
            const step = row.querySelector("th").getBoundingClientRect();
            const cells = [...row.querySelectorAll("td")];
            return {
                step: step.width,
                labels: cells.map((td) => getComputedStyle(td, "::before").content),
                right: Math.max(...cells.map((td) => td.getBoundingClientRect().right)),
                scroll: document.documentElement.scrollWidth,
            };
        }"""
    )
    assert shape["step"] > 250, shape
    assert shape["labels"] == ['"Owner"', '"Due date"'], shape
    assert shape["right"] <= 390
    assert shape["scroll"] <= 390


def test_forget_everything_clears_what_the_site_kept_and_nothing_else(
    site: SiteServer, fresh_context: Any
) -> None:
    """Answers in progress, saved results, the plan, checklist ticks, the colour scheme and the
    scorer's start-up snapshot all go, after a confirmation whose first choice is Cancel;
    another site's storage on the same origin stays."""
    watched = watch(fresh_context)
    page = watched.page
    result = take(site, page, mixed())  # saves a result, and the scorer saves its snapshot
    page.goto(site.url("levels/level-2/"))
    page.locator("article .task-list-item label").first.click()  # a checklist tick
    page.locator("label[for=__palette_1]").click()  # the dark scheme, kept by Material
    page.evaluate("localStorage.setItem('someone-else', 'keep me')")
    # wait_until, not wait_for_function: that takes an async check's pending promise for true.
    wait_until(
        page,
        "async (name) => (await caches.keys()).includes(name)",
        SNAPSHOT_CACHE,
        "the scorer's snapshot is saved",
    )
    root = open_history(site, page)
    assert result["code"] in json.dumps(saved_history(page))
    kept = page.get_by_role("heading", name="What this site keeps in your browser")
    assert kept.is_visible()
    root.get_by_role("button", name="Forget everything").click()
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    root.get_by_role("button", name="Yes, forget everything").click()
    root.get_by_text("Everything this site kept in this browser is gone.").wait_for()
    left = page.evaluate(
        """async (prefix) => ({
            keys: Object.keys(localStorage),
            session: Object.keys(sessionStorage).filter((k) => k.startsWith(prefix)),
            caches: await caches.keys(),
        })""",
        storage_key(""),
    )
    assert left["keys"] == ["someone-else"], left
    assert left["session"] == []
    assert SNAPSHOT_CACHE not in left["caches"]
    assert watched.console_errors == []


def test_a_scorer_still_starting_keeps_no_snapshot_once_everything_is_forgotten(
    site: SiteServer, fresh_context: Any
) -> None:
    """The progress page starts the scorer; the reader forgets everything while it is still
    downloading. Before, the scorer saved its snapshot once it had started, a few seconds
    after the page said everything was gone (a copy's test caught it on a loaded machine,
    where a failed restore made the scorer start afresh and save again)."""
    watched = watch(fresh_context)
    page = watched.page
    said: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: said.append(m.text)))
    with site.throttled(BINARY, 700_000):  # about five seconds for the binary
        root = open_history(site, page)
        root.get_by_role("button", name="Forget everything").click()
        root.get_by_role("button", name="Yes, forget everything").click()
        root.get_by_text("Everything this site kept in this browser is gone.").wait_for()
    deadline = time.monotonic() + 90
    while not any("no start-up snapshot kept" in text for text in said):
        assert time.monotonic() < deadline, f"the scorer never said it kept none: {said}"
        next_frames(page)
    assert SNAPSHOT_CACHE not in page.evaluate("caches.keys()")
    assert watched.console_errors == []


def test_the_history_file_field_shows_a_focus_ring_from_the_keyboard(
    site: SiteServer, watched: WatchedPage
) -> None:
    """Material's reset takes the outline off every input; the file field of "Import a
    history file" showed no sign of focus (WCAG 2.4.7)."""
    page = watched.page
    page.goto(site.url("assessment/history/"))
    page.get_by_role("button", name="Download history (JSON)").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "ex-history-import":
            break
    ring = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {id: document.activeElement.id, style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert ring["id"] == "ex-history-import"
    assert ring["style"] != "none"
    assert ring["width"] >= 2
