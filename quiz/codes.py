"""Result codes: a short, URL-safe string that stores a set of answers.

A code looks like ``v1.CRhHhnriIA`` (question 1 at level 3, question 4 "not sure",
question 11 at level 5) and is made of:

* a version prefix, ``v1.``;
* base64url text (no ``=`` padding) of a byte string holding

  * one unsigned LEB128 varint per answered question, worth
    ``question number * 6 + level`` where level is 1 to 5, or 0 for "not sure";
    entries are sorted by question number;
  * a 4-byte big-endian CRC-32 of those bytes (salted with the version), so
    damaged or mistyped codes are detected.

Answers are stored by question ``number``, not by position, so a code stays
readable after questions are added to the bank. Numbers listed in the bank's
``retired`` list are skipped when decoding; any other unknown number is an error.

Decoding never raises anything but :class:`~quiz.errors.CodeError`, whose
message is written for the reader of the result page.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping

from .answers import Answers, check_answers
from .errors import CodeError
from .model import LEVEL_NUMBERS, Bank

__all__ = [
    "CODE_VERSION",
    "DAMAGED",
    "EMPTY",
    "FOREIGN",
    "NEWER",
    "UNKNOWN_QUESTION",
    "decode",
    "encode",
]

#: Version written by :func:`encode`; codes with a higher version are refused.
CODE_VERSION = 1

DAMAGED = (
    "This result link is damaged or incomplete. Check that you copied all of it, "
    "or take the assessment again."
)
NEWER = (
    "This result link was made by a newer version of the assessment. Reload the "
    "page to get the latest version, then open the link again."
)
FOREIGN = (
    "This does not look like a result link from this assessment. Check that you "
    "copied the right link."
)
EMPTY = "No result code was given. Paste the code or link from your result page."
UNKNOWN_QUESTION = (
    "This result link mentions a question that this version of the assessment "
    "does not know, so it cannot be shown here."
)

_SLOTS = 6  # level values 0..5, where 0 means "not sure"
_CHECK_BYTES = 4
_MAX_VARINT_BYTES = 3
_MAX_CODE_LENGTH = 2000
_CODE = re.compile(r"v([0-9]{1,6})\.([A-Za-z0-9_-]*)")
_LOOKS_VERSIONED = re.compile(r"v[0-9]{1,6}\.")


def _checksum(payload: bytes) -> bytes:
    crc = binascii.crc32(b"ex-maturity/v%d:" % CODE_VERSION + payload)
    return (crc & 0xFFFFFFFF).to_bytes(_CHECK_BYTES, "big")


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _read_varints(payload: bytes) -> list[int]:
    values: list[int] = []
    value = shift = used = 0
    for byte in payload:
        value |= (byte & 0x7F) << shift
        shift += 7
        used += 1
        if used > _MAX_VARINT_BYTES:
            raise CodeError(DAMAGED)
        if not byte & 0x80:
            if used > 1 and byte == 0:  # padded, non-minimal form
                raise CodeError(DAMAGED)
            values.append(value)
            value = shift = used = 0
    if used:
        raise CodeError(DAMAGED)
    return values


def _to_text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _from_text(text: str) -> bytes:
    if len(text) % 4 == 1:
        raise CodeError(DAMAGED)
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise CodeError(DAMAGED) from None
    if _to_text(raw) != text:  # stray bits in the last character
        raise CodeError(DAMAGED)
    return raw


def encode(bank: Bank, answers: Mapping[str, int | None]) -> str:
    """Return the result code for ``answers`` (validated against ``bank``)."""
    checked = check_answers(bank, answers)
    pairs = sorted(
        (bank.question(question_id).number, 0 if level is None else level)
        for question_id, level in checked.items()
    )
    payload = b"".join(_varint(number * _SLOTS + level) for number, level in pairs)
    return f"v{CODE_VERSION}." + _to_text(payload + _checksum(payload))


def decode(bank: Bank, code: str) -> Answers:
    """Turn a result code back into answers (question id -> level or None).

    Only questions stored in the code appear in the result, in bank order.
    Raises :class:`CodeError` for anything that is not a valid code.
    """
    if not isinstance(code, str):
        raise CodeError(FOREIGN)
    text = code.strip()
    if not text:
        raise CodeError(EMPTY)
    if len(text) > _MAX_CODE_LENGTH:
        raise CodeError(DAMAGED)
    match = _CODE.fullmatch(text)
    if match is None:
        raise CodeError(DAMAGED if _LOOKS_VERSIONED.match(text) else FOREIGN)
    version = int(match[1])
    if version > CODE_VERSION:
        raise CodeError(NEWER)
    if version != CODE_VERSION:
        raise CodeError(DAMAGED)
    raw = _from_text(match[2])
    if len(raw) < _CHECK_BYTES:
        raise CodeError(DAMAGED)
    payload, check = raw[:-_CHECK_BYTES], raw[-_CHECK_BYTES:]
    if _checksum(payload) != check:
        raise CodeError(DAMAGED)
    found: dict[int, int | None] = {}
    for value in _read_varints(payload):
        number, level = divmod(value, _SLOTS)
        if number == 0 or number in found:
            raise CodeError(DAMAGED)
        found[number] = level if level in LEVEL_NUMBERS else None
    answers: Answers = {}
    for number in found:
        if number in bank.retired:
            continue
        try:
            bank.question_by_number(number)
        except KeyError:
            raise CodeError(UNKNOWN_QUESTION) from None
    for question in bank.questions:
        if question.number in found:
            answers[question.id] = found[question.number]
    return answers
