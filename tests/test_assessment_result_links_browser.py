"""Result links in the browser: tampered and truncated ones show the engine's message and run
nothing, an invalid one prints the level page, the panel survives in-page links, and a result
opens on ``index.html`` and on any level page.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from harness import ROOT, SiteServer, WatchedPage, instant_goto
from tests.assessment_support import (
    READY_TIMEOUT_MS,
    answer_all,
    cli_score,
    pattern,
    result_url,
    set_hash,
    submit,
    wait_for_panel,
)

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------------------------
# Result links: tampered, truncated, on another page's URL, and in-page links.


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
    warm: Any, site: SiteServer, fragment: str
) -> None:
    instant_goto(warm, site.url("levels/"))
    instant_goto(warm, site.url("levels/level-2/"))
    set_hash(warm, f"#result={fragment}")
    panel = warm.locator("#ex-result")
    error = panel.locator(".ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip()
    assert panel.locator("img, script").count() == 0
    assert warm.evaluate("window.__pwned") is None


def test_a_truncated_real_code_gives_the_engines_own_message(warm: Any, site: SiteServer) -> None:
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
    instant_goto(warm, site.url("levels/level-3/"))
    set_hash(warm, f"#result={broken}")
    error = warm.locator("#ex-result .ex-result__error")
    error.wait_for(timeout=READY_TIMEOUT_MS)
    assert error.inner_text().strip() in proc.stderr


def test_an_invalid_code_prints_the_level_page_not_an_empty_sheet(
    warm: Any, site: SiteServer
) -> None:
    instant_goto(warm, site.url("levels/level-3/"))
    set_hash(warm, "#result=AAAA")
    warm.locator("#ex-result .ex-result__error").wait_for(timeout=READY_TIMEOUT_MS)
    warm.emulate_media(media="print")
    assert not warm.locator("#ex-result").is_visible()
    assert warm.locator("article #take-action").is_visible()
    assert warm.locator("article h1").is_visible()


def test_the_panel_survives_in_page_links(warm: Any, site: SiteServer) -> None:
    expected = cli_score(pattern("mixed"))
    instant_goto(warm, result_url(site, expected))
    panel = wait_for_panel(warm)
    here = warm.url.split("#")[0]
    same_page = panel.locator(f"a[href^='{here}#']")  # "Steps for ..." on this level page
    toc = warm.locator(".md-sidebar--secondary a.md-nav__link").first
    target = same_page.first if same_page.count() else toc
    target.click()
    warm.wait_for_url(f"{here}#*")
    assert "#result=" not in warm.url
    assert panel.is_visible()
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()


def test_a_result_link_to_index_html_shows_the_panel(
    site: SiteServer, watched: WatchedPage
) -> None:
    expected = cli_score(pattern("all-4"))
    watched.page.goto(result_url(site, expected, "index.html"))
    panel = wait_for_panel(watched.page)
    assert f"Level {expected['level']}" in panel.locator("h2").inner_text()
    assert "another level" not in panel.inner_text()
    assert watched.console_errors == []


def test_shared_result_link_shows_the_same_result_on_any_level_page(
    warm: Any, site: SiteServer
) -> None:
    answers = pattern("mixed")
    answer_all(warm, answers)
    submit(warm)
    warm.wait_for_url("**/#result=*")
    first = wait_for_panel(warm).locator("h2").inner_text()
    code = warm.url.split("#result=")[1]
    instant_goto(warm, site.url("levels/level-1/"))
    set_hash(warm, f"#result={code}")
    panel = warm.locator("#ex-result[data-state=result]")
    panel.wait_for()
    assert panel.locator("h2").inner_text() == first
    # Right under the heading: this is not the page's level, and where the result's page is.
    note = panel.locator("h2 + p")
    level = int(first.split("Level ")[1].split(",")[0])
    assert note.inner_text() == (
        f"This result is Level {level}, and this page describes Level 1: "
        f"go to the Level {level} page."
    )
    # On paper, the page's own title ("Level 1: …") would contradict the result: left out.
    warm.emulate_media(media="print")
    assert not warm.locator("article h1").is_visible()
    assert panel.locator("h2").is_visible()
    assert note.is_visible()
