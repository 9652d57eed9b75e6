"""Result codes: round trips, result links, a changing bank, old ``v1.`` links, and resistance to
garbage. Every id, number and level comes from the loaded bank."""

from __future__ import annotations

import base64
import binascii
import json
import os
import random
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from fractions import Fraction
from math import floor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness import copy_environment, make_copy
from quiz import (
    Answers,
    Bank,
    check_answers,
    describe,
    encode,
    load_bank,
    open_code,
    parse_bank,
    score,
)
from quiz.build import site
from quiz.errors import (
    DAMAGED,
    EMPTY,
    FOREIGN,
    NEWER,
    OTHER_SITE,
    UNKNOWN_QUESTION,
    BankError,
    CodeError,
)
from quiz.web import decode_json
from tests.quiz_support import (
    BANKS,
    ROOT,
    any_answers,
    bank_data,
    flat,
    grow,
    multi_question_dimensions,
    v1_bank,
)

BANK = load_bank()
V1 = v1_bank()
BOTH_BANKS = pytest.mark.parametrize("make_bank", list(BANKS.values()), ids=list(BANKS))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
V1_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8")
)["cases"]
V2_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v2_codes.json").read_text(encoding="utf-8")
)["cases"]


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


LINK_BASE = "https://ex-maturity.github.io/ex-maturity-playbook/levels/level-3/#result="


def url_safe(bank: Bank) -> re.Pattern[str]:
    return re.compile(rf"v{bank.code_version}\.[A-Za-z0-9_-]+")


def sample_answers(bank: Bank) -> list[Answers]:
    ids = [q.id for q in bank.questions]
    middle = bank.level_numbers[len(bank.level_numbers) // 2]
    return [
        flat(bank, middle),
        {ids[0]: bank.lowest, ids[len(ids) // 2]: None, ids[-1]: bank.top},
        {},
        {q: bank.level_numbers[i % bank.top] for i, q in enumerate(ids)},
        flat(bank, None),
    ]


SAMPLE_CODES = [encode(BANK, answers) for answers in sample_answers(BANK)]


def decodes_or_code_error(text: str, bank: Bank = BANK) -> None:
    """The only acceptable outcomes: valid answers, or CodeError with a one-line message."""
    message: str | None = None
    try:
        answers = decode(bank, text)
    except CodeError as exc:
        message, answers = str(exc), {}
    if message is not None:
        assert message
        assert "\n" not in message
    assert set(answers) <= {q.id for q in bank.questions}
    assert all(level is None or level in bank.level_numbers for level in answers.values())


def opens_or_code_error(text: str) -> None:
    """:func:`open_code` (any version) only ever raises CodeError."""
    try:
        opened = open_code(text)
    except CodeError as exc:
        message = str(exc)
    else:
        assert opened.result.level in {None, *opened.bank.level_numbers}
        return
    assert message
    assert "\n" not in message


def decode(bank: Bank, text: str) -> Answers:
    """The answers a code (or link) of ``bank``'s version holds, read through the public API."""
    return open_code(text, bank).answers


# The code format, written out here independently of quiz/ (it is what every published link
# holds): "v<version>." then base64url without padding of the payload and a 4-byte CRC-32 of
# "<namespace>/v<version>:" + payload; the payload is varints of question number x slots + slot.


def checksum(payload: bytes, version: int, namespace: str) -> bytes:
    crc = binascii.crc32(f"{namespace}/v{version}:".encode() + payload)
    return (crc & 0xFFFFFFFF).to_bytes(4, "big")


def checksummed(payload: bytes, bank: Bank = BANK) -> str:
    """A code with a valid checksum around an arbitrary payload."""
    version = bank.code_version
    raw = payload + checksum(payload, version, site().code_namespace)
    return f"v{version}." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        if not value:
            return bytes([*out, low])
        out.append(low | 0x80)


def slots(bank: Bank) -> int:
    """Level values 0 ("not sure") to the top level; from version 3, one more for "na"."""
    return bank.top + (2 if bank.code_version >= 3 else 1)


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


# --- garbage in -----------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_ever_raises_code_error(text: str) -> None:
    decodes_or_code_error(text)
    opens_or_code_error(text)
    opens_or_code_error(LINK_BASE + text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([1, BANK.code_version]), st.text(alphabet=ALPHABET))
def test_random_versioned_base64_text_only_ever_raises_code_error(version: int, body: str) -> None:
    decodes_or_code_error(f"v{version}.{body}")
    opens_or_code_error(f"v{version}.{body}")


def test_thousand_random_byte_strings_only_ever_raise_code_error() -> None:
    rng = random.Random(20261124)
    for _ in range(1000):
        raw = rng.randbytes(rng.randint(0, 40))
        text = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        for candidate in (f"v{BANK.code_version}.{text}", f"v1.{text}", text):
            decodes_or_code_error(candidate)
            opens_or_code_error(candidate)


def test_every_truncation_of_a_valid_code_is_a_code_error() -> None:
    for code in [*SAMPLE_CODES, *(case["code"] for case in V1_CASES[:5])]:
        for cut in range(len(code)):
            with pytest.raises(CodeError):
                open_code(code[:cut])
        with pytest.raises(CodeError):
            decode(BANK, code[: len(code) - 1])


def test_every_single_character_change_of_a_valid_code_is_a_code_error() -> None:
    rng = random.Random(7)
    checked = positions = 0
    for code in [*SAMPLE_CODES, V1_CASES[-1]["code"]]:
        for position in range(len(code)):
            positions += 1
            for replacement in rng.sample(ALPHABET + ".", 6):
                if replacement == code[position]:
                    continue
                mutated = code[:position] + replacement + code[position + 1 :]
                with pytest.raises(CodeError):
                    open_code(mutated)
                checked += 1
    assert checked >= 5 * positions


def test_a_newer_version_gets_the_newer_version_message() -> None:
    body = SAMPLE_CODES[0].partition(".")[2]
    newer = BANK.code_version + 1
    for code in (f"v{newer}.{body}", "v99.AAAA", f"v{newer}.", LINK_BASE + f"v{newer}.{body}"):
        with pytest.raises(CodeError) as caught:
            open_code(code)
        assert str(caught.value) == NEWER
        with pytest.raises(CodeError) as caught:
            decode(BANK, code)
        assert str(caught.value) == NEWER


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "https://example.org/levels/level-3/#result=abc",
        "<script>alert(1)</script>",
        "AAAA",
        "V2.AAAAAA",
        "2.AAAAAA",
        "x" * 500,
    ],
)
def test_foreign_strings_are_recognised_as_not_ours(text: str) -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, text)
    assert str(caught.value) == FOREIGN


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_code_asks_for_one(text: str) -> None:
    with pytest.raises(CodeError) as caught:
        open_code(text)
    assert str(caught.value) == EMPTY


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE_CODES[0][:-3],
        f"v{BANK.code_version}.!!!",
        f"v{BANK.code_version}." + "A" * 3000,
        f"v{BANK.code_version}.",
        "v0.AAAAAAAA",
    ],
    ids=["truncated", "bad-characters", "too-long", "empty-body", "version-zero"],
)
def test_damaged_codes_get_the_damaged_message(text: str) -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, text)
    assert str(caught.value) == DAMAGED


