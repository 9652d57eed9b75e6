"""Run axe-core (the pinned npm package) in a Playwright page and format its violations."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@cache
def _axe_source() -> str:
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make setup` (npm ci) first")
    return AXE_JS.read_text(encoding="utf-8")


# Material's frame around every page's content: the same template and styles on each page.
CHROME = ".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"


def axe_violations(page: Any, *, skip_chrome: bool = False) -> list[str]:
    """axe-core's violations on the page, one readable line per failing node. With
    ``skip_chrome`` only the page's own part is checked, not Material's header, navigation
    and footer (for a walk over many pages that has checked them on its first page)."""
    target = "document"
    if skip_chrome:
        target = "{exclude: [" + ", ".join(f"['{sel}']" for sel in CHROME) + "]}"
    page.evaluate(_axe_source())
    # Transitions end first: a button half-way through fading in has too little contrast.
    # Then a quick pass: no CSS selectors for the nodes (computing them is about a third of
    # axe's time) and no frames (the site has none). Only when something fails does a second
    # pass find the selectors that name the failing nodes.
    quick = "{resultTypes: ['violations'], selectors: false, iframes: false}"
    count = page.evaluate(
        "() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => 0)))"
        f".then(() => axe.run({target}, {quick})).then((r) => r.violations.length)"
    )
    if count == 0:
        return []
    results = page.evaluate(f"() => axe.run({target}, {{resultTypes: ['violations']}})")
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {', '.join(node['target'])}")
    return lines
