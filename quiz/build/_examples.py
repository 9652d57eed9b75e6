"""The example answers of "How scoring works" and its worked example: answers built from the
bank's own gates and levels, scored by the scorer itself, so the page cannot drift from it."""

from __future__ import annotations

from .._bank.model import Bank
from .._results.sentences import explain_level, level_statement
from .._scoring.answers import Answers
from .._scoring.scoring import Result, score
from .._text import text
from ._markdown import answer_label, cell, header, join_names, number

__all__ = [
    "example_section",
    "gate_miss_example_answers",
    "not_enough_example_answers",
    "worked_example_answers",
]


def worked_example_answers(bank: Bank) -> Answers:
    """A fixed, illustrative answer set for the worked example: an organisation one level below
    the top everywhere except one gate of the top level, answered at the lowest level (a Level 4
    organisation with no recognition scheme, with the packaged bank); one question of the last
    profile area is "Not sure"; the first area with two or more questions that gates no level
    above the example's gets a contrast (top and two below)."""
    top = bank.top
    below = max(top - 1, bank.lowest)
    gaps = bank.gates(top)
    weak = gaps[-1] if gaps else bank.dimensions[-1].id
    answers: Answers = {q.id: below for q in bank.questions}
    for question in bank.questions_for(weak):
        answers[question.id] = bank.lowest
    profile = [d.id for d in bank.dimensions if not bank.gated_levels(d.id) and d.id != weak]
    multi = [
        d.id
        for d in bank.dimensions
        if len(bank.questions_for(d.id)) > 1 and d.id != weak and d.id not in profile[-1:]
    ]
    if multi:
        first, *rest = bank.questions_for(multi[0])
        answers[first.id] = top
        for question in rest:
            answers[question.id] = max(top - 2, bank.lowest)
    if profile:
        answers[bank.questions_for(profile[-1])[-1].id] = None
    return answers


def gate_miss_example_answers(bank: Bank) -> Answers:
    """One level below the top everywhere, except one gate of that level one step short: the
    result is one level lower, the case a reader most often asks about."""
    level = max(bank.top - 1, bank.lowest)
    answers: Answers = {q.id: level for q in bank.questions}
    gates = bank.gates(level)
    if gates:
        for question in bank.questions_for(gates[-1]):
            answers[question.id] = level - 1
    return answers


def not_enough_example_answers(bank: Bank) -> Answers:
    """Answers that touch one area too few to get a level."""
    short = bank.dimensions[: bank.scoring.min_dimensions - 1]
    return {bank.questions_for(d.id)[0].id: bank.lowest for d in short}


def _example_steps(result: Result) -> list[str]:
    summary = [
        text("build.example.result", statement=level_statement(result)),
        "",
        text("build.example.panel", explanation=explain_level(result)),
    ]
    if result.staged:
        lines = summary
        if result.named:
            names = [result.dimension(area).name for area in result.named]
            lines += ["", text("build.example.next", names=join_names(names))]
    elif result.average is not None and result.cap is not None:
        average = number(result.average)
        lines = [
            f"1. {text('build.example.average', average=average, level=result.average_level)}",
            f"2. {text('build.example.cap', weakest=result.cap - 1, cap=result.cap)}",
            f"3. {text('build.example.lower')}",
            "",
            *summary,
        ]
    else:
        return []
    for contrast in result.contrasts:
        lines += [
            "",
            text(
                "build.example.contrast",
                area=contrast.dimension_name,
                high=contrast.high.level,
                low=contrast.low.level,
            ),
        ]
    return lines


def example_section(bank: Bank) -> list[str]:
    answers = worked_example_answers(bank)
    result = score(bank, answers)
    lines = [
        f"## {text('build.example.title')}",
        "",
        text("build.example.intro"),
        "",
        *header("question", "area", "answer"),
    ]
    for question in bank.questions:
        if question.id in answers:
            dimension = bank.dimension(question.dimension)
            lines.append(
                f"| Q{question.number}. {cell(question.text)} | {cell(dimension.name)} "
                f"| {answer_label(answers[question.id])} |"
            )
    lines += [
        "",
        text("build.example.areas"),
        "",
        *header("area", "answered", "average", "confirmed", "possible"),
    ]
    unknown = text("build.unknown")
    for item in result.dimensions:
        mean = "-" if item.mean is None else number(item.mean)
        low = unknown if item.level is None else str(item.level)
        high = unknown if item.possible is None else str(item.possible)
        lines.append(f"| {cell(item.name)} | {item.answered} | {mean} | {low} | {high} |")
    if result.level is None:  # only possible with an unusual bank
        return [*lines, "", f"> {result.reason}"]
    return [*lines, "", text("build.example.overall"), "", *_example_steps(result)]
