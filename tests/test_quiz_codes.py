"""Result codes: round trips, compatibility with a growing bank, and resistance to garbage."""

from __future__ import annotations

import base64
import copy
import random
import re
import tomllib
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import AnswerError, Bank, CodeError, decode, encode, load_bank, parse_bank
from quiz import codes as codes_module

BANK = load_bank()
IDS = [q.id for q in BANK.questions]
PRISTINE: dict[str, Any] = tomllib.loads(
    resources.files("quiz").joinpath("bank.toml").read_text(encoding="utf-8")
)
ANSWERS = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(IDS, st.one_of(st.none(), st.integers(min_value=1, max_value=5))),
)
URL_SAFE = re.compile(r"v1\.[A-Za-z0-9_-]+")
SAMPLE_CODES = [
    encode(BANK, dict.fromkeys(IDS, 3)),
    encode(BANK, {IDS[0]: 1, IDS[4]: None, IDS[-1]: 5}),
    encode(BANK, {}),
    encode(BANK, {q: (i % 5) + 1 for i, q in enumerate(IDS)}),
]


def grown_bank(extra_number: int = 13) -> Bank:
    """The packaged bank plus one new question, as if added in a later release."""
    data = copy.deepcopy(PRISTINE)
    data["questions"].append(
        {
            "id": "metrics-extra",
            "number": extra_number,
            "dimension": "metrics",
            "text": "A question added later?",
            "options": {str(n): f"Statement {n}." for n in range(1, 6)},
        }
    )
    return parse_bank(data, "grown.toml")


def shrunk_bank(removed: str, retire: bool) -> Bank:
    """The packaged bank without one question, optionally retiring its number."""
    data = copy.deepcopy(PRISTINE)
    number = next(q["number"] for q in data["questions"] if q["id"] == removed)
    data["questions"] = [q for q in data["questions"] if q["id"] != removed]
    if retire:
        data["retired"] = [number]
    return parse_bank(data, "shrunk.toml")


def decodes_or_code_error(text: str) -> None:
    """The only acceptable outcomes: valid answers, or CodeError."""
    message: str | None = None
    try:
        answers = decode(BANK, text)
    except CodeError as exc:
        message = str(exc)
        answers = {}
    assert set(answers) <= set(IDS)
    assert all(level is None or 1 <= level <= 5 for level in answers.values())
    if message is not None:
        assert message
        assert "\n" not in message


def checksummed(payload: bytes) -> str:
    """A code with a valid checksum around an arbitrary payload."""
    raw = payload + codes_module._checksum(payload)
    return "v1." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# --- round trips --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_any_answer_set_round_trips_through_a_code(answers: dict[str, int | None]) -> None:
    code = encode(BANK, answers)
    assert URL_SAFE.fullmatch(code)
    assert decode(BANK, code) == answers


@settings(max_examples=100, deadline=None)
@given(ANSWERS)
def test_the_code_does_not_depend_on_answer_order(answers: dict[str, int | None]) -> None:
    assert encode(BANK, answers) == encode(BANK, dict(reversed(list(answers.items()))))


def test_a_full_code_is_short_enough_for_a_link() -> None:
    assert len(encode(BANK, dict.fromkeys(IDS, 5))) <= 30


def test_not_sure_is_kept_apart_from_unanswered() -> None:
    assert decode(BANK, encode(BANK, {IDS[0]: None})) == {IDS[0]: None}
    assert decode(BANK, encode(BANK, {})) == {}


def test_encode_refuses_invalid_answers() -> None:
    with pytest.raises(AnswerError):
        encode(BANK, {"nope": 3})
    with pytest.raises(AnswerError):
        encode(BANK, {IDS[0]: 9})


def test_surrounding_whitespace_is_ignored() -> None:
    code = SAMPLE_CODES[0]
    assert decode(BANK, f"  {code}\n") == decode(BANK, code)


# --- a changing bank --------------------------------------------------------------------


def test_a_code_stays_decodable_after_the_bank_gains_a_question() -> None:
    answers: dict[str, int | None] = {IDS[0]: 2, IDS[5]: None, IDS[-1]: 4}
    old_code = encode(BANK, answers)
    assert decode(grown_bank(), old_code) == answers


def test_a_code_stays_decodable_after_a_gap_in_numbering() -> None:
    bigger = grown_bank(extra_number=40)
    code = encode(bigger, {"metrics-extra": 5, IDS[1]: 1})
    assert decode(bigger, code) == {IDS[1]: 1, "metrics-extra": 5}


