"""The team comparison, progress and plan functions the browser calls (CPython side)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, encode, load_bank
from quiz.codes import FOREIGN
from quiz.errors import CodeError
from quiz.team_report import MAX_MEMBERS, MAX_NAME, TEAM_LINK, _team_answers, read_line, read_lines
from quiz.team_report import team_report as _team_report
from quiz.web import compare_json, export_json, history_json, team_json

BANK = load_bank()
V1_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v1_codes.json").read_text(encoding="utf-8")
    )["cases"]
    if case["level"] is not None
]


def team_report(text: str) -> Any:
    """The report as plain JSON data (typed loosely, as the browser sees it)."""
    return json.loads(json.dumps(_team_report(text)))


def random_answers(rng: random.Random) -> Answers:
    return {q.id: rng.choice([*BANK.level_numbers, None]) for q in BANK.questions}


def codes(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [encode(BANK, random_answers(rng)) for _ in range(count)]


def ok(reply: str) -> Any:
    data = json.loads(reply)
    assert data["ok"], data
    return data["result"]


def test_named_links_bare_codes_and_old_links_are_compared_and_bad_lines_listed() -> None:
    a, b = codes(2)
    text = f"Priya: https://example.org/levels/x/#result={a}\n{b}\n\nnot a link\nSam: {V1_CODES[0]}"
    report = team_report(text)
    names = [(m["name"], m["line"], m["legacy"]) for m in report["members"]]
    assert names == [("Priya", 1, False), ("Person 2", 2, False), ("Sam", 5, True)]
    assert [(i["line"], i["text"]) for i in report["invalid"]] == [(4, "not a link")]
    assert "does not look like a result link" in str(report["invalid"][0]["reason"])


def test_the_team_level_scores_the_median_answer_to_each_question() -> None:
    low = {q.id: 2 for q in BANK.questions}
    high = {q.id: 4 for q in BANK.questions}
    mid = {q.id: 3 for q in BANK.questions}
    text = "\n".join(encode(BANK, answers) for answers in (low, high, mid))
    report = team_report(text)
    assert report["level"] == 3
    assert str(report["level_statement"]).startswith("Team: Level 3 confirmed")


def test_two_people_meet_in_the_middle_as_the_spread_per_area_shows() -> None:
    """With an even count the team takes the midpoint of the two middle answers (an exact half
    rounds down, as in a single result): Level 2 and Level 4 people make a Level 3 team, which
    is what every area's median says; the lower middle answer made them Level 2."""
    low = encode(BANK, {q.id: 2 for q in BANK.questions})
    high = encode(BANK, {q.id: 4 for q in BANK.questions})
    report = team_report(f"Ana: {low}\nBen: {high}")
    assert report["level"] == 3
    assert {area["median"] for area in report["dimensions"]} == {3}
    near = encode(BANK, {q.id: 3 for q in BANK.questions})
    assert team_report(f"Ana: {low}\nCy: {near}")["level"] == 2  # 2.5 rounds down


def test_mirror_image_answers_give_the_team_the_level_both_people_have() -> None:
    """Two Level 3 people who answered each area's questions in mirror image (1 and 5, then
    5 and 1) are a Level 3 team, not a Level 1 team below both of them."""
    first: dict[str, int | None] = {}
    second: dict[str, int | None] = {}
    for dimension in BANK.dimensions:
        questions = [q.id for q in BANK.questions if q.dimension == dimension.id]
        for index, qid in enumerate(questions):
            first[qid], second[qid] = (1, 5) if index % 2 == 0 else (5, 1)
    report = team_report(f"A: {encode(BANK, first)}\nB: {encode(BANK, second)}")
    assert [m["level"] for m in report["members"]] == [3, 3]
    assert report["level"] == 3


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
def test_the_team_level_ignores_the_order_of_the_lines_and_each_answer_stays_in_range(
    people: list[Answers], seed: int
) -> None:
    """The same people in any order give the same team; and the answer the team is scored on
    for each question lies between the lowest and highest answer given to it. (Not the same
    as each team area lying between its members' area levels: a median per question does
    not promise that, and "Not sure" answers are left out of the team's, so the team may
    know more than any one of them.)"""
    lines = [encode(BANK, answers) for answers in people]
    shuffled = lines[:]
    random.Random(seed).shuffle(shuffled)
    report = team_report("\n".join(lines))
    again = team_report("\n".join(shuffled))
    assert (report["level"], report["possible_level"]) == (
        again["level"],
        again["possible_level"],
    )
    members, _ = read_lines("\n".join(lines))
    team_answers = _team_answers(BANK, members)
    for question in BANK.questions:
        given_levels = [
            level for answers in people if (level := answers.get(question.id)) is not None
        ]
        if given_levels:
            assert min(given_levels) <= (team_answers[question.id] or 0) <= max(given_levels)


