"""Small Markdown helpers for the pages the build writes from the bank."""

from __future__ import annotations

from .._bank.model import NA, Answer

__all__ = ["answer_label", "cell", "collapsed", "count_words", "join_names", "number"]


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def answer_label(level: Answer) -> str:
    if level == NA:
        return "Not applicable"
    return "Not sure (open)" if level is None else str(level)


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def collapsed(title: str, table: list[str]) -> list[str]:
    """A table in a collapsed block (Material's ``???``), opened by the reader."""
    return [f'??? info "{title}"', "", *(f"    {line}" if line else "" for line in table)]


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_words(count: int) -> str:
    """A count as the site writes it in prose: in words up to nine ("five"), then in digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)
