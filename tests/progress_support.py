"""What the progress and plan tests share: results worked out by CPython (``quiz.web``), the
answer sets behind them, and the reader's steps on the site (take the assessment, open a
result, open the progress page, read, seed and import saved results).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from harness import SiteServer, instant_goto, storage_key
from quiz import load_bank
from quiz.web import score_json
from tests.ui_text import CUT, ui, ui_upto

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
HISTORY_KEY = storage_key("history:v1")
STORAGE_PROBLEM = (
    "This browser is not saving your results or plan (storage is turned off or full): "
    "they last only until you leave the site."
)
READY_TIMEOUT_MS = 60_000


def long_date(iso: str) -> str:
    """A saved result's date as the English pages write it (``Intl.DateTimeFormat("en",
    {dateStyle: "long"})``): 2026-12-07 -> December 7, 2026."""
    day = dt.date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


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


def step_label(field: str, number: int, areas: str) -> str:
    """The label of the ``owner`` or ``due`` field of step ``number`` of ``areas`` in the plan."""
    return ui(f"page.plan_{field}_label", step=ui("page.plan_where", number=number, areas=areas))


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result")
    panel.locator(
        "h2",
        has_text=ui_upto("page.result_heading", level=ui("page.level_label", level=CUT), name=""),
    ).wait_for(timeout=READY_TIMEOUT_MS)
    return panel


def take(site: SiteServer, page: Any, answers: dict[str, int | None]) -> dict[str, Any]:
    """Take the assessment with the mouse; return what CPython says the result is."""
    go(site, page, site.url("assessment/"))
    page.locator("#ex-status").filter(has_text=ui("page.status_ready")).wait_for(
        timeout=READY_TIMEOUT_MS
    )
    for qid, level in answers.items():
        value = "unsure" if level is None else str(level)
        page.locator(f"label[for='q-{qid}-{value}']").click()
    page.get_by_role("button", name=ui("build.form.submit")).click()
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
    root.locator("h2", has_text=ui("page.history_title")).wait_for(timeout=READY_TIMEOUT_MS)
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


def import_file(page: Any, content: str | bytes, name: str = "history.json") -> str:
    """Import a file on the progress page; return the message it gives."""
    body = content.encode("utf-8") if isinstance(content, str) else content
    message = page.locator("#ex-history .ex-status__message")
    before = message.inner_text()
    page.get_by_label(ui("page.history_import")).set_input_files(
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


def dated(count: int, start: str, code: str) -> list[dict[str, str]]:
    """``count`` saved results of one code, a day apart from ``start``."""
    first = dt.date.fromisoformat(start)
    return [
        {"code": code, "date": (first + dt.timedelta(days=n)).isoformat()} for n in range(count)
    ]
