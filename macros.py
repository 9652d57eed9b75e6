"""mkdocs-macros module: the build-time bridge between the ``quiz`` package and the pages.

It stays thin on purpose: the question bank, scoring rule and their explanation all live in
``quiz/``. A malformed question bank fails the build with the loader's message, which names the
file, the question and the field. Each macro writes in the build's language (its theme's,
``theme.language`` in ``mkdocs.yml``), from the catalog's ``macros.*`` messages.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from typing import Any, Protocol, cast

from mkdocs.exceptions import PluginError

from quiz.build import build_context, in_language, render_form, scoring_rules_markdown
from quiz.build import team_rules as team_rule_sentences
from quiz.build import text as message
from quiz.errors import BankError

#: Reading five short statements and picking one takes about this long (timed on the bank).
SECONDS_PER_QUESTION = 24


class Register(Protocol):
    """Registers a macro with mkdocs-macros (see :func:`register`)."""

    def __call__[F: Callable[..., Any]](self, function: F, /) -> F: ...


def register(env: Any, language: str) -> Register:
    """A decorator that registers a macro, run in ``language`` whenever a page calls it."""

    def macro[F: Callable[..., Any]](function: F) -> F:
        @functools.wraps(function)
        def in_build_language(*args: Any, **kwargs: Any) -> Any:
            with in_language(language):
                return function(*args, **kwargs)

        env.macro(in_build_language)
        return cast(F, in_build_language)

    return macro


def joined(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C", in the language in use."""
    if len(names) == 1:
        return names[0]
    return message("build.list", items=", ".join(names[:-1]), last=names[-1])


def define_env(env: Any) -> None:
    """Register the macros the assessment pages use."""
    # Each build (and each live reload of `make serve`) reads the bank's file afresh, once: the
    # macros run first, and the hooks read the same context (the bank site.json names, so the
    # build, the hooks and the wheel agree).
    try:
        context = build_context(env.conf)
    except BankError as error:
        raise PluginError(f"The question bank is invalid: {error}") from None
    bank = context.bank
    env.variables["quiz_bank"] = bank
    macro = register(env, context.language)

    @macro
    def assessment_form() -> str:
        """The assessment's question form (static HTML)."""
        return render_form(bank)

    @macro
    def scoring_rules() -> str:
        """The "How scoring works" page body, generated from the scorer's data and code."""
        try:
            personas, organisations = context.personas, context.organisations
            history = context.validation_history
        except BankError as error:
            raise PluginError(f"The example organisations are invalid: {error}") from None
        return scoring_rules_markdown(bank, personas, organisations=organisations, history=history)

    @macro
    def team_rules() -> str:
        """The team rule as a Markdown list, from the team engine itself."""
        return "\n".join(f"- {sentence}" for sentence in team_rule_sentences(bank))

    @macro
    def theme_title(theme_id: str) -> str:
        """A conversation theme's title, from the bank (the page's headings use it)."""
        try:
            return bank.theme(theme_id).title
        except KeyError:
            raise PluginError(f"theme_title: no theme '{theme_id}' in the question bank") from None

    @macro
    def useful_at(theme_id: str) -> str:
        """'**Useful at:** Level 1 and Level 2' for a conversation theme, linked, from the bank."""
        try:
            theme = bank.theme(theme_id)
        except KeyError:
            raise PluginError(f"useful_at: no theme '{theme_id}' in the question bank") from None
        links = [
            f"[{message('macros.level_title', level=n, name=bank.level(n).name)}]"
            f"({bank.level(n).page})"
            for n in theme.levels
        ]
        return message("macros.useful_at", levels=joined(links))

    @macro
    def gate_names(level: int) -> str:
        """The areas a level needs (its gates in the bank), by name, for prose and tables."""
        try:
            gates = bank.gates(level)
        except KeyError:
            raise PluginError(f"gate_names: no level {level} in the question bank") from None
        names = [bank.dimension(area).name for area in gates]
        return joined(names) if names else message("macros.no_gates")

    @macro
    def question_count() -> int:
        """How many questions the assessment asks."""
        return len(bank.questions)

    @macro
    def assessment_minutes() -> int:
        """About how long the assessment takes: some 24 seconds to read and answer a question."""
        return max(1, round(len(bank.questions) * SECONDS_PER_QUESTION / 60))

    @macro
    def dimension_count() -> int:
        """How many dimensions the assessment measures."""
        return len(bank.dimensions)

    define_level_facts(env, bank, macro)


