"""Browser entry points: JSON in, JSON out, never an exception. Bad input comes back as
``{"ok": false, "error"}``; an unexpected failure also carries the traceback as ``detail``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, describe, encode, load_bank, open_code
from quiz import web as web_module
from quiz.errors import DAMAGED
from quiz.web import decode_json, export_json, score_json
from tests.quiz_support import ROOT, flat

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
V1_CASE: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8")
)["cases"][-1]
ENTRY_POINTS: dict[str, Callable[[str], str]] = {
    "score_json": score_json,
    "decode_json": decode_json,
    "export_json": export_json,
}


def reply(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    assert set(data) in ({"ok", "result"}, {"ok", "error"}, {"ok", "error", "detail"})
    assert data["ok"] is ("result" in data)
    return data


def bad_input(text: str) -> str:
    """The error of a reply to bad input: one line, and no traceback."""
    data = reply(text)
    assert data["ok"] is False
    assert "detail" not in data
    error: str = data["error"]
    assert error
    assert "\n" not in error
    assert "Traceback" not in error
    return error


def mixed_answers() -> Answers:
    """Levels, one "Not sure" and, where the bank offers it, one "not applicable"."""
    answers: Answers = {q: BANK.level_numbers[i % BANK.top] for i, q in enumerate(IDS)}
    answers[IDS[1]] = None
    offered = [q.id for q in BANK.questions if q.not_applicable]
    if offered:
        answers[offered[-1]] = "na"
    return answers


# --- score_json ---------------------------------------------------------------------------------


def test_score_json_returns_the_report_with_its_code() -> None:
    answers = mixed_answers()
    data = reply(score_json(json.dumps({"answers": answers})))
    assert data == {"ok": True, "result": describe(BANK, answers)}
    assert data["result"]["code"] == encode(BANK, answers)


def test_score_json_also_accepts_a_bare_answers_object() -> None:
    answers = flat(BANK, BANK.lowest + 1)
    assert reply(score_json(json.dumps(answers)))["result"]["level"] == BANK.lowest + 1


def test_score_json_puts_answers_in_bank_order() -> None:
    answers = dict(reversed(list(mixed_answers().items())))
    result = reply(score_json(json.dumps({"answers": answers})))["result"]
    assert list(result["answers"]) == IDS


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"answers": {IDS[0]: BANK.top + 1}}, f"outside the range {BANK.lowest} to {BANK.top}"),
        ({"answers": {IDS[0]: 0}}, "outside the range"),
        ({"answers": {IDS[0]: True}}, "not true"),
        ({"answers": {IDS[0]: "3"}}, "whole number"),
        ({"answers": {"no-such-question": BANK.lowest}}, "Unknown question id"),
        ({"answers": [1, 2]}, '"answers" must be an object'),
        ([1, 2], "JSON object"),
    ],
    ids=["too-high", "zero", "boolean", "text", "unknown-id", "list", "top-level-list"],
)
def test_score_json_reports_bad_answers_in_one_line_without_detail(
    payload: object, fragment: str
) -> None:
    assert fragment in bad_input(score_json(json.dumps(payload)))


@pytest.mark.parametrize("text", ["", '{"answers": ', "[" * 100_000])
def test_score_json_reports_unreadable_json(text: str) -> None:
    error = bad_input(score_json(text))
    assert "not valid JSON" in error or "nested too deeply" in error


# --- decode_json and export_json ----------------------------------------------------------------


def test_decode_json_matches_score_json() -> None:
    scored = reply(score_json(json.dumps({"answers": mixed_answers()})))
    assert reply(decode_json(scored["result"]["code"])) == scored


def test_decode_json_accepts_a_full_result_link() -> None:
    scored = reply(score_json(json.dumps({"answers": mixed_answers()})))
    link = f"https://example.org/playbook/levels/level-2/#result={scored['result']['code']}"
    assert reply(decode_json(link)) == scored


def test_decode_json_opens_a_v1_link_with_its_original_level_and_the_legacy_note() -> None:
    result = reply(decode_json(V1_CASE["code"]))["result"]
    assert result["level"] == V1_CASE["level"]
    assert result["dimensions"] == V1_CASE["dimensions"]
    assert result["legacy"]["version"] == 1
    assert result == describe(open_code(V1_CASE["code"]))


def test_decode_json_reports_damage_in_reader_words() -> None:
    code = encode(BANK, flat(BANK, BANK.top))
    assert bad_input(decode_json(code[:-2])) == DAMAGED


def test_export_json_offers_json_and_csv_downloads() -> None:
    answers = mixed_answers()
    files = reply(export_json(encode(BANK, answers)))["result"]
    assert set(files) == {"json", "csv"}
    assert files["json"]["media_type"] == "application/json"
    assert files["json"]["filename"].endswith(".json")
    assert json.loads(files["json"]["content"]) == describe(BANK, answers)
    assert files["csv"]["media_type"] == "text/csv"
    assert files["csv"]["filename"].endswith(".csv")
    assert files["csv"]["content"].startswith("\ufeff")  # spreadsheets then read UTF-8
    rows = files["csv"]["content"].removeprefix("\ufeff").splitlines()
    assert rows[0] == "number,question_id,dimension,question,level,answer"
    assert len(rows) == len(BANK.questions) + 1
    assert any(row.endswith(",Not sure") for row in rows)
    first = BANK.questions[0]
    level = answers[first.id]
    assert isinstance(level, int)
    assert first.option(level).text in files["csv"]["content"]


def test_export_json_exports_a_v1_link_with_the_v1_questions() -> None:
    files = reply(export_json(V1_CASE["code"]))["result"]
    opened = open_code(V1_CASE["code"])
    assert json.loads(files["json"]["content"])["legacy"]["version"] == 1
    rows = files["csv"]["content"].splitlines()
    assert len(rows) == len(opened.bank.questions) + 1


def test_export_json_reports_a_bad_code() -> None:
    assert "does not look like a result link" in bad_input(export_json("hello"))


# --- the error wrapper --------------------------------------------------------------------------


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_an_unexpected_failure_keeps_its_traceback_as_detail(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise Boom("the cause of the failure")

    monkeypatch.setattr(web_module, "describe", explode)
    argument = (
        json.dumps({"answers": flat(BANK, BANK.lowest)})
        if name == "score_json"
        else encode(BANK, flat(BANK, BANK.lowest))
    )
    data = reply(ENTRY_POINTS[name](argument))
    assert data["ok"] is False
    assert data["error"] == web_module.UNEXPECTED
    assert "Traceback" in data["detail"]
    assert "Boom: the cause of the failure" in data["detail"]
    assert "explode" in data["detail"]
    assert "the cause" not in data["error"]


def test_a_multi_line_message_is_folded_onto_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> object:
        raise ValueError("first line\n   second line")

    monkeypatch.setattr(web_module, "open_code", refuse)
    assert bad_input(decode_json("anything")) == "first line second line"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=50),
        JSON_VALUES.map(json.dumps),
        st.dictionaries(st.sampled_from(IDS), JSON_VALUES, max_size=4).map(
            lambda answers: json.dumps({"answers": answers})
        ),
    )
)
def test_any_input_gets_a_json_reply_and_never_an_unexpected_failure(text: str) -> None:
    for function in ENTRY_POINTS.values():
        data = reply(function(text))
        if not data["ok"]:
            assert "detail" not in data, data["detail"]
            assert data["error"]


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
@pytest.mark.parametrize("value", [None, 42, b"v2.AAAA", ["x"]])
def test_non_text_input_is_bad_input(name: str, value: object) -> None:
    bad_input(ENTRY_POINTS[name](value))  # type: ignore[arg-type]


def test_warm_up_reads_the_packaged_bank_so_the_first_request_finds_it_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[object] = []

    def counting_load_bank(path: object = None) -> object:
        reads.append(path)
        return load_bank()

    monkeypatch.setattr(web_module, "load_bank", counting_load_bank)
    web_module.warm_up()
    assert reads == [None]  # the packaged bank, read once


@pytest.mark.parametrize(
    ("module", "why"),
    [
        ("urllib.parse", "percent-encoding is quiz.percent's"),
        ("tomllib", "only reading a bank needs it"),
        ("importlib.resources", "only reading the packaged bank needs it"),
    ],
)
def test_importing_the_scorer_leaves_out_modules_its_start_up_does_not_need(
    module: str, why: str
) -> None:
    """Each cost 15-45 ms of the scorer's start-up under Pyodide, before it could say "ready"."""
    probe = f"import sys, quiz.web; print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", why


def test_reading_the_bank_still_works_after_the_lazy_imports() -> None:
    probe = "import sys, quiz.web; quiz.web.warm_up(); print('tomllib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
