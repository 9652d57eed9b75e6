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
from .errors import AnswerError

__all__ = [
    "PAGE_MESSAGES",
    "UNEXPECTED",
    "compare_json",
    "decode_json",
    "export_json",
    "history_json",
    "score_json",
    "team_json",
    "warm_up",
]

#: The sentences a page shows without asking the scorer: about what happens around it (a result
#: page that could not be opened, answers changed in another tab, a damaged download, the offline
#: copy), some of them before Python has even started. Each page carries them as JSON
#: (hooks/page_messages.py, read by docs/javascripts/shared/messages.mjs), so they are still written
#: here. ``{name}`` marks where the page puts a value or a link.
PAGE_MESSAGES: dict[str, str] = {
    # The result is scored, but its level page did not arrive (page.mjs): one sentence.
    "result_unopened": (
        "The Level {level} page could not be opened ({reason}), so your result is shown"
        " below; it is saved in this browser, and this link opens it on its page: {link}."
    ),
    "result_unopened_unsaved": (
        "The Level {level} page could not be opened ({reason}), so your result is shown"
        " below; this browser is not saving results, so keep this link, which opens it on its"
        " page: {link}."
    ),
    "reason_offline": "this browser is offline",
    "reason_slow": "it took more than {seconds} seconds to arrive",
    "reason_failed": "the site did not send it",
    # Another tab or window changed the saved answers, and this form now shows them (form.mjs).
    "answers_elsewhere": (
        "Your answers were changed in another tab or window; this form now shows them."
    ),
    # Importing a history file (history.mjs, saved.mjs): its plan, and what it cannot hold.
    "history_plan_added": "Owners and due dates came with it for {count} of the plan's steps.",
    "history_plan_kept": (
        "Where a step already had its own owner or due date in this browser ({count} of them),"
        " those were kept."
    ),
    # Refusals: the page adds "Nothing was changed."
    "history_plan_unreadable": "The plan in this history file could not be read.",
    "history_future": (
        "Result {number} in this file is dated {date}, after today ({today}): a result cannot"
        " come from the future. Check the date on the computer that made the file."
    ),
    # What this site keeps in the browser (forget.mjs, on the progress page), besides the rest.
    "kept_templates": "what you type into a template, until you close its tab",
    "kept_offline": (
        "an offline copy of the playbook and its scorer (about 8 MB), so that the assessment,"
        " the level pages and your saved results open without a network"
    ),
    # A file of the scorer arrived, but not as built (scorer-loader.mjs checks its size, first
    # bytes and SHA-256): the page adds "Your answers are safe." and "Try again".
    "failed_damaged": (
        "Part of the scorer ({file}) arrived damaged or was blocked on the way, which a"
        " network's sign-in page or filter can do. Try again; if that fails, try another"
        " network, or reload the page."
    ),
}

UNEXPECTED = (
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
        return json.dumps({"ok": False, "error": UNEXPECTED, "detail": traceback.format_exc()})


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
