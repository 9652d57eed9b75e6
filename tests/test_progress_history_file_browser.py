"""The progress page's history file in the browser: saved results exported and imported, bad
files refused with their reason and nothing changed, the cap on saved results, and the file
field's focus ring.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness import SiteServer, WatchedPage, watch
from tests.progress_support import (
    HISTORY_KEY,
    READY_TIMEOUT_MS,
    dated,
    import_file,
    mixed,
    open_history,
    result_for,
    saved_history,
    seed_history,
    uniform,
)
from tests.ui_text import CUT, ui, ui_upto

pytestmark = pytest.mark.browser


def history_file(site: SiteServer, page: Any) -> dict[str, Any]:
    with page.expect_download() as download:
        page.get_by_role("button", name=ui("page.history_download")).click()
    data: dict[str, Any] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    return data


def test_the_history_exports_and_imports_and_bad_files_change_nothing(
    site: SiteServer, watched: WatchedPage, context: Any
) -> None:
    page = watched.page
    entries = [
        {"code": result_for(uniform(1))["code"], "date": "2026-01-15"},
        {"code": result_for(mixed())["code"], "date": "2026-06-30"},
    ]
    page.goto(site.url("assessment/history/"))
    seed_history(page, entries)
    open_history(site, page)
    exported = history_file(site, page)
    assert exported["entries"] == entries
    good = json.dumps(exported)

    # A browser with nothing saved: this one, its saved results emptied (what it keeps is
    # all that differs; the scorer and the files in the cache are no part of this).
    page.evaluate("localStorage.clear()")
    page.close()
    fresh = watch(context).page
    fresh.goto(site.url("assessment/history/"))
    fresh.get_by_text(ui_upto("page.history_none", link=CUT)).wait_for(timeout=READY_TIMEOUT_MS)
    downloads: list[Any] = []
    fresh.on("download", lambda download: downloads.append(download))
    fresh.get_by_role("button", name=ui("page.history_download")).click()
    fresh.get_by_text(ui("page.history_nothing_to_download")).wait_for()
    assert downloads == []  # an empty file would only be refused by the import
    bad_files: list[tuple[str | bytes, str]] = [
        ("this is not JSON", "not JSON"),
        (json.dumps({"entries": entries}), "not a history saved from this page"),
        (
            json.dumps({**exported, "entries": [{"code": entries[0]["code"], "date": "1/2"}]}),
            "Result 1 in this file is not a result code with a date",
        ),
        (
            json.dumps(
                {**exported, "entries": [*entries, {"code": "v2.AAAA", "date": "2026-07-01"}]}
            ),
            "Result 3 in this file could not be read",
        ),
    ]
    for content, reason in bad_files:
        text = import_file(fresh, content)
        assert reason in text
        assert "Nothing was changed." in text
        assert fresh.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    assert "Imported 2 results" in import_file(fresh, good, "mine.json")
    assert saved_history(fresh) == entries
    fresh.locator(".ex-history__list a").nth(1).wait_for(timeout=READY_TIMEOUT_MS)
    assert "already saved" in import_file(fresh, good, "mine-again.json")
    assert saved_history(fresh) == entries


def history_file_text(entries: list[dict[str, str]]) -> str:
    return json.dumps(
        {
            "format": "ex-maturity-playbook/history",
            "version": 1,
            "exported": "2026-01-01",
            "entries": entries,
        }
    )


def test_an_import_past_the_cap_says_how_many_of_the_oldest_results_were_not_kept(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    code = result_for(mixed())["code"]
    page.goto(site.url("assessment/history/"))
    seed_history(page, dated(200, "2020-01-01", code))
    open_history(site, page)
    newer = dated(400, "2023-01-01", code)
    text = import_file(page, history_file_text(newer), "big.json")
    assert "Imported 400 results from big.json." in text
    assert "at most 500 results" in text
    assert "the 100 results with the oldest dates" in text
    assert "not kept" in text
    saved = saved_history(page)
    assert len(saved) == 500
    assert saved[0]["date"] == "2020-04-10"  # the 100 oldest went
    assert saved[-1] == newer[-1]


def test_an_impossible_date_and_a_file_without_results_are_refused_with_their_reason(
    site: SiteServer, watched: WatchedPage
) -> None:
    page = watched.page
    code = result_for(uniform(2))["code"]
    page.goto(site.url("assessment/history/"))
    page.get_by_text(ui_upto("page.history_none", link=CUT)).wait_for(timeout=READY_TIMEOUT_MS)
    text = import_file(page, history_file_text([{"code": code, "date": "2023-02-31"}]), "a.json")
    assert "Result 1 in this file is not a result code with a date" in text
    assert "Nothing was changed." in text
    text = import_file(page, history_file_text([]), "empty.json")
    assert "holds no results" in text
    assert "already saved" not in text
    assert "Nothing was changed." in text
    assert page.evaluate(f"localStorage.getItem('{HISTORY_KEY}')") is None
    assert "Imported 1 result " in import_file(
        page, history_file_text([{"code": code, "date": "2024-02-29"}]), "leap.json"
    )


def test_the_history_file_field_shows_a_focus_ring_from_the_keyboard(
    site: SiteServer, watched: WatchedPage
) -> None:
    """Material's reset takes the outline off every input; the file field of "Import a
    history file" showed no sign of focus (WCAG 2.4.7)."""
    page = watched.page
    page.goto(site.url("assessment/history/"))
    page.get_by_role("button", name=ui("page.history_download")).focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "ex-history-import":
            break
    ring = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {id: document.activeElement.id, style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert ring["id"] == "ex-history-import"
    assert ring["style"] != "none"
    assert ring["width"] >= 2
