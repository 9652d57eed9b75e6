"""MkDocs hook: the build stops when the question bank would change what published result
links mean (a question's number changed, or a question removed without retiring its number),
when a new question is missing from ``quiz/published.toml``, or when a frozen bank
(``quiz/bank_v1.toml``) was edited. See :mod:`quiz.published`.

Only the packaged bank is checked: a build against another bank file (``EX_QUIZ_BANK``, used
by the tests) has no published links.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quiz import BankError, load_bank
from quiz.published import frozen_problems, load_published, published_problems


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Every problem at once, one line each."""
    del config
    if os.environ.get("EX_QUIZ_BANK"):
        return
    try:
        problems = frozen_problems() + published_problems(load_bank(), load_published())
    except BankError as error:
        raise PluginError(str(error)) from None
    if problems:
        raise PluginError("\n".join(problems))
