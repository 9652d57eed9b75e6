"""The result panel in the browser: its explanation in the engine's own words, the downloads,
the one-page printout, the whole flow under the Content Security Policy, the fields of
assessment v2, and no axe violation on the form or the panel (every page:
test_site_pages_accessibility.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer, instant_goto
from tests.assessment_support import (
    QUESTION_IDS,
    answer_all,
    cli_score,
    pattern,
    result_url,
    submit,
    wait_for_panel,
)
from tests.axe import axe_violations
from tests.ui_text import ui

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# The panel's content and actions.


def test_the_panel_explains_the_level_with_the_engines_own_words(
    warm: Any, site: SiteServer
) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    assert panel.locator(".ex-result__why").inner_text() == expected["why"]
    for blocker in expected["blockers"]:
        assert blocker["name"] in panel.inner_text()
    for theme in expected["themes"]:
        assert panel.locator(".ex-themes").get_by_role("link", name=theme["title"]).count() == 1
    widths = panel.locator(".ex-bar").evaluate_all("(bars) => bars.map((b) => b.offsetWidth)")
    assert all(width > 0 for width in widths)


def test_downloads_carry_the_answers_as_json_and_csv(warm: Any, site: SiteServer) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    wait_for_panel(warm)
    with warm.expect_download() as json_download:
        warm.get_by_role("button", name=ui("page.download_answers_json")).click()
    saved = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert saved["answers"] == expected["answers"]
    assert saved["code"] == expected["code"]
    with warm.expect_download() as csv_download:
        warm.get_by_role("button", name=ui("page.download_answers_csv")).click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text("utf-8-sig"))))
    assert len(rows) == len(QUESTION_IDS)


def test_a_result_prints_on_one_page_for_leadership_on_a4_and_letter(
    warm: Any, site: SiteServer
) -> None:
    """Level and range, the profile chart, the areas named in what to do next and the share
    link: one sheet of A4 and one of US Letter."""
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    warm.emulate_media(media="print")
    assert not warm.locator(".md-header").is_visible()
    assert not warm.locator(".md-sidebar--primary").is_visible()
    assert not warm.locator("#take-action").is_visible()
    assert panel.locator(".ex-result__statement").inner_text() == expected["level_statement"]
    assert panel.locator(".ex-profile").is_visible()
    named = expected["plan_areas"]
    assert named
    for blocker in expected["blockers"]:
        item = panel.locator(f".ex-blocker[data-area='{blocker['id']}']")
        assert item.is_visible() == (blocker["id"] in named), blocker["id"]
    share = panel.locator(".ex-result__print-link")
    assert share.is_visible()
    assert f"#result={expected['code']}" in share.inner_text()
    # No heading is printed without what it heads (the contrasts stay on screen).
    assert panel.locator(".ex-contrasts__title").count() == 1
    assert not panel.locator(".ex-contrasts__title").is_visible()
    assert not panel.locator(".ex-contrast h4").first.is_visible()
    for paper in ("A4", "Letter"):
        pdf = warm.pdf(format=paper)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pages == 1, paper
    warm.emulate_media(media="screen")
    assert not share.is_visible()


def test_the_whole_flow_runs_under_the_content_security_policy(warm: Any, site: SiteServer) -> None:
    """Quiz, result, share link, downloads, search and the palette toggle: the `warm` fixture
    fails the test on any policy violation (they arrive as console errors)."""
    warm.context.grant_permissions(["clipboard-read", "clipboard-write"])
    answer_all(warm, pattern("all-3"))
    submit(warm)
    panel = wait_for_panel(warm)
    panel.get_by_role("button", name=ui("page.copy_share_link")).click()
    panel.locator(".ex-result__note", has_text=ui("page.share_link_copied")).wait_for()
    with warm.expect_download():
        panel.get_by_role("button", name=ui("page.download_answers_csv")).click()
    warm.keyboard.press("/")
    warm.locator(".md-search__input").press_sequentially("retention", delay=30)
    warm.locator(".md-search-result__item").first.wait_for()
    warm.keyboard.press("Escape")
    warm.locator("label[for=__palette_1]").click()
    assert warm.locator("body").get_attribute("data-md-color-scheme") == "slate"
    warm.locator("label[for=__palette_0]").click()
    policy = warm.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert policy is not None
    assert "'unsafe-inline'" not in policy


# ---------------------------------------------------------------------------------------------
# Accessibility of the form and a result panel (every page: test_site_pages_accessibility.py).


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_assessment_and_a_result_panel(
    warm: Any, site: SiteServer, scheme: str
) -> None:
    warm.emulate_media(color_scheme=scheme)
    warm.locator(f"label[for='q-{QUESTION_IDS[0]}-2']").click()
    assert axe_violations(warm) == []
    instant_goto(warm, result_url(site, cli_score(pattern("mixed"))))
    wait_for_panel(warm)
    for details in warm.locator("#ex-result details").all():
        details.evaluate("(d) => { d.open = true; }")
    assert axe_violations(warm) == []


def test_the_panel_shows_the_fields_of_assessment_v2_when_present(
    warm: Any, site: SiteServer
) -> None:
    """Level statement, the answers behind each area, contrasts, guide labels, legacy links:
    rendered as text whenever the engine sends them (older results simply lack them)."""
    result = cli_score(pattern("mixed"))
    first = result["profile"][0]
    result["level_statement"] = "Level 2 confirmed; up to Level 4 once 3 questions are answered."
    result["profile"][1]["level"] = None
    del result["profile"][1]["label"]  # an area without the engine's label falls back to its level
    first["answers"] = [
        {"question": "q", "number": 7, "text": "<b>Question</b>", "level": None, "statement": "S"}
    ]
    result["contrasts"] = [
        {
            "dimension": first["id"],
            "dimension_name": first["name"],
            "questions": ["a", "b"],
            "levels": [4, 1],
            "statements": ["High <i>statement</i>", "Low statement"],
            "sentence": "The two answers disagree.",
        }
    ]
    if result["blockers"]:
        result["blockers"][0]["guide_label"] = "A label only this blocker has"
    result["legacy"] = {"version": 0, "message": "This link was made with an older assessment."}
    warm.goto(site.url(result["page"].removesuffix(".md") + "/"))
    warm.locator("#ex-result").wait_for(state="attached")
    warm.evaluate(
        """async ([url, result]) => {
            const { renderResult } = await import(url);
            renderResult(document.getElementById("ex-result"), result, null);
        }""",
        [site.url("javascripts/assessment/panel.mjs"), result],
    )
    panel = warm.locator("#ex-result")
    text = panel.inner_text()
    assert panel.locator(".ex-result__statement").inner_text() == result["level_statement"]
    row = panel.locator("tr", has=warm.locator("th", has_text=result["profile"][1]["name"]))
    assert row.locator("td").first.inner_text() == "Unknown (no answers)"
    assert row.locator("strong").count() == 0
    assert "Question 7: <b>Question</b>" in panel.locator("details").first.text_content()
    assert "High <i>statement</i>" in text
    assert "The two answers disagree." in text
    assert panel.locator("b, i").count() == 0
    if result["blockers"]:
        assert panel.get_by_role("link", name="A label only this blocker has").count() == 1
    legacy = panel.locator(".ex-result__legacy")
    assert "older assessment" in legacy.inner_text()
    assert legacy.get_by_role("link", name=ui("page.retake")).count() == 1
