"""Exception types raised by the assessment engine.

Every error is a :class:`ValueError`, so callers that only care about "bad input"
can catch that, while callers that need to tell the cases apart can use the
specific classes. A result link that cannot be read raises :class:`CodeError` with one of
the sentences below (the command line prints it, the page shows it), so a caller can tell
the cases apart by comparing ``str(error)`` with them.
"""

from __future__ import annotations

__all__ = [
    "DAMAGED",
    "EMPTY",
    "FOREIGN",
    "NEWER",
    "OTHER_SITE",
    "UNKNOWN_QUESTION",
    "AnswerError",
    "BankError",
    "CodeError",
    "TeamError",
]

#: The sentence of each way a result link can fail to be read, by its key in the catalog
#: (``quiz/catalog/<language>/``). ``quiz.errors.DAMAGED`` and the others give the English
#: sentence; a reader sees the one of the page's language.
CODE_MESSAGES = {
    "DAMAGED": "code.damaged",
    "NEWER": "code.newer",
    "FOREIGN": "code.foreign",
    "EMPTY": "code.empty",
    "OTHER_SITE": "code.other_site",
    "UNKNOWN_QUESTION": "code.unknown_question",
}


DAMAGED: str
NEWER: str
FOREIGN: str
EMPTY: str
OTHER_SITE: str
UNKNOWN_QUESTION: str


def __getattr__(name: str) -> str:
    """``DAMAGED``, ``NEWER``...: read from the English catalog when first asked for (reading a
    catalog at import would slow the scorer's start)."""
    key = CODE_MESSAGES.get(name)
    if key is None:
        raise AttributeError(f"module 'quiz.errors' has no attribute '{name}'")
    from ._text import REFERENCE, in_language, text

    with in_language(REFERENCE):
        return text(key)


class BankError(ValueError):
    """The question bank file is malformed or inconsistent."""


class AnswerError(ValueError):
    """A set of answers names an unknown question or holds an invalid level."""


class CodeError(ValueError):
    """A result code cannot be turned back into answers."""


class TeamError(ValueError):
    """A team view cannot be built from the codes it was given."""
