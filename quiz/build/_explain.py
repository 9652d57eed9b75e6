"""Generate the "How scoring works" page from the bank and the scoring code.

Everything on the page (the rule in plain words, the areas each level needs, the minimum number
of areas, the area-to-step table, the worked examples, the validation and regression tables)
comes from the loaded bank and from calling the scorer (:func:`quiz.score`), so the page cannot
disagree with what the assessment actually does. Build-time only: the browser never imports
this module. Every sentence, heading and column name is the catalog's (``build.*``), in the
language in use.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._bank.model import Bank
from .._results.sentences import guide_label, level_statement
from .._scoring.scoring import score, scoring_rules
from .._text import plural, text
from ._calibration import Organisation, Persona, hit_rate
from ._examples import (
    example_section,
    gate_miss_example_answers,
    not_enough_example_answers,
    worked_example_answers,
)
from ._markdown import cell, collapsed, count_words, evidence, header, join_names

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
        f"## {text('build.short.title')}",
        "",
        text("build.short.decides", names=defining, level=shown),
        "",
        text("build.short.lower"),
    ]
    if missed and example.level is not None:
        name = bank.dimension(missed[0]).name
        lines[-1] += " " + text(
            "build.short.lower_example",
            level=level,
            area=name,
            below=level - 1,
            result=example.level,
        )
    return [*lines, "", text("build.short.range"), "", "---", "", text("build.short.rest")]


def _gates_section(bank: Bank, prefix: str) -> list[str]:
    if not bank.staged:
        return []
    lines = [
        f"## {text('build.gates.title')}",
        "",
        text("build.gates.intro"),
        "",
        *header("level", "needs", "where"),
    ]
    for level in bank.levels:
        gates = bank.gates(level.number)
        if not gates:
            continue
        gate_names = join_names([cell(bank.dimension(g).name) for g in gates])
        where = "<br>".join(
            text(
                "build.gates.where",
                area=cell(bank.dimension(g).name),
                label=guide_label(bank, level.gates[g]),
                link=f"{prefix}{level.gates[g]}",
            )
            for g in gates
        )
        title = text("build.gates.level", level=level.number, name=cell(level.name))
        lines.append(f"| {title} | {gate_names} | {where} |")
    profile = [d.name for d in bank.dimensions if not bank.gated_levels(d.id)]
    if profile:
        names = join_names([cell(name) for name in profile])
        lines += ["", text("build.gates.profile", names=names)]
    return lines


#: The guarantees the property tests check, by their ``build.rule.*`` keys; the staged rule's
#: own come after the others.
_GUARANTEES = ("flat", "raise", "not_sure", "one_off", "possible")
_STAGED_GUARANTEES = ("profile_drop", "gate_miss", "order")


def _rule_section(bank: Bank) -> list[str]:
    lines = [f"## {text('build.rule.title')}", ""]
    lines += [f"{n}. {rule}" for n, rule in enumerate(scoring_rules(bank), start=1)]
    if bank.staged:
        lines += ["", text("build.rule.symbols")]
    guarantees = _GUARANTEES + (_STAGED_GUARANTEES if bank.staged else ())
    lines += ["", text("build.rule.guarantees"), ""]
    return lines + [f"- {text(f'build.rule.{key}')}" for key in guarantees]


def _minimum_section(bank: Bank) -> list[str]:
    example = score(bank, not_enough_example_answers(bank))
    return [
        f"## {text('build.minimum.title')}",
        "",
        text(
            "build.minimum.text",
            needed=bank.scoring.min_dimensions,
            total=len(bank.dimensions),
            answered=example.answered,
        ),
        "",
        f"> {example.reason}",
    ]


def _levels_section(bank: Bank) -> list[str]:
    count = len(bank.levels)
    lines = [
        f"## {plural('build.levels.title', count, words=count_words(count))}",
        "",
        *header("level", "name", "summary"),
    ]
    for level in bank.levels:
        lines.append(f"| {level.number} | {cell(level.name)} | {cell(level.summary)} |")
    return lines


def _dimensions_section(bank: Bank, prefix: str) -> list[str]:
    lines = [
        f"## {text('build.areas.title')}",
        "",
        text("build.areas.intro", questions=len(bank.questions), areas=len(bank.dimensions)),
        "",
        *header("area", "covers", "questions", "steps"),
    ]
    for dimension in bank.dimensions:
        questions = "<br>".join(
            f"Q{q.number}. {cell(q.text)}" for q in bank.questions_for(dimension.id)
        )
        steps = "<br>".join(
            text(
                "build.areas.step",
                level=level,
                label=guide_label(bank, link),
                link=f"{prefix}{link}",
            )
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
    hits = (
        text(
            "build.validation.hits",
            exact=exact,
            total=total,
            exact_percent=round(100 * exact / total),
            within=within,
            within_percent=round(100 * within / total),
        )
        if total
        else ""
    )
    lines = [
        f"## {text('build.validation.title')}",
        "",
        text("build.validation.intro", total=total),
        "",
        hits,
        "",
    ]
    table = header("organisation", "expected_range", "scored", "why")
    del prefix
    missed = f" ({text('build.validation.missed')})"
    for organisation in organisations:
        result = score(bank, organisation.answers)
        scored = level_statement(result) or text("build.no_level")
        low, high = organisation.range
        span = (
            text("build.validation.range", level=organisation.expected, low=low, high=high)
            if low != high
            else text("build.level", level=organisation.expected)
        )
        mark = "" if result.level == organisation.expected else missed
        table.append(
            f"| {evidence(organisation.name)} | {span} | {cell(scored)}{mark} | "
            f"{evidence(organisation.why)} |"
        )
    title = text("build.validation.table", total=total)
    return [*lines, *collapsed(title, table)]


def _calibration_section(bank: Bank, personas: Sequence[Persona], prefix: str) -> list[str]:
    lines = [
        f"## {text('build.calibration.title')}",
        "",
        text("build.calibration.intro", count=len(personas)),
        "",
    ]
    table = header("organisation", "kind", "expected", "scored", "why_quoted")
    for persona in personas:
        result = score(bank, persona.answers)
        scored = level_statement(result) or text("build.no_level")
        expected = text("build.level", level=persona.expected)
        page = f"[{expected}]({prefix}{persona.source})"
        why = text("build.calibration.quote", quote=evidence(persona.justification), page=page)
        kind = text(f"build.kind.{persona.kind}")
        table.append(f"| {evidence(persona.name)} | {kind} | {expected} | {cell(scored)} | {why} |")
    title = text("build.calibration.table", count=len(personas))
    return [*lines, *collapsed(title, table)]


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
