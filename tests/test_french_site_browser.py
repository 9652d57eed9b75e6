"""The French site end to end, as a reader meets it: a new reader opens ``fr/``, follows links
(Material's instant navigation) to the assessment, answers every question, presses the French
button and lands on the French level page with the result in French; compares it with a
colleague's on the team page (French sentences, decimals with a comma) and finds it on the
progress page (French sentence, the date as Intl writes it in French). A result link opens in
either language with the same level and profile, and a template prints in French. Each page
state passes axe in both colour schemes with no console error, so no Content Security Policy
violation (``harness.watch`` turns one into a console error).

The words expected come from the catalogs and the bank's French layer through the public API;
no French sentence is typed here. Every page of the site, French ones included, is walked
with axe in both schemes by tests/test_site_pages_accessibility.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from harness import SiteServer, WatchedPage, instant_goto, site_pages, watch
from quiz import describe, load_bank, open_code
from quiz.build import in_language, text
from quiz.web import page_messages
from tests.assessment_support import answer_all, cli_score, pattern, wait_for_panel, wait_ready
from tests.axe import axe_violations
from tests.progress_support import saved_history
from tests.team_support import expected_team
from tests.templates_support import TEMPLATES
from tests.test_french_pages import english_in, english_messages

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 60_000
ENGLISH = english_messages()
#: An English level label ("Level 3"): French writes "Niveau 3".
ENGLISH_LEVEL = re.compile(r"\bLevel \d")
PAGE = page_messages("fr")
with in_language("fr"):
    FR_BANK = load_bank()
    SUBMIT = text("build.form.submit")


def french(code: str) -> dict[str, Any]:
    """What the French site must show for a result code."""
    with in_language("fr"):
        return describe(open_code(code))


def french_team(lines: str) -> dict[str, Any]:
    with in_language("fr"):
        return expected_team(lines)


def level_page(result: dict[str, Any], language: str) -> str:
    path = str(result["page"]).removesuffix(".md") + "/"
    return path if language == "en" else f"{language}/{path}"


def english_left(words: str) -> list[str]:
    """The English catalog messages and English level labels ("Level 3") in ``words``."""
    return english_in(words, ENGLISH) + ENGLISH_LEVEL.findall(words)


def axe_in_both_schemes(page: Any) -> list[str]:
    """axe-core's violations in the light scheme, then in the dark one (Material's toggle),
    the page left light again."""
    for details in page.locator("#ex-result details, #ex-team-result details").all():
        details.evaluate("(d) => { d.open = true; }")
    found = [f"light: {line}" for line in axe_violations(page)]
    page.locator("label[for=__palette_1]").click()
    page.locator("body[data-md-color-scheme=slate]").wait_for()
    found += [f"dark: {line}" for line in axe_violations(page)]
    page.locator("label[for=__palette_0]").click()
    page.locator("body[data-md-color-scheme=default]").wait_for()
    return found


def page_problems(watched: WatchedPage, where: str) -> list[str]:
    """axe's violations in both schemes, console errors (a policy violation is one) and
    requests to other hosts since the last call."""
    found = [f"{where}: {line}" for line in axe_in_both_schemes(watched.page)]
    found += [f"{where}: console error: {line}" for line in watched.console_errors]
    found += [f"{where}: request to another host: {url}" for url in watched.foreign_requests]
    watched.console_errors.clear()
    watched.foreign_requests.clear()
    return found


def profile_rows(panel: Any) -> list[tuple[str, str]]:
    """The result's "each area" table: (area, level label) per row."""
    rows: list[list[str]] = panel.locator("table.ex-profile tbody tr").evaluate_all(
        "(rows) => rows.map((row) => [...row.cells].slice(0, 2).map((c) => c.innerText.trim()))"
    )
    return [(area, label) for area, label in rows]


def expected_profile(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(area["name"]), str(area["label"])) for area in result["profile"]]


