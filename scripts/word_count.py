"""The words a reader sees on each published page of the playbook, and the level pages' budget.

Counts the text of each built page's article (what a reader scrolls through: headings, prose,
tables, the assessment's questions, generated sections such as "How scoring works"), leaving
out the permalink signs, the "edit this page" button, scripts and ``<noscript>`` notes. Every
Markdown file under ``docs/`` is a published page, in English (``levels/level-1.md``) or
translated (``levels/level-1.fr.md``, built under ``fr/``); each language is reported on its
own. The printable templates (``docs/forms/`` other than its index) are counted apart and left
out of each language's reader-facing total.

    .venv/bin/python scripts/word_count.py            # counts ./site, building it first if missing
    .venv/bin/python scripts/word_count.py --build    # builds the site afresh into a temp folder
    .venv/bin/python scripts/word_count.py --site DIR

Exits with status 1 when an English level page (the pages the question bank names for its
levels) has more than LEVEL_BUDGET words, or when a translated page has more than
TRANSLATION_RATIO times the words of its English page.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quiz import load_bank  # noqa: E402  (the project's package, from the checkout)
from quiz.build import languages, page_language, source_page  # noqa: E402

DOCS = ROOT / "docs"
TEMPLATES = "forms/"
LEVEL_BUDGET = 1600
#: The most words a translated page may have, as a multiple of its English page's. French
#: says the same in 15 to 25 % more words than English; the site's French pages measure 1.02
#: to 1.22 times their English page (level pages 1.16 to 1.21). 1.3 leaves a translator room
#: for that and no more: a page past it says more than its English page, or says it at length.
TRANSLATION_RATIO = 1.3
#: A word: letters or digits in any script ("équipe" is one word, not "quipe"), with the
#: apostrophes and hyphens inside it ("reader's", "two-minute", "l'équipe").
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
SKIPPED_TAGS = {"script", "style", "noscript", "template"}
SKIPPED_CLASSES = {"headerlink", "md-content__button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ArticleText(HTMLParser):
    """The text inside the page's <article>, without the parts a reader does not read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: is it skipped?
        self._article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self._stack.append(skipped)
        if tag == "article":
            self._article_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self._stack:
            return
        self._stack.pop()
        if tag == "article":
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._article_depth and not any(self._stack):
            self.parts.append(data)


def article_words(html: str) -> int:
    """How many words a reader sees in a built page's article."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return len(WORD.findall(" ".join(parser.parts)))


def built_page(site_dir: Path, source: str) -> Path:
    """The built HTML file of a docs-relative Markdown page (directory URLs); a translation
    (``levels/level-1.fr.md``) is built under its language's folder (``fr/levels/level-1/``)."""
    language = page_language(source)
    stem = source_page(source).removesuffix(".md")
    folder = site_dir / language if language else site_dir
    if stem == "index" or stem.endswith("/index"):
        return folder / stem.removesuffix("index") / "index.html"
    return folder / stem / "index.html"


@dataclass(frozen=True)
class PageCount:
    page: str
    words: int
    template: bool
    level: int | None
    #: The language the page is written in (``en``, ``fr``).
    language: str
    #: The most words it may have: an English level page's budget, a translation's English
    #: page's words times TRANSLATION_RATIO; None for a page without one.
    budget: int | None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.words > self.budget


def level_pages() -> dict[str, int]:
    """The question bank's level pages and their numbers."""
    return {level.page: level.number for level in load_bank().levels}


def translation_budget(english_words: int) -> int:
    """The most words a translation of a page of ``english_words`` may have."""
    return int(english_words * TRANSLATION_RATIO)


def page_counts(site_dir: Path) -> list[PageCount]:
    """Every published page's reader-facing word count: the English pages in source order,
    then each other language's."""
    levels = level_pages()
    first = languages()[0]
    english: dict[str, int] = {}
    counts = []
    pages = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    for page in sorted(pages, key=lambda page: page_language(page) or ""):
        html = built_page(site_dir, page).read_text(encoding="utf-8")
        words = article_words(html)
        source = source_page(page)
        language = page_language(page) or first
        template = source.startswith(TEMPLATES) and source != f"{TEMPLATES}index.md"
        level = levels.get(source)
        if language == first:
            english[source] = words
            budget = LEVEL_BUDGET if level is not None else None
        else:  # a page written in this language only has no English page to measure by
            budget = translation_budget(english[source]) if source in english else None
        counts.append(PageCount(page, words, template, level, language, budget))
    return counts


def _note(count: PageCount) -> str:
    notes = ["template (not in the total)"] if count.template else []
    state = "OVER" if count.over_budget else "within"
    if count.budget is not None and count.language == languages()[0]:
        notes.append(f"level page: {state} the {LEVEL_BUDGET:,}-word budget")
    elif count.budget is not None:
        notes.append(
            f"{state} {TRANSLATION_RATIO} times its English page's words ({count.budget:,})"
        )
    return "; ".join(notes)


def report(counts: list[PageCount]) -> str:
    """For each language, a Markdown table of its pages, then its totals."""
    lines: list[str] = []
    for language in dict.fromkeys(count.language for count in counts):
        mine = [count for count in counts if count.language == language]
        lines += [
            f"## Pages in '{language}'",
            "",
            "| Page | Words | Note |",
            "| --- | ---: | --- |",
        ]
        lines += [f"| {c.page} | {c.words:,} | {_note(c)} |" for c in mine]
        readers = sum(c.words for c in mine if not c.template)
        templates = sum(c.words for c in mine if c.template)
        lines += [
            "",
            f"Reader-facing total in '{language}' (published pages without the templates):"
            f" {readers:,} words",
            f"Templates in '{language}': {templates:,} words",
            "",
        ]
    return "\n".join(lines).rstrip("\n")


def build(site_dir: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site_dir),
        ],
        cwd=ROOT,
        # Material's end-of-life notice: silenced as in the Makefile (maintainers/platform.md).
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site")
    parser.add_argument("--build", action="store_true", help="build afresh into a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.site
        if args.build:
            site_dir = Path(scratch) / "site"
            build(site_dir)
        elif not (site_dir / "index.html").is_file():
            build(site_dir)
        counts = page_counts(site_dir)
    print(report(counts))
    over = [c.page for c in counts if c.over_budget]
    if over:
        print(
            f"Over budget (an English level page past {LEVEL_BUDGET:,} words, a translation"
            f" past {TRANSLATION_RATIO} times its English page's words): {', '.join(over)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
