"""The progress and plan functions the browser calls (CPython side), through :mod:`quiz.web` as
the browser calls them: saved results read with unreadable ones marked, a malformed history
as an error message, the change per area between two results, and a plan carried into the
JSON and its own CSV."""

from __future__ import annotations

import json

import pytest

from quiz import encode
from quiz.web import compare_json, export_json, history_json
from tests.quiz_team_report_support import BANK, V1_CODES, codes, ok


def test_history_reads_saved_results_and_marks_unreadable_ones() -> None:
    (a,) = codes(1)
    entries = [
        {"code": a, "date": "2026-01-01"},
        {"code": V1_CODES[2], "date": "2025-06-01"},
        {"code": "junk", "date": "2026-02-01"},
    ]
    result = ok(history_json(json.dumps(entries)))
    assert [e.get("legacy") for e in result["entries"]] == [False, True, None]
    assert "error" in result["entries"][2]
    assert [d["id"] for d in result["dimensions"]] == [d.id for d in BANK.dimensions]


@pytest.mark.parametrize("bad", ["{", "{}", '[{"code": 1}]', '["x"]'])
def test_a_malformed_history_is_an_error_message(bad: str) -> None:
    data = json.loads(history_json(bad))
    assert data["ok"] is False
    assert data["error"]


def test_compare_gives_the_change_per_area() -> None:
    low = encode(BANK, {q.id: 2 for q in BANK.questions})
    high = encode(BANK, {q.id: 3 for q in BANK.questions})
    result = ok(compare_json(low, high))
    assert result["level"] == {"before": 2, "after": 3}
    assert {row["change"] for row in result["dimensions"]} == {1}
    assert result["comparable"] is True


def test_a_plan_is_carried_into_the_json_and_its_own_csv() -> None:
    (code,) = codes(1)
    plan = [
        {
            "dimension": "x",
            "guide": "g",
            "steps": [{"step": "=Do", "owner": "A", "due": "2027-01-02"}],
        }
    ]
    files = ok(export_json(code, json.dumps(plan)))
    assert json.loads(files["json"]["content"])["plan"] == plan
    assert "'=Do,A,2027-01-02" in files["plan_csv"]["content"]
    bad = json.loads(export_json(code, json.dumps([{"steps": [{"due": "soon"}]}])))
    assert bad["ok"] is False
    assert "date" in bad["error"]
