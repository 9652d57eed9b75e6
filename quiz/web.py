"""Browser entry points, called from a Web Worker through Pyodide.

Each function takes JSON text (or a code) and returns JSON text, and never raises. Results
come back as ``{"ok": true, "result": {...}}`` (see :func:`quiz.report.result_to_dict`), and
problems as ``{"ok": false, "error": "<message for the reader>"}``. An unexpected failure
also carries ``"detail"``: the Python traceback, which the worker logs to the console while
the page shows only the short message.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable

from .answers import answers_from_json, check_answers
from .export import export_files
from .legacy import open_code
from .loader import load_bank
from .report import answers_to_dict, opened_to_dict

__all__ = ["decode_json", "export_json", "score_json"]

_UNEXPECTED = (
    "Something went wrong while working out your result. Please reload the page and try again."
)


def _reply(work: Callable[[], object]) -> str:
    """Run ``work`` and wrap its outcome; bad input keeps its message, anything else its
    traceback as ``detail``."""
    try:
        return json.dumps({"ok": True, "result": work()})
    except ValueError as exc:
        return json.dumps({"ok": False, "error": " ".join(str(exc).split())})
    except Exception:  # the browser must always get an answer
        return json.dumps({"ok": False, "error": _UNEXPECTED, "detail": traceback.format_exc()})


def score_json(answers_json: str) -> str:
    """Score ``{"answers": {...}}`` (or a bare answers object) given as JSON."""

    def work() -> object:
        bank = load_bank()
        return answers_to_dict(
            bank, check_answers(bank, answers_from_json(answers_json, wrapped=False))
        )

    return _reply(work)


def decode_json(code: str) -> str:
    """Rebuild the result for a result code or link (any version still supported)."""
    return _reply(lambda: opened_to_dict(open_code(code)))


def export_json(code: str) -> str:
    """Downloadable files for a result code: ``{"json": file, "csv": file}``, each file
    ``{"filename", "media_type", "content"}``."""

    def work() -> object:
        opened = open_code(code)
        files = export_files(opened.bank, opened_to_dict(opened))
        return {
            kind: {"filename": f.filename, "media_type": f.media_type, "content": f.content}
            for kind, f in files.items()
        }

    return _reply(work)
