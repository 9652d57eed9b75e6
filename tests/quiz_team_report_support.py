"""What the tests of the team page's CPython side share: the report ``quiz.web`` gives the
browser for a "Result links" box, random people's codes, recorded v1 links, and the command
line run in this process.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path
from typing import Any

from quiz import Answers, encode, load_bank
from quiz.build import main
from quiz.web import team_json

BANK = load_bank()
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
#: The most people the page compares, and the longest name it takes: the limits its sentences
#: give ("Only the first 50 people are compared.", "names can be up to 80.").
MAX_MEMBERS = 50
MAX_NAME = 80
V1_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v1_codes.json").read_text(encoding="utf-8")
    )["cases"]
    if case["level"] is not None
]


def team_report(text: str) -> Any:
    """The team page's report for the text of its "Result links" box, as the browser receives
    it (typed loosely): ``quiz.web.team_json``, which must answer ``ok``."""
    return ok(team_json(text))


def command_line(*args: str) -> str:
    """``python -m quiz ARGS`` (its ``main``, in this process): what it prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def random_answers(rng: random.Random) -> Answers:
    return {q.id: rng.choice([*BANK.level_numbers, None]) for q in BANK.questions}


def codes(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [encode(BANK, random_answers(rng)) for _ in range(count)]


def ok(reply: str) -> Any:
    data = json.loads(reply)
    assert data["ok"], data
    return data["result"]
