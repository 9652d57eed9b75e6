"""The site's languages in the browser: a reader of the French site stays on French pages (the
result's level page, the result panel's links, the plan's steps from ``fr/assets/steps.json``);
Material's language switcher leads to the page the reader is on in the other language, result
included, after instant navigation too; and both languages keep one reader's results.

The browser code finds a page's language in its ``<meta name="ex-language">``
(docs/javascripts/shared/site.mjs ``languageRoot``), read anew on every page: instant navigation
swaps the page's <head>, not the modules. What the pages must say comes from the scorer under
CPython, in each language (``quiz.build.in_language``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness import SiteServer, WatchedPage, instant_goto
from quiz import check_answers, describe, load_bank
from quiz.build import in_language
from tests.assessment_support import (
    READY_TIMEOUT_MS,
    answer_all,
    cli_score,
    pattern,
    wait_for_panel,
    wait_ready,
)
from tests.french_support import BUILD_CATALOGS, catalog_messages

pytestmark = pytest.mark.browser

#: Each language's prefix, and its name in Material's switcher (``extra.alternate``).
PREFIX = {"en": "", "fr": "fr/"}
NAME = {"en": "English", "fr": "Français"}
#: The switcher's button, as Material labels it in each language (its ``select.language``).
SWITCHER = {"en": "Select language", "fr": "Sélectionner la langue"}


def build_message(language: str, name: str) -> str:
    """A sentence of the build's catalog (the form's button, the pages' messages)."""
    return str(catalog_messages(language, "build", BUILD_CATALOGS)[name])


def page_message(language: str, name: str) -> str:
    """A sentence the browser code shows (``page.NAME`` of the build's ``ui`` catalog)."""
    return str(catalog_messages(language, "ui", BUILD_CATALOGS)[f"page.{name}"])


def score_in(language: str, answers: dict[str, int | None]) -> dict[str, Any]:
    """What the scorer gives for ``answers`` in ``language``."""
    if language == "en":
        return cli_score(answers)
    with in_language(language):
        bank = load_bank()
        result: dict[str, Any] = json.loads(
            json.dumps(describe(bank, check_answers(bank, answers)))
        )
    return result


def steps_file(site: SiteServer, language: str) -> dict[str, dict[str, Any]]:
    """The language's steps file, as the build wrote it."""
    path = site.root / PREFIX[language] / "assets" / "steps.json"
    steps: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return steps


def page_address(site: SiteServer, language: str, docs_path: str) -> str:
    """A docs-relative path (``levels/level-2.md#step-1``) as the language's address, the way
    the browser code turns it into a link (shared/dom.mjs ``pageUrl``)."""
    path, _, fragment = docs_path.partition("#")
    if path == "index.md" or path.endswith("/index.md"):
        path = path.removesuffix("index.md")
    else:
        path = path.removesuffix(".md") + "/"
    return site.url(PREFIX[language] + path) + (f"#{fragment}" if fragment else "")


def result_address(site: SiteServer, language: str, result: dict[str, Any]) -> str:
    return f"{page_address(site, language, result['page'])}#result={result['code']}"


def switch_language(page: Any, current: str, target: str, address: str) -> None:
    """Choose ``target`` in Material's language switcher, as a reader does (the button opens
    the list on hover or focus, the language is a link in it), and land on ``address``: the
    same page in that language, with the part after ``#``."""
    page.evaluate("window.exSameVisit = true")
    page.get_by_role("button", name=SWITCHER[current]).hover()
    page.get_by_role("link", name=NAME[target], exact=True).click()
    page.wait_for_url(address)
    page.locator(f'meta[name="ex-language"][content="{target}"]').wait_for(state="attached")
    # A full page load: each language's pages start with their own settings (hooks/languages.py).
    assert page.evaluate("window.exSameVisit") is None


def open_saved_result(page: Any, site: SiteServer, language: str, result: dict[str, Any]) -> Any:
    """Open the result the way a reader finds it again: the progress page of ``language``
    (reached by a link), which lists the results saved in this browser, then the result's
    link there. Returns the result panel."""
    instant_goto(page, site.url(f"{PREFIX[language]}assessment/history/"))
    saved = page.locator(f"#ex-history a[href='{result_address(site, language, result)}']")
    saved.wait_for(timeout=READY_TIMEOUT_MS)
    saved.click()
    page.wait_for_url(result_address(site, language, result))
    return wait_for_panel(page)


def assert_panel_in(
    page: Any, panel: Any, site: SiteServer, language: str, result: dict[str, Any]
) -> None:
    """The result panel shows ``result`` in ``language``: its heading, its links to that
    language's pages (the progress page, the team page, each planned area's steps) and the
    steps from that language's steps file."""
    assert page.evaluate("document.documentElement.lang") == language
    assert result["level_name"] in panel.locator("h2").inner_text()
    assert panel.get_attribute("data-state") == "result"
    own, french = site.url(PREFIX[language]), site.url(PREFIX["fr"])
    history = panel.get_by_role("link", name=page_message(language, "since_all_results"))
    assert history.get_attribute("href") == site.url(f"{PREFIX[language]}assessment/history/")
    team = panel.get_by_role("link", name=page_message(language, "team_compare_link"))
    assert (team.get_attribute("href") or "").startswith(
        site.url(f"{PREFIX[language]}assessment/team/#team=")
    )
    guides = panel.locator(".ex-plan__guide a")
    guides.first.wait_for(timeout=READY_TIMEOUT_MS)  # the plan is drawn once its steps arrive
    hrefs = [link.get_attribute("href") or "" for link in panel.locator("a[href]").all()]
    assert hrefs
    for href in hrefs:  # English pages are every page of the site but the French ones
        assert href.startswith(own), href
        assert language == "fr" or not href.startswith(french), href
    steps, others = steps_file(site, language), steps_file(site, "fr" if language == "en" else "en")
    by_address = {page_address(site, language, key): key for key in steps}
    areas = panel.locator(".ex-plan__area").all()
    assert areas
    for area in areas:
        guide = area.locator(".ex-plan__guide a")
        key = by_address[guide.get_attribute("href") or ""]
        assert guide.inner_text() == steps[key]["title"] != others[key]["title"]
        rows = area.locator(".ex-plan__steps tbody th").all_inner_texts()
        assert rows == [
            page_message(language, "plan_numbered_step").format(number=number, step=step)
            for number, step in enumerate(steps[key]["steps"], 1)
        ]


