"""Content checks for the Markdown sources in docs/.

These pin down the page structure the site promises (level pages, the EX-CX
conversations page) and that relative links between pages resolve, including
their #anchors. They complement ``mkdocs build --strict``.

Every check is a function that takes text (or a docs folder) and returns a list
of problems, so the checks can also be exercised on small broken samples.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LEVELS = DOCS / "levels"

LEVEL_H2_IDS = [
    "at-a-glance",
    "what-it-looks-like",
    "what-you-might-hear",
    "priorities",
    "take-action",
    "metrics",
    "checklist",
    "conversations",
    "next",
]
LEVEL_5_H2_IDS = [
    "at-a-glance",
    "what-it-looks-like",
    "what-you-might-hear",
    "north-star",
    "staying",
    "metrics",
    "checklist",
    "conversations",
    "next",
]
TAKE_ACTION_H3_IDS = ["step-1", "step-2"]
MIN_LEVEL_WORDS = 600
MIN_CHECKLIST_ITEMS = 3

THEME_IDS = [
    "shared-goals",
    "understanding-impact",
    "feedback-loop",
    "training-and-development",
    "culture-and-values",
    "innovation-and-collaboration",
    "data-and-analytics",
    "celebrating-successes",
    "long-term-vision",
    "employee-centric-approach",
    "brand-alignment",
    "crisis-management",
    "technology-integration",
    "learning-from-mistakes",
    "industry-benchmarking",
    "executive-sponsorship",
]
MIN_PROMPTS_PER_THEME = 2

ID_HEADING = re.compile(r"^(#{2,3}) (.*?) \{ ?#([a-z0-9-]+) ?\}\s*$")
ANY_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_ATTRS = re.compile(r"\s*\{:?([^{}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REF_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] \S")
BULLET = re.compile(r"^ {0,3}[-*+] +(\S.*)$")
BLOCKQUOTE = re.compile(r"^\s*> ?\S")
ROLE_LINE = re.compile(r"^\s*> —|—")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


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


def count_words(text: str) -> int:
    """Words outside fenced code blocks, ignoring Markdown link targets and attr_list braces."""
    body = "\n".join(prose_lines(text))
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[:#.][^}]*\}", "", body)
    return len(WORD.findall(body))


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown's toc slugify, applied to heading text stripped of inline markup."""
    value = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", value)  # links and images → their text
    value = re.sub(r"<[^>]+>", "", value)  # inline HTML tags
    value = re.sub(r"[*`]|(?<!\w)_+|_+(?!\w)", "", value)  # emphasis and code markers
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def anchors(text: str) -> set[str]:
    """Anchors a page offers: attr_list ids, toc slugs of other headings, HTML id attributes."""
    found: set[str] = set()
    slug_counts: dict[str, int] = {}
    for line in prose_lines(text):
        line_without_code = INLINE_CODE.sub("", line)
        found.update(HTML_ID.findall(line_without_code))
        heading = ANY_HEADING.match(line)
        attrs = HEADING_ATTRS.search(line_without_code)
        explicit = ATTR_ID.findall(attrs.group(1)) if attrs else []
        found.update(explicit)
        if heading and not explicit:
            title = HEADING_ATTRS.sub("", heading.group(2))
            slug = slugify(title)
            if slug in slug_counts:  # toc de-duplicates repeated slugs as slug_1, slug_2, ...
                slug_counts[slug] += 1
                slug = f"{slug}_{slug_counts[slug]}"
            else:
                slug_counts[slug] = 0
            found.add(slug)
    return found


def relative_links(text: str) -> list[str]:
    """Targets of inline links, images and link definitions, outside code, not external."""
    targets: list[str] = []
    for line in prose_lines(text):
        line = INLINE_CODE.sub("", line)
        targets += INLINE_LINK.findall(line)
        definition = REF_DEFINITION.match(line)
        if definition:
            targets.append(definition.group(1))
    return [t for t in targets if not EXTERNAL.match(t) and "{{" not in t and "{%" not in t]


# ---------------------------------------------------------------------------- checks


def level_structure_problems(text: str, level: int) -> list[str]:
    problems = []
    expected = LEVEL_5_H2_IDS if level == 5 else LEVEL_H2_IDS
    h2_ids = [heading_id for rank, _, heading_id in id_headings(text) if rank == 2]
    if h2_ids != expected:
        problems.append(f"H2 ids are {h2_ids}, expected {expected}")
    if level != 5:
        steps = [i for i in h3_ids_in(text, "take-action") if i in TAKE_ACTION_H3_IDS]
        if steps != TAKE_ACTION_H3_IDS:
            problems.append(f"take-action has H3 ids {steps}, expected {TAKE_ACTION_H3_IDS}")
    return problems


