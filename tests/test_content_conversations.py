"""Content checks for the conversations: the conversations page has the question bank's
themes, in the bank's order, each with question prompts and its levels rendered from the bank,
and each level page's conversations section lists exactly the themes the bank tags with its
level.

Every check is a function that takes text and returns a list of problems, so the checks are
also exercised on small broken samples.
"""

from __future__ import annotations

import re

import pytest

from quiz import load_bank
from tests.content_support import DOCS, LEVEL_NUMBERS, h3_ids_in, level_page, list_items, section
from tests.quiz_support import BANK

#: The conversation themes, in the bank's order (the conversations page's order).
THEME_IDS = [theme.id for theme in BANK.themes]
MIN_PROMPTS_PER_THEME = 2

CONVERSATION_LINK = re.compile(r"\]\(\.\./conversations\.md#([a-z0-9-]+)\)")
USEFUL_AT = re.compile(r"""\{\{\s*useful_at\(\s*["']([a-z0-9-]+)["']\s*\)\s*\}\}""")
#: A theme's heading: its title from the bank (the macro), then its id as the anchor.
THEME_HEADING = re.compile(r"^### (.*?) *\{ *#([a-z0-9-]+) *\}\s*$", re.M)


def conversation_problems(text: str) -> list[str]:
    problems = []
    theme_ids = h3_ids_in(text, "themes")
    if theme_ids != THEME_IDS:
        problems.append(f"theme ids are {theme_ids}, expected {THEME_IDS}")
    for title, theme_id in THEME_HEADING.findall(text):
        if title != f'{{{{ theme_title("{theme_id}") }}}}':
            problems.append(f"theme {theme_id}: the heading types its title: {title!r}")
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


def level_conversation_problems(
    text: str, level: int, theme_levels: dict[str, tuple[int, ...]]
) -> list[str]:
    """The page's conversations section lists exactly the themes tagged with its level."""
    linked = CONVERSATION_LINK.findall("\n".join(section(text, "conversations")))
    expected = {theme for theme, levels in theme_levels.items() if level in levels}
    problems = []
    if missing := sorted(expected - set(linked)):
        problems.append(f"conversations section lacks themes tagged Level {level}: {missing}")
    if extra := sorted(set(linked) - expected):
        problems.append(f"conversations section lists themes not tagged Level {level}: {extra}")
    if len(linked) != len(set(linked)):
        problems.append("conversations section lists a theme twice")
    return problems


def useful_at_problems(text: str) -> list[str]:
    """Each theme's section on the conversations page renders its levels from the bank."""
    return [
        f'theme {theme_id} has no {{{{ useful_at("{theme_id}") }}}} line'
        for theme_id in THEME_IDS
        if USEFUL_AT.findall("\n".join(section(text, theme_id))) != [theme_id]
    ]


def test_conversations_page_has_the_banks_themes_in_order_with_question_prompts() -> None:
    assert conversation_problems((DOCS / "conversations.md").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_conversations_match_the_bank_theme_tags(level: int) -> None:
    theme_levels = {theme.id: theme.levels for theme in load_bank().themes}
    assert level_conversation_problems(level_page(level), level, theme_levels) == []


def test_conversations_page_renders_each_themes_levels_from_the_bank() -> None:
    assert useful_at_problems((DOCS / "conversations.md").read_text(encoding="utf-8")) == []


def test_conversation_check_rejects_reordered_themes_and_missing_questions() -> None:
    theme = "What it is for.\n\n- First question?\n- A question wrapped\n  over two lines?\n"
    first, third, last = THEME_IDS[0], THEME_IDS[2], len(THEME_IDS) - 1
    good = "# EX-CX conversations\n\n## The themes {#themes}\n\n" + "\n".join(
        f'### {{{{ theme_title("{theme_id}") }}}} {{#{theme_id}}}\n\n{theme}'
        for theme_id in THEME_IDS
    )
    assert conversation_problems(good) == []
    assert conversation_problems(good.replace("{#themes}", "{#topics}"))
    assert conversation_problems(
        good.replace(f"{{#{first}}}", "{#tmp}")
        .replace(f"{{#{third}}}", f"{{#{first}}}")
        .replace("{#tmp}", f"{{#{third}}}")
    )
    assert conversation_problems(good.replace("- First question?", "- A statement.", 1))
    assert conversation_problems(good.replace("over two lines?", "over two lines.", 1))
    last_heading = f'### {{{{ theme_title("{THEME_IDS[last]}") }}}} {{#{THEME_IDS[last]}}}'
    assert conversation_problems(good.replace(last_heading, "### A theme"))
    # A title typed on the page instead of read from the bank.
    typed = last_heading.replace(f'{{{{ theme_title("{THEME_IDS[last]}") }}}}', "A title")
    assert conversation_problems(good.replace(last_heading, typed)) == [
        f"theme {THEME_IDS[last]}: the heading types its title: 'A title'"
    ]


def test_level_conversation_check_compares_with_the_bank_tags() -> None:
    tags = {"shared-goals": (1, 2), "feedback-loop": (4,), "data-and-analytics": (1,)}
    page = (
        "## Conversations {#conversations}\n\n"
        "- [Shared goals](../conversations.md#shared-goals): agree.\n"
        "- [Data](../conversations.md#data-and-analytics): numbers.\n\n"
        "## Next {#next}\n\n- [Feedback loop](../conversations.md#feedback-loop)\n"
    )
    assert level_conversation_problems(page, 1, tags) == []
    assert level_conversation_problems(page, 2, tags)  # lists a Level 1-only theme
    assert level_conversation_problems(page, 4, tags)  # misses feedback-loop, which sits in "next"
    doubled = page.replace("numbers.", "numbers.\n- [Again](../conversations.md#shared-goals)")
    assert level_conversation_problems(doubled, 1, tags)


def test_useful_at_check_wants_each_themes_own_macro() -> None:
    first, third = THEME_IDS[0], THEME_IDS[2]
    good = "## The themes {#themes}\n\n" + "\n".join(
        f'### Theme {{ #{theme_id} }}\n\n- A question?\n\n{{{{ useful_at("{theme_id}") }}}}. Why.\n'
        for theme_id in THEME_IDS
    )
    assert useful_at_problems(good) == []
    assert useful_at_problems(good.replace(f'useful_at("{third}")', f'useful_at("{first}")'))
    last = THEME_IDS[-1]
    assert useful_at_problems(good.replace(f'{{{{ useful_at("{last}") }}}}. Why.', "A level."))