def test_a_team_of_older_links_says_why_it_has_no_level() -> None:
    report = team_report(f"Old: {V1_CODES[0]}\nOlder: {V1_CODES[1]}")
    assert report["level"] is None
    assert "none of the links is from the current version" in report["level_statement"]
    assert "too few areas" not in report["level_statement"]


def test_a_team_with_too_few_areas_answered_says_how_many_are_needed() -> None:
    only_one_area = {q.id: 3 for q in BANK.questions if q.dimension == BANK.dimensions[0].id}
    report = team_report(encode(BANK, only_one_area))
    assert report["level"] is None
    assert report["level_statement"].startswith(
        f"The team has no level yet: the links from the current version answer questions in "
        f"1 of the {len(BANK.dimensions)} areas, and at least {BANK.scoring.min_dimensions}"
    )


def test_a_link_pasted_twice_is_named_but_still_counted() -> None:
    a, b = codes(2)
    report = team_report(f"Priya: {a}\n{b}\nPriya again: {a}")
    assert len(report["members"]) == 3
    assert report["repeated"] == [
        "Line 3 (Priya again) has exactly the same answers as line 1 (Priya). If it is the "
        "same person's link pasted twice, remove one line: each line counts as one person."
    ]
    assert team_report(f"{a}\n{b}")["repeated"] == []


def test_unnamed_people_never_get_a_name_typed_on_another_line() -> None:
    a, b, c = codes(3)
    names = [m["name"] for m in team_report(f"Person 2: {a}\n{b}\n{c}")["members"]]
    assert names == ["Person 2", "Person 3", "Person 4"]
    assert len(set(names)) == len(names)
    names = [m["name"] for m in team_report(f"{a}\nperson 2: {b}\n{c}")["members"]]
    assert names == ["Person 1", "person 2", "Person 3"]


def test_disagreements_are_the_widest_questions_with_each_persons_statement() -> None:
    question = BANK.questions[0]
    one = dict.fromkeys((q.id for q in BANK.questions), 3) | {question.id: BANK.lowest}
    two = dict.fromkeys((q.id for q in BANK.questions), 3) | {question.id: BANK.top}
    report = team_report(f"A: {encode(BANK, one)}\nB: {encode(BANK, two)}")
    (first,) = report["disagreements"]
    assert first["question"] == question.id
    assert first["range"] == BANK.top - BANK.lowest
    assert [a["statement"] for a in first["answers"]] == [
        question.option(BANK.lowest).text,
        question.option(BANK.top).text,
    ]
    assert report["themes"][0]["id"] == BANK.dimension(question.dimension).themes[0]


def test_the_agenda_fills_exactly_90_minutes_in_order() -> None:
    report = team_report("\n".join(codes(4)))
    items = report["agenda"]["items"]
    assert report["agenda"]["minutes"] == 90
    assert sum(item["minutes"] for item in items) == 90
    assert [item["start"] for item in items] == [
        sum(i["minutes"] for i in items[:n]) for n in range(len(items))
    ]


def test_the_csv_has_one_row_per_person_and_question() -> None:
    report = team_report("\n".join(codes(3)) + f"\n{V1_CODES[1]}")
    rows = list(csv.DictReader(io.StringIO(report["csv"]["content"].removeprefix("\ufeff"))))
    v1_questions = len(load_bank("quiz/bank_v1.toml").questions)
    assert len(rows) == 3 * len(BANK.questions) + v1_questions


def test_the_fragment_reopens_the_same_comparison() -> None:
    text = "Priya: " + "\nLee: ".join(codes(3))
    report = team_report(text)
    again = team_report(unquote(str(report["fragment"]).removeprefix("team=")))
    strip = [{k: v for k, v in m.items() if k != "line"} for m in again["members"]]
    assert strip == [{k: v for k, v in m.items() if k != "line"} for m in report["members"]]
    assert again["disagreements"] == report["disagreements"]
    assert again["level_statement"] == report["level_statement"]


def test_more_than_50_people_are_listed_as_not_compared() -> None:
    report = team_report("\n".join(codes(MAX_MEMBERS + 2)))
    assert len(report["members"]) == MAX_MEMBERS
    assert [i["line"] for i in report["invalid"]] == [MAX_MEMBERS + 1, MAX_MEMBERS + 2]


def test_team_json_never_raises_on_junk() -> None:
    for junk in ["", "\x00", "v2." * 500, "a: b: c", "http://x/#result=%ZZ"]:
        data = json.loads(team_json(junk))
        assert data["ok"] is True or "error" in data


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


LINK = "https://example.org/playbook/levels/level-3/#result="


def test_the_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_accented_names() -> None:
    (code,) = codes(1)
    content = team_report(f"Zoë: {code}")["csv"]["content"]
    assert content.startswith("\ufeffperson,")
    assert content.encode("utf-8").startswith(b"\xef\xbb\xbfperson,")
    (row, *_) = csv.DictReader(io.StringIO(content.encode("utf-8").decode("utf-8-sig")))
    assert row["person"] == "Zoë"


