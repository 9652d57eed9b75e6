"""Helpers for the question-bank tests (``tests/test_quiz_bank_*.py``): the loader's
one-line message for changed bank data, and the parts of that data a test changes.
"""

from __future__ import annotations

from typing import Any

import pytest

from quiz import Bank, parse_bank
from quiz.errors import BankError

SOURCE = "bank-under-test.toml"


def bank_error(data: dict[str, Any]) -> str:
    """The loader's message for ``data``; it must be one line starting with the file name."""
    with pytest.raises(BankError) as caught:
        parse_bank(data, SOURCE)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{SOURCE}: ")
    return message


def question_data(data: dict[str, Any], position: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = data["questions"][position]
    return found


def option_data(data: dict[str, Any], level: int, position: int = 0) -> dict[str, Any]:
    for option in question_data(data, position)["options"]:
        if option["level"] == level:
            found: dict[str, Any] = option
            return found
    raise AssertionError(level)


def non_addition_option(bank: Bank) -> tuple[int, int]:
    """(question position, level) of the first option that is not marked as an addition."""
    for position, question in enumerate(bank.questions):
        for option in question.options:
            if not option.addition:
                return position, option.level
    raise AssertionError("every option is an addition")
