"""What the team page's browser tests share: people's results and share links worked out by
CPython, what ``quiz.web.team_json`` says the page must show, and the reader's steps on the
page (open it, paste links, compare, wait for the team result).

The ``team_page`` fixture (tests/conftest.py) opens the page with ``open_team_page``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from harness import SiteServer
from quiz import load_bank
from quiz.web import score_json, team_json
from tests.ui_text import ui

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
    page.locator("#ex-team-status").filter(has_text=ui("page.status_ready")).wait_for(
        timeout=READY_TIMEOUT_MS
    )


def team_region(page: Any) -> Any:
    region = page.get_by_role("region", name=ui("page.team_result_title"))
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


def uniform_code(level: int) -> str:
    return str(result_for(dict.fromkeys(QUESTION_IDS, level))["code"])
