"""Level facts have one source, the question bank: each level's page carries the bank's
number in its front matter and takes its title from the bank; no page types a level name or
the number of levels or themes (hooks/level_facts.py stops the build, naming the place); no
browser code, template or hook spells a level page path, a level name or a count out by hand;
no test spells out the level numbers, the level count, a level's name or the list of level pages
(a test that plants one as a check's negative case marks the line ``# planted``); and renaming a
level in the bank alone renames it on every page of the built site."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from harness import load_hook, make_copy, run_mkdocs_build
from quiz import build, load_bank

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BANK = load_bank()
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# planted: the scan's own pattern for a hand-written count
HAND_WRITTEN = re.compile(r"level-[0-9]|level-\$\{|levels/level|\b[0-9] levels\b|five levels", re.I)
#: The names of the lowest, a middle and the top level, for the check's own samples.
LOWEST, MIDDLE, TOP = BANK.levels[0], BANK.levels[len(BANK.levels) // 2], BANK.levels[-1]


def front_matter(path: Path) -> dict[str, object]:
    match = FRONT.match(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(match[1]) if match else {}
    return data if isinstance(data, dict) else {}


def nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in nav_pages(value)]
    return []


@pytest.mark.parametrize("level", BANK.levels, ids=lambda level: f"level {level.number}")
def test_each_level_page_carries_the_banks_number_and_takes_its_title_from_the_bank(
    level: object,
) -> None:
    from quiz.types import Level

    assert isinstance(level, Level)
    path = DOCS / level.page
    assert front_matter(path).get("level") == level.number
    assert front_matter(path).get("render_macros") is True
    h1 = next(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")
    )
    assert h1 == f"# {{{{ level_title({level.number}) }}}}"


def test_only_the_banks_level_pages_are_marked_as_level_pages() -> None:
    marked = {
        build.source_page(path.relative_to(DOCS).as_posix()): front_matter(path).get("level")
        for path in DOCS.rglob("*.md")
        if "level" in front_matter(path)
    }
    assert marked == {level.page: level.number for level in BANK.levels}


def test_the_navigation_lists_the_level_pages_in_the_banks_order() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages = [page for page in nav_pages(config["nav"]) if page in {lv.page for lv in BANK.levels}]
    assert pages == [level.page for level in BANK.levels]


def test_the_built_pages_are_titled_with_the_banks_names(site_dir: Path) -> None:
    for level in BANK.levels:
        html = (site_dir / level.page.removesuffix(".md") / "index.html").read_text("utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title is not None
        assert title[1].strip().startswith(f"Level {level.number}: {level.name}")


def test_no_browser_code_template_or_hook_spells_out_level_pages_or_the_level_count() -> None:
    files = [
        *(DOCS / "javascripts").rglob("*.mjs"),
        *(DOCS / "stylesheets").glob("*.css"),
        *(ROOT / "overrides").rglob("*.html"),
        *(ROOT / "hooks").glob("*.py"),
        ROOT / "macros.py",
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_WRITTEN.search(line)
    ]
    assert found == []


TESTS = ROOT / "tests"
LEVEL_NUMBERS = [level.number for level in BANK.levels]
#: A level count in words or digits ("5 levels", "five maturity levels", "a five-level model").
LEVEL_COUNT = re.compile(
    rf"\b(?:{len(BANK.levels)}|{load_hook('level_facts').WORDS[len(BANK.levels) - 3]})"
    r"[ -](?:maturity[ -])?levels?\b",
    re.I,
)
PLANTED = "# planted"


def level_pages_named(text: str) -> set[int]:
    """The levels whose page a string names, as a source path or as the built page's path."""
    return {
        level.number
        for level in BANK.levels
        if level.page in text or level.page.removesuffix(".md") + "/" in text
    }


