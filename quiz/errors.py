"""Exception types raised by the assessment engine.

Every error is a :class:`ValueError`, so callers that only care about "bad input"
can catch that, while callers that need to tell the cases apart can use the
specific classes.
"""

from __future__ import annotations

__all__ = ["AnswerError", "BankError", "CodeError", "TeamError"]


class BankError(ValueError):
    """The question bank file is malformed or inconsistent."""


class AnswerError(ValueError):
    """A set of answers names an unknown question or holds an invalid level."""


class CodeError(ValueError):
    """A result code cannot be turned back into answers."""


class TeamError(ValueError):
    """A team view cannot be built from the codes it was given."""
