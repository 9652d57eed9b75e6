"""Helpers for the result-code tests (``tests/test_quiz_codes_*.py``): sample answers and their
codes, reading a code back, and the code format written out independently of quiz/ (checksums,
varints, slots) to build codes by hand. Every id, number and level comes from the loaded bank.
"""

from __future__ import annotations

import base64
import binascii

from quiz import Answers, Bank, encode, open_code
from quiz.build import site
from tests.quiz_support import BANK, flat


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
