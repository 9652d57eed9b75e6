"""Downloadable copies of a result: JSON and CSV files built from a result code.

The JSON file is the full result (see :func:`quiz._results.report.result_to_dict`). It keeps
the ``answers`` object, so ``python -m quiz score FILE`` can score it again. The CSV
file has one row per question with the chosen level and statement; the CSV files start with
a byte order mark, so spreadsheet programs read them as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from .._bank.model import NA, Bank, na_label, not_sure_label
from .._text import text as sentence
from .plan import PlanItem

__all__ = ["ExportFile", "export_csv", "export_files", "export_json_file", "safe_cell"]

_BASENAME = "ex-maturity-result"
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
#: Byte order mark: spreadsheet programs then read the CSV files as UTF-8 (names like "Zoë").
CSV_BOM = "\ufeff"
#: The columns of the CSV files; their headings are the catalog's ``results.csv_<column>``.
_RESULT_COLUMNS = ("number", "question_id", "dimension", "question", "level", "answer")
_PLAN_COLUMNS = ("area", "step", "owner", "due", "guide")


@dataclass(frozen=True)
class ExportFile:
    """A file offered for download."""

    filename: str
    media_type: str
    content: str


def _plan_dicts(plan: tuple[PlanItem, ...]) -> list[dict[str, object]]:
    return [
        {
            "dimension": item.dimension,
            "guide": item.guide,
            "steps": [{"step": s.step, "owner": s.owner, "due": s.due} for s in item.steps],
        }
        for item in plan
    ]


def export_json_file(
    result: Mapping[str, object], plan: tuple[PlanItem, ...] | None = None
) -> ExportFile:
    """The result (see :mod:`quiz._results.report`) as a JSON file, with the plan."""
    data = dict(result) if plan is None else {**result, "plan": _plan_dicts(plan)}
    content = json.dumps(data, indent=2) + "\n"
    return ExportFile(f"{_BASENAME}.json", "application/json", content)


def safe_cell(text: str) -> str:
    """Stop spreadsheet programs from treating a cell as a formula."""
    return "'" + text if text.startswith(_RISKY_START) else text


def export_csv(bank: Bank, result: Mapping[str, object]) -> ExportFile:
    """One row per question: number, id, dimension, question, level, statement.

    A plain table (no summary rows) so spreadsheets and scripts read it as-is; the result code
    and level are in the JSON download.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sentence(f"results.csv_{name}") for name in _RESULT_COLUMNS])
    answers = result["answers"]
    assert isinstance(answers, Mapping)
    for question in bank.questions:
        if question.id not in answers:
            level_cell, answer = "", sentence("results.csv_not_answered")
        elif (level := answers[question.id]) is None:
            level_cell, answer = "", not_sure_label()
        elif level == NA:
            level_cell, answer = NA, na_label()
        else:
            level_cell, answer = str(level), question.option(level).text
        writer.writerow(
            [
                question.number,
                question.id,
                question.dimension,
                safe_cell(question.text),
                level_cell,
                safe_cell(answer),
            ]
        )
    return ExportFile(f"{_BASENAME}.csv", "text/csv", CSV_BOM + out.getvalue())


def export_plan_csv(bank: Bank, plan: tuple[PlanItem, ...]) -> ExportFile:
    """One row per planned step: area, step, owner, due date and the playbook link."""
    names = {d.id: d.name for d in bank.dimensions}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sentence(f"results.csv_{name}") for name in _PLAN_COLUMNS])
    for item in plan:
        for step in item.steps:
            writer.writerow(
                [
                    safe_cell(names.get(item.dimension, item.dimension)),
                    safe_cell(step.step),
                    safe_cell(step.owner),
                    step.due,
                    safe_cell(item.guide),
                ]
            )
    return ExportFile(f"{_BASENAME}-plan.csv", "text/csv", CSV_BOM + out.getvalue())


def export_files(
    bank: Bank, result: Mapping[str, object], plan: tuple[PlanItem, ...] | None = None
) -> dict[str, ExportFile]:
    """The downloads, keyed ``json`` and ``csv``, plus ``plan_csv`` when there is a plan."""
    files = {"json": export_json_file(result, plan), "csv": export_csv(bank, result)}
    if plan is not None:
        files["plan_csv"] = export_plan_csv(bank, plan)
    return files
