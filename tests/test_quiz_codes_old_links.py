"""Result codes from earlier versions: the recorded ``v2.`` and ``v1.`` codes open with the levels
and areas their version gave them (the v1 rule is written out here independently), say why their
result differs, and a current code opens with the current rule. Every id, number and level comes
from the loaded bank.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, describe, encode, open_code, score
from quiz.errors import CodeError
from tests.quiz_codes_support import SAMPLE_CODES
from tests.quiz_support import BANK, LINK_BASE, V1_CASES, V2_CASES, any_answers, v1_bank

V1 = v1_bank()


@pytest.mark.parametrize("case", V2_CASES, ids=[case["code"] for case in V2_CASES])
def test_every_recorded_v2_code_opens_with_its_original_level_and_profile(
    case: dict[str, Any],
) -> None:
    opened = open_code(case["code"])
    assert opened.legacy
    assert opened.result.level == case["level"]
    assert opened.result.possible_level == case["possible_level"]
    assert {d.id: d.level for d in opened.result.dimensions} == case["dimensions"]


def legacy_note(code: str) -> dict[str, Any]:
    """What a result opened from ``code`` says about the version that made it."""
    note = describe(open_code(code))["legacy"]
    assert isinstance(note, dict)
    return note


#: The note a result opened from a version-1 link carries (the same for every such link).
V1_NOTE = legacy_note(V1_CASES[0]["code"])["message"]


def test_links_of_each_earlier_version_say_why_their_result_differs() -> None:
    v1, v2 = legacy_note(V1_CASES[0]["code"]), legacy_note(V2_CASES[0]["code"])
    assert (v1["version"], v2["version"]) == (1, 2)
    assert all(isinstance(note["message"], str) and note["message"] for note in (v1, v2))
    assert v1["message"] != v2["message"]


# --- old v1 links ---------------------------------------------------------------------------


def test_the_recorded_v1_codes_are_all_there() -> None:
    assert len(V1_CASES) >= 30
    assert len({case["code"] for case in V1_CASES}) == len(V1_CASES)
    assert all(case["code"].startswith("v1.") for case in V1_CASES)


@pytest.mark.parametrize("case", V1_CASES, ids=[case["code"] for case in V1_CASES])
def test_a_v1_code_opens_with_the_level_and_areas_v1_gave_it(case: dict[str, Any]) -> None:
    opened = open_code(case["code"])
    assert opened.bank is V1
    assert opened.legacy
    assert opened.result.level == case["level"]
    assert {d.id: d.level for d in opened.result.dimensions} == case["dimensions"]
    report = describe(opened)
    assert report["level"] == case["level"]
    assert report["possible_level"] == case["level"]
    assert report["dimensions"] == case["dimensions"]
    assert report["code"] == case["code"]
    assert report["legacy"] == {"version": 1, "message": V1_NOTE}
    linked = open_code(LINK_BASE + case["code"])
    assert linked.result == opened.result


def v1_rule(answers: Answers) -> int | None:
    """Version 1's rule, written out independently: floor averages, capped by the weakest."""
    levels = []
    for dimension in V1.dimensions:
        given_levels = [
            level
            for q in V1.questions_for(dimension.id)
            if isinstance(level := answers.get(q.id), int)
        ]
        if given_levels:
            levels.append(floor(Fraction(sum(given_levels), len(given_levels))))
    if len(levels) < V1.scoring.min_dimensions:
        return None
    return min(floor(Fraction(sum(levels), len(levels))), min(levels) + 1)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_v1_code_opens_with_the_v1_rule(data: st.DataObject) -> None:
    answers = data.draw(any_answers(V1))
    opened = open_code(encode(V1, answers))
    assert opened.answers == answers
    assert opened.result.level == v1_rule(answers)
    assert opened.result.possible_level == opened.result.level


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_current_code_opens_with_the_current_rule_and_no_legacy_note(
    data: st.DataObject,
) -> None:
    answers = data.draw(any_answers(BANK))
    opened = open_code(encode(BANK, answers))
    assert opened.bank is BANK
    assert not opened.legacy
    assert opened.result == score(BANK, answers)
    assert describe(opened)["legacy"] is None


def test_a_v1_body_under_the_current_prefix_is_damaged() -> None:
    body = V1_CASES[0]["code"].removeprefix("v1.")
    with pytest.raises(CodeError, match="damaged"):
        open_code(f"v{BANK.code_version}.{body}")
    with pytest.raises(CodeError, match="damaged"):
        open_code("v1." + SAMPLE_CODES[0].partition(".")[2])