def test_a_code_naming_a_question_this_bank_lacks_is_a_code_error() -> None:
    newer_code = encode(grown_bank(), {"metrics-extra": 3})
    with pytest.raises(CodeError, match="does not know"):
        decode(BANK, newer_code)


def test_answers_to_retired_questions_are_ignored() -> None:
    code = encode(BANK, {"metrics-use": 2, "metrics-follow-up": 4})
    assert decode(shrunk_bank("metrics-follow-up", retire=True), code) == {"metrics-use": 2}


def test_a_removed_but_not_retired_question_makes_old_codes_fail_loudly() -> None:
    code = encode(BANK, {"metrics-use": 2, "metrics-follow-up": 4})
    with pytest.raises(CodeError):
        decode(shrunk_bank("metrics-follow-up", retire=False), code)


# --- garbage in ----------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_random_text_only_ever_raises_code_error(text: str) -> None:
    decodes_or_code_error(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
def test_random_versioned_base64_text_only_ever_raises_code_error(body: str) -> None:
    decodes_or_code_error("v1." + body)


def test_thousand_random_byte_strings_only_ever_raise_code_error() -> None:
    rng = random.Random(20261124)
    for _ in range(1000):
        raw = rng.randbytes(rng.randint(0, 40))
        text = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        decodes_or_code_error("v1." + text)
        decodes_or_code_error(text)


def test_every_truncation_of_a_valid_code_is_a_code_error() -> None:
    for code in SAMPLE_CODES:
        for cut in range(len(code)):
            with pytest.raises(CodeError):
                decode(BANK, code[:cut])


def test_every_single_character_change_of_a_valid_code_is_a_code_error() -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    rng = random.Random(7)
    checked = 0
    for code in SAMPLE_CODES:
        for position in range(len(code)):
            for replacement in rng.sample(alphabet, 6):
                if replacement == code[position]:
                    continue
                mutated = code[:position] + replacement + code[position + 1 :]
                with pytest.raises(CodeError):
                    decode(BANK, mutated)
                checked += 1
    assert checked > 400


def test_a_newer_version_gets_the_newer_version_message() -> None:
    body = SAMPLE_CODES[0].removeprefix("v1.")
    for code in ("v2." + body, "v99.AAAA", "v2."):
        with pytest.raises(CodeError, match="newer version of the assessment"):
            decode(BANK, code)


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "https://example.org/levels/level-3/#result=abc",
        "<script>alert(1)</script>",
        "AAAA",
        "V1.AAAAAA",
        "1.AAAAAA",
        "x" * 500,
    ],
)
def test_foreign_strings_are_recognised_as_not_ours(text: str) -> None:
    with pytest.raises(CodeError, match="does not look like a result link"):
        decode(BANK, text)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_code_asks_for_one(text: str) -> None:
    with pytest.raises(CodeError, match="No result code was given"):
        decode(BANK, text)


def test_damaged_codes_get_the_damaged_message() -> None:
    with pytest.raises(CodeError, match="damaged or incomplete"):
        decode(BANK, SAMPLE_CODES[0][:-3])
    with pytest.raises(CodeError, match="damaged or incomplete"):
        decode(BANK, "v1.!!!")
    with pytest.raises(CodeError, match="damaged or incomplete"):
        decode(BANK, "v1." + "A" * 3000)


@pytest.mark.parametrize(
    "payload",
    [
        bytes([1 * 6 + 3, 1 * 6 + 4]),  # the same question twice
        bytes([0 * 6 + 3]),  # question number 0
        bytes([0x86]),  # varint cut short
        bytes([0x86, 0x80, 0x80, 0x01]),  # varint longer than allowed
        bytes([0x86, 0x00]),  # padded varint
    ],
)
def test_well_checksummed_but_malformed_payloads_are_code_errors(payload: bytes) -> None:
    with pytest.raises(CodeError, match="damaged"):
        decode(BANK, checksummed(payload))


def test_a_hand_built_payload_with_a_valid_checksum_decodes() -> None:
    assert decode(BANK, checksummed(bytes([1 * 6 + 3, 2 * 6 + 0]))) == {
        "metrics-use": 3,
        "metrics-follow-up": None,
    }


def test_non_string_input_is_a_code_error() -> None:
    with pytest.raises(CodeError):
        decode(BANK, 12345)  # type: ignore[arg-type]
