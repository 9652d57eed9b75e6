"""Each topic in one place (issue 23): the safety rules live on "Doing it safely" only and the
pages that rely on them link there; the level pages keep to their word budget; every departure
from the source and every added conversation prompt is declared on the Sources page and marked
where it appears; and the maintainers' documents live in the repository, not on the site, with
links that work on GitHub."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from quiz import load_bank
from quiz.build import source_page

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SAFETY = "doing-it-safely.md"
BANK = load_bank()


def load_word_count() -> ModuleType:
    if "ex_word_count" in sys.modules:
        return sys.modules["ex_word_count"]
    spec = importlib.util.spec_from_file_location(
        "ex_word_count", ROOT / "scripts" / "word_count.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ex_word_count"] = module
    spec.loader.exec_module(module)
    return module


WORD_COUNT = load_word_count()


def page(path: str) -> str:
    return (DOCS / path).read_text(encoding="utf-8")


# ------------------------------------------------------------------ safety rules, one page

#: Phrases that state a safety rule. Each must appear on "Doing it safely", and nowhere else.
RULES = {
    "DPIA": r"\bDPIA\b",
    "impact assessment": r"impact assessment",
    "lawful basis": r"lawful basis",
    "privacy notice": r"privacy notice",
    "GDPR": r"\bGDPR\b",
    "retention period": r"retention period",
    "works council": r"works? councils?",
    "co-determination": r"co-?determination",
    "consent at work": r"consent is rarely",
    "5-response threshold": r"\b(?:5|five) responses\b",
    "10-response threshold for cuts": r"\b(?:10|ten) responses\b",
    "count a person once": r"once per (?:person|period)|\bcounts? once\b|recogni[sz]ed once",
    "minimum individual sample": r"\bat least 30\b|\b30 (?:or more|responses)\b",
    "league tables": r"league tables?",
    "number of compliments": r"number of compliments",
    "symbolic individual rewards": r"small and symbolic",
}


def rules_in(text: str) -> list[str]:
    return [name for name, pattern in RULES.items() if re.search(pattern, text, re.IGNORECASE)]


def test_doing_it_safely_states_every_rule() -> None:
    assert rules_in(page(SAFETY)) == list(RULES)


def test_no_other_page_or_template_repeats_a_safety_rule() -> None:
    sources = [*DOCS.rglob("*.md"), *(ROOT / "overrides").rglob("*.html")]
    found = {
        str(path.relative_to(ROOT)): rules
        for path in sorted(sources)
        if path != DOCS / SAFETY and (rules := rules_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_no_generated_page_repeats_a_safety_rule(site_dir: Path) -> None:
    """The assessment's form and "How scoring works" are generated from the bank."""
    found = {
        str(html.relative_to(site_dir)): rules
        for html in sorted(site_dir.rglob("index.html"))
        if html.parent.name != "doing-it-safely"
        and (rules := rules_in(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))))
    }
    assert found == {}


@pytest.mark.parametrize(
    "path",
    [
        "levels/level-3.md",
        "levels/level-4.md",
        "levels/level-5.md",
        "metrics.md",
        "forms/listening-plan.md",
        "forms/team-cx-goal.md",
        "index.md",
    ],
)
def test_the_pages_that_rely_on_the_rules_link_to_them(path: str) -> None:
    assert re.search(r"doing-it-safely(?:\.md|/)", page(path)), path


def test_the_rule_check_catches_a_restated_rule() -> None:
    assert rules_in("Set a minimum of 5 responses and run a DPIA.") == [
        "DPIA",
        "5-response threshold",
    ]
    assert rules_in("A person counts once per period.") == ["count a person once"]
    assert rules_in("See the anonymity thresholds on Doing it safely.") == []


# -------------------------------------------------------------------------- word budget


def test_every_level_page_is_within_the_word_budget(site_dir: Path) -> None:
    counts = WORD_COUNT.page_counts(site_dir)
    english = [count for count in counts if count.language == "en"]
    levels = {count.page: count.words for count in english if count.level is not None}
    assert sorted(levels) == sorted(level.page for level in BANK.levels)
    assert {page: words for page, words in levels.items() if words > 1600} == {}
    assert all(count.over_budget == (count.words > 1600) for count in english if count.level)


