"""The team comparison the browser calls (CPython side), its team level: links, bare codes and
old links compared with bad lines listed, the median of the people's own levels, people who
answered alike or in any order, older links, people without a level, a link pasted twice; and
the page and the command line showing the same team.

Reached through :mod:`quiz.web` as the browser calls it, and the command line where the page
must agree with it."""

from __future__ import annotations

import json
import math
import random
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, encode
from tests.quiz_support import any_answers
from tests.quiz_team_report_support import (
    BANK,
    FSI,
    PDI,
    V1_CODES,
    codes,
    command_line,
    team_report,
)

#: Links made with version 2 of the assessment (some without a level).
V2_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v2_codes.json").read_text(encoding="utf-8")
    )["cases"]
]


def median_rounding_down(levels: Sequence[int]) -> int:
    """The team rule: the median, halfway between the two middle levels for an even count, an
    exact half rounding down."""
    return math.floor(statistics.median(levels))


def test_named_links_bare_codes_and_old_links_are_compared_and_bad_lines_listed() -> None:
    a, b = codes(2)
    text = f"Priya: https://example.org/levels/x/#result={a}\n{b}\n\nnot a link\nSam: {V1_CODES[0]}"
    report = team_report(text)
    names = [(m["name"], m["line"], m["legacy"]) for m in report["members"]]
    assert names == [("Priya", 1, False), ("Person 2", 2, False), ("Sam", 5, True)]
    assert [(i["line"], i["text"]) for i in report["invalid"]] == [(4, "not a link")]
    assert "does not look like a result link" in str(report["invalid"][0]["reason"])


def test_the_team_level_is_the_median_of_the_peoples_own_levels() -> None:
    low = {q.id: 2 for q in BANK.questions}
    high = {q.id: 4 for q in BANK.questions}
    mid = {q.id: 3 for q in BANK.questions}
    text = "\n".join(encode(BANK, answers) for answers in (low, high, mid))
    report = team_report(text)
    assert report["level"] == 3
    assert report["level_statement"] == (
        "Team: Level 3 confirmed, the middle of the 3 people's own confirmed levels "
        "(from Level 2 to Level 4)."
    )
    assert report["level_basis"].startswith("The team level is the middle (median)")


def test_two_people_meet_in_the_middle_as_the_spread_per_area_shows() -> None:
    """With an even count the team takes the midpoint of the two middle levels (an exact half
    rounds down): Level 2 and Level 4 people make a Level 3 team, which is what every area's
    median says."""
    low = encode(BANK, {q.id: 2 for q in BANK.questions})
    high = encode(BANK, {q.id: 4 for q in BANK.questions})
    report = team_report(f"Ana: {low}\nBen: {high}")
    assert report["level"] == 3
    assert {area["median"] for area in report["dimensions"]} == {3}
    near = encode(BANK, {q.id: 3 for q in BANK.questions})
    assert team_report(f"Ana: {low}\nCy: {near}")["level"] == 2  # 2.5 rounds down


def test_mirror_image_answers_give_the_team_the_level_both_people_have() -> None:
    """Two Level 3 people who answered each area's questions in mirror image (1 and 5, then
    5 and 1) are a Level 3 team, not a Level 1 team below both of them. Their areas agree, so
    no area is listed, but the page says that answers to single questions differ."""
    first: dict[str, int | None] = {}
    second: dict[str, int | None] = {}
    for dimension in BANK.dimensions:
        questions = [q.id for q in BANK.questions if q.dimension == dimension.id]
        for index, qid in enumerate(questions):
            first[qid], second[qid] = (1, 5) if index % 2 == 0 else (5, 1)
        if len(questions) % 2:  # an odd one out would tip the area: both answer it alike
            first[questions[-1]] = second[questions[-1]] = 3
    report = team_report(f"A: {encode(BANK, first)}\nB: {encode(BANK, second)}")
    assert [m["level"] for m in report["members"]] == [3, 3]
    assert report["level"] == 3
    assert report["disagreements"] == []
    assert report["disagreement_notes"] == [
        "Everyone with a level in an area has the same level there.",
        f"Still, {sum(first[q] != second[q] for q in first)} questions have answers that "
        "differ: the CSV lists every answer.",
    ]


SUMMARY = ("id", "count", "median", "mean", "spread", "min", "max")
answer_sets = st.fixed_dictionaries(
    {q.id: st.sampled_from([*BANK.level_numbers, None]) for q in BANK.questions}
)


@settings(max_examples=150, deadline=None)
@given(person=answer_sets, copies=st.integers(min_value=1, max_value=4))
def test_a_team_of_people_who_answered_alike_has_their_level(person: Answers, copies: int) -> None:
    """Unanimity: any number of identical results give the team that result's levels."""
    code = encode(BANK, person)
    report = team_report("\n".join([code] * copies))
    alone = report["members"][0]
    assert (report["level"], report["possible_level"]) == (
        alone["level"],
        alone["possible_level"],
    )


