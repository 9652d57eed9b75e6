"""Browser entry points, called from a Web Worker through Pyodide.

Each function returns JSON text and never raises. Results come back as
``{"ok": true, "result": {...}}`` (see :func:`quiz.report.result_to_dict` for the
schema) and problems as ``{"ok": false, "error": "<message for the reader>"}``.
"""

from __future__ import annotations

import json

from .answers import check_answers
from .codes import decode
from .export import export_files
from .loader import load_bank
from .payload import answers_from_json
from .report import bank_to_dict, result_to_dict
from .scoring import score

__all__ = ["bank_json", "decode_json", "export_json", "score_json"]

_UNEXPECTED = (
    "Something went wrong while working out your result. Please reload the page and try again."
)


def _ok(result: dict[str, object]) -> str:
    return json.dumps({"ok": True, "result": result})


def _error(message: str) -> str:
    return json.dumps({"ok": False, "error": " ".join(message.split())})


def score_json(answers_json: str) -> str:
    """Score ``{"answers": {...}}`` (or a bare answers object) given as JSON."""
    try:
        bank = load_bank()
        answers = check_answers(bank, answers_from_json(answers_json, wrapped=False))
        return _ok(result_to_dict(score(bank, answers)))
    except ValueError as exc:
        return _error(str(exc))
    except Exception:  # the browser must always get an answer
        return _error(_UNEXPECTED)


def decode_json(code: str) -> str:
    """Rebuild the result for a result code."""
    try:
        bank = load_bank()
        return _ok(result_to_dict(score(bank, decode(bank, code))))
    except ValueError as exc:
        return _error(str(exc))
    except Exception:  # the browser must always get an answer
        return _error(_UNEXPECTED)


def export_json(code: str) -> str:
    """Downloadable files for a result code.

    The result is ``{"json": file, "csv": file}`` where each file is
    ``{"filename", "media_type", "content"}``.
    """
    try:
        bank = load_bank()
        result = score(bank, decode(bank, code))
        files = {
            kind: {
                "filename": item.filename,
                "media_type": item.media_type,
                "content": item.content,
            }
            for kind, item in export_files(bank, result).items()
        }
        return _ok(dict(files))
    except ValueError as exc:
        return _error(str(exc))
    except Exception:  # the browser must always get an answer
        return _error(_UNEXPECTED)


def bank_json() -> str:
    """The question bank as ``{"ok": true, "result": {...}}``.

    The result follows :func:`quiz.report.bank_to_dict`.
    """
    try:
        return _ok(bank_to_dict(load_bank()))
    except Exception:  # the browser must always get an answer
        return _error(_UNEXPECTED)
