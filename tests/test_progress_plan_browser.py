"""The plan on a result in the browser: the areas it starts with, owners and due dates that
survive a reload and go into the downloads and the printout, each step on a phone, and no axe
violation on the progress page or a panel with plan and progress.

The steps come from the built site's ``assets/steps.json``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer, WatchedPage
from tests.axe import axe_violations
from tests.progress_support import (
    BANK,
    READY_TIMEOUT_MS,
    mixed,
    open_history,
    open_result,
    result_for,
    seed_history,
    step_label,
    uniform,
    wait_for_panel,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


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
    picker = panel.get_by_role("region", name=ui("page.plan_title")).get_by_role(
        "group", name=ui("page.plan_pick_legend")
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
    owner = block.get_by_label(step_label("owner", 1, " and ".join(shared)), exact=True)
    owner.fill("Sam")
    watched.page.reload()
    panel = wait_for_panel(watched.page)
    owner = panel.get_by_label(step_label("owner", 1, " and ".join(shared)), exact=True)
    assert owner.input_value() == "Sam"


def test_the_plans_fields_survive_a_reload_and_go_into_the_downloads(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    result = result_for(mixed())
    assert result["blockers"], "the answers must leave something holding the level back"
    panel = open_result(site, page, result)
    plan = panel.get_by_role("region", name=ui("page.plan_title"))
    picker = plan.get_by_role("group", name=ui("page.plan_pick_legend"))
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
    owner = plan.get_by_label(step_label("owner", 1, first_area["name"]), exact=True)
    due = plan.get_by_label(step_label("due", 1, first_area["name"]), exact=True)
    owner.fill("Priya / CX lead")
    due.fill("2027-03-31")
    page.reload()
    panel = wait_for_panel(page)
    plan = panel.get_by_role("region", name=ui("page.plan_title"))
    plan.locator(".ex-plan__steps").first.wait_for()
    assert plan.get_by_label(
        step_label("owner", 1, first_area["name"]), exact=True
    ).input_value() == ("Priya / CX lead")
    assert plan.get_by_label(
        step_label("due", 1, first_area["name"]), exact=True
    ).input_value() == ("2027-03-31")
    picker = plan.get_by_role("group", name=ui("page.plan_pick_legend"))
    assert picker.get_by_label(area_label(other), exact=True).is_checked()
    # The downloads carry the plan.
    with page.expect_download() as download:
        panel.get_by_role("button", name=ui("page.download_answers_json")).click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    planned = {item["dimension"]: item for item in saved["plan"]}
    assert set(planned) == set(result["plan_areas"]) | {other["id"]}
    item = planned[first_area["id"]]
    assert item["guide"] == guide_url(site, first_area["guide"])  # opens from the file
    assert item["steps"][0] == {"step": steps[0], "owner": "Priya / CX lead", "due": "2027-03-31"}
    with page.expect_download() as download:
        plan.get_by_role("button", name=ui("page.plan_download")).click()
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
    plan.get_by_role("button", name=ui("page.plan_print")).click()
    page.emulate_media(media="print")
    assert plan.locator(".ex-plan__steps").first.is_visible()
    assert not panel.locator(".ex-profile").first.is_visible()
    assert not page.locator("article h1").is_visible()
    assert not plan.get_by_role("group", name=ui("page.plan_pick_legend")).is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert panel.locator(".ex-profile").first.is_visible()
    assert not plan.is_visible()
    assert watched.console_errors == []


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
