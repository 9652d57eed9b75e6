"""MkDocs hook: level names and the numbers of levels and themes come from the question bank.

``quiz/bank.toml`` names the maturity levels and lists the conversation themes. Pages state
those facts through macros (``{{ level_name(3) }}``, ``{{ level_link(3) }}``,
``{{ level_count_words() }}``, ``{{ theme_count() }}``; see ``macros.py``), so renaming a
level in the bank renames it everywhere. This hook fails the build, naming the page, the line
and the text, where a page writes one of these facts by hand:

* a level's name as the bank spells it (case matters: "unaligned" in a sentence is fine);
* a number of levels or themes ("seven levels", "12 conversation themes", "a 4-level model");
* a macro on a page without ``render_macros: true``, which would show its braces to readers.

It also gives the theme templates (the 404 page) the same facts as ``config.extra.bank_facts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz import Bank
from quiz.build import build_context

#: Spelled-out numbers from three up. ("One or two themes" and "two levels up" are ordinary
#: prose, not the bank's counts, so two is left alone.)
WORDS = [
    *("three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    *("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
    "twenty",
]
#: A number (not a level's own number, as in "Level 2 and Level 4"), then at most one word
#: ("maturity", "conversation", but not "and", "to" or "or"), then "level(s)" or "theme(s)".
COUNT = re.compile(
    rf"(?<!level )\b(?:[3-9]|[1-9][0-9]+|{'|'.join(WORDS)})"
    r"(?:[ -](?!(?:and|or|to|of|in|at|per)\b)[a-z]+)?[ -](level|theme)s?\b",
    re.IGNORECASE,
)
MACRO = re.compile(r"\{\{\s*(level_|theme_)")
RENDERS_MACROS = re.compile(r"^render_macros:\s*true\s*$", re.MULTILINE)

_problems: list[str] = []


@dataclass(frozen=True)
class Found:
    """A fact written by hand: where, what, and the macro to use instead."""

    line: int
    text: str
    advice: str


def _bank(config: MkDocsConfig) -> Bank:
    return build_context(config).bank


def hand_written_facts(source: str, bank: Bank) -> list[Found]:
    """Every level name and level or theme count that ``source`` (a page's Markdown, front
    matter included) writes out instead of taking it from the bank."""
    names = [
        (re.compile(rf"(?<![\w-]){re.escape(level.name)}(?![\w-])"), level.number)
        for level in bank.levels
    ]
    found: list[Found] = []
    for number, line in enumerate(source.splitlines(), start=1):
        for pattern, level in names:
            found += [
                Found(
                    number,
                    match[0],
                    f"the name of Level {level} in the question bank: write"
                    f" {{{{ level_name({level}) }}}}, or {{{{ level_link({level}) }}}} for a link",
                )
                for match in pattern.finditer(line)
            ]
        for match in COUNT.finditer(line):
            macro = "level_count_words" if match[1].lower() == "level" else "theme_count_words"
            found.append(
                Found(
                    number,
                    match[0],
                    f"a count the question bank holds: write {{{{ {macro}() }}}} (or"
                    f" {{{{ {macro.removesuffix('_words')}() }}}} for digits)",
                )
            )
    return found


def macro_without_rendering(source: str) -> bool:
    """A page uses a level or theme macro but does not ask for macros to be rendered."""
    return bool(MACRO.search(source)) and not RENDERS_MACROS.search(source)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The facts for templates: ``config.extra.bank_facts.theme_count`` and so on."""
    bank = _bank(config)
    config.extra["bank_facts"] = {
        "level_count": len(bank.levels),
        "theme_count": len(bank.themes),
        "levels": {level.number: level.name for level in bank.levels},
    }
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Each build (and each live reload) starts with no problems found."""
    del config
    _problems.clear()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page as its author wrote it (before macros were rendered)."""
    del files
    source = page.file.content_string
    where = f"docs/{page.file.src_uri}"
    _problems.extend(
        f"{where} line {found.line}: '{found.text}' is {found.advice}"
        for found in hand_written_facts(source, _bank(config))
    )
    if macro_without_rendering(source):
        _problems.append(
            f"{where}: uses a level or theme macro, but its front matter has no"
            " 'render_macros: true' line, so readers would see the braces"
        )
    return markdown


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> object:
    """Stop the build once every page is read, listing every place at once."""
    del config, files
    if _problems:
        raise PluginError(
            "Some pages write level facts by hand instead of taking them from the question"
            " bank (quiz/bank.toml). Use the macro each line names (the page needs"
            " 'render_macros: true' in its front matter):\n" + "\n".join(_problems)
        )
    return env
