"""The team comparison, progress and plan functions the browser calls (CPython side), through
:mod:`quiz.web` as the browser calls them, and the command line where the page must agree with
it."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
import re
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, encode, load_bank
from quiz.build import main
from quiz.errors import FOREIGN
from quiz.web import compare_json, export_json, history_json, team_json
from tests.quiz_support import any_answers

BANK = load_bank()
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, never closed
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
#: The most people the page compares, and the longest name it takes: the limits its sentences
#: give ("Only the first 50 people are compared.", "names can be up to 80.").
MAX_MEMBERS = 50
MAX_NAME = 80
#: What the page says of a team link pasted where a person's result link goes.
TEAM_LINK = (
    "This is a team link, not one person's result link: open it in the address bar to see "
    "that comparison, or paste the result links it holds one per line."
)
V1_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v1_codes.json").read_text(encoding="utf-8")
    )["cases"]
    if case["level"] is not None
]
#: Links made with version 2 of the assessment (some without a level).
V2_CODES = [
    case["code"]
    for case in json.loads(
        (Path(__file__).parent / "data" / "v2_codes.json").read_text(encoding="utf-8")
    )["cases"]
]


def team_report(text: str) -> Any:
    """The team page's report for the text of its "Result links" box, as the browser receives
    it (typed loosely): ``quiz.web.team_json``, which must answer ``ok``."""
    return ok(team_json(text))


def median_rounding_down(levels: Sequence[int]) -> int:
    """The team rule: the median, halfway between the two middle levels for an even count, an
    exact half rounding down."""
    return math.floor(statistics.median(levels))


def command_line(*args: str) -> str:
    """``python -m quiz ARGS`` (its ``main``, in this process): what it prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


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


def isolated_runs(sentence: str) -> list[str]:
    """The text between each FSI and its PDI, checking that every FSI is closed."""
    runs, depth, start = [], 0, 0
    for index, char in enumerate(sentence):
        if char == FSI:
            depth += 1
            start = index + 1 if depth == 1 else start
        elif char == PDI:
            assert depth, f"a PDI closes nothing in {sentence!r}"
            depth -= 1
            if not depth:
                runs.append(sentence[start:index])
    assert depth == 0, f"an isolate is left open in {sentence!r}"
    return runs


def test_a_name_written_right_to_left_is_isolated_in_every_sentence_that_names_it() -> None:
    """A name holding an unclosed right-to-left override (U+202E) turned the rest of a sentence
    around it, right to left. Every sentence that holds a name typed in the box sets it apart
    (U+2068 ... U+2069), so the override ends with the name: every override in a sentence
    sits inside an isolate, and everything outside the isolates is the sentence's own."""
    only_one_area = {q.id: 3 for q in BANK.questions if q.dimension == BANK.dimensions[0].id}
    (full,) = codes(1)
    sam, lee = f"{RLO}Sam", f"Lee {RLO}Ann"
    report = team_report(
        f"Priya: {full}\n{sam}: {encode(BANK, only_one_area)}\n"
        f"{sam} again: {encode(BANK, only_one_area)}\n{lee} {LINK}{full}"
    )
    (repeated,) = report["repeated"]
    (invalid,) = report["invalid"]
    sentences = [report["level_statement"], repeated, invalid["reason"]]
    assert isolated_runs(report["level_statement"]) == [sam, f"{sam} again"]
    assert isolated_runs(repeated) == [f"{sam} again", sam]
    assert isolated_runs(invalid["reason"]) == [lee]
    for sentence in sentences:
        outside = re.sub(f"{FSI}[^{PDI}]*{PDI}", "", sentence)
        assert RLO not in outside, sentence
    # A name copied from one of these sentences, marks and all, reads as the name.
    (copied,) = team_report(f"{FSI}Priya{PDI}: {full}")["members"]
    assert (copied["name"], copied["code"]) == ("Priya", full)
    # "Person 1", the page's own name for an unnamed line, is no name typed: the sentence is
    # the command line's, word for word.
    alone = team_report(encode(BANK, only_one_area))
    assert FSI not in alone["level_statement"]
    table = command_line("team", "--table", encode(BANK, only_one_area))
    assert table.startswith(f"{alone['level_statement']}\n")


def test_unnamed_people_never_get_a_name_typed_on_another_line() -> None:
    a, b, c = codes(3)
    names = [m["name"] for m in team_report(f"Person 2: {a}\n{b}\n{c}")["members"]]
    assert names == ["Person 2", "Person 3", "Person 4"]
    assert len(set(names)) == len(names)
    names = [m["name"] for m in team_report(f"{a}\nperson 2: {b}\n{c}")["members"]]
    assert names == ["Person 1", "person 2", "Person 3"]


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
    assert bad["reason"] == (
        f"The name in front of the link is {MAX_NAME + 1} characters long; names can be up to "
        f"{MAX_NAME}. Shorten it and compare again."
    )
    assert bad["reason"] != FOREIGN
    assert [m["name"] for m in report["members"]] == ["M" * MAX_NAME]


def test_a_pasted_team_link_is_named_as_a_team_link() -> None:
    report = team_report("Us: https://example.org/playbook/assessment/team/#team=Priya%3A%20v2.x")
    (bad,) = report["invalid"]
    assert bad["reason"] == TEAM_LINK
    assert report["members"] == []


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
    report = team_report(line)
    assert report["invalid"] == []
    (member,) = report["members"]
    # Spaces run together, and the marks that set a name apart in the page's sentences go.
    typed = " ".join(name.replace(FSI, "").replace(PDI, "").split())
    assert member["name"] == (typed or "Person 1")
    assert member["code"] == code
    assert member["legacy"] is False


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
    report = team_report(line)
    assert report["members"] == []
    (bad,) = report["invalid"]
    name, link = fixed.rsplit(": ", 1)  # the name set apart from the sentence
    assert (bad["line"], bad["text"]) == (1, line)
    assert bad["reason"] == (
        f"Put a colon between the name and the link, like this: {FSI}{name}{PDI}: {link}"
    )


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
