"""The team comparison the browser calls (CPython side), what its report holds: disagreements
with each person's statement per question and the notes on why no question is compared, the
90-minute agenda, the CSV, the fragment that reopens it, people past the first 50, singular
wording, and no exception on junk.

Reached through :mod:`quiz.web` as the browser calls it."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import unquote

from quiz import encode, load_bank
from quiz.web import team_json
from tests.quiz_team_report_support import BANK, MAX_MEMBERS, V1_CODES, codes, team_report


def test_disagreements_are_the_areas_apart_with_each_persons_statement_per_question() -> None:
    dimension = BANK.dimensions[0]
    question, other = BANK.questions_for(dimension.id)[:2]
    apart = {question.id: BANK.lowest, other.id: BANK.lowest}
    one = dict.fromkeys((q.id for q in BANK.questions), 3) | apart
    two = dict.fromkeys((q.id for q in BANK.questions), 3) | {question.id: BANK.top}
    report = team_report(f"A: {encode(BANK, one)}\nB: {encode(BANK, two)}")
    (first,) = report["disagreements"]
    assert (first["id"], first["name"], first["count"]) == (dimension.id, dimension.name, 2)
    assert first["levels"] == [m["dimensions"][dimension.id] for m in report["members"]]
    assert first["sentence"] == (
        f"Levels {first['min']} to {first['max']} across 2 people (spread "
        f"{first['spread']:.2f}); the team's level here is {first['median']}."
    )
    widest, nearer = first["questions"]
    assert (widest["question"], nearer["question"]) == (question.id, other.id)
    assert widest["range"] == BANK.top - BANK.lowest
    assert widest["title"] == f"Question {question.number}: {question.text}"
    assert widest["sentence"] == f"The answers are {BANK.top - BANK.lowest} levels apart."
    assert [(a["name"], a["statement"]) for a in widest["answers"]] == [
        ("A", question.option(BANK.lowest).text),
        ("B", question.option(BANK.top).text),
    ]
    assert nearer["sentence"] == f"The answers are {3 - BANK.lowest} levels apart."
    assert report["themes"][0]["id"] == dimension.themes[0]
    assert report["themes"][0]["why"] == f"Your levels differ most in {dimension.name}."


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
    assert {i["reason"] for i in report["invalid"]} == {
        f"Only the first {MAX_MEMBERS} people are compared."
    }
    assert len(team_report("\n".join(codes(MAX_MEMBERS)))["members"]) == MAX_MEMBERS


def test_team_json_never_raises_on_junk() -> None:
    for junk in ["", "\x00", "v2." * 500, "a: b: c", "http://x/#result=%ZZ"]:
        data = json.loads(team_json(junk))
        assert data["ok"] is True or "error" in data


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
    assert alone == ["With one person there is nothing to compare."]
    with_old = team_report(f"Priya: {one}\nOld: {V1_CODES[0]}\nOlder: {V1_CODES[1]}")
    notes = with_old["disagreement_notes"]
    assert notes[0].startswith("The 2 older links join the areas but not their questions")
    assert notes[1] == (
        "Only one link is from the current version of the assessment, so no question can be "
        "compared."
    )
    for item in with_old["disagreements"]:
        assert item["questions"] == []
    agree = team_report(f"A: {same}\nB: {same}")["disagreement_notes"]
    assert agree == ["Everyone with a level in an area has the same level there."]
    mixed = team_report("\n".join([*codes(2, seed=5), V1_CODES[0]]))
    assert mixed["disagreements"]
    assert mixed["disagreement_notes"][0].startswith("The older link joins the areas")
    assert all("can be compared" not in note for note in mixed["disagreement_notes"])
