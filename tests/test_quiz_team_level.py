"""The team engine's team level: the median of the members' own levels (an exact half rounding
down), the possible level, members without a level, v1 links, and the team's statement and
rule in sentences; with properties of the rule over any members' levels.

These tests reach the engine as a reader's program does, through :func:`quiz.team_view` over
the members' result codes and :func:`quiz.describe` for its sentence. Dimensions and levels
are read from the loaded bank; expected levels come from each member's own result, so the
tests hold whatever rule scores a single result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, encode, open_code, score, team_view
from quiz.build import team_rules
from tests.quiz_support import V1_CASES, by_dimension, flat
from tests.quiz_team_support import (
    BANK,
    FIRST,
    LOW,
    MIDDLE,
    TOP,
    check_within_levels,
    key,
    median_rounding_down,
    results,
    rules_limit,
    statement,
    steady_team,
    team_of,
)

# --- the team level ----------------------------------------------------------------------------


def test_the_team_level_is_the_median_of_the_members_own_levels() -> None:
    people = [flat(BANK, level) for level in (LOW, TOP, MIDDLE)]
    assert [r.level for r in results(people)] == [LOW, TOP, MIDDLE]
    view = team_of(people)
    assert (view.level, view.possible_level) == (MIDDLE, MIDDLE)
    assert view.levels == (LOW, TOP, MIDDLE)


def test_two_people_meet_halfway_and_an_exact_half_rounds_down() -> None:
    assert team_of([flat(BANK, 2), flat(BANK, 4)]).level == 3
    assert team_of([flat(BANK, 2), flat(BANK, 3)]).level == 2
    teams = ([2, 4], [2, 3], [3, 1, 2], [1, 1, 5, 5])
    assert [steady_team(levels).level for levels in teams] == [3, 2, 2, 3]


def test_people_at_the_same_level_with_different_weak_areas_make_a_team_at_that_level() -> None:
    """The issue: three people each held at one level by a different weak area made a team two
    levels higher on the site, because the middle answer to each question hid every weak
    area. The team level is now the middle of their own levels."""
    held: dict[int, list[Answers]] = {}
    for dimension in BANK.dimensions:
        answers = by_dimension(BANK, TOP, **{key(dimension.id): LOW})
        level = score(BANK, answers).level
        if level is not None and level < TOP:
            held.setdefault(level, []).append(answers)
    level, people = max(held.items(), key=lambda item: len(item[1]))
    assert len(people) >= 3, "no three areas hold a result at the same level"
    view = team_of(people[:3])
    assert view.levels == (level, level, level)
    assert view.level == view.possible_level == level
    assert all(area.median == TOP for area in view.dimensions)  # one in three: no majority


def test_the_possible_level_is_the_median_of_the_possible_levels_never_below_the_level() -> None:
    open_top: Answers = {
        q.id: (None if q.dimension == FIRST.id else MIDDLE) for q in BANK.questions
    }
    people = [open_top, open_top, flat(BANK, MIDDLE)]
    team = results(people)
    view = team_of(people)
    assert view.level == median_rounding_down([r.level or 0 for r in team])
    assert view.possible_level == median_rounding_down([r.possible_level or 0 for r in team])
    assert view.possible_level is not None
    assert view.possible_level >= view.level


def test_a_member_without_a_level_leaves_the_team_without_one_and_is_named() -> None:
    """Leaving them out would let one "Not sure" raise the team level (1, 2 and 5 make 2;
    without the 1, 2 and 5 make 3), so the team waits for their level."""
    only_one_area: Answers = {q.id: MIDDLE for q in BANK.questions_for(FIRST.id)}
    people = [flat(BANK, LOW), only_one_area, flat(BANK, TOP)]
    assert results(people)[1].level is None
    view = team_of(people)
    assert (view.level, view.possible_level, view.unlevelled) == (None, None, (1,))
    sentence = statement(view, ["Ana", "Ben", "Cy"])
    assert sentence.startswith("The team has no level yet: Ben's result has no level")
    assert "Ben answers enough questions for a level, or is left out" in sentence
    # The areas still compare everyone who has a level there.
    assert view.dimensions[0].count == 3
    assert view.dimensions[1].count == 2


def barely_levelled(level: int) -> tuple[Answers, str]:
    """Answers that have a level one "Not sure" takes away: the fewest areas a level needs, all
    at ``level``, the last of them with one answer (returned with that question's id)."""
    for count in range(1, len(BANK.dimensions) + 1):
        areas = BANK.dimensions[:count]
        answers: Answers = {q.id: level for d in areas for q in BANK.questions_for(d.id)}
        last = BANK.questions_for(areas[-1].id)
        answers |= {q.id: None for q in last[1:]}
        if score(BANK, answers).level is not None:
            return answers, last[0].id
    raise AssertionError("no answers reach a level")


def test_losing_a_level_to_not_sure_does_not_let_the_others_raise_the_team_level() -> None:
    """Levels 1, 2 and 5 make a Level 2 team. One "Not sure" takes the Level 1 person's level
    away; leaving them out would make Levels 2 and 5 a Level 3 team."""
    edge, question = barely_levelled(LOW)
    people = [edge, flat(BANK, 2), flat(BANK, TOP)]
    assert [r.level for r in results(people)] == [LOW, 2, TOP]
    before = team_of(people)
    assert before.level == 2
    people[0] = edge | {question: None}
    assert score(BANK, people[0]).level is None
    assert steady_team([2, TOP]).level == median_rounding_down([2, TOP]) > 2  # leaving them out
    after = team_of(people)
    assert after.level is None
    assert statement(after).startswith(
        "The team has no level yet: Person 1's result has no level of its own"
    )


def test_a_v1_link_counts_with_the_level_its_link_shows() -> None:
    case = next(c for c in V1_CASES if c["level"] is not None)
    view = team_view([encode(BANK, flat(BANK, TOP)), case["code"]])
    old = open_code(case["code"]).result
    assert view.levels == (TOP, case["level"]) == (TOP, old.level)
    assert view.possible_levels == (TOP, old.possible_level)
    assert view.level == median_rounding_down([TOP, case["level"]])
    for area in view.dimensions:  # it joins every area it has a level in
        assert area.levels == (TOP, old.area_level(area.id))
    assert view.compared == (0,)  # its questions differ: compared by area only
    for split in view.disagreements:
        assert all(answer.member == 0 for q in split.questions for answer in q.answers)


def test_the_team_statement_gives_the_level_and_the_range_of_the_people() -> None:
    view = team_of([flat(BANK, 2), flat(BANK, 4), flat(BANK, 3)])
    assert statement(view) == (
        "Team: Level 3 confirmed, the middle of the 3 people's own confirmed levels "
        "(from Level 2 to Level 4)."
    )
    alone = team_of([flat(BANK, 2)])
    assert statement(alone) == "Team: Level 2 confirmed, the one person's own level."


def test_the_team_rule_reads_as_sentences_with_the_banks_numbers() -> None:
    rules = team_rules(BANK)
    assert all(isinstance(rule, str) and rule.endswith(".") for rule in rules)
    text = " ".join(rules)
    # The worked examples are what the engine gives for two such people.
    meet, above = steady_team([LOW, TOP]).level, BANK.level_numbers[1]
    assert meet == median_rounding_down([LOW, TOP])
    assert f"Level {LOW} and Level {TOP} make a Level {meet} team" in text
    assert steady_team([LOW, above]).level == LOW
    assert f"at Level {LOW} and Level {above}, a Level {LOW} team" in text
    assert "up to 3 areas" in text
    assert rules_limit() == 3
    assert "median" in text
    assert '"Not sure" never raises it' in text


# --- the rule over the members' levels ----------------------------------------------------------

LEVEL = st.sampled_from(BANK.level_numbers)


@settings(max_examples=300, deadline=None)
@given(levels=st.lists(LEVEL, min_size=1, max_size=9))
def test_the_team_level_is_the_median_of_any_levels_an_exact_half_rounding_down(
    levels: list[int],
) -> None:
    """People who answered everything at one level each: the team, and every area, is at the
    median of their levels, halfway between the two middle ones for an even count."""
    view = steady_team(levels)
    expected = median_rounding_down(levels)
    assert (view.level, view.possible_level) == (expected, expected), levels
    assert {area.median for area in view.dimensions} == {expected}


@settings(max_examples=300, deadline=None)
@given(
    levels=st.lists(st.one_of(st.none(), LEVEL), min_size=1, max_size=9),
    data=st.data(),
)
def test_lowering_or_losing_one_members_level_never_raises_the_team_level(
    levels: list[int | None], data: st.DataObject
) -> None:
    """What makes "Not sure never raises the team level" hold for any rule that scores a
    single result, as long as "Not sure" never raises that person's own level."""
    who = data.draw(st.integers(0, len(levels) - 1), label="who")
    own = levels[who]
    lower = data.draw(
        st.one_of(st.none(), st.sampled_from([v for v in BANK.level_numbers if v <= (own or 0)]))
        if own is not None
        else st.none(),
        label="lower",
    )
    changed = [*levels[:who], lower, *levels[who + 1 :]]
    before = steady_team(levels)
    after = steady_team(changed)
    assert before.levels == tuple(levels)
    check_within_levels(before)
    if after.level is not None:
        assert before.level is not None
        assert after.level <= before.level
