"""Browser entry points: JSON in, JSON out, never an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import encode, load_bank, result_to_dict, score
from quiz.web import bank_json, decode_json, export_json, score_json

BANK = load_bank()
IDS = [q.id for q in BANK.questions]


def reply(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    assert set(data) in ({"ok", "result"}, {"ok", "error"})
    return data


def test_score_json_returns_the_report_schema() -> None:
    answers = dict.fromkeys(IDS, 3)
    data = reply(score_json(json.dumps({"answers": answers})))
    assert data == {"ok": True, "result": result_to_dict(score(BANK, answers))}


def test_score_json_also_accepts_a_bare_answers_object() -> None:
    answers = dict.fromkeys(IDS, 2)
    assert reply(score_json(json.dumps(answers)))["result"]["level"] == 2


def test_score_json_reports_bad_answers_as_errors() -> None:
    data = reply(score_json('{"answers": {"metrics-use": 8}}'))
    assert data["ok"] is False
    assert "outside the range" in data["error"]


def test_decode_json_matches_score_json() -> None:
    answers = {q: (i % 5) + 1 for i, q in enumerate(IDS)}
    scored = reply(score_json(json.dumps({"answers": answers})))
    assert reply(decode_json(scored["result"]["code"])) == scored


def test_decode_json_reports_damage_in_reader_words() -> None:
    data = reply(decode_json("v1.AAAA"))
    assert data["ok"] is False
    assert data["error"].startswith("This result link is damaged")


def test_export_json_offers_json_and_csv_downloads() -> None:
    answers: dict[str, int | None] = dict.fromkeys(IDS, 4)
    answers[IDS[1]] = None
    data = reply(export_json(encode(BANK, answers)))
    files = data["result"]
    assert files["json"]["media_type"] == "application/json"
    assert json.loads(files["json"]["content"])["answers"] == answers
    csv_text = files["csv"]["content"]
    assert files["csv"]["filename"].endswith(".csv")
    assert csv_text.startswith("number,question_id,dimension,question,level,answer\n")
    assert "Not sure" in csv_text
    assert BANK.question(IDS[0]).option(4).text in csv_text


def test_bank_json_wraps_the_bank() -> None:
    data = reply(bank_json())
    assert [q["id"] for q in data["result"]["questions"]] == IDS
    assert data["result"]["not_sure"] == {"label": "Not sure", "value": None}


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=50),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=10,
        ).map(json.dumps),
    )
)
def test_web_functions_never_raise(text: str) -> None:
    for function in (score_json, decode_json, export_json):
        data = reply(function(text))
        if not data["ok"]:
            assert data["error"]
