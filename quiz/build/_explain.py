"""Generate the "How scoring works" page from the bank and the scoring code.

Everything on the page (the rule in plain words, the areas each level needs, the minimum number
of areas, the area-to-step table, the worked examples, the validation and regression tables)
comes from the loaded bank and from calling the scorer (:func:`quiz.score`), so the page cannot
disagree with what the assessment actually does. Build-time only: the browser never imports
this module.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._bank.model import Bank
from .._results.sentences import guide_label, level_statement
from .._scoring.scoring import score, scoring_rules
from ._calibration import Organisation, Persona, hit_rate
from ._examples import (
    example_section,
    gate_miss_example_answers,
    not_enough_example_answers,
    worked_example_answers,
)
from ._markdown import cell, collapsed, count_words, join_names

__all__ = [
    "gate_miss_example_answers",
    "not_enough_example_answers",
    "scoring_rules_markdown",
    "worked_example_answers",
]


def _in_short(bank: Bank) -> list[str]:
    """The rule as a leader wants it: what decides the level, why it may be lower than
    expected, and what the range means."""
    low, top = bank.lowest, bank.top
    if not bank.staged:
        return []
    example = score(bank, gate_miss_example_answers(bank))
    level = max(top - 1, low)
    missed = bank.gates(level)[-1:] if bank.gates(level) else ()
    shown = level if bank.gates(level) else top
    defining = join_names([bank.dimension(area).name for area in bank.gates(shown)])
    lines = [
        "## In short",
        "",
        "**What decides your level.** The playbook's levels are stages: each one is defined by "
        f"a few areas (for example, {defining} define Level {shown}). You reach a level when "
        "the areas that define it, and those of every level below it, are in place. The other "
        "areas show in your profile and get their own advice, but they do not move the level.",
        "",
        "**Why your level may be lower than you expect.** One area that a level needs, "
        "answered a step short, keeps you at the level below, however strong everything else "
        "is.",
    ]
    if missed and example.level is not None:
        name = bank.dimension(missed[0]).name
        lines[-1] += (
            f" For example, answering Level {level} everywhere except {name} at Level "
            f"{level - 1} gives Level {example.level}: {name} is one of the areas Level "
            f"{level} needs. A weak area that no level up to yours needs does not pull the "
            "level down: it shows in your profile and in what to do next."
        )
    lines += [
        "",
        '**What the range means.** "Not sure" is counted as the lowest level for the '
        "*confirmed* level and as the top level for the *possible* level. The truth lies "
        "between: answering the open questions can only move you within that range.",
        "",
        "---",
        "",
        "The rest of this page is the detail behind those three answers: the rule in full, the "
        "areas each level needs and where the playbook says so, the step each area links to, "
        "a worked example, and the organisations the rule was tested on.",
    ]
    return lines


def _gates_section(bank: Bank, prefix: str) -> list[str]:
    if not bank.staged:
        return []
    lines = [
        "## The areas each level needs",
        "",
        "Each level names the areas that must reach it, taken from the playbook's priorities "
        "for moving up and from the level's own description. The link shows where.",
        "",
        "| Level | Needs these areas at this level | Where the playbook says so |",
        "| --- | --- | --- |",
    ]
    for level in bank.levels:
        gates = bank.gates(level.number)
        if not gates:
            continue
        gate_names = join_names([cell(bank.dimension(g).name) for g in gates])
        where = "<br>".join(
            f"{cell(bank.dimension(g).name)}: [{guide_label(bank, level.gates[g])}]"
            f"({prefix}{level.gates[g]})"
            for g in gates
        )
        lines.append(f"| {level.number}: {cell(level.name)} | {gate_names} | {where} |")
    profile = [d.name for d in bank.dimensions if not bank.gated_levels(d.id)]
    if profile:
        lines += [
            "",
            f"Profile areas, shown and advised on but never moving the level: "
            f"{join_names([cell(name) for name in profile])}.",
        ]
    return lines


def _rule_section(bank: Bank) -> list[str]:
    lines = ["## The rule", ""]
    lines += [f"{n}. {rule}" for n, rule in enumerate(scoring_rules(bank), start=1)]
    if bank.staged:
        lines += [
            "",
            "In symbols, with each open question counted at the lowest level: an area's level "
            "is nearest(average of its answers), an exact half rounding up; the level is the "
            "highest k such that, for every level j from 2 to k, every area that gates j is at "
            "Level j or above. The possible level is the same with each open question counted "
            "at the top level.",
        ]
    lines += [
        "",
        "What the rule guarantees, each checked by an automated property test on every change:",
        "",
        "- answering every question at the same level gives that level;",
        "- raising any answer never lowers a level;",
        '- switching any answer to "Not sure" never raises the confirmed level;',
        "- a result that is flat at one level except for a single answer one level higher or "
        "lower keeps that level;",
        "- the possible level is never below the confirmed level;",
    ]
    if bank.staged:
        lines += [
            "- a flat result at one level keeps it when an area that no level up to it needs "
            "drops to the lowest level;",
            "- a flat result at one level that misses one area that level needs by one step "
            "is one level lower, never more;",
            "- the order of the questions and areas never changes the level or the areas named "
            "in what to do next.",
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


def _levels_section(bank: Bank) -> list[str]:
    lines = [
        f"## The {count_words(len(bank.levels))} levels",
        "",
        "| Level | Name | In one sentence |",
        "| --- | --- | --- |",
    ]
    for level in bank.levels:
        lines.append(f"| {level.number} | {cell(level.name)} | {cell(level.summary)} |")
    return lines


def _dimensions_section(bank: Bank, prefix: str) -> list[str]:
    lines = [
        "## What the questions measure",
        "",
        f"The {len(bank.questions)} questions are grouped into {len(bank.dimensions)} areas "
        "of employee experience. The advice for an area depends on its level: the last column "
        "links the step that builds the area from each level to the next, wherever it sits in "
        "the playbook.",
        "",
        "| Area | What it covers | Questions | Step from each level |",
        "| --- | --- | --- | --- |",
    ]
    for dimension in bank.dimensions:
        questions = "<br>".join(
            f"Q{q.number}. {cell(q.text)}" for q in bank.questions_for(dimension.id)
        )
        steps = "<br>".join(
            f"{level}: [{guide_label(bank, link)}]({prefix}{link})"
            for level, link in dimension.steps.items()
        )
        lines.append(
            f"| {cell(dimension.name)} | {cell(dimension.description)} | {questions} | {steps} |"
        )
    return lines


def _validation_section(
    bank: Bank, organisations: Sequence[Organisation], prefix: str, history: str = ""
) -> list[str]:
    exact, within = hit_rate(bank, organisations)
    total = len(organisations)
    lines = [
        "## Validation: organisations described before the rule was tested",
        "",
        f"{total} organisations were described in prose from the level pages and the source "
        "material, each with the level the playbook's model gives it, a defensible range and "
        "the reason, before their answers were fixed. Their answers were then derived from "
        "the prose alone. Any organisation the rule misplaces counts against the rule, not "
        "the description. This table is computed on every build.",
        "",
        f"**{exact} of {total} exact ({round(100 * exact / total)}%), {within} of {total} within "
        f"the defensible range ({round(100 * within / total)}%).**"
        if total
        else "",
        "",
    ]
    table = [
        "| Organisation | Expected (range) | Scored | Why that level |",
        "| --- | --- | --- | --- |",
    ]
    del prefix
    for organisation in organisations:
        result = score(bank, organisation.answers)
        scored = level_statement(result) or "no level"
        low, high = organisation.range
        span = f"Level {organisation.expected}" + (f" ({low} to {high})" if low != high else "")
        mark = "" if result.level == organisation.expected else " (missed)"
        table.append(
            f"| {cell(organisation.name)} | {span} | {cell(scored)}{mark} | "
            f"{cell(organisation.why)} |"
        )
    return [*lines, *collapsed(f"The {total} organisations, expected and scored", table)]


def _calibration_section(bank: Bank, personas: Sequence[Persona], prefix: str) -> list[str]:
    lines = [
        "## Regression organisations",
        "",
        f"{len(personas)} further organisations were written by the project together with "
        "earlier rules: flat ones, noisy ones (answers one level off here and there), uneven "
        'ones, and one that hides its weak areas behind "Not sure". Because they were written '
        "with a rule in mind, they prove little about the rule; they are kept as regression "
        "tests, which fail if a change moves any of them.",
        "",
    ]
    table = [
        "| Organisation | Kind | Expected | Scored | Why that level (from the level page) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for persona in personas:
        result = score(bank, persona.answers)
        scored = level_statement(result) or "no level"
        page = f"[Level {persona.expected}]({prefix}{persona.source})"
        why = f"“{cell(persona.justification)}” ({page})"
        table.append(
            f"| {cell(persona.name)} | {persona.kind} | Level {persona.expected} | "
            f"{cell(scored)} | {why} |"
        )
    return [*lines, *collapsed(f"The {len(personas)} regression organisations", table)]


def scoring_rules_markdown(
    bank: Bank,
    personas: Sequence[Persona] = (),
    link_prefix: str = "../",
    organisations: Sequence[Organisation] = (),
    history: str = "",
) -> str:
    """Markdown body for the "How scoring works" page.

    ``link_prefix`` is put before docs-relative links; the default suits a page one folder
    deep, such as ``assessment/how-scoring-works.md``.
    """
    sections = [
        _in_short(bank),
        _rule_section(bank),
        _gates_section(bank, link_prefix),
        _minimum_section(bank),
        _levels_section(bank),
        _dimensions_section(bank, link_prefix),
        example_section(bank),
    ]
    if organisations:
        sections.append(_validation_section(bank, organisations, link_prefix, history))
    if personas:
        sections.append(_calibration_section(bank, personas, link_prefix))
    body = "\n\n".join("\n".join(section) for section in sections)
    return body + "\n"
