"""A team view as JSON-ready dicts (the command line's ``team --json``, ``quiz.describe`` and
the parts the team page shares with them) and as a plain-text table (``team --table``)."""

from __future__ import annotations

from collections.abc import Sequence

from .sentences import default_names, plural, team_statement
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
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _answer_line(answer: TeamAnswer, names: Sequence[str]) -> str:
    if answer.level is None:
        return f"      {names[answer.member]}: {answer.statement}"
    return f"      {names[answer.member]} (Level {answer.level}): {answer.statement}"


def team_table(view: TeamView, names: Sequence[str] | None = None) -> str:
    """A plain-text form of the team view, for reading in a terminal."""
    called = list(names) if names is not None else default_names(view.members)
    levels = ", ".join(_cell(level) for level in view.levels)
    width = max(len("Area"), *(len(item.name) for item in view.dimensions))
    lines = [
        team_statement(view, called),
        f"Members: {view.members}   Levels: {levels}",
        "",
        f"{'Area':<{width}}  {'n':>2}  {'median':>6}  {'mean':>5}  {'spread':>6}  range",
    ]
    for item in view.dimensions:
        span = "-" if item.low is None else f"{item.low}-{item.high}"
        lines.append(
            f"{item.name:<{width}}  {item.count:>2}  {_cell(item.median):>6}  "
            f"{_cell(item.mean):>5}  {_cell(item.spread):>6}  {span}"
        )
    lines.append("")
    if not view.disagreements:
        lines.append("Most disagreement: none (everyone with a level in an area has the same one)")
        return "\n".join(lines)
    names_line = "; ".join(split.dimension.name for split in view.disagreements)
    lines.append(f"Most disagreement: {names_line}")
    for split in view.disagreements:
        area = split.dimension
        lines.append(
            f"  {area.name}: Levels {area.low} to {area.high}, spread {_cell(area.spread)}, "
            f"{plural(area.count, 'person', 'people')}"
        )
        for question in split.questions:
            lines.append(f"    Q{question.number} {question.text}")
            lines += [_answer_line(answer, called) for answer in question.answers]
    return "\n".join(lines)