def malformed_payloads(bank: Bank) -> dict[str, bytes]:
    number = bank.questions[0].number
    return {
        "same-question-twice": varint(number * slots(bank) + 1) + varint(number * slots(bank) + 2),
        "question-number-zero": varint(0 * slots(bank) + 1),
        "varint-cut-short": bytes([0x86]),
        "varint-too-long": bytes([0x86, 0x80, 0x80, 0x01]),
        "padded-varint": bytes([0x86, 0x00]),
    }


@pytest.mark.parametrize("kind", list(malformed_payloads(BANK)))
def test_well_checksummed_but_malformed_payloads_are_damaged(kind: str) -> None:
    with pytest.raises(CodeError) as caught:
        decode(BANK, checksummed(malformed_payloads(BANK)[kind]))
    assert str(caught.value) == DAMAGED


def test_a_well_checksummed_unknown_question_number_is_unknown() -> None:
    unused = max({q.number for q in BANK.questions} | set(BANK.retired)) + 1
    with pytest.raises(CodeError) as caught:
        decode(BANK, checksummed(varint(unused * slots(BANK) + 1)))
    assert str(caught.value) == UNKNOWN_QUESTION


def test_a_hand_built_payload_with_a_valid_checksum_decodes() -> None:
    first, second = sorted(BANK.questions, key=lambda q: q.number)[:2]
    payload = varint(first.number * slots(BANK) + BANK.top) + varint(second.number * slots(BANK))
    expected = {first.id: BANK.top, second.id: None}
    assert decode(BANK, checksummed(payload)) == {
        q.id: expected[q.id] for q in BANK.questions if q.id in expected
    }
    assert encode(BANK, expected) == checksummed(payload)


