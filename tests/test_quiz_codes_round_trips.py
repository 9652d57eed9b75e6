"""Result codes: any answers round-trip through a code (with "Not applicable" from version 3, and
the slots of version 2 kept), result links decode like their codes, and codes stay readable as the
bank changes, or fail loudly where they cannot. Every id, number and level comes from the loaded
bank.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Answers, Bank, check_answers, encode, load_bank, open_code, parse_bank
from quiz.errors import DAMAGED, EMPTY, FOREIGN, UNKNOWN_QUESTION, BankError, CodeError
from tests.quiz_codes_support import (
    SAMPLE_CODES,
    checksummed,
    decode,
    sample_answers,
    slots,
    varint,
)
from tests.quiz_support import (
    BANK,
    BANKS,
    BOTH_BANKS,
    LINK_BASE,
    V1_CASES,
    any_answers,
    bank_data,
    flat,
    grow,
    multi_question_dimensions,
)


def url_safe(bank: Bank) -> re.Pattern[str]:
    return re.compile(rf"v{bank.code_version}\.[A-Za-z0-9_-]+")


# --- "Not applicable" and the slots of each version ------------------------------------------


def test_not_applicable_round_trips_through_a_v3_code() -> None:
    offered = [q for q in BANK.questions if q.not_applicable]
    assert offered, "the bank offers 'not applicable' on some questions"
    answers = check_answers(BANK, {offered[0].id: "na", BANK.questions[0].id: None})
    code = encode(BANK, answers)
    assert code.startswith("v3.")
    assert decode(BANK, code) == answers


def test_a_not_applicable_value_on_a_question_that_does_not_offer_it_is_damaged() -> None:
    plain = next(q for q in BANK.questions if not q.not_applicable)
    payload = varint(plain.number * slots(BANK) + BANK.top + 1)
    with pytest.raises(CodeError) as caught:
        decode(BANK, checksummed(payload))
    assert str(caught.value) == DAMAGED


def test_v2_codes_keep_their_slots_without_not_applicable() -> None:
    v2 = load_bank(version=2)
    first = v2.questions[0]
    payload = varint(first.number * (v2.top + 1) + v2.top)
    assert decode(v2, checksummed(payload, v2)) == {first.id: v2.top}


# --- round trips --------------------------------------------------------------------------


@BOTH_BANKS
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_answer_set_round_trips_through_a_code(
    make_bank: Callable[[], Bank], data: st.DataObject
) -> None:
    bank = make_bank()
    answers = data.draw(any_answers(bank))
    code = encode(bank, answers)
    assert url_safe(bank).fullmatch(code)
    assert decode(bank, code) == answers
    assert list(decode(bank, code)) == [q.id for q in bank.questions if q.id in answers]


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_code_does_not_depend_on_answer_order(data: st.DataObject) -> None:
    answers = data.draw(any_answers(BANK))
    assert encode(BANK, answers) == encode(BANK, dict(reversed(list(answers.items()))))


def test_different_answers_give_different_codes() -> None:
    codes = [encode(BANK, answers) for answers in sample_answers(BANK)]
    assert len(set(codes)) == len(codes)
    first = BANK.questions[0].id
    by_level = {encode(BANK, {first: level}) for level in (*BANK.level_numbers, None)}
    assert len(by_level) == BANK.top + 1


def test_a_full_code_stays_short_enough_for_a_link() -> None:
    # At most two bytes per answer plus a four-byte checksum, in base64.
    code = encode(BANK, flat(BANK, BANK.top))
    limit = len(f"v{BANK.code_version}.") + -(-(2 * len(BANK.questions) + 4) * 4 // 3)
    assert len(code) <= limit


def test_not_sure_is_kept_apart_from_unanswered() -> None:
    first = BANK.questions[0].id
    assert decode(BANK, encode(BANK, {first: None})) == {first: None}
    assert decode(BANK, encode(BANK, {})) == {}


def test_surrounding_whitespace_is_ignored() -> None:
    code = SAMPLE_CODES[0]
    assert decode(BANK, f"  {code}\n") == decode(BANK, code)


def test_a_bank_that_loads_can_read_back_its_own_codes() -> None:
    # A code_version newer than this package's code format would give codes it calls "newer".
    data = bank_data()
    data["code_version"] = BANK.code_version + 1
    try:
        bank = parse_bank(data, "newer.toml")
    except BankError as error:
        message = str(error)
    else:
        answers = flat(bank, bank.top)
        assert decode(bank, encode(bank, answers)) == answers
        return
    assert "field 'code_version'" in message


# --- result links ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", SAMPLE_CODES)
def test_a_full_result_link_decodes_like_its_code(code: str) -> None:
    for link in (LINK_BASE + code, f"  {LINK_BASE}{code}\n", LINK_BASE + code.replace(".", "%2E")):
        assert decode(BANK, link) == decode(BANK, code)
        assert open_code(link).bank.code_version == BANK.code_version


def test_a_link_without_a_result_is_not_ours() -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, LINK_BASE.partition("#")[0])
    assert str(caught.value) == FOREIGN


def test_a_link_with_an_empty_result_asks_for_a_code() -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, LINK_BASE)
    assert str(caught.value) == EMPTY


def test_a_link_with_broken_percent_encoding_is_damaged() -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, LINK_BASE + SAMPLE_CODES[0] + "%FF")
    assert str(caught.value) == DAMAGED


def test_the_prefix_of_a_code_or_link_chooses_the_bank_it_is_read_with() -> None:
    assert open_code(SAMPLE_CODES[0]).bank is BANK
    assert open_code(V1_CASES[0]["code"]).bank.code_version == 1
    assert open_code(LINK_BASE + V1_CASES[0]["code"]).bank.code_version == 1
    with pytest.raises(CodeError, match="newer version"):
        open_code(f"v{BANK.code_version + 1}.AAAA")


# --- a changing bank ------------------------------------------------------------------------


def shrunk_bank(retire: bool) -> tuple[Bank, str, str]:
    """The packaged bank without the last question of a multi-question dimension (optionally
    retiring its number); returns (bank, removed id, a kept id of the same dimension)."""
    dimension = multi_question_dimensions(BANK)[0]
    kept, removed = BANK.questions_for(dimension)[0], BANK.questions_for(dimension)[-1]
    data = bank_data()
    data["questions"] = [q for q in data["questions"] if q["id"] != removed.id]
    if retire:
        data["retired"] = [*data.get("retired", []), removed.number]
    return parse_bank(data, "shrunk.toml"), removed.id, kept.id


def test_a_code_stays_decodable_after_the_bank_gains_a_question() -> None:
    for answers in sample_answers(BANK):
        assert decode(BANKS["grown"](), encode(BANK, answers)) == answers


def test_a_code_stays_decodable_after_a_gap_in_numbering() -> None:
    far = max(q.number for q in BANK.questions) + 40
    grown = grow(number=far)
    bigger = parse_bank(tomllib.loads(grown.text), "gap.toml")
    answers: Answers = {BANK.questions[1].id: BANK.lowest, grown.question_id: BANK.top}
    assert decode(bigger, encode(bigger, answers)) == answers


def test_a_code_naming_a_question_this_bank_lacks_is_a_code_error() -> None:
    grown = BANKS["grown"]()
    newer_code = encode(grown, {grown.questions[-1].id: BANK.top})
    with pytest.raises(CodeError) as caught:
        decode(BANK, newer_code)
    assert str(caught.value) == UNKNOWN_QUESTION


def test_answers_to_retired_questions_are_ignored() -> None:
    bank, removed, kept = shrunk_bank(retire=True)
    code = encode(BANK, {kept: BANK.lowest, removed: BANK.top})
    assert decode(bank, code) == {kept: BANK.lowest}


def test_a_removed_but_not_retired_question_makes_old_codes_fail_loudly() -> None:
    bank, removed, kept = shrunk_bank(retire=False)
    code = encode(BANK, {kept: BANK.lowest, removed: BANK.top})
    with pytest.raises(CodeError) as caught:
        decode(bank, code)
    assert str(caught.value) == UNKNOWN_QUESTION
