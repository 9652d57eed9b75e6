"""Browser entry points, called from a Web Worker through Pyodide.

Each function takes JSON text (or a code) and returns JSON text, and never raises. Results
come back as ``{"ok": true, "result": {...}}`` (see :mod:`quiz._results.report`), and
problems as ``{"ok": false, "error": "<message for the reader>"}``. An unexpected failure
also carries ``"detail"``: the Python traceback, which the worker logs to the console while
the page shows only the short message.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable

from ._bank.loader import load_bank
from ._describe import describe
from ._results.export import export_files
from ._results.legacy import open_code
from ._results.plan import read_plan
from ._results.progress import compare, history
from ._scoring.answers import answers_from_json, check_answers
from ._teams.team_report import team_report
from ._text import REFERENCE, group, in_language, languages, set_language
from ._text import text as sentence
from .errors import AnswerError

__all__ = [
    "UNEXPECTED",
    "compare_json",
    "decode_json",
    "export_json",
    "history_json",
    "languages",
    "page_messages",
    "score_json",
    "team_json",
    "use_language",
    "warm_up",
]


def page_messages(lang: str | None = None) -> dict[str, str]:
    """The sentences a page shows without asking the scorer, in ``lang`` (by default the
    language in use): about what
    happens around it (a result page that could not be opened, answers changed in another tab,
    a damaged download, the offline copy), some of them before Python has even started. Each
    page carries them as JSON (hooks/page_messages.py, read by
    docs/javascripts/shared/messages.mjs); they are the catalog's ``page.`` messages
    (``quiz/catalog/<language>/``), and ``{name}`` marks where the page puts a value."""
    return group("page.", lang)


def __getattr__(name: str) -> str:
    """``UNEXPECTED``: the English sentence for a failure nobody planned for (the reader sees
    the one of the page's language)."""
    if name != "UNEXPECTED":
        raise AttributeError(f"module 'quiz.web' has no attribute '{name}'")
    with in_language(REFERENCE):
        return sentence("web.unexpected")


UNEXPECTED: str


def _reply(work: Callable[[], object]) -> str:
    """Run ``work`` and wrap its outcome; bad input keeps its message, anything else its
    traceback as ``detail``."""
    try:
        return json.dumps({"ok": True, "result": work()})
    except ValueError as exc:
        return json.dumps({"ok": False, "error": " ".join(str(exc).split())})
    except Exception:  # the browser must always get an answer
        return json.dumps(
            {"ok": False, "error": sentence("web.unexpected"), "detail": traceback.format_exc()}
        )


def use_language(lang: str) -> str:
    """Write every later reply in ``lang``, the page's language: its sentences from that
    language's catalog, the bank's text from its layer (``quiz/bank.fr.toml``). The worker
    calls it once, before the first request. Replies ``{"ok": true, "result": {"language"}}``,
    or an error naming the missing catalog."""

    def work() -> object:
        set_language(lang)
        load_bank()  # its text in that language, read now
        return {"language": lang}

    return _reply(work)


def warm_up() -> None:
    """Read the packaged bank now. The worker calls this just after saying the scorer is ready
    and before it saves the start-up snapshot, so the first request, and every repeat visit,
    find the bank already parsed."""
    load_bank()


def score_json(answers_json: str) -> str:
    """Score ``{"answers": {...}}`` (or a bare answers object) given as JSON."""

    def work() -> object:
        bank = load_bank()
        return describe(bank, check_answers(bank, answers_from_json(answers_json, wrapped=False)))

    return _reply(work)


def decode_json(code: str) -> str:
    """Rebuild the result for a result code or link (any version still supported)."""
    return _reply(lambda: describe(open_code(code)))


def export_json(code: str, plan_json: str = "") -> str:
    """Downloadable files for a result code: ``{"json": file, "csv": file}``, each file
    ``{"filename", "media_type", "content"}``. With a plan (see :mod:`quiz._results.plan`) the JSON
    file carries it as ``"plan"`` and a third file, ``plan_csv``, lists its steps."""

    def work() -> object:
        opened = open_code(code)
        plan = read_plan(plan_json) if plan_json else None
        files = export_files(opened.bank, describe(opened), plan)
        return {
            kind: {"filename": f.filename, "media_type": f.media_type, "content": f.content}
            for kind, f in files.items()
        }

    return _reply(work)


def team_json(text: str) -> str:
    """The team comparison for the text of the "Result links" box (``quiz._teams``)."""
    return _reply(lambda: team_report(text))


def history_json(entries_json: str) -> str:
    """Levels for the results saved in this browser: ``[{code, date}]`` as JSON."""

    def work() -> object:
        try:
            entries = json.loads(entries_json)
        except (json.JSONDecodeError, RecursionError):
            raise AnswerError("The saved history is not valid JSON.") from None
        return history(entries)

    return _reply(work)


def compare_json(previous: str, current: str) -> str:
    """Change per area between two result codes (:func:`quiz._results.progress.compare`)."""
    return _reply(lambda: compare(previous, current))