def test_one_person_is_worded_in_the_singular() -> None:
    (code,) = codes(1)
    walk = team_report(code)["agenda"]["items"][1]["detail"]
    assert "for the 1 result and" in walk
    assert "1 results" not in walk
    assert (
        "for the 2 results and" in team_report("\n".join(codes(2)))["agenda"]["items"][1]["detail"]
    )


def test_the_disagreement_notes_say_why_no_question_is_compared() -> None:
    (one,) = codes(1)
    same = encode(BANK, dict.fromkeys((q.id for q in BANK.questions), 3))
    alone = team_report(f"Priya: {one}")["disagreement_notes"]
    assert alone == ["With one person there is nothing to compare question by question."]
    with_old = team_report(f"Priya: {one}\nOld: {V1_CODES[0]}\nOlder: {V1_CODES[1]}")
    assert with_old["disagreements"] == []
    assert with_old["disagreement_notes"][0].startswith(
        "The 2 older links are not compared question by question"
    )
    assert "nothing to compare question by question" in with_old["disagreement_notes"][1]
    assert not any("chose the same level" in note for note in with_old["disagreement_notes"])
    agree = team_report(f"A: {same}\nB: {same}")["disagreement_notes"]
    assert agree == ["Everyone who answered the same question chose the same level."]
    mixed = team_report("\n".join([*codes(2, seed=5), V1_CODES[0]]))
    assert mixed["disagreements"]
    assert mixed["disagreement_notes"][0].startswith("The older link is not compared")
    assert len(mixed["disagreement_notes"]) == 1


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("A:B: {link}", "A:B"),
        ("Team: EX: Priya: {link}", "Team: EX: Priya"),
        (": {code}", ""),
        ("  :   {code}", ""),
        ("<{link}>", ""),
        ("Priya: <{link}>", "Priya"),
        ("Priya: {link}.", "Priya"),
        ("Priya: {link},", "Priya"),
        ("Priya:{code}", "Priya"),
        ('Priya: "{code}"', "Priya"),
        ("Priya: '{code}'", "Priya"),
        ("Priya: \u201c{code}\u201d", "Priya"),
        ("\ufeffPriya: {link}", "Priya"),
        ("\ufeff{code}", ""),
        ("Priya: https://example.org:8080/levels/level-3/#result={code}", "Priya"),
    ],
)
def test_names_with_colons_wrapped_or_quoted_links_and_a_bom_are_read(line: str, name: str) -> None:
    (code,) = codes(1)
    text = line.format(link=LINK + code, code=code)
    got_name, got_code = read_line(text)
    assert got_name == name
    assert got_code.endswith(code)
    report = team_report(text)
    assert report["invalid"] == []
    (member,) = report["members"]
    assert member["name"] == (name or "Person 1")
    assert member["code"] == code


def test_an_over_long_name_gets_its_own_reason_not_a_bad_link() -> None:
    (code,) = codes(1)
    report = team_report(f"{'N' * (MAX_NAME + 1)}: {code}\n{'M' * MAX_NAME}: {code}")
    (bad,) = report["invalid"]
    assert bad["line"] == 1
    assert f"up to {MAX_NAME}" in bad["reason"]
    assert bad["reason"] != FOREIGN
    assert [m["name"] for m in report["members"]] == ["M" * MAX_NAME]


def test_a_pasted_team_link_is_named_as_a_team_link() -> None:
    report = team_report("Us: https://example.org/playbook/assessment/team/#team=Priya%3A%20v2.x")
    (bad,) = report["invalid"]
    assert bad["reason"] == TEAM_LINK
    assert "team link" in TEAM_LINK


NAMES = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    max_size=MAX_NAME,
)


@settings(max_examples=200, deadline=None)
@given(
    name=NAMES,
    link=st.booleans(),
    wrap=st.sampled_from(["{}", "<{}>", '"{}"', "'{}'", "\u201c{}\u201d", "{}.", "{},", " {} "]),
    bom=st.booleans(),
)
def test_any_name_up_to_80_characters_and_any_wrapping_keep_the_name_and_the_code(
    name: str, link: bool, wrap: str, bom: bool
) -> None:
    (code,) = codes(1, seed=11)
    target = wrap.format(LINK + code if link else code)
    line = ("\ufeff" if bom else "") + f"{name}: {target}"
    got_name, got_code = read_line(line)
    assert got_name == " ".join(name.split())
    assert got_code == (LINK + code if link else code)


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("Cy v2.Abc", "Cy: v2.Abc"),
        (
            "Ann Lee https://example.org/levels/level-2/#result=v2.Abc",
            "Ann Lee: https://example.org/levels/level-2/#result=v2.Abc",
        ),
    ],
)
def test_a_name_without_a_colon_before_the_link_is_told_where_the_colon_goes(
    line: str, fixed: str
) -> None:
    with pytest.raises(CodeError) as caught:
        read_line(line)
    assert str(caught.value) == f"Put a colon between the name and the link, like this: {fixed}"
