"""The assessment in the browser: Pyodide scorer in a worker, redirect to the level page, panel.

These tests drive the built site in Chromium, as a reader would, and compare what the browser
shows with what the CPython command line gives for the same answers.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz import load_bank
from quiz.web import score_json
from tests.axe import axe_violations
from tests.conftest import ROOT, SiteServer, WatchedPage, watch

pytestmark = pytest.mark.browser

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
READY_TIMEOUT_MS = 60_000


def cli_score(answers: dict[str, int | None]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "score", "-"],
        input=json.dumps({"answers": answers}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def pattern(name: str) -> dict[str, int | None]:
    """Named answer patterns: uniform, mixed, with "not sure" answers."""
    if name.startswith("all-"):
        return dict.fromkeys(QUESTION_IDS, int(name[-1]))
    rng = random.Random(name)
    answers: dict[str, int | None] = {q: rng.randint(1, 5) for q in QUESTION_IDS}
    if name == "mixed-with-unsure":
        for q in QUESTION_IDS[::5]:
            answers[q] = None
    return answers


def choice_value(level: int | None) -> str:
    return "unsure" if level is None else str(level)


def wait_ready(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('#ex-status')?.textContent.startsWith('Ready')",
        timeout=READY_TIMEOUT_MS,
    )


def open_assessment(site: SiteServer, watched: WatchedPage) -> Any:
    page = watched.page
    page.goto(site.url("assessment/"))
    wait_ready(page)
    return page


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result")
    panel.locator("h2").wait_for(timeout=READY_TIMEOUT_MS)
    page.wait_for_function(
        "!document.querySelector('#ex-result').textContent.includes('Loading')",
        timeout=READY_TIMEOUT_MS,
    )
    return panel


@pytest.fixture
def assessment(site: SiteServer, watched: WatchedPage) -> Iterator[Any]:
    page = open_assessment(site, watched)
    yield page
    assert watched.foreign_requests == []
    assert watched.console_errors == []


@pytest.mark.parametrize("name", ["all-1", "all-4", "mixed", "mixed-with-unsure"])
def test_answering_with_the_mouse_lands_on_the_level_the_cli_gives(
    assessment: Any, site: SiteServer, name: str
) -> None:
    answers = pattern(name)
    expected = cli_score(answers)
    for qid, level in answers.items():
        assessment.locator(f"label[for='q-{qid}-{choice_value(level)}']").click()
    assert assessment.locator("#ex-progress-count").inner_text() == str(len(QUESTION_IDS))
    assessment.get_by_role("button", name="See my level").click()
    level = expected["level"]
    assessment.wait_for_url(f"**/levels/level-{level}/#result=*")
    panel = wait_for_panel(assessment)
    assert f"Level {level}" in panel.locator("h2").inner_text()
    assert assessment.url.endswith("#result=" + expected["code"])
    for dim in expected["profile"]:
        row = panel.locator("tr", has=assessment.locator("th", has_text=dim["name"]))
        assert row.locator("td").first.inner_text() == f"Level {dim['level']}"


@pytest.mark.parametrize("name", ["all-2", "mixed-with-unsure"])
def test_answering_with_the_keyboard_only_lands_on_the_level_the_cli_gives(
    assessment: Any, name: str
) -> None:
    answers = pattern(name)
    expected = cli_score(answers)
    assessment.locator("#ex-assessment input[type=radio]").first.focus()
    keyboard = assessment.keyboard
    for index, qid in enumerate(QUESTION_IDS):
        if index:
            keyboard.press("Tab")  # into the next question's radio group
        keyboard.press("Space")  # selects the first statement (level 1)
        steps = 5 if answers[qid] is None else int(answers[qid] or 1) - 1
        for _ in range(steps):
            keyboard.press("ArrowDown")
        checked = assessment.locator(f"input[name='{qid}']:checked")
        assert checked.get_attribute("value") == choice_value(answers[qid])
    keyboard.press("Tab")  # the submit button
    keyboard.press("Enter")
    assessment.wait_for_url(f"**/levels/level-{expected['level']}/#result=*")
    panel = wait_for_panel(assessment)
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()


def test_too_few_answers_gives_the_not_enough_answers_message_and_stays(assessment: Any) -> None:
    assessment.locator(f"label[for='q-{QUESTION_IDS[0]}-3']").click()
    assessment.get_by_role("button", name="See my level").click()
    status = assessment.locator("#ex-status")
    status.filter(has_text="answer").wait_for()
    expected = cli_score({QUESTION_IDS[0]: 3})
    assert expected["level"] is None
    assert status.inner_text().strip() == expected["reason"]
    assert "/assessment/" in assessment.url


def test_pyodide_scorer_matches_cpython_on_200_random_answer_sets(
    assessment: Any, site: SiteServer
) -> None:
    rng = random.Random(2026)
    sets = []
    for _ in range(200):
        answers: dict[str, int | None] = {}
        for qid in QUESTION_IDS:
            roll = rng.random()
            if roll < 0.1:
                continue
            answers[qid] = None if roll < 0.2 else rng.randint(1, 5)
        sets.append(answers)
    browser_replies = assessment.evaluate(
        """async ([workerUrl, sets]) => {
            const worker = new Worker(workerUrl, {type: "module"});
            const replies = new Map();
            await new Promise((resolve, reject) => {
                worker.onmessage = (e) => {
                    if (e.data.type === "ready") resolve();
                    else if (e.data.type === "failed") reject(new Error(e.data.error));
                    else replies.set(e.data.id, e.data);
                };
            });
            sets.forEach((answers, id) => worker.postMessage({id, type: "score", answers}));
            while (replies.size < sets.length) await new Promise((r) => setTimeout(r, 20));
            worker.terminate();
            return sets.map((_, id) => {
                const {id: _id, ...rest} = replies.get(id);
                return rest;
            });
        }""",
        [site.url("javascripts/quiz-worker.mjs"), sets],
    )
    expected = [json.loads(score_json(json.dumps({"answers": answers}))) for answers in sets]
    assert browser_replies == expected


def test_shared_result_link_shows_the_same_result_on_any_level_page(
    assessment: Any, site: SiteServer, browser: Any
) -> None:
    answers = pattern("mixed")
    for qid, level in answers.items():
        assessment.locator(f"label[for='q-{qid}-{choice_value(level)}']").click()
    assessment.get_by_role("button", name="See my level").click()
    assessment.wait_for_url("**/#result=*")
    first = wait_for_panel(assessment).inner_text()
    code = assessment.url.split("#result=")[1]
    other = browser.new_context()
    try:
        fresh = watch(other)
        fresh.page.goto(site.url(f"levels/level-1/#result={code}"))
        panel = wait_for_panel(fresh.page)
        expected = cli_score(answers)
        assert f"Level {expected['level']}" in panel.locator("h2").inner_text()
        for dim in expected["profile"]:
            assert dim["name"] in panel.inner_text()
        assert first.split("\n")[0] == panel.inner_text().split("\n")[0]
        assert fresh.foreign_requests == []
        assert fresh.console_errors == []
    finally:
        other.close()


def test_answers_survive_a_reload_and_start_over_clears_them(assessment: Any) -> None:
    picked = {QUESTION_IDS[0]: "2", QUESTION_IDS[3]: "5", QUESTION_IDS[5]: "unsure"}
    for qid, value in picked.items():
        assessment.locator(f"label[for='q-{qid}-{value}']").click()
    assessment.reload()
    wait_ready(assessment)
    for qid, value in picked.items():
        assert assessment.locator(f"#q-{qid}-{value}").is_checked()
    assert assessment.locator("#ex-progress-count").inner_text() == "3"
    assessment.get_by_role("button", name="Start over").click()
    assert assessment.locator("#ex-assessment input[type=radio]:checked").count() == 0
    assessment.reload()
    wait_ready(assessment)
    assert assessment.locator("#ex-assessment input[type=radio]:checked").count() == 0


def test_corrupt_saved_answers_do_not_break_the_page(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.add_init_script("localStorage.setItem('ex-maturity-playbook:answers:v1', '{not json')")
    page.goto(site.url("assessment/"))
    wait_ready(page)
    assert "could not be read" in page.locator("#ex-status").inner_text()
    page.locator(f"label[for='q-{QUESTION_IDS[0]}-4']").click()
    assert page.locator("#ex-progress-count").inner_text() == "1"


def test_disabled_storage_still_lets_the_reader_finish(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no'); }})"
    )
    page.goto(site.url("assessment/"))
    wait_ready(page)
    for qid in QUESTION_IDS:
        page.locator(f"label[for='q-{qid}-3']").click()
    assert "not saving" in page.locator("#ex-status").inner_text()
    page.get_by_role("button", name="See my level").click()
    page.wait_for_url("**/levels/level-3/#result=*")
    wait_for_panel(page)


@pytest.mark.parametrize("blocked", ["**/pyodide.asm.wasm", "**/*.whl"])
def test_a_failed_python_load_says_so_and_keeps_the_answers(
    site: SiteServer, context: Any, blocked: str
) -> None:
    context.add_init_script("window.EX_QUIZ_LOAD_TIMEOUT_MS = 8000")
    watched = watch(context)
    page = watched.page
    page.route(blocked, lambda route: route.abort())
    page.goto(site.url("assessment/"))
    page.locator(f"label[for='q-{QUESTION_IDS[0]}-4']").click()
    status = page.locator("#ex-status")
    retry = status.get_by_role("button", name="Try again")
    retry.wait_for(timeout=30_000)
    assert "Your answers are safe" in status.inner_text()
    assert status.get_by_role("link", name="the levels overview").is_visible()
    assert page.locator(f"#q-{QUESTION_IDS[0]}-4").is_checked()
    page.unroute(blocked)
    retry.click()
    wait_ready(page)
    assert page.locator(f"#q-{QUESTION_IDS[0]}-4").is_checked()


@pytest.mark.parametrize(
    "fragment",
    [
        "%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E",
        "<script>window.__pwned=1</script>",
        "AAAA",
        "x" * 500,
        "%E0%A4%A",
    ],
)
def test_tampered_result_links_show_the_engine_message_and_run_nothing(
    site: SiteServer, watched: WatchedPage, fragment: str
) -> None:
    page = watched.page
    page.goto(site.url(f"levels/level-2/#result={fragment}"))
    panel = page.locator("#ex-result")
    error = panel.locator(".ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip()
    assert panel.locator("img, script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert watched.console_errors == []


def test_a_truncated_real_code_gives_the_engines_own_message(
    site: SiteServer, watched: WatchedPage
) -> None:
    code = cli_score(pattern("all-3"))["code"]
    broken = code[: len(code) // 2]
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "decode", broken],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    page = watched.page
    page.goto(site.url(f"levels/level-3/#result={broken}"))
    error = page.locator("#ex-result .ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip() in proc.stderr


def test_pages_without_the_assessment_download_no_python(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    for path in ["", "levels/level-3/", "conversations/", "assessment/how-scoring-works/"]:
        page.goto(site.url(path), wait_until="networkidle")
    assert [url for url in fetched if "/pyodide/" in url or url.endswith(".whl")] == []


def test_instant_navigation_to_and_from_the_assessment_keeps_answers_and_scorer(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    page.goto(site.url(), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="maturity assessment").first.click()
    page.wait_for_url("**/assessment/")
    wait_ready(page)
    page.locator(f"label[for='q-{QUESTION_IDS[1]}-3']").click()
    page.locator(".md-nav__link", has_text="Metrics glossary").first.click()
    page.wait_for_url("**/metrics/")
    page.go_back()
    page.wait_for_url("**/assessment/")
    wait_ready(page)
    assert page.locator(f"#q-{QUESTION_IDS[1]}-3").is_checked()
    for qid in QUESTION_IDS:
        page.locator(f"label[for='q-{qid}-5']").click()
    page.get_by_role("button", name="See my level").click()
    page.wait_for_url("**/levels/level-5/#result=*")
    wait_for_panel(page)
    assert page.evaluate("window.__sameDocument") is True  # every step was instant navigation
    page.go_back()
    page.wait_for_url("**/assessment/")
    assert page.locator(f"#q-{QUESTION_IDS[1]}-5").is_checked()
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_without_javascript_the_form_cannot_be_submitted(no_js_page: Any, site: SiteServer) -> None:
    page = no_js_page
    page.goto(site.url("assessment/"))
    assert page.get_by_role("button", name="See my level").is_disabled()
    assert page.locator("form#ex-assessment").get_attribute("action") is None
    assert page.locator(".ex-question").count() == len(QUESTION_IDS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_assessment_and_a_result_panel(
    browser: Any, site: SiteServer, scheme: str
) -> None:
    ctx = browser.new_context(color_scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(site.url("assessment/"))
        wait_ready(page)
        page.locator(f"label[for='q-{QUESTION_IDS[0]}-2']").click()
        assert axe_violations(page) == []
        code = cli_score(pattern("mixed"))["code"]
        level = cli_score(pattern("mixed"))["level"]
        page.goto(site.url(f"levels/level-{level}/#result={code}"))
        wait_for_panel(page)
        assert axe_violations(page) == []
    finally:
        ctx.close()


def open_result(site: SiteServer, page: Any, name: str = "mixed") -> dict[str, Any]:
    expected = cli_score(pattern(name))
    page.goto(site.url(f"levels/level-{expected['level']}/#result={expected['code']}"))
    wait_for_panel(page)
    return expected


def test_the_panel_explains_the_level_with_the_engines_own_words(
    site: SiteServer, watched: WatchedPage
) -> None:
    expected = open_result(site, watched.page)
    panel = watched.page.locator("#ex-result")
    assert panel.locator(".ex-result__why").inner_text() == expected["why"]
    for blocker in expected["blockers"]:
        assert blocker["name"] in panel.inner_text()
    for theme in expected["themes"]:
        assert panel.get_by_role("link", name=theme["title"]).count() == 1


def test_downloads_carry_the_answers_as_json_and_csv(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    expected = open_result(site, page)
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download answers (JSON)").click()
    saved = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert saved["answers"] == expected["answers"]
    assert saved["code"] == expected["code"]
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download answers (CSV)").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text("utf-8"))))
    assert len(rows) == len(QUESTION_IDS)


def test_a_result_prints_as_a_short_action_plan(site: SiteServer, watched: WatchedPage) -> None:
    page = watched.page
    open_result(site, page)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("#take-action").is_visible()
    assert page.locator("#ex-result .ex-profile").is_visible()
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 2


def test_a_wheel_that_does_not_match_its_lock_hash_is_refused(
    site: SiteServer, context: Any
) -> None:
    context.add_init_script("window.EX_QUIZ_LOAD_TIMEOUT_MS = 8000")
    page = watch(context).page
    page.route(
        "**/*.whl",
        lambda route: route.fulfill(
            status=200, body=b"PK\x03\x04 not the built wheel", content_type="application/zip"
        ),
    )
    page.goto(site.url("assessment/"))
    status = page.locator("#ex-status")
    status.get_by_role("button", name="Try again").wait_for(timeout=30_000)
    assert "could not be loaded" in status.inner_text()
