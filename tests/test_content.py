"""Content checks for the Markdown sources in docs/ and the pages built from them.

These pin down what the site promises beyond what ``mkdocs build --strict`` checks. MkDocs
already validates every link and #anchor (``validation:`` in mkdocs.yml, with ``strict: true``),
so nothing here re-checks links. What is checked here: the level pages' structure (sections in
order, exit criteria, checklist, quote), that each level page's conversations match the question
bank's theme tags, that the metrics glossary's "Where it comes up" column names exactly the level
pages whose metrics sections list each metric, the conversations page's themes (the bank's, in
its order), the templates' fields, a description of its own for every page, and the
social-sharing tags of the built pages.

Every check is a function that takes text and returns a list of problems, so the checks are
also exercised on small broken samples.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from quiz import load_bank
from quiz.build import site

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

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

BANK = load_bank()
#: The level numbers, lowest first, and the top level, whose page has sections of its own.
LEVEL_NUMBERS = [level.number for level in BANK.levels]
TOP_LEVEL = LEVEL_NUMBERS[-1]
#: The conversation themes, in the bank's order (the conversations page's order).
THEME_IDS = [theme.id for theme in BANK.themes]
MIN_PROMPTS_PER_THEME = 2

FORMS = DOCS / "forms"
TEMPLATE_PAGES = sorted(p for p in FORMS.glob("*.md") if p.name != "index.md")
REQUIRED_TEMPLATE_FIELDS = ("owner", "date", "metric")
FORM_CONTROLS = {"input", "textarea", "select"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}

# Pages this branch may not edit that still fall back to the site-wide description. Remove an
# entry once its page has a `description:` of its own; from then on the rules apply to it too.
PENDING_OWN_DESCRIPTION: set[str] = set()

ID_HEADING = re.compile(r"^(#{2,3}) (.*?) \{ ?#([a-z0-9-]+) ?\}\s*$")
ANY_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] \S")
BULLET = re.compile(r"^ {0,3}[-*+] +(\S.*)$")
BLOCKQUOTE = re.compile(r"^\s*> ?\S")
ROLE_LINE = re.compile(r"^\s*> —|—")
CONVERSATION_LINK = re.compile(r"\]\(\.\./conversations\.md#([a-z0-9-]+)\)")
USEFUL_AT = re.compile(r"""\{\{\s*useful_at\(\s*["']([a-z0-9-]+)["']\s*\)\s*\}\}""")
METRIC_LINK = re.compile(r"\]\(\.\./metrics\.md#([a-z0-9-]+)\)")
GLOSSARY_ROW = re.compile(r"^\|\s*\[[^\]]+\]\(#([a-z0-9-]+)\)\s*\|")
GLOSSARY_LEVEL_LINK = re.compile(r"\[Level (\d+)\]\(([^)#\s]+)#metrics\)")
GLOSSARY_TABLES = ("customer-metrics", "employee-metrics")


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


def front_matter(text: str) -> dict[str, object]:
    """The page's YAML front matter, or {} when it has none."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            data = yaml.safe_load(text[4:end])
            return data if isinstance(data, dict) else {}
    return {}


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


def glossary_usage_problems(glossary: str, levels: dict[int, tuple[str, str]]) -> list[str]:
    """The glossary's "Where it comes up" cells name exactly the level pages listing each metric.

    ``levels`` maps a level number to its page path (relative to docs/) and its text. A metric is
    an H3 under the glossary's customer or employee metrics section; its row in that section's
    table must link ``[Level N](<page>#metrics)`` for every level page whose "Metrics to use at
    this level" section lists the metric in a bullet, and for no other, one link per level (no
    ranges). Links in the section's prose, such as "NPS belongs to the next level", don't count.
    """
    problems: list[str] = []
    metrics: list[str] = []
    rows: dict[str, set[int]] = {}
    for table in GLOSSARY_TABLES:
        metrics += h3_ids_in(glossary, table)
        for line in section(glossary, table):
            row = GLOSSARY_ROW.match(line)
            if not row:
                continue
            cell = line.strip().strip("|").split("|")[-1]
            links = GLOSSARY_LEVEL_LINK.findall(cell)
            rows[row.group(1)] = {int(number) for number, _ in links}
            problems += [
                f"{row.group(1)}: 'Level {number}' links to {path}, not that level's page"
                for number, path in links
                if levels.get(int(number), ("", ""))[0] != path
            ]
            if rest := re.sub(r"[\s,]|\band\b", "", GLOSSARY_LEVEL_LINK.sub("", cell)):
                problems.append(
                    f"{row.group(1)}: 'Where it comes up' has more than links: {rest!r}"
                )
    used: dict[str, set[int]] = defaultdict(set)
    for number, (_, text) in sorted(levels.items()):
        for anchor in METRIC_LINK.findall("\n".join(list_items(section(text, "metrics")))):
            if anchor in metrics:
                used[anchor].add(number)
    problems += [
        f"{metric}: no row in the glossary's tables" for metric in metrics if metric not in rows
    ]
    problems += [
        f"{anchor}: row in the glossary's tables but no section"
        for anchor in rows
        if anchor not in metrics
    ]
    for metric in metrics:
        said, listed = sorted(rows.get(metric, set())), sorted(used[metric])
        if metric in rows and said != listed:
            problems.append(
                f"{metric}: the glossary says it comes up at Levels {said}, "
                f"but it is listed in the metrics sections of Levels {listed}"
            )
    return problems


class _FormControls(HTMLParser):
    """Form controls and labels in a page's raw HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag in FORM_CONTROLS:
            self.controls.append({"tag": tag, **values})
        elif tag == "label" and values.get("for"):
            self.label_for.add(values["for"])


def template_field_problems(text: str) -> list[str]:
    """A template has an owner, a date and a metric field, and every field has a label."""
    parser = _FormControls()
    parser.feed("\n".join(prose_lines(text)))
    problems = []
    names = {control.get("name") for control in parser.controls}
    problems += [f"no '{name}' field" for name in REQUIRED_TEMPLATE_FIELDS if name not in names]
    dates = [c for c in parser.controls if c.get("name") == "date"]
    if dates and dates[0].get("type") != "date":
        problems.append("the 'date' field is not a date input")
    ids = [control["id"] for control in parser.controls if control.get("id")]
    if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"field ids used twice: {duplicates}")
    for control in parser.controls:
        if control.get("type") in UNLABELLED_INPUT_TYPES:
            continue
        labelled = control.get("id") in parser.label_for or control.get("aria-label", "").strip()
        if not labelled:
            problems.append(
                f"{control['tag']} {control.get('name') or control.get('id')!r} has no label"
            )
    return problems


def description_problems(
    descriptions: dict[str, str | None],
    site_description: str,
    pending: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """Every page has a description of its own, and no two pages share one."""
    problems = [
        f"{page}: no description in its front matter"
        for page, description in sorted(descriptions.items())
        if not description and page not in pending
    ]
    users: dict[str, list[str]] = defaultdict(list)
    for page, description in sorted(descriptions.items()):
        if page in pending and not description:
            continue
        users[" ".join((description or "").split())].append(page)
    problems += [
        f"pages share a description: {pages}" for text, pages in users.items() if len(pages) > 1
    ]
    fallback = " ".join(site_description.split())
    problems += [
        f"{pages}: same description as the whole site"
        for text, pages in users.items()
        if text == fallback
    ]
    return problems


# ----------------------------------------------------------------------- site tests


def level_page(level: int) -> str:
    return (DOCS / BANK.level(level).page).read_text(encoding="utf-8")


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


def test_conversations_page_has_the_banks_themes_in_order_with_question_prompts() -> None:
    assert conversation_problems((DOCS / "conversations.md").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_has_exit_criteria(level: int) -> None:
    assert exit_criteria_problems(level_page(level), level) == []


@pytest.mark.parametrize("level", LEVEL_NUMBERS)
def test_level_page_conversations_match_the_bank_theme_tags(level: int) -> None:
    theme_levels = {theme.id: theme.levels for theme in load_bank().themes}
    assert level_conversation_problems(level_page(level), level, theme_levels) == []


def level_pages_by_number() -> dict[int, tuple[str, str]]:
    return {
        level.number: (level.page, (DOCS / level.page).read_text(encoding="utf-8"))
        for level in load_bank().levels
    }


def test_metrics_glossary_names_the_levels_whose_metrics_sections_list_each_metric() -> None:
    glossary = (DOCS / "metrics.md").read_text(encoding="utf-8")
    assert glossary_usage_problems(glossary, level_pages_by_number()) == []


def test_conversations_page_renders_each_themes_levels_from_the_bank() -> None:
    assert useful_at_problems((DOCS / "conversations.md").read_text(encoding="utf-8")) == []


def test_there_are_four_templates() -> None:
    assert [p.stem for p in TEMPLATE_PAGES] == [
        "business-case",
        "listening-plan",
        "team-cx-goal",
        "workshop-agenda",
    ]


@pytest.mark.parametrize("page", TEMPLATE_PAGES, ids=lambda p: p.stem)
def test_template_has_owner_date_and_metric_fields_all_labelled(page: Path) -> None:
    assert template_field_problems(page.read_text(encoding="utf-8")) == []


def site_description() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_description: >-\n((?:  .*\n)+)", text, re.MULTILINE)
    assert match, "mkdocs.yml has no folded site_description"
    return " ".join(match.group(1).split())


def test_every_page_has_a_description_of_its_own() -> None:
    descriptions: dict[str, str | None] = {}
    for page in sorted(DOCS.rglob("*.md")):
        value = front_matter(page.read_text(encoding="utf-8")).get("description")
        descriptions[page.relative_to(DOCS).as_posix()] = str(value) if value else None
    assert len(descriptions) >= 15
    assert description_problems(descriptions, site_description(), PENDING_OWN_DESCRIPTION) == []


class _HeadTags(HTMLParser):
    """The <title>, meta tags and canonical link of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head_tags(html: str) -> _HeadTags:
    parser = _HeadTags()
    parser.feed(html)
    return parser


SOCIAL_TAGS = ["og:title", "og:description", "og:url", "og:image", "twitter:card", "twitter:image"]


def social_tag_problems(html: str, site_dir: Path, site_url: str) -> list[str]:
    """Open Graph and Twitter tags that match the page and point at an image the site serves."""
    tags = head_tags(html)
    problems = [f"no {name}" for name in SOCIAL_TAGS if not tags.meta.get(name)]
    if problems:
        return problems
    if tags.meta["og:description"] != tags.meta.get("description"):
        problems.append("og:description differs from the meta description")
    if tags.meta.get("twitter:description") != tags.meta["og:description"]:
        problems.append("twitter:description differs from og:description")
    if not tags.canonical or tags.meta["og:url"] != tags.canonical:
        problems.append(
            f"og:url {tags.meta['og:url']!r} is not the canonical URL {tags.canonical!r}"
        )
    if tags.meta["twitter:card"] != "summary_large_image":
        problems.append("twitter:card is not summary_large_image")
    for name in ["og:image", "twitter:image"]:
        image = tags.meta[name]
        if not image.startswith(site_url):
            problems.append(f"{name} {image!r} is not served by the site ({site_url})")
        elif not (site_dir / urlsplit(image).path.removeprefix(urlsplit(site_url).path)).is_file():
            problems.append(f"{name} {image!r} is not in the built site")
    return problems


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("index.html"))


def test_every_built_page_has_social_tags(site_dir: Path) -> None:
    pages = built_pages(site_dir)
    assert len(pages) >= 15
    problems = [
        f"{page.relative_to(site_dir)}: {problem}"
        for page in pages
        for problem in social_tag_problems(page.read_text("utf-8"), site_dir, site().url)
    ]
    assert problems == []


def test_no_two_built_pages_share_a_description(site_dir: Path) -> None:
    users: dict[str, list[str]] = defaultdict(list)
    for page in built_pages(site_dir):
        users[head_tags(page.read_text("utf-8")).meta.get("description", "")].append(
            page.parent.relative_to(site_dir).as_posix()
        )
    pending = {p.removesuffix(".md").removesuffix("/index") for p in PENDING_OWN_DESCRIPTION}
    shared = {
        text: pages for text, pages in users.items() if len(pages) > 1 and not set(pages) <= pending
    }
    assert shared == {}


def test_404_page_has_a_real_title(site_dir: Path) -> None:
    assert head_tags((site_dir / "404.html").read_text("utf-8")).title.strip() == (
        f"Page not found - {site().name}"
    )


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


def test_conversation_check_rejects_reordered_themes_and_missing_questions() -> None:
    theme = "What it is for.\n\n- First question?\n- A question wrapped\n  over two lines?\n"
    first, third, last = THEME_IDS[0], THEME_IDS[2], len(THEME_IDS) - 1
    good = "# EX-CX conversations\n\n## The themes {#themes}\n\n" + "\n".join(
        f"### Theme {i} {{#{theme_id}}}\n\n{theme}" for i, theme_id in enumerate(THEME_IDS)
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
    assert conversation_problems(
        good.replace(f"### Theme {last} {{#{THEME_IDS[last]}}}", f"### Theme {last}")
    )


@pytest.mark.parametrize("level", [LEVEL_NUMBERS[1], TOP_LEVEL])
def test_exit_criteria_check_rejects_missing_wrong_or_thin_criteria(level: int) -> None:
    text = sample_level_page(level)
    assert exit_criteria_problems(text, level) == []
    assert exit_criteria_problems(text, level - 1)  # names the wrong level
    without = text.replace("## Exit Criteria {#exit-criteria}", "## Exit Criteria")
    assert exit_criteria_problems(without, level)
    assert level_structure_problems(without, level)
    assert exit_criteria_problems(text.replace("- Sign 3 holds for a quarter.\n", ""), level)


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


def sample_where(*levels: int) -> str:
    return ", ".join(f"[Level {n}](levels/level-{n}.md#metrics)" for n in levels)


SAMPLE_GLOSSARY = f"""# Metrics

## Customer metrics {{#customer-metrics}}

| Metric | What it tells you | Data source | Where it comes up |
| --- | --- | --- | --- |
| [CSAT](#csat) | Satisfaction | Survey | {sample_where(1, 2)} |

### CSAT {{#csat}}

How satisfied customers were.

## Employee metrics {{#employee-metrics}}

| Metric | What it tells you | Data source | Where it comes up |
| --- | --- | --- | --- |
| [eNPS](#employee-nps) | Advocacy | Survey | {sample_where(2)} |

### eNPS {{#employee-nps}}

How willing employees are to recommend you.

## Joining data {{#joining}}

Team by team.
"""


def sample_levels(extra: str = "") -> dict[int, tuple[str, str]]:
    """Level 1 lists CSAT (and mentions eNPS in prose); Level 2 lists CSAT, eNPS and a non-metric
    anchor; Level 3 links CSAT only outside its metrics section. Only the bullets count."""
    metrics = {
        1: "- [CSAT](../metrics.md#csat): starter.\n" + extra + "\n"
        "[eNPS](../metrics.md#employee-nps) comes later.\n",
        2: "- [CSAT](../metrics.md#csat)\n- [eNPS](../metrics.md#employee-nps)\n"
        "- [Joining](../metrics.md#joining)\n",
        3: "- Nothing from the glossary.\n",
    }
    return {
        n: (
            f"levels/level-{n}.md",
            f"## Take action {{#take-action}}\n\nUse [CSAT](../metrics.md#csat).\n\n"
            f"## Metrics {{#metrics}}\n\n{body}\n## Checklist {{#checklist}}\n\n- [ ] Do it.\n",
        )
        for n, body in metrics.items()
    }


def test_glossary_usage_check_accepts_matching_rows_and_rejects_mismatches() -> None:
    good = SAMPLE_GLOSSARY
    assert glossary_usage_problems(good, sample_levels()) == []
    level_2 = "[Level 2](levels/level-2.md#metrics)"
    assert glossary_usage_problems(good.replace(", " + level_2, ""), sample_levels())  # missing
    assert glossary_usage_problems(  # a level whose metrics section does not list it
        good.replace(f"| {level_2} |", f"| {level_2}, [Level 3](levels/level-3.md#metrics) |"),
        sample_levels(),
    )
    assert glossary_usage_problems(good, sample_levels("- [eNPS](../metrics.md#employee-nps)\n"))
    assert glossary_usage_problems(good.replace(", " + level_2, " to " + level_2), sample_levels())
    assert glossary_usage_problems(
        good.replace(
            level_2 + " |\n\n### CSAT", "[Level 2](levels/level-1.md#metrics) |\n\n### CSAT"
        ),
        sample_levels(),
    )
    no_enps_row = "\n".join(line for line in good.splitlines() if "(#employee-nps)" not in line)
    assert glossary_usage_problems(no_enps_row, sample_levels())


# planted: the cells the review found, a negative case on today's glossary and level pages
OLD_WHERE_CELLS = {
    "nps": "[Level 2](levels/level-2.md#metrics) to [Level 5](levels/level-5.md#metrics)",
    "csat": "[Level 1](levels/level-1.md#metrics), [Level 3](levels/level-3.md#metrics)",
    "ces": "[Level 1](levels/level-1.md#metrics), [Level 2](levels/level-2.md#metrics)",
    "retention-rate": "[Level 2](levels/level-2.md#metrics), [Level 4](levels/level-4.md#metrics)",
}


@pytest.mark.parametrize("metric", OLD_WHERE_CELLS)
def test_glossary_usage_check_rejects_the_cells_the_review_found_incomplete(metric: str) -> None:
    lines = (DOCS / "metrics.md").read_text(encoding="utf-8").splitlines()
    row = next(
        i
        for i, line in enumerate(lines)
        if GLOSSARY_ROW.match(line) and f"](#{metric})" in line.split("|")[1]
    )
    lines[row] = (
        lines[row][: lines[row].rstrip(" |").rindex("|") + 1] + f" {OLD_WHERE_CELLS[metric]} |"
    )
    problems = glossary_usage_problems("\n".join(lines), level_pages_by_number())
    assert [problem for problem in problems if problem.startswith(f"{metric}:")]


def test_template_check_wants_labelled_owner_date_and_metric_fields() -> None:
    good = (
        "# A template\n\n<div>\n"
        '<label for="x-owner">Owner</label><input type="text" id="x-owner" name="owner">\n'
        '<label for="x-date">Date</label><input type="date" id="x-date" name="date">\n'
        '<label for="x-metric">Metric</label><textarea id="x-metric" name="metric"></textarea>\n'
        '<td><input type="text" id="x-row" name="row" aria-label="Row 1: owner"></td>\n'
        "</div>\n"
    )
    assert template_field_problems(good) == []
    assert template_field_problems(good.replace('name="metric"', 'name="measure"'))
    assert template_field_problems(
        good.replace('type="date" id="x-date"', 'type="text" id="x-date"')
    )
    assert template_field_problems(good.replace('<label for="x-owner">Owner</label>', ""))
    assert template_field_problems(good.replace(' aria-label="Row 1: owner"', ""))
    assert template_field_problems(good.replace('id="x-row"', 'id="x-owner"'))
    assert template_field_problems("```html\n" + good + "\n```\n")  # fields in a code block


def test_description_check_rejects_missing_shared_or_site_wide_descriptions() -> None:
    site = "The whole site."
    good = {"a.md": "Page A.", "b.md": "Page B.", "c.md": None}
    assert description_problems(good, site, {"c.md"}) == []
    assert description_problems(good, site)  # c.md has none and is not pending
    assert description_problems({**good, "b.md": "Page  A."}, site, {"c.md"})
    assert description_problems({**good, "b.md": "The whole  site."}, site, {"c.md"})


def test_social_tag_check_rejects_missing_mismatched_or_foreign_tags(tmp_path: Path) -> None:
    site_url = "https://example.org/book/"
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "card.png").write_bytes(b"png")
    good = (
        '<head><meta name="description" content="About A.">'
        '<link rel="canonical" href="https://example.org/book/a/">'
        '<meta property="og:title" content="A"><meta property="og:description" content="About A.">'
        '<meta property="og:url" content="https://example.org/book/a/">'
        '<meta property="og:image" content="https://example.org/book/assets/card.png">'
        '<meta name="twitter:card" content="summary_large_image">'
        '<meta name="twitter:description" content="About A.">'
        '<meta name="twitter:image" content="https://example.org/book/assets/card.png"></head>'
    )
    assert social_tag_problems(good, tmp_path, site_url) == []
    assert social_tag_problems(
        good.replace('property="og:title"', 'property="og:name"'), tmp_path, site_url
    )
    assert social_tag_problems(
        good.replace('content="About A.">', 'content="About B.">', 1), tmp_path, site_url
    )
    assert social_tag_problems(good.replace('book/a/">', 'book/b/">', 1), tmp_path, site_url)
    assert social_tag_problems(
        good.replace("https://example.org/book/assets", "https://cdn.example.com"),
        tmp_path,
        site_url,
    )
    assert social_tag_problems(good.replace("card.png", "missing.png"), tmp_path, site_url)
    assert social_tag_problems(good.replace("summary_large_image", "summary"), tmp_path, site_url)
