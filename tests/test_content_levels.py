"""Content checks for the level pages in docs/levels/.

These pin down what the site promises beyond what ``mkdocs build --strict`` checks (MkDocs
already validates every link and #anchor, so nothing here re-checks links): each level page's
structure (sections in order, the two steps to take), its title, length and checklist, the
two-minute summary it opens with, its quote naming a role, and its exit criteria.

Every check is a function that takes text and returns a list of problems, so the checks are
also exercised on small broken samples.
"""

from __future__ import annotations

import re

import pytest

from tests.content_support import (
    LEVEL_NUMBERS,
    h3_ids_in,
    id_headings,
    level_page,
    list_items,
    prose_lines,
    section,
)

LEVEL_H2_IDS = [
    "at-a-glance",
    "what-it-looks-like",
    "what-you-might-hear",
    "priorities",
    "take-action",
    "exit-criteria",
    "metrics",
    "checklist",
    "conversations",
    "next",
]
TOP_LEVEL_H2_IDS = [
    "at-a-glance",
    "what-it-looks-like",
    "what-you-might-hear",
    "north-star",
    "co-design",
    "staying",
    "exit-criteria",
    "metrics",
    "checklist",
    "conversations",
    "next",
]
TAKE_ACTION_H3_IDS = ["step-1", "step-2"]
MIN_LEVEL_WORDS = 600
MIN_CHECKLIST_ITEMS = 3
MIN_EXIT_CRITERIA = 4

#: The top level, whose page has sections of its own.
TOP_LEVEL = LEVEL_NUMBERS[-1]

WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] \S")
BLOCKQUOTE = re.compile(r"^\s*> ?\S")
ROLE_LINE = re.compile(r"^\s*> —|—")


