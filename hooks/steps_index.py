"""MkDocs hook: the level pages' steps, as a JSON file for the result panel's plan.

The result panel's "Your plan" lists, for each area the reader picks, the steps of the section
its ``guide`` points to (a level page and a section's anchor, such as ``#step-1``). Those words
live in the level pages, so this hook reads them from the rendered pages instead of copying
them. For every section of a level page (the pages the question bank names for its levels)
whose heading has an id, it keeps the heading and the lead of each item of the section's
numbered lists: the bold words that open the item (ended with a full stop if they run on into
the item), or else its first sentence. A section with
no numbered list but a table (the Level 5 rhythm) gets one line per row instead.

After the build it writes ``assets/steps.json``::

    {"<level page>.md#step-1": {"title": "Step 1: Give every department a customer goal",
                                "steps": ["Talk about the whole journey.", ...]}, ...}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz.build import BuildContext, build_context, source_page

OUTPUT = "assets/steps.json"
HEADINGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BLOCKS = {"ul", "ol", "div", "table", "blockquote", "pre", "details"}
SENTENCE = re.compile(r"(.+?[.!?])(?=\s|$)", re.S)

_sections: dict[str, dict[str, object]] = {}
_pages: set[str] = set()


@dataclass
class Node:
    """An element of a parsed page, or a piece of text (``tag`` empty)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def elements(self) -> list[Node]:
        return [child for child in self.children if child.tag]


class _TreeBuilder(HTMLParser):
    """A small, forgiving HTML tree builder (enough for Python-Markdown's output)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("", text=data))


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _raw_text(node: Node, skip_blocks: bool) -> str:
    if not node.tag:
        return node.text
    if "headerlink" in node.attrs.get("class", "").split():
        return ""
    return "".join(
        _raw_text(child, skip_blocks)
        for child in node.children
        if not (skip_blocks and child.tag in BLOCKS)
    )


def text_of(node: Node, *, skip_blocks: bool = False) -> str:
    """The node's text, whitespace collapsed; permalinks left out, nested blocks too if asked."""
    return " ".join(_raw_text(node, skip_blocks).split())


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = SENTENCE.match(text)
    return match.group(1) if match else text


def item_lead(item: Node) -> str:
    """The bold words that open a list item (with the sentence after them when they are only a
    label ending in a colon), or else its first sentence."""
    holder = item
    first = next((c for c in item.children if c.tag or c.text.strip()), None)
    if first is not None and first.tag == "p":
        holder = first
    opening = next((c for c in holder.children if c.tag or c.text.strip()), None)
    whole = text_of(holder, skip_blocks=True)
    if opening is not None and opening.tag in {"strong", "b"}:
        lead = text_of(opening)
        if lead.endswith(":"):  # a label ("Purpose:"): the sentence after it is the step
            return f"{lead} {first_sentence(whole[len(lead) :])}".strip()
        if lead:
            # A lead phrase that runs on into the item ("Pick a metric and report it") is
            # still a whole step in the plan: end it like the others.
            return lead if lead.endswith((".", "!", "?")) else f"{lead.rstrip(',;')}."
    return first_sentence(whole)


def table_rows(table: Node) -> list[str]:
    """One line per body row: "first cell: first sentence of the second"."""
    rows = []
    for part in table.elements():
        body = part.elements() if part.tag in {"tbody", "thead"} else [part]
        if part.tag == "thead":
            continue
        for row in body:
            if row.tag != "tr":
                continue
            cells = [text_of(cell) for cell in row.elements() if cell.tag in {"td", "th"}]
            if len(cells) >= 2:
                rows.append(f"{cells[0]}: {first_sentence(cells[1])}")
            elif cells:
                rows.append(first_sentence(cells[0]))
    return rows


def page_steps(html: str) -> dict[str, dict[str, object]]:
    """``{anchor: {"title", "steps"}}`` for each section of a page whose heading has an id and
    that holds steps (a numbered list, or else a table)."""
    found: dict[str, tuple[str, list[str], list[str]]] = {}
    open_sections: list[tuple[int, str]] = []
    for node in parse(html).elements():
        level = HEADINGS.get(node.tag)
        if level is not None:
            open_sections = [(lv, anchor) for lv, anchor in open_sections if lv < level]
            anchor = node.attrs.get("id")
            if anchor:
                open_sections.append((level, anchor))
                found[anchor] = (text_of(node), [], [])
            continue
        if node.tag == "ol":
            leads = [item_lead(item) for item in node.elements() if item.tag == "li"]
            for _, anchor in open_sections:
                found[anchor][1].extend(lead for lead in leads if lead)
        elif node.tag == "table":
            rows = table_rows(node)
            for _, anchor in open_sections:
                found[anchor][2].extend(rows)
    return {
        anchor: {"title": title, "steps": items or rows}
        for anchor, (title, items, rows) in found.items()
        if items or rows
    }


def _level_pages(context: BuildContext) -> set[str]:
    banks = context.banks
    pages = {level.page for bank in banks for level in bank.levels}
    return pages | {step.link.partition("#")[0] for bank in banks for step in bank.steps}


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start each build (and each live reload) afresh."""
    _sections.clear()
    _pages.clear()
    _pages.update(_level_pages(build_context(config)))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Collect the steps of each level page."""
    del config, files
    if source_page(page.file.src_uri) in _pages:
        for anchor, section in page_steps(html).items():
            _sections[f"{source_page(page.file.src_uri)}#{anchor}"] = section
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the steps of every level page into the site."""
    language: dict[str, str] = config.extra.get("language") or {"prefix": ""}
    target = Path(config.site_dir) / language["prefix"] / OUTPUT  # each language its own
    target.parent.mkdir(parents=True, exist_ok=True)
    ordered = dict(sorted(_sections.items()))
    target.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
