"""Assessment v2 in the browser, taken as a new user would: an uneven answer set shows its
confirmed and possible level, its contrasts, the answers behind each area and advice links
that match each area's level; an old v1 link opens with its original level and a note."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer
from quiz import load_bank
from tests.assessment_support import answer_all, cli_score, result_url, submit, wait_for_panel
from tests.ui_text import ui

pytestmark = pytest.mark.browser
BANK = load_bank()


def uneven_answers() -> dict[str, int | str | None]:
    """One level below the top mostly; one area pulls apart (top and two below); one question
    of an area the level below the top needs is "Not sure", so the result is a range; and one
    question that offers it is "not applicable"."""
    answers: dict[str, int | str | None] = {q.id: BANK.top - 1 for q in BANK.questions}
    pairs = [d for d in BANK.dimensions if len(BANK.questions_for(d.id)) == 2]
    first, second = BANK.questions_for(pairs[0].id)
    answers[first.id] = BANK.top
    answers[second.id] = BANK.top - 3
    needed = BANK.gates(BANK.top - 1)[-1]
    answers[BANK.questions_for(needed)[-1].id] = None
    offered = [q.id for q in BANK.questions if q.not_applicable]
    answers[offered[-1]] = "na"
    return answers


def href(site: SiteServer, docs_path: str) -> str:
    page, _, anchor = docs_path.partition("#")
    return site.url(page.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else ""))


def test_an_uneven_answer_set_shows_its_range_contrasts_answers_and_level_matched_steps(
    warm: Any, site: SiteServer
) -> None:
    answers = uneven_answers()
    expected = cli_score(answers)
    assert expected["possible_level"] > expected["level"]  # the set really is a range
    assert expected["contrasts"]
    answer_all(warm, answers)
    submit(warm)
    panel = wait_for_panel(warm)
    assert warm.url == result_url(site, expected)
    text = " ".join(panel.inner_text().split())
    assert expected["level_statement"] in text
    for contrast in expected["contrasts"]:
        box = panel.locator(".ex-contrast", has_text=contrast["dimension_name"])
        for statement in contrast["statements"]:
            assert box.get_by_text(f"“{statement}”", exact=True).is_visible()
    for area in expected["profile"]:
        details = panel.locator("details.ex-answers", has_text=area["name"])
        details.locator("summary").click()
        for answer in area["answers"]:
            assert details.get_by_text(answer["statement"], exact=False).first.is_visible()
        # A "Not sure" or "not applicable" answer is said once, not quoted as a statement.
        assert details.locator(".ex-answers__choice").all_inner_texts() == [
            "Not sure (an open question)"
            if answer["level"] is None
            else "Not applicable (left out)"
            if answer["level"] == "na"
            else f"Level {answer['level']}: “{answer['statement']}”"
            for answer in area["answers"]
        ]
    for blocker in expected["blockers"]:
        step = BANK.dimension(blocker["id"]).step(blocker["level"])
        assert blocker["guide"] == step
        link = panel.get_by_role("link", name=blocker["guide_label"]).first
        assert link.get_attribute("href") == href(site, step)
    assert "Unknown" not in text or any(a["level"] is None for a in expected["profile"])


def test_a_v1_link_opens_with_its_original_level_and_a_note(warm: Any, site: SiteServer) -> None:
    cases = json.loads((Path(__file__).parent / "data" / "v1_codes.json").read_text("utf-8"))
    case = next(c for c in cases["cases"] if c["level"] is not None and c["level"] > 1)
    level_page = BANK.level(case["level"]).page.removesuffix(".md")
    warm.goto(site.url(f"{level_page}/#result={case['code']}"))
    panel = wait_for_panel(warm)
    text = " ".join(panel.inner_text().split())
    assert f"Level {case['level']} confirmed" in text
    assert "earlier version of the assessment" in text
    assert panel.get_by_role("link", name=ui("page.retake")).first.is_visible()