def result_problems(page: Any, expected: dict[str, Any]) -> list[str]:
    """What is not French, or not the expected result, in the level page's result panel."""
    panel = wait_for_panel(page)
    level = expected["level"]
    heading = PAGE["result_heading"].format(
        level=PAGE["level_label"].format(level=level), name=FR_BANK.level(level).name
    )
    found = []
    if (shown := panel.locator("h2").first.inner_text()) != heading:
        found.append(f"result: heading {shown!r}, not {heading!r}")
    words = panel.inner_text()
    if expected["level_statement"] not in words:
        found.append(f"result: no {expected['level_statement']!r}")
    found += [f"result: English {left!r}" for left in english_left(words)]
    if (rows := profile_rows(panel)) != expected_profile(expected):
        found.append(f"result: areas {rows}, not {expected_profile(expected)}")
    return found


def take_assessment(page: Any, site: SiteServer, answers: dict[str, int | None]) -> str:
    """From the French home page to the French result page: the result's code."""
    page.goto(site.url("fr/"))
    assert page.locator("html").get_attribute("lang") == "fr"
    instant_goto(page, site.url("fr/assessment/"))
    wait_ready(page)
    answer_all(page, answers)
    page.get_by_role("button", name=SUBMIT).click()
    code = str(cli_score(answers)["code"])
    page.wait_for_url(site.url(level_page(french(code), "fr")) + f"#result={code}")
    return code


def compare_team(page: Any, site: SiteServer, lines: str) -> Any:
    instant_goto(page, site.url("fr/assessment/team/"))
    compare = page.locator("#ex-team [data-ex-action=compare]:not([disabled])")
    compare.wait_for(timeout=READY_TIMEOUT_MS)
    page.locator("#ex-team-links").fill(lines)
    compare.click()
    region = page.locator("#ex-team-result")
    region.locator(".ex-result__statement").wait_for(timeout=READY_TIMEOUT_MS)
    return region


def team_problems(region: Any, expected: dict[str, Any]) -> list[str]:
    """What is not French in the team result: its sentences, its numbers (a decimal comma)
    and its chart's scale."""
    words = region.inner_text()
    sentences = [
        expected["level_statement"],
        *(row["sentence"] for row in expected["disagreements"]),
    ]
    assert len(sentences) > 1, "the two people must disagree somewhere"
    assert any(re.search(r"\d,\d\d\)", sentence) for sentence in sentences), sentences
    found = [f"team: no {sentence!r}" for sentence in sentences if sentence not in words]
    cells = [cell.strip() for cell in region.locator("td").all_inner_texts()]
    if not any(re.fullmatch(r"\d+,\d\d", cell) for cell in cells):
        found.append(f"team: no spread with a decimal comma in {cells}")
    found += [f"team: decimal point in {n!r}" for n in re.findall(r"\d+\.\d+", words)]
    axis = region.locator("svg .ex-chart__axis").all_text_contents()
    scale = [PAGE["level_label"].format(level=level.number) for level in FR_BANK.levels]
    if not set(scale) <= set(axis):
        found.append(f"team: the chart's scale reads {axis}, not {scale}")
    return found + [f"team: English {left!r}" for left in english_left(words)]


def progress_problems(page: Any, site: SiteServer, code: str) -> list[str]:
    """What is not French on the progress page listing the saved result: its sentence, and
    its dates as Intl writes them in French."""
    instant_goto(page, site.url("fr/assessment/history/"))
    root = page.locator("#ex-history")
    entry = root.locator(".ex-history__list li").first
    entry.wait_for(timeout=READY_TIMEOUT_MS)
    [saved] = saved_history(page)
    assert saved["code"] == code
    date = page.evaluate(
        """(iso) => new Intl.DateTimeFormat("fr", {dateStyle: "long", timeZone: "UTC"})
            .format(new Date(`${iso}T00:00:00Z`))""",
        saved["date"],
    )
    listed = PAGE["history_entry"].format(date=date, statement=french(code)["level_statement"])
    found = []
    if (shown := entry.locator("a").inner_text()) != listed:
        found.append(f"progress: the result reads {shown!r}, not {listed!r}")
    words = root.inner_text()
    if saved["date"] in words:
        found.append(f"progress: the date as ISO ({saved['date']}), not as French writes it")
    if (one := PAGE["history_results_one"].format(count=1)) not in words:
        found.append(f"progress: no {one!r}")
    return found + [f"progress: English {left!r}" for left in english_left(words)]


