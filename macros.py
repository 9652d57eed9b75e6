"""mkdocs-macros module: the build-time bridge between the ``quiz`` package and the pages.

It stays thin on purpose: the question bank, scoring rule and their explanation all live in
``quiz/``. A malformed question bank fails the build with the loader's message, which names the
file, the question and the field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from quiz import BankError, load_bank
from quiz.calibration import VALIDATION, load_organisations, load_personas
from quiz.explain import scoring_rules_markdown
from quiz.form import render_form
from quiz.loader import forget_cached_banks

#: Reading five short statements and picking one takes about this long (timed on the bank).
SECONDS_PER_QUESTION = 24

#: Regression organisations written with earlier rules; the tests and the scoring page use it.
PERSONAS = Path(__file__).parent / "tests" / "data" / "personas.toml"
#: The validation set: organisations described before their answers were fixed.
ORGANISATIONS = Path(__file__).parent / VALIDATION


def define_env(env: Any) -> None:
    """Register the macros the assessment pages use."""
    # Each build (and each live reload of `make serve`) reads the bank's file afresh.
    forget_cached_banks()
    # EX_QUIZ_BANK lets a maintainer (or a test) build the site against another bank file.
    try:
        bank = load_bank(os.environ.get("EX_QUIZ_BANK") or None)
    except BankError as error:
        raise PluginError(f"The question bank is invalid: {error}") from None
    env.variables["quiz_bank"] = bank

    @env.macro  # type: ignore[untyped-decorator]
    def assessment_form() -> str:
        """The assessment's question form (static HTML)."""
        return render_form(bank)

    @env.macro  # type: ignore[untyped-decorator]
    def scoring_rules() -> str:
        """The "How scoring works" page body, generated from the scorer's data and code."""
        try:
            personas = load_personas(PERSONAS, bank) if PERSONAS.is_file() else ()
            organisations = (
                load_organisations(ORGANISATIONS, bank) if ORGANISATIONS.is_file() else ()
            )
        except BankError as error:
            raise PluginError(f"The example organisations are invalid: {error}") from None
        return scoring_rules_markdown(bank, personas, organisations=organisations)

    @env.macro  # type: ignore[untyped-decorator]
    def useful_at(theme_id: str) -> str:
        """'**Useful at:** Level 1 and Level 2' for a conversation theme, linked, from the bank."""
        try:
            theme = bank.theme(theme_id)
        except KeyError:
            raise PluginError(f"useful_at: no theme '{theme_id}' in the question bank") from None
        links = [f"[Level {n}: {bank.level(n).name}]({bank.level(n).page})" for n in theme.levels]
        joined = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        return f"**Useful at:** {joined}"

    @env.macro  # type: ignore[untyped-decorator]
    def gate_names(level: int) -> str:
        """The areas a level needs (its gates in the bank), by name, for prose and tables."""
        try:
            gates = bank.gates(level)
        except KeyError:
            raise PluginError(f"gate_names: no level {level} in the question bank") from None
        names = [bank.dimension(area).name for area in gates]
        if not names:
            return "Nothing: every organisation starts here"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @env.macro  # type: ignore[untyped-decorator]
    def question_count() -> int:
        """How many questions the assessment asks."""
        return len(bank.questions)

    @env.macro  # type: ignore[untyped-decorator]
    def assessment_minutes() -> int:
        """About how long the assessment takes: some 24 seconds to read and answer a question."""
        return max(1, round(len(bank.questions) * SECONDS_PER_QUESTION / 60))

    @env.macro  # type: ignore[untyped-decorator]
    def dimension_count() -> int:
        """How many dimensions the assessment measures."""
        return len(bank.dimensions)