def spelled_out_levels(source: str) -> list[tuple[int, str]]:
    """Where a test's source spells out a level fact: the level numbers as a literal sequence
    or a range, the level count, a level's name, or a collection naming every level's page.
    Each finding is (line, what); a finding on a line marked ``# planted`` (or just under one),
    where a test plants the fact as a check's negative case, is left out."""
    lines = source.splitlines()
    found: list[tuple[int, ast.expr, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
            pairs = [*node.keys, *node.values] if isinstance(node, ast.Dict) else node.elts
            elements = [e for e in pairs if e is not None]  # a dict's ** has no key
            values = [e.value for e in elements if isinstance(e, ast.Constant)]
            if values == LEVEL_NUMBERS and len(values) == len(elements):
                found.append((node.lineno, node, f"the level numbers {values}"))
            texts = " ".join(v for e in elements for v in strings_in(e))
            if level_pages_named(texts) == set(LEVEL_NUMBERS):
                found.append((node.lineno, node, "a list of every level's page"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "range"
            and [a.value for a in node.args if isinstance(a, ast.Constant)]
            == [LEVEL_NUMBERS[0], LEVEL_NUMBERS[-1] + 1]
        ):
            found.append((node.lineno, node, "the level numbers as a range"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in LEVEL_COUNT.finditer(node.value):
                found.append((node.lineno, node, f"the level count {match[0]!r}"))
            for level in BANK.levels:
                if level.name in node.value:
                    found.append((node.lineno, node, f"the name of Level {level.number}"))
    return sorted(
        (line, what)
        for line, node, what in found
        if not any(
            PLANTED in lines[number - 1]
            for number in range(max(line - 1, 1), (node.end_lineno or line) + 1)
        )
    )


def strings_in(node: ast.AST) -> list[str]:
    return [
        child.value
        for child in ast.walk(node)
        if isinstance(child, ast.Constant) and isinstance(child.value, str)
    ]


def test_no_test_spells_out_the_level_numbers_the_level_count_or_the_level_pages() -> None:
    """The tests take the levels from the bank too, so a change to the levels breaks no test
    unless it breaks a rule."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted(TESTS.glob("*.py"))
        for line, what in spelled_out_levels(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        f"LEVELS = {LEVEL_NUMBERS!r}\n",
        f"NUMBERS = list(range({LEVEL_NUMBERS[0]}, {LEVEL_NUMBERS[-1] + 1}))\n",
        f"PAGES = {[level.page for level in BANK.levels]!r}\n",
        f"URLS = {[level.page.removesuffix('.md') + '/' for level in BANK.levels]!r}\n",
        f'"""The model has {len(BANK.levels)} levels."""\n',
        f"NAME = {TOP.name!r}\n",
    ],
    ids=["numbers", "range", "pages", "built-pages", "count", "name"],
)
def test_the_test_scan_finds_the_level_facts_and_leaves_planted_ones(source: str) -> None:
    assert spelled_out_levels(source)
    assert spelled_out_levels(source.rstrip("\n") + "  # planted: a negative case\n") == []
    assert spelled_out_levels("# planted: a negative case\n" + source) == []
    assert spelled_out_levels(f"PAGES = {[level.page for level in BANK.levels[:-1]]!r}\n") == []


LEVEL_FACTS = load_hook("level_facts")


def hand_written(path: Path) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{found.line}: {found.text!r}"
        for found in LEVEL_FACTS.hand_written_facts(path.read_text(encoding="utf-8"), BANK)
    ]


def test_no_page_types_a_level_name_or_a_count_of_levels_or_themes() -> None:
    """The build's own check (hooks/level_facts.py), run on every page: each finding names the
    page, the line and the text."""
    found = [line for path in sorted(DOCS.rglob("*.md")) for line in hand_written(path)]
    assert found == []


def test_no_page_uses_a_level_macro_without_rendering_macros() -> None:
    assert [
        str(path.relative_to(ROOT))
        for path in sorted(DOCS.rglob("*.md"))
        if LEVEL_FACTS.macro_without_rendering(path.read_text(encoding="utf-8"))
    ] == []


def test_no_template_types_a_level_name_or_a_count() -> None:
    """The 404 page and the other overrides take the counts from config.extra.bank_facts."""
    found = [
        line for path in sorted((ROOT / "overrides").rglob("*.html")) for line in hand_written(path)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"# Level {MIDDLE.number}: {MIDDLE.name}", [MIDDLE.name]),
        (f"description: Level {TOP.number}, {TOP.name}: the top", [TOP.name]),
        (
            "The playbook has five levels and 16 conversation themes.",  # planted
            ["five levels", "16 conversation themes"],  # planted
        ),
        ("a five-level model", ["five-level"]),  # planted
        ("Sixteen themes of questions", ["Sixteen themes"]),  # planted
        ("Level 2 and Level 4 make a Level 3 team.", []),
        ("One or two themes a session; three to five behaviours.", []),
        ("Four of the themes have an added question; EX and CX are unaligned.", []),
        ("{{ level_link(3) }} and {{ level_count_words() }} levels", []),
    ],
)
def test_the_check_finds_names_and_counts_but_not_ordinary_prose(
    text: str, found: list[str]
) -> None:
    assert [f.text for f in LEVEL_FACTS.hand_written_facts(text, BANK)] == found


def test_each_finding_says_which_macro_to_use() -> None:
    (name,) = LEVEL_FACTS.hand_written_facts(f"- Next level: {MIDDLE.name}", BANK)
    assert name.line == 1
    assert f"{{{{ level_name({MIDDLE.number}) }}}}" in name.advice
    assert f"{{{{ level_link({MIDDLE.number}) }}}}" in name.advice
    (count,) = LEVEL_FACTS.hand_written_facts("\nAll 16 themes", BANK)
    assert count.line == 2
    assert "{{ theme_count_words() }}" in count.advice


def test_the_404_page_states_the_theme_count_from_the_bank(site_dir: Path) -> None:
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert f"{len(BANK.themes)} themes of questions" in html


def renamed_copy(source: Path, target: Path, old: str, new: str) -> None:
    """``source`` written to ``target`` with the level named ``old`` named ``new``."""
    text = source.read_text(encoding="utf-8")
    assert text.count(f'name = "{old}"') == 1
    target.write_text(text.replace(f'name = "{old}"', f'name = "{new}"'), encoding="utf-8")


def test_renaming_a_level_in_the_bank_alone_renames_it_on_every_page(tmp_path: Path) -> None:
    """The review found a renamed Level 3 on 2 pages and its old name on 23. Now the bank is
    the only place that says it, in each language: a build against a bank whose Level 3 has a
    new name, in the bank (English) and in its layer (``renamed.fr.toml``, French), shows the
    new name wherever the old one was, in that language's pages, and the old one nowhere."""
    names = {  # language: (folder of its pages, old name, new name)
        "en": ("", BANK.level(3).name, "Team-led renamed"),
        "fr": ("fr/", load_bank(lang="fr").level(3).name, "Renommé par les équipes"),
    }
    bank = tmp_path / "renamed.toml"
    renamed_copy(ROOT / "quiz" / "bank.toml", bank, *names["en"][1:])
    renamed_copy(ROOT / "quiz" / "bank.fr.toml", tmp_path / "renamed.fr.toml", *names["fr"][1:])
    site = tmp_path / "site"
    project = make_copy(tmp_path / "project", extra={"bank": str(bank)})
    result = run_mkdocs_build(site, project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {str(page.relative_to(site)): page.read_text("utf-8") for page in site.rglob("*.html")}
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for language, (folder, old, new) in names.items():
        assert [page for page, html in pages.items() if old in html] == [], language
        assert old not in json.dumps(search, ensure_ascii=False), language
        renamed = {page for page, html in pages.items() if new in html}
        assert {
            f"{folder}levels/index.html",
            f"{folder}levels/level-3/index.html",
            f"{folder}levels/level-2/index.html",
        } <= renamed, language
        title = re.search(r"<title>(.*?)</title>", pages[f"{folder}levels/level-3/index.html"])
        assert title is not None
        with build.in_language(language):  # "Niveau 3 : " (a no-break space in the H1)
            expected = build.text("macros.level_title", level=3, name=new)
        assert " ".join(title[1].split()).startswith(" ".join(expected.split())), language


def test_the_build_stops_naming_every_page_line_and_text() -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    pages = {
        "levels/level-9.md": f"---\ndescription: x\n---\n\n# Title\n\nNext: {MIDDLE.name}\n",
        "other.md": "All five levels.\n\n{{ level_name(1) }}\n",  # planted
        "fine.md": "---\nrender_macros: true\n---\n{{ level_link(2) }}, {{ theme_count() }} themes",
    }
    LEVEL_FACTS.on_pre_build(config=None)
    for uri, text in pages.items():
        page = SimpleNamespace(file=SimpleNamespace(src_uri=uri, content_string=text))
        LEVEL_FACTS.on_page_markdown(text, page=page, config=None, files=None)
    with pytest.raises(PluginError) as raised:
        LEVEL_FACTS.on_env(None, config=None, files=None)
    message = str(raised.value)
    named = f"'{MIDDLE.name}' is the name of Level {MIDDLE.number}"
    assert f"docs/levels/level-9.md line 7: {named}" in message
    assert "docs/other.md line 1: 'five levels' is a count" in message  # planted
    assert "docs/other.md: uses a level or theme macro, but its front matter has no" in message
    assert "fine.md" not in message
    LEVEL_FACTS.on_pre_build(config=None)
    assert LEVEL_FACTS.on_env("env", config=None, files=None) == "env"
