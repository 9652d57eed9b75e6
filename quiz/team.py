"""Team view: compare several people's results dimension by dimension.

For each dimension the view gives the mean of the members' dimension levels, the
spread (population standard deviation) and the lowest and highest level. Members
without a level for a dimension (only "not sure" or skipped) are left out of that
dimension. ``disagreements`` lists the dimensions where people differ most:
those answered by at least two members with a spread above zero, largest spread
first (ties: wider range first, then bank order), up to three.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import CodeError, TeamError
from .legacy import open_code
from .loader import load_bank
from .model import Bank
from .scoring import Result, score

__all__ = [
    "TeamDimension",
    "TeamView",
    "read_codes",
    "team_from_answers",
    "team_table",
    "team_to_dict",
    "team_view",
]

MAX_DISAGREEMENTS = 3


# Plain arithmetic instead of the statistics module: importing it costs ~40 ms under Pyodide,
# and the browser imports this package on every scorer start.
def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


def _pstdev(values: Sequence[int]) -> float:
    mean = _mean(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


@dataclass(frozen=True)
class TeamDimension:
    """How the members' levels for one dimension compare."""

    id: str
    name: str
    count: int
    mean: float | None
    spread: float | None
    low: int | None
    high: int | None

    @property
    def range(self) -> int | None:
        """Highest minus lowest level, or None when nobody answered."""
        if self.low is None or self.high is None:
            return None
        return self.high - self.low


@dataclass(frozen=True)
class TeamView:
    """Summary of a team's results."""

    members: int
    levels: tuple[int | None, ...]
    dimensions: tuple[TeamDimension, ...]
    disagreements: tuple[TeamDimension, ...]


def team_from_answers(bank: Bank, answer_sets: Sequence[Mapping[str, int | None]]) -> TeamView:
    """Build the team view from each member's checked answers."""
    return team_from_results(bank, [score(bank, dict(answers)) for answers in answer_sets])


def team_from_results(bank: Bank, results: Sequence[Result]) -> TeamView:
    """Build the team view from each member's result."""
    if not results:
        raise TeamError("No results were given, so there is no team to compare.")
    dimensions: list[TeamDimension] = []
    for dimension in bank.dimensions:
        levels = [
            level for result in results if (level := result.area_level(dimension.id)) is not None
        ]
        dimensions.append(
            TeamDimension(
                id=dimension.id,
                name=dimension.name,
                count=len(levels),
                mean=_mean(levels) if levels else None,
                spread=_pstdev(levels) if levels else None,
                low=min(levels) if levels else None,
                high=max(levels) if levels else None,
            )
        )
    split = [d for d in dimensions if d.count >= 2 and (d.spread or 0.0) > 0.0]
    split.sort(key=lambda d: (-(d.spread or 0.0), -(d.range or 0)))
    return TeamView(
        members=len(results),
        levels=tuple(result.level for result in results),
        dimensions=tuple(dimensions),
        disagreements=tuple(split[:MAX_DISAGREEMENTS]),
    )


def team_view(codes: Iterable[str], bank: Bank | None = None) -> TeamView:
    """Build the team view from result codes or links (any supported version).

    Raises :class:`CodeError` naming the position of the first bad code, or
    :class:`TeamError` when there are no codes.
    """
    results = []
    for position, code in enumerate(codes, start=1):
        try:
            results.append(open_code(code, bank).result)
        except CodeError as exc:
            raise CodeError(f"Code {position}: {exc}") from None
    return team_from_results(load_bank() if bank is None else bank, results)


def read_codes(text: str) -> list[str]:
    """Read codes from CSV text with a ``code`` column, or from one code per line.

    The ``code`` header is matched without regard to case or surrounding spaces.
    Blank lines and empty cells are skipped.
    """
    rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    if "code" in header:
        column = header.index("code")
        cells = [row[column] if column < len(row) else "" for row in rows[1:]]
    else:
        cells = [row[0] for row in rows]
    return [cell.strip() for cell in cells if cell.strip()]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _dimension_dict(item: TeamDimension) -> dict[str, object]:
    return {
        "id": item.id,
        "name": item.name,
        "count": item.count,
        "mean": _round(item.mean),
        "spread": _round(item.spread),
        "min": item.low,
        "max": item.high,
    }


def team_to_dict(view: TeamView) -> dict[str, object]:
    """JSON-ready form of a team view."""
    return {
        "members": view.members,
        "levels": list(view.levels),
        "dimensions": [_dimension_dict(item) for item in view.dimensions],
        "disagreements": [_dimension_dict(item) for item in view.disagreements],
    }


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def team_table(view: TeamView) -> str:
    """A plain-text table of the team view, for reading in a terminal."""
    levels = ", ".join(_cell(level) for level in view.levels)
    width = max(len(item.name) for item in view.dimensions)
    lines = [
        f"Members: {view.members}   Levels: {levels}",
        "",
        f"{'Dimension':<{width}}  {'n':>2}  {'mean':>5}  {'spread':>6}  range",
    ]
    for item in view.dimensions:
        span = "-" if item.low is None else f"{item.low}-{item.high}"
        lines.append(
            f"{item.name:<{width}}  {item.count:>2}  {_cell(item.mean):>5}  "
            f"{_cell(item.spread):>6}  {span}"
        )
    lines.append("")
    if view.disagreements:
        names = "; ".join(item.name for item in view.disagreements)
        lines.append(f"Most disagreement: {names}")
    else:
        lines.append("Most disagreement: none (everyone agrees where they answered)")
    return "\n".join(lines)