@pytest.mark.parametrize("value", [12345, None, b"v2.AAAA", ["v2.AAAA"]])
def test_non_string_input_is_a_code_error(value: object) -> None:
    with pytest.raises(CodeError):
        decode(BANK, value)  # type: ignore[arg-type]
    with pytest.raises(CodeError):
        open_code(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The code namespace (site.json's extra.code_namespace): a copy with its own questions sets its
# own, and the original's links are then refused with a sentence, never read as its own.
# ---------------------------------------------------------------------------

RECORDED = [case["code"] for case in V1_CASES[:3] + V2_CASES[:3]]


# The copies run in a new Python each (a copy of the project whose site.json sets its own
# namespace, as an organisation's fork does), through the public API: quiz.open_code and
# quiz.web.decode_json there, given codes made here. One copy serves the module.
IN_COPY = """
import json, sys
from quiz import encode, load_bank, open_code
from quiz.errors import CodeError
from quiz.web import decode_json
bank = load_bank()
out = {"own": encode(bank, {q.id: 4 for q in bank.questions}), "opened": {}, "web": {}}
for text in json.loads(sys.stdin.read()):
    try:
        out["opened"][text] = open_code(text).result.level
    except CodeError as error:
        out["opened"][text] = str(error)
    out["web"][text] = json.loads(decode_json(text))
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def acme_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_copy(tmp_path_factory.mktemp("acme"), extra={"code_namespace": "acme-ex"})


def in_copy(copy: Path, texts: list[str]) -> dict[str, Any]:
    """What the copy's own scorer says of each text, and a code of its own."""
    proc = subprocess.run(
        [sys.executable, "-c", IN_COPY],
        input=json.dumps(texts),
        cwd=copy,
        env={**os.environ, **copy_environment(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


def test_the_original_site_salts_codes_with_the_namespace_its_links_were_made_with() -> None:
    """Every link the playbook has published carries its namespace: the recorded v1 and v2
    codes (made before there was a namespace setting) still open, and a new code ends with
    the checksum that namespace gives."""
    for case in V1_CASES[:3] + V2_CASES[:3]:
        assert open_code(case["code"]).result.level == case["level"]
    answers = {question.id: 3 for question in BANK.questions}
    code = encode(BANK, answers)
    payload = base64.urlsafe_b64decode(code[3:] + "==")[:-4]
    assert code == checksummed(payload)


def test_a_copy_with_its_own_namespace_refuses_the_originals_links_with_a_clear_sentence(
    acme_copy: Path,
) -> None:
    original = encode(BANK, {question.id: 2 for question in BANK.questions})
    link = f"https://ex-maturity.github.io/ex-maturity-playbook/levels/level-2/#result={original}"
    damaged = "v3." + "A" * 8
    seen = in_copy(acme_copy, [original, link, *RECORDED, damaged])
    for text in (original, link, *RECORDED):
        assert seen["opened"][text] == OTHER_SITE
        # The reader sees the same sentence on the copy's pages.
        assert seen["web"][text] == {"ok": False, "error": OTHER_SITE}
    assert "another site's assessment" in OTHER_SITE
    # A damaged code is still called damaged, not another site's.
    assert seen["opened"][damaged] == DAMAGED


def test_a_copy_reads_its_own_links_and_the_original_never_reads_them(acme_copy: Path) -> None:
    answers: Answers = {question.id: 4 for question in BANK.questions}
    seen = in_copy(acme_copy, [])
    own = seen["own"]
    assert in_copy(acme_copy, [own])["opened"][own] == score(BANK, answers).level
    assert in_copy(acme_copy, [own])["web"][own]["ok"] is True
    with pytest.raises(CodeError, match=re.escape(DAMAGED)):
        decode(BANK, own)  # the original cannot tell another namespace from damage
    assert json.loads(decode_json(own)) == {"ok": False, "error": DAMAGED}


def test_a_copy_without_the_frozen_banks_asks_old_links_to_retake(tmp_path: Path) -> None:
    """A fork that deleted quiz/bank_v1.toml cannot read version-1 links: it says so and
    asks for a fresh result, rather than calling the link damaged."""
    copy = make_copy(tmp_path / "copy")
    (copy / "quiz" / "bank_v1.toml").unlink()
    code = V1_CASES[0]["code"]
    seen = in_copy(copy, [code])
    assert "no longer supported" in seen["opened"][code]
    assert seen["web"][code]["ok"] is False
