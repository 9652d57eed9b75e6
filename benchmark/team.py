"""Comparing a team on the team page once its scorer is ready: the worker's "team" request
alone, and the click on "Compare" until the "Team result" region is drawn."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from benchmark.paths import SCORER_MODULE, TEAM_PAGE
from benchmark.probes import TIMEOUT_MS, first_line, log
from quiz import load_bank
from quiz.web import score_json

TEAM_SIZE = 50


def team_text(size: int = TEAM_SIZE, seed: int = 50) -> str:
    """The "Result links" box for ``size`` people with random answers (fixed seed)."""
    rng = random.Random(seed)
    questions = [q.id for q in load_bank().questions]
    lines = []
    for person in range(1, size + 1):
        answers = {qid: rng.choice([1, 2, 3, 4, 5, None]) for qid in questions}
        reply = json.loads(score_json(json.dumps({"answers": answers})))
        lines.append(f"Person {person}: {reply['result']['code']}")
    return "\n".join(lines)


# In the team page, once its scorer is ready: the worker's "team" request alone, then a click
# on "Compare" until the "Team result" region holds the whole comparison (its last part, the
# buttons, is drawn last) and one frame later. performance.now() in the page throughout.
TEAM_TIMING_JS = """
async ([scorerUrl, text, size]) => {
  const { getScorer } = await import(scorerUrl);
  const started = performance.now();
  const reply = await getScorer().request("team", { text });
  const request = performance.now() - started;
  if (!reply.ok || reply.result.members.length !== size) throw new Error("unexpected team reply");
  const region = document.getElementById("ex-team-result");
  region.replaceChildren();
  region.hidden = true;
  document.getElementById("ex-team-links").value = text;
  const drawn = () => !region.hidden && region.querySelector(".ex-agenda ~ div .md-button");
  const timing = new Promise((resolve) => {
    const click = performance.now();
    const observer = new MutationObserver(() => {
      if (!drawn()) return;
      observer.disconnect();
      const dom = performance.now() - click;
      requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - click])));
    });
    observer.observe(region, { childList: true, subtree: true, attributes: true });
    document.querySelector("[data-ex-action=compare]").click();
  });
  const [dom, frame] = await timing;
  return { request, dom, frame };
}
"""


@dataclass(frozen=True)
class TeamTiming:
    """One comparison of TEAM_SIZE people, in ms."""

    request: float
    to_dom: float
    to_frame: float


@dataclass
class TeamRuns:
    """Every timed comparison, and the errors of runs that failed."""

    runs: list[TeamTiming] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def measure_team(browser: Browser, base: str, count: int, warmup: int) -> TeamRuns:
    """Compare TEAM_SIZE people ``warmup + count`` times on one team page; keep the last."""
    result = TeamRuns()
    text = team_text()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + TEAM_PAGE, timeout=TIMEOUT_MS)
        page.locator("#ex-team-status").filter(has_text="Ready").wait_for(timeout=TIMEOUT_MS)
        for index in range(warmup + count):
            log(
                f"team comparison {index + 1 - warmup}/{count}"
                if index >= warmup
                else "team warm-up"
            )
            try:
                timing = page.evaluate(TEAM_TIMING_JS, [base + SCORER_MODULE, text, TEAM_SIZE])
            except PlaywrightError as error:
                result.errors.append(f"team run {index + 1}: {first_line(error)}")
                continue
            if index >= warmup:
                result.runs.append(
                    TeamTiming(
                        float(timing["request"]), float(timing["dom"]), float(timing["frame"])
                    )
                )
    except PlaywrightError as error:
        result.errors.append(f"team page: {first_line(error)}")
    finally:
        context.close()
    return result
