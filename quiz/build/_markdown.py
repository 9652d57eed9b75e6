"""Small Markdown helpers for the pages the build writes from the bank, in the language in use."""

from __future__ import annotations

from .._bank.model import NA, Answer, na_label
from .._text import decimal, language, text

__all__ = [
    "answer_label",
    "cell",
    "collapsed",
    "count_words",
    "header",
    "join_names",
    "number",
    "words",
]


def cell(value: str) -> str:
    return value.replace("|", "\\|")


#: The language the validation set and the personas are written in (``validation/``): they are
#: evidence, quoted as they are, not translated.
EVIDENCE_LANGUAGE = "en"


def evidence(value: str) -> str:
    """A table cell of evidence (an organisation's name, a quoted justification): on a page in
    another language it is marked as English, so that a screen reader reads it as English."""
    if language() == EVIDENCE_LANGUAGE:
        return cell(value)
    return f'<span lang="{EVIDENCE_LANGUAGE}">{cell(value)}</span>'


def number(value: float) -> str:
    """Up to three decimals, as the language in use writes them (2.333, 2,333; 2.5; 3)."""
    return decimal(value, 3, trim=True)


def answer_label(level: Answer) -> str:
    if level == NA:
        return na_label()
    return text("build.not_sure_open") if level is None else str(level)


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" (``build.list``)."""
    if len(names) == 1:
        return names[0]
    return text("build.list", items=", ".join(names[:-1]), last=names[-1])


def header(*columns: str) -> list[str]:
    """A Markdown table's header rows, each column named by its ``build.column.*`` key."""
    names = [text(f"build.column.{column}") for column in columns]
    return [f"| {' | '.join(names)} |", f"| {' | '.join('---' for _ in columns)} |"]


def collapsed(title: str, table: list[str]) -> list[str]:
    """A table in a collapsed block (Material's ``???``), opened by the reader."""
    return [f'??? info "{title}"', "", *(f"    {line}" if line else "" for line in table)]


def words(key: str) -> tuple[str, ...]:
    """The number words of message ``key`` ("zero, one, two..."), in the language in use."""
    return tuple(word.strip() for word in text(key).split(","))


def count_words(count: int) -> str:
    """A count as the site writes it in prose: in words up to nine ("five"), then in digits
    (``build.number_words``)."""
    spelled = words("build.number_words")
    return spelled[count] if 0 <= count < len(spelled) else str(count)
