"""The result JSON (schema 2): it has exactly the documented keys, agrees with the scorer field
by field, and says in plain words what the level is, what is still open, which answers
contrast and where to go next. Expectations are read from the loaded bank."""

from __future__ import annotations

import inspect
import json
import re
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given, settings

from quiz import Answers, Bank, describe, encode, load_bank, open_code, score
from quiz.types import NA, DimensionResult, Question
from tests.quiz_support import (
    ROOT,
    any_answers,
    by_dimension,
    flat,
    guide_label,
    multi_question_dimensions,
    not_applicable_label,
    not_sure_label,
    overview_page,
)

BANK = load_bank()
#: The labels the bank's description gives "not sure" and "not applicable".
NOT_SURE_LABEL = not_sure_label(BANK)
NA_LABEL = not_applicable_label(BANK)
V1_CODE = json.loads((ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8"))[
    "cases"
][0]["code"]
PROPERTY = settings(max_examples=200, deadline=None)
MULTI = multi_question_dimensions(BANK)


def statement_of(question: Question, answer: object) -> str:
    if answer is None:
        return NOT_SURE_LABEL
    if answer == NA:
        return NA_LABEL
    assert isinstance(answer, int)
    return question.option(answer).text


def report(answers: Answers, bank: Bank = BANK) -> dict[str, Any]:
    return describe(bank, answers)


def rank_key(item: DimensionResult, target: int) -> tuple[int, int, int, str]:
    """The documented order of "what to do next", written out: an area with no answer first,
    then the gates of ``target``, then the furthest below it, then by name."""
    counted = item.counted if item.counted is not None else 0
    return (
        0 if item.all_not_sure else 1,
        0 if target in item.gates else 1,
        counted - target,
        item.name.casefold(),
    )


def with_open(answers: Answers, count: int) -> Answers:
    """``answers`` with the last question of the first ``count`` areas that the top level
    needs open: open questions there can hold the level down."""
    changed = dict(answers)
    for dimension in BANK.gates(BANK.top)[:count]:
        changed[BANK.questions_for(dimension)[-1].id] = None
    return changed


def one_area_unanswered(level: int) -> Answers:
    """Every question at ``level`` except the last area's, which are all skipped."""
    skipped = {q.id for q in BANK.questions_for(BANK.dimensions[-1].id)}
    return {q.id: level for q in BANK.questions if q.id not in skipped}


# --- the documented schema -------------------------------------------------------------------


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[{"
        depth -= char in "]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()] if current.strip() else parts


def documented_schema() -> dict[str, list[str] | None]:
    """Top-level keys of the schema in quiz/report.py's docstring, each with the fixed keys of
    its items (``[{a, b}]`` or ``{a, b}``) when the docstring lists them; mappings such as
    ``{id: level}`` have no fixed keys."""
    block = inspect.cleandoc(describe.__doc__ or "").split("Result schema", 1)[1]
    block = block.split("::", 1)[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("    ") and not line.startswith("     "):
            entries.append(line.strip())
        elif line.strip() and entries:
            entries[-1] += " " + line.strip()
    schema: dict[str, list[str] | None] = {"schema": None}
    for entry in entries:
        head, _, description = entry.partition("  ")
        braces = re.search(r"\{.*\}", description)
        parts = _split_top_level(braces[0][1:-1]) if braces else []
        fixed = len(parts) > 1 or (len(parts) == 1 and ":" not in parts[0])
        nested = [part.split(":")[0].strip() for part in parts] if fixed else None
        for key in head.split(", "):
            schema[key.strip()] = nested
    return schema


def test_the_result_has_exactly_the_keys_documented_in_report_py() -> None:
    documented = documented_schema()
    answers = with_open(flat(BANK, BANK.top - 1), 1)
    answers[BANK.questions_for(MULTI[-1])[0].id] = BANK.top
    answers[BANK.questions_for(MULTI[-1])[1].id] = BANK.lowest
    data = report(answers)
    assert data["schema"] == 2
    assert set(data) == set(documented)
    assert data["profile"]
    assert data["contrasts"]
    assert data["blockers"]
    assert data["weakest"]
    assert data["themes"]
    legacy = describe(open_code(V1_CODE))
    assert set(legacy) == set(documented)
    data["legacy"] = legacy["legacy"]
    for key, keys in documented.items():
        if keys is None:
            continue
        value = data[key]
        items = value if isinstance(value, list) else [value]
        assert items, key
        for item in items:
            assert set(item) == set(keys), key
    for item in data["profile"]:
        for answer in item["answers"]:
            assert set(answer) == {"question", "number", "text", "level", "statement", "label"}


@PROPERTY
@given(any_answers(BANK))
def test_the_result_is_plain_json(answers: Answers) -> None:
    data = report(answers)
    assert json.loads(json.dumps(data)) == data


# --- agreement with the scorer -----------------------------------------------------------------


@PROPERTY
@given(any_answers(BANK))
def test_the_counts_levels_and_pages_agree_with_the_answers(answers: Answers) -> None:
    result = score(BANK, answers)
    data = report(answers)
    given_count = sum(level is not None for level in answers.values())
    assert data["answers"] == answers
    assert data["code"] == encode(BANK, answers)
    assert data["questions_total"] == len(BANK.questions)
    assert data["questions_answered"] == given_count
    assert data["open_questions"] == len(BANK.questions) - given_count
    assert (data["level"], data["possible_level"]) == (result.level, result.possible_level)
    assert list(data["dimensions"]) == [d.id for d in BANK.dimensions]
    assert data["dimensions"] == {d.id: d.level for d in result.dimensions}
    applicable = [item for item in data["profile"] if item["applies"]]
    assert data["required"] == max(1, min(BANK.scoring.min_dimensions, len(applicable)))
    assert data["answered"] == sum(level is not None for level in data["dimensions"].values())
    assert data["not_applicable"] == sorted(i["id"] for i in data["profile"] if not i["applies"])
    assert data["enough"] == (data["level"] is not None)
    assert data["legacy"] is None
    level = data["level"]
    if level is None:
        assert data["possible_level"] is None
        assert data["reason"]
        assert (data["level_name"], data["summary"], data["why"]) == (None, None, None)
        assert data["page"] == overview_page(BANK)
        assert (data["blockers"], data["weakest"], data["themes"]) == ([], [], [])
        assert data["next_level"] is None
        return
    assert level <= data["possible_level"] <= BANK.top
    assert data["reason"] is None
    assert data["level_name"] == BANK.level(level).name
    assert data["summary"] == BANK.level(level).summary
    assert data["focus_areas"] == list(BANK.level(level).focus)
    assert data["page"] == BANK.level(level).page
    if level < BANK.top:
        assert data["next_level"] == level + 1
        assert data["next_level_name"] == BANK.level(level + 1).name
    else:
        assert (data["next_level"], data["next_level_name"]) == (None, None)
    assert isinstance(data["why"], str)
    calculation = data["calculation"]
    assert calculation["rule"] == "staged"
    assert (calculation["cap"], calculation["capped"]) == (None, False)


@PROPERTY
@given(any_answers(BANK))
def test_the_profile_shows_every_answer_behind_each_areas_level(answers: Answers) -> None:
    data = report(answers)
    assert [item["id"] for item in data["profile"]] == [d.id for d in BANK.dimensions]
    for item, dimension in zip(data["profile"], BANK.dimensions, strict=True):
        questions = BANK.questions_for(dimension.id)
        expected = [
            {
                "question": q.id,
                "number": q.number,
                "text": q.text,
                "level": answers[q.id],
                "statement": statement_of(q, answers[q.id]),
                "label": "Not sure (an open question)"
                if answers[q.id] is None
                else "Not applicable (left out)"
                if answers[q.id] == NA
                else f"Level {answers[q.id]}: “{statement_of(q, answers[q.id])}”",
            }
            for q in questions
            if q.id in answers
        ]
        assert item["answers"] == expected
        given_levels = [level for q in questions if isinstance(level := answers.get(q.id), int)]
        left_out = sum(answers.get(q.id) == NA for q in questions)
        assert item["name"] == dimension.name
        assert item["answered"] == len(given_levels)
        assert item["questions"] == len(questions)
        assert item["not_applicable"] == left_out
        assert item["applies"] == (left_out < len(questions))
        assert item["open"] == len(questions) - len(given_levels) - left_out
        assert item["level"] == data["dimensions"][dimension.id]
        if given_levels:
            assert item["mean"] == round(sum(given_levels) / len(given_levels), 2)
            assert item["level"] <= item["possible"]
        else:
            assert (item["level"], item["possible"], item["mean"]) == (None, None, None)
        if item["level"] is not None:
            assert item["guide"] == dimension.step(item["level"])
        assert dimension.id in {s.link: s.builds for s in BANK.steps}[item["guide"]]
        assert item["guide_label"] == guide_label(BANK, item["guide"])


@PROPERTY
@given(any_answers(BANK))
def test_contrasts_are_every_pair_in_an_area_two_or_more_levels_apart(answers: Answers) -> None:
    data = report(answers)
    expected = set()
    for dimension in BANK.dimensions:
        given_pairs = [(q, answers.get(q.id)) for q in BANK.questions_for(dimension.id)]
        for (first, a), (second, b) in combinations(given_pairs, 2):
            if isinstance(a, int) and isinstance(b, int) and abs(a - b) >= 2:
                (high, hl), (low, ll) = sorted([(first, a), (second, b)], key=lambda p: -p[1])
                expected.add((dimension.id, high.id, low.id, hl, ll))
    reported = {(c["dimension"], *c["questions"], *c["levels"]) for c in data["contrasts"]}
    assert reported == expected
    assert len(data["contrasts"]) == len(expected)
    gaps = [c["levels"][0] - c["levels"][1] for c in data["contrasts"]]
    assert gaps == sorted(gaps, reverse=True)
    for contrast in data["contrasts"]:
        high, low = (BANK.question(q) for q in contrast["questions"])
        statements = [
            high.option(contrast["levels"][0]).text,
            low.option(contrast["levels"][1]).text,
        ]
        assert contrast["statements"] == statements
        assert contrast["dimension_name"] == BANK.dimension(contrast["dimension"]).name
        for statement, level in zip(statements, contrast["levels"], strict=True):
            assert f"“{statement}” (Level {level})" in contrast["sentence"]


@PROPERTY
@given(any_answers(BANK))
def test_blockers_are_the_areas_below_the_next_level_quoting_only_what_is_not_yet_reached(
    answers: Answers,
) -> None:
    result = score(BANK, answers)
    data = report(answers)
    level = data["level"]
    if level is None or level == BANK.top:
        assert data["blockers"] == []
        return
    target = level + 1
    counted = {d.id: d.counted for d in result.dimensions if d.applies}
    below = {area for area, lv in counted.items() if lv is not None and lv < target}
    assert {b["id"] for b in data["blockers"]} == below
    keys = [rank_key(result.dimension(b["id"]), target) for b in data["blockers"]]
    assert keys == sorted(keys)
    given = data["answers"]
    for blocker in data["blockers"]:
        dimension = BANK.dimension(blocker["id"])
        assert blocker["name"] == dimension.name
        assert blocker["level"] == counted[blocker["id"]]
        assert blocker["target"] == target
        assert blocker["caps"] == (blocker["id"] in BANK.gates(target))
        assert blocker["guide"] == dimension.step(blocker["level"])
        assert blocker["id"] in {s.link: s.builds for s in BANK.steps}[blocker["guide"]]
        assert blocker["guide_label"] == guide_label(BANK, blocker["guide"])
        questions = BANK.questions_for(dimension.id)
        # The next level's picture only where the reader answered below it: never an answer
        # they already gave; the open questions are named instead.
        assert blocker["lift"] == [
            q.option(target).text
            for q in questions
            if isinstance(given.get(q.id), int) and given[q.id] < target
        ]
        assert blocker["open"] == [
            q.text for q in questions if given.get(q.id) is None or q.id not in given
        ]
        assert blocker["lift"] or blocker["open"]  # something always says what holds it down
        assert blocker["goal"].startswith(f"Aim for Level {target} in {dimension.name}")
        own = {q.option(given[q.id]).text for q in questions if isinstance(given.get(q.id), int)}
        assert not own & set(blocker["lift"])
        assert blocker["unanswered"] == (
            not any(isinstance(given.get(q.id), int) for q in questions)
        )
        if blocker["unanswered"]:
            assert blocker["open_sentence"].startswith(f"Answer these {len(blocker['open'])} open")


@PROPERTY
@given(any_answers(BANK))
def test_named_areas_and_themes_are_bounded_and_never_split_a_tie(answers: Answers) -> None:
    result = score(BANK, answers)
    data = report(answers)
    assert len(data["themes"]) <= BANK.scoring.max_themes
    named = data["plan_areas"]
    if data["level"] is None:
        assert named == []
        return
    target = data["next_level"] or BANK.top
    pool = (
        [b["id"] for b in data["blockers"]]
        if data["next_level"]
        else [w["id"] for w in data["weakest"]]
    )
    assert named == pool[: len(named)]
    ties = {area: rank_key(result.dimension(area), target)[:3] for area in pool}
    groups = {key for area, key in ties.items() if area in named}
    if len(groups) > 1:
        assert len(named) <= BANK.scoring.max_weakest
    for area in pool:
        assert (area in named) == (ties[area] in groups), area
    for weak in data["weakest"]:
        counted = result.dimension(weak["id"]).counted
        assert counted is not None
        assert weak["guide"] == BANK.dimension(weak["id"]).step(counted)
        assert weak["guide_label"] == guide_label(BANK, weak["guide"])
    for theme in data["themes"]:
        assert theme["title"] == BANK.theme(theme["id"]).title
        assert theme["anchor"] == BANK.theme(theme["id"]).anchor


# --- sentences -----------------------------------------------------------------------------


@PROPERTY
@given(any_answers(BANK))
def test_the_level_statement_gives_the_confirmed_and_possible_level(answers: Answers) -> None:
    data = report(answers)
    statement = data["level_statement"]
    if data["level"] is None:
        assert statement is None
        return
    assert statement.startswith(f"Level {data['level']} confirmed")
    opened = data["open_questions"]
    if opened == 0:
        assert statement.endswith("every question has an answer.")
    elif data["possible_level"] > data["level"]:
        assert f"could lift it as high as Level {data['possible_level']}." in statement
        assert f" {opened} open question" in statement
    else:
        assert "would not change it" in statement
        assert f" {opened} open question" in statement


@pytest.mark.parametrize("level", BANK.level_numbers)
def test_a_complete_flat_profile_is_confirmed_with_nothing_open(level: int) -> None:
    data = report(flat(BANK, level))
    assert data["level_statement"] == f"Level {level} confirmed: every question has an answer."
    assert (data["open_questions"], data["possible_level"]) == (0, level)


def test_one_open_question_that_could_lift_the_level_is_said_in_the_singular() -> None:
    data = report(with_open(flat(BANK, BANK.top), 1))
    assert data["open_questions"] == 1
    assert data["possible_level"] > data["level"]
    assert data["level_statement"] == (
        f"Level {data['level']} confirmed; answering the 1 open question could lift it as high as "
        f"Level {data['possible_level']}."
    )


def test_several_open_questions_are_said_in_the_plural() -> None:
    data = report(with_open(flat(BANK, BANK.top), 2))
    assert data["open_questions"] == 2
    assert data["possible_level"] > data["level"]
    assert data["level_statement"] == (
        f"Level {data['level']} confirmed; answering the 2 open questions could lift it as high "
        f"as Level {data['possible_level']}."
    )


def test_open_questions_that_cannot_change_the_level_are_said_so() -> None:
    data = report(with_open(flat(BANK, BANK.lowest), 1))
    assert data["possible_level"] == data["level"] == BANK.lowest
    assert data["level_statement"] == (
        f"Level {BANK.lowest} confirmed; answering the 1 open question would not change it."
    )


def test_a_contrast_puts_both_statements_side_by_side() -> None:
    dimension = BANK.dimension(MULTI[0])
    high, low = BANK.questions_for(dimension.id)[:2]
    answers = flat(BANK, BANK.top - 1)
    answers[high.id], answers[low.id] = BANK.top, BANK.lowest
    assert BANK.top - BANK.lowest >= 2
    contrasts = report(answers)["contrasts"]
    assert contrasts == [
        {
            "dimension": dimension.id,
            "dimension_name": dimension.name,
            "questions": [high.id, low.id],
            "levels": [BANK.top, BANK.lowest],
            "statements": [high.option(BANK.top).text, low.option(BANK.lowest).text],
            "sentence": (
                f"{dimension.name}: you chose “{high.option(BANK.top).text}” "
                f"(Level {BANK.top}) but also “{low.option(BANK.lowest).text}” "
                f"(Level {BANK.lowest})."
            ),
        }
    ]


def test_answers_one_level_apart_are_not_a_contrast() -> None:
    dimension = MULTI[0]
    answers = flat(BANK, BANK.top - 1)
    answers[BANK.questions_for(dimension)[0].id] = BANK.top
    assert report(answers)["contrasts"] == []


def test_a_weak_gate_of_the_top_level_holds_the_level_and_is_named_first_with_its_own_step() -> (
    None
):
    """The Level 4 organisation with no recognition scheme, in the bank's own terms."""
    weak = BANK.dimension(BANK.gates(BANK.top)[-1])
    answers = by_dimension(BANK, BANK.top - 1, **{weak.id.replace("-", "_"): BANK.lowest})
    data = report(answers)
    assert data["level"] == BANK.top - 1
    assert data["blockers"][0]["id"] == weak.id
    assert data["blockers"][0]["caps"] is True
    assert data["blockers"][0]["guide"] == weak.step(BANK.lowest)
    assert data["plan_areas"][0] == weak.id
    assert data["calculation"]["missing"][0] == weak.id
    why = data["why"]
    assert f"{weak.name} is at Level {BANK.lowest}" in why
    assert f"Level {BANK.top} also needs" in why
    assert data["themes"][0]["id"] in weak.themes


def test_a_weak_profile_area_never_moves_the_level() -> None:
    profile = next(d for d in BANK.dimensions if not BANK.gated_levels(d.id))
    for level in BANK.level_numbers:
        answers = by_dimension(BANK, level, **{profile.id.replace("-", "_"): BANK.lowest})
        data = report(answers)
        assert data["level"] == level
        if level < BANK.top and level > BANK.lowest:
            assert profile.id in {b["id"] for b in data["blockers"]}


@pytest.mark.parametrize("level", BANK.level_numbers[:-1])
def test_a_flat_profile_below_the_top_names_the_next_levels_areas_first(level: int) -> None:
    data = report(flat(BANK, level))
    gates = set(BANK.gates(level + 1))
    assert {b["id"] for b in data["blockers"]} == {d.id for d in BANK.dimensions}
    first = [b["id"] for b in data["blockers"][: len(gates)]]
    assert set(first) == gates
    for blocker in data["blockers"]:
        assert blocker["level"] == level
        assert blocker["caps"] == (blocker["id"] in gates)
        assert blocker["guide"] == BANK.dimension(blocker["id"]).step(level)
    assert set(data["plan_areas"]) == gates
    assert f"Level {level + 1} also needs" in data["why"]


def test_a_flat_profile_at_the_top_has_no_blockers_and_no_next_level() -> None:
    data = report(flat(BANK, BANK.top))
    assert data["blockers"] == []
    assert (data["next_level"], data["next_level_name"]) == (None, None)
    assert data["why"].startswith(f"Level {BANK.top} rests on the areas")


def test_why_counts_open_questions_at_the_lowest_level() -> None:
    why = report(with_open(flat(BANK, BANK.top), 1))["why"]
    assert "Open questions count at the lowest level until they are answered." in why


def test_an_area_answered_only_not_sure_comes_first_in_what_to_do_next() -> None:
    area = BANK.dimensions[-1]
    answers = {
        **flat(BANK, BANK.top - 1),
        **{q.id: None for q in BANK.questions_for(area.id)},
    }
    data = report(answers)
    first = data["blockers"][0]
    assert first["id"] == area.id
    assert first["unanswered"] is True
    assert first["label"] == "Not sure on every question"
    assert first["open_sentence"].startswith(f"Answer these {len(first['open'])} open question")
    assert data["plan_areas"][0] == area.id
    profile = next(item for item in data["profile"] if item["id"] == area.id)
    assert profile["label"] == "Not sure on every question"


def test_without_enough_answers_the_reason_says_how_many_areas_are_needed() -> None:
    first = BANK.questions[0].id
    data = report({first: BANK.lowest})
    assert data["level"] is None
    assert data["reason"] == (
        f"Not enough answers for a level yet: you answered questions in 1 of the "
        f"{len(BANK.dimensions)} areas, and at least {BANK.scoring.min_dimensions} are needed. "
        '"Not sure" answers don\'t count, so try to answer a few more.'
    )
    assert data["page"] == overview_page(BANK)


def test_an_area_with_only_not_sure_answers_shows_as_unknown_not_strong() -> None:
    last = BANK.dimension(BANK.gates(BANK.top)[0])
    answers = flat(BANK, BANK.top)
    for question in BANK.questions_for(last.id):
        answers[question.id] = None
    data = report(answers)
    assert data["dimensions"][last.id] is None
    profile = next(item for item in data["profile"] if item["id"] == last.id)
    assert (profile["level"], profile["possible"], profile["answered"]) == (None, None, 0)
    assert profile["label"] == "Not sure on every question"
    assert data["level"] < BANK.top


# --- the ways a result is made ------------------------------------------------------------------


def test_a_described_result_carries_the_code_of_its_answers() -> None:
    answers = with_open(flat(BANK, BANK.top - 1), 1)
    data = describe(BANK, answers)
    assert data["code"] == encode(BANK, answers)
    assert data["level"] == score(BANK, answers).level
    assert data["legacy"] is None


def test_an_opened_current_code_describes_the_same_result_as_scoring() -> None:
    answers = with_open(flat(BANK, BANK.top - 1), 2)
    assert describe(open_code(encode(BANK, answers))) == describe(BANK, answers)


def test_a_result_opened_from_an_earlier_version_says_so() -> None:
    marked = describe(open_code(V1_CODE))
    assert marked["code"] == V1_CODE
    legacy = marked["legacy"]
    assert isinstance(legacy, dict)
    assert legacy["version"] == 1
    assert isinstance(legacy["message"], str)
    assert legacy["message"]


@pytest.mark.parametrize("level", BANK.level_numbers[:-1])
def test_every_step_a_result_links_is_labelled_with_its_level_and_anchor(level: int) -> None:
    """Each area's guide at each level, as results give them: the label names the level of
    the page it links and the anchor's words."""
    data = report(flat(BANK, level))
    guides = [(item["guide"], item["guide_label"]) for item in data["profile"]]
    assert guides
    for guide, label in guides:
        page = guide.partition("#")[0]
        number = next((lv.number for lv in BANK.levels if lv.page == page), None)
        assert label.startswith(f"Level {number}" if number else "Playbook")
        assert label == guide_label(BANK, guide)


# --- the bank as JSON --------------------------------------------------------------------------


def test_bank_to_dict_carries_levels_steps_options_and_rules() -> None:
    data: dict[str, Any] = describe(BANK)
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == 2
    assert data["code_version"] == BANK.code_version
    assert [(lv["number"], lv["name"], lv["page"]) for lv in data["levels"]] == [
        (lv.number, lv.name, lv.page) for lv in BANK.levels
    ]
    assert [(t["id"], t["levels"], t["anchor"]) for t in data["themes"]] == [
        (t.id, list(t.levels), t.anchor) for t in BANK.themes
    ]
    for item, dimension in zip(data["dimensions"], BANK.dimensions, strict=True):
        assert item["id"] == dimension.id
        assert item["steps"] == {str(n): dimension.step(n) for n in BANK.level_numbers}
        assert item["questions"] == [q.id for q in BANK.questions_for(dimension.id)]
    for item, question in zip(data["questions"], BANK.questions, strict=True):
        assert (item["id"], item["number"], item["dimension"]) == (
            question.id,
            question.number,
            question.dimension,
        )
        assert item["options"] == [
            {"level": o.level, "text": o.text, "basis": o.basis, "addition": o.addition}
            for o in question.options
        ]
    assert data["not_sure"] == {"label": NOT_SURE_LABEL, "value": None}
    assert data["scoring"]["min_dimensions"] == BANK.scoring.min_dimensions
    rules = data["scoring"]["rules"]
    assert rules
    assert all(isinstance(rule, str) and rule for rule in rules)


@PROPERTY
@given(any_answers(BANK))
def test_no_area_is_called_weakest_when_it_stands_level_with_the_strongest(
    answers: Answers,
) -> None:
    result = score(BANK, answers)
    counted = [d.counted for d in result.dimensions if d.applies and d.counted is not None]
    if not counted or result.level is None:
        return
    assert all((item.counted or 0) < max(counted) for item in result.weakest)


@pytest.mark.parametrize("level", BANK.level_numbers)
def test_a_flat_profile_has_no_weakest_area(level: int) -> None:
    assert report(flat(BANK, level))["weakest"] == []
