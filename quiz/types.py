"""The types the public functions take and return, for annotations.

A :class:`quiz.Bank` holds :class:`Level`, :class:`Theme`, :class:`Dimension` (an area),
:class:`Question` (with its :class:`Option` statements), :class:`Step` and
:class:`ScoringSettings` values; an answer (:data:`Answer`) is a level, ``None`` for "not sure",
or :data:`NA` for "not applicable" where a question offers it. A :class:`quiz.Result` describes
each area as a :class:`DimensionResult`; :func:`quiz.team_view` returns a :class:`TeamView`.
"""

from __future__ import annotations

from ._bank.model import (
    NA,
    Answer,
    Dimension,
    Level,
    Option,
    Question,
    ScoringSettings,
    Step,
    Theme,
)
from ._scoring.scoring import DimensionResult
from ._teams.team import TeamView

__all__ = [
    "NA",
    "Answer",
    "Dimension",
    "DimensionResult",
    "Level",
    "Option",
    "Question",
    "ScoringSettings",
    "Step",
    "TeamView",
    "Theme",
]