def level_title_length_checklist_problems(text: str, level: int) -> list[str]:
    problems = []
    h1 = [line for line in prose_lines(text) if line.startswith("# ")]
    if not h1 or not re.fullmatch(rf"# Level {level}: \S.*", h1[0].rstrip()):
        problems.append(f"first H1 is {h1[:1]}, expected '# Level {level}: <name>'")
    if len(h1) > 1:
        problems.append(f"more than one H1: {h1}")
    words = count_words(text)
    if words < MIN_LEVEL_WORDS:
        problems.append(f"only {words} words, expected at least {MIN_LEVEL_WORDS}")
    tasks = [line for line in section(text, "checklist") if TASK_ITEM.match(line)]
    if len(tasks) < MIN_CHECKLIST_ITEMS:
        problems.append(
            f"checklist has {len(tasks)} task items, expected at least {MIN_CHECKLIST_ITEMS}"
        )
    return problems


def quote_problems(text: str) -> list[str]:
    lines = section(text, "what-you-might-hear")
    problems = []
    if not any(BLOCKQUOTE.match(line) for line in lines):
        problems.append("'What you might hear' has no blockquote")
    if not any(ROLE_LINE.search(line) for line in lines):
        problems.append("'What you might hear' names no role (no '— Role' attribution)")
    return problems


def conversation_problems(text: str) -> list[str]:
    problems = []
    theme_ids = h3_ids_in(text, "themes")
    if theme_ids != THEME_IDS:
        problems.append(f"theme ids are {theme_ids}, expected {THEME_IDS}")
    for theme_id in THEME_IDS:
        bullets = list_items(section(text, theme_id))
        questions = [item for item in bullets if item.endswith("?")]
        if len(questions) < MIN_PROMPTS_PER_THEME:
            problems.append(f"theme {theme_id} has {len(questions)} question bullets")
        problems += [
            f"theme {theme_id}: prompt is not a question: {item!r}"
            for item in bullets
            if item not in questions
        ]
    return problems


