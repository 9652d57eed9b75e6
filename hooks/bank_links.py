"""MkDocs hook: every link the question bank makes into the playbook must exist.

The bank (``quiz/bank.toml``, and the frozen ``quiz/bank_v1.toml`` that old result links
still use) points into the pages in three ways: each level's ``page``, each dimension's
``steps`` (the step that lifts it from each level) and each option's ``basis`` (the
level-page section the statement reflects). After the pages are rendered, this hook collects
the ids on every page and fails the build on a missing page or anchor, listing every broken
link at once, grouped by bank file, each naming the question or dimension and the field, and
saying what to do (when they all point at one anchor: put it back).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz import Bank
from quiz.build import build_context, source_page

_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_anchors: dict[str, set[str]] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start each build (and each live reload) with no anchors collected."""
    del config
    _anchors.clear()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Remember the ids on each page."""
    del config, files
    _anchors[source_page(page.file.src_uri)] = set(_ID.findall(html))
    return html


def _links(bank: Bank) -> Iterator[tuple[str, str, str]]:
    """(item, field, docs-relative link) for every link the bank makes."""
    for level in bank.levels:
        yield f"level {level.number}", "page", level.page
        for dimension_id, basis in level.gates.items():
            yield f"level {level.number}", f"gates.{dimension_id}", basis
    for position, step in enumerate(bank.steps, start=1):
        yield f"step #{position}", "link", step.link
    for dimension in bank.dimensions:
        for number, link in dimension.steps.items():
            yield f"dimension '{dimension.id}'", f"steps.{number}", link
    for question in bank.questions:
        for option in question.options:
            yield f"question '{question.id}' option {option.level}", "basis", option.basis


@dataclass(frozen=True)
class BrokenLink:
    """A bank link whose page or anchor does not exist."""

    item: str
    field: str
    link: str
    page_missing: bool

    @property
    def target(self) -> str:
        """What is missing: the page, or the page and anchor."""
        return self.link.partition("#")[0] if self.page_missing else self.link

    def __str__(self) -> str:
        page, _, anchor = self.link.partition("#")
        problem = (
            f"no page {page} for {self.link}"
            if self.page_missing
            else (f"{page} has no anchor #{anchor}")
        )
        return f"{self.item} field '{self.field}': {problem}"


def broken_links(bank: Bank, anchors: Mapping[str, set[str]]) -> list[BrokenLink]:
    """Every link of ``bank`` whose page or anchor does not exist, in the file's order."""
    broken: list[BrokenLink] = []
    for item, field, link in _links(bank):
        page, _, anchor = link.partition("#")
        if page not in anchors:
            broken.append(BrokenLink(item, field, link, page_missing=True))
        elif anchor and anchor not in anchors[page]:
            broken.append(BrokenLink(item, field, link, page_missing=False))
    return broken


def broken_links_report(
    current: Bank, frozen: Sequence[Bank], anchors: Mapping[str, set[str]]
) -> str:
    """Every broken link of the current bank and the frozen ones, one line each, grouped by
    file, and what to do about them ('' when every link works)."""
    found = [(bank, broken_links(bank, anchors)) for bank in (current, *frozen)]
    found = [(bank, links) for bank, links in found if links]
    if not found:
        return ""
    every = [link for _, links in found for link in links]
    lines = [
        f"The question bank has {_links_count(len(every))} to a page or heading that does not"
        " exist:"
    ]
    for bank, links in found:
        lines.append(f"{bank.source}, {_links_count(len(links), 'broken ')}:")
        lines.extend(f"  {link}" for link in links)
    frozen_broken = [bank.source for bank, _ in found if bank is not current]
    current_broken = found[0][0] is current
    lines.append(_advice(every, current.source if current_broken else "", frozen_broken))
    return "\n".join(lines)


def _links_count(count: int, kind: str = "") -> str:
    return f"{count} {kind}link{'' if count == 1 else 's'}"


def _advice(every: list[BrokenLink], current: str, frozen: list[str]) -> str:
    """What to do: put back the one anchor (or page) that every broken link points at, or
    each one; a frozen bank is never edited. ``current`` names the current bank if any of its
    links is broken, and ``frozen`` the frozen banks with a broken link."""
    targets = Counter(link.target for link in every)
    depend = "the question bank and result links that readers already have depend on"
    if len(targets) == 1:
        page, _, anchor = next(iter(targets)).partition("#")
        what = f"this heading's {{#{anchor}}} anchor on {page}" if anchor else page
        advice = f"If you renamed or removed {what}, put it back: {depend} it."
        if current and not frozen:
            advice += f" If it never existed, correct the link in {current}."
    else:
        missing = ", ".join(f"{target} ({count})" for target, count in targets.items())
        advice = (
            f"They point at: {missing}. If you renamed or removed any of these headings'"
            f" {{#...}} anchors or pages, put them back: {depend} them."
        )
        if current:
            advice += f" Correct any link in {current} that is simply wrong (see Links at its top)."
    for source in frozen:
        advice += f" {source} is frozen and must never be edited."
    return advice


def check_bank_links(
    current: Bank, frozen: Sequence[Bank], anchors: Mapping[str, set[str]]
) -> None:
    """Raise PluginError listing every bank link whose page or anchor does not exist."""
    report = broken_links_report(current, frozen, anchors)
    if report:
        raise PluginError(report)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Check the current bank and the frozen ones once every page is rendered."""
    del files
    context = build_context(config)
    check_bank_links(context.bank, list(context.frozen_banks), _anchors)
    return env