def test_every_translated_page_is_within_its_english_pages_words_times_the_ratio(
    site_dir: Path,
) -> None:
    """The English budget does not fit French, which says the same in some 15 to 25 % more
    words: a translated page may have up to TRANSLATION_RATIO times its English page's words
    (scripts/word_count.py says why it is 1.3), and no more."""
    counts = WORD_COUNT.page_counts(site_dir)
    english = {count.page: count.words for count in counts if count.language == "en"}
    translated = [count for count in counts if count.language != "en"]
    assert sorted(source_page(count.page) for count in translated if count.language == "fr") == (
        sorted(english)
    )
    ratio = WORD_COUNT.TRANSLATION_RATIO
    assert 1.15 <= ratio <= 1.35
    too_long = {
        count.page: f"{count.words} > {ratio} x {english[source_page(count.page)]}"
        for count in translated
        if count.words > ratio * english[source_page(count.page)]
    }
    assert too_long == {}
    assert all(count.budget is not None and not count.over_budget for count in translated)


def test_a_translation_past_the_ratio_is_over_budget_and_fails_the_script(
    site_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = Path(
        shutil.copytree(site_dir, tmp_path / "site", ignore=shutil.ignore_patterns("pyodide"))
    )
    english_page = BANK.levels[0].page
    page = english_page.replace(".md", ".fr.md")  # its French translation
    html = WORD_COUNT.built_page(site, page)
    assert html == site / "fr" / english_page.removesuffix(".md") / "index.html"
    english = WORD_COUNT.built_page(site, source_page(page)).read_text(encoding="utf-8")
    padding = "<p>" + "mot " * int(WORD_COUNT.article_words(english) * 0.4) + "</p></article>"
    html.write_text(html.read_text(encoding="utf-8").replace("</article>", padding, 1), "utf-8")
    [count] = [c for c in WORD_COUNT.page_counts(site) if c.page == page]
    assert count.over_budget
    assert WORD_COUNT.main(["--site", str(site)]) == 1
    assert page in capsys.readouterr().err


def test_the_word_count_leaves_out_templates_and_prints_the_total(site_dir: Path) -> None:
    counts = WORD_COUNT.page_counts(site_dir)
    report = WORD_COUNT.report(counts)
    for language in ("en", "fr"):
        mine = [count for count in counts if count.language == language]
        templates = sorted(source_page(count.page) for count in mine if count.template)
        assert templates == [
            "forms/business-case.md",
            "forms/listening-plan.md",
            "forms/team-cx-goal.md",
            "forms/workshop-agenda.md",
        ]
        total = sum(count.words for count in mine if not count.template)
        assert (
            f"Reader-facing total in '{language}' (published pages without the templates):"
            f" {total:,} words"
        ) in report


def test_the_word_count_reads_what_a_reader_sees() -> None:
    html = (
        "<nav>Menu words</nav><article class='md-content__inner'>"
        "<a class='md-content__button' href='#'>Edit this page</a>"
        '<h1 id="t">Level three<a class="headerlink" href="#t">¶</a></h1>'
        "<p>A reader's two-minute summary.</p><br><noscript>Needs JavaScript.</noscript>"
        "<script>var x = 1;</script></article><footer>Footer</footer>"
    )
    assert WORD_COUNT.article_words(html) == 6  # Level three A reader's two-minute summary
    french = "<article><p>L'équipe pilote ses deux-trois étapes.</p></article>"
    assert WORD_COUNT.article_words(french) == 5  # accents belong to the word


# ------------------------------------------------------------- departures, declared and marked

ADDITIONS = "sources.md#our-additions"


def changes_table() -> str:
    text = page("sources.md")
    start = text.index("{ #changes }")
    return text[start : text.index("{ #added }")]


@pytest.mark.parametrize(
    ("where", "marked_on"),
    [
        ("doing-it-safely.md#rewards", "doing-it-safely.md"),  # no reward for compliments
        ("levels/level-4.md#step-2", "levels/level-4.md"),  # the healthcare example
        ("levels/level-3.md#step-1", "levels/level-3.md"),  # the repair department
        ("levels/level-2.md#step-1", "levels/level-2.md"),  # Marketing's metrics
        ("metrics.md#employee-nps", "metrics.md"),  # the eNPS wording
        ("levels/level-1.md#step-1", "levels/level-1.md"),  # customer-facing teams
    ],
)
def test_each_change_to_the_source_is_declared_and_marked_where_it_appears(
    where: str, marked_on: str
) -> None:
    assert f"]({where})" in changes_table()
    depth = marked_on.count("/")
    assert f"]({'../' * depth}{ADDITIONS})" in page(marked_on)


def test_the_healthcare_example_says_it_is_adapted() -> None:
    assert '!!! example "Recognition at a healthcare provider (adapted from the source)"' in page(
        "levels/level-4.md"
    )


def added_prompt_themes() -> list[str]:
    """The themes whose section has a question marked as the playbook's addition."""
    text = page("conversations.md")
    themes = []
    for match in re.finditer(r"^### .*\{ #([a-z0-9-]+) \}$", text, re.M):
        body = text[match.end() : text.find("\n### ", match.end())]
        if re.search(r"^- \*\*Our addition:\*\* \S.*", body, re.M):
            themes.append(match[1])
    return themes


def test_each_added_prompt_is_marked_and_declared() -> None:
    marked = added_prompt_themes()
    assert marked, "no conversation prompt is marked as the playbook's addition"
    assert marked == [theme.id for theme in BANK.themes if theme.id in marked]  # bank themes
    text = page("sources.md")
    added = text[text.index("{ #added }") : text.index("## Trademarks")]
    declared = re.findall(r"\]\(conversations\.md#([a-z0-9-]+)\)", added.split("\n- ")[1])
    assert [theme for theme in declared if theme != "themes"] == marked


def test_the_level_5_rhythm_is_offered_as_a_suggestion_and_declared() -> None:
    level_5 = page("levels/level-5.md")
    rhythm = level_5[level_5.index("{ #north-star }") : level_5.index("{ #co-design }")]
    assert '!!! note "The playbook\'s suggestion"' in rhythm
    assert "sets a Level 5 organisation apart" not in level_5
    assert "](levels/level-5.md#north-star)" in page("sources.md")


# ------------------------------------------------------------------ maintainers' documents

MAINTAINERS = [ROOT / "CONTRIBUTING.md", *sorted((ROOT / "maintainers").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_no_published_page_holds_or_links_to_maintainers_notes() -> None:
    assert not (DOCS / "maintainers").exists()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.load(config, Loader=yaml.BaseLoader)["nav"]
    assert "maintainers" not in str(nav)
    linking = [
        str(path.relative_to(ROOT))
        for path in sorted(DOCS.rglob("*.md"))
        if re.search(r"\]\([^)]*maintainers/", path.read_text(encoding="utf-8"))
    ]
    assert linking == []


def test_the_built_site_has_no_maintainers_pages(site_dir: Path) -> None:
    assert not (site_dir / "maintainers").exists()
    assert "Performance benchmark" not in (site_dir / "search" / "search_index.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("document", MAINTAINERS, ids=lambda path: path.name)
def test_maintainers_documents_read_well_on_github_with_working_links(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert not text.startswith("---"), "front matter shows as a table on GitHub"
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (document.parent / path).resolve() if path else document
        if not resolved.exists():
            broken.append(target)
        elif anchor and resolved.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", resolved.read_text(encoding="utf-8"), re.M)
            if anchor not in {github_anchor(heading) for heading in headings}:
                broken.append(target)
    assert broken == []


def test_the_add_a_question_path_names_every_file_it_touches() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    path = text[text.index("## Add a question") :]
    for touched in (
        "quiz/bank.toml",
        "quiz/published.toml",
        "validation/personas.toml",
        "validation/organisations.toml",
    ):
        assert touched in path, touched


def test_the_map_names_where_each_level_fact_lives() -> None:
    text = (ROOT / "maintainers" / "where-to-change-what.md").read_text(encoding="utf-8")
    for fact in ("`[[levels]]`", "`[levels.gates]`", "`[[themes]]`", "docs/doing-it-safely.md"):
        assert fact in text, fact
