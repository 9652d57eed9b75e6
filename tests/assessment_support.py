"""What the assessment's browser tests share: what the command line gives for a set of answers,
named answer patterns, and the steps a reader takes on the assessment page (answer, submit,
wait for the scorer and the result panel).

The shared page whose scorer is already loaded (the ``warm`` fixture, in tests/conftest.py)
uses ``wait_ready`` and ``start_fresh`` from here.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import zipfile
from collections.abc import Mapping
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness import SiteServer, instant_goto
from quiz import check_answers, describe, load_bank
from tests.ui_text import ui

BANK = load_bank()
QUESTION_IDS = [q.id for q in BANK.questions]
LEVELS = [level.number for level in BANK.levels]
READY_TIMEOUT_MS = 60_000
SIZES = ("390x844", "1280x800")


def cli_score(answers: Mapping[str, int | str | None]) -> dict[str, Any]:
    """What CPython gives for these answers: the functions behind ``python -m quiz score``
    (tests/test_quiz_cli_score.py runs the command itself), called in this process."""
    result: dict[str, Any] = json.loads(json.dumps(describe(BANK, check_answers(BANK, answers))))
    return result


def pattern(name: str) -> dict[str, int | None]:
    """Named answer patterns: uniform ("all-3"), mixed, with "not sure" answers."""
    if name.startswith("all-"):
        return dict.fromkeys(QUESTION_IDS, int(name[4:]))
    rng = random.Random(name)
    answers: dict[str, int | None] = {q: rng.choice(LEVELS) for q in QUESTION_IDS}
    if name == "mixed-with-unsure":
        for q in QUESTION_IDS[::5]:
            answers[q] = None
    return answers


def choice_value(level: int | str | None) -> str:
    return "unsure" if level is None else str(level)  # "na" is its own value


def wait_ready(page: Any) -> None:
    page.locator("#ex-status[data-scorer=ready]").wait_for(
        state="attached", timeout=READY_TIMEOUT_MS
    )


def wait_for_panel(page: Any) -> Any:
    panel = page.locator("#ex-result[data-state=result], #ex-result[data-state=error]")
    panel.wait_for(timeout=READY_TIMEOUT_MS)
    return page.locator("#ex-result")


def set_hash(page: Any, fragment: str) -> None:
    page.evaluate("(fragment) => { location.hash = fragment; }", fragment)


def answer_all(page: Any, answers: Mapping[str, int | str | None]) -> None:
    for qid, level in answers.items():
        page.locator(f"label[for='q-{qid}-{choice_value(level)}']").click()


def submit(page: Any) -> None:
    page.get_by_role("button", name=ui("build.form.submit")).click()


def start_fresh(page: Any, site: SiteServer) -> None:
    """The warm page, back on the assessment with no answers (instant navigation)."""
    if not page.url.startswith(site.url("assessment/")):
        instant_goto(page, site.url("assessment/"))
    page.locator("#ex-assessment[data-ready]").wait_for()
    page.get_by_role("button", name=ui("build.form.reset")).click()
    wait_ready(page)


def result_url(site: SiteServer, expected: dict[str, Any], path: str = "") -> str:
    return site.url(f"{expected['page'].removesuffix('.md')}/{path}#result={expected['code']}")


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the element is wholly in view once the page has settled (questions drawn for
    the first time as the page scrolls may move it for a frame or two)."""
    try:
        page.wait_for_function(
            """(selector) => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
            }""",
            arg=selector,
            timeout=2_000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def planted_wheel(site: SiteServer) -> tuple[bytes, str]:
    """The built wheel with ``quiz.web.decode_json`` failing inside Python, and the lock file
    that vouches for it."""
    folder = site.root / "pyodide"
    [wheel] = folder.glob("*.whl")
    source = io.BytesIO(wheel.read_bytes())
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "quiz/web.py":
                text = data.decode("utf-8")
                original = "return _reply(lambda: describe(open_code(code)))"
                assert original in text
                text = text.replace(original, "return _reply(_planted)")
                text += "\n\ndef _planted() -> object:\n    raise RuntimeError('planted failure')\n"
                data = text.encode("utf-8")
            new.writestr(item, data)
    body = target.getvalue()
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["ex-quiz"]["sha256"] = hashlib.sha256(body).hexdigest()
    return body, json.dumps(lock)