def link_problems(docs: Path) -> list[str]:
    problems = []
    anchor_cache: dict[Path, set[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        for target in relative_links(page.read_text(encoding="utf-8")):
            path_part, _, anchor = target.partition("#")
            path_part = unquote(path_part.split("?", 1)[0])
            where = f"{page.relative_to(docs)} → {target}"
            if path_part.startswith("/"):
                problems.append(f"{where}: absolute link")
                continue
            destination = (page.parent / path_part).resolve() if path_part else page.resolve()
            if not destination.is_file():
                problems.append(f"{where}: no such file")
                continue
            if anchor and destination.suffix == ".md":
                if destination not in anchor_cache:
                    anchor_cache[destination] = anchors(destination.read_text(encoding="utf-8"))
                if unquote(anchor) not in anchor_cache[destination]:
                    problems.append(f"{where}: no anchor #{anchor}")
    return problems


# ----------------------------------------------------------------------- site tests


def level_page(level: int) -> str:
    return (LEVELS / f"level-{level}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_level_page_has_sections_in_order(level: int) -> None:
    assert level_structure_problems(level_page(level), level) == []


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_level_page_has_title_enough_words_and_checklist(level: int) -> None:
    assert level_title_length_checklist_problems(level_page(level), level) == []


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_level_page_quotes_an_employee_and_names_their_role(level: int) -> None:
    assert quote_problems(level_page(level)) == []


def test_conversations_page_has_16_themes_in_order_with_question_prompts() -> None:
    assert conversation_problems((DOCS / "conversations.md").read_text(encoding="utf-8")) == []


def test_relative_links_point_to_existing_files_and_anchors() -> None:
    assert link_problems(DOCS) == []


# -------------------------------------------------- the checks catch broken content


def sample_level_page(level: int, words: int = MIN_LEVEL_WORDS) -> str:
    """A minimal page that satisfies every level-page check (with the default word count)."""
    filler = " ".join(["word"] * words)
    ids = LEVEL_5_H2_IDS if level == 5 else LEVEL_H2_IDS
    parts = [f"# Level {level}: Sample name", "", filler, ""]
    for heading_id in ids:
        parts += [f"## {heading_id.replace('-', ' ').title()} {{#{heading_id}}}", ""]
        if heading_id == "take-action":
            parts += [
                "### First step {#step-1}",
                "",
                "Do it.",
                "",
                "### Second step {#step-2}",
                "",
                "Then this.",
            ]
        if heading_id == "what-you-might-hear":
            parts += ['> "Nobody tells us what customers think."', ">", "> — Support agent"]
        if heading_id == "checklist":
            parts += ["- [ ] one", "- [ ] two", "- [x] three"]
        parts.append("")
    return "\n".join(parts)


@pytest.mark.parametrize("level", [1, 5])
def test_level_checks_accept_a_well_formed_page(level: int) -> None:
    text = sample_level_page(level)
    assert level_structure_problems(text, level) == []
    assert level_title_length_checklist_problems(text, level) == []
    assert quote_problems(text) == []


def test_level_structure_check_rejects_swapped_or_missing_sections() -> None:
    text = sample_level_page(2)
    swapped = (
        text.replace("{#metrics}", "{#tmp}")
        .replace("{#checklist}", "{#metrics}")
        .replace("{#tmp}", "{#checklist}")
    )
    assert level_structure_problems(swapped, 2)
    assert level_structure_problems(text.replace("{#step-2}", "{#step-two}"), 2)
    moved_step = text.replace("### Second step {#step-2}", "").replace(
        "## Metrics {#metrics}", "## Metrics {#metrics}\n\n### Second step {#step-2}"
    )
    assert level_structure_problems(moved_step, 2)
    fenced = text.replace("## Next {#next}", "```\n## Next {#next}\n```")
    assert level_structure_problems(fenced, 2)


def test_level_content_check_rejects_bad_title_short_text_and_thin_checklist() -> None:
    text = sample_level_page(3)
    assert level_title_length_checklist_problems(
        text.replace("# Level 3: Sample name", "# Level three"), 3
    )
    assert level_title_length_checklist_problems(text, 4)  # title names the wrong level
    assert level_title_length_checklist_problems(sample_level_page(3, words=500), 3)
    in_code = text.replace(
        " ".join(["word"] * MIN_LEVEL_WORDS),
        "```\n" + " ".join(["word"] * MIN_LEVEL_WORDS) + "\n```",
    )
    assert level_title_length_checklist_problems(in_code, 3)
    assert level_title_length_checklist_problems(text.replace("- [x] three\n", ""), 3)


def test_quote_check_rejects_missing_blockquote_or_role() -> None:
    text = sample_level_page(1)
    assert quote_problems(text.replace("> ", "").replace(">\n", "\n"))
    assert quote_problems(text.replace("> — Support agent", "> Support agent"))


def test_conversation_check_rejects_reordered_themes_and_missing_questions() -> None:
    theme = "What it is for.\n\n- First question?\n- A question wrapped\n  over two lines?\n"
    good = "# EX-CX conversations\n\n## The 16 themes {#themes}\n\n" + "\n".join(
        f"### Theme {i} {{#{theme_id}}}\n\n{theme}" for i, theme_id in enumerate(THEME_IDS)
    )
    assert conversation_problems(good) == []
    assert conversation_problems(good.replace("{#themes}", "{#topics}"))
    assert conversation_problems(
        good.replace("{#shared-goals}", "{#tmp}")
        .replace("{#feedback-loop}", "{#shared-goals}")
        .replace("{#tmp}", "{#feedback-loop}")
    )
    assert conversation_problems(good.replace("- First question?", "- A statement.", 1))
    assert conversation_problems(good.replace("over two lines?", "over two lines.", 1))
    assert conversation_problems(
        good.replace("### Theme 15 {#executive-sponsorship}", "### Theme 15")
    )


def test_link_check_reports_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "levels").mkdir()
    (tmp_path / "index.md").write_text(
        "# Home\n\n## Getting *started* here\n\n## Plan {#the-plan}\n\n"
        "[ok](levels/a.md#step-1) [ok](#getting-started-here) [ok](levels/a.md)\n"
        "[web](https://example.com/x.md#y) [mail](mailto:a@example.com)\n"
        "`[code](missing.md)`\n",
        encoding="utf-8",
    )
    (tmp_path / "levels" / "a.md").write_text(
        "# A\n\n### Step one {#step-1}\n\n[up](../index.md#the-plan)\n", encoding="utf-8"
    )
    assert link_problems(tmp_path) == []

    (tmp_path / "levels" / "a.md").write_text(
        "# A\n\n[up](../index.md#plan) [gone](b.md)\n", encoding="utf-8"
    )
    problems = link_problems(tmp_path)
    assert any("#plan" in p for p in problems)
    assert any("b.md" in p and "no such file" in p for p in problems)
    assert any("#step-1" in p for p in problems)


def test_slugify_matches_python_markdown_toc() -> None:
    assert slugify("Why EX drives CX?") == "why-ex-drives-cx"
    assert slugify("Level 1 → Level 2: what changes") == "level-1-level-2-what-changes"
    assert slugify("The `code` and *emphasis*") == "the-code-and-emphasis"
    assert anchors("## Same\n\n## Same\n") == {"same", "same_1"}
