"""The words a reader sees on each published page of the playbook, and the level pages' budget.

Counts the text of each built page's article (what a reader scrolls through: headings, prose,
tables, the assessment's questions, generated sections such as "How scoring works"), leaving
out the permalink signs, the "edit this page" button, scripts and ``<noscript>`` notes. Every
Markdown file under ``docs/`` is a published page; the printable templates (``docs/forms/``
other than its index) are counted apart and left out of the reader-facing total.

    .venv/bin/python scripts/word_count.py            # counts ./site, building it first if missing
    .venv/bin/python scripts/word_count.py --build    # builds the site afresh into a temp folder
    .venv/bin/python scripts/word_count.py --site DIR

Exits with status 1 when a level page (the pages the question bank names for its levels) has
more than LEVEL_BUDGET words.
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
DOCS = ROOT / "docs"
TEMPLATES = "forms/"
LEVEL_BUDGET = 1600
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
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
    """The built HTML file of a docs-relative Markdown page (directory URLs)."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem.removesuffix("index") / "index.html"
    return site_dir / stem / "index.html"


@dataclass(frozen=True)
class PageCount:
    page: str
    words: int
    template: bool
    level: int | None

    @property
    def over_budget(self) -> bool:
        return self.level is not None and self.words > LEVEL_BUDGET


def level_pages() -> dict[str, int]:
    """The question bank's level pages and their numbers."""
    sys.path.insert(0, str(ROOT))
    from quiz import load_bank

    return {level.page: level.number for level in load_bank().levels}


def page_counts(site_dir: Path) -> list[PageCount]:
    """Every published page's reader-facing word count, in source order."""
    levels = level_pages()
    counts = []
    for path in sorted(DOCS.rglob("*.md")):
        page = path.relative_to(DOCS).as_posix()
        html = built_page(site_dir, page).read_text(encoding="utf-8")
        template = page.startswith(TEMPLATES) and page != f"{TEMPLATES}index.md"
        counts.append(PageCount(page, article_words(html), template, levels.get(page)))
    return counts


def report(counts: list[PageCount]) -> str:
    """A Markdown table of every page, then the level pages and the totals."""
    lines = ["| Page | Words | Note |", "| --- | ---: | --- |"]
    for count in counts:
        note = "template (not in the total)" if count.template else ""
        if count.level is not None:
            state = "OVER" if count.over_budget else "within"
            note = f"level page: {state} the {LEVEL_BUDGET:,}-word budget"
        lines.append(f"| {count.page} | {count.words:,} | {note} |")
    readers = sum(c.words for c in counts if not c.template)
    templates = sum(c.words for c in counts if c.template)
    lines += [
        "",
        f"Reader-facing total (published pages without the templates): {readers:,} words",
        f"Templates: {templates:,} words",
    ]
    return "\n".join(lines)


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
        print(f"Over the {LEVEL_BUDGET:,}-word budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
