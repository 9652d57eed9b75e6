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

DAMAGED = (
    "This result link is damaged or incomplete. Check that you copied all of it, "
    "or take the assessment again."
)
NEWER = (
    "This result link was made by a newer version of the assessment. Reload the "
    "page to get the latest version, then open the link again."
)
FOREIGN = (
    "This does not look like a result link from this assessment. Check that you "
    "copied the right link."
)
EMPTY = (
    "No result code was given: the link stops where the code should start. Use the whole link"
    " from the result page, or the code itself."
)
OTHER_SITE = (
    "This result link was made by another site's assessment, which asks other questions, so"
    " this site cannot show its result. Open it on the site where it was made."
)
UNKNOWN_QUESTION = (
    "This result link mentions a question that this version of the assessment "
    "does not know, so it cannot be shown here."
)


class BankError(ValueError):
    """The question bank file is malformed or inconsistent."""


class AnswerError(ValueError):
    """A set of answers names an unknown question or holds an invalid level."""


class CodeError(ValueError):
    """A result code cannot be turned back into answers."""


class TeamError(ValueError):
    """A team view cannot be built from the codes it was given."""
