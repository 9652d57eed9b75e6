"""Every kind of request the scorer's worker answers, with the inputs that take each path.

Two users, so that what is traced is what is tested:

* the build (``hooks/pyodide_assets.py``) runs :func:`run_all` under Pyodide, in Node
  (``hooks/stdlib-trace.mjs``), to find which standard-library modules the scorer imports,
  and ships ``python_stdlib.zip`` cut to them;
* ``tests/test_runtime_files_browser.py`` sends the same :func:`worker_requests` to the real
  worker in Chromium, fresh and restored from its snapshot, and fails naming any module the
  cut library lacks.

The requests are the worker's messages (``docs/javascripts/scorer/protocol.mjs``) without their
ids; before the first of them the worker gives Python the page's language
(:func:`use_language`, not a request: the worker's name carries it). They cover good and bad
input of each kind, in every language, results of every code version still opened (the frozen
v1 and v2 banks as well as the current one), a plan, a team with an unreadable line, and an
unexpected error's traceback. Standard library only: it runs in the browser's Python.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from quiz import Bank, encode, load_bank, web

Request = dict[str, Any]


def _answers(bank: Bank, level: int) -> dict[str, int]:
    """Every question answered at ``level`` (or the bank's nearest)."""
    levels = bank.level_numbers
    chosen = min(levels, key=lambda number: abs(number - level))
    return {question.id: chosen for question in bank.questions}


def _plan(bank: Bank) -> list[dict[str, object]]:
    """A one-area plan with an owner and a due date, as the progress page sends it."""
    area = bank.dimensions[0]
    step = {"step": "A first step", "owner": "Ana \u202eMaría", "due": "2027-03-31"}
    return [{"dimension": area.id, "guide": "", "steps": [step]}]


def _frozen_banks(bank: Bank) -> list[Bank]:
    """The frozen banks the wheel carries for earlier code versions, oldest first (this runs
    in the browser's Python too, where the build's own list of them is not shipped)."""
    frozen = []
    for version in range(1, bank.code_version):
        try:
            frozen.append(load_bank(version=version))
        except KeyError:
            continue
    return frozen


def worker_requests() -> list[Request]:
    """The requests, in the order a reader's visits would send them."""
    bank = load_bank()
    codes = [encode(bank, _answers(bank, level)) for level in (1, 3, 5)]
    old = [encode(frozen, _answers(frozen, 2)) for frozen in _frozen_banks(bank)]
    team = "\n".join([f"Ana: {codes[0]}", f"Ben {codes[1]}", codes[2], "not a result link", *old])
    entries = [
        {"code": code, "date": f"2026-0{month}-01"} for month, code in enumerate([*old, *codes], 1)
    ]
    return [
        {"type": "score", "answers": _answers(bank, 3)},
        {"type": "score", "answers": {**_answers(bank, 2), bank.questions[0].id: None}},
        {"type": "score", "answers": {"no-such-question": 9}},
        *({"type": "decode", "code": code} for code in [*codes, *old]),
        {"type": "decode", "code": "https://example.org/assessment/#result=v3.garbled"},
        {"type": "decode", "code": ""},
        {"type": "export", "code": codes[1]},
        {"type": "export", "code": codes[1], "plan": _plan(bank)},
        {"type": "export", "code": old[0], "plan": _plan(bank)},
        {"type": "team", "text": team},
        {"type": "team", "text": ""},
        {"type": "history", "entries": entries},
        {"type": "history", "entries": [{"code": "nonsense", "date": "2026-01-01"}]},
        {"type": "compare", "previous": old[-1], "current": codes[2]},
        {"type": "compare", "previous": codes[0], "current": "nonsense"},
    ]


#: What the worker calls for each request type (docs/javascripts/scorer/quiz-worker.mjs,
#: `handlers`).
HANDLERS: Mapping[str, Callable[[Request], str]] = {
    "score": lambda r: web.score_json(json.dumps({"answers": r["answers"]})),
    "decode": lambda r: web.decode_json(str(r["code"])),
    "export": lambda r: web.export_json(
        str(r["code"]), json.dumps(r["plan"]) if r.get("plan") else ""
    ),
    "team": lambda r: web.team_json(str(r["text"])),
    "history": lambda r: web.history_json(json.dumps(r["entries"])),
    "compare": lambda r: web.compare_json(str(r["previous"]), str(r["current"])),
}


def use_language(lang: str) -> None:
    """What the worker does once Python has started: write every later reply in the page's
    language (its name says it, ``lang=fr``; English without it)."""
    reply = json.loads(web.use_language(lang))
    if not reply["ok"]:
        raise RuntimeError(f"use_language({lang!r}): {reply}")


def run_all() -> list[dict[str, object]]:
    """Answer every request as the worker does and return the replies, in English (the
    worker's language when its page names none), after answering them in every other
    language too (a site is built in any of them, and what each imports is traced); also
    format a traceback, as the worker's replies to an unexpected failure do."""
    web.warm_up()
    first, *others = web.languages()  # the language the bank is written in, then the others
    for lang in others:
        use_language(lang)
        for request in worker_requests():
            HANDLERS[request["type"]](request)
    use_language(first)
    replies = [json.loads(HANDLERS[request["type"]](request)) for request in worker_requests()]
    try:
        raise RuntimeError("traced")
    except RuntimeError:
        traceback.format_exc()
    return replies
