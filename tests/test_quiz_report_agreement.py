"""The result JSON (schema 2) agrees with the scorer field by field: the counts, levels and pages,
the profile behind each area's level, the contrasts, the blockers and the named areas and themes,
in the documented order of "what to do next". Expectations are read from the loaded bank.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import given

from quiz import Answers, encode, score
from quiz.types import NA, DimensionResult, Question
from tests.quiz_report_support import NA_LABEL, NOT_SURE_LABEL, PROPERTY, report
from tests.quiz_support import BANK, any_answers, guide_label, overview_page


def statement_of(question: Question, answer: object) -> str:
    if answer is None:
        return NOT_SURE_LABEL
    if answer == NA:
        return NA_LABEL
    assert isinstance(answer, int)
    return question.option(answer).text


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
