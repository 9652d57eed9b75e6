"""Level facts have one source, the question bank: each level's page carries the bank's
number in its front matter and the bank's name in its title and navigation, and no browser
code, template or hook spells a level page path or the level count out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from quiz import load_bank

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BANK = load_bank()
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HAND_WRITTEN = re.compile(r"level-[0-9]|level-\$\{|levels/level|\b[0-9] levels\b|five levels", re.I)


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
def test_each_level_page_carries_the_banks_number_and_name(level: object) -> None:
    from quiz import Level

    assert isinstance(level, Level)
    path = DOCS / level.page
    assert front_matter(path).get("level") == level.number
    h1 = next(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")
    )
    assert h1 == f"# Level {level.number}: {level.name}"


def test_only_the_banks_level_pages_are_marked_as_level_pages() -> None:
    marked = {
        str(path.relative_to(DOCS)): front_matter(path).get("level")
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
        *(DOCS / "javascripts").glob("*.mjs"),
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
