"""Failures named truly, and nothing lost, when readers move browsers: the history file carries
the plan and an import merges it with what the other browser has, and a result from the
future is refused with its reason.

Every failure here is a real one: an offline browser context, a server that answers with
damaged bytes, a second page in the same context, Chrome's own "block site data" setting.
No timer is shortened.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer, storage_key, watch
from quiz.web import page_messages
from tests.assessment_support import BANK, QUESTION_IDS, READY_TIMEOUT_MS
from tests.failures_support import cli_result
from tests.progress_support import (  # the progress page's own helpers
    import_file,
    long_date,
    step_label,
)
from tests.ui_text import ui

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Problem 5: the history file carries the plan, and refuses results from the future.

HISTORY_KEY = storage_key("history:v1")
PLAN_KEY = storage_key("plan:v1")


def open_history(site: SiteServer, page: Any) -> Any:
    page.goto(site.url("assessment/history/"))
    root = page.locator("#ex-history")
    root.get_by_role("heading", name=ui("page.history_title")).wait_for(timeout=READY_TIMEOUT_MS)
    return root


def mixed_answers() -> dict[str, int | str | None]:
    """Mostly Level 3, one area held at Level 1: a plan with blockers."""
    answers: dict[str, int | str | None] = dict.fromkeys(QUESTION_IDS, 3)
    for question in BANK.questions_for(BANK.dimensions[0].id):
        answers[question.id] = 1
    return answers


def test_the_history_file_carries_the_plan_and_an_import_merges_it(
    site: SiteServer, context: Any
) -> None:
    """The progress page tells readers to move browsers with the history file: the plan's
    owners and due dates now go with it. On the other browser the import adds them where it
    has none, keeps its own where it has, and says so; an older file without a plan still
    imports."""
    result = cli_result(mixed_answers())
    area = next(a for a in result["profile"] if a["id"] in result["plan_areas"])
    page = watch(context).page
    page.goto(site.url("assessment/history/"))
    entry = {"code": result["code"], "date": "2026-05-04"}
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [HISTORY_KEY, json.dumps([entry])]
    )
    page.goto(site.url(str(result["page"]).removesuffix(".md") + f"/#result={result['code']}"))
    plan = page.get_by_role("region", name=ui("page.plan_title"))
    plan.locator(".ex-plan__steps").first.wait_for(timeout=READY_TIMEOUT_MS)
    owner = plan.get_by_label(step_label("owner", 1, area["name"]), exact=True)
    owner.fill("Priya (CX lead)")
    plan.get_by_label(step_label("due", 1, area["name"]), exact=True).fill("2027-03-31")
    plan.get_by_label(step_label("owner", 2, area["name"]), exact=True).fill("Sam")
    root = open_history(site, page)
    root.locator(".ex-history__list a").first.wait_for(timeout=READY_TIMEOUT_MS)
    with page.expect_download() as download:
        root.get_by_role("button", name=ui("page.history_download")).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    saved_plan = json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))
    assert exported["plan"] == saved_plan
    assert {s["owner"] for s in saved_plan["steps"].values()} == {"Priya (CX lead)", "Sam"}

    # Another browser, with its own owner for step 2 already: what it keeps is its own, so
    # this one's is emptied (the scorer and the files in the cache are no part of this).
    page.evaluate("localStorage.clear()")
    page.close()
    other = watch(context).page
    root = open_history(site, other)
    step_two = next(k for k, v in saved_plan["steps"].items() if v["owner"] == "Sam")
    other.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [PLAN_KEY, json.dumps({"areas": {}, "steps": {step_two: {"owner": "Ana", "due": ""}}})],
    )
    said = import_file(other, json.dumps(exported), "moving.json")
    assert said == " ".join(
        [
            "Imported 1 result from moving.json.",
            page_messages()["history_plan_added"].format(count=1),
            page_messages()["history_plan_kept"].format(count=1),
        ]
    )
    merged = json.loads(other.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))
    assert merged["steps"][step_two] == {"owner": "Ana", "due": ""}
    assert {v["owner"] for v in merged["steps"].values()} == {"Priya (CX lead)", "Ana"}
    assert merged["areas"] == saved_plan["areas"]
    # The result opens there with its plan.
    root.locator(".ex-history__list a").first.click()
    plan = other.get_by_role("region", name=ui("page.plan_title"))
    plan.locator(".ex-plan__steps").first.wait_for(timeout=READY_TIMEOUT_MS)
    assert (
        plan.get_by_label(step_label("owner", 1, area["name"]), exact=True).input_value()
        == "Priya (CX lead)"
    )
    assert (
        plan.get_by_label(step_label("due", 1, area["name"]), exact=True).input_value()
        == "2027-03-31"
    )
    # A file written before plans travelled (version 1, results only) still imports.
    old = {
        "format": "ex-maturity-playbook/history",
        "version": 1,
        "exported": "2026-01-01",
        "entries": [
            {"code": cli_result(dict.fromkeys(QUESTION_IDS, 2))["code"], "date": "2026-01-01"}
        ],
    }
    open_history(site, other)
    assert import_file(other, json.dumps(old), "old.json") == "Imported 1 result from old.json."
    assert len(json.loads(other.evaluate(f"localStorage.getItem('{HISTORY_KEY}')"))) == 2


def test_a_history_file_with_a_result_from_the_future_is_refused_with_its_reason(
    site: SiteServer, context: Any
) -> None:
    """A result dated 2099 would always count as the latest, and "Since your last result"
    would compare against it. A day ahead is allowed (clocks and time zones differ)."""
    page = watch(context).page
    open_history(site, page)
    code = cli_result(dict.fromkeys(QUESTION_IDS, 2))["code"]
    today = dt.date.today()

    def file(*dates: str) -> str:
        entries = [{"code": code, "date": date} for date in dates]
        return json.dumps(
            {
                "format": "ex-maturity-playbook/history",
                "version": 1,
                "exported": "2026-01-01",
                "entries": entries,
            }
        )

    said = import_file(page, file("2026-01-01", "2099-01-01"))
    # Dates as the page writes them for its language (Intl, dateStyle "long"; English here).
    reason = page_messages()["history_future"].format(
        number=2, date=long_date("2099-01-01"), today=long_date(today.isoformat())
    )
    assert said == page_messages()["history_unchanged"].format(error=reason)
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert import_file(page, file(tomorrow), "skew.json") == "Imported 1 result from skew.json."
