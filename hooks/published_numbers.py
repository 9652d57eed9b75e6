"""MkDocs hook: the build stops when the question bank would change what published result
links mean (a question's number changed, or a question removed without retiring its number),
when a new question is missing from ``quiz/published.toml``, or when a frozen bank
(``quiz/bank_v1.toml``) was edited. See :mod:`quiz.build`.

Only the packaged bank (``quiz/bank.toml``) is checked against the list: a site whose
``site.json`` names another bank file (``extra.bank``) keeps no published list of its own.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quiz.build import build_context, frozen_problems, load_published, published_problems
from quiz.errors import BankError


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Every problem at once, one line each."""
    try:
        context = build_context(config)
        if not context.packaged_bank:
            return
        problems = frozen_problems() + published_problems(context.bank, load_published())
    except BankError as error:
        raise PluginError(str(error)) from None
    if problems:
        raise PluginError("\n".join(problems))
