"""Shared parsing for the content tests (``tests/test_content_*.py``): the Markdown sources
in docs/ read as prose lines, headings with their ``{#id}`` and the sections and bullets under
them, and the level facts the checks compare with, read from the question bank.
"""

from __future__ import annotations

import re

from tests.quiz_support import BANK, ROOT

DOCS = ROOT / "docs"

#: The level numbers, lowest first.
LEVEL_NUMBERS = [level.number for level in BANK.levels]

ID_HEADING = re.compile(r"^(#{2,3}) (.*?) \{ ?#([a-z0-9-]+) ?\}\s*$")
ANY_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")

BULLET = re.compile(r"^ {0,3}[-*+] +(\S.*)$")

# --------------------------------------------------------------------------- parsing


def strip_front_matter(text: str) -> str:
    """Drop a leading YAML front-matter block, if any."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[text.find("\n", end + 1) + 1 :]
    return text


def prose_lines(text: str) -> list[str]:
    """Lines of the page with fenced code blocks blanked out (line numbers kept)."""
    lines = strip_front_matter(text).splitlines()
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(line)
    return out


def id_headings(text: str) -> list[tuple[int, str, str]]:
    """(level, title, id) of every H2/H3 written with an explicit ``{#id}``."""
    found = []
    for line in prose_lines(text):
        match = ID_HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2), match.group(3)))
    return found


def section(text: str, heading_id: str) -> list[str]:
    """Lines under the ``heading_id`` heading, up to the next heading of the same or higher rank."""
    lines = prose_lines(text)
    start: int | None = None
    rank = 0
    for index, line in enumerate(lines):
        match = ANY_HEADING.match(line)
        if not match:
            continue
        level = len(match.group(1))
        if start is None:
            with_id = ID_HEADING.match(line)
            if with_id and with_id.group(3) == heading_id:
                start, rank = index + 1, level
        elif level <= rank:
            return lines[start:index]
    return [] if start is None else lines[start:]


def list_items(lines: list[str]) -> list[str]:
    """Text of each top-level bullet, with its wrapped continuation lines joined on."""
    items: list[str] = []
    open_item = False
    after_blank = False
    for line in lines:
        bullet = BULLET.match(line)
        if bullet:
            items.append(bullet.group(1).strip())
            open_item, after_blank = True, False
        elif not line.strip():
            after_blank = True
        elif open_item and not ANY_HEADING.match(line) and (not after_blank or line[:2] == "  "):
            items[-1] += " " + line.strip()
            after_blank = False
        else:
            open_item = False
    return items


def h3_ids_in(text: str, h2_id: str) -> list[str]:
    return [
        m.group(3)
        for line in section(text, h2_id)
        if (m := ID_HEADING.match(line)) and len(m.group(1)) == 3
    ]


def level_page(level: int) -> str:
    return (DOCS / BANK.level(level).page).read_text(encoding="utf-8")
