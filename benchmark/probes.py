"""What the measures share: progress on stderr, the marks a script installed in every page
records (scorer ready, click, result panel), how long a page may take, and the answers the
benchmark gives with the result the CPython scorer gives for them."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from playwright.sync_api import Page

from quiz import load_bank
from quiz.web import score_json

TIMEOUT_MS = 120_000
ANSWER_LEVEL = 3  # every question answered "3": a deterministic result on levels/level-3/


# Installed in every page before its own scripts. It records, once per tab:
#   ready        ms from navigation start until #ex-status[data-scorer=ready];
#   click        wall-clock ms (timeOrigin + now) of the click on the submit button;
#   panel        wall-clock ms when #ex-result shows a result (data-state=result);
#   panel_frame  the same, one animation frame (and task) later: about when it is painted.
# Marks live in sessionStorage so they survive a full page load as well as instant navigation.
MARKS_SCRIPT = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const key = (name) => "bench:" + name;
  const mark = (name, value) => {
    if (sessionStorage.getItem(key(name)) === null) {
      sessionStorage.setItem(key(name), String(value));
    }
  };
  const check = () => {
    const status = document.querySelector("#ex-status[data-scorer=ready]");
    if (status) mark("ready", performance.now());
    const panel = document.querySelector("#ex-result[data-state=result]");
    if (panel && sessionStorage.getItem(key("panel")) === null) {
      mark("panel", now());
      requestAnimationFrame(() => setTimeout(() => mark("panel_frame", now()), 0));
    }
  };
  const watched = {subtree: true, childList: true, characterData: true};
  new MutationObserver(check).observe(document, watched);
  const onClick = (event) => {
    const target = event.target;
    const submit = target instanceof Element && target.closest("[data-ex-action=submit]");
    if (submit) mark("click", now());
  };
  addEventListener("click", onClick, {capture: true});
})();
"""


def log(message: str) -> None:
    """Progress for the person running the benchmark (stderr keeps stdout pure Markdown)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def first_line(error: BaseException) -> str:
    """The first line of an exception's message."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


@dataclass(frozen=True)
class Expected:
    """The answers the benchmark gives and the result the CPython scorer gives for them."""

    answers: dict[str, int]
    level: int
    code: str
    page: str  # the level page's site path, such as "levels/level-3/"


def expected_result() -> Expected:
    """Every question answered ``ANSWER_LEVEL``, scored by the CPython scorer."""
    answers = {q.id: ANSWER_LEVEL for q in load_bank().questions}
    reply = json.loads(score_json(json.dumps({"answers": answers})))
    result = reply["result"]
    page = str(result["page"]).removesuffix(".md") + "/"
    return Expected(answers, int(result["level"]), str(result["code"]), page)


def read_marks(page: Page) -> dict[str, float]:
    """The marks MARKS_SCRIPT recorded in this tab."""
    raw: dict[str, str] = page.evaluate(
        "Object.fromEntries(Object.keys(sessionStorage).filter((k) => k.startsWith('bench:'))"
        ".map((k) => [k.slice(6), sessionStorage.getItem(k)]))"
    )
    return {name: float(value) for name, value in raw.items()}


def wait_for_mark(page: Page, name: str) -> None:
    page.wait_for_function(
        f"() => sessionStorage.getItem('bench:{name}') !== null", timeout=TIMEOUT_MS, polling=50
    )
