"""What the failure tests share: answering the assessment's questions on its page, and the result
CPython gives for a set of answers (``quiz.web.score_json``).
"""

from __future__ import annotations

import json
from typing import Any

from quiz.web import score_json


def answer(page: Any, answers: dict[str, int | str | None]) -> None:
    for qid, level in answers.items():
        value = "unsure" if level is None else str(level)
        page.locator(f"label[for='q-{qid}-{value}']").click()


def cli_result(answers: dict[str, int | str | None]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(score_json(json.dumps({"answers": answers})))["result"]
    return result
