"""mkdocs-macros module: the build-time bridge between the ``quiz`` package and the pages.

It stays thin on purpose: the question bank, scoring rule and their explanation all live in
``quiz/``. A malformed question bank fails the build with the loader's message, which names the
file, the question and the field.
"""

from __future__ import annotations

from typing import Any

from quiz import load_bank
from quiz.explain import scoring_rules_markdown
from quiz.form import render_form


def define_env(env: Any) -> None:
    """Register the macros the assessment pages use."""
    bank = load_bank()
    env.variables["quiz_bank"] = bank

    @env.macro  # type: ignore[untyped-decorator]
    def assessment_form() -> str:
        """The assessment's question form (static HTML)."""
        return render_form(bank)

    @env.macro  # type: ignore[untyped-decorator]
    def scoring_rules() -> str:
        """The "How scoring works" page body, generated from the scorer's data and code."""
        return scoring_rules_markdown(bank)

    @env.macro  # type: ignore[untyped-decorator]
    def question_count() -> int:
        """How many questions the assessment asks."""
        return len(bank.questions)

    @env.macro  # type: ignore[untyped-decorator]
    def dimension_count() -> int:
        """How many dimensions the assessment measures."""
        return len(bank.dimensions)