def number_words(count: int) -> str:
    """``count`` as a word, as prose writes small numbers ("five"), or as digits: up to
    twenty, from the catalog's ``macros.number_words`` in the language in use."""
    words = [word.strip() for word in message("macros.number_words").split(",")]
    return words[count] if 0 <= count < len(words) else str(count)


def define_level_facts(env: Any, bank: Any, macro: Register | None = None) -> None:
    """Macros that state the bank's level and theme facts in prose, so no page spells them out.

    Level names, the number of levels and the number of conversation themes live in
    ``quiz/bank.toml``. A page with ``render_macros: true`` writes ``{{ level_link(3) }}`` or
    ``{{ level_count_words() }} levels`` instead, and renaming a level in the bank renames it
    on every page. ``hooks/level_facts.py`` fails the build where a page writes them by hand.
    ``macro`` registers each one (:func:`register`: in the build's language).
    """
    macro = macro or register(env, build_context(env.conf).language)

    def level(number: int, macro: str) -> Any:
        try:
            return bank.level(number)
        except KeyError:
            raise PluginError(f"{macro}: no level {number} in the question bank") from None

    def relative(target: str) -> str:
        """``target`` (relative to docs/) as a link from the page being rendered."""
        page = getattr(env, "page", None)
        here = page.file.src_uri if page is not None else ""
        return posixpath.relpath(target, posixpath.dirname(here) or ".")

    @macro
    def level_name(number: int) -> str:
        """A level's name from the bank: 'Led by teams'."""
        return str(level(number, "level_name").name)

    @macro
    def level_title(number: int) -> str:
        """A level's number and name: 'Level 3: Led by teams' (the level page's title)."""
        return message("macros.level_title", level=number, name=level(number, "level_title").name)

    @macro
    def level_link(number: int, anchor: str = "", text: str = "") -> str:
        """A Markdown link to a level's page, relative to the current page, titled
        'Level 3: Led by teams' unless ``text`` is given ('#step-1' style ``anchor``)."""
        found = level(number, "level_link")
        label = text or message("macros.level_title", level=number, name=found.name)
        return f"[{label}]({relative(found.page)}{anchor})"

    @macro
    def level_count() -> int:
        """How many maturity levels the bank has."""
        return len(bank.levels)

    @macro
    def level_count_words() -> str:
        """The number of levels in words, for prose: 'five'."""
        return number_words(len(bank.levels))

    @macro
    def theme_count() -> int:
        """How many EX-CX conversation themes the bank lists."""
        return len(bank.themes)

    @macro
    def theme_count_words() -> str:
        """The number of conversation themes in words, for prose: 'sixteen'."""
        return number_words(len(bank.themes))

    @macro
    def level_nav(number: int) -> str:
        """A level page's closing links: the previous and next level, and the overview."""
        numbers = [found.number for found in bank.levels]
        at = numbers.index(level(number, "level_nav").number)
        lines = []
        if at > 0:
            lines.append(f"- {message('macros.previous', link=level_link(numbers[at - 1]))}")
        if at < len(numbers) - 1:
            lines.append(f"- {message('macros.next', link=level_link(numbers[at + 1]))}")
        folder = posixpath.dirname(level(number, "level_nav").page)
        overview = relative(posixpath.join(folder, "index.md"))
        words = number_words(len(numbers))
        lines.append(f"- {message('macros.overview', words=words, link=overview)}")
        return "\n".join(lines)