def test_the_french_assessment_stays_french_and_the_switcher_shows_its_result_in_english(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    answers = pattern("mixed")
    french, english = score_in("fr", answers), score_in("en", answers)
    assert french["code"] == english["code"]  # a result code says nothing of a language
    assert french["level_name"] != english["level_name"]

    page.goto(site.url("fr/assessment/"))
    wait_ready(page)
    page.evaluate("window.exSameVisit = true")
    answer_all(page, answers)
    page.get_by_role("button", name=build_message("fr", "build.form.submit")).click()
    page.wait_for_url(result_address(site, "fr", french))  # the French level page
    assert page.evaluate("window.exSameVisit") is True  # reached by instant navigation
    assert_panel_in(page, wait_for_panel(page), site, "fr", french)

    # The switcher leads to the same result on the English level page.
    switch_language(page, "fr", "en", result_address(site, "en", english))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_panel_in(page, wait_for_panel(page), site, "en", english)
    # Both languages keep one reader's results: the English progress page lists it.
    panel = open_saved_result(page, site, "en", english)
    assert_panel_in(page, panel, site, "en", english)
    assert watched.console_errors == []


def test_the_switcher_follows_instant_navigation_to_the_same_page_in_french(
    site: SiteServer, watched: WatchedPage
) -> None:
    """Material's header, where the switcher is, stays as the first page drew it while instant
    navigation changes pages: the switcher still leads to the page the reader is on, in French,
    and to the result they are looking at."""
    page = watched.page
    answers = pattern("all-3")
    english, french = score_in("en", answers), score_in("fr", answers)
    page.goto(site.url(""))
    french_link = page.get_by_role("link", name=NAME["fr"], exact=True)
    assert french_link.get_attribute("href") == site.url(PREFIX["fr"])
    instant_goto(page, site.url("assessment/"))
    wait_ready(page)
    answer_all(page, answers)
    page.get_by_role("button", name=build_message("en", "build.form.submit")).click()
    page.wait_for_url(result_address(site, "en", english))
    assert_panel_in(page, wait_for_panel(page), site, "en", english)

    switch_language(page, "en", "fr", result_address(site, "fr", french))
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert_panel_in(page, wait_for_panel(page), site, "fr", french)
    # A page with no result: the switcher's links are that page's, in each language.
    instant_goto(page, site.url("fr/conversations/"))
    links = page.locator("a.md-select__link[hreflang]")
    page.get_by_role("button", name=SWITCHER["fr"]).hover()
    assert {link.get_attribute("hreflang"): link.get_attribute("href") for link in links.all()} == {
        "en": site.url("conversations/"),
        "fr": site.url("fr/conversations/"),
    }
    assert watched.console_errors == []


def test_the_switcher_on_the_404_page_leads_to_each_languages_home(
    site: SiteServer, watched: WatchedPage
) -> None:
    """An unknown address is unknown in every language: there the switcher keeps Material's
    links to each language's home rather than the same unknown address under another root."""
    page = watched.page
    response = page.goto(site.url("fr/no/such/page/"))
    assert response is not None
    assert response.status == 404
    page.locator("section.ex-not-found").first.wait_for()
    # The browser code has looked at the links (it marks each with the home it was built with).
    page.locator("a.md-select__link[data-ex-language-home]").first.wait_for(state="attached")
    page.get_by_role("button", name=SWITCHER["en"]).hover()  # the 404 page is the default's
    links = page.locator("a.md-select__link[hreflang]")
    assert {link.get_attribute("hreflang"): link.get_attribute("href") for link in links.all()} == {
        code: site.url(prefix) for code, prefix in PREFIX.items()
    }
    # The one error is the page's own status.
    assert [error for error in watched.console_errors if "404" not in error] == []


def test_each_language_downloads_its_own_text_for_the_scorer_and_no_other(
    site: SiteServer, fresh_context: Any
) -> None:
    """The scorer's wheel holds the bank's own language; every other language's text is a pack
    of its own (hooks/pyodide_assets.py), which only that language's pages download: an
    English reader's first visit carries no French, and a French page's scorer fetches the
    French pack and answers in French."""
    requested: list[str] = []
    fresh_context.on("request", lambda request: requested.append(request.url))
    page = fresh_context.new_page()
    packs = sorted((site.root / "pyodide").glob("ex_quiz-lang-*.zip"))
    assert [pack.name for pack in packs] == ["ex_quiz-lang-fr.zip"]

    page.goto(site.url("assessment/"))
    wait_ready(page)
    assert not [url for url in requested if "ex_quiz-lang-" in url]

    answers = pattern("mixed")
    french = score_in("fr", answers)
    page.goto(site.url("fr/assessment/"))
    wait_ready(page)
    assert [url for url in requested if "ex_quiz-lang-" in url] == [
        site.url("pyodide/ex_quiz-lang-fr.zip")
    ]
    answer_all(page, answers)
    page.get_by_role("button", name=build_message("fr", "build.form.submit")).click()
    page.wait_for_url(result_address(site, "fr", french))
    assert french["level_name"] in wait_for_panel(page).locator("h2").inner_text()
