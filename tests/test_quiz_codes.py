"""Result codes: round trips, result links, a changing bank, old ``v1.`` links, and resistance to
garbage. Every id, number and level comes from the loaded bank."""

from __future__ import annotations

import base64
import binascii
import json
import random
import re
import tomllib
from collections.abc import Callable
from fractions import Fraction
from math import floor
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import (
    CODE_VERSION,
    Answers,
    Bank,
    BankError,
    CodeError,
    check_answers,
    code_version,
    decode,
    encode,
    extract_code,
    load_bank,
    load_packaged_bank,
    open_code,
    opened_to_dict,
    parse_bank,
    score,
)
from quiz import codes as codes_module
from quiz import legacy as legacy_module
from quiz.codes import (
    DAMAGED,
    EMPTY,
    FOREIGN,
    NEWER,
    ORIGINAL_NAMESPACE,
    OTHER_SITE,
    UNKNOWN_QUESTION,
)
from quiz.legacy import LEGACY_NOTE
from quiz.site import Site, site
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


def checksummed(payload: bytes, bank: Bank = BANK) -> str:
    """A code with a valid checksum around an arbitrary payload."""
    version = bank.code_version
    raw = payload + codes_module._checksum(payload, version, site().code_namespace)
    return f"v{version}." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def varint(value: int) -> bytes:
    return codes_module._varint(value)


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
    v2 = load_packaged_bank(2)
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
    data["code_version"] = CODE_VERSION + 1
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
        assert extract_code(link) == code
        assert decode(BANK, link) == decode(BANK, code)
        assert code_version(link) == BANK.code_version


def test_extract_code_returns_a_bare_code_unchanged() -> None:
    assert extract_code(SAMPLE_CODES[0]) == SAMPLE_CODES[0]
    assert extract_code(f" {SAMPLE_CODES[0]} ") == SAMPLE_CODES[0]


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


def test_code_version_reads_the_prefix_of_codes_and_links() -> None:
    assert code_version(SAMPLE_CODES[0]) == BANK.code_version
    assert code_version(V1_CASES[0]["code"]) == 1
    assert code_version(LINK_BASE + V1_CASES[0]["code"]) == 1
    with pytest.raises(CodeError, match="newer version"):
        code_version(f"v{CODE_VERSION + 1}.AAAA")


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
    report = opened_to_dict(opened)
    assert report["level"] == case["level"]
    assert report["possible_level"] == case["level"]
    assert report["dimensions"] == case["dimensions"]
    assert report["code"] == case["code"]
    assert report["legacy"] == {"version": 1, "message": LEGACY_NOTE}
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
    assert opened_to_dict(opened)["legacy"] is None


def test_a_code_is_only_read_against_the_bank_of_its_version() -> None:
    with pytest.raises(CodeError) as caught:
        decode(V1, SAMPLE_CODES[0])
    assert str(caught.value) == DAMAGED
    with pytest.raises(CodeError) as caught:
        decode(BANK, V1_CASES[0]["code"])
    assert str(caught.value) == DAMAGED


def test_a_v1_body_under_the_current_prefix_is_damaged() -> None:
    body = V1_CASES[0]["code"].removeprefix("v1.")
    with pytest.raises(CodeError, match="damaged"):
        open_code(f"v{BANK.code_version}.{body}")
    with pytest.raises(CodeError, match="damaged"):
        open_code("v1." + SAMPLE_CODES[0].partition(".")[2])


def test_a_version_without_a_packaged_bank_asks_to_retake(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_bank(version: int) -> Bank:
        raise KeyError(version)

    monkeypatch.setattr(legacy_module, "load_packaged_bank", no_bank)
    with pytest.raises(CodeError, match="no longer supported"):
        open_code(V1_CASES[0]["code"])


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
    newer = CODE_VERSION + 1
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


def own_namespace(monkeypatch: pytest.MonkeyPatch, namespace: str) -> None:
    """This process, as a copy of the site whose site.json sets ``namespace``."""
    copy = Site(**{**site().__dict__, "code_namespace": namespace})
    monkeypatch.setattr(codes_module, "site", lambda: copy)


def test_the_original_site_salts_codes_with_its_recorded_namespace() -> None:
    """Every link the playbook has published carries this salt: the recorded v1 and v2 codes
    open exactly as before (test_every_recorded_v2_code_opens_with_its_original_level...)."""
    assert site().code_namespace == ORIGINAL_NAMESPACE
    answers = {question.id: 3 for question in BANK.questions}
    code = encode(BANK, answers)
    payload = base64.urlsafe_b64decode(code[3:] + "==")[:-4]
    expected = binascii.crc32(b"ex-maturity/v%d:" % BANK.code_version + payload)
    assert code.endswith(
        base64.urlsafe_b64encode(payload + expected.to_bytes(4, "big")).rstrip(b"=").decode()
    )


@pytest.mark.parametrize("code", [*RECORDED, "v3." + "A" * 8])
def test_a_copy_with_its_own_namespace_refuses_the_originals_links_with_a_clear_sentence(
    monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    original = encode(BANK, {question.id: 2 for question in BANK.questions})
    link = f"https://ex-maturity.github.io/ex-maturity-playbook/levels/level-2/#result={original}"
    own_namespace(monkeypatch, "acme-ex")
    for text in (original, link, *RECORDED):
        with pytest.raises(CodeError) as refused:
            open_code(text)
        assert str(refused.value) == OTHER_SITE
    assert "another site's assessment" in OTHER_SITE
    # A damaged code is still called damaged, not another site's.
    if code.startswith("v3.A"):
        with pytest.raises(CodeError, match=re.escape(DAMAGED)):
            open_code(code)


def test_a_copy_reads_its_own_links_and_the_original_never_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {question.id: 4 for question in BANK.questions}
    own_namespace(monkeypatch, "acme-ex")
    copys = encode(BANK, answers)
    assert decode(BANK, copys) == answers
    assert json.loads(decode_json(copys))["ok"] is True
    monkeypatch.undo()
    with pytest.raises(CodeError, match=re.escape(DAMAGED)):
        decode(BANK, copys)  # the original cannot tell another namespace from damage


def test_the_web_api_gives_the_reader_the_other_site_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = encode(BANK, {question.id: 1 for question in BANK.questions})
    own_namespace(monkeypatch, "acme-ex")
    assert json.loads(decode_json(original)) == {"ok": False, "error": OTHER_SITE}