def count_words(text: str) -> int:
    """Words outside fenced code blocks, ignoring Markdown link targets and attr_list braces."""
    body = "\n".join(prose_lines(text))
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[:#.][^}]*\}", "", body)
    return len(WORD.findall(body))


# ---------------------------------------------------------------------------- checks


def level_structure_problems(text: str, level: int) -> list[str]:
    problems = []
    expected = TOP_LEVEL_H2_IDS if level == TOP_LEVEL else LEVEL_H2_IDS
    h2_ids = [heading_id for rank, _, heading_id in id_headings(text) if rank == 2]
    if h2_ids != expected:
        problems.append(f"H2 ids are {h2_ids}, expected {expected}")
    if level != TOP_LEVEL:
        steps = [i for i in h3_ids_in(text, "take-action") if i in TAKE_ACTION_H3_IDS]
        if steps != TAKE_ACTION_H3_IDS:
            problems.append(f"take-action has H3 ids {steps}, expected {TAKE_ACTION_H3_IDS}")
    return problems


def level_title_length_checklist_problems(text: str, level: int) -> list[str]:
    problems = []
    h1 = [line for line in prose_lines(text) if line.startswith("# ")]
    titles = (rf"# Level {level}: \S.*", rf"# \{{\{{ level_title\({level}\) \}}\}}")
    if not h1 or not any(re.fullmatch(title, h1[0].rstrip()) for title in titles):
        problems.append(
            f"first H1 is {h1[:1]}, expected '# {{{{ level_title({level}) }}}}' (or"
            f" '# Level {level}: <name>')"
        )
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


SUMMARY_LEADS = ("Where you are.", "The two priorities.", "The first step.")


def summary_problems(text: str) -> list[str]:
    """The page opens with its two-minute summary: "At a glance" says where you are, the two
    priorities and the first step, each as a paragraph with a bold lead, in that order, and
    links the first step to a section of the page."""
    lines = [line for line in section(text, "at-a-glance") if line.strip()]
    leads = [m.group(1) for line in lines if (m := re.match(r"\*\*([^*]+)\*\*", line))]
    problems = []
    if leads != list(SUMMARY_LEADS):
        problems.append(f"'At a glance' leads are {leads}, expected {list(SUMMARY_LEADS)}")
    first = next((line for line in lines if line.startswith("**The first step.**")), "")
    if not re.search(r"\]\(#[a-z0-9-]+\)", first):
        problems.append("'The first step' does not link to a section of the page")
    return problems


def quote_problems(text: str) -> list[str]:
    lines = section(text, "what-you-might-hear")
    problems = []
    if not any(BLOCKQUOTE.match(line) for line in lines):
        problems.append("'What you might hear' has no blockquote")
    if not any(ROLE_LINE.search(line) for line in lines):
        problems.append("'What you might hear' names no role (no '— Role' attribution)")
    return problems


def exit_criteria_problems(text: str, level: int) -> list[str]:
    """Each level but the top says when the next level is reached; the top level says how to
    tell it is held."""
    problems = []
    lines = section(text, "exit-criteria")
    titles = [title for _, title, heading_id in id_headings(text) if heading_id == "exit-criteria"]
    wording = f"holding Level {level}" if level == TOP_LEVEL else f"reached Level {level + 1}"
    if wording not in " ".join(titles + lines):
        problems.append(f"exit criteria do not say '{wording}'")
    signs = list_items(lines)
    if len(signs) < MIN_EXIT_CRITERIA:
        problems.append(
            f"exit criteria list {len(signs)} signs, expected at least {MIN_EXIT_CRITERIA}"
        )
    return problems


# ----------------------------------------------------------------------- site tests


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_has_sections_in_order(level: int) -> None:
    assert level_structure_problems(level_page(level), level) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_has_title_enough_words_and_checklist(level: int) -> None:
    assert level_title_length_checklist_problems(level_page(level), level) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_opens_with_its_two_minute_summary(level: int) -> None:
    assert summary_problems(level_page(level)) == []


def test_summary_check_rejects_a_missing_or_reordered_lead() -> None:
    good = (
        "## At a glance { #at-a-glance }\n\n**Where you are.** Here.\n\n"
        "**The two priorities.** A and B.\n\n**The first step.** Do it ([step 1](#step-1)).\n\n"
        "## Next { #next }\n"
    )
    assert summary_problems(good) == []
    assert summary_problems(good.replace("**Where you are.** Here.\n\n", ""))
    assert summary_problems(good.replace(" ([step 1](#step-1))", ""))
    swapped = good.replace("Where you are.", "X").replace("The first step.", "Where you are.")
    assert summary_problems(swapped.replace("X", "The first step."))


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_quotes_an_employee_and_names_their_role(level: int) -> None:
    assert quote_problems(level_page(level)) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_has_exit_criteria(level: int) -> None:
    assert exit_criteria_problems(level_page(level), level) == []


# -------------------------------------------------- the checks catch broken content


def sample_level_page(level: int, words: int = MIN_LEVEL_WORDS) -> str:
    """A minimal page that satisfies every level-page check (with the default word count)."""
    filler = " ".join(["word"] * words)
    ids = TOP_LEVEL_H2_IDS if level == TOP_LEVEL else LEVEL_H2_IDS
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
        if heading_id == "exit-criteria":
            wording = (
                f"You are holding Level {level}"
                if level == TOP_LEVEL
                else f"You have reached Level {level + 1}"
            )
            parts += [f"{wording} when:", ""] + [
                f"- Sign {n} holds for a quarter." for n in range(4)
            ]
        parts.append("")
    return "\n".join(parts)


@pytest.mark.parametrize("level", [LEVEL_NUMBERS[0], TOP_LEVEL])
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
    macro = text.replace("# Level 3: Sample name", "# {{ level_title(3) }}")
    assert level_title_length_checklist_problems(macro, 3) == []
    assert level_title_length_checklist_problems(macro, 4)
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


@pytest.mark.parametrize("level", [LEVEL_NUMBERS[1], TOP_LEVEL])
def test_exit_criteria_check_rejects_missing_wrong_or_thin_criteria(level: int) -> None:
    text = sample_level_page(level)
    assert exit_criteria_problems(text, level) == []
    assert exit_criteria_problems(text, level - 1)  # names the wrong level
    without = text.replace("## Exit Criteria {#exit-criteria}", "## Exit Criteria")
    assert exit_criteria_problems(without, level)
    assert level_structure_problems(without, level)
    assert exit_criteria_problems(text.replace("- Sign 3 holds for a quarter.\n", ""), level)