@settings(max_examples=150, deadline=None)
@given(people=st.lists(answer_sets, min_size=2, max_size=6), seed=st.integers(0, 1000))
def test_the_team_ignores_the_order_of_the_lines_and_stays_within_its_peoples_levels(
    people: list[Answers], seed: int
) -> None:
    """The same people in any order give the same team level and areas; the team level and
    each area's median lie between the lowest and highest of the people's own levels."""
    lines = [encode(BANK, answers) for answers in people]
    shuffled = lines[:]
    random.Random(seed).shuffle(shuffled)
    report = team_report("\n".join(lines))
    again = team_report("\n".join(shuffled))
    assert (report["level"], report["possible_level"]) == (
        again["level"],
        again["possible_level"],
    )
    for first, second in zip(report["dimensions"], again["dimensions"], strict=True):
        assert [first[k] for k in SUMMARY] == [second[k] for k in SUMMARY]
        if first["median"] is not None:
            assert first["min"] <= first["median"] <= first["max"]
    levels = [m["level"] for m in report["members"]]
    if report["level"] is not None:
        assert min(levels) <= report["level"] <= max(levels)
    else:
        assert None in levels


def test_a_team_of_older_links_counts_each_with_the_level_its_link_shows() -> None:
    report = team_report(f"Old: {V1_CODES[0]}\nOlder: {V1_CODES[1]}")
    levels = [m["level"] for m in report["members"]]
    assert all(m["legacy"] for m in report["members"])
    assert report["level"] == median_rounding_down(levels)
    assert report["level_statement"].startswith(f"Team: Level {report['level']} confirmed")
    assert report["disagreement_notes"][:2] == [
        "The 2 older links join the areas but not their questions: made with an earlier "
        "version of the assessment, they asked different questions.",
        "No link is from the current version, so no question can be compared.",
    ]
    for item in report["disagreements"]:
        assert item["questions"] == []
        assert item["sentence"].endswith(
            "The difference comes from the links made with an earlier version of the "
            "assessment, whose questions differ."
        )


def test_a_person_without_a_level_leaves_the_team_without_one_and_is_named() -> None:
    only_one_area = {q.id: 3 for q in BANK.questions if q.dimension == BANK.dimensions[0].id}
    (full,) = codes(1)
    report = team_report(f"Priya: {full}\nSam: {encode(BANK, only_one_area)}")
    assert report["members"][1]["level"] is None
    assert (report["level"], report["possible_level"]) == (None, None)
    assert report["level_statement"] == (
        f"The team has no level yet: {FSI}Sam{PDI}'s result has no level of its own, and the "
        f"team's level is the middle of everyone's. It will have one once {FSI}Sam{PDI} "
        "answers enough questions for a level, or is left out of the comparison."
    )
    alone = team_report(f"Sam: {encode(BANK, only_one_area)}")
    assert alone["level_statement"].startswith(
        f"The team has no level yet: {FSI}Sam{PDI}'s result has no level of its own. It will"
    )


def test_a_link_pasted_twice_is_named_but_still_counted() -> None:
    a, b = codes(2)
    report = team_report(f"Priya: {a}\n{b}\nPriya again: {a}")
    assert len(report["members"]) == 3
    assert report["repeated"] == [
        f"Line 3 ({FSI}Priya again{PDI}) has exactly the same answers as line 1 "
        f"({FSI}Priya{PDI}). If it is the same person's link pasted twice, remove one line: "
        "each line counts as one person."
    ]
    assert team_report(f"{a}\n{b}")["repeated"] == []


# --- the page and the command line --------------------------------------------------------------

AREA_KEYS = ("id", "name", "count", "median", "mean", "spread", "min", "max", "levels")
QUESTION_KEYS = ("question", "number", "text", "range")
ANSWER_KEYS = ("member", "level", "statement")


def command_line_team(lines: list[str]) -> Any:
    """``python -m quiz team LINE...``: the JSON it prints."""
    return json.loads(command_line("team", *lines))


def shared_part(report: Any) -> dict[str, Any]:
    """What the page shows that the command line also gives, in the command line's shape."""
    return {
        "levels": [m["level"] for m in report["members"]],
        "possible_levels": [m["possible_level"] for m in report["members"]],
        "level": report["level"],
        "possible_level": report["possible_level"],
        "level_statement": report["level_statement"],
        "dimensions": [{k: area[k] for k in AREA_KEYS} for area in report["dimensions"]],
        "disagreements": [
            {k: area[k] for k in AREA_KEYS}
            | {
                "questions": [
                    {k: question[k] for k in QUESTION_KEYS}
                    | {"answers": [{k: a[k] for k in ANSWER_KEYS} for a in question["answers"]]}
                    for question in area["questions"]
                ]
            }
            for area in report["disagreements"]
        ],
    }


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(st.one_of(answer_sets, any_answers(BANK)), min_size=1, max_size=5),
    older=st.lists(st.sampled_from(V1_CODES + V2_CODES), max_size=2),
    seed=st.integers(0, 1000),
)
def test_the_page_and_the_command_line_show_the_same_team(
    people: list[Answers], older: list[str], seed: int
) -> None:
    """The same team level and sentence, areas and disagreements (with every statement), for
    any team, older links included: both come from the same team engine. (Unnamed lines are
    "Person N" on the page, as the command line calls everyone.)"""
    lines = [encode(BANK, answers) for answers in people] + older
    random.Random(seed).shuffle(lines)
    report = team_report("\n".join(lines))
    cli = command_line_team(lines)
    assert cli.pop("members") == len(report["members"])
    assert cli == shared_part(report)
