"""Downloadable copies of a result: JSON and CSV files built from a result code.

The JSON file is the full result (see :func:`quiz.report.result_to_dict`). It keeps
the ``answers`` object, so ``python -m quiz score FILE`` can score it again. The CSV
file has one row per question with the chosen level and statement.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from .model import NOT_SURE_LABEL, Bank

__all__ = ["ExportFile", "export_csv", "export_files", "export_json_file"]

_BASENAME = "ex-maturity-result"
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """A file offered for download."""

    filename: str
    media_type: str
    content: str


def export_json_file(result: Mapping[str, object]) -> ExportFile:
    """The result (see :func:`quiz.report.result_to_dict`) as a JSON file."""
    content = json.dumps(result, indent=2) + "\n"
    return ExportFile(f"{_BASENAME}.json", "application/json", content)


def _safe(text: str) -> str:
    """Stop spreadsheet programs from treating a cell as a formula."""
    return "'" + text if text.startswith(_RISKY_START) else text


def export_csv(bank: Bank, result: Mapping[str, object]) -> ExportFile:
    """One row per question: number, id, dimension, question, level, statement.

    A plain table (no summary rows) so spreadsheets and scripts read it as-is; the result code
    and level are in the JSON download.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["number", "question_id", "dimension", "question", "level", "answer"])
    answers = result["answers"]
    assert isinstance(answers, Mapping)
    for question in bank.questions:
        if question.id not in answers:
            level_cell, answer = "", "(not answered)"
        elif (level := answers[question.id]) is None:
            level_cell, answer = "", NOT_SURE_LABEL
        else:
            level_cell, answer = str(level), question.option(level).text
        writer.writerow(
            [
                question.number,
                question.id,
                question.dimension,
                _safe(question.text),
                level_cell,
                _safe(answer),
            ]
        )
    return ExportFile(f"{_BASENAME}.csv", "text/csv", out.getvalue())


def export_files(bank: Bank, result: Mapping[str, object]) -> dict[str, ExportFile]:
    """Both downloads, keyed ``json`` and ``csv``."""
    return {"json": export_json_file(result), "csv": export_csv(bank, result)}