def test_a_new_reader_takes_the_assessment_compares_and_finds_the_result_in_french(
    fresh_context: Any, site: SiteServer
) -> None:
    """The reader's way through, every step in French; what is wrong anywhere is listed at
    the end, so one run names every page's problems."""
    watched = watch(fresh_context)
    page = watched.page
    code = take_assessment(page, site, pattern("mixed-with-unsure"))
    problems = result_problems(page, french(code))
    problems += page_problems(watched, "result")

    colleague = str(cli_score(pattern("all-4"))["code"])
    lines = f"Moi: {code}\nCamille: {colleague}"
    problems += team_problems(compare_team(page, site, lines), french_team(lines))
    problems += page_problems(watched, "team")

    problems += progress_problems(page, site, code)
    problems += page_problems(watched, "progress")
    assert problems == [], "\n".join(problems)


def english_result(code: str) -> dict[str, Any]:
    return describe(open_code(code))


@pytest.mark.parametrize("first", ["en", "fr"])
def test_a_result_link_opens_with_the_same_level_and_profile_in_the_other_language(
    watched: WatchedPage, site: SiteServer, first: str
) -> None:
    """A link shared from one language's site, opened on the other's: the same level page, the
    same level in each area, in the reader's language."""
    code = str(cli_score(pattern("mixed"))["code"])
    results = {"en": english_result(code), "fr": french(code)}
    assert level_page(results["en"], "fr") == level_page(results["fr"], "fr")
    page = watched.page
    levels: dict[str, list[str]] = {}
    for language in (first, "fr" if first == "en" else "en"):
        page.goto(site.url(level_page(results[language], language)) + f"#result={code}")
        if language == "fr":
            assert result_problems(page, results["fr"]) == []
        panel = wait_for_panel(page)
        assert panel.locator("h2").first.inner_text().endswith(results[language]["level_name"])
        assert profile_rows(panel) == expected_profile(results[language])
        levels[language] = [re.sub(r"\D", "", label) for _, label in profile_rows(panel)]
    assert levels["fr"] == levels["en"]
    assert watched.console_errors == []
    assert watched.foreign_requests == []


#: A template's own words: headings (without their permalink), labels, column heads.
WORDS_JS = """(elements) => elements.map((element) => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.split(/\\s+/).join(" ").trim();
}).filter(Boolean)"""
#: What prints: the article's text as laid out for print, and the column heads that the
#: stacked tables print before each cell (``td::before { content: attr(data-label) }``).
PRINTED_JS = """(article) => [
    article.innerText,
    ...[...article.querySelectorAll("td")]
        .map((cell) => getComputedStyle(cell, "::before"))
        .filter((style) => style.display !== "none" && style.content !== "none")
        .map((style) => style.content),
].join(" ")"""


def template_words(page: Any) -> set[str]:
    words: list[str] = page.locator("article :is(h1, h2, h3, label, th, legend)").evaluate_all(
        WORDS_JS
    )
    return set(words)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_french_template_prints_in_french(
    watched: WatchedPage, site: SiteServer, template: str
) -> None:
    """The words on paper: the French template's title, none of its English twin's headings,
    labels and column heads that French writes otherwise, none of the English catalogs'."""
    page = watched.page
    page.goto(site.url(template))
    english = template_words(page)
    page.goto(site.url(f"fr/{template}"))
    assert page.locator("html").get_attribute("lang") == "fr"
    french_words = template_words(page)
    [title] = page.locator("article h1").evaluate_all(WORDS_JS)
    page.emulate_media(media="print")
    try:
        printed = " ".join(page.locator("article").evaluate(PRINTED_JS).split())
    finally:
        page.emulate_media(media="null")
    assert title in printed
    left = [
        words
        for words in sorted(english - french_words)
        if len(words) > 3 and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", printed)
    ]
    assert left == []
    assert english_left(printed) == []
    assert watched.console_errors == []
    assert watched.foreign_requests == []


def test_the_accessibility_walk_covers_every_french_page(site: SiteServer) -> None:
    """axe and the policy in both schemes on each French page: the walk over every page
    (tests/test_site_pages_accessibility.py) takes them in."""
    french_pages = sorted(p.parent for p in (site.root / "fr").rglob("index.html"))
    walked = set(site_pages(site.root))
    assert french_pages
    assert {f"{p.relative_to(site.root).as_posix()}/" for p in french_pages} <= walked
