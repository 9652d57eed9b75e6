"""What a page's source says, for tests that must not pin its words: the text of a heading by
its anchor, and the label of a field by its id. An editor who renames a step or a template's
field changes the Markdown only; the tests read the new words from there."""

from __future__ import annotations

import html
import re
from pathlib import Path

from harness import ROOT
from quiz.build import page_language

DOCS = ROOT / "docs"


def english_pages() -> list[Path]:
    """The playbook's pages in English (``docs/**/*.md`` without ``*.fr.md`` translations)."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if page_language(path.relative_to(DOCS).as_posix()) is None
    )


def translated_pages() -> list[Path]:
    """The translations beside them (``levels/level-1.fr.md``)."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if page_language(path.relative_to(DOCS).as_posix()) is not None
    )


def heading_text(page: str, anchor: str) -> str:
    """The words of the heading whose attribute list gives it ``anchor`` (``{ #step-1 }``)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    pattern = rf"^#+ (.+?) *\{{ *#{re.escape(anchor)} *\}}\s*$"
    found = re.search(pattern, text, re.M)
    assert found, f"docs/{page} has no heading #{anchor}"
    return found[1]


def field_label(page: str, field_id: str) -> str:
    """The label of the field ``field_id`` in a template's source: its ``<label for>``, or the
    ``aria-label`` it carries itself."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = re.search(rf'<label for="{re.escape(field_id)}">(.*?)</label>', text) or re.search(
        rf'id="{re.escape(field_id)}"[^>]*\baria-label="([^"]*)"', text
    )
    assert found, f"docs/{page} has no label for #{field_id}"
    return html.unescape(found[1])
