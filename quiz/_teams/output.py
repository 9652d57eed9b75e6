"""A team view as JSON-ready dicts (the command line's ``team --json``, ``quiz.describe`` and
the parts the team page shares with them) and as a plain-text table (``team --table``)."""

from __future__ import annotations

from collections.abc import Sequence

from .._text import decimal, plural, text
from .sentences import default_names, team_statement
from .team import TeamAnswer, TeamDimension, TeamDisagreement, TeamQuestion, TeamView

__all__ = ["dimension_dict", "disagreement_dict", "question_dict", "team_table", "team_to_dict"]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def dimension_dict(item: TeamDimension) -> dict[str, object]:
    """JSON-ready form of one area (the part the command line and the page share)."""
    return {
        "id": item.id,
        "name": item.name,
        "count": item.count,
        "median": item.median,
        "mean": _round(item.mean),
        "spread": _round(item.spread),
        "min": item.low,
        "max": item.high,
        "levels": list(item.levels),
    }


def question_dict(question: TeamQuestion) -> dict[str, object]:
    """JSON-ready form of a question behind a disagreement."""
    return {
        "question": question.id,
        "number": question.number,
        "text": question.text,
        "range": question.range,
        "answers": [
            {"member": answer.member, "level": answer.level, "statement": answer.statement}
            for answer in question.answers
        ],
    }


def disagreement_dict(item: TeamDisagreement) -> dict[str, object]:
    """JSON-ready form of a disagreement: the area, then the questions behind it."""
    return dimension_dict(item.dimension) | {
        "questions": [question_dict(question) for question in item.questions]
    }


def team_to_dict(view: TeamView, names: Sequence[str] | None = None) -> dict[str, object]:
    """JSON-ready form of a team view (the command line's ``team --json``)."""
    return {
        "members": view.members,
        "levels": list(view.levels),
        "possible_levels": list(view.possible_levels),
        "level": view.level,
        "possible_level": view.possible_level,
        "level_statement": team_statement(view, names),
        "dimensions": [dimension_dict(item) for item in view.dimensions],
        "disagreements": [disagreement_dict(item) for item in view.disagreements],
    }


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return decimal(value, 2) if isinstance(value, float) else str(value)


def _answer_line(answer: TeamAnswer, names: Sequence[str]) -> str:
    if answer.level is None:
        line = text("team.table_answer", name=names[answer.member], statement=answer.statement)
    else:
        line = text(
            "team.table_answer_level",
            name=names[answer.member],
            level=answer.level,
            statement=answer.statement,
        )
    return f"      {line}"


#: The table's number columns: their heads' keys and their least widths.
_COLUMNS = (
    ("team.table_count", 2),
    ("team.table_median", 6),
    ("team.table_mean", 5),
    ("team.table_spread", 6),
)


def team_table(view: TeamView, names: Sequence[str] | None = None) -> str:
    """A plain-text form of the team view, for reading in a terminal."""
    called = list(names) if names is not None else default_names(view.members)
    levels = ", ".join(_cell(level) for level in view.levels)
    heads = [text("team.table_area"), *(text(key) for key, _ in _COLUMNS)]
    width = max(len(heads[0]), *(len(item.name) for item in view.dimensions))
    widths = [max(least, len(head)) for head, (_, least) in zip(heads[1:], _COLUMNS, strict=True)]
    rows: list[tuple[str, ...]] = [(*heads, text("team.table_range"))]
    for item in view.dimensions:
        span = "-" if item.low is None else f"{item.low}-{item.high}"
        rows.append(
            (
                item.name,
                str(item.count),
                _cell(item.median),
                _cell(item.mean),
                _cell(item.spread),
                span,
            )
        )
    lines = [
        team_statement(view, called),
        text("team.table_members", count=view.members, levels=levels),
        "",
    ]
    for name, *cells, last in rows:
        padded = [f"{cell:>{size}}" for cell, size in zip(cells, widths, strict=True)]
        lines.append("  ".join([f"{name:<{width}}", *padded, last]))
    lines.append("")
    if not view.disagreements:
        lines.append(text("team.table_no_disagreement"))
        return "\n".join(lines)
    areas = view.disagreements[0].dimension.name
    for split in view.disagreements[1:]:
        areas = text("team.table_areas_join", areas=areas, area=split.dimension.name)
    lines.append(text("team.table_disagreement", areas=areas))
    for split in view.disagreements:
        dimension = split.dimension
        lines.append(
            "  "
            + plural(
                "team.table_area_line",
                dimension.count,
                area=dimension.name,
                low=dimension.low,
                high=dimension.high,
                spread=_cell(dimension.spread),
            )
        )
        for question in split.questions:
            lines.append(
                "    " + text("team.table_question", number=question.number, text=question.text)
            )
            lines += [_answer_line(answer, called) for answer in question.answers]
    return "\n".join(lines)
