"""Result codes resist garbage: random text, truncated or changed codes and malformed payloads only
ever raise CodeError, each with the message for what it is (foreign, empty, damaged, newer, unknown
question). Every id, number and level comes from the loaded bank.
"""

from __future__ import annotations

import base64
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import Bank, encode, open_code
from quiz.errors import DAMAGED, EMPTY, FOREIGN, NEWER, UNKNOWN_QUESTION, CodeError
from tests.quiz_codes_support import SAMPLE_CODES, checksummed, decode, slots, varint
from tests.quiz_support import BANK, LINK_BASE, V1_CASES

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


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
