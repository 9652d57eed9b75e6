"""MkDocs hook: every link the question bank makes into the playbook must exist.

The bank (``quiz/bank.toml``, and the frozen ``quiz/bank_v1.toml`` that old result links
still use) points into the pages in three ways: each level's ``page``, each dimension's
``steps`` (the step that lifts it from each level) and each option's ``basis`` (the
level-page section the statement reflects). After the pages are rendered, this hook collects
the ids on every page and fails the build on a missing page or anchor, naming the bank file,
the question or dimension and the field, so a maintainer knows exactly what to fix.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz import Bank, BankError, load_bank, load_packaged_bank

_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_anchors: dict[str, set[str]] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start each build (and each live reload) with no anchors collected."""
    del config
    _anchors.clear()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Remember the ids on each page."""
    del config, files
    _anchors[page.file.src_uri] = set(_ID.findall(html))
    return html


def _links(bank: Bank) -> Iterator[tuple[str, str, str]]:
    """(item, field, docs-relative link) for every link the bank makes."""
    for level in bank.levels:
        yield f"level {level.number}", "page", level.page
    for dimension in bank.dimensions:
        for number, link in dimension.steps.items():
            yield f"dimension '{dimension.id}'", f"steps.{number}", link
    for question in bank.questions:
        for option in question.options:
            yield f"question '{question.id}' option {option.level}", "basis", option.basis


def check_bank_links(bank: Bank, anchors: dict[str, set[str]]) -> None:
    """Raise PluginError for the first bank link whose page or anchor does not exist."""
    for item, field, link in _links(bank):
        page, _, anchor = link.partition("#")
        if page not in anchors:
            raise PluginError(f"{bank.source}: {item} field '{field}': no page {page} for {link}")
        if anchor and anchor not in anchors[page]:
            raise PluginError(
                f"{bank.source}: {item} field '{field}': {page} has no anchor #{anchor}"
            )


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Check the current bank and the frozen ones once every page is rendered."""
    del config, files
    try:
        banks = [load_bank(os.environ.get("EX_QUIZ_BANK") or None), load_packaged_bank(1)]
    except BankError as error:
        raise PluginError(f"The question bank is invalid: {error}") from None
    for bank in banks:
        check_bank_links(bank, _anchors)
    return env
