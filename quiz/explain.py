"""Generate the "How scoring works" page from the bank and the scoring code.

Everything on the page (levels, areas, the questions feeding them, the rule, the minimum
number of areas, the worked example and the calibration table) comes from the loaded bank and
from calling :func:`quiz.scoring.score`, so the page cannot disagree with what the assessment
actually does. Build-time only: the browser never imports this module.
"""

from __future__ import annotations

from collections.abc import Sequence

from .answers import Answers
from .calibration import Persona
from .model import Bank
from .report import explain_level, guide_label, level_statement
from .scoring import Result, score, scoring_rules

__all__ = [
    "not_enough_example_answers",
    "scoring_rules_markdown",
    "worked_example_answers",
]


def worked_example_answers(bank: Bank) -> Answers:
    """A fixed, illustrative answer set for the worked example.

    Most areas sit one level below the top; the area three quarters of the way down the bank
    sits two levels lower with its last question "Not sure", so the weakest-area cap shows and
    the confirmed and possible levels differ; the first area with two or more questions gets
    a contrast (top and two below).
    """
    top = bank.top
    dimensions = bank.dimensions
    weak = len(dimensions) * 3 // 4 - 1 if len(dimensions) > 1 else 0
    multi = [d.id for d in dimensions if len(bank.questions_for(d.id)) > 1]
    answers: Answers = {}
    for index, dimension in enumerate(dimensions):
        target = max(top - 3, bank.lowest) if index == weak else top - 1
        for position, question in enumerate(bank.questions_for(dimension.id)):
            level: int | None = target
            if multi and dimension.id == multi[0]:
                level = top if position == 0 else max(top - 2, bank.lowest)
            answers[question.id] = level
    weak_questions = bank.questions_for(dimensions[weak].id)
    if len(weak_questions) > 1:
        answers[weak_questions[-1].id] = None
    return answers


def not_enough_example_answers(bank: Bank) -> Answers:
    """Answers that touch one area too few to get a level."""
    short = bank.dimensions[: bank.scoring.min_dimensions - 1]
    return {bank.questions_for(d.id)[0].id: bank.lowest for d in short}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _answer_label(level: int | None) -> str:
    return "Not sure (open)" if level is None else str(level)


def _rule_section(bank: Bank) -> list[str]:
    lines = ["## The rule", ""]
    lines += [f"{n}. {rule}" for n, rule in enumerate(scoring_rules(bank), start=1)]
    lines += [
        "",
        "In symbols, with each open question counted at the lowest level: overall level = "
        "min(nearest(mean of area averages), weakest area level + 1), where nearest() rounds "
        "an exact half down. The possible level is the same formula with each open question "
        "counted at the top level.",
        "",
        "What the rule guarantees, each checked by an automated property test on every change:",
        "",
        "- answering every question at the same level gives that level;",
        "- raising any answer never lowers a level;",
        '- switching any answer to "Not sure" never raises the confirmed level;',
        "- a result that is flat at one level except for a single answer one level higher or "
        "lower keeps that level;",
        "- the possible level is never below the confirmed level.",
    ]
    return lines


