"""Translated pages (``docs/levels/level-1.fr.md`` beside ``level-1.md``) keep their English
page's structure: the same headings' anchors in the same order, the same macros, the same links
and the same front matter, so that a translation can never lose a step, a link or a fact the
bank gives."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from harness import ROOT
from quiz.build import source_page
from tests.page_source import english_pages, translated_pages

DOCS = ROOT / "docs"
ANCHOR = re.compile(r"\{:? *#([a-z0-9-]+) *\}")
MACRO = re.compile(r"\{\{.*?\}\}")
LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_ID = re.compile(r'\b(?:id|for|name)="([^"]+)"')
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter(text: str) -> dict[str, str]:
    found = FRONT.match(text)
    fields: dict[str, str] = {}
    for line in found[1].splitlines() if found else []:
        key, colon, value = line.partition(":")
        if colon and not line.startswith(" "):
            fields[key.strip()] = value.strip()
    return fields


def structure_problems(english: str, translated: str) -> list[str]:
    """How a translation's structure differs from its English page's."""
    problems = []
    if ANCHOR.findall(translated) != ANCHOR.findall(english):
        problems.append(f"anchors differ: {ANCHOR.findall(translated)}")
    if Counter(MACRO.findall(translated)) != Counter(MACRO.findall(english)):
        problems.append(f"macros differ: {sorted(set(MACRO.findall(translated)))}")
    if Counter(LINK.findall(translated)) != Counter(LINK.findall(english)):
        missing = Counter(LINK.findall(english)) - Counter(LINK.findall(translated))
        extra = Counter(LINK.findall(translated)) - Counter(LINK.findall(english))
        problems.append(f"links differ: missing {sorted(missing)}, extra {sorted(extra)}")
    if Counter(HTML_ID.findall(translated)) != Counter(HTML_ID.findall(english)):
        problems.append("HTML ids, names or labels' targets differ")
    mine, theirs = front_matter(english), front_matter(translated)
    if set(mine) != set(theirs):
        problems.append(f"front matter keys differ: {sorted(theirs)}")
    for key in ("level", "render_macros"):
        if mine.get(key) != theirs.get(key):
            problems.append(
                f"front matter {key} is {theirs.get(key)!r}, English has {mine.get(key)!r}"
            )
    return problems


@pytest.mark.parametrize("page", translated_pages(), ids=lambda path: str(path.relative_to(DOCS)))
def test_a_translated_page_keeps_its_english_pages_structure(page: Path) -> None:
    english = DOCS / source_page(page.relative_to(DOCS).as_posix())
    assert english.is_file(), f"{page} translates no English page"
    translated = page.read_text(encoding="utf-8")
    assert structure_problems(english.read_text(encoding="utf-8"), translated) == []
    assert translated != english.read_text(encoding="utf-8"), "the page is not translated"


def test_the_structure_check_finds_a_lost_anchor_macro_link_and_level() -> None:
    english = (
        "---\nlevel: 2\nrender_macros: true\ndescription: Hi\n---\n\n# {{ level_title(2) }}\n\n"
        "## At a glance { #at-a-glance }\n\nSee [the metrics](../metrics.md#csat).\n"
        '<label for="tg-owner">Owner</label>\n'
    )
    good = english.replace("At a glance", "En bref").replace("the metrics", "les indicateurs")
    assert structure_problems(english, good) == []
    assert structure_problems(english, good.replace("{ #at-a-glance }", "{ #en-bref }"))
    assert structure_problems(english, good.replace("{{ level_title(2) }}", "Niveau 2"))
    assert structure_problems(english, good.replace("../metrics.md#csat", "../metrics.md"))
    assert structure_problems(english, good.replace("level: 2", "level: 3"))
    assert structure_problems(english, good.replace('for="tg-owner"', 'for="tg-proprio"'))


def test_every_english_page_has_its_french_translation() -> None:
    english = {path.relative_to(DOCS).as_posix() for path in english_pages()}
    french = {
        source_page(path.relative_to(DOCS).as_posix())
        for path in translated_pages()
        if path.name.endswith(".fr.md")
    }
    assert english - french == set()
