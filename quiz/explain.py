"""Generate the "How scoring works" page from the bank and the scoring code.

Everything on the page (levels, dimensions, the questions feeding them, the rule,
the minimum number of dimensions and the worked example) comes from the loaded
bank and from calling :func:`quiz.scoring.score`, so the page cannot disagree
with what the assessment actually does.
"""

from __future__ import annotations

import re

from .answers import Answers
from .model import Bank
from .scoring import Result, score, scoring_rules

__all__ = [
    "not_enough_example_answers",
    "scoring_rules_markdown",
    "worked_example_answers",
]

_STEP = re.compile(r"levels/level-([0-9]+)\.md#step-([0-9]+)")


def worked_example_answers(bank: Bank) -> Answers:
    """A fixed, illustrative answer set used by the worked example.

    Dimensions alternate between levels 4 and 5, except one in the second half,
    which sits at level 2 so that the weakest-dimension cap shows. The first
    dimension with two or more questions gets a half-way average (to show
    rounding down) and the last one gets a "not sure" answer.
    """
    dimensions = bank.dimensions
    weak = len(dimensions) * 3 // 4 - 1 if len(dimensions) > 1 else 0
    multi = [d.id for d in dimensions if len(bank.questions_for(d.id)) > 1]
    answers: Answers = {}
    for index, dimension in enumerate(dimensions):
        target = 2 if index == weak else (4 if index % 2 == 0 else 5)
        questions = bank.questions_for(dimension.id)
        for position, question in enumerate(questions):
            level: int | None = target
            if multi and dimension.id == multi[0] and position == 0:
                level = min(target + 1, 5)
            elif multi and dimension.id == multi[-1] and position == len(questions) - 1:
                level = None if len(multi) > 1 else level
            answers[question.id] = level
    return answers


def not_enough_example_answers(bank: Bank) -> Answers:
    """Answers that touch one dimension too few to get a level."""
    short = bank.dimensions[: bank.scoring.min_dimensions - 1]
    return {bank.questions_for(d.id)[0].id: 3 for d in short}


def _guide_label(guide: str) -> str:
    match = _STEP.search(guide)
    if match:
        return f"Level {match[1]}, step {match[2]}"
    return "Playbook guide"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _answer_label(level: int | None) -> str:
    return "Not sure (left out)" if level is None else str(level)


def _levels_section(bank: Bank) -> list[str]:
    lines = [
        "## The five levels",
        "",
        "| Level | Name | In one sentence |",
        "| ---: | --- | --- |",
    ]
    for level in bank.levels:
        lines.append(f"| {level.number} | {_cell(level.name)} | {_cell(level.summary)} |")
    return lines


def _dimensions_section(bank: Bank, prefix: str) -> list[str]:
    lines = [
        "## What the questions measure",
        "",
        f"The {len(bank.questions)} questions are grouped into "
        f"{len(bank.dimensions)} dimensions of employee experience. Each question "
        "belongs to exactly one dimension.",
        "",
        "| Dimension | What it covers | Questions | Where to work on it |",
        "| --- | --- | --- | --- |",
    ]
    for dimension in bank.dimensions:
        questions = "<br>".join(
            f"Q{q.number}. {_cell(q.text)}" for q in bank.questions_for(dimension.id)
        )
        link = f"[{_guide_label(dimension.guide)}]({prefix}{dimension.guide})"
        lines.append(
            f"| {_cell(dimension.name)} | {_cell(dimension.description)} | {questions} | {link} |"
        )
    return lines


def _rule_section(bank: Bank) -> list[str]:
    lines = ["## The rule", ""]
    lines += [f"{n}. {rule}" for n, rule in enumerate(scoring_rules(bank), start=1)]
    lines += [
        "",
        "In symbols: overall level = min(floor(mean of dimension levels), "
        "weakest dimension level + 1).",
    ]
    return lines


def _minimum_section(bank: Bank) -> list[str]:
    needed = bank.scoring.min_dimensions
    total = len(bank.dimensions)
    example = score(bank, not_enough_example_answers(bank))
    return [
        "## How many answers you need",
        "",
        f"You get a level once at least **{needed} of the {total} dimensions** have "
        'at least one answer other than "Not sure". If you answer fewer, the '
        "result does not guess. For example, answering one question in each of "
        f"{example.answered} dimensions gives this message:",
        "",
        f"> {example.reason}",
    ]


def _example_steps(result: Result) -> list[str]:
    answered = [d for d in result.dimensions if d.level is not None]
    total = sum(d.level or 0 for d in answered)
    weakest = result.weakest[0]
    if result.average is None:
        return []
    lines = [
        f"1. The average of the {len(answered)} dimension levels is {total} / "
        f"{len(answered)} = {_number(result.average)}, which rounds down to "
        f"**{result.average_level}**.",
        f"2. The weakest dimension, {weakest.name}, is at level {weakest.level}, so "
        f"the result can be at most {weakest.level} + 1 = **{result.cap}**.",
        "3. The overall level is the lower of the two numbers.",
        "",
        f"**Result: Level {result.level} ({result.level_name}).**",
    ]
    if result.capped:
        lines += [
            "",
            f"Without the cap the average alone would say Level "
            f"{result.average_level}. The weak dimension keeps the result at "
            f"Level {result.level} until it improves.",
        ]
    if result.blockers:
        lines += ["", f"Dimensions holding this result below Level {result.next_level}:", ""]
        for blocker in result.blockers:
            why = "caps the level" if blocker.caps else "pulls the average down"
            lines.append(f"- {blocker.name} (level {blocker.level}, {why})")
    return lines


def _example_section(bank: Bank) -> list[str]:
    answers = worked_example_answers(bank)
    result = score(bank, answers)
    lines = [
        "## Worked example",
        "",
        "Here is one possible set of answers, scored by the same code that scores "
        "the assessment in your browser.",
        "",
        "| Question | Dimension | Answer |",
        "| --- | --- | ---: |",
    ]
    for question in bank.questions:
        if question.id in answers:
            dimension = bank.dimension(question.dimension)
            lines.append(
                f"| Q{question.number}. {_cell(question.text)} | {_cell(dimension.name)} "
                f"| {_answer_label(answers[question.id])} |"
            )
    lines += [
        "",
        "Each dimension's level is the average of its answers, rounded down:",
        "",
        "| Dimension | Answers counted | Average | Level |",
        "| --- | ---: | ---: | ---: |",
    ]
    for item in result.dimensions:
        mean = "-" if item.mean is None else _number(item.mean)
        level = "-" if item.level is None else str(item.level)
        lines.append(f"| {_cell(item.name)} | {item.answered} | {mean} | {level} |")
    if result.level is None:  # only possible with an unusual bank
        return [*lines, "", f"> {result.reason}"]
    return [*lines, "", "Then the overall level:", "", *_example_steps(result)]


def scoring_rules_markdown(bank: Bank, link_prefix: str = "../") -> str:
    """Markdown body for the "How scoring works" page.

    ``link_prefix`` is put before docs-relative links; the default suits a page
    one folder deep, such as ``assessment/how-scoring-works.md``.
    """
    sections = [
        _rule_section(bank),
        _minimum_section(bank),
        _levels_section(bank),
        _dimensions_section(bank, link_prefix),
        _example_section(bank),
    ]
    body = "\n\n".join("\n".join(section) for section in sections)
    return body + "\n"