def _minimum_section(bank: Bank) -> list[str]:
    needed = bank.scoring.min_dimensions
    total = len(bank.dimensions)
    example = score(bank, not_enough_example_answers(bank))
    return [
        "## How many answers you need",
        "",
        f"You get a level once at least **{needed} of the {total} areas** have at least one "
        'answer other than "Not sure". If you answer fewer, the result does not guess. For '
        f"example, answering one question in each of {example.answered} areas gives this "
        "message:",
        "",
        f"> {example.reason}",
    ]


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_words(count: int) -> str:
    """A count as the site writes it in prose: in words up to nine ("five"), then in digits."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


def _levels_section(bank: Bank) -> list[str]:
    lines = [
        f"## The {count_words(len(bank.levels))} levels",
        "",
        "| Level | Name | In one sentence |",
        "| --- | --- | --- |",
    ]
    for level in bank.levels:
        lines.append(f"| {level.number} | {_cell(level.name)} | {_cell(level.summary)} |")
    return lines


def _dimensions_section(bank: Bank, prefix: str) -> list[str]:
    lines = [
        "## What the questions measure",
        "",
        f"The {len(bank.questions)} questions are grouped into {len(bank.dimensions)} areas "
        "of employee experience. The advice for an area depends on its level: the last column "
        "links the step that lifts it from each level to the next.",
        "",
        "| Area | What it covers | Questions | Step from each level |",
        "| --- | --- | --- | --- |",
    ]
    for dimension in bank.dimensions:
        questions = "<br>".join(
            f"Q{q.number}. {_cell(q.text)}" for q in bank.questions_for(dimension.id)
        )
        steps = "<br>".join(
            f"{level}: [{guide_label(bank, link)}]({prefix}{link})"
            for level, link in dimension.steps.items()
        )
        lines.append(
            f"| {_cell(dimension.name)} | {_cell(dimension.description)} | {questions} | {steps} |"
        )
    return lines


def _example_steps(result: Result) -> list[str]:
    if result.average is None or result.cap is None:
        return []
    lines = [
        f"1. Counting the open question at the lowest level, the areas average "
        f"{_number(result.average)}, nearest to **{result.average_level}**.",
        f"2. The weakest area is at level {result.cap - 1}, so the result can be at most "
        f"{result.cap - 1} + 1 = **{result.cap}**.",
        "3. The confirmed level is the lower of the two; the possible level repeats the "
        "calculation with the open question at the top level.",
        "",
        f"**Result: {level_statement(result)}**",
        "",
        f"The panel explains it like this: {explain_level(result)}",
    ]
    for contrast in result.contrasts:
        lines += [
            "",
            f"The answers in {contrast.dimension_name} are {contrast.high.level} and "
            f"{contrast.low.level}, so the result shows them side by side as a contrast.",
        ]
    return lines


def _example_section(bank: Bank) -> list[str]:
    answers = worked_example_answers(bank)
    result = score(bank, answers)
    lines = [
        "## Worked example",
        "",
        "Here is one possible set of answers, scored by the same code that scores the "
        "assessment in your browser.",
        "",
        "| Question | Area | Answer |",
        "| --- | --- | --- |",
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
        "Each area's level is the average of its answers, rounded to the nearest level:",
        "",
        "| Area | Answers given | Average of answers given | Confirmed | Possible |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in result.dimensions:
        mean = "-" if item.mean is None else _number(item.mean)
        low = "unknown" if item.level is None else str(item.level)
        high = "unknown" if item.possible is None else str(item.possible)
        lines.append(f"| {_cell(item.name)} | {item.answered} | {mean} | {low} | {high} |")
    if result.level is None:  # only possible with an unusual bank
        return [*lines, "", f"> {result.reason}"]
    return [*lines, "", "Then the overall level:", "", *_example_steps(result)]


def _calibration_section(bank: Bank, personas: Sequence[Persona], prefix: str) -> list[str]:
    lines = [
        "## Calibration: organisations described from the level pages",
        "",
        "To check that the rule places organisations where the playbook would, "
        f"{len(personas)} example organisations are written from the level pages: flat ones, "
        "noisy ones (answers one level off here and there), uneven ones, and one that hides "
        'its weak areas behind "Not sure". The automated tests score each one with the rule '
        "above and fail unless it lands on the expected level. This table is computed from "
        "the same file on every build.",
        "",
        "| Organisation | Kind | Expected | Scored | Why that level (from the level page) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for persona in personas:
        result = score(bank, persona.answers)
        scored = level_statement(result) or "no level"
        page = f"[Level {persona.expected}]({prefix}{persona.source})"
        why = f"“{_cell(persona.justification)}” ({page})"
        lines.append(
            f"| {_cell(persona.name)} | {persona.kind} | Level {persona.expected} | "
            f"{_cell(scored)} | {why} |"
        )
    return lines


def scoring_rules_markdown(
    bank: Bank, personas: Sequence[Persona] = (), link_prefix: str = "../"
) -> str:
    """Markdown body for the "How scoring works" page.

    ``link_prefix`` is put before docs-relative links; the default suits a page one folder
    deep, such as ``assessment/how-scoring-works.md``.
    """
    sections = [
        _rule_section(bank),
        _minimum_section(bank),
        _levels_section(bank),
        _dimensions_section(bank, link_prefix),
        _example_section(bank),
    ]
    if personas:
        sections.append(_calibration_section(bank, personas, link_prefix))
    body = "\n\n".join("\n".join(section) for section in sections)
    return body + "\n"
