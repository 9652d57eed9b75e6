"""Waits on conditions, never on the clock, for the browser tests.

A fixed wait is too short on a busy machine and too long on a quiet one. Each helper here
returns once something has happened in the page: frames have been drawn, the page has stopped
scrolling, an element's animations have finished, an asynchronous check came true, or the
scorer answered a request sent after the one under test (its worker answers in order). A test
that checks that something did NOT happen waits on one of these first, so that the thing had
its chance, and then looks.
"""

from __future__ import annotations

from typing import Any

from harness import SiteServer

#: How long a condition may take before the test fails, unless the test says otherwise.
TIMEOUT_MS = 60_000


def next_frames(page: Any, count: int = 2) -> None:
    """Return after the page has drawn ``count`` more frames: what a script (Material's, the
    site's) does on its next frames, in reaction to a scroll, a resize or a click, is done, and
    the frames' layout shifts are recorded."""
    page.evaluate(
        """(count) => new Promise((resolve) => {
            const tick = () => (count-- > 0 ? requestAnimationFrame(tick) : resolve());
            tick();
        })""",
        count,
    )


def scroll_settled(page: Any, quiet_frames: int = 3) -> None:
    """Return once the page has drawn ``quiet_frames`` frames in a row without scrolling: a
    smooth scroll has ended, scroll anchoring has done its part, and Material has reacted to
    the last scroll (a scroll event is dispatched in the frame that draws it, before that
    frame's animation callbacks)."""
    page.evaluate(
        """(quietFrames) => new Promise((resolve) => {
            let quiet = 0;
            const moved = () => { quiet = 0; };
            addEventListener("scroll", moved, {passive: true, capture: true});
            const tick = () => {
                if (++quiet > quietFrames) {
                    removeEventListener("scroll", moved, {capture: true});
                    resolve();
                } else {
                    requestAnimationFrame(tick);
                }
            };
            requestAnimationFrame(tick);
        })""",
        quiet_frames,
    )


def animations_finished(page: Any, selector: str) -> None:
    """Return once every animation and transition running on the element ``selector`` finds,
    or inside it, has finished (a drawer sliding in, a button fading in)."""
    page.evaluate(
        """async (selector) => {
            const element = document.querySelector(selector);
            if (!element) throw new Error(`nothing matches ${selector}`);
            await Promise.all(element.getAnimations({subtree: true}).map((a) => a.finished));
        }""",
        selector,
    )


WAIT_UNTIL_JS = """async ([arg, timeoutMs]) => {
    const check = CHECK;
    const deadline = performance.now() + timeoutMs;
    while ((await check(arg)) !== true) {
        if (performance.now() > deadline) return false;
        // The next frame, or a tenth of a second in a page drawn rarely (behind another).
        await new Promise((resolve) => {
            requestAnimationFrame(resolve);
            setTimeout(resolve, 100);
        });
    }
    return true;
}"""


def wait_until(page: Any, check: str, arg: Any, what: str, *, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until the async page function ``check`` (its source, called with ``arg``) returns
    true, checking again on each frame once the last check has finished; fail naming ``what``
    after ``timeout_ms``. (Playwright's ``wait_for_function`` does not await a promise: a pending
    one counts as true, so an async check there would pass at once.) The loop runs in the page:
    no round trip to the test for each check."""
    done = page.evaluate(WAIT_UNTIL_JS.replace("CHECK", check.strip()), [arg, timeout_ms])
    if done is not True:
        raise AssertionError(f"timed out waiting until {what}")


def scorer_answers_a_later_request(page: Any, site: SiteServer) -> None:
    """Send the page's scorer one more request (scoring no answers) and wait for its reply.
    The worker answers in the order it is asked, and the page handles each reply as it comes:
    once this one is back, every request sent before it has been answered and its reply
    handled (a result that would open, a message that would change)."""
    page.evaluate(
        """(url) => import(url).then((module) =>
            module.getScorer().request("score", {answers: {}}))""",
        site.url("javascripts/scorer/scorer.mjs"),
    )
