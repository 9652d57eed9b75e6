"""The published question numbers: a record that keeps result links meaning what they meant.

A result code stores each answer under its question's number. ``quiz/published.toml`` lists
every question that has been published with its number; :func:`published_problems` compares a
bank with it. A published number must never change, move to another question, or disappear
without being retired, and a new question must be added to the list, so its number is fixed
from then on. Checked by the site's build (hooks/published_numbers.py) and by
``python -m quiz bank``; not needed in the browser.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._bank.model import Bank
from ..errors import BankError

__all__ = [
    "LIST",
    "file_digest",
    "frozen_problems",
    "load_published",
    "parse_published",
    "published_problems",
]

#: Where the list lives, as the messages name it.
LIST = "quiz/published.toml"
BANK = "quiz/bank.toml"


def parse_published(raw: bytes, source: str = LIST) -> dict[str, int]:
    """The ``[questions]`` table: question id -> number."""
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BankError(f"{source}: not valid TOML: {error}") from None
    table = data.get("questions")
    if not isinstance(table, dict):
        raise BankError(f"{source}: needs a [questions] table of question id = number lines")
    for question, number in table.items():
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise BankError(f"{source}: '{question}' must be a whole number, got {number!r}")
    return dict(table)


def load_published() -> dict[str, int]:
    """The packaged list."""
    from importlib import resources

    return parse_published(resources.files("quiz").joinpath("published.toml").read_bytes())


def file_digest(raw: bytes) -> str:
    """SHA-256 of a text file, with Windows line endings counted as "\\n"."""
    import hashlib

    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


def frozen_problems() -> list[str]:
    """The packaged frozen banks that no longer match the digests recorded in ``[frozen]``."""
    import tomllib
    from importlib import resources

    package = resources.files("quiz")
    recorded = tomllib.loads(package.joinpath("published.toml").read_text("utf-8"))
    problems = []
    for name, digest in dict(recorded.get("frozen", {})).items():
        if file_digest(package.joinpath(name).read_bytes()) != digest:
            problems.append(
                f"quiz/{name} has changed, but it is frozen: result links made with it must keep"
                f" their meaning word for word. Restore it (git checkout -- quiz/{name})."
            )
    return problems


def published_problems(bank: Bank, published: Mapping[str, int]) -> list[str]:
    """What in ``bank`` would change the meaning of links already published, and what is new
    and not yet on the list: one plain sentence each, saying what to do."""
    problems: list[str] = []
    numbers = {question.id: question.number for question in bank.questions}
    for question, number in published.items():
        current = numbers.get(question)
        if current is None and number not in bank.retired:
            problems.append(
                f"{BANK}: question '{question}' (number {number}) is gone, but its number is not"
                f" retired. Add {number} to retired = [...] near the top of {BANK}, so result"
                " links that used it still open."
            )
        elif current is not None and current != number:
            problems.append(
                f"{BANK}: question '{question}' has number = {current}, but it was published as"
                f" number {number} ({LIST}). Numbers never change, because result links that"
                f" readers already have use them: put number = {number} back."
            )
    for question, number in numbers.items():
        if question not in published:
            problems.append(
                f"{BANK}: question '{question}' (number {number}) is new. Add the line"
                f" {question} = {number} under [questions] in {LIST}, so its number stays fixed."
            )
    return problems
